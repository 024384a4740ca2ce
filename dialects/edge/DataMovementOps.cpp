//===- DataMovementOps.cpp - Types and folds of the data movement ops -----===//

#include "Folding.h"
#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

using namespace mlir;
using namespace edgecc::edge;

/// A constant result whose element at each coordinate is the element of
/// `input` at `source(coordinate)` (a linear index), or null if too large.
static DenseElementsAttr
foldByCoordinates(Attribute input, RankedTensorType resultType,
                  function_ref<int64_t(ArrayRef<int64_t>)> source) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(input);
  if (!dense || resultType.getNumElements() > kMaxFoldElements)
    return {};
  SmallVector<Attribute> values(dense.getValues<Attribute>().begin(),
                                dense.getValues<Attribute>().end());
  SmallVector<Attribute> results;
  SmallVector<int64_t> coordinates(resultType.getRank(), 0);
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i) {
    int64_t rest = i;
    for (int64_t d = resultType.getRank() - 1; d >= 0; --d) {
      coordinates[d] = rest % resultType.getDimSize(d);
      rest /= resultType.getDimSize(d);
    }
    results.push_back(values[source(coordinates)]);
  }
  return DenseElementsAttr::get(resultType, results);
}

/// Appends an inferred type, or fails (the inference already reported why).
static LogicalResult pushInferred(FailureOr<RankedTensorType> type,
                                  SmallVectorImpl<Type> &types) {
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

/// Linear index of `coordinates` in a row-major `shape`.
static int64_t linearIndex(ArrayRef<int64_t> coordinates,
                           ArrayRef<int64_t> shape) {
  int64_t index = 0;
  for (auto [c, d] : llvm::zip(coordinates, shape))
    index = index * d + c;
  return index;
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
  return pushInferred(
      inferTransposeType(adaptor.getInput().getType(), adaptor.getPerm(), loc),
      types);
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return pushInferred(
      inferConcatType(adaptor.getInputs().getTypes(), adaptor.getAxis(), loc),
      types);
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1)
    return getInputs().front();
  RankedTensorType type = getType();
  if (type.getNumElements() > kMaxFoldElements)
    return {};
  // Row-major: the result is, for each index of the dims before the axis, the
  // inputs' chunks one after another.
  int64_t axis = getAxis(), outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= type.getDimSize(d);
  SmallVector<SmallVector<Attribute>> values;
  SmallVector<int64_t> chunks;
  for (auto [input, attr] : llvm::zip(getInputs(), adaptor.getInputs())) {
    auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
    if (!dense)
      return {};
    values.emplace_back(dense.getValues<Attribute>().begin(),
                        dense.getValues<Attribute>().end());
    auto inputType = cast<RankedTensorType>(input.getType());
    chunks.push_back(outer == 0 ? 0 : inputType.getNumElements() / outer);
  }
  SmallVector<Attribute> results;
  for (int64_t o = 0; o < outer; ++o)
    for (auto [chunk, elements] : llvm::zip(chunks, values))
      results.append(elements.begin() + o * chunk,
                     elements.begin() + (o + 1) * chunk);
  return DenseElementsAttr::get(type, results);
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  return pushInferred(inferSliceType(adaptor.getInput().getType(),
                                     adaptor.getStarts(), adaptor.getSizes(),
                                     adaptor.getSteps(), loc),
                      types);
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType() &&
      llvm::all_of(getStarts(), [](int64_t s) { return s == 0; }) &&
      llvm::all_of(getSteps(), [](int64_t s) { return s == 1; }))
    return getInput();
  ArrayRef<int64_t> inputShape = getInput().getType().getShape();
  return foldByCoordinates(
      adaptor.getInput(), getType(), [&](ArrayRef<int64_t> coordinates) {
        SmallVector<int64_t> source;
        for (auto [c, start, step] :
             llvm::zip(coordinates, getStarts(), getSteps()))
          source.push_back(start + c * step);
        return linearIndex(source, inputShape);
      });
}

//===----------------------------------------------------------------------===//
// GatherOp, GatherElementsOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return pushInferred(inferGatherType(adaptor.getData().getType(),
                                      adaptor.getIndices().getType(),
                                      adaptor.getAxis(), loc),
                      types);
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  auto indices = dyn_cast_if_present<DenseElementsAttr>(adaptor.getIndices());
  if (!indices)
    return {};
  SmallVector<int64_t> indexValues;
  int64_t axis = getAxis();
  ArrayRef<int64_t> dataShape = getData().getType().getShape();
  for (const APInt &index : indices.getValues<APInt>()) {
    int64_t i = index.getSExtValue();
    if (i < 0)
      i += dataShape[axis];
    if (i < 0 || i >= dataShape[axis])
      return {}; // out of range: left for the runtime, which clamps
    indexValues.push_back(i);
  }
  int64_t indexRank = getIndices().getType().getRank();
  ArrayRef<int64_t> indexShape = getIndices().getType().getShape();
  return foldByCoordinates(
      adaptor.getData(), getType(), [&](ArrayRef<int64_t> coordinates) {
        SmallVector<int64_t> source(coordinates.take_front(axis));
        source.push_back(indexValues[linearIndex(
            coordinates.slice(axis, indexRank), indexShape)]);
        llvm::append_range(source, coordinates.drop_front(axis + indexRank));
        return linearIndex(source, dataShape);
      });
}

LogicalResult GatherElementsOp::inferReturnTypes(MLIRContext *,
                                                 std::optional<Location> loc,
                                                 Adaptor adaptor,
                                                 SmallVectorImpl<Type> &types) {
  return pushInferred(inferGatherElementsType(adaptor.getData().getType(),
                                              adaptor.getIndices().getType(),
                                              adaptor.getAxis(), loc),
                      types);
}

//===----------------------------------------------------------------------===//
// BroadcastOp, TileOp, TriluOp
//===----------------------------------------------------------------------===//

LogicalResult BroadcastOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return pushInferred(
      inferBroadcastType(adaptor.getInput().getType(), adaptor.getShape(), loc),
      types);
}

OpFoldResult BroadcastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  ArrayRef<int64_t> inputShape = getInput().getType().getShape();
  ArrayRef<int64_t> resultShape = getType().getShape();
  return foldByCoordinates(
      adaptor.getInput(), getType(), [&](ArrayRef<int64_t> coordinates) {
        return broadcastIndex(inputShape, resultShape,
                              linearIndex(coordinates, resultShape));
      });
}

LogicalResult TileOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  return pushInferred(
      inferTileType(adaptor.getInput().getType(), adaptor.getRepeats(), loc),
      types);
}

LogicalResult TriluOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto type = asRanked(adaptor.getInput().getType(), loc);
  if (failed(type))
    return failure();
  if (type->getRank() < 2)
    return emitOptionalError(loc, "trilu needs rank >= 2");
  types.push_back(*type);
  return success();
}
