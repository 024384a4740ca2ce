//===- FoldQuantizedMatMul.cpp - QDQ MatMul as an integer matmul ----------===//

#include "edgecc/Transforms/Passes.h"

#include "Matchers.h"

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

/// Whether `type` holds one value, or one per column: [N] or [1, N].
bool perTensorOrColumn(Type type, int64_t columns, bool allowColumns) {
  auto t = cast<RankedTensorType>(type);
  if (t.getNumElements() == 1 && t.getRank() <= 1)
    return true;
  ArrayRef<int64_t> shape = t.getShape();
  bool column = (shape.size() == 1 && shape[0] == columns) ||
                (shape.size() == 2 && shape[0] == 1 && shape[1] == columns);
  return allowColumns && column;
}

/// The 8-bit value under a float cast, or null.
Value castFromByte(Value value) {
  auto cast = value.getDefiningOp<edge::CastOp>();
  if (!cast)
    return {};
  Type element = cast.getInput().getType().getElementType();
  return element.isInteger(8) ? cast.getInput() : Value();
}

std::optional<Dequantized> matchDequantized(Value value, int64_t columns,
                                            bool allowColumns) {
  auto mul = value.getDefiningOp<edge::MulOp>();
  if (!mul)
    return std::nullopt;
  auto sub = mul.getLhs().getDefiningOp<edge::SubOp>();
  auto scales = constantValues(mul.getRhs());
  if (!sub || !scales ||
      !perTensorOrColumn(mul.getRhs().getType(), columns, allowColumns))
    return std::nullopt;
  Dequantized d;
  d.scales = *scales;
  d.quantized = castFromByte(sub.getLhs());
  d.zeroPoint = castFromByte(sub.getRhs());
  if (!d.quantized || !d.zeroPoint ||
      !perTensorOrColumn(d.zeroPoint.getType(), columns, allowColumns))
    return std::nullopt;
  return d;
}

struct FoldQuantizedMatMul
    : public impl::FoldQuantizedMatMulBase<FoldQuantizedMatMul> {
  void runOnOperation() override {
    SmallVector<edge::MatMulOp> matmuls;
    getOperation().walk([&](edge::MatMulOp op) { matmuls.push_back(op); });
    for (edge::MatMulOp op : matmuls) {
      auto type = cast<RankedTensorType>(op.getType());
      if (type.getRank() == 0)
        continue;
      int64_t columns = type.getDimSize(type.getRank() - 1);
      auto lhs = matchDequantized(op.getLhs(), columns, /*allowColumns=*/false);
      auto rhs = matchDequantized(op.getRhs(), columns, /*allowColumns=*/true);
      if (!lhs || !rhs || cast<RankedTensorType>(rhs->quantized.getType())
                                  .getRank() != 2)
        continue;
      auto resultType = edge::MatMulIntegerOp::inferResultType(
          lhs->quantized.getType(), rhs->quantized.getType(),
          lhs->zeroPoint.getType(), rhs->zeroPoint.getType(), std::nullopt);
      if (failed(resultType))
        continue;
      OpBuilder b(op);
      Location loc = op.getLoc();
      auto product = edge::MatMulIntegerOp::create(
          b, loc, *resultType, lhs->quantized, rhs->quantized, lhs->zeroPoint,
          rhs->zeroPoint);
      auto floatType = resultType->clone(b.getF32Type());
      Value asFloat = edge::CastOp::create(b, loc, floatType, product);
      // scale_x times the weights' scale (per tensor or per column).
      SmallVector<float> combined;
      for (float s : rhs->scales)
        combined.push_back(lhs->scales.front() * s);
      auto scaleType =
          combined.size() == 1
              ? RankedTensorType::get({}, b.getF32Type())
              : RankedTensorType::get({(int64_t)combined.size()}, b.getF32Type());
      Value scale = edge::ConstantOp::create(
          b, loc, scaleType,
          DenseElementsAttr::get(scaleType, ArrayRef<float>(combined)));
      auto scaled = edge::MulOp::create(b, loc, floatType, asFloat, scale);
      if (scaled.getType() != op.getType() || failed(mlir::verify(product))) {
        scaled.erase();
        continue;
      }
      op.replaceAllUsesWith(scaled.getResult());
      op.erase();
    }
  }
};

} // namespace
} // namespace edgecc
