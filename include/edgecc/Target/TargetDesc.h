//===- TargetDesc.h - Targets as data ----------------------------*- C++ -*-===//
//
// A target is a description, not code paths scattered through passes: the
// triple, CPU and features for LLVM, the vector and register resources the
// tiling model reads, cache sizes, and the peak figures of the roofline report.
// Environment (toolchains, qemu, sysroots) is deliberately not part of it.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TARGET_TARGETDESC_H
#define EDGECC_TARGET_TARGETDESC_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace edgecc {

struct TargetDesc {
  std::string name;     // edgecc's name: host, aarch64, riscv64, hexagon
  std::string triple;   // LLVM target triple
  std::string cpu;      // LLVM CPU name
  std::string features; // LLVM feature string, "+a,-b"
  std::string abi;      // LLVM ABI name where the triple needs one (lp64d)
  bool freestanding = false; // no OS: the runtime supplies memcpy/memset
  unsigned pointerBits = 64;
  unsigned vectorBits = 0;      // native SIMD width, 0 if none
  unsigned floatVectorBits = 0; // SIMD width for float32, 0 if none
  unsigned vectorRegisters = 0; // architectural vector registers
  // Without float vectors: general registers a float register tile may hold
  // (the rest keep the stack, frame, link, pointers and loop counters).
  unsigned floatScalarRegisters = 0;
  unsigned l1Bytes = 0, l2Bytes = 0;
  double peakGflopsF32 = 0, bandwidthGBs = 0; // roofline figures, per core

  /// The description as a dictionary attribute, stored on the module so the
  /// IR says what it was compiled for.
  mlir::DictionaryAttr toAttr(mlir::MLIRContext *ctx) const;
  std::string str() const;
};

/// Looks up a target by edgecc name and applies --cpu and --features
/// (appended to the target's defaults). `riscvVlen` > 0 fixes the RVV width.
llvm::Expected<TargetDesc> lookupTarget(llvm::StringRef name,
                                        llvm::StringRef cpu = "",
                                        llvm::StringRef features = "",
                                        unsigned riscvVlen = 0);

/// The names `lookupTarget` accepts.
std::vector<std::string> knownTargetNames();

} // namespace edgecc

#endif // EDGECC_TARGET_TARGETDESC_H
