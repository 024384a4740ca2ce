# Shared by the benchmark scripts (sourced, not run): compiling a model with
# edgecc, linking it with a harness from bench/harness, and counting one
# inference as the difference of two runs under the instruction counter.
# Expects $root (the repository) to be set by the sourcing script.

edgecc="${EDGECC:-$root/build/bin/edgecc}"
runtime="$root/runtime"
harness="$root/bench/harness"

die() { echo "error: $*" >&2; exit 1; }

# compile_model MODEL.onnx TARGET OUTDIR [EDGECC OPTIONS...]: writes OUTDIR/model.{o,h,json}.
compile_model() {
  local model="$1" target="$2" out="$3"
  shift 3
  "$edgecc" compile "$model" --target="$target" --name=model "$@" -o "$out" >&2 ||
    die "edgecc compile --target=$target failed on $model"
}

# io_bytes OUTDIR: bytes of all inputs and outputs of OUTDIR/model.json, each rounded up to 64,
# the static block bench/harness/bench_io.h carves the buffers from.
io_bytes() {
  /usr/bin/python3 -c 'import json, sys
m = json.load(open(sys.argv[1]))
print(sum((t["bytes"] + 63) // 64 * 64 for t in m["inputs"] + m["outputs"]))' "$1/model.json"
}

# build_count_harness TARGET OUTDIR: links bench_main.c, the runtime and OUTDIR/model.o into the
# static binary OUTDIR/bench, with the C compiler edgecc check uses for the target. hexagon has
# no libc here, so it builds freestanding with its own entry point.
build_count_harness() {
  local target="$1" out="$2"
  local flags=(-O2 -std=c99 -Wall -Werror -DBENCH_IO_BYTES="$(io_bytes "$out")"
               -I"$runtime/include" -I"$harness" -I"$out")
  case "$target" in
    aarch64) aarch64-linux-gnu-gcc -static "${flags[@]}" "$harness/bench_main.c" \
               "$runtime/src/runtime.c" "$out/model.o" -o "$out/bench" ;;
    riscv64) riscv64-linux-gnu-gcc -march=rv64gcv -static "${flags[@]}" "$harness/bench_main.c" \
               "$runtime/src/runtime.c" "$out/model.o" -o "$out/bench" ;;
    hexagon) clang-22 --target=hexagon -mv67 -ffreestanding -nostdlib -fuse-ld=lld \
               -DEDGE_FREESTANDING "${flags[@]}" "$runtime/src/hexagon-linux-start.S" \
               "$harness/bench_main.c" "$runtime/src/runtime.c" "$runtime/src/freestanding.c" \
               "$out/model.o" -o "$out/bench" ;;
    *) die "no counting harness for target '$target' (aarch64, riscv64, hexagon)" ;;
  esac
}

# count_one_run TARGET BINARY [qemu-count.sh OPTIONS...]: runs BINARY with N=1 and N=2 under
# bench/qemu-count.sh and prints its count lines with the difference, i.e. the counts of exactly
# one edge_model_run; start-up, input filling and exit are the same in both runs and cancel.
count_one_run() {
  local target="$1" binary="$2" one two
  shift 2
  one="$("$root/bench/qemu-count.sh" "$@" "$target" "$binary" 1)" ||
    die "$binary failed under qemu-$target (exit $?; a small number is an edge_status_t)"
  two="$("$root/bench/qemu-count.sh" "$@" "$target" "$binary" 2)" ||
    die "$binary failed under qemu-$target (exit $?)"
  # "mem: loads L stores S" lines (qemu-count.sh --mem) subtract field by field.
  paste -d' ' <(echo "$one") <(echo "$two") | awk '
    NF == 4 { printf "%s %.0f\n", $1, $4 - $2 }
    NF == 10 { printf "%s loads %.0f stores %.0f\n", $1, $8 - $3, $10 - $5 }'
}

# bytes_of NAME KIND COUNTS: the loads or stores (KIND) of line "NAME: loads L stores S".
bytes_of() { awk -v key="$1:" -v kind="$2" '$1 == key { for (i = 2; i < NF; ++i) if ($i == kind) print $(i + 1) }' <<<"$3"; }

# count_of NAME COUNTS: the value of line "NAME: N" in count_one_run's output.
count_of() { awk -v key="$1:" '$1 == key { print $2 }' <<<"$2"; }
