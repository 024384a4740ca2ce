//===- HostTarget.cpp - The machine edgecc runs on ------------------------===//
//
// The host target compiles for this machine's CPU (tests and the host
// benchmark run here); pass --cpu=x86-64-v2 for a portable x86-64 object.
//
//===----------------------------------------------------------------------===//

#include "targets/Targets.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

namespace edgecc::targets {

TargetDesc hostTarget(llvm::StringRef cpu) {
  TargetDesc desc;
  desc.name = "host";
  desc.triple = llvm::sys::getProcessTriple();
  desc.cpu = llvm::sys::getHostCPUName().str();
  // AVX-512 doubles both the vector width and the register file; an
  // explicit --cpu gets what its name guarantees (x86-64-v2: SSE only).
  bool avx512 = false, avx2 = false;
  if (cpu.empty() || cpu == desc.cpu) {
    auto features = llvm::sys::getHostCPUFeatures();
    avx512 = features.lookup("avx512f");
    avx2 = features.lookup("avx2");
  } else {
    avx512 = cpu == "x86-64-v4";
    avx2 = avx512 || cpu == "x86-64-v3";
  }
  desc.vectorBits = avx512 ? 512 : avx2 ? 256 : 128;
  desc.floatVectorBits = desc.vectorBits;
  desc.vectorRegisters = avx512 ? 32 : 16;
  desc.l1Bytes = 32 * 1024;
  desc.l2Bytes = 1024 * 1024;
  desc.peakGflopsF32 = 64;
  desc.bandwidthGBs = 20;
  return desc;
}

} // namespace edgecc::targets
