#!/usr/bin/env bash
# The main job: builds edgecc, compiles the bundled transformer-style model
# (single-head attention block from test/models) for aarch64, runs it under
# qemu-aarch64 in a firmware-style C program, and prints its outputs next to
# ONNX Runtime's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${EDGECC_BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh" > /dev/null
"$root/scripts/build.sh" > /dev/null
/usr/bin/python3 "$root/test/models/gen_models.py" --out "$build/main-job/models" attention1h > /dev/null
EDGECC="$build/bin/edgecc" bash "$root/examples/firmware/run.sh" \
  "$build/main-job/models/attention1h" aarch64 "$build/main-job/aarch64"
