//===- NNOps.cpp - Types of the convolution, pooling and padding ops ------===//
//
// Type inference and verifiers of the ops in EdgeNNOps.td; the shape rules
// themselves live in NNShapes.cpp.
//
//===----------------------------------------------------------------------===//

#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

using namespace mlir;
using namespace edgecc::edge;

/// Pushes an inferred type, or fails when inference failed (and reported).
static LogicalResult pushInferred(FailureOr<RankedTensorType> type,
                                  SmallVectorImpl<Type> &types) {
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  Type bias = adaptor.getBias() ? adaptor.getBias().getType() : Type();
  return pushInferred(
      inferConvType(adaptor.getInput().getType(), adaptor.getWeight().getType(),
                    bias, adaptor.getStrides(), adaptor.getDilations(),
                    adaptor.getPads(), adaptor.getGroup(), loc),
      types);
}

LogicalResult ConvIntegerOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  return pushInferred(
      inferConvIntegerType(
          adaptor.getInput().getType(), adaptor.getWeight().getType(),
          adaptor.getInputZeroPoint().getType(),
          adaptor.getWeightZeroPoint().getType(), adaptor.getStrides(),
          adaptor.getDilations(), adaptor.getPads(), adaptor.getGroup(), loc),
      types);
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return pushInferred(
      inferPoolType(adaptor.getInput().getType(), adaptor.getKernelShape(),
                    adaptor.getStrides(), adaptor.getDilations(),
                    adaptor.getPads(), adaptor.getCeilMode(), loc),
      types);
}

LogicalResult MaxPoolWithIndicesOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  if (failed(pushInferred(
          inferPoolType(adaptor.getInput().getType(), adaptor.getKernelShape(),
                        adaptor.getStrides(), adaptor.getDilations(),
                        adaptor.getPads(), adaptor.getCeilMode(), loc),
          types)))
    return failure();
  types.push_back(
      cast<RankedTensorType>(types[0]).clone(IntegerType::get(ctx, 64)));
  return success();
}

LogicalResult AveragePoolOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  return pushInferred(
      inferPoolType(adaptor.getInput().getType(), adaptor.getKernelShape(),
                    adaptor.getStrides(), adaptor.getDilations(),
                    adaptor.getPads(), adaptor.getCeilMode(), loc),
      types);
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  return pushInferred(inferPadType(adaptor.getInput().getType(),
                                   adaptor.getPads(), adaptor.getMode(), loc),
                      types);
}

LogicalResult PadOp::verify() {
  // The fill value is one element of the result, whatever the mode.
  if (getValue().getType() != getType().getElementType())
    return emitOpError("value ") << getValue() << " is not of the element type "
                                 << getType().getElementType();
  return success();
}

LogicalResult EinsumOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return pushInferred(inferEinsumType(adaptor.getInputs().getTypes(),
                                      adaptor.getEquation(), loc),
                      types);
}

LogicalResult CumSumOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  types.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult CumSumOp::verify() {
  int64_t rank = getInput().getType().getRank(), axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError("axis ") << axis << " is not in [0, " << rank << ")";
  if (getInput().getType().getElementType().isInteger(1))
    return emitOpError("cannot sum bool elements");
  return success();
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  Type perChannel[] = {adaptor.getScale().getType(),
                       adaptor.getBias().getType(), adaptor.getMean().getType(),
                       adaptor.getVariance().getType()};
  return pushInferred(
      inferChannelNormType(adaptor.getInput().getType(), perChannel, loc),
      types);
}

LogicalResult InstanceNormOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  Type perChannel[] = {adaptor.getScale().getType(),
                       adaptor.getBias().getType()};
  return pushInferred(
      inferChannelNormType(adaptor.getInput().getType(), perChannel, loc),
      types);
}
