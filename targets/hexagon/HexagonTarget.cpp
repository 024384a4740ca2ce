//===- HexagonTarget.cpp - Hexagon v67 with 128-byte HVX ------------------===//
//
// Freestanding (no OS libraries). HVX v67 has no float lanes, so float code
// runs on the scalar core; integer kernels use the 1024-bit HVX registers.
//
//===----------------------------------------------------------------------===//

#include "targets/Targets.h"

namespace edgecc::targets {

TargetDesc hexagonTarget() {
  TargetDesc desc;
  desc.name = "hexagon";
  desc.triple = "hexagon-unknown-none-elf";
  desc.cpu = "hexagonv67";
  desc.features = "+hvxv67,+hvx-length128b";
  desc.freestanding = true;
  desc.pointerBits = 32;
  desc.vectorBits = 1024;
  // HVX v67 has no float arithmetic: float32 runs on the scalar core.
  desc.floatVectorBits = 0;
  // Of the 32 general registers, r29-r31 are stack, frame and link, and the
  // tile's pointers, counters and 64-bit index arithmetic (register pairs)
  // over 4 unrolled k steps need many of the rest: a float tile of 16 was
  // measured best (bench/gemm.sh 256^3: 0.95 packets per multiply-add, 1.03
  // with 20, 1.13 with 12).
  desc.floatScalarRegisters = 16;
  desc.vectorRegisters = 32;
  desc.l1Bytes = 32 * 1024;
  desc.l2Bytes = 512 * 1024;
  desc.peakGflopsF32 = 2;
  desc.bandwidthGBs = 4;
  return desc;
}

} // namespace edgecc::targets
