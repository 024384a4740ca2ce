//===- FusedOps.cpp - Types of the ops formed by graph fusion -------------===//

#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

using namespace mlir;
using namespace edgecc::edge;

LogicalResult AttentionOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto q = asRanked(adaptor.getQuery().getType(), loc);
  auto k = asRanked(adaptor.getKeyT().getType(), loc);
  auto v = asRanked(adaptor.getValue().getType(), loc);
  if (failed(q) || failed(k) || failed(v))
    return failure();
  int64_t rank = q->getRank();
  if (rank < 2 || k->getRank() != rank || v->getRank() != rank ||
      q->getShape().drop_back(2) != k->getShape().drop_back(2) ||
      q->getShape().drop_back(2) != v->getShape().drop_back(2) ||
      q->getDimSize(rank - 1) != k->getDimSize(rank - 2) ||
      k->getDimSize(rank - 1) != v->getDimSize(rank - 2))
    return emitOptionalError(loc, "attention operands ",
                             shapeString(q->getShape()), ", ",
                             shapeString(k->getShape()), ", ",
                             shapeString(v->getShape()),
                             " are not [b.., S, D], [b.., D, T], [b.., T, Dv]");
  SmallVector<int64_t> scores(q->getShape().drop_back(1));
  scores.push_back(k->getDimSize(rank - 1));
  for (Value mask : {adaptor.getBias(), adaptor.getKeep()}) {
    if (!mask)
      continue;
    auto shape = broadcastShapes(cast<RankedTensorType>(mask.getType()).getShape(),
                                 scores, loc);
    if (failed(shape) || ArrayRef<int64_t>(*shape) != ArrayRef<int64_t>(scores))
      return emitOptionalError(loc, "attention mask does not broadcast to ",
                               shapeString(scores));
  }
  SmallVector<int64_t> result(q->getShape().drop_back(1));
  result.push_back(v->getDimSize(rank - 1));
  types.push_back(RankedTensorType::get(result, q->getElementType()));
  return success();
}

LogicalResult NormalizeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto x = asRanked(adaptor.getInput().getType(), loc);
  if (failed(x))
    return failure();
  if (x->getRank() == 0)
    return emitOptionalError(loc, "normalize needs rank >= 1");
  int64_t dim = x->getDimSize(x->getRank() - 1);
  for (Value affine : {adaptor.getScale(), adaptor.getBias()}) {
    if (!affine)
      continue;
    auto type = cast<RankedTensorType>(affine.getType());
    if (type.getRank() > 1 || (type.getRank() == 1 && type.getDimSize(0) != dim &&
                               type.getDimSize(0) != 1))
      return emitOptionalError(loc, "normalize scale and bias must be vectors of ",
                               dim, " elements");
  }
  types.push_back(*x);
  return success();
}
