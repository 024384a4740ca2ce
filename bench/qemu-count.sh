#!/usr/bin/env bash
# Runs a static guest binary under qemu-user with the instruction-counting
# plugin (bench/qemu-plugin) and prints only the plugin's count lines on stdout:
#   insns: N
#   insns[MNEMONIC]: N        (one per --mnemonic)
#   mem: loads B stores B     (with --mem or --range: bytes loaded and stored)
#   mem[NAME]: loads B stores B   (one per --range=NAME:START:END, hex addresses)
# The guest's own stdout and stderr go to this script's stderr; the exit status
# is the guest's.
#
# Usage: qemu-count.sh [--mnemonic=NAME]... [--mem] [--range=NAME:START:END]...
#                      [--riscv-vlen=N] TARGET BINARY [ARGS...]
#   TARGET: aarch64 | riscv64 | hexagon (hexagon: a freestanding binary)
# Environment:
#   INSN_COUNT_PLUGIN  a prebuilt libinsn_count.so; otherwise it is built (when
#                      missing or older than its source) into
#                      ${EDGECC_BUILD_DIR:-<repo>/build}/bench/qemu-plugin/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

usage() {
  echo "usage: $0 [--mnemonic=NAME]... [--mem] [--range=NAME:START:END]... [--riscv-vlen=N] TARGET BINARY [ARGS...]" >&2
  exit 2
}

plugin_args=""
riscv_vlen=128
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mnemonic=*) plugin_args+=",mnemonic=${1#--mnemonic=}" ;;
    --mem) plugin_args+=",mem=on" ;;
    --range=*) plugin_args+=",range=${1#--range=}" ;;
    --riscv-vlen=*) riscv_vlen="${1#--riscv-vlen=}" ;;
    --) shift; break ;;
    -*) usage ;;
    *) break ;;
  esac
  shift
done
[[ $# -ge 2 ]] || usage
target="$1" binary="$2"
shift 2

case "$target" in
  aarch64) runner=(qemu-aarch64 -L /usr/aarch64-linux-gnu) ;;
  riscv64)
    runner=(qemu-riscv64 -cpu "rv64,v=true,vlen=$riscv_vlen,vext_spec=v1.0"
            -L /usr/riscv64-linux-gnu) ;;
  hexagon) runner=(qemu-hexagon) ;;
  *) echo "error: qemu-count.sh: unknown target '$target' (aarch64, riscv64, hexagon)" >&2
     exit 2 ;;
esac

plugin="${INSN_COUNT_PLUGIN:-}"
if [[ -z "$plugin" ]]; then
  plugin_dir="${EDGECC_BUILD_DIR:-$root/build}/bench/qemu-plugin"
  plugin="$plugin_dir/libinsn_count.so"
  if [[ ! -f "$plugin" || "$here/qemu-plugin/insn_count.c" -nt "$plugin" ||
        "$here/qemu-plugin/qemu_plugin_api.h" -nt "$plugin" ]]; then
    "$here/qemu-plugin/build.sh" "$plugin_dir"
  fi
fi

# qemu_plugin_outs() writes through QEMU's log, which is stderr unless -D names
# a file; a separate file keeps the counts apart from the guest's output.
log="$(mktemp "${TMPDIR:-/tmp}/qemu-count.XXXXXX")"
trap 'rm -f "$log"' EXIT

set +e
"${runner[@]}" -plugin "$plugin$plugin_args" -d plugin -D "$log" \
  "$binary" "$@" >&2
status=$?
set -e
grep -E '^insns(\[[^]]*\])?: [0-9]+$|^mem(\[[^]]*\])?: loads [0-9]+ stores [0-9]+$' "$log" || {
  echo "error: qemu-count.sh: no instruction count from $target run of $binary" >&2
  [[ $status -ne 0 ]] || status=1
}
exit $status
