#!/usr/bin/env bash
# Executed instructions of one fp32 GEMM Y[M,N] = A[M,K] x W[K,N] (W a compile-time weight),
# compiled by edgecc and run under qemu with the project's counting plugin, against the ISA's
# FMA bound: M*N*K/4 fmla for aarch64 NEON and vfmacc for RVV at VLEN=128 (4 float lanes), or
# M*N*K scalar multiply-adds for hexagon (where qemu counts packets, not instructions).
#
# Usage: bench/gemm.sh [--target aarch64|riscv64|hexagon] [--features F] [--riscv-vlen N]
#                      [--quantize int4] M N K
#   --riscv-vlen N  runs qemu with VLEN=N (default 128; the ideal uses N/32 lanes) and compiles
#                   for it; without it the code is VLEN-agnostic and runs at VLEN=128.
# Environment: EDGECC (default build/bin/edgecc), BENCH_WORK (default: a temporary directory).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"

target=aarch64 vlen=128
compile_opts=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --target=*) target="${1#*=}"; shift ;;
    --features) compile_opts+=(--features="$2"); shift 2 ;;
    --features=*) compile_opts+=("$1"); shift ;;
    --quantize) compile_opts+=(--quantize="$2"); shift 2 ;;
    --quantize=*) compile_opts+=("$1"); shift ;;
    --riscv-vlen) vlen="$2"; compile_opts+=(--riscv-vlen="$2"); shift 2 ;;
    --riscv-vlen=*) vlen="${1#*=}"; compile_opts+=("$1"); shift ;;
    -*) die "gemm.sh: unknown option $1" ;;
    *) break ;;
  esac
done
[[ $# -eq 3 ]] || die "usage: bench/gemm.sh [--target T] [--features F] [--riscv-vlen N] [--quantize int4] M N K"
m="$1" n="$2" k="$3"

work="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/bench-gemm.XXXXXX")}"
[[ -n "${BENCH_WORK:-}" ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
/usr/bin/python3 "$root/bench/models.py" gemm "$m" "$n" "$k" "$work/gemm.onnx"
compile_model "$work/gemm.onnx" "$target" "$work/gemm-$target" "${compile_opts[@]}"
build_count_harness "$target" "$work/gemm-$target"

macs=$((m * n * k))
case "$target" in
  aarch64) fma=fmla ideal=$((macs / 4)) formula="M*N*K/4"
           counts="$(count_one_run aarch64 "$work/gemm-$target/bench" --mnemonic=fmla)" ;;
  # RVV code may also multiply-add in place with vfmadd, so that is counted beside vfmacc.
  riscv64) fma=vfmacc ideal=$((macs / (vlen / 32))) formula="M*N*K/$((vlen / 32))"
           counts="$(count_one_run riscv64 "$work/gemm-$target/bench" --mnemonic=vfmacc \
                     --mnemonic=vfmadd --riscv-vlen="$vlen")" ;;
  hexagon) fma="" ideal=$macs formula="M*N*K"
           counts="$(count_one_run hexagon "$work/gemm-$target/bench")" ;;
esac

insns="$(count_of insns "$counts")"
ratio="$(awk -v a="$insns" -v b="$ideal" 'BEGIN { printf "%.2f", a / b }')"
if [[ -n "$fma" ]]; then
  fmas="$(count_of "insns[$fma]" "$counts") $fma"
  [[ $target != riscv64 ]] || fmas+=", $(count_of "insns[vfmadd]" "$counts") vfmadd"
  echo "gemm ${m}x${n}x${k} $target: $insns instructions, $fmas, ideal $formula = $ideal, ratio $ratio"
else
  echo "gemm ${m}x${n}x${k} $target: $insns packets, ideal $formula = $ideal, ratio $ratio"
fi
