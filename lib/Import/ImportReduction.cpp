//===- ImportReduction.cpp - Reduce*, ArgMax/ArgMin, LayerNormalization ---===//

#include "NodeImporter.h"

using namespace mlir;

namespace edgecc::import {
namespace {


/// The reduction axes of a Reduce* node, normalised and sorted; an empty
/// result with `noop` set means the node is the identity.
struct ReduceAxes {
  SmallVector<int64_t> axes;
  bool noop = false;
};

FailureOr<ReduceAxes> reduceAxes(NodeImporter &n, int64_t rank,
                                 bool axesAsInput) {
  SmallVector<int64_t> given;
  if (axesAsInput) {
    if (n.hasInput(1)) {
      auto values = n.requireIntsInput(1, "axes");
      if (failed(values))
        return failure();
      given = *values;
    }
  } else if (auto attr = n.intsAttr("axes")) {
    given = *attr;
  }
  ReduceAxes result;
  if (given.empty()) {
    if (n.intAttr("noop_with_empty_axes", 0)) {
      result.noop = true;
      return result;
    }
    for (int64_t d = 0; d < rank; ++d)
      result.axes.push_back(d);
    return result;
  }
  for (int64_t axis : given) {
    auto normalized = edge::normalizeAxis(axis, rank, n.location());
    if (failed(normalized))
      return failure();
    if (llvm::is_contained(result.axes, *normalized))
      return n.error() << "axis " << axis << " is repeated";
    result.axes.push_back(*normalized);
  }
  llvm::sort(result.axes);
  return result;
}

/// ReduceSum takes its axes as an input from opset 13, the others from 18.
template <typename OpTy, int64_t axesInputOpset = 18>
LogicalResult importReduce(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto axes = reduceAxes(n, tensorType(x).getRank(),
                         n.opsetVersion() >= axesInputOpset);
  if (failed(axes))
    return failure();
  if (axes->noop) {
    n.setOutput(0, x);
    return success();
  }
  bool keepdims = n.intAttr("keepdims", 1) != 0;
  return n.emitInferred<OpTy>(
      edge::inferReduceType(x.getType(), axes->axes, keepdims, n.location()),
      x, n.b().getDenseI64ArrayAttr(axes->axes), n.b().getBoolAttr(keepdims));
}

template <typename OpTy>
LogicalResult importArgReduce(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto axis = edge::normalizeAxis(n.intAttr("axis", 0),
                                  tensorType(x).getRank(), n.location());
  if (failed(axis))
    return failure();
  bool keepdims = n.intAttr("keepdims", 1) != 0;
  bool last = n.intAttr("select_last_index", 0) != 0;
  OpBuilder &b = n.b();
  return n.emitInferred<OpTy>(
      edge::inferArgReduceType(x.getType(), *axis, keepdims, n.location()), x,
      b.getI64IntegerAttr(*axis), b.getBoolAttr(keepdims), b.getBoolAttr(last));
}

/// LayerNormalization (opset 17) as its definition: mean and variance over
/// the dims from `axis` on, Y = (X - mean) / sqrt(var + epsilon) * Scale + B.
/// Mean and InvStdDev are outputs too. The fusion passes see the same graph
/// as an exporter's decomposed LayerNorm.
LogicalResult importLayerNormalization(NodeImporter &n) {
  Value x = n.input(0), scale = n.input(1);
  if (!x || !scale)
    return failure();
  RankedTensorType type = tensorType(x);
  if (!isa<FloatType>(type.getElementType()))
    return n.error() << "needs a float32 input";
  int64_t rank = type.getRank();
  auto axis = edge::normalizeAxis(n.intAttr("axis", -1), rank, n.location());
  if (failed(axis))
    return failure();
  if (n.intAttr("stash_type", 1) != 1)
    return n.error() << "stash_type " << n.intAttr("stash_type", 1)
                     << " is not supported (float32 only)";
  SmallVector<int64_t> axes;
  for (int64_t d = *axis; d < rank; ++d)
    axes.push_back(d);
  OpBuilder &b = n.b();
  Location loc = n.location();
  auto mean = [&](Value v) {
    return n.build<edge::ReduceMeanOp>(
        edge::inferReduceType(v.getType(), axes, true, loc), v,
        b.getDenseI64ArrayAttr(axes), b.getBoolAttr(true));
  };
  auto mu = mean(x);
  if (failed(mu))
    return failure();
  auto centered = n.buildBinary<edge::SubOp>(x, *mu);
  if (failed(centered))
    return failure();
  auto squared =
      n.buildBinary<edge::MulOp>(*centered, *centered);
  if (failed(squared))
    return failure();
  auto variance = mean(*squared);
  if (failed(variance))
    return failure();
  auto shifted = n.buildBinary<edge::AddOp>(*variance,
                        n.scalarF32(n.floatAttr("epsilon", 1e-5f)));
  if (failed(shifted))
    return failure();
  Value stdDev = edge::SqrtOp::create(b, loc, tensorType(*shifted), *shifted);
  Value invStdDev = edge::ReciprocalOp::create(b, loc, tensorType(stdDev),
                                               stdDev);
  auto normalized =
      n.buildBinary<edge::MulOp>(*centered, invStdDev);
  if (failed(normalized))
    return failure();
  auto y = n.buildBinary<edge::MulOp>(*normalized, scale);
  if (failed(y))
    return failure();
  if (n.hasInput(2)) {
    Value bias = n.input(2);
    if (!bias)
      return failure();
    y = n.buildBinary<edge::AddOp>(*y, bias);
    if (failed(y))
      return failure();
  }
  if (tensorType(*y) != type)
    return n.error() << "Scale or B do not broadcast to the input's shape";
  n.setOutput(0, *y);
  n.setOutput(1, *mu);
  n.setOutput(2, invStdDev);
  return success();
}

} // namespace

void registerReductionImporters(llvm::StringMap<OpImportFn> &table) {
  table["ReduceSum"] = importReduce<edge::ReduceSumOp, 13>;
  table["ReduceMean"] = importReduce<edge::ReduceMeanOp>;
  table["ReduceMax"] = importReduce<edge::ReduceMaxOp>;
  table["ReduceMin"] = importReduce<edge::ReduceMinOp>;
  table["ReduceProd"] = importReduce<edge::ReduceProdOp>;
  table["ReduceSumSquare"] = importReduce<edge::ReduceSumSquareOp>;
  table["ReduceL1"] = importReduce<edge::ReduceL1Op>;
  table["ReduceL2"] = importReduce<edge::ReduceL2Op>;
  table["ReduceLogSum"] = importReduce<edge::ReduceLogSumOp>;
  table["ReduceLogSumExp"] = importReduce<edge::ReduceLogSumExpOp>;
  table["ArgMax"] = importArgReduce<edge::ArgMaxOp>;
  table["ArgMin"] = importArgReduce<edge::ArgMinOp>;
  table["LayerNormalization"] = importLayerNormalization;
}

} // namespace edgecc::import
