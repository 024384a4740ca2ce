//===- HostTarget.cpp - The machine edgecc runs on ------------------------===//
//
// The host target compiles for this machine's CPU (tests and the host
// benchmark run here); pass --cpu=x86-64-v2 for a portable x86-64 object.
//
//===----------------------------------------------------------------------===//

#include "targets/Targets.h"

#include "llvm/TargetParser/Host.h"

namespace edgecc::targets {

TargetDesc hostTarget() {
  TargetDesc desc;
  desc.name = "host";
  desc.triple = llvm::sys::getProcessTriple();
  desc.cpu = llvm::sys::getHostCPUName().str();
  desc.vectorBits = 256;
  desc.floatVectorBits = 256;
  desc.vectorRegisters = 16;
  desc.l1Bytes = 32 * 1024;
  desc.l2Bytes = 1024 * 1024;
  desc.peakGflopsF32 = 64;
  desc.bandwidthGBs = 20;
  return desc;
}

} // namespace edgecc::targets
