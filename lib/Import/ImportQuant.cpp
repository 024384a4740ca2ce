//===- ImportQuant.cpp - Quantize, dequantize and integer matmul nodes ----===//
//
// QuantizeLinear, DequantizeLinear and DynamicQuantizeLinear are elementwise
// float32 arithmetic around edge.cast (x / scale, round half to even, shift
// by the zero point, saturate); their per-axis and blocked scales become
// tensors that broadcast against the input. MatMulInteger is
// edge.matmul_integer, and QLinearMatMul that plus the requantisation of its
// int32 result.
//
//===----------------------------------------------------------------------===//

#include "NodeImporter.h"

#include "mlir/IR/Verifier.h"

using namespace mlir;

namespace edgecc::import {
namespace {


bool isByteType(Type element) { return element.isInteger(8); }

/// `value` reshaped to `shape` (no op when it has that shape already).
Value reshaped(NodeImporter &n, Value value, ArrayRef<int64_t> shape) {
  RankedTensorType type = tensorType(value);
  if (type.getShape() == shape)
    return value;
  return edge::ReshapeOp::create(n.b(), n.location(), type.clone(shape), value);
}

//===----------------------------------------------------------------------===//
// Quantization parameters
//===----------------------------------------------------------------------===//

/// How QuantizeLinear/DequantizeLinear parameters line up with the input:
/// one per tensor, one per slice along `axis`, or (block_size > 0, opset 21)
/// one per block of `blockSize` consecutive elements along `axis`.
struct QuantLayout {
  int64_t axis;
  int64_t blockSize;
};

FailureOr<QuantLayout> readLayout(NodeImporter &n) {
  QuantLayout layout{n.intAttr("axis", 1), n.intAttr("block_size", 0)};
  if (layout.blockSize < 0)
    return n.error() << "block_size " << layout.blockSize
                     << " must not be negative";
  return layout;
}

/// A scale or zero point `param` of the node turned into a tensor that
/// broadcasts elementwise against `x`: one element becomes rank 0, a
/// per-axis [C] becomes [1.., C, 1..], and a blocked parameter (x's rank,
/// ceil(D / block_size) along the axis) repeats each element block_size
/// times along the axis (a gather with constant indices).
FailureOr<Value> alignParam(NodeImporter &n, Value param, RankedTensorType x,
                            const QuantLayout &layout, StringRef what) {
  RankedTensorType type = tensorType(param);
  if (layout.blockSize == 0 && type.getNumElements() == 1)
    return reshaped(n, param, {});
  auto axis = edge::normalizeAxis(layout.axis, x.getRank(), n.location());
  if (failed(axis))
    return failure();
  int64_t size = x.getDimSize(*axis);
  int64_t blocks =
      layout.blockSize ? (size + layout.blockSize - 1) / layout.blockSize : 0;
  auto mismatch = [&]() -> LogicalResult {
    InFlightDiagnostic diag = n.error();
    diag << what << " " << edge::shapeString(type.getShape());
    if (layout.blockSize == 0)
      return diag << " is neither one element nor [" << size << "] (axis "
                  << *axis << ") for input " << edge::shapeString(x.getShape());
    SmallVector<int64_t> expected(x.getShape());
    expected[*axis] = blocks;
    return diag << " is not " << edge::shapeString(expected) << " (blocks of "
                << layout.blockSize << " along axis " << *axis << ") for input "
                << edge::shapeString(x.getShape());
  };
  if (layout.blockSize == 0) {
    if (type.getRank() != 1 || type.getDimSize(0) != size)
      return mismatch();
    SmallVector<int64_t> shape(x.getRank(), 1);
    shape[*axis] = size;
    return reshaped(n, param, shape);
  }
  if (type.getRank() != x.getRank())
    return mismatch();
  for (int64_t d = 0; d < x.getRank(); ++d)
    if (type.getDimSize(d) != (d == *axis ? blocks : x.getDimSize(d)))
      return mismatch();
  if (blocks == size)
    return param;
  SmallVector<int64_t> indices;
  for (int64_t i = 0; i < size; ++i)
    indices.push_back(i / layout.blockSize);
  auto indexType = RankedTensorType::get({size}, n.b().getI64Type());
  Value indexConstant = edge::ConstantOp::create(
      n.b(), n.location(), indexType,
      cast<ElementsAttr>(DenseElementsAttr::get(indexType, ArrayRef(indices))));
  return n.build<edge::GatherOp>(
      edge::inferGatherType(type, indexType, *axis, n.location()), param,
      indexConstant, n.b().getI64IntegerAttr(*axis));
}

/// A float32 tensor of the same shape holding `value`'s elements.
Value toF32(NodeImporter &n, Value value) {
  RankedTensorType type = tensorType(value);
  if (type.getElementType().isF32())
    return value;
  return edge::CastOp::create(n.b(), n.location(),
                              type.clone(n.b().getF32Type()), value);
}

/// Clamps integer-valued float32 `value` to the range of the 8-bit
/// `element` and casts it there.
FailureOr<Value> saturate(NodeImporter &n, Value value, Type element) {
  bool isUnsignedInt = element.isUnsignedInteger();
  auto low =
      n.buildBinary<edge::MaxOp>(value, n.scalarF32(isUnsignedInt ? 0 : -128));
  if (failed(low))
    return failure();
  auto high =
      n.buildBinary<edge::MinOp>(*low, n.scalarF32(isUnsignedInt ? 255 : 127));
  if (failed(high))
    return failure();
  return Value(edge::CastOp::create(n.b(), n.location(),
                                    tensorType(*high).clone(element), *high));
}

/// saturate(round(real) + zeroPoint) into `element`; `zeroPoint` is an
/// integer tensor, an integer-valued float32 one, or null for zero. Ties
/// round to even, as ONNX says.
FailureOr<Value> roundShiftSaturate(NodeImporter &n, Value real,
                                    Value zeroPoint, Type element) {
  auto rounded = n.build<edge::RoundOp>(tensorType(real), real);
  if (failed(rounded))
    return failure();
  Value shifted = *rounded;
  if (zeroPoint) {
    auto sum = n.buildBinary<edge::AddOp>(shifted, toF32(n, zeroPoint));
    if (failed(sum))
      return failure();
    shifted = *sum;
  }
  return saturate(n, shifted, element);
}

/// QuantizeLinear's arithmetic: saturate(round(x / scale) + zeroPoint).
FailureOr<Value> quantize(NodeImporter &n, Value x, Value scale,
                          Value zeroPoint, Type element) {
  auto scaled = n.buildBinary<edge::DivOp>(x, scale);
  if (failed(scaled))
    return failure();
  return roundShiftSaturate(n, *scaled, zeroPoint, element);
}

/// A zero point's element type must be the one it stands for.
LogicalResult checkZeroPointType(NodeImporter &n, Value zeroPoint,
                                 StringRef what, Type expected) {
  Type element = tensorType(zeroPoint).getElementType();
  if (element != expected)
    return n.error() << what << " must be of element type " << expected
                     << ", got " << element;
  return success();
}

//===----------------------------------------------------------------------===//
// QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear
//===----------------------------------------------------------------------===//

/// The element type QuantizeLinear produces: y_zero_point's, else
/// output_dtype's (opset 21), else uint8.
FailureOr<Type> quantizedElementType(NodeImporter &n) {
  MLIRContext *ctx = n.context();
  Type fromZeroPoint;
  if (n.hasInput(2)) {
    RankedTensorType zeroType = n.inputType(2);
    if (!zeroType)
      return failure();
    fromZeroPoint = zeroType.getElementType();
    if (!isByteType(fromZeroPoint))
      return n.error() << "y_zero_point of element type " << fromZeroPoint
                       << " is not supported (int8 and uint8 are)";
  }
  int64_t dtype = n.intAttr("output_dtype", 0);
  if (dtype == 0)
    return fromZeroPoint ? fromZeroPoint
                         : IntegerType::get(ctx, 8, IntegerType::Unsigned);
  Type fromAttr;
  if (dtype == onnx::TensorProto::UINT8 || dtype == onnx::TensorProto::INT8)
    fromAttr = convertElementType(ctx, dtype);
  if (!fromAttr)
    return n.error() << "output_dtype " << elementTypeName(dtype)
                     << " is not supported (INT8 and UINT8 are)";
  if (fromZeroPoint && fromZeroPoint != fromAttr)
    return n.error() << "output_dtype " << elementTypeName(dtype)
                     << " differs from y_zero_point's element type "
                     << fromZeroPoint;
  return fromAttr;
}

LogicalResult importQuantizeLinear(NodeImporter &n) {
  Value x = n.input(0), scale = n.input(1);
  if (!x || !scale)
    return failure();
  if (failed(requireF32(n, x, "QuantizeLinear input")) ||
      failed(requireF32(n, scale, "y_scale")))
    return failure();
  auto element = quantizedElementType(n);
  auto layout = readLayout(n);
  if (failed(element) || failed(layout))
    return failure();
  RankedTensorType xType = tensorType(x);
  auto alignedScale = alignParam(n, scale, xType, *layout, "y_scale");
  if (failed(alignedScale))
    return failure();
  Value zeroPoint;
  if (n.hasInput(2)) {
    Value input = n.input(2);
    if (!input)
      return failure();
    auto aligned = alignParam(n, input, xType, *layout, "y_zero_point");
    if (failed(aligned))
      return failure();
    zeroPoint = *aligned;
  }
  auto y = quantize(n, x, *alignedScale, zeroPoint, *element);
  if (failed(y))
    return failure();
  n.setOutput(0, *y);
  return success();
}

LogicalResult importDequantizeLinear(NodeImporter &n) {
  Value x = n.input(0), scale = n.input(1);
  if (!x || !scale)
    return failure();
  RankedTensorType xType = tensorType(x);
  Type element = xType.getElementType();
  if (!isByteType(element) && !element.isSignlessInteger(32))
    return n.error() << "DequantizeLinear of element type " << element
                     << " is not supported (int8, uint8 and int32 are)";
  if (failed(requireF32(n, scale, "x_scale")))
    return failure();
  auto layout = readLayout(n);
  if (failed(layout))
    return failure();
  auto alignedScale = alignParam(n, scale, xType, *layout, "x_scale");
  if (failed(alignedScale))
    return failure();
  // (x - zero_point) * scale in float32, as the reference computes it.
  Value real = toF32(n, x);
  if (n.hasInput(2)) {
    Value zeroPoint = n.input(2);
    if (!zeroPoint ||
        failed(checkZeroPointType(n, zeroPoint, "x_zero_point", element)))
      return failure();
    auto aligned = alignParam(n, zeroPoint, xType, *layout, "x_zero_point");
    if (failed(aligned))
      return failure();
    auto centered = n.buildBinary<edge::SubOp>(real, toF32(n, *aligned));
    if (failed(centered))
      return failure();
    real = *centered;
  }
  auto y = n.buildBinary<edge::MulOp>(real, *alignedScale);
  if (failed(y))
    return failure();
  n.setOutput(0, *y);
  return success();
}

/// DynamicQuantizeLinear as its ONNX function body: the range [min(x), max(x)]
/// widened to include 0 maps onto [0, 255]; outputs y (uint8), y_scale and
/// y_zero_point (uint8). An all-zero input (an empty range) gets scale 1,
/// as in ONNX Runtime, where the function body would divide 0 by 0 and
/// cast NaN.
LogicalResult importDynamicQuantizeLinear(NodeImporter &n) {
  Value x = n.input(0);
  if (!x || failed(requireF32(n, x, "DynamicQuantizeLinear input")))
    return failure();
  RankedTensorType type = tensorType(x);
  OpBuilder &b = n.b();
  Location loc = n.location();
  SmallVector<int64_t> axes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    axes.push_back(d);
  auto reduce = [&](auto tag) -> FailureOr<Value> {
    using OpTy = decltype(tag);
    if (axes.empty())
      return x;
    return n.build<OpTy>(edge::inferReduceType(type, axes, false, loc), x,
                         b.getDenseI64ArrayAttr(axes), b.getBoolAttr(false));
  };
  auto xMin = reduce(edge::ReduceMinOp());
  auto xMax = reduce(edge::ReduceMaxOp());
  if (failed(xMin) || failed(xMax))
    return failure();
  Value qMin = n.scalarF32(0.0f), qMax = n.scalarF32(255.0f);
  auto minAdjusted = n.buildBinary<edge::MinOp>(*xMin, qMin);
  auto maxAdjusted = n.buildBinary<edge::MaxOp>(*xMax, qMin);
  if (failed(minAdjusted) || failed(maxAdjusted))
    return failure();
  auto range = n.buildBinary<edge::SubOp>(*maxAdjusted, *minAdjusted);
  if (failed(range))
    return failure();
  auto rangeScale = n.buildBinary<edge::DivOp>(*range, qMax);
  if (failed(rangeScale))
    return failure();
  auto empty = n.build<edge::EqualOp>(
      edge::inferCompareType(range->getType(), qMin.getType(), loc), *range,
      qMin);
  if (failed(empty))
    return failure();
  Value one = n.scalarF32(1.0f);
  auto scale = n.build<edge::WhereOp>(
      edge::inferWhereType(empty->getType(), one.getType(),
                           rangeScale->getType(), loc),
      *empty, one, *rangeScale);
  if (failed(scale))
    return failure();
  auto minScaled = n.buildBinary<edge::DivOp>(*minAdjusted, *scale);
  if (failed(minScaled))
    return failure();
  auto initialZero = n.buildBinary<edge::SubOp>(qMin, *minScaled);
  if (failed(initialZero))
    return failure();
  auto clippedLow = n.buildBinary<edge::MaxOp>(*initialZero, qMin);
  if (failed(clippedLow))
    return failure();
  auto clipped = n.buildBinary<edge::MinOp>(*clippedLow, qMax);
  if (failed(clipped))
    return failure();
  auto roundedZero = n.build<edge::RoundOp>(tensorType(*clipped), *clipped);
  if (failed(roundedZero))
    return failure();
  Type u8 = IntegerType::get(n.context(), 8, IntegerType::Unsigned);
  Value zeroPoint = edge::CastOp::create(
      b, loc, tensorType(*roundedZero).clone(u8), *roundedZero);
  // The zero point is integer-valued already: y shifts by it in float32.
  auto y = quantize(n, x, *scale, *roundedZero, u8);
  if (failed(y))
    return failure();
  n.setOutput(0, *y);
  n.setOutput(1, *scale);
  n.setOutput(2, zeroPoint);
  return success();
}

//===----------------------------------------------------------------------===//
// MatMulInteger, QLinearMatMul
//===----------------------------------------------------------------------===//

/// A zero point of a MatMulInteger operand in edge.matmul_integer's form:
/// a missing one is a zero scalar, one element becomes rank 0, and a
/// per-row [M] vector of the lhs becomes [M, 1]. Other shapes pass through
/// for the op's shape rule to check.
FailureOr<Value> matmulZeroPoint(NodeImporter &n, unsigned i, Value operand,
                                 bool isLhs, StringRef what) {
  RankedTensorType operandType = tensorType(operand);
  Type element = operandType.getElementType();
  if (!n.hasInput(i))
    return n.splat(RankedTensorType::get({}, element),
                   n.b().getIntegerAttr(element, 0));
  Value zeroPoint = n.input(i);
  if (!zeroPoint || failed(checkZeroPointType(n, zeroPoint, what, element)))
    return failure();
  RankedTensorType type = tensorType(zeroPoint);
  if (type.getNumElements() == 1)
    return reshaped(n, zeroPoint, {});
  if (isLhs && type.getRank() == 1 && operandType.getRank() >= 2)
    return reshaped(n, zeroPoint, {type.getDimSize(0), 1});
  return zeroPoint;
}

/// edge.matmul_integer of inputs `lhsIndex` and `rhsIndex`, shifted by the
/// zero points at `lhsZeroIndex` and `rhsZeroIndex`.
FailureOr<Value> buildMatMulInteger(NodeImporter &n, unsigned lhsIndex,
                                    unsigned lhsZeroIndex, unsigned rhsIndex,
                                    unsigned rhsZeroIndex) {
  Value lhs = n.input(lhsIndex), rhs = n.input(rhsIndex);
  if (!lhs || !rhs)
    return failure();
  Type lhsElement = tensorType(lhs).getElementType();
  Type rhsElement = tensorType(rhs).getElementType();
  if (!isByteType(lhsElement) || !isByteType(rhsElement))
    return n.error() << "needs int8 or uint8 operands, got " << lhsElement
                     << " and " << rhsElement;
  auto lhsZero = matmulZeroPoint(n, lhsZeroIndex, lhs, true, "a_zero_point");
  auto rhsZero = matmulZeroPoint(n, rhsZeroIndex, rhs, false, "b_zero_point");
  if (failed(lhsZero) || failed(rhsZero))
    return failure();
  return n.build<edge::MatMulIntegerOp>(
      edge::MatMulIntegerOp::inferResultType(lhs.getType(), rhs.getType(),
                                             lhsZero->getType(),
                                             rhsZero->getType(), n.location()),
      lhs, rhs, *lhsZero, *rhsZero);
}

LogicalResult importMatMulInteger(NodeImporter &n) {
  auto result = buildMatMulInteger(n, 0, 2, 1, 3);
  if (failed(result))
    return failure();
  n.setOutput(0, *result);
  return success();
}

/// A QLinearMatMul scale: float32, one element, or (`perSlice` > 0) a
/// vector of that many, shaped by `layout` ([M] to [M, 1] for a's rows;
/// b's [N] columns broadcast as they are).
FailureOr<Value> matmulScale(NodeImporter &n, Value scale, StringRef what,
                             int64_t perSlice, bool isRows) {
  if (!scale || failed(requireF32(n, scale, what)))
    return failure();
  RankedTensorType type = tensorType(scale);
  if (type.getNumElements() == 1)
    return reshaped(n, scale, {});
  if (perSlice > 0 && type.getRank() == 1 && type.getDimSize(0) == perSlice)
    return isRows ? reshaped(n, scale, {perSlice, 1}) : scale;
  return n.error() << what << " " << type << " is not a scalar"
                   << (perSlice > 0
                           ? " or a [" + std::to_string(perSlice) + "] vector"
                           : std::string());
}

/// QLinearMatMul: MatMulInteger of the zero-point-shifted operands,
/// requantised by a_scale * b_scale / y_scale into y_zero_point's type
/// (round half to even, saturate).
LogicalResult importQLinearMatMul(NodeImporter &n) {
  Value a = n.input(0), b = n.input(3);
  if (!a || !b)
    return failure();
  RankedTensorType aType = tensorType(a), bType = tensorType(b);
  int64_t rows =
      aType.getRank() >= 2 ? aType.getDimSize(aType.getRank() - 2) : 0;
  int64_t columns =
      bType.getRank() >= 2 ? bType.getDimSize(bType.getRank() - 1) : 0;
  auto aScale = matmulScale(n, n.input(1), "a_scale", rows, true);
  auto bScale = matmulScale(n, n.input(4), "b_scale", columns, false);
  auto yScale = matmulScale(n, n.input(6), "y_scale", 0, false);
  if (failed(aScale) || failed(bScale) || failed(yScale))
    return failure();
  Value yZero = n.input(7);
  if (!yZero)
    return failure();
  RankedTensorType yZeroType = tensorType(yZero);
  Type element = yZeroType.getElementType();
  if (!isByteType(element) || yZeroType.getNumElements() != 1)
    return n.error() << "y_zero_point must be an int8 or uint8 scalar, got "
                     << yZeroType;
  Value yZeroScalar = reshaped(n, yZero, {});
  auto acc = buildMatMulInteger(n, 0, 2, 3, 5);
  if (failed(acc))
    return failure();
  auto scales = n.buildBinary<edge::MulOp>(*aScale, *bScale);
  if (failed(scales))
    return failure();
  auto multiplier = n.buildBinary<edge::DivOp>(*scales, *yScale);
  if (failed(multiplier))
    return failure();
  auto real = n.buildBinary<edge::MulOp>(toF32(n, *acc), *multiplier);
  if (failed(real))
    return failure();
  auto y = roundShiftSaturate(n, *real, yZeroScalar, element);
  if (failed(y))
    return failure();
  n.setOutput(0, *y);
  return success();
}

} // namespace

/// com.microsoft MatMulNBits, 4-bit: the packed weights, scales and zero
/// points stay as they are (constants, at compile time), and the kernel
/// decodes the codes as it multiplies.
LogicalResult importMatMulNBits(NodeImporter &n) {
  Value a = n.input(0), weights = n.input(1), scales = n.input(2);
  if (!a || !weights || !scales)
    return failure();
  int64_t bits = n.intAttr("bits", 4), blockSize = n.intAttr("block_size", 0);
  int64_t k = n.intAttr("K", 0), columns = n.intAttr("N", 0);
  if (bits != 4)
    return n.error() << "bits=" << bits << " is not supported (4 only)";
  if (blockSize < 16 || (blockSize & (blockSize - 1)))
    return n.error() << "block_size " << blockSize
                     << " is not a power of two >= 16";
  if (n.hasInput(4))
    return n.error() << "g_idx (act-order) is not supported";
  RankedTensorType aType = tensorType(a);
  if (!isa<FloatType>(aType.getElementType()) || aType.getRank() < 1 ||
      aType.getDimSize(aType.getRank() - 1) != k)
    return n.error() << "A must be float32 with a last dim of K = " << k;
  auto wType = tensorType(weights);
  int64_t blocks = (k + blockSize - 1) / blockSize;
  if (!wType.getElementType().isUnsignedInteger(8) ||
      wType.getShape() != ArrayRef<int64_t>{columns, blocks, blockSize / 2})
    return n.error() << "B must be uint8 [" << columns << ", " << blocks
                     << ", " << blockSize / 2 << "]";
  Value zeroPoints;
  if (n.hasInput(3)) {
    zeroPoints = n.input(3);
    if (!zeroPoints)
      return failure();
    if (!tensorType(zeroPoints).getElementType().isUnsignedInteger(8))
      return n.error() << "float zero points are not supported (packed uint8 "
                          "only)";
  }
  SmallVector<int64_t> shape(aType.getShape().drop_back());
  shape.push_back(columns);
  auto resultType = RankedTensorType::get(shape, aType.getElementType());
  OpBuilder &b = n.b();
  auto op = edge::MatMulNBitsOp::create(b, n.location(), resultType, a,
                                        weights, scales, zeroPoints,
                                        b.getI64IntegerAttr(blockSize));
  if (failed(mlir::verify(op))) {
    op.erase();
    return failure();
  }
  Value result = op;
  if (n.hasInput(5)) {
    Value bias = n.input(5);
    if (!bias)
      return failure();
    auto biased = n.buildBinary<edge::AddOp>(result, bias);
    if (failed(biased))
      return failure();
    result = *biased;
  }
  n.setOutput(0, result);
  return success();
}

void registerQuantImporters(llvm::StringMap<OpImportFn> &table) {
  table["com.microsoft.MatMulNBits"] = importMatMulNBits;
  table["QuantizeLinear"] = importQuantizeLinear;
  table["DequantizeLinear"] = importDequantizeLinear;
  table["DynamicQuantizeLinear"] = importDynamicQuantizeLinear;
  table["MatMulInteger"] = importMatMulInteger;
  table["QLinearMatMul"] = importQLinearMatMul;
}

} // namespace edgecc::import
