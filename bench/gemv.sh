#!/usr/bin/env bash
# Bytes moved by one INT4 weight-only GEMV Y[1,N] = A[1,K] x W[K,N] (decode): W quantized by
# edgecc compile --quantize=int4 (4-bit codes, block 32, one float scale per block: the
# MatMulNBits kernel), run under qemu with the counting plugin's memory counters, one inference
# as the difference of two runs (bench/lib.sh count_one_run). Prints the bytes loaded from the
# weights, the bytes loaded and stored in the arena and the inputs/outputs, everything else
# (stack, runtime), and two ratios to the packed weight bytes P (codes + scales + zero points,
# the manifest's weights_bytes):
#   weights read   = weight-region loads / P                      (1.00: each byte read once)
#   moved          = (weight-region loads + arena_bytes + I/O bytes) / P
#                    (memory traffic when the small buffers stay in cache: every weight byte
#                    read, every arena, input and output byte counted once)
#   all accesses   = (every load and store of the inference, stack included) / P
#                    (cache traffic too: activations re-read per column tile, spills)
# and the executed instructions.
#
# Usage: bench/gemv.sh [--target aarch64|riscv64] [--riscv-vlen N] K N
# Environment: EDGECC (default build/bin/edgecc), BENCH_WORK (default: a temporary directory).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"

target=aarch64
compile_opts=(--quantize=int4)
count_opts=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --target=*) target="${1#*=}"; shift ;;
    --riscv-vlen) compile_opts+=(--riscv-vlen="$2"); count_opts+=(--riscv-vlen="$2"); shift 2 ;;
    --riscv-vlen=*) compile_opts+=("$1"); count_opts+=("$1"); shift ;;
    -*) die "gemv.sh: unknown option $1" ;;
    *) break ;;
  esac
done
[[ $# -eq 2 ]] || die "usage: bench/gemv.sh [--target aarch64|riscv64] [--riscv-vlen N] K N"
k="$1" n="$2"
case "$target" in
  aarch64) nm=aarch64-linux-gnu-nm ;;
  riscv64) nm=riscv64-linux-gnu-nm ;;
  *) die "gemv.sh: target must be aarch64 or riscv64" ;;
esac

work="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/bench-gemv.XXXXXX")}"
[[ -n "${BENCH_WORK:-}" ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
out="$work/gemv-$target"
/usr/bin/python3 "$root/bench/models.py" gemm 1 "$n" "$k" "$work/gemv.onnx"
compile_model "$work/gemv.onnx" "$target" "$out" "${compile_opts[@]}"
build_count_harness "$target" "$out"

# Address ranges from the harness's symbols: the artifact's constants (local symbols
# __constant_*: exactly its .rodata weights), the static arena and the I/O block of bench_io.h.
ranges="$("$nm" -S "$out/bench" | /usr/bin/python3 -c 'import sys
weights, found = [], {}
for line in sys.stdin:
    f = line.split()
    if len(f) != 4:
        continue
    start, end = int(f[0], 16), int(f[0], 16) + int(f[1], 16)
    if f[3].startswith("__constant_"):
        weights.append((start, end))
    elif f[3] in ("arena", "bench_io_block"):
        found["io" if f[3] == "bench_io_block" else "arena"] = (start, end)
if weights:
    found["weights"] = (min(s for s, _ in weights), max(e for _, e in weights))
for name, (start, end) in sorted(found.items()):
    print(f"--range={name}:{start:x}:{end:x}")')"
[[ $(wc -l <<<"$ranges") -eq 3 ]] || die "gemv.sh: weights, arena or I/O symbols not found in $out/bench"
mapfile -t range_opts <<<"$ranges"
counts="$(count_one_run "$target" "$out/bench" --mem "${range_opts[@]}" "${count_opts[@]}")"

read -r packed arena io < <(/usr/bin/python3 -c 'import json, sys
m = json.load(open(sys.argv[1]))
print(m["weights_bytes"], m["arena_bytes"], sum(t["bytes"] for t in m["inputs"] + m["outputs"]))' "$out/model.json")
weights_loaded="$(bytes_of "mem[weights]" loads "$counts")"
weights_stored="$(bytes_of "mem[weights]" stores "$counts")"
arena_moved=$(( $(bytes_of "mem[arena]" loads "$counts") + $(bytes_of "mem[arena]" stores "$counts") ))
io_moved=$(( $(bytes_of "mem[io]" loads "$counts") + $(bytes_of "mem[io]" stores "$counts") ))
all_moved=$(( $(bytes_of mem loads "$counts") + $(bytes_of mem stores "$counts") ))
other=$(( all_moved - weights_loaded - weights_stored - arena_moved - io_moved ))
moved=$(( weights_loaded + arena + io ))
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "gemv int4 1x${k}x${n} $target: packed weights $packed B; loaded from weights $weights_loaded B" \
     "(x$(ratio "$weights_loaded" "$packed")); arena $arena_moved B and I/O $io_moved B loaded+stored," \
     "other $other B; moved (weights read + arena $arena B + I/O $io B) $moved B = x$(ratio "$moved" "$packed");" \
     "all accesses $all_moved B = x$(ratio "$all_moved" "$packed"); $(count_of insns "$counts") instructions"
