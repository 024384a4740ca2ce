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

#define GET_OP_CLASSES
#include "edge/EdgeOps.cpp.inc"
