//===- ShapeInference.cpp - ONNX shape rules for edge ops -----------------===//

#include "edge/ShapeInference.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;

namespace edgecc::edge {

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? "," : "") + std::to_string(d);
  return s + "]";
}

FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> lhs,
                                                ArrayRef<int64_t> rhs,
                                                OptionalLoc loc) {
  size_t rank = std::max(lhs.size(), rhs.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t l = i < rank - lhs.size() ? 1 : lhs[i - (rank - lhs.size())];
    int64_t r = i < rank - rhs.size() ? 1 : rhs[i - (rank - rhs.size())];
    if (l != r && l != 1 && r != 1) {
      (void)emitOptionalError(loc, "shapes ", shapeString(lhs), " and ",
                              shapeString(rhs), " cannot be broadcast");
      return failure();
    }
    result[i] = l == 1 ? r : l;
  }
  return result;
}

FailureOr<RankedTensorType> asRanked(Type type, OptionalLoc loc) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape()) {
    (void)emitOptionalError(loc, "expected a tensor of static shape, got ",
                            type);
    return failure();
  }
  return ranked;
}

/// Both operands as static tensors of one element type.
static LogicalResult asRankedPair(Type lhs, Type rhs, OptionalLoc loc,
                                  RankedTensorType &l, RankedTensorType &r) {
  auto lr = asRanked(lhs, loc), rr = asRanked(rhs, loc);
  if (failed(lr) || failed(rr))
    return failure();
  l = *lr;
  r = *rr;
  if (l.getElementType() != r.getElementType()) {
    (void)emitOptionalError(loc, "element types differ: ", l.getElementType(),
                            " and ", r.getElementType());
    return failure();
  }
  return success();
}

FailureOr<RankedTensorType> inferElementwiseType(Type lhs, Type rhs,
                                                 OptionalLoc loc) {
  RankedTensorType l, r;
  if (failed(asRankedPair(lhs, rhs, loc, l, r)))
    return failure();
  auto shape = broadcastShapes(l.getShape(), r.getShape(), loc);
  if (failed(shape))
    return failure();
  return RankedTensorType::get(*shape, l.getElementType());
}

FailureOr<RankedTensorType> inferCompareType(Type lhs, Type rhs,
                                             OptionalLoc loc) {
  auto type = inferElementwiseType(lhs, rhs, loc);
  if (failed(type))
    return failure();
  return type->clone(IntegerType::get(type->getContext(), 1));
}

FailureOr<RankedTensorType> inferWhereType(Type condition, Type x, Type y,
                                           OptionalLoc loc) {
  auto c = asRanked(condition, loc);
  auto xy = inferElementwiseType(x, y, loc);
  if (failed(c) || failed(xy))
    return failure();
  auto shape = broadcastShapes(c->getShape(), xy->getShape(), loc);
  if (failed(shape))
    return failure();
  return RankedTensorType::get(*shape, xy->getElementType());
}

FailureOr<RankedTensorType> inferMatMulType(Type lhs, Type rhs,
                                            OptionalLoc loc) {
  RankedTensorType l, r;
  if (failed(asRankedPair(lhs, rhs, loc, l, r)))
    return failure();
  ArrayRef<int64_t> a = l.getShape(), b = r.getShape();
  if (a.empty() || b.empty()) {
    (void)emitOptionalError(loc, "matmul operands must have rank >= 1");
    return failure();
  }
  // 1-D operands are promoted to [1, K] and [K, 1]; the added dim is dropped.
  SmallVector<int64_t> pa(a), pb(b);
  if (a.size() == 1)
    pa.insert(pa.begin(), 1);
  if (b.size() == 1)
    pb.push_back(1);
  int64_t k1 = pa.back(), k2 = pb[pb.size() - 2];
  if (k1 != k2) {
    (void)emitOptionalError(loc, "matmul contraction dims differ: ",
                            shapeString(a), " x ", shapeString(b));
    return failure();
  }
  auto batch = broadcastShapes(ArrayRef(pa).drop_back(2),
                               ArrayRef(pb).drop_back(2), loc);
  if (failed(batch))
    return failure();
  SmallVector<int64_t> shape(*batch);
  if (a.size() > 1)
    shape.push_back(pa[pa.size() - 2]);
  if (b.size() > 1)
    shape.push_back(pb.back());
  return RankedTensorType::get(shape, l.getElementType());
}

FailureOr<RankedTensorType> inferGemmType(Type a, Type b, Type c, bool transA,
                                          bool transB, OptionalLoc loc) {
  auto ta = asRanked(a, loc), tb = asRanked(b, loc);
  if (failed(ta) || failed(tb))
    return failure();
  if (ta->getRank() != 2 || tb->getRank() != 2) {
    (void)emitOptionalError(loc, "gemm operands A and B must be 2-D");
    return failure();
  }
  if (ta->getElementType() != tb->getElementType()) {
    (void)emitOptionalError(loc, "element types differ: ",
                            ta->getElementType(), " and ",
                            tb->getElementType());
    return failure();
  }
  int64_t m = ta->getDimSize(transA ? 1 : 0), k = ta->getDimSize(transA ? 0 : 1);
  int64_t kb = tb->getDimSize(transB ? 1 : 0), n = tb->getDimSize(transB ? 0 : 1);
  if (k != kb) {
    (void)emitOptionalError(loc, "gemm contraction dims differ: ", k, " vs ",
                            kb);
    return failure();
  }
  auto result = RankedTensorType::get({m, n}, ta->getElementType());
  if (c) {
    auto tc = asRanked(c, loc);
    if (failed(tc))
      return failure();
    if (tc->getElementType() != ta->getElementType()) {
      (void)emitOptionalError(loc, "gemm C element type differs");
      return failure();
    }
    // C broadcasts unidirectionally: the result must keep the [M, N] shape.
    auto shape = broadcastShapes(tc->getShape(), result.getShape(), loc);
    if (failed(shape))
      return failure();
    if (ArrayRef<int64_t>(*shape) != result.getShape()) {
      (void)emitOptionalError(loc, "gemm C of shape ",
                              shapeString(tc->getShape()),
                              " does not broadcast to ",
                              shapeString(result.getShape()));
      return failure();
    }
  }
  return result;
}

FailureOr<RankedTensorType> inferTransposeType(Type input,
                                               ArrayRef<int64_t> perm,
                                               OptionalLoc loc) {
  auto t = asRanked(input, loc);
  if (failed(t))
    return failure();
  int64_t rank = t->getRank();
  SmallVector<bool> seen(rank, false);
  if ((int64_t)perm.size() != rank) {
    (void)emitOptionalError(loc, "transpose perm has ", perm.size(),
                            " entries for rank ", rank);
    return failure();
  }
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p]) {
      (void)emitOptionalError(loc, "transpose perm is not a permutation");
      return failure();
    }
    seen[p] = true;
    shape.push_back(t->getDimSize(p));
  }
  return RankedTensorType::get(shape, t->getElementType());
}

FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank, OptionalLoc loc) {
  if (axis < -rank || axis >= std::max<int64_t>(rank, 1)) {
    (void)emitOptionalError(loc, "axis ", axis, " is out of range for rank ",
                            rank);
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

} // namespace edgecc::edge
