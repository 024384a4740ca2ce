//===- ImportNN.cpp - Conv, pooling, padding and normalisation nodes ------===//
//
// ONNX's window attributes come with defaults and the auto_pad shorthand;
// the edge ops take them complete, so this file fills in the defaults and
// turns auto_pad into explicit pads. Pad's and CumSum's operand-like inputs
// must be known at compile time and become attributes.
//
//===----------------------------------------------------------------------===//

#include "NodeImporter.h"

using namespace mlir;

namespace edgecc::import {
namespace {


/// The geometry of a sliding-window node after defaults and auto_pad.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, pads;
};

/// Explicit pads for auto_pad SAME_UPPER/SAME_LOWER: enough for
/// ceil(size / stride) windows, the odd one at the end (UPPER) or at the
/// beginning (LOWER).
void samePads(Window &w, ArrayRef<int64_t> spatialSizes, bool upper) {
  size_t rank = spatialSizes.size();
  w.pads.assign(2 * rank, 0);
  for (size_t i = 0; i < rank; ++i) {
    int64_t size = spatialSizes[i], stride = w.strides[i];
    int64_t count = (size + stride - 1) / stride;
    int64_t extent = (w.kernel[i] - 1) * w.dilations[i] + 1;
    int64_t total = std::max<int64_t>(0, (count - 1) * stride + extent - size);
    int64_t small = total / 2;
    w.pads[i] = upper ? small : total - small;
    w.pads[i + rank] = total - w.pads[i];
  }
}

/// Reads strides, dilations, pads and auto_pad for an [N, C, D...] input
/// and a known kernel shape.
FailureOr<Window> readWindow(NodeImporter &n, RankedTensorType input,
                             ArrayRef<int64_t> kernel) {
  if (input.getRank() < 3)
    return n.error() << "expected an [N, C, spatial...] input, got "
                     << edge::shapeString(input.getShape());
  size_t rank = input.getRank() - 2;
  Window w;
  w.kernel.assign(kernel.begin(), kernel.end());
  w.strides = n.intsAttr("strides").value_or(SmallVector<int64_t>(rank, 1));
  w.dilations = n.intsAttr("dilations").value_or(SmallVector<int64_t>(rank, 1));
  w.pads = n.intsAttr("pads").value_or(SmallVector<int64_t>(2 * rank, 0));
  // The shape rules report wrong lengths; auto_pad needs them right first.
  if (w.kernel.size() != rank || w.strides.size() != rank ||
      w.dilations.size() != rank)
    return n.error() << "kernel_shape, strides and dilations need one entry "
                        "per spatial dim ("
                     << rank << ")";
  auto positive = [](ArrayRef<int64_t> values) {
    return llvm::all_of(values, [](int64_t v) { return v > 0; });
  };
  if (!positive(w.strides) || !positive(w.dilations))
    return n.error() << "strides " << edge::shapeString(w.strides)
                     << " and dilations " << edge::shapeString(w.dilations)
                     << " must be positive";

  std::string autoPad = "NOTSET";
  if (const onnx::AttributeProto *attr = n.attribute("auto_pad"))
    autoPad = attr->s();
  if (autoPad == "NOTSET")
    return w;
  if (llvm::any_of(w.pads, [](int64_t p) { return p != 0; }))
    return n.error() << "pads and auto_pad " << autoPad
                     << " cannot both be given";
  ArrayRef<int64_t> sizes = input.getShape().drop_front(2);
  if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")
    samePads(w, sizes, autoPad == "SAME_UPPER");
  else if (autoPad != "VALID")
    return n.error() << "auto_pad '" << autoPad << "' is not supported";
  return w;
}

/// The window of Conv/ConvInteger: the kernel is the weight's spatial shape
/// (kernel_shape, if given, must agree).
FailureOr<Window> readConvWindow(NodeImporter &n, Value x, Value weight) {
  RankedTensorType weightType = tensorType(weight);
  if (weightType.getRank() < 3 ||
      weightType.getRank() != tensorType(x).getRank())
    return n.error() << "weight " << edge::shapeString(weightType.getShape())
                     << " is not [M, C / group, kernel...] for input "
                     << edge::shapeString(tensorType(x).getShape());
  ArrayRef<int64_t> kernel = weightType.getShape().drop_front(2);
  if (auto given = n.intsAttr("kernel_shape"); given && *given != kernel)
    return n.error() << "kernel_shape " << edge::shapeString(*given)
                     << " differs from the weight's "
                     << edge::shapeString(kernel);
  return readWindow(n, tensorType(x), kernel);
}

LogicalResult importConv(NodeImporter &n) {
  Value x = n.input(0), weight = n.input(1);
  if (!x || !weight || failed(requireF32(n, x, "Conv input")) ||
      failed(requireF32(n, weight, "Conv weight")))
    return failure();
  Value bias = n.hasInput(2) ? n.input(2) : Value();
  if (n.hasInput(2) && (!bias || failed(requireF32(n, bias, "Conv bias"))))
    return failure();
  auto w = readConvWindow(n, x, weight);
  if (failed(w))
    return failure();
  int64_t group = n.intAttr("group", 1);
  OpBuilder &b = n.b();
  return n.emitInferred<edge::ConvOp>(
      edge::inferConvType(x.getType(), weight.getType(),
                          bias ? bias.getType() : Type(), w->strides,
                          w->dilations, w->pads, group, n.location()),
      x, weight, bias, b.getDenseI64ArrayAttr(w->strides),
      b.getDenseI64ArrayAttr(w->dilations), b.getDenseI64ArrayAttr(w->pads),
      b.getI64IntegerAttr(group));
}

/// A missing zero point is zero, of the type of the tensor it shifts.
Value zeroPointOrZero(NodeImporter &n, unsigned i, Type element) {
  if (n.hasInput(i))
    return n.input(i);
  return n.splat(RankedTensorType::get({}, element),
                 n.b().getIntegerAttr(element, 0));
}

/// edge.conv_integer of x and w shifted by their zero points, with the
/// node's window attributes.
FailureOr<Value> buildConvInteger(NodeImporter &n, Value x, Value w,
                                  Value xZero, Value wZero) {
  auto window = readConvWindow(n, x, w);
  if (failed(window))
    return failure();
  int64_t group = n.intAttr("group", 1);
  OpBuilder &b = n.b();
  return n.build<edge::ConvIntegerOp>(
      edge::inferConvIntegerType(x.getType(), w.getType(), xZero.getType(),
                                 wZero.getType(), window->strides,
                                 window->dilations, window->pads, group,
                                 n.location()),
      x, w, xZero, wZero, b.getDenseI64ArrayAttr(window->strides),
      b.getDenseI64ArrayAttr(window->dilations),
      b.getDenseI64ArrayAttr(window->pads), b.getI64IntegerAttr(group));
}

/// ConvInteger: like Conv on 8-bit operands minus their zero points, with
/// int32 results and no bias.
LogicalResult importConvInteger(NodeImporter &n) {
  Value x = n.input(0), weight = n.input(1);
  if (!x || !weight)
    return failure();
  Type xElement = tensorType(x).getElementType();
  Type wElement = tensorType(weight).getElementType();
  if (!xElement.isInteger(8) || !wElement.isInteger(8))
    return n.error() << "ConvInteger needs int8 or uint8 operands, got "
                     << xElement << " and " << wElement;
  Value xZero = zeroPointOrZero(n, 2, xElement);
  Value wZero = zeroPointOrZero(n, 3, wElement);
  if (!xZero || !wZero)
    return failure();
  auto acc = buildConvInteger(n, x, weight, xZero, wZero);
  if (failed(acc))
    return failure();
  n.setOutput(0, *acc);
  return success();
}

/// `value` with its dim 0 ([M]) moved to dim 1 of a rank-`rank` shape
/// ([1, M, 1...]), so that it broadcasts over [N, M, O...] per channel.
/// A one-element value stays as it is.
Value perChannel(NodeImporter &n, Value value, int64_t rank) {
  RankedTensorType type = tensorType(value);
  if (type.getNumElements() == 1)
    return value;
  SmallVector<int64_t> shape(rank, 1);
  shape[1] = type.getNumElements();
  return edge::ReshapeOp::create(n.b(), n.location(), type.clone(shape), value);
}

/// round(acc * multiplier) + zeroPoint, saturated to the zero point's 8-bit
/// type: the requantisation of an int32 accumulator (ties round to even, as
/// QuantizeLinear does).
FailureOr<Value> requantize(NodeImporter &n, Value acc, Value multiplier,
                            Value zeroPoint) {
  OpBuilder &b = n.b();
  Location loc = n.location();
  RankedTensorType accType = tensorType(acc);
  Type f32 = b.getF32Type();
  Value real = edge::CastOp::create(b, loc, accType.clone(f32), acc);
  auto scaled = n.buildBinary<edge::MulOp>(real, multiplier);
  if (failed(scaled))
    return failure();
  auto rounded = n.build<edge::RoundOp>(tensorType(*scaled), *scaled);
  if (failed(rounded))
    return failure();
  RankedTensorType zeroType = tensorType(zeroPoint);
  Value zero = edge::CastOp::create(b, loc, zeroType.clone(f32), zeroPoint);
  auto shifted = n.buildBinary<edge::AddOp>(*rounded, zero);
  if (failed(shifted))
    return failure();
  Type element = zeroType.getElementType();
  bool isUnsignedInt = element.isUnsignedInteger();
  auto low = n.buildBinary<edge::MaxOp>(*shifted,
                                        n.scalarF32(isUnsignedInt ? 0 : -128));
  if (failed(low))
    return failure();
  auto high =
      n.buildBinary<edge::MinOp>(*low, n.scalarF32(isUnsignedInt ? 255 : 127));
  if (failed(high))
    return failure();
  return Value(
      edge::CastOp::create(b, loc, tensorType(*high).clone(element), *high));
}

/// Checks that a scale is float32 with one element, or `channels` if given.
LogicalResult checkScale(NodeImporter &n, Value scale, StringRef what,
                         int64_t channels = 1) {
  RankedTensorType type = tensorType(scale);
  if (!type.getElementType().isF32() || type.getRank() > 1 ||
      (type.getNumElements() != 1 && type.getNumElements() != channels))
    return n.error() << what << " must be a float32 scalar"
                     << (channels > 1 ? " or per-channel vector" : "")
                     << ", got " << type;
  return success();
}

/// QLinearConv: ConvInteger, plus the int32 bias, requantised by
/// x_scale * w_scale / y_scale into y_zero_point's type.
LogicalResult importQLinearConv(NodeImporter &n) {
  Value x = n.input(0), xScale = n.input(1), xZero = n.input(2);
  Value w = n.input(3), wScale = n.input(4), wZero = n.input(5);
  Value yScale = n.input(6), yZero = n.input(7);
  if (!x || !xScale || !xZero || !w || !wScale || !wZero || !yScale || !yZero)
    return failure();
  Type xElement = tensorType(x).getElementType();
  Type wElement = tensorType(w).getElementType();
  Type yElement = tensorType(yZero).getElementType();
  if (!xElement.isInteger(8) || !wElement.isInteger(8) ||
      !yElement.isInteger(8) || tensorType(yZero).getNumElements() != 1)
    return n.error() << "QLinearConv needs int8 or uint8 x, w and a scalar "
                        "y_zero_point, got "
                     << xElement << ", " << wElement << " and "
                     << tensorType(yZero);
  int64_t filters = tensorType(w).getRank() ? tensorType(w).getDimSize(0) : 0;
  if (failed(checkScale(n, xScale, "x_scale")) ||
      failed(checkScale(n, wScale, "w_scale", filters)) ||
      failed(checkScale(n, yScale, "y_scale")))
    return failure();
  auto acc = buildConvInteger(n, x, w, xZero, wZero);
  if (failed(acc))
    return failure();
  int64_t rank = tensorType(*acc).getRank();
  if (n.hasInput(8)) {
    Value bias = n.input(8);
    if (!bias)
      return failure();
    RankedTensorType biasType = tensorType(bias);
    if (!biasType.getElementType().isInteger(32) ||
        biasType.getShape() != ArrayRef<int64_t>{filters})
      return n.error() << "bias must be an int32 [" << filters
                       << "] tensor, got " << biasType;
    acc = n.buildBinary<edge::AddOp>(*acc, perChannel(n, bias, rank));
    if (failed(acc))
      return failure();
  }
  auto scales = n.buildBinary<edge::MulOp>(xScale, wScale);
  if (failed(scales))
    return failure();
  auto multiplier = n.buildBinary<edge::DivOp>(*scales, yScale);
  if (failed(multiplier))
    return failure();
  auto y = requantize(n, *acc, perChannel(n, *multiplier, rank), yZero);
  if (failed(y))
    return failure();
  n.setOutput(0, *y);
  return success();
}

/// The window of MaxPool/AveragePool: kernel_shape is required.
FailureOr<Window> readPoolWindow(NodeImporter &n, RankedTensorType input) {
  auto kernel = n.intsAttr("kernel_shape");
  if (!kernel)
    return n.error() << "kernel_shape is required";
  return readWindow(n, input, *kernel);
}

/// MaxPool, and its optional Indices output, whose numbering storage_order
/// picks.
LogicalResult importMaxPool(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  RankedTensorType type = tensorType(x);
  Type element = type.getElementType();
  if (!element.isF32() && !element.isInteger(8))
    return n.error() << "MaxPool on " << element
                     << " is not supported (float32, int8 and uint8 are)";
  auto w = readPoolWindow(n, type);
  if (failed(w))
    return failure();
  bool ceilMode = n.intAttr("ceil_mode", 0) != 0;
  auto resultType =
      edge::inferPoolType(type, w->kernel, w->strides, w->dilations, w->pads,
                          ceilMode, n.location());
  if (failed(resultType))
    return failure();
  OpBuilder &b = n.b();
  auto kernel = b.getDenseI64ArrayAttr(w->kernel);
  auto strides = b.getDenseI64ArrayAttr(w->strides);
  auto dilations = b.getDenseI64ArrayAttr(w->dilations);
  auto pads = b.getDenseI64ArrayAttr(w->pads);
  bool wantsIndices =
      n.proto().output_size() > 1 && !n.proto().output(1).empty();
  if (!wantsIndices)
    return n.emitInferred<edge::MaxPoolOp>(resultType, x, kernel, strides,
                                           dilations, pads,
                                           b.getBoolAttr(ceilMode));
  int64_t storageOrder = n.intAttr("storage_order", 0);
  if (storageOrder != 0 && storageOrder != 1)
    return n.error() << "storage_order " << storageOrder
                     << " is not 0 (row major) or 1 (column major)";
  auto op = edge::MaxPoolWithIndicesOp::create(
      b, n.location(), *resultType, resultType->clone(b.getI64Type()), x,
      kernel, strides, dilations, pads, b.getBoolAttr(ceilMode),
      b.getBoolAttr(storageOrder == 1));
  n.setOutput(0, op.getResult());
  n.setOutput(1, op.getIndices());
  return success();
}

LogicalResult importAveragePool(NodeImporter &n) {
  Value x = n.input(0);
  if (!x || failed(requireF32(n, x, "AveragePool input")))
    return failure();
  RankedTensorType type = tensorType(x);
  auto w = readPoolWindow(n, type);
  if (failed(w))
    return failure();
  bool ceilMode = n.intAttr("ceil_mode", 0) != 0;
  bool countIncludePad = n.intAttr("count_include_pad", 0) != 0;
  OpBuilder &b = n.b();
  return n.emitInferred<edge::AveragePoolOp>(
      edge::inferPoolType(type, w->kernel, w->strides, w->dilations, w->pads,
                          ceilMode, n.location()),
      x, b.getDenseI64ArrayAttr(w->kernel), b.getDenseI64ArrayAttr(w->strides),
      b.getDenseI64ArrayAttr(w->dilations), b.getDenseI64ArrayAttr(w->pads),
      b.getBoolAttr(ceilMode), b.getBoolAttr(countIncludePad));
}

/// GlobalMaxPool/GlobalAveragePool: one window covering every spatial dim.
template <typename PoolOp> LogicalResult importGlobalPool(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  RankedTensorType type = tensorType(x);
  Type element = type.getElementType();
  if (!element.isF32() &&
      !(std::is_same_v<PoolOp, edge::MaxPoolOp> && element.isInteger(8)))
    return n.error() << "global pooling on " << element << " is not supported";
  if (type.getRank() < 3)
    return n.error() << "expected an [N, C, spatial...] input, got "
                     << edge::shapeString(type.getShape());
  size_t rank = type.getRank() - 2;
  SmallVector<int64_t> kernel(type.getShape().drop_front(2));
  SmallVector<int64_t> ones(rank, 1), pads(2 * rank, 0);
  OpBuilder &b = n.b();
  auto inferred = edge::inferPoolType(type, kernel, ones, ones, pads,
                                      /*ceilMode=*/false, n.location());
  DenseI64ArrayAttr kernelAttr = b.getDenseI64ArrayAttr(kernel),
                    onesAttr = b.getDenseI64ArrayAttr(ones),
                    padsAttr = b.getDenseI64ArrayAttr(pads);
  BoolAttr no = b.getBoolAttr(false);
  if constexpr (std::is_same_v<PoolOp, edge::AveragePoolOp>)
    return n.emitInferred<PoolOp>(inferred, x, kernelAttr, onesAttr, onesAttr,
                                  padsAttr, no, no);
  else
    return n.emitInferred<PoolOp>(inferred, x, kernelAttr, onesAttr, onesAttr,
                                  padsAttr, no);
}

/// Pad's fill value as an attribute of the input's element type: from the
/// constant_value input (opset 11+) or the `value` attribute (before), zero
/// by default.
FailureOr<TypedAttr> readPadValue(NodeImporter &n, Type element) {
  OpBuilder &b = n.b();
  if (n.opsetVersion() < 11) {
    float value = n.floatAttr("value", 0.0f);
    if (element.isF32())
      return TypedAttr(b.getF32FloatAttr(value));
    return TypedAttr(b.getIntegerAttr(element, (int64_t)value));
  }
  if (!n.hasInput(2))
    return TypedAttr(isa<FloatType>(element)
                         ? TypedAttr(b.getFloatAttr(element, 0.0))
                         : TypedAttr(b.getIntegerAttr(element, 0)));
  DenseElementsAttr given = n.requireConstantInput(2, "constant_value");
  if (!given)
    return failure();
  if (given.getNumElements() != 1 || given.getElementType() != element)
    return n.error() << "constant_value must be one element of the input's "
                        "type, got "
                     << given.getType();
  return cast<TypedAttr>(*given.value_begin<Attribute>());
}

/// Pads as begins then ends for every dim, from the pads input (opset 11+,
/// restricted to `axes` from opset 18) or attribute.
FailureOr<SmallVector<int64_t>> readPads(NodeImporter &n, int64_t rank) {
  if (n.opsetVersion() < 11) {
    auto pads = n.intsAttr("pads");
    if (!pads)
      return n.error() << "the pads attribute is required";
    return *pads;
  }
  auto pads = n.requireIntsInput(1, "pads");
  if (failed(pads))
    return failure();
  if (!n.hasInput(3))
    return *pads;
  auto axes = n.requireIntsInput(3, "axes");
  if (failed(axes))
    return failure();
  size_t count = axes->size();
  if (pads->size() != 2 * count)
    return n.error() << "pads " << edge::shapeString(*pads) << " do not give "
                     << 2 * count << " values for axes "
                     << edge::shapeString(*axes);
  SmallVector<int64_t> full(2 * rank, 0);
  for (auto [i, axis] : llvm::enumerate(*axes)) {
    auto dim = edge::normalizeAxis(axis, rank, n.location());
    if (failed(dim))
      return failure();
    full[*dim] = (*pads)[i];
    full[*dim + rank] = (*pads)[i + count];
  }
  return full;
}

LogicalResult importPad(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  RankedTensorType type = tensorType(x);
  auto pads = readPads(n, type.getRank());
  if (failed(pads))
    return failure();
  std::string mode = "constant";
  if (const onnx::AttributeProto *attr = n.attribute("mode"))
    mode = attr->s();
  auto value = readPadValue(n, type.getElementType());
  if (failed(value))
    return failure();
  OpBuilder &b = n.b();
  return n.emitInferred<edge::PadOp>(
      edge::inferPadType(type, *pads, mode, n.location()), x,
      b.getDenseI64ArrayAttr(*pads), b.getStringAttr(mode), *value);
}

LogicalResult importEinsum(NodeImporter &n) {
  SmallVector<Value> inputs;
  SmallVector<int64_t> ranks;
  for (unsigned i = 0; i < n.numInputs(); ++i) {
    Value input = n.input(i);
    if (!input)
      return failure();
    if (tensorType(input).getElementType().isInteger(1))
      return n.error() << "Einsum on bool is not supported";
    inputs.push_back(input);
    ranks.push_back(tensorType(input).getRank());
  }
  const onnx::AttributeProto *attr = n.attribute("equation");
  if (!attr)
    return n.error() << "the equation attribute is required";
  auto equation = edge::normalizeEinsumEquation(attr->s(), ranks, n.location());
  if (failed(equation))
    return failure();
  return n.emitInferred<edge::EinsumOp>(
      edge::inferEinsumType(ValueRange(inputs).getTypes(), *equation,
                            n.location()),
      inputs, n.b().getStringAttr(*equation));
}

LogicalResult importCumSum(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  RankedTensorType type = tensorType(x);
  if (type.getElementType().isInteger(1))
    return n.error() << "CumSum on bool is not supported";
  auto axisValues = n.requireIntsInput(1, "axis");
  if (failed(axisValues))
    return failure();
  if (axisValues->size() != 1)
    return n.error() << "axis must be one value, got "
                     << edge::shapeString(*axisValues);
  auto axis =
      edge::normalizeAxis(axisValues->front(), type.getRank(), n.location());
  if (failed(axis))
    return failure();
  OpBuilder &b = n.b();
  return n.emitInferred<edge::CumSumOp>(
      type, x, b.getI64IntegerAttr(*axis),
      b.getBoolAttr(n.intAttr("exclusive", 0) != 0),
      b.getBoolAttr(n.intAttr("reverse", 0) != 0));
}

/// The first `count` inputs, each of which must be float32.
FailureOr<SmallVector<Value>> floatInputs(NodeImporter &n, unsigned count) {
  SmallVector<Value> values;
  for (unsigned i = 0; i < count; ++i) {
    Value value = n.input(i);
    if (!value || failed(requireF32(n, value, "input " + std::to_string(i))))
      return failure();
    values.push_back(value);
  }
  return values;
}

LogicalResult importBatchNormalization(NodeImporter &n) {
  if (n.intAttr("training_mode", 0) != 0)
    return n.error() << "training_mode=1 is not supported (inference only)";
  if (n.intAttr("spatial", 1) == 0)
    return n.error() << "spatial=0 (per-element statistics) is not supported";
  // Before opset 14, extra outputs (running and saved statistics) mean the
  // model was exported for training.
  for (int i = 1; i < n.proto().output_size(); ++i)
    if (!n.proto().output(i).empty())
      return n.error() << "the training outputs (mean, var, ...) are not "
                          "supported (inference only)";
  auto in = floatInputs(n, 5);
  if (failed(in))
    return failure();
  SmallVector<Value> &v = *in;
  Type perChannel[] = {v[1].getType(), v[2].getType(), v[3].getType(),
                       v[4].getType()};
  return n.emitInferred<edge::BatchNormOp>(
      edge::inferChannelNormType(v[0].getType(), perChannel, n.location()),
      v[0], v[1], v[2], v[3], v[4],
      n.b().getF32FloatAttr(n.floatAttr("epsilon", 1e-5f)));
}

LogicalResult importInstanceNormalization(NodeImporter &n) {
  auto in = floatInputs(n, 3);
  if (failed(in))
    return failure();
  SmallVector<Value> &v = *in;
  Type perChannel[] = {v[1].getType(), v[2].getType()};
  return n.emitInferred<edge::InstanceNormOp>(
      edge::inferChannelNormType(v[0].getType(), perChannel, n.location()),
      v[0], v[1], v[2], n.b().getF32FloatAttr(n.floatAttr("epsilon", 1e-5f)));
}

} // namespace

void registerNNImporters(llvm::StringMap<OpImportFn> &table) {
  table["Conv"] = importConv;
  table["ConvInteger"] = importConvInteger;
  table["QLinearConv"] = importQLinearConv;
  table["MaxPool"] = importMaxPool;
  table["AveragePool"] = importAveragePool;
  table["GlobalMaxPool"] = importGlobalPool<edge::MaxPoolOp>;
  table["GlobalAveragePool"] = importGlobalPool<edge::AveragePoolOp>;
  table["Pad"] = importPad;
  table["Einsum"] = importEinsum;
  table["CumSum"] = importCumSum;
  table["BatchNormalization"] = importBatchNormalization;
  table["InstanceNormalization"] = importInstanceNormalization;
}

} // namespace edgecc::import
