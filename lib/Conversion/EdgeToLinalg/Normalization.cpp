//===- Normalization.cpp - Softmax and LogSoftmax to linalg reductions ----===//
//
// Softmax is computed in the numerically stable form exp(x - max) / sum, as
// two reductions along the axis and two elementwise generics.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

/// Reads a tensor reduced along `axis` back in the full iteration space.
Value expandAlongAxis(OpBuilder &b, Location loc, Value input, Value reduced,
                      int64_t axis, BodyBuilder body) {
  auto type = cast<RankedTensorType>(input.getType());
  MLIRContext *ctx = b.getContext();
  int64_t rank = type.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    if (i != axis)
      exprs.push_back(getAffineDimExpr(i, ctx));
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank),
                                 AffineMap::get(rank, 0, exprs, ctx),
                                 b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init =
      tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  return linalg::GenericOp::create(
             b, loc, type, ValueRange{input, reduced}, init, maps, iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc,
                                       body(nb, nloc, args.drop_back()));
             })
      .getResult(0);
}

/// Softmax, or with `isLog` LogSoftmax = (x - max) - log(sum(e^(x - max))).
template <typename EdgeOp, bool isLog>
struct SoftmaxLowering : OpConversionPattern<EdgeOp> {
  using OpConversionPattern<EdgeOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(EdgeOp op, typename EdgeOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    int64_t axis = op.getAxis();
    auto element = cast<FloatType>(op.getType().getElementType());
    // A rank-0 softmax is 1 everywhere; treat it as a 1-element axis.
    if (op.getType().getRank() == 0) {
      rewriter.replaceOp(
          op, buildFilled(rewriter, loc, op.getType(),
                          rewriter.getFloatAttr(element, isLog ? 0.0 : 1.0)));
      return success();
    }
    auto negInf = rewriter.getFloatAttr(
        element, APFloat::getInf(element.getFloatSemantics(), true));
    Value max = buildReduction(
        rewriter, loc, input, axis, negInf,
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          // compare + select rather than maxnumf, which is a libm call
          // (fmaxf) on cores without a float max instruction.
          Value greater = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT,
                                                args[1], args[0]);
          return arith::SelectOp::create(b, l, greater, args[1], args[0]);
        });
    Value exps = expandAlongAxis(
        rewriter, loc, input, max, axis,
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value shifted = arith::SubFOp::create(b, l, args[0], args[1]);
          return math::ExpOp::create(b, l, shifted);
        });
    Value sum = buildReduction(
        rewriter, loc, exps, axis, rewriter.getFloatAttr(element, 0.0),
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return createAccumulate(b, l, args[0], args[1]);
        });
    Value result;
    if (isLog) {
      Value logSum = buildElementwise(
          rewriter, loc, cast<RankedTensorType>(sum.getType()), {sum, max},
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::AddFOp::create(b, l, math::LogOp::create(b, l, args[0]),
                                         args[1]);
          });
      result = expandAlongAxis(
          rewriter, loc, input, logSum, axis,
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::SubFOp::create(b, l, args[0], args[1]);
          });
    } else {
      result = expandAlongAxis(
          rewriter, loc, exps, sum, axis,
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::DivFOp::create(b, l, args[0], args[1]);
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateNormalizationPatterns(TypeConverter &converter,
                                   RewritePatternSet &patterns) {
  patterns.add<SoftmaxLowering<edge::SoftmaxOp, false>,
               SoftmaxLowering<edge::LogSoftmaxOp, true>>(converter,
                                                          patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
