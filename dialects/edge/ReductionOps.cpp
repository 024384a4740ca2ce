//===- ReductionOps.cpp - Types of the reductions and softmax -------------===//

#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

using namespace mlir;
using namespace edgecc::edge;

#define EDGE_REDUCE_INFERENCE(OP)                                              \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    auto type = inferReduceType(adaptor.getInput().getType(),                 \
                                adaptor.getAxes(), adaptor.getKeepdims(),      \
                                loc);                                          \
    if (failed(type))                                                          \
      return failure();                                                        \
    types.push_back(*type);                                                    \
    return success();                                                          \
  }
EDGE_REDUCE_INFERENCE(ReduceSumOp)
EDGE_REDUCE_INFERENCE(ReduceMeanOp)
EDGE_REDUCE_INFERENCE(ReduceMaxOp)
EDGE_REDUCE_INFERENCE(ReduceMinOp)
EDGE_REDUCE_INFERENCE(ReduceProdOp)
EDGE_REDUCE_INFERENCE(ReduceSumSquareOp)
EDGE_REDUCE_INFERENCE(ReduceL1Op)
EDGE_REDUCE_INFERENCE(ReduceL2Op)
EDGE_REDUCE_INFERENCE(ReduceLogSumOp)
EDGE_REDUCE_INFERENCE(ReduceLogSumExpOp)
#undef EDGE_REDUCE_INFERENCE

#define EDGE_ARG_REDUCE_INFERENCE(OP)                                          \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    auto type = inferArgReduceType(adaptor.getInput().getType(),              \
                                   adaptor.getAxis(), adaptor.getKeepdims(),   \
                                   loc);                                       \
    if (failed(type))                                                          \
      return failure();                                                        \
    types.push_back(*type);                                                    \
    return success();                                                          \
  }
EDGE_ARG_REDUCE_INFERENCE(ArgMaxOp)
EDGE_ARG_REDUCE_INFERENCE(ArgMinOp)
#undef EDGE_ARG_REDUCE_INFERENCE

/// Softmax and LogSoftmax keep the input type and need an axis in range.
template <typename OpTy>
static LogicalResult verifySoftmaxAxis(OpTy op) {
  int64_t rank = op.getInput().getType().getRank();
  int64_t axis = op.getAxis();
  if (axis < 0 || axis >= std::max<int64_t>(rank, 1))
    return op.emitOpError("axis ") << axis << " is not in [0, " << rank << ")";
  return success();
}

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location>,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  types.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult SoftmaxOp::verify() { return verifySoftmaxAxis(*this); }

LogicalResult LogSoftmaxOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location>,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &types) {
  types.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult LogSoftmaxOp::verify() { return verifySoftmaxAxis(*this); }
