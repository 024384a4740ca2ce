//===- FoldQuantizedMatMul.cpp - QDQ MatMul/Gemm/Conv in integers --------===//
//
// A product whose operands are both DequantizeLinear outputs, x per tensor
// and the weights per tensor or per output channel, computes in integers:
// the 8-bit codes go into edge.matmul_integer or edge.conv_integer (int32
// accumulators) and one float multiply per channel rescales, so the weights
// stay 8-bit in memory.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Transforms/Passes.h"

#include "Matchers.h"

#include "edge/ShapeInference.h"

#include "mlir/IR/Verifier.h"

namespace edgecc {
#define GEN_PASS_DEF_FOLDQUANTIZEDMATMUL
#include "edgecc/Transforms/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

/// (cast(q) - cast(zero)) * scale: a scalar zero point and scale, or (for
/// the weights) one per column.
struct Dequantized {
  Value quantized, zeroPoint;
  SmallVector<float> scales; // one, or one per column
};

/// The values of a float constant, looking through reshapes (which the
/// per-axis DequantizeLinear import puts on its parameters).
std::optional<SmallVector<float>> constantValues(Value value) {
  while (auto reshape = value.getDefiningOp<edge::ReshapeOp>())
    value = reshape.getInput();
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) ||
      !isa<FloatType>(attr.getElementType()))
    return std::nullopt;
  SmallVector<float> values;
  for (const APFloat &v : attr.getValues<APFloat>())
    values.push_back(v.convertToFloat());
  return values;
}

/// Whether `type` holds one value, or (if `allowChannels`) one per channel
/// along dim `channelDim` of an operand of rank `rank`, broadcast from the
/// right: [N] and [1, N] for a matmul's columns, [M, 1, 1, 1] for a
/// convolution's filters.
bool perTensorOrChannel(Type type, int64_t channels, int64_t channelDim,
                        int64_t rank, bool allowChannels) {
  auto t = cast<RankedTensorType>(type);
  if (t.getNumElements() == 1 && t.getRank() <= rank)
    return true;
  if (!allowChannels || t.getRank() > rank)
    return false;
  SmallVector<int64_t> shape(rank - t.getRank(), 1);
  llvm::append_range(shape, t.getShape());
  for (int64_t d = 0; d < rank; ++d)
    if (shape[d] != (d == channelDim ? channels : 1))
      return false;
  return true;
}

/// The 8-bit value under a float cast, or null.
Value castFromByte(Value value) {
  auto cast = value.getDefiningOp<edge::CastOp>();
  if (!cast)
    return {};
  Type element = cast.getInput().getType().getElementType();
  return element.isInteger(8) ? cast.getInput() : Value();
}

/// (cast(q) - cast(zero)) * scale with its parameters per tensor or per
/// channel (see perTensorOrChannel).
std::optional<Dequantized> matchDequantized(Value value, int64_t channels,
                                            int64_t channelDim,
                                            bool allowChannels) {
  auto mul = value.getDefiningOp<edge::MulOp>();
  if (!mul)
    return std::nullopt;
  int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
  auto sub = mul.getLhs().getDefiningOp<edge::SubOp>();
  auto scales = constantValues(mul.getRhs());
  if (!sub || !scales ||
      !perTensorOrChannel(mul.getRhs().getType(), channels, channelDim, rank,
                          allowChannels))
    return std::nullopt;
  Dequantized d;
  d.scales = *scales;
  d.quantized = castFromByte(sub.getLhs());
  d.zeroPoint = castFromByte(sub.getRhs());
  if (!d.quantized || !d.zeroPoint ||
      !perTensorOrChannel(d.zeroPoint.getType(), channels, channelDim, rank,
                          allowChannels))
    return std::nullopt;
  return d;
}

/// A one-element constant with the value of `zeroPoint`, when that is a
/// constant repeating one value (a symmetric weight's zero point per
/// channel is all zeros), or null.
Value scalarZeroPoint(OpBuilder &b, Location loc, Value zeroPoint) {
  while (auto reshape = zeroPoint.getDefiningOp<edge::ReshapeOp>())
    zeroPoint = reshape.getInput();
  DenseElementsAttr attr;
  if (!matchPattern(zeroPoint, m_Constant(&attr)) || !attr.isSplat())
    return {};
  auto type = RankedTensorType::get({}, attr.getElementType());
  return edge::ConstantOp::create(
      b, loc, type, DenseElementsAttr::get(type, attr.getSplatValue<APInt>()));
}

/// A float constant: one value as a scalar, several with `shape`.
Value floatConstant(OpBuilder &b, Location loc, ArrayRef<float> values,
                    ArrayRef<int64_t> shape) {
  auto type = values.size() == 1 ? RankedTensorType::get({}, b.getF32Type())
                                 : RankedTensorType::get(shape, b.getF32Type());
  return edge::ConstantOp::create(b, loc, type,
                                  DenseElementsAttr::get(type, values));
}

/// lhs (op) rhs with numpy broadcasting, or null if the shapes do not.
template <typename OpTy>
Value buildBinary(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  auto type = edge::inferElementwiseType(lhs.getType(), rhs.getType(),
                                         std::nullopt);
  if (failed(type))
    return {};
  return OpTy::create(b, loc, *type, lhs, rhs);
}

/// float(acc) * scale.
Value rescale(OpBuilder &b, Location loc, Value acc, Value scale) {
  auto accType = cast<RankedTensorType>(acc.getType());
  Value real =
      edge::CastOp::create(b, loc, accType.clone(b.getF32Type()), acc);
  return buildBinary<edge::MulOp>(b, loc, real, scale);
}

/// `weights` [rows, cols] of 8-bit codes transposed, or null.
Value transposedConstant(OpBuilder &b, Location loc, Value weights) {
  DenseElementsAttr attr;
  if (!matchPattern(weights, m_Constant(&attr)))
    return {};
  auto type = cast<RankedTensorType>(attr.getType());
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  SmallVector<APInt> values(attr.getValues<APInt>());
  SmallVector<APInt> transposed;
  transposed.reserve(values.size());
  for (int64_t c = 0; c < cols; ++c)
    for (int64_t r = 0; r < rows; ++r)
      transposed.push_back(values[r * cols + c]);
  auto transposedType = type.clone({cols, rows});
  return edge::ConstantOp::create(
      b, loc, transposedType,
      DenseElementsAttr::get(transposedType, transposed));
}

/// MatMul(DQ(x), DQ(W)): x per tensor, W per tensor or per column.
LogicalResult foldMatMul(edge::MatMulOp op) {
  auto type = cast<RankedTensorType>(op.getType());
  if (type.getRank() == 0)
    return failure();
  int64_t columns = type.getDimSize(type.getRank() - 1);
  auto lhs = matchDequantized(op.getLhs(), 1, 0, /*allowChannels=*/false);
  auto rhs = matchDequantized(op.getRhs(), columns, 1, /*allowChannels=*/true);
  if (!lhs || !rhs ||
      cast<RankedTensorType>(rhs->quantized.getType()).getRank() != 2)
    return failure();
  auto resultType = edge::MatMulIntegerOp::inferResultType(
      lhs->quantized.getType(), rhs->quantized.getType(),
      lhs->zeroPoint.getType(), rhs->zeroPoint.getType(), std::nullopt);
  if (failed(resultType))
    return failure();
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto product = edge::MatMulIntegerOp::create(
      b, loc, *resultType, lhs->quantized, rhs->quantized, lhs->zeroPoint,
      rhs->zeroPoint);
  if (failed(mlir::verify(product))) {
    product.erase();
    return failure();
  }
  // scale_x times the weights' scale (per tensor or per column).
  SmallVector<float> combined;
  for (float s : rhs->scales)
    combined.push_back(lhs->scales.front() * s);
  Value scaled = rescale(b, loc, product,
                         floatConstant(b, loc, combined, {columns}));
  if (!scaled || scaled.getType() != op.getType())
    return failure();
  op.replaceAllUsesWith(scaled);
  op.erase();
  return success();
}

/// Gemm(DQ(A), DQ(B), C): alpha * A @ op(B) + beta * C with A per tensor
/// and B per tensor or per output column; a transposed B must be constant
/// (it is transposed here, in its 8-bit codes).
LogicalResult foldGemm(edge::GemmOp op) {
  auto type = cast<RankedTensorType>(op.getType());
  if (op.getTransA() || type.getRank() != 2)
    return failure();
  int64_t columns = type.getDimSize(1);
  bool transB = op.getTransB();
  auto a = matchDequantized(op.getA(), 1, 0, /*allowChannels=*/false);
  auto w = matchDequantized(op.getB(), columns, transB ? 0 : 1,
                            /*allowChannels=*/true);
  if (!a || !w)
    return failure();
  OpBuilder b(op);
  Location loc = op.getLoc();
  Value weightZero = scalarZeroPoint(b, loc, w->zeroPoint);
  Value weights = transB ? transposedConstant(b, loc, w->quantized)
                         : w->quantized;
  if (!weightZero || !weights)
    return failure();
  auto resultType = edge::MatMulIntegerOp::inferResultType(
      a->quantized.getType(), weights.getType(), a->zeroPoint.getType(),
      weightZero.getType(), std::nullopt);
  if (failed(resultType))
    return failure();
  Value product = edge::MatMulIntegerOp::create(
      b, loc, *resultType, a->quantized, weights, a->zeroPoint, weightZero);
  float alpha = op.getAlpha().convertToFloat();
  SmallVector<float> combined;
  for (float s : w->scales)
    combined.push_back(alpha * a->scales.front() * s);
  Value y = rescale(b, loc, product, floatConstant(b, loc, combined, {columns}));
  float beta = op.getBeta().convertToFloat();
  if (y && op.getC() && beta != 0.0f) {
    Value c = op.getC();
    if (beta != 1.0f)
      c = buildBinary<edge::MulOp>(b, loc, c, floatConstant(b, loc, beta, {}));
    y = c ? buildBinary<edge::AddOp>(b, loc, y, c) : Value();
  }
  if (!y || y.getType() != op.getType())
    return failure();
  op.replaceAllUsesWith(y);
  op.erase();
  return success();
}

/// Conv(DQ(x), DQ(W), bias): x per tensor, W per tensor or per filter
/// (symmetric per filter: one zero point for all), a float bias added after.
LogicalResult foldConv(edge::ConvOp op) {
  auto weightType = cast<RankedTensorType>(op.getWeight().getType());
  int64_t rank = weightType.getRank(), filters = weightType.getDimSize(0);
  auto x = matchDequantized(op.getInput(), 1, 0, /*allowChannels=*/false);
  auto w = matchDequantized(op.getWeight(), filters, 0, /*allowChannels=*/true);
  if (!x || !w)
    return failure();
  OpBuilder b(op);
  Location loc = op.getLoc();
  Value weightZero = scalarZeroPoint(b, loc, w->zeroPoint);
  if (!weightZero)
    return failure();
  auto resultType = edge::inferConvIntegerType(
      x->quantized.getType(), w->quantized.getType(), x->zeroPoint.getType(),
      weightZero.getType(), op.getStrides(), op.getDilations(), op.getPads(),
      op.getGroup(), std::nullopt);
  if (failed(resultType))
    return failure();
  Value acc = edge::ConvIntegerOp::create(
      b, loc, *resultType, x->quantized, w->quantized, x->zeroPoint,
      weightZero, op.getStridesAttr(), op.getDilationsAttr(),
      op.getPadsAttr(), op.getGroupAttr());
  // Per filter: [M, 1, ...] against the result [N, M, O...].
  SmallVector<int64_t> channelShape(rank - 1, 1);
  channelShape[0] = filters;
  SmallVector<float> combined;
  for (float s : w->scales)
    combined.push_back(x->scales.front() * s);
  Value y = rescale(b, loc, acc, floatConstant(b, loc, combined, channelShape));
  if (y && op.getBias()) {
    auto biasType = cast<RankedTensorType>(op.getBias().getType());
    Value bias = edge::ReshapeOp::create(b, loc, biasType.clone(channelShape),
                                         op.getBias());
    y = buildBinary<edge::AddOp>(b, loc, y, bias);
  }
  if (!y || y.getType() != op.getType())
    return failure();
  op.replaceAllUsesWith(y);
  op.erase();
  return success();
}

struct FoldQuantizedMatMul
    : public impl::FoldQuantizedMatMulBase<FoldQuantizedMatMul> {
  void runOnOperation() override {
    SmallVector<Operation *> products;
    getOperation().walk([&](Operation *op) {
      if (isa<edge::MatMulOp, edge::GemmOp, edge::ConvOp>(op))
        products.push_back(op);
    });
    // A product that does not fold stays in float: correct, only slower.
    // Ops a failed attempt created are left for canonicalization to drop.
    for (Operation *op : products) {
      if (auto matmul = dyn_cast<edge::MatMulOp>(op))
        (void)foldMatMul(matmul);
      else if (auto gemm = dyn_cast<edge::GemmOp>(op))
        (void)foldGemm(gemm);
      else
        (void)foldConv(cast<edge::ConvOp>(op));
    }
  }
};

} // namespace
} // namespace edgecc
