#!/usr/bin/env bash
# Builds edgecc and runs every test: the lit suite (dialect, importer,
# conversion, codegen, driver errors, end-to-end checks on host and aarch64
# against ONNX backend data and ONNX Runtime references). Ends with the line
# "N passed, M failed"; exits non-zero if any test failed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${EDGECC_BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
"$root/scripts/make-test-data.sh"
set +e
/usr/lib/llvm-22/bin/lit -sv --xunit-xml-output "$build/lit-results.xml" "$build/test" "$@"
status=$?
set -e
/usr/bin/python3 - "$build/lit-results.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
suites = ET.parse(sys.argv[1]).getroot()
cases = list(suites.iter("testcase"))
failed = sum(1 for c in cases if c.find("failure") is not None)
skipped = sum(1 for c in cases if c.find("skipped") is not None)
print(f"{len(cases) - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
exit $status
