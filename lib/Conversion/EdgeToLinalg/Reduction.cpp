//===- Reduction.cpp - Reduce* and ArgMax/ArgMin to linalg.generic --------===//
//
// A reduction over any set of axes is one linalg.generic whose output drops
// those dims; keepdims is a reshape of the result (a view). Means, norms and
// logs finish with an elementwise generic.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

/// The largest and smallest values of an element type (infinities for floats).
TypedAttr lowest(OpBuilder &b, Type type, bool isUnsigned) {
  if (auto f = dyn_cast<FloatType>(type))
    return b.getFloatAttr(f, APFloat::getInf(f.getFloatSemantics(), true));
  unsigned w = type.getIntOrFloatBitWidth();
  return b.getIntegerAttr(type, isUnsigned ? APInt::getMinValue(w)
                                           : APInt::getSignedMinValue(w));
}

TypedAttr highest(OpBuilder &b, Type type, bool isUnsigned) {
  if (auto f = dyn_cast<FloatType>(type))
    return b.getFloatAttr(f, APFloat::getInf(f.getFloatSemantics(), false));
  unsigned w = type.getIntOrFloatBitWidth();
  return b.getIntegerAttr(type, isUnsigned ? APInt::getMaxValue(w)
                                           : APInt::getSignedMaxValue(w));
}

Value scalarConstant(OpBuilder &b, Location loc, Type type, double value) {
  if (isa<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  return arith::ConstantOp::create(b, loc,
                                   b.getIntegerAttr(type, (int64_t)value));
}

Value maxOf(OpBuilder &b, Location loc, Value x, Value y, bool isUnsigned) {
  if (isa<FloatType>(getElementTypeOrSelf(x.getType())))
    return createMaxF(b, loc, x, y);
  if (isUnsigned)
    return arith::MaxUIOp::create(b, loc, x, y);
  return arith::MaxSIOp::create(b, loc, x, y);
}

Value minOf(OpBuilder &b, Location loc, Value x, Value y, bool isUnsigned) {
  if (isa<FloatType>(getElementTypeOrSelf(x.getType())))
    return createMinF(b, loc, x, y);
  if (isUnsigned)
    return arith::MinUIOp::create(b, loc, x, y);
  return arith::MinSIOp::create(b, loc, x, y);
}

enum class ReduceKind { Sum, Mean, Max, Min, Prod, SumSquare, L1, L2, LogSum,
                        LogSumExp };

template <typename EdgeOp, ReduceKind kind>
struct ReduceLowering : OpConversionPattern<EdgeOp> {
  using OpConversionPattern<EdgeOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(EdgeOp op, typename EdgeOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type element = inputType.getElementType();
    bool isUnsignedElement = isUnsigned(op.getInput().getType());
    ArrayRef<int64_t> axes = op.getAxes();
    OpBuilder &b = rewriter;
    int64_t count = 1;
    for (int64_t axis : axes)
      count *= inputType.getDimSize(axis);

    Value result;
    if (kind == ReduceKind::LogSumExp) {
      // max + log(sum(e^(x - max))): no overflow for large inputs.
      if (!isa<FloatType>(element))
        return rewriter.notifyMatchFailure(op, "integer log-sum-exp");
      Value max = buildReduction(b, loc, input, axes, lowest(b, element, false),
                             [](OpBuilder &nb, Location l, ValueRange a) {
                               return createMaxF(nb, l, a[0], a[1]);
                             });
      // An all -inf slice would give NaN from -inf - -inf: shift by 0 there.
      Value shift = buildElementwise(
          b, loc, cast<RankedTensorType>(max.getType()), max,
          [](OpBuilder &nb, Location l, ValueRange a) -> Value {
            Value zero = scalarConstant(nb, l, a[0].getType(), 0);
            Value finite = arith::CmpFOp::create(
                nb, l, arith::CmpFPredicate::ONE,
                math::AbsFOp::create(nb, l, a[0]),
                scalarConstant(nb, l, a[0].getType(), INFINITY));
            return arith::SelectOp::create(nb, l, finite, a[0], zero);
          });
      AffineMap outMap =
          reducedShapeAndMap(inputType, axes, b.getContext()).second;
      SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(inputType.getRank()),
                                     outMap, outMap};
      auto sumType = cast<RankedTensorType>(max.getType());
      Value zeros = buildFilled(b, loc, sumType, b.getFloatAttr(element, 0.0));
      Value sum =
          linalg::GenericOp::create(
              b, loc, sumType, ValueRange{input, shift}, zeros,
              maps, reductionIterators(inputType.getRank(), axes),
              [&](OpBuilder &nb, Location l, ValueRange a) {
                Value e = math::ExpOp::create(
                    nb, l, arith::SubFOp::create(nb, l, a[0], a[1]));
                Value sum = createAccumulate(nb, l, a[2], e);
                linalg::YieldOp::create(nb, l, sum);
              })
              .getResult(0);
      result = buildElementwise(
          b, loc, sumType, ValueRange{sum, shift},
          [](OpBuilder &nb, Location l, ValueRange a) -> Value {
            return arith::AddFOp::create(nb, l, math::LogOp::create(nb, l, a[0]),
                                         a[1]);
          });
    } else {
      TypedAttr init = b.getZeroAttr(element);
      if (kind == ReduceKind::Max)
        init = lowest(b, element, isUnsignedElement);
      else if (kind == ReduceKind::Min)
        init = highest(b, element, isUnsignedElement);
      else if (kind == ReduceKind::Prod)
        init = isa<FloatType>(element) ? TypedAttr(b.getFloatAttr(element, 1.0))
                                       : TypedAttr(b.getIntegerAttr(element, 1));
      auto combine = [&](OpBuilder &nb, Location l, Value acc,
                         Value x) -> Value {
            switch (kind) {
            case ReduceKind::Max:
              return maxOf(nb, l, acc, x, isUnsignedElement);
            case ReduceKind::Min:
              return minOf(nb, l, acc, x, isUnsignedElement);
            case ReduceKind::Prod:
              return createMul(nb, l, acc, x);
            case ReduceKind::SumSquare:
            case ReduceKind::L2:
              return createAccumulate(nb, l, acc, createMul(nb, l, x, x));
            case ReduceKind::L1: {
              Value magnitude = x;
              if (isa<FloatType>(getElementTypeOrSelf(x.getType())))
                magnitude = math::AbsFOp::create(nb, l, x);
              else if (!isUnsignedElement)
                magnitude = math::AbsIOp::create(nb, l, x);
              return createAccumulate(nb, l, acc, magnitude);
            }
            default:
              return createAccumulate(nb, l, acc, x);
            }
          };
      // A float reduction of the whole tensor (a per-tensor range, say) as
      // one loop over it with vector accumulators in registers; a generic
      // would accumulate into memory, one serial combine per element.
      int64_t lanes = targetFloatLanes(op);
      auto floatInit = dyn_cast<FloatAttr>(init);
      if (floatInit && element.isF32() && kind != ReduceKind::Prod &&
          inputType.hasStaticShape() && count == inputType.getNumElements() &&
          lanes > 1 && count % lanes == 0) {
        Value flat = buildReshape(b, loc, input, {count});
        // Lanes of partial sums (of squares, of magnitudes) add up; maxima
        // and minima fold as such.
        auto merge = [&](OpBuilder &nb, Location l, Value acc,
                         Value x) -> Value {
          if (kind == ReduceKind::Max || kind == ReduceKind::Min)
            return combine(nb, l, acc, x);
          return createAccumulate(nb, l, acc, x);
        };
        Value scalar = reduceToScalar(
            b, loc, flat, lanes, floatInit.getValue().convertToFloat(),
            combine, merge, "reduction");
        result = tensor::FromElementsOp::create(
            b, loc, RankedTensorType::get({}, element), ValueRange{scalar});
      } else {
        result = buildReduction(
            b, loc, input, axes, init,
            [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
              return combine(nb, l, a[0], a[1]);
            });
      }
      auto resultType = cast<RankedTensorType>(result.getType());
      auto finish = [&](BodyBuilder body) {
        result = buildElementwise(b, loc, resultType, result, body);
      };
      if (kind == ReduceKind::Mean) {
        finish([&](OpBuilder &nb, Location l, ValueRange a) -> Value {
          Value n = scalarConstant(nb, l, a[0].getType(), count);
          if (isa<FloatType>(a[0].getType()))
            return arith::DivFOp::create(nb, l, a[0], n);
          if (isUnsignedElement)
            return arith::DivUIOp::create(nb, l, a[0], n);
          return arith::DivSIOp::create(nb, l, a[0], n);
        });
      } else if (kind == ReduceKind::L2 || kind == ReduceKind::LogSum) {
        if (!isa<FloatType>(element))
          return rewriter.notifyMatchFailure(op, "integer norm or log");
        finish([&](OpBuilder &nb, Location l, ValueRange a) -> Value {
          if (kind == ReduceKind::L2)
            return math::SqrtOp::create(nb, l, a[0]);
          return math::LogOp::create(nb, l, a[0]);
        });
      }
    }
    rewriter.replaceOp(op, buildReshape(rewriter, loc, result,
                                        op.getType().getShape()));
    return success();
  }
};

/// ArgMax/ArgMin: one generic carrying (best value, its index); a later
/// element wins on a strict improvement, or also on a tie with
/// select_last_index.
template <typename EdgeOp, bool isMax>
struct ArgReduceLowering : OpConversionPattern<EdgeOp> {
  using OpConversionPattern<EdgeOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(EdgeOp op, typename EdgeOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type element = inputType.getElementType();
    bool isUnsignedElement = isUnsigned(op.getInput().getType());
    int64_t axis = op.getAxis();
    bool last = op.getSelectLastIndex();
    OpBuilder &b = rewriter;
    auto [shape, outMap] = reducedShapeAndMap(inputType, {axis}, b.getContext());
    auto valueType = RankedTensorType::get(shape, element);
    auto indexType = RankedTensorType::get(shape, b.getI64Type());
    // The first element always wins against +-inf or the type's extreme, so
    // even a slice of only that value gets index 0 (or the last with ties).
    Value values = buildFilled(
        b, loc, valueType,
        isMax ? lowest(b, element, isUnsignedElement)
              : highest(b, element, isUnsignedElement));
    Value indices = buildFilled(b, loc, indexType, b.getI64IntegerAttr(-1));
    SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(inputType.getRank()),
                                   outMap, outMap};
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{valueType, indexType}, input,
        ValueRange{values, indices}, maps,
        reductionIterators(inputType.getRank(), {axis}),
        [&](OpBuilder &nb, Location l, ValueRange a) {
          Value x = a[0], best = a[1], bestIndex = a[2];
          Value index = arith::IndexCastOp::create(
              nb, l, nb.getI64Type(), linalg::IndexOp::create(nb, l, axis));
          Value better;
          if (isa<FloatType>(element)) {
            auto strict = isMax ? arith::CmpFPredicate::OGT
                                : arith::CmpFPredicate::OLT;
            auto loose = isMax ? arith::CmpFPredicate::OGE
                               : arith::CmpFPredicate::OLE;
            better = arith::CmpFOp::create(nb, l, last ? loose : strict, x,
                                           best);
          } else {
            using P = arith::CmpIPredicate;
            P strict = isMax ? (isUnsignedElement ? P::ugt : P::sgt)
                             : (isUnsignedElement ? P::ult : P::slt);
            P loose = isMax ? (isUnsignedElement ? P::uge : P::sge)
                            : (isUnsignedElement ? P::ule : P::sle);
            better = arith::CmpIOp::create(nb, l, last ? loose : strict, x,
                                           best);
          }
          Value first = arith::CmpIOp::create(
              nb, l, arith::CmpIPredicate::slt, bestIndex,
              arith::ConstantOp::create(nb, l, nb.getI64IntegerAttr(0)));
          Value take = arith::OrIOp::create(nb, l, better, first);
          linalg::YieldOp::create(
              nb, l,
              ValueRange{arith::SelectOp::create(nb, l, take, x, best),
                         arith::SelectOp::create(nb, l, take, index,
                                                 bestIndex)});
        });
    rewriter.replaceOp(op, buildReshape(rewriter, loc, generic.getResult(1),
                                        op.getType().getShape()));
    return success();
  }
};

} // namespace

void populateReductionPatterns(TypeConverter &converter,
                               RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReduceLowering<edge::ReduceSumOp, ReduceKind::Sum>,
               ReduceLowering<edge::ReduceMeanOp, ReduceKind::Mean>,
               ReduceLowering<edge::ReduceMaxOp, ReduceKind::Max>,
               ReduceLowering<edge::ReduceMinOp, ReduceKind::Min>,
               ReduceLowering<edge::ReduceProdOp, ReduceKind::Prod>,
               ReduceLowering<edge::ReduceSumSquareOp, ReduceKind::SumSquare>,
               ReduceLowering<edge::ReduceL1Op, ReduceKind::L1>,
               ReduceLowering<edge::ReduceL2Op, ReduceKind::L2>,
               ReduceLowering<edge::ReduceLogSumOp, ReduceKind::LogSum>,
               ReduceLowering<edge::ReduceLogSumExpOp, ReduceKind::LogSumExp>,
               ArgReduceLowering<edge::ArgMaxOp, true>,
               ArgReduceLowering<edge::ArgMinOp, false>>(converter, ctx);
}

} // namespace edgecc::edge_to_linalg
