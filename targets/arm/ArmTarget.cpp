//===- ArmTarget.cpp - AArch64 with NEON (dotprod, i8mm optional) ---------===//
//
// Defaults describe a Cortex-A55/A76-class core: 32 x 128-bit NEON registers,
// 32 KiB L1D. +dotprod and +i8mm are opt-in through --features.
//
//===----------------------------------------------------------------------===//

#include "targets/Targets.h"

namespace edgecc::targets {

TargetDesc aarch64Target() {
  TargetDesc desc;
  desc.name = "aarch64";
  desc.triple = "aarch64-unknown-linux-gnu";
  desc.cpu = "generic";
  desc.features = "+neon";
  desc.vectorBits = 128;
  desc.floatVectorBits = 128;
  desc.vectorRegisters = 32;
  desc.l1Bytes = 32 * 1024;
  desc.l2Bytes = 256 * 1024;
  desc.peakGflopsF32 = 16; // 2 x 4-lane FMA per cycle at 2 GHz
  desc.bandwidthGBs = 8;
  return desc;
}

} // namespace edgecc::targets
