//===- ProtectInputs.cpp - Model inputs are never written -----------------===//

#include "edgecc/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace edgecc {
#define GEN_PASS_DEF_PROTECTINPUTS
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

struct ProtectInputs : public impl::ProtectInputsBase<ProtectInputs> {
  void runOnOperation() override {
    Builder b(&getContext());
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      for (unsigned i = 0; i < func.getNumArguments(); ++i)
        if (isa<TensorType>(func.getArgument(i).getType()))
          func.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                          b.getBoolAttr(false));
    }
  }
};

} // namespace
} // namespace edgecc
