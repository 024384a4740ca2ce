//===- EdgeOps.cpp - Ops of the edge dialect ------------------------------===//
//
// Type inference, verifiers and folders. Shape rules live in ShapeInference.cpp
// so that the importer applies exactly the same ones.
//
//===----------------------------------------------------------------------===//

#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace edgecc::edge;

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::verify() {
  if (getValue().getType() != getType())
    return emitOpError("value type ") << getValue().getType()
                                      << " differs from result type "
                                      << getType();
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

template <typename Adaptor>
static LogicalResult inferBinary(std::optional<Location> loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &types) {
  auto type = inferElementwiseType(adaptor.getLhs().getType(),
                                   adaptor.getRhs().getType(), loc);
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

#define EDGE_BINARY_INFERENCE(OP)                                              \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> loc,\
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    return inferBinary(loc, adaptor, types);                                   \
  }
EDGE_BINARY_INFERENCE(AddOp)
EDGE_BINARY_INFERENCE(SubOp)
EDGE_BINARY_INFERENCE(MulOp)
EDGE_BINARY_INFERENCE(DivOp)
#undef EDGE_BINARY_INFERENCE

LogicalResult ReluOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  types.push_back(adaptor.getInput().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto type = inferMatMulType(adaptor.getLhs().getType(),
                              adaptor.getRhs().getType(), loc);
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

LogicalResult GemmOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  Type c = adaptor.getC() ? adaptor.getC().getType() : Type();
  auto type = inferGemmType(adaptor.getA().getType(), adaptor.getB().getType(),
                            c, adaptor.getTransA(), adaptor.getTransB(), loc);
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

//===----------------------------------------------------------------------===//
// SoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  types.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult SoftmaxOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (getAxis() < 0 || getAxis() >= std::max<int64_t>(rank, 1))
    return emitOpError("axis ") << getAxis() << " is not in [0, " << rank
                                << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType(), out = getResult().getType();
  if (!in.hasStaticShape() || !out.hasStaticShape())
    return emitOpError("needs static shapes");
  if (in.getElementType() != out.getElementType())
    return emitOpError("changes the element type");
  if (in.getNumElements() != out.getNumElements())
    return emitOpError("changes the element count from ")
           << in.getNumElements() << " to " << out.getNumElements();
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // reshape(reshape(x)) == reshape(x): fold to a reshape of the source.
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  if (auto value = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput()))
    return value.reshape(getType());
  return {};
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto type = inferTransposeType(adaptor.getInput().getType(),
                                 adaptor.getPerm(), loc);
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

#define GET_OP_CLASSES
#include "edge/EdgeOps.cpp.inc"
