#!/usr/bin/env bash
# Builds the instruction-counting QEMU plugin: build.sh [OUTDIR] → OUTDIR/libinsn_count.so
# (OUTDIR defaults to the current directory; CC overrides the host compiler).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-.}"
mkdir -p "$out"
"${CC:-cc}" -std=c11 -O2 -Wall -Wextra -fPIC -shared -fvisibility=hidden \
  -o "$out/libinsn_count.so" "$here/insn_count.c"
