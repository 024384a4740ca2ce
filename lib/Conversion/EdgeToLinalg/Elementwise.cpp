//===- Elementwise.cpp - Elementwise edge ops to linalg.generic -----------===//
//
// Each elementwise op becomes one broadcasting linalg.generic; the scalar body
// is chosen from the op and the element type (float, signed or unsigned).
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

/// Scalar body of one elementwise op, given its element type's meaning.
using ScalarFn = Value (*)(OpBuilder &, Location, ValueRange, bool isUnsigned);

template <typename EdgeOp>
struct ElementwiseLowering : OpConversionPattern<EdgeOp> {
  ElementwiseLowering(TypeConverter &converter, MLIRContext *ctx,
                      ScalarFn scalar)
      : OpConversionPattern<EdgeOp>(converter, ctx), scalar(scalar) {}

  LogicalResult
  matchAndRewrite(EdgeOp op, typename EdgeOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    bool unsignedElements = isUnsigned(resultType);
    Value result = buildElementwise(
        rewriter, op.getLoc(), toSignless(resultType), adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return scalar(b, loc, args, unsignedElements);
        });
    rewriter.replaceOp(op, result);
    return success();
  }

  ScalarFn scalar;
};

Value scalarAdd(OpBuilder &b, Location loc, ValueRange args, bool) {
  return createAdd(b, loc, args[0], args[1]);
}

Value scalarSub(OpBuilder &b, Location loc, ValueRange args, bool) {
  if (isa<FloatType>(args[0].getType()))
    return arith::SubFOp::create(b, loc, args[0], args[1]);
  return arith::SubIOp::create(b, loc, args[0], args[1]);
}

Value scalarMul(OpBuilder &b, Location loc, ValueRange args, bool) {
  return createMul(b, loc, args[0], args[1]);
}

Value scalarDiv(OpBuilder &b, Location loc, ValueRange args, bool isUnsigned) {
  if (isa<FloatType>(args[0].getType()))
    return arith::DivFOp::create(b, loc, args[0], args[1]);
  if (isUnsigned)
    return arith::DivUIOp::create(b, loc, args[0], args[1]);
  return arith::DivSIOp::create(b, loc, args[0], args[1]);
}

Value scalarRelu(OpBuilder &b, Location loc, ValueRange args, bool isUnsigned) {
  Type type = args[0].getType();
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
  if (isa<FloatType>(type))
    return arith::MaximumFOp::create(b, loc, args[0], zero);
  if (isUnsigned)
    return args[0];
  return arith::MaxSIOp::create(b, loc, args[0], zero);
}

} // namespace

void populateElementwisePatterns(TypeConverter &converter,
                                 RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ElementwiseLowering<edge::AddOp>>(converter, ctx, scalarAdd);
  patterns.add<ElementwiseLowering<edge::SubOp>>(converter, ctx, scalarSub);
  patterns.add<ElementwiseLowering<edge::MulOp>>(converter, ctx, scalarMul);
  patterns.add<ElementwiseLowering<edge::DivOp>>(converter, ctx, scalarDiv);
  patterns.add<ElementwiseLowering<edge::ReluOp>>(converter, ctx, scalarRelu);
}

} // namespace edgecc::edge_to_linalg
