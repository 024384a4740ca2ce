#!/usr/bin/env bash
# Configures (once) and builds edgecc into build/ with Ninja, clang-22 and ccache.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${EDGECC_BUILD_DIR:-$root/build}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_ENABLE_LLD=ON
fi
ninja -C "$build" edgecc edgecc-opt
