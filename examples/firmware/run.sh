#!/usr/bin/env bash
# Compiles MODEL_DIR/model.onnx for TARGET (aarch64 or host), links
# examples/firmware/main.c with the artifact and the runtime using the
# target's C compiler, runs it (under qemu for aarch64), and prints its
# outputs next to MODEL_DIR/test_data_set_0/output_K.pb (the ONNX Runtime
# reference). Exits non-zero if the build fails or the outputs differ.
# Usage: run.sh MODEL_DIR TARGET WORK_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
model_dir="$1" target="$2" work="$3"
edgecc="${EDGECC:-$root/build/bin/edgecc}"
mkdir -p "$work"

"$edgecc" compile "$model_dir/model.onnx" --target="$target" --name=model -o "$work"
/usr/bin/python3 "$here/write_inputs.py" "$model_dir/test_data_set_0" > "$work/inputs.h"

case "$target" in
  aarch64) cc=aarch64-linux-gnu-gcc; run=(qemu-aarch64 -L /usr/aarch64-linux-gnu) ;;
  host) cc=cc; run=() ;;
  *) echo "error: run.sh supports aarch64 and host, not $target" >&2; exit 1 ;;
esac
"$cc" -std=c99 -O2 -static -Wall -Werror -I"$root/runtime/include" -I"$work" \
  "$here/main.c" "$root/runtime/src/runtime.c" "$work/model.o" -o "$work/firmware"
"${run[@]}" "$work/firmware" > "$work/stdout.txt"
/usr/bin/python3 "$here/compare.py" "$work/stdout.txt" "$model_dir/test_data_set_0"
