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
