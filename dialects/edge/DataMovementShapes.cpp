//===- DataMovementShapes.cpp - Shape rules of reductions and data movement ===//

#include "edge/ShapeInference.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;

namespace edgecc::edge {

FailureOr<RankedTensorType> inferReduceType(Type input, ArrayRef<int64_t> axes,
                                            bool keepdims, OptionalLoc loc) {
  auto t = asRanked(input, loc);
  if (failed(t))
    return failure();
  int64_t rank = t->getRank();
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank || (i > 0 && axes[i - 1] >= axis)) {
      (void)emitOptionalError(loc, "reduction axes ", shapeString(axes),
                              " are not sorted, unique dims of rank ", rank);
      return failure();
    }
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (!llvm::is_contained(axes, d))
      shape.push_back(t->getDimSize(d));
    else if (keepdims)
      shape.push_back(1);
  }
  return RankedTensorType::get(shape, t->getElementType());
}

FailureOr<RankedTensorType> inferArgReduceType(Type input, int64_t axis,
                                               bool keepdims, OptionalLoc loc) {
  auto t = asRanked(input, loc);
  if (failed(t))
    return failure();
  if (axis < 0 || axis >= t->getRank() || t->getDimSize(axis) == 0) {
    (void)emitOptionalError(loc, "axis ", axis,
                            " is not a non-empty dim of shape ",
                            shapeString(t->getShape()));
    return failure();
  }
  auto reduced = inferReduceType(input, {axis}, keepdims, loc);
  if (failed(reduced))
    return failure();
  return reduced->clone(IntegerType::get(t->getContext(), 64));
}

FailureOr<RankedTensorType> inferConcatType(TypeRange inputs, int64_t axis,
                                            OptionalLoc loc) {
  if (inputs.empty()) {
    (void)emitOptionalError(loc, "concat needs at least one input");
    return failure();
  }
  auto first = asRanked(inputs.front(), loc);
  if (failed(first))
    return failure();
  if (axis < 0 || axis >= first->getRank()) {
    (void)emitOptionalError(loc, "concat axis ", axis,
                            " is out of range for rank ", first->getRank());
    return failure();
  }
  SmallVector<int64_t> shape(first->getShape());
  shape[axis] = 0;
  for (Type type : inputs) {
    auto t = asRanked(type, loc);
    if (failed(t))
      return failure();
    bool sameOtherDims = t->getRank() == first->getRank();
    for (int64_t d = 0; sameOtherDims && d < t->getRank(); ++d)
      sameOtherDims = d == axis || t->getDimSize(d) == shape[d];
    if (t->getElementType() != first->getElementType() || !sameOtherDims) {
      (void)emitOptionalError(loc, "concat inputs ",
                              shapeString(first->getShape()), " and ",
                              shapeString(t->getShape()),
                              " differ outside axis ", axis,
                              " or in element type");
      return failure();
    }
    shape[axis] += t->getDimSize(axis);
  }
  return RankedTensorType::get(shape, first->getElementType());
}

FailureOr<RankedTensorType> inferSliceType(Type input, ArrayRef<int64_t> starts,
                                           ArrayRef<int64_t> sizes,
                                           ArrayRef<int64_t> steps,
                                           OptionalLoc loc) {
  auto t = asRanked(input, loc);
  if (failed(t))
    return failure();
  int64_t rank = t->getRank();
  if ((int64_t)starts.size() != rank || (int64_t)sizes.size() != rank ||
      (int64_t)steps.size() != rank) {
    (void)emitOptionalError(loc, "slice needs starts, sizes and steps for "
                                 "each of the ",
                            rank, " dims");
    return failure();
  }
  for (int64_t d = 0; d < rank; ++d) {
    int64_t last = starts[d] + (sizes[d] - 1) * steps[d];
    bool inBounds = sizes[d] == 0 || (starts[d] >= 0 &&
                                      starts[d] < t->getDimSize(d) &&
                                      last >= 0 && last < t->getDimSize(d));
    if (steps[d] == 0 || sizes[d] < 0 || !inBounds) {
      (void)emitOptionalError(loc, "slice of dim ", d, " (start ", starts[d],
                              ", size ", sizes[d], ", step ", steps[d],
                              ") leaves [0, ", t->getDimSize(d), ")");
      return failure();
    }
  }
  return RankedTensorType::get(sizes, t->getElementType());
}

FailureOr<RankedTensorType> inferGatherType(Type data, Type indices,
                                            int64_t axis, OptionalLoc loc) {
  auto d = asRanked(data, loc), i = asRanked(indices, loc);
  if (failed(d) || failed(i))
    return failure();
  if (axis < 0 || axis >= d->getRank()) {
    (void)emitOptionalError(loc, "gather axis ", axis,
                            " is out of range for rank ", d->getRank());
    return failure();
  }
  SmallVector<int64_t> shape(d->getShape().take_front(axis));
  llvm::append_range(shape, i->getShape());
  llvm::append_range(shape, d->getShape().drop_front(axis + 1));
  return RankedTensorType::get(shape, d->getElementType());
}

FailureOr<RankedTensorType> inferGatherElementsType(Type data, Type indices,
                                                    int64_t axis,
                                                    OptionalLoc loc) {
  auto d = asRanked(data, loc), i = asRanked(indices, loc);
  if (failed(d) || failed(i))
    return failure();
  if (d->getRank() != i->getRank() || axis < 0 || axis >= d->getRank()) {
    (void)emitOptionalError(loc, "gather_elements needs data and indices of "
                                 "one rank and an axis in it");
    return failure();
  }
  for (int64_t k = 0; k < d->getRank(); ++k) {
    if (k != axis && i->getDimSize(k) > d->getDimSize(k)) {
      (void)emitOptionalError(loc, "indices ", shapeString(i->getShape()),
                              " exceed data ", shapeString(d->getShape()),
                              " outside the axis");
      return failure();
    }
  }
  return RankedTensorType::get(i->getShape(), d->getElementType());
}

FailureOr<RankedTensorType> inferBroadcastType(Type input,
                                               ArrayRef<int64_t> shape,
                                               OptionalLoc loc) {
  auto t = asRanked(input, loc);
  if (failed(t))
    return failure();
  auto result = broadcastShapes(t->getShape(), shape, loc);
  if (failed(result))
    return failure();
  return RankedTensorType::get(*result, t->getElementType());
}

FailureOr<RankedTensorType> inferTileType(Type input,
                                          ArrayRef<int64_t> repeats,
                                          OptionalLoc loc) {
  auto t = asRanked(input, loc);
  if (failed(t))
    return failure();
  if ((int64_t)repeats.size() != t->getRank() ||
      llvm::any_of(repeats, [](int64_t r) { return r < 0; })) {
    (void)emitOptionalError(loc, "tile needs one non-negative repeat per dim, "
                                 "got ",
                            shapeString(repeats));
    return failure();
  }
  SmallVector<int64_t> shape;
  for (auto [dim, repeat] : llvm::zip(t->getShape(), repeats))
    shape.push_back(dim * repeat);
  return RankedTensorType::get(shape, t->getElementType());
}

} // namespace edgecc::edge
