//===- FlattenEmptyTensors.cpp - Element-less tensors at the boundary -----===//

#include "edgecc/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace edgecc {
#define GEN_PASS_DEF_FLATTENEMPTYTENSORS
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

/// tensor<0xT> for a ranked tensor without elements (of rank != 1), else null.
RankedTensorType flatEmptyType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape() || tensor.getNumElements() != 0 ||
      tensor.getRank() == 1)
    return {};
  return RankedTensorType::get({0}, tensor.getElementType());
}

struct FlattenEmptyTensors
    : public impl::FlattenEmptyTensorsBase<FlattenEmptyTensors> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      Block &entry = func.getBody().front();
      OpBuilder b(&getContext());
      for (BlockArgument arg : entry.getArguments()) {
        RankedTensorType flat = flatEmptyType(arg.getType());
        if (!flat)
          continue;
        auto shaped = cast<RankedTensorType>(arg.getType());
        b.setInsertionPointToStart(&entry);
        Value empty = tensor::EmptyOp::create(b, arg.getLoc(), shaped.getShape(),
                                              shaped.getElementType());
        arg.replaceAllUsesWith(empty);
        arg.setType(flat);
      }
      func.walk([&](func::ReturnOp ret) {
        b.setInsertionPoint(ret);
        for (OpOperand &operand : ret->getOpOperands())
          if (RankedTensorType flat = flatEmptyType(operand.get().getType()))
            operand.set(tensor::EmptyOp::create(b, ret.getLoc(),
                                                flat.getShape(),
                                                flat.getElementType()));
      });
      SmallVector<Type> inputs(entry.getArgumentTypes());
      SmallVector<Type> results;
      for (Type type : func.getResultTypes()) {
        RankedTensorType flat = flatEmptyType(type);
        results.push_back(flat ? flat : type);
      }
      func.setFunctionType(FunctionType::get(&getContext(), inputs, results));
    }
  }
};

} // namespace
} // namespace edgecc
