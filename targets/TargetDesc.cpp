//===- TargetDesc.cpp - Target lookup and printing ------------------------===//

#include "edgecc/Target/TargetDesc.h"
#include "targets/Targets.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace edgecc {

DictionaryAttr TargetDesc::toAttr(MLIRContext *ctx) const {
  Builder b(ctx);
  SmallVector<NamedAttribute> entries = {
      b.getNamedAttr("name", b.getStringAttr(name)),
      b.getNamedAttr("triple", b.getStringAttr(triple)),
      b.getNamedAttr("cpu", b.getStringAttr(cpu)),
      b.getNamedAttr("features", b.getStringAttr(features)),
      b.getNamedAttr("vector_bits", b.getI64IntegerAttr(vectorBits)),
      b.getNamedAttr("vector_registers", b.getI64IntegerAttr(vectorRegisters)),
      b.getNamedAttr("float_vector_bits", b.getI64IntegerAttr(floatVectorBits)),
      b.getNamedAttr("float_scalar_registers",
                     b.getI64IntegerAttr(floatScalarRegisters)),
      b.getNamedAttr("l1_bytes", b.getI64IntegerAttr(l1Bytes)),
      b.getNamedAttr("l2_bytes", b.getI64IntegerAttr(l2Bytes)),
  };
  return b.getDictionaryAttr(entries);
}

std::string TargetDesc::str() const {
  return llvm::formatv("{0}: triple={1} cpu={2} features={3} vector={4}b x {5} "
                       "regs, L1={6} L2={7}",
                       name, triple, cpu, features, vectorBits, vectorRegisters,
                       l1Bytes, l2Bytes);
}

std::vector<std::string> knownTargetNames() {
  return {"host", "aarch64", "riscv64", "hexagon"};
}

llvm::Expected<TargetDesc> lookupTarget(llvm::StringRef name,
                                        llvm::StringRef cpu,
                                        llvm::StringRef features,
                                        unsigned riscvVlen) {
  TargetDesc desc;
  if (name == "host")
    desc = targets::hostTarget(cpu);
  else if (name == "aarch64")
    desc = targets::aarch64Target();
  else if (name == "riscv64")
    desc = targets::riscv64Target(riscvVlen);
  else if (name == "hexagon")
    desc = targets::hexagonTarget();
  else
    return llvm::createStringError(
        llvm::formatv("unknown target '{0}' (known: host, aarch64, riscv64, "
                      "hexagon)",
                      name)
            .str());
  if (!cpu.empty())
    desc.cpu = cpu.str();
  if (!features.empty()) {
    llvm::SmallVector<llvm::StringRef> list;
    features.split(list, ',');
    for (llvm::StringRef feature : list)
      if (!feature.empty() && feature[0] != '+' && feature[0] != '-')
        return llvm::createStringError(
            llvm::formatv("feature '{0}' must start with + or -", feature)
                .str());
    desc.features += (desc.features.empty() ? "" : ",") + features.str();
  }
  return desc;
}

} // namespace edgecc
