#!/usr/bin/env bash
# Executed aarch64 instructions of one inference of a GPT-2 block (seq 64, hidden 256, 4 heads,
# FFN 1024; LayerNormalization, tanh Gelu written out, causal mask), compiled by edgecc and
# counted under qemu with the project's plugin as the difference of 1 and 2 inferences.
# The line also gives the block's multiply-adds and the fmla bound (MACs/4, NEON fp32) for scale.
#
# Usage: bench/block.sh [--features F]
# Environment: EDGECC (default build/bin/edgecc), BENCH_WORK (default: a temporary directory).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"

seq=64 hidden=256 heads=4 ffn=1024
compile_opts=()
case "${1:-}" in
  --features) compile_opts+=(--features="$2") ;;
  --features=*) compile_opts+=("$1") ;;
  "") ;;
  *) die "usage: bench/block.sh [--features F]" ;;
esac

work="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/bench-block.XXXXXX")}"
[[ -n "${BENCH_WORK:-}" ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
/usr/bin/python3 "$root/bench/models.py" gpt2_block "$work/block.onnx" \
  --seq $seq --hidden $hidden --heads $heads --ffn $ffn
compile_model "$work/block.onnx" aarch64 "$work/block-aarch64" "${compile_opts[@]}"
build_count_harness aarch64 "$work/block-aarch64"
counts="$(count_one_run aarch64 "$work/block-aarch64/bench" --mnemonic=fmla)"

# Projections (qkv, out, two FFN layers) plus q.k^T and p.v over all heads (causal rows included,
# as the graph computes them).
macs=$((seq * hidden * (3 * hidden + hidden + 2 * ffn) + 2 * seq * seq * hidden))
insns="$(count_of insns "$counts")"
echo "gpt2 block s${seq} h${hidden} x${heads} ffn${ffn} aarch64: $insns instructions per inference," \
     "$(count_of "insns[fmla]" "$counts") fmla, MACs $macs, ideal MACs/4 = $((macs / 4))," \
     "ratio $(awk -v a="$insns" -v b=$((macs / 4)) 'BEGIN { printf "%.2f", a / b }')"
