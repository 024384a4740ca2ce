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

/// (cast(q) - cast(zero)) * scale with a scalar zero point and scale.
struct Dequantized {
  Value quantized, zeroPoint;
  float scale = 0;
};

/// The 8-bit value under a float cast, or null.
Value castFromByte(Value value) {
  auto cast = value.getDefiningOp<edge::CastOp>();
  if (!cast)
    return {};
  Type element = cast.getInput().getType().getElementType();
  return element.isInteger(8) ? cast.getInput() : Value();
}

std::optional<Dequantized> matchDequantized(Value value) {
  auto mul = value.getDefiningOp<edge::MulOp>();
  if (!mul)
    return std::nullopt;
  auto scale = splatValue(mul.getRhs());
  auto sub = mul.getLhs().getDefiningOp<edge::SubOp>();
  if (!scale || !sub)
    return std::nullopt;
  Dequantized d;
  d.scale = *scale;
  d.quantized = castFromByte(sub.getLhs());
  d.zeroPoint = castFromByte(sub.getRhs());
  if (!d.quantized || !d.zeroPoint ||
      cast<RankedTensorType>(d.zeroPoint.getType()).getNumElements() != 1 ||
      cast<RankedTensorType>(d.zeroPoint.getType()).getRank() != 0)
    return std::nullopt;
  return d;
}

struct FoldQuantizedMatMul
    : public impl::FoldQuantizedMatMulBase<FoldQuantizedMatMul> {
  void runOnOperation() override {
    SmallVector<edge::MatMulOp> matmuls;
    getOperation().walk([&](edge::MatMulOp op) { matmuls.push_back(op); });
    for (edge::MatMulOp op : matmuls) {
      auto lhs = matchDequantized(op.getLhs());
      auto rhs = matchDequantized(op.getRhs());
      if (!lhs || !rhs)
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
      auto scaleType = RankedTensorType::get({}, b.getF32Type());
      Value scale = edge::ConstantOp::create(
          b, loc, scaleType,
          DenseElementsAttr::get(scaleType, lhs->scale * rhs->scale));
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
