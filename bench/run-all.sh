#!/usr/bin/env bash
# Runs every benchmark once and appends a dated section to bench/RESULTS.md: the machine, the
# source revision, each exact command and the line it printed. A failing benchmark is recorded
# with its error and makes the script exit non-zero after the others have run.
#
# Usage: bench/run-all.sh   (environment as for the individual scripts)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$root/bench/RESULTS.md"

commands=(
  "bench/gemm.sh --target aarch64 256 256 256"
  "bench/gemm.sh --target riscv64 256 256 256"
  "bench/gemm.sh --target hexagon 256 256 256"
  "bench/gemm.sh --target aarch64 --int8 --features +dotprod 256 256 256"
  "bench/gemm.sh --target aarch64 --int8 --features +i8mm 256 256 256"
  "bench/gemv.sh --target aarch64 4096 4096"
  "bench/gemv.sh --target riscv64 1024 1024"
  "bench/block.sh"
  "bench/host-vs-ort.sh"
)

if [[ ! -f "$results" ]]; then
  cat >"$results" <<'HEADER'
# Benchmark results

Appended by `bench/run-all.sh`, newest last; see `bench/README.md` for the scripts.

- **Cross targets** (`gemm.sh`, `block.sh`): guest instructions executed under qemu-user, counted
  by the project's QEMU TCG plugin (`bench/qemu-plugin`), for exactly one inference: the harness
  runs once with N = 1 and once with N = 2 inferences and the counts are subtracted, so libc
  start-up, input filling and exit cancel. On hexagon qemu counts packets, not instructions.
- **Ideal** is the ISA's FMA bound: M·N·K/4 `fmla` (aarch64 NEON, 4 fp32 lanes), M·N·K/4
  `vfmacc` (RVV at VLEN = 128), M·N·K/2 packets (hexagon: two scalar float multiply-accumulates
  per packet). Ratio = executed / ideal.
- **Host** (`host-vs-ort.sh`): wall time per inference of edgecc's host build and of ONNX Runtime
  (onnxruntime-node, all graph optimisations, one thread, sequential) on the same model and inputs;
  medians over interleaved rounds (edgecc, ORT, edgecc, ...), each round a fresh process timing
  50 runs after 5 warm-up runs. Wall time depends on the machine and its load; compare ratios
  taken on the same machine.
HEADER
fi

# The compiler may be rebuilt while the benchmarks run; a private copy makes every line of a
# section come from the same build, identified by its hash.
compiler="${EDGECC:-$root/build/bin/edgecc}"
snapshot="$(mktemp -d "${TMPDIR:-/tmp}/bench-edgecc.XXXXXX")"
trap 'rm -rf "$snapshot"' EXIT
cp "$compiler" "$snapshot/edgecc"
export EDGECC="$snapshot/edgecc"
compiler_id="$(sha256sum "$EDGECC" | cut -c1-12), built $(date -u -r "$compiler" '+%Y-%m-%d %H:%M UTC')"

revision="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -z "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]] ||
  revision+=" with uncommitted changes"
{
  echo
  echo "## $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(uname -m), $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
  echo "- source: $revision; compiler: ${compiler#"$root/"} (sha256 $compiler_id)"
  echo
} >>"$results"

errors="$snapshot/stderr"
status=0
for cmd in "${commands[@]}"; do
  echo "running $cmd" >&2
  # Word splitting of $cmd is intended: the commands above hold no quoted arguments.
  if ! line="$(cd "$root" && $cmd 2>"$errors")"; then
    status=1
    line="FAILED: $(grep -m1 '^error' "$errors" || echo "exit status non-zero")"
  fi
  # shellcheck disable=SC2016  # the '$' is the shell prompt of the recorded command
  printf '```\n$ %s\n%s\n```\n' "$cmd" "$line" >>"$results"
  cat "$errors" >&2
  echo "$line"
done
exit $status
