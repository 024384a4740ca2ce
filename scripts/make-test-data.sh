#!/usr/bin/env bash
# Generates the data the end-to-end tests read, into BUILD/test-data:
#   node/    the ONNX backend node tests (shared/conformance generator)
#   models/  edgecc's own transformer-style models with ONNX Runtime outputs
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${EDGECC_BUILD_DIR:-$root/build}"
shared="${EDGECC_SHARED_DIR:-$root/../shared}"
data="$build/test-data"
mkdir -p "$data"
if [ ! -f "$data/node/.complete" ]; then
  rm -rf "$data/node"
  # The generator warns about numpy aliases it patches; only failures matter.
  sh "$shared/conformance/gen-onnx-node-tests.sh" "$data" > /dev/null 2>&1
  touch "$data/node/.complete"
fi
# The generators are cheap and deterministic: regenerate when they change.
stamp="$data/models/.stamp"
sources=$(cat "$root"/test/models/*.py "$root"/scripts/ort-reference.js | md5sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sources" ]; then
  rm -rf "$data/models"
  /usr/bin/python3 "$root/test/models/gen_models.py" --out "$data/models" > /dev/null
  echo "$sources" > "$stamp"
fi
