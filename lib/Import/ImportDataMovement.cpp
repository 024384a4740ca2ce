//===- ImportDataMovement.cpp - Concat, Split, Slice, Gather, Expand, ... -===//
//
// These nodes take positions and counts (starts, repeats, shape, split) as
// inputs; edgecc needs them at compile time and turns them into the exact,
// in-bounds attributes of the edge ops here, after ONNX's clamping rules.
//
//===----------------------------------------------------------------------===//

#include "NodeImporter.h"

using namespace mlir;

namespace edgecc::import {
namespace {


LogicalResult importConcat(NodeImporter &n) {
  SmallVector<Value> inputs;
  SmallVector<Type> types;
  for (unsigned i = 0; i < n.numInputs(); ++i) {
    Value input = n.input(i);
    if (!input)
      return failure();
    inputs.push_back(input);
    types.push_back(input.getType());
  }
  if (inputs.empty())
    return n.error() << "needs at least one input";
  auto axis = edge::normalizeAxis(n.intAttr("axis", 0),
                                  tensorType(inputs[0]).getRank(),
                                  n.location());
  if (failed(axis))
    return failure();
  return n.emitInferred<edge::ConcatOp>(
      edge::inferConcatType(types, *axis, n.location()), inputs,
      n.b().getI64IntegerAttr(*axis));
}

/// A slice of `x` along one axis; the other dims are kept whole.
FailureOr<Value> sliceAxis(NodeImporter &n, Value x, int64_t axis,
                           int64_t start, int64_t size) {
  RankedTensorType type = tensorType(x);
  SmallVector<int64_t> starts(type.getRank(), 0), steps(type.getRank(), 1);
  SmallVector<int64_t> sizes(type.getShape());
  starts[axis] = size ? start : 0;
  sizes[axis] = size;
  OpBuilder &b = n.b();
  return n.build<edge::SliceOp>(
      edge::inferSliceType(x.getType(), starts, sizes, steps, n.location()), x,
      b.getDenseI64ArrayAttr(starts), b.getDenseI64ArrayAttr(sizes),
      b.getDenseI64ArrayAttr(steps));
}

/// Split into parts given by the `split` input (opset 13+) or attribute, or
/// evenly: into as many outputs as the node has, or `num_outputs` (opset 18,
/// the last part smaller when the dim does not divide).
LogicalResult importSplit(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  RankedTensorType type = tensorType(x);
  auto axis = edge::normalizeAxis(n.intAttr("axis", 0), type.getRank(),
                                  n.location());
  if (failed(axis))
    return failure();
  int64_t dim = type.getDimSize(*axis);
  SmallVector<int64_t> parts;
  if (n.opsetVersion() >= 13 && n.hasInput(1)) {
    auto given = n.requireIntsInput(1, "split");
    if (failed(given))
      return failure();
    parts = *given;
  } else if (auto given = n.intsAttr("split")) {
    parts = *given;
  } else {
    int64_t count = n.intAttr("num_outputs", n.proto().output_size());
    if (count <= 0)
      return n.error() << "cannot split into " << count << " parts";
    int64_t part = (dim + count - 1) / count;
    if (!n.attribute("num_outputs") && dim % count)
      return n.error() << "dim " << dim << " does not split evenly into "
                       << count << " outputs";
    for (int64_t i = 0, left = dim; i < count; ++i, left -= part)
      parts.push_back(std::max<int64_t>(0, std::min(part, left)));
    if (parts.back() == 0)
      return n.error() << "dim " << dim << " cannot be split into " << count
                       << " non-empty parts";
  }
  if ((int64_t)parts.size() != n.proto().output_size())
    return n.error() << "split has " << parts.size() << " parts for "
                     << n.proto().output_size() << " outputs";
  int64_t start = 0;
  for (auto [i, size] : llvm::enumerate(parts)) {
    if (size < 0 || start + size > dim)
      return n.error() << "split sizes exceed dim " << dim;
    auto part = sliceAxis(n, x, *axis, start, size);
    if (failed(part))
      return failure();
    n.setOutput(i, *part);
    start += size;
  }
  if (start != dim)
    return n.error() << "split sizes add up to " << start << ", not " << dim;
  return success();
}

/// Resolves one axis of ONNX Slice: negative positions count from the end,
/// then starts/ends are clamped (differently for negative steps).
void resolveSliceAxis(int64_t dim, int64_t start, int64_t end, int64_t step,
                      int64_t &first, int64_t &size) {
  auto wrap = [dim](int64_t v) { return v < 0 ? std::max(v, -dim - 1) + dim : v; };
  start = wrap(start);
  end = wrap(end);
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
    size = end > start ? (end - start + step - 1) / step : 0;
  } else {
    start = std::clamp<int64_t>(start, 0, dim - 1);
    end = std::clamp<int64_t>(end, -1, dim - 1);
    size = start > end ? (start - end - step - 1) / -step : 0;
  }
  first = size ? start : 0;
}

LogicalResult importSlice(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  RankedTensorType type = tensorType(x);
  int64_t rank = type.getRank();
  SmallVector<int64_t> starts, ends, axes, steps;
  if (n.opsetVersion() < 10) {
    starts = n.intsAttr("starts").value_or(SmallVector<int64_t>());
    ends = n.intsAttr("ends").value_or(SmallVector<int64_t>());
    if (auto given = n.intsAttr("axes"))
      axes = *given;
  } else {
    auto s = n.requireIntsInput(1, "starts");
    auto e = n.requireIntsInput(2, "ends");
    if (failed(s) || failed(e))
      return failure();
    starts = *s;
    ends = *e;
    if (n.hasInput(3)) {
      auto a = n.requireIntsInput(3, "axes");
      if (failed(a))
        return failure();
      axes = *a;
    }
    if (n.hasInput(4)) {
      auto st = n.requireIntsInput(4, "steps");
      if (failed(st))
        return failure();
      steps = *st;
    }
  }
  if (axes.empty())
    for (int64_t d = 0; d < (int64_t)starts.size(); ++d)
      axes.push_back(d);
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return n.error() << "starts, ends, axes and steps differ in length";

  SmallVector<int64_t> first(rank, 0), sizes(type.getShape()),
      strides(rank, 1);
  SmallVector<bool> seen(rank, false);
  for (auto [i, axisValue] : llvm::enumerate(axes)) {
    auto axis = edge::normalizeAxis(axisValue, rank, n.location());
    if (failed(axis))
      return failure();
    if (seen[*axis])
      return n.error() << "axis " << axisValue << " is repeated";
    seen[*axis] = true;
    if (steps[i] == 0)
      return n.error() << "step 0 on axis " << axisValue;
    strides[*axis] = steps[i];
    resolveSliceAxis(type.getDimSize(*axis), starts[i], ends[i], steps[i],
                     first[*axis], sizes[*axis]);
  }
  OpBuilder &b = n.b();
  return n.emitInferred<edge::SliceOp>(
      edge::inferSliceType(x.getType(), first, sizes, strides, n.location()),
      x, b.getDenseI64ArrayAttr(first), b.getDenseI64ArrayAttr(sizes),
      b.getDenseI64ArrayAttr(strides));
}

template <typename OpTy>
LogicalResult importGatherLike(NodeImporter &n,
                               FailureOr<RankedTensorType> (*infer)(
                                   Type, Type, int64_t, edge::OptionalLoc)) {
  Value data = n.input(0), indices = n.input(1);
  if (!data || !indices)
    return failure();
  Type indexElement = tensorType(indices).getElementType();
  if (!indexElement.isInteger(64) && !indexElement.isInteger(32))
    return n.error() << "indices must be int64 or int32, got "
                     << indexElement;
  auto axis = edge::normalizeAxis(n.intAttr("axis", 0),
                                  tensorType(data).getRank(), n.location());
  if (failed(axis))
    return failure();
  // Out-of-range constant indices are the model's error: say so now.
  if (DenseElementsAttr constant = n.constantInput(1)) {
    int64_t dim = tensorType(data).getDimSize(*axis);
    for (const APInt &index : constant.getValues<APInt>()) {
      int64_t i = index.getSExtValue();
      if (i < -dim || i >= dim)
        return n.error() << "index " << i << " is out of range for dim "
                         << dim;
    }
  }
  return n.emitInferred<OpTy>(
      infer(data.getType(), indices.getType(), *axis, n.location()), data,
      indices, n.b().getI64IntegerAttr(*axis));
}

LogicalResult importGather(NodeImporter &n) {
  return importGatherLike<edge::GatherOp>(n, edge::inferGatherType);
}

LogicalResult importGatherElements(NodeImporter &n) {
  return importGatherLike<edge::GatherElementsOp>(
      n, edge::inferGatherElementsType);
}

LogicalResult importExpand(NodeImporter &n) {
  Value x = n.input(0);
  auto shape = n.requireIntsInput(1, "shape");
  if (!x || failed(shape))
    return failure();
  return n.emitInferred<edge::BroadcastOp>(
      edge::inferBroadcastType(x.getType(), *shape, n.location()), x,
      n.b().getDenseI64ArrayAttr(*shape));
}

LogicalResult importTile(NodeImporter &n) {
  Value x = n.input(0);
  auto repeats = n.requireIntsInput(1, "repeats");
  if (!x || failed(repeats))
    return failure();
  return n.emitInferred<edge::TileOp>(
      edge::inferTileType(x.getType(), *repeats, n.location()), x,
      n.b().getDenseI64ArrayAttr(*repeats));
}

LogicalResult importTrilu(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  int64_t k = 0;
  if (n.hasInput(1)) {
    auto given = n.requireIntsInput(1, "k");
    if (failed(given))
      return failure();
    if (given->size() != 1)
      return n.error() << "k must be a scalar";
    k = given->front();
  }
  if (tensorType(x).getRank() < 2)
    return n.error() << "needs an input of rank >= 2";
  OpBuilder &b = n.b();
  return n.emitInferred<edge::TriluOp>(
      tensorType(x), x, b.getI64IntegerAttr(k),
      b.getBoolAttr(n.intAttr("upper", 1) != 0));
}

} // namespace

void registerDataMovementImporters(llvm::StringMap<OpImportFn> &table) {
  table["Concat"] = importConcat;
  table["Split"] = importSplit;
  table["Slice"] = importSlice;
  table["Gather"] = importGather;
  table["GatherElements"] = importGatherElements;
  table["Expand"] = importExpand;
  table["Tile"] = importTile;
  table["Trilu"] = importTrilu;
}

} // namespace edgecc::import
