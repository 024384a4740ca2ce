#!/usr/bin/env bash
# Executed instructions of one fp32 GEMM Y[M,N] = A[M,K] x W[K,N] (W a compile-time weight),
# compiled by edgecc and run under qemu with the project's counting plugin, against the ISA's
# FMA bound: M*N*K/4 fmla for aarch64 NEON and vfmacc for RVV at VLEN=128 (4 float lanes), or
# M*N*K/2 packets for hexagon (where qemu counts packets, not instructions: its scalar core
# issues two float multiply-accumulates, r += sfmpy(r, r), per packet).
#
# With --int8 the model is Y[M,N] = MatMulInteger(A, W) in int32 (A an int8 input, W an int8
# weight, no zero points: the integer microkernel alone), against the aarch64 bound of the
# instruction the features give it: M*N*K/16 sdot with +dotprod (4 lanes x 4 products),
# M*N*K/32 smmla with +i8mm (2x2 results x 8 products), else M*N*K/4 smlal (the portable
# widening kernel: 4 int16 products into 4 int32 lanes).
#
# Usage: bench/gemm.sh [--target aarch64|riscv64|hexagon] [--features F] [--riscv-vlen N]
#                      [--quantize int4|int8] [--int8] M N K
#   --riscv-vlen N  runs qemu with VLEN=N (default 128; the ideal uses N/32 lanes) and compiles
#                   for it; without it the code is VLEN-agnostic and runs at VLEN=128.
# Environment: EDGECC (default build/bin/edgecc), BENCH_WORK (default: a temporary directory).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"

target=aarch64 vlen=128 int8=0 features=""
compile_opts=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --target=*) target="${1#*=}"; shift ;;
    --features) features="$2"; compile_opts+=(--features="$2"); shift 2 ;;
    --features=*) features="${1#*=}"; compile_opts+=("$1"); shift ;;
    --int8) int8=1; shift ;;
    --quantize) compile_opts+=(--quantize="$2"); shift 2 ;;
    --quantize=*) compile_opts+=("$1"); shift ;;
    --riscv-vlen) vlen="$2"; compile_opts+=(--riscv-vlen="$2"); shift 2 ;;
    --riscv-vlen=*) vlen="${1#*=}"; compile_opts+=("$1"); shift ;;
    -*) die "gemm.sh: unknown option $1" ;;
    *) break ;;
  esac
done
[[ $# -eq 3 ]] || die "usage: bench/gemm.sh [--target T] [--features F] [--riscv-vlen N] [--quantize int4|int8] [--int8] M N K"
m="$1" n="$2" k="$3"

work="${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/bench-gemm.XXXXXX")}"
[[ -n "${BENCH_WORK:-}" ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
model=gemm
[[ $int8 -eq 0 ]] || model=gemm_int8
[[ $int8 -eq 0 || $target == aarch64 ]] || die "gemm.sh: --int8 measures aarch64 only"
/usr/bin/python3 "$root/bench/models.py" "$model" "$m" "$n" "$k" "$work/gemm.onnx"
compile_model "$work/gemm.onnx" "$target" "$work/gemm-$target" "${compile_opts[@]}"
build_count_harness "$target" "$work/gemm-$target"

macs=$((m * n * k))
if [[ $int8 -eq 1 ]]; then
  # The strongest extension named in the features decides the kernel, as in
  # targets/Microkernel.cpp (the last +x or -x of a feature wins).
  enabled() { local f last=""; IFS=, read -ra f <<<"$features"
              for x in "${f[@]}"; do [[ ${x:1} == "$1" ]] && last="${x:0:1}"; done; [[ $last == + ]]; }
  if enabled i8mm; then mac=smmla per=32
  elif enabled dotprod; then mac=sdot per=16
  else mac=smlal per=4
  fi
  counts="$(count_one_run aarch64 "$work/gemm-$target/bench" --mnemonic="$mac")"
  insns="$(count_of insns "$counts")" ideal=$((macs / per))
  ratio="$(awk -v a="$insns" -v b="$ideal" 'BEGIN { printf "%.2f", a / b }')"
  echo "gemm_int8 ${m}x${n}x${k} $target${features:+ $features}: $insns instructions," \
       "$(count_of "insns[$mac]" "$counts") $mac, ideal M*N*K/$per = $ideal, ratio $ratio"
  exit 0
fi
case "$target" in
  aarch64) fma=fmla ideal=$((macs / 4)) formula="M*N*K/4"
           counts="$(count_one_run aarch64 "$work/gemm-$target/bench" --mnemonic=fmla)" ;;
  # RVV code may also multiply-add in place with vfmadd, so that is counted beside vfmacc.
  riscv64) fma=vfmacc ideal=$((macs / (vlen / 32))) formula="M*N*K/$((vlen / 32))"
           counts="$(count_one_run riscv64 "$work/gemm-$target/bench" --mnemonic=vfmacc \
                     --mnemonic=vfmadd --riscv-vlen="$vlen")" ;;
  hexagon) fma="" ideal=$((macs / 2)) formula="M*N*K/2"
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
