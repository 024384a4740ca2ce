#!/usr/bin/env bash
# Installs everything edgecc needs to build, test and benchmark on a new Debian 12 machine:
# LLVM/MLIR 22, ONNX protos, cross toolchains, qemu-user, and ONNX Runtime (npm) for reference outputs.
# Idempotent: packages already present are skipped; safe to run on every CI start.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=(
  # build
  cmake ninja-build ccache g++ python3
  # LLVM/MLIR 22 (linked as shared libraries), clang/lld for every target, lit + FileCheck
  llvm-22-dev libmlir-22-dev mlir-22-tools clang-22 lld-22 llvm-22-tools
  # ONNX protos for the importer
  libonnx-dev libprotobuf-dev protobuf-compiler
  # test-model generators and the ONNX backend node tests
  python3-onnx python3-numpy
  # cross-running
  qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
  # QEMU TCG plugin headers (bench/)
  libglib2.0-dev
  # ONNX Runtime reference (npm)
  nodejs
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# ONNX Runtime for reference outputs, project-local and git-ignored. --ignore-scripts: the package's
# install script would download binaries; the npm tarball already ships the native addon.
ort_dir="$root/.deps/ort"
if [ ! -f "$ort_dir/node_modules/onnxruntime-node/package.json" ]; then
  mkdir -p "$ort_dir"
  (cd "$ort_dir" && [ -f package.json ] || echo '{"name":"edgecc-ort","private":true}' > "$ort_dir/package.json")
  (cd "$ort_dir" && npm install --silent --no-audit --no-fund --ignore-scripts onnxruntime-node@1.30.0)
fi
echo "setup: all dependencies present"
