#!/usr/bin/env bash
# Host wall time of the GPT-2 block of bench/block.sh: edgecc's host build against ONNX Runtime
# (onnxruntime-node, all graph optimisations, one thread, sequential), both on the same model and
# the same inputs. Rounds alternate edgecc / ORT so that drift in machine load hits both alike;
# each round is a fresh process timing RUNS runs after WARMUP untimed ones. Prints the medians of
# the rounds' per-run times and their ratio (below 1: edgecc is faster). The sums of |outputs| of
# the two must agree, so a fast but wrong build is not reported as a result.
#
# Usage: bench/host-vs-ort.sh [--rounds R] [--runs N] [--warmup W]   (default 7, 50, 5)
# Environment: EDGECC, BENCH_WORK as in bench/gemm.sh; NODE (default node); EDGECC_ORT_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"

rounds=7 runs=50 warmup=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2" ;;
    --runs) runs="$2" ;;
    --warmup) warmup="$2" ;;
    *) die "usage: bench/host-vs-ort.sh [--rounds R] [--runs N] [--warmup W]" ;;
  esac
  shift 2
done

work="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/bench-host.XXXXXX")}"
[[ -n "${BENCH_WORK:-}" ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
/usr/bin/python3 "$root/bench/models.py" gpt2_block "$work/block.onnx" \
  --seq 64 --hidden 256 --heads 4 --ffn 1024
compile_model "$work/block.onnx" host "$work/host"
cc -O2 -std=c99 -Wall -Werror -DBENCH_IO_BYTES="$(io_bytes "$work/host")" \
  -I"$runtime/include" -I"$harness" -I"$work/host" "$harness/bench_time.c" \
  "$runtime/src/runtime.c" "$work/host/model.o" -lm -o "$work/host/bench_time"

: >"$work/edgecc.txt"
: >"$work/ort.txt"
for ((r = 0; r < rounds; ++r)); do
  "$work/host/bench_time" "$runs" "$warmup" >>"$work/edgecc.txt"
  "${NODE:-node}" "$root/bench/ort-time.js" "$work/block.onnx" "$runs" "$warmup" >>"$work/ort.txt"
done

median() { cut -d' ' -f1 "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
edge_ns="$(median "$work/edgecc.txt")" ort_ns="$(median "$work/ort.txt")"
read -r edge_sum ort_sum < <(paste -d' ' <(tail -1 "$work/edgecc.txt") <(tail -1 "$work/ort.txt") |
                             cut -d' ' -f2,4)
awk -v a="$edge_sum" -v b="$ort_sum" 'BEGIN { d = a - b; exit !((d < 0 ? -d : d) <= 1e-3 * b) }' ||
  die "outputs differ: sum |y| is $edge_sum for edgecc, $ort_sum for ORT"

awk -v e="$edge_ns" -v o="$ort_ns" -v r="$rounds" -v n="$runs" 'BEGIN {
  printf "gpt2 block s64 h256 x4 ffn1024 host: edgecc %.1f us, onnxruntime %.1f us per run " \
         "(medians of %d interleaved rounds of %d runs), edgecc/ORT %.2f\n", e / 1e3, o / 1e3, r, n, e / o }'
