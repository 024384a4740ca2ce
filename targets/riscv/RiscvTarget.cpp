//===- RiscvTarget.cpp - RV64GCV with the vector extension 1.0 ------------===//
//
// VLEN-agnostic by default (code runs on any VLEN >= 128); --riscv-vlen fixes
// it so the compiler can specialise vector lengths.
//
//===----------------------------------------------------------------------===//

#include "targets/Targets.h"

namespace edgecc::targets {

TargetDesc riscv64Target(unsigned vlen) {
  TargetDesc desc;
  desc.name = "riscv64";
  desc.triple = "riscv64-unknown-linux-gnu";
  desc.cpu = "generic-rv64";
  desc.features = "+m,+a,+f,+d,+c,+v";
  if (vlen)
    desc.features += ",+zvl" + std::to_string(vlen) + "b";
  desc.abi = "lp64d";
  desc.vectorBits = vlen ? vlen : 128;
  desc.floatVectorBits = desc.vectorBits;
  desc.vectorRegisters = 32;
  desc.l1Bytes = 32 * 1024;
  desc.l2Bytes = 512 * 1024;
  desc.peakGflopsF32 = 8;
  desc.bandwidthGBs = 4;
  return desc;
}

} // namespace edgecc::targets
