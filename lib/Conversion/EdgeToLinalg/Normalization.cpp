//===- Normalization.cpp - Softmax, LogSoftmax and edge.normalize ---------===//
//
// Softmax is computed in the numerically stable form exp(x - max) / sum, as
// two reductions along the axis and two elementwise generics; LayerNorm and
// RMSNorm (edge.normalize) as one loop over rows.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

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

/// edge.normalize over rows of the flattened [R, H] input: per row, the sum
/// (LayerNorm) and the sum of squares of the centred row as scalar loops
/// whose accumulators are SSA values (so they live in registers, and LLVM
/// vectorises the reassociable sums), then one elementwise pass that
/// centres, scales and shifts with the row's mean and inverse deviation as
/// scalars (never a per-element square root). The row stays in cache
/// between the passes.
struct NormalizeLowering : OpConversionPattern<edge::NormalizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::NormalizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t h = type.getDimSize(type.getRank() - 1);
    int64_t rows = h ? type.getNumElements() / h : 0;
    Type f32 = rewriter.getF32Type();
    bool center = op.getCenter();
    float epsilon = op.getEpsilon().convertToFloat();
    Value flat = buildReshape(rewriter, loc, adaptor.getInput(), {rows, h});
    Value scale = adaptor.getScale(), bias = adaptor.getBias();
    auto rowType = RankedTensorType::get({h}, f32);
    Value init = tensor::EmptyOp::create(rewriter, loc, {rows, h}, f32);
    auto index = [&](OpBuilder &b, int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, loc, v);
    };
    auto constant = [&](OpBuilder &b, Location l, float v) -> Value {
      return arith::ConstantOp::create(b, l, b.getF32FloatAttr(v));
    };
    // sum over k of term(x[row, k]), accumulated in an SSA value.
    auto rowSum = [&](OpBuilder &b, Location l, Value row,
                      function_ref<Value(OpBuilder &, Location, Value)> term) {
      auto loop = scf::ForOp::create(
          b, l, index(b, 0), index(b, h), index(b, 1),
          ValueRange{constant(b, l, 0.0f)},
          [&](OpBuilder &nb, Location nl, Value k, ValueRange acc) {
            Value x = tensor::ExtractOp::create(nb, nl, flat, ValueRange{row, k});
            scf::YieldOp::create(
                nb, nl, createAccumulate(nb, nl, acc[0], term(nb, nl, x)));
          });
      return loop.getResult(0);
    };
    auto loop = scf::ForOp::create(
        rewriter, loc, index(rewriter, 0), index(rewriter, rows),
        index(rewriter, 1), ValueRange{init},
        [&](OpBuilder &b, Location l, Value row, ValueRange carried) {
          SmallVector<OpFoldResult> offsets = {row, b.getIndexAttr(0)};
          SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1),
                                             b.getIndexAttr(h)};
          SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
          Value x = tensor::ExtractSliceOp::create(b, l, rowType, flat, offsets,
                                                   sizes, strides);
          Value mean = constant(b, l, 0.0f);
          if (center)
            mean = arith::DivFOp::create(
                b, l,
                rowSum(b, l, row,
                       [](OpBuilder &, Location, Value v) { return v; }),
                constant(b, l, h));
          Value squares =
              rowSum(b, l, row, [&](OpBuilder &nb, Location nl, Value v) {
                Value d = center ? arith::SubFOp::create(nb, nl, v, mean)
                                       .getResult()
                                 : v;
                return arith::MulFOp::create(nb, nl, d, d).getResult();
              });
          Value variance =
              arith::DivFOp::create(b, l, squares, constant(b, l, h));
          Value rstd = arith::DivFOp::create(
              b, l, constant(b, l, 1.0f),
              math::SqrtOp::create(
                  b, l,
                  arith::AddFOp::create(b, l, variance,
                                        constant(b, l, epsilon))));
          SmallVector<Value> inputs = {x};
          if (scale)
            inputs.push_back(scale);
          if (bias)
            inputs.push_back(bias);
          Value normalized = buildElementwise(
              b, l, rowType, inputs,
              [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                Value y = a[0];
                if (center)
                  y = arith::SubFOp::create(nb, nl, y, mean);
                y = arith::MulFOp::create(nb, nl, y, rstd);
                unsigned next = 1;
                if (scale)
                  y = arith::MulFOp::create(nb, nl, y, a[next++]);
                if (bias)
                  y = arith::AddFOp::create(nb, nl, y, a[next++]);
                return y;
              });
          Value updated = tensor::InsertSliceOp::create(
              b, l, normalized, carried[0], offsets, sizes, strides);
          scf::YieldOp::create(b, l, updated);
        });
    loop->setAttr("edge.kernel", rewriter.getStringAttr(
                                     center ? "layer_norm" : "rms_norm"));
    rewriter.replaceOp(op, buildReshape(rewriter, loc, loop.getResult(0),
                                        type.getShape()));
    return success();
  }
};

} // namespace

void populateNormalizationPatterns(TypeConverter &converter,
                                   RewritePatternSet &patterns) {
  patterns.add<SoftmaxLowering<edge::SoftmaxOp, false>,
               SoftmaxLowering<edge::LogSoftmaxOp, true>, NormalizeLowering>(
      converter, patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
