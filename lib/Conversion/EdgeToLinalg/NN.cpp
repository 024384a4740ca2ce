//===- NN.cpp - Convolution, pooling and padding to linalg ----------------===//
//
// Sliding-window ops pad their input first (a filled tensor with the input
// inserted: a copy into a view after bufferisation) and then run one
// linalg.generic whose input map reads position `o * stride + k * dilation`,
// so stride, dilation and grouping never copy data. Pad's copying modes,
// Einsum, CumSum and the channel normalisations are generics too.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

using utils::IteratorType;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

RankedTensorType tensorType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

SmallVector<AffineExpr> dimExprs(MLIRContext *ctx, ArrayRef<unsigned> dims) {
  SmallVector<AffineExpr> exprs;
  for (unsigned d : dims)
    exprs.push_back(getAffineDimExpr(d, ctx));
  return exprs;
}

/// A linalg.generic with `body(args)` yielding its one result.
Value buildGeneric(OpBuilder &b, Location loc, Value init, ValueRange inputs,
                   ArrayRef<AffineMap> maps, ArrayRef<IteratorType> iterators,
                   BodyBuilder body) {
  return linalg::GenericOp::create(
             b, loc, init.getType(), inputs, init, maps, iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
             })
      .getResult(0);
}

Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 type.getElementType());
}

Value constantOf(OpBuilder &b, Location loc, TypedAttr value) {
  return arith::ConstantOp::create(b, loc, value);
}

/// A tensor of `type` filled with the scalar `fill`.
Value filledWith(OpBuilder &b, Location loc, RankedTensorType type,
                 Value fill) {
  return linalg::FillOp::create(b, loc, fill, emptyLike(b, loc, type))
      .getResult(0);
}

/// `input` grown by `low`/`high` (non-negative) elements per dim, filled
/// with the scalar `fill`.
Value padWithValue(OpBuilder &b, Location loc, Value input,
                   ArrayRef<int64_t> low, ArrayRef<int64_t> high, Value fill) {
  RankedTensorType type = tensorType(input);
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return input;
  SmallVector<int64_t> shape;
  for (auto [size, lo, hi] : llvm::zip(type.getShape(), low, high))
    shape.push_back(size + lo + hi);
  Value filled = filledWith(
      b, loc, RankedTensorType::get(shape, type.getElementType()), fill);
  SmallVector<int64_t> ones(type.getRank(), 1);
  MLIRContext *ctx = b.getContext();
  return tensor::InsertSliceOp::create(
      b, loc, input, filled, getAsIndexOpFoldResult(ctx, low),
      getAsIndexOpFoldResult(ctx, type.getShape()),
      getAsIndexOpFoldResult(ctx, ones));
}

/// The smallest value of a (signless) element type: -inf for floats, the
/// minimum of the signed or unsigned range for integers. Max-pooling pads
/// with it so that padding never wins.
TypedAttr lowestValue(OpBuilder &b, Type element, bool isUnsignedInt) {
  if (auto f = dyn_cast<FloatType>(element))
    return b.getFloatAttr(f, APFloat::getInf(f.getFloatSemantics(), true));
  unsigned width = element.getIntOrFloatBitWidth();
  return b.getIntegerAttr(element, isUnsignedInt
                                       ? APInt::getZero(width)
                                       : APInt::getSignedMinValue(width));
}

/// The geometry of a sliding window over the spatial dims of [N, C, D...].
struct WindowGeometry {
  SmallVector<int64_t> kernel, strides, dilations, padLow, padHigh;
  /// Window positions per spatial dim (the result's spatial shape).
  SmallVector<int64_t> counts;

  WindowGeometry(ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                 ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads,
                 ArrayRef<int64_t> inputSizes, ArrayRef<int64_t> resultSizes)
      : kernel(kernel), strides(strides), dilations(dilations),
        counts(resultSizes) {
    size_t rank = kernel.size();
    for (size_t i = 0; i < rank; ++i) {
      padLow.push_back(pads[i]);
      // ceil_mode may read past the end pad; floor mode may not read it all.
      // Pad to whichever is larger so every read is in bounds.
      int64_t reach =
          (counts[i] - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1;
      padHigh.push_back(
          std::max(pads[i + rank], reach - pads[i] - inputSizes[i]));
    }
  }
};

/// Pads the spatial dims of an [N, C, D...] tensor as `w` says.
Value padSpatial(OpBuilder &b, Location loc, Value input,
                 const WindowGeometry &w, Value fill) {
  SmallVector<int64_t> low = {0, 0}, high = {0, 0};
  low.append(w.padLow);
  high.append(w.padHigh);
  return padWithValue(b, loc, input, low, high, fill);
}

/// `o * stride + k * dilation`: the input position a window tap reads.
AffineExpr windowPosition(MLIRContext *ctx, unsigned outDim, unsigned kernelDim,
                          int64_t stride, int64_t dilation) {
  return getAffineDimExpr(outDim, ctx) * stride +
         getAffineDimExpr(kernelDim, ctx) * dilation;
}

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

/// Splits dim `dim` of a static tensor into [outer, size / outer].
Value splitDim(OpBuilder &b, Location loc, Value value, int64_t dim,
               int64_t outer) {
  RankedTensorType type = tensorType(value);
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0, out = 0; d < type.getRank(); ++d) {
    if (d == dim) {
      shape.append({outer, type.getDimSize(d) / outer});
      groups.push_back({out, out + 1});
      out += 2;
    } else {
      shape.push_back(type.getDimSize(d));
      groups.push_back({out++});
    }
  }
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), value,
      groups);
}

/// The accumulator of a grouped convolution, [N, G, M / G, O...]: the bias
/// (split into [G, M / G]) broadcast, or zero.
Value convInit(OpBuilder &b, Location loc, RankedTensorType type, Value bias,
               int64_t group) {
  if (!bias)
    return buildFilled(b, loc, type, b.getZeroAttr(type.getElementType()));
  MLIRContext *ctx = b.getContext();
  unsigned rank = type.getRank();
  SmallVector<IteratorType> iterators(rank, IteratorType::parallel);
  AffineMap biasMap = AffineMap::get(rank, 0, dimExprs(ctx, {1, 2}), ctx);
  return buildGeneric(
      b, loc, emptyLike(b, loc, type), splitDim(b, loc, bias, 0, group),
      {biasMap, b.getMultiDimIdentityMap(rank)}, iterators,
      [](OpBuilder &, Location, ValueRange args) { return args[0]; });
}

/// The convolution generic: (padded) `input` [N, C, P...] and `weight`
/// [M, C/G, K...] accumulate into `init` [N, G, M/G, O...], adding
/// `product(x, w, perFilter...)` for every tap; `perFilter` tensors ([M])
/// are read at the filter. Groups become a dim of their own in all
/// operands, so every loop appears alone in some indexing map. Returns the
/// result reshaped to `resultShape`.
Value buildConvolution(OpBuilder &b, Location loc, Value input, Value weight,
                       Value init, ValueRange perFilter,
                       const WindowGeometry &w, int64_t group,
                       ArrayRef<int64_t> resultShape, BodyBuilder product) {
  MLIRContext *ctx = b.getContext();
  unsigned spatial = w.kernel.size();
  // Loops: n, g, m, o..., c, k...
  unsigned n = 0, g = 1, m = 2, o = 3, c = 3 + spatial, k = 4 + spatial;
  unsigned numLoops = 4 + 2 * spatial;
  SmallVector<AffineExpr> inputExprs = dimExprs(ctx, {n, g, c});
  SmallVector<AffineExpr> weightExprs = dimExprs(ctx, {g, m, c});
  SmallVector<AffineExpr> outExprs = dimExprs(ctx, {n, g, m});
  for (unsigned i = 0; i < spatial; ++i) {
    inputExprs.push_back(
        windowPosition(ctx, o + i, k + i, w.strides[i], w.dilations[i]));
    weightExprs.push_back(getAffineDimExpr(k + i, ctx));
    outExprs.push_back(getAffineDimExpr(o + i, ctx));
  }
  SmallVector<Value> inputs = {splitDim(b, loc, input, 1, group),
                               splitDim(b, loc, weight, 0, group)};
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, inputExprs, ctx),
                                 AffineMap::get(numLoops, 0, weightExprs, ctx)};
  for (Value values : perFilter) {
    inputs.push_back(splitDim(b, loc, values, 0, group));
    maps.push_back(AffineMap::get(numLoops, 0, dimExprs(ctx, {g, m}), ctx));
  }
  maps.push_back(AffineMap::get(numLoops, 0, outExprs, ctx));
  SmallVector<IteratorType> iterators(numLoops, IteratorType::parallel);
  for (unsigned d = c; d < numLoops; ++d)
    iterators[d] = IteratorType::reduction;
  Value acc = buildGeneric(b, loc, init, inputs, maps, iterators,
                           [&](OpBuilder &nb, Location l, ValueRange args) {
                             Value term = product(nb, l, args.drop_back());
                             return createAdd(nb, l, args.back(), term);
                           });
  return buildReshape(b, loc, acc, resultShape);
}

/// [N, G, M / G, O...] for a result [N, M, O...].
RankedTensorType groupedResultType(RankedTensorType resultType, int64_t group) {
  SmallVector<int64_t> shape = {resultType.getDimSize(0), group,
                                resultType.getDimSize(1) / group};
  shape.append(resultType.getShape().drop_front(2).begin(),
               resultType.getShape().drop_front(2).end());
  return RankedTensorType::get(shape, resultType.getElementType());
}

template <typename ConvOp> WindowGeometry convGeometry(ConvOp op) {
  return WindowGeometry(op.getWeight().getType().getShape().drop_front(2),
                        op.getStrides(), op.getDilations(), op.getPads(),
                        op.getInput().getType().getShape().drop_front(2),
                        op.getType().getShape().drop_front(2));
}

struct ConvLowering : OpConversionPattern<edge::ConvOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    WindowGeometry w = convGeometry(op);
    Value zero = constantOf(rewriter, loc,
                            rewriter.getZeroAttr(resultType.getElementType()));
    Value input = padSpatial(rewriter, loc, adaptor.getInput(), w, zero);
    Value init =
        convInit(rewriter, loc, groupedResultType(resultType, op.getGroup()),
                 adaptor.getBias(), op.getGroup());
    rewriter.replaceOp(
        op, buildConvolution(rewriter, loc, input, adaptor.getWeight(), init,
                             {}, w, op.getGroup(), resultType.getShape(),
                             [](OpBuilder &b, Location l, ValueRange args) {
                               return createMul(b, l, args[0], args[1]);
                             }));
    return success();
  }
};

/// An 8-bit integer widened to int32 by its own signedness.
Value widen(OpBuilder &b, Location loc, Value value, bool isUnsignedInt) {
  Type i32 = b.getI32Type();
  if (isUnsignedInt)
    return arith::ExtUIOp::create(b, loc, i32, value);
  return arith::ExtSIOp::create(b, loc, i32, value);
}

/// The one element of a tensor whose elements are all the same one.
Value onlyElement(OpBuilder &b, Location loc, Value tensor) {
  int64_t rank = tensorType(tensor).getRank();
  SmallVector<Value> indices;
  if (rank > 0)
    indices.assign(rank, arith::ConstantIndexOp::create(b, loc, 0));
  return tensor::ExtractOp::create(b, loc, tensor, indices);
}

/// The input is padded with its zero point, so padding adds nothing; the
/// zero points are subtracted after widening to int32, inside the loop.
struct ConvIntegerLowering : OpConversionPattern<edge::ConvIntegerOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::ConvIntegerOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getType();
    WindowGeometry w = convGeometry(op);
    bool inputUnsigned = isUnsigned(op.getInput().getType());
    bool weightUnsigned = isUnsigned(op.getWeight().getType());

    Value inputZero = onlyElement(rewriter, loc, adaptor.getInputZeroPoint());
    Value input = padSpatial(rewriter, loc, adaptor.getInput(), w, inputZero);
    Value inputZero32 = widen(rewriter, loc, inputZero, inputUnsigned);
    // A per-filter weight zero point is read in the loop; a single one is a
    // scalar like the input's.
    Value weightZeros = adaptor.getWeightZeroPoint();
    bool perFilter = tensorType(weightZeros).getNumElements() > 1;
    Value weightZero32 =
        perFilter
            ? Value()
            : widen(rewriter, loc, onlyElement(rewriter, loc, weightZeros),
                    weightUnsigned);
    RankedTensorType accType = groupedResultType(resultType, op.getGroup());
    Value init = buildFilled(rewriter, loc, accType,
                             rewriter.getZeroAttr(accType.getElementType()));
    SmallVector<Value> perFilterInputs;
    if (perFilter)
      perFilterInputs.push_back(
          buildReshape(rewriter, loc, weightZeros, {resultType.getDimSize(1)}));
    rewriter.replaceOp(
        op, buildConvolution(
                rewriter, loc, input, adaptor.getWeight(), init,
                perFilterInputs, w, op.getGroup(), resultType.getShape(),
                [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                  Value x = arith::SubIOp::create(
                      b, l, widen(b, l, args[0], inputUnsigned), inputZero32);
                  Value weightZero = perFilter
                                         ? widen(b, l, args[2], weightUnsigned)
                                         : weightZero32;
                  Value wt = arith::SubIOp::create(
                      b, l, widen(b, l, args[1], weightUnsigned), weightZero);
                  return arith::MulIOp::create(b, l, x, wt);
                }));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// MaxPool and AveragePool
//===----------------------------------------------------------------------===//

/// Scalar body of a window reduction: the new accumulators from an input
/// element `x` and the current ones.
using WindowBody = function_ref<SmallVector<Value>(OpBuilder &, Location,
                                                   Value x, ValueRange accs)>;

/// Reduces every window of the (already padded) `input` into `inits` (all
/// shaped like the result) with `body`. Loops are n, c, o..., k...; a kernel
/// loop must appear alone in some operand, so an unused "window" tensor of
/// the kernel's shape carries those that the input cannot: all but a dim
/// with a single window that spans the whole padded input (the global
/// pools), which indexes the input directly.
SmallVector<Value> buildWindowReduction(OpBuilder &b, Location loc, Value input,
                                        ValueRange inits,
                                        const WindowGeometry &w,
                                        WindowBody body) {
  MLIRContext *ctx = b.getContext();
  RankedTensorType inputType = tensorType(input);
  unsigned spatial = w.kernel.size(), o = 2, k = 2 + spatial;
  unsigned numLoops = 2 + 2 * spatial;
  SmallVector<AffineExpr> inputExprs = dimExprs(ctx, {0, 1});
  SmallVector<AffineExpr> windowExprs;
  SmallVector<int64_t> windowShape;
  for (unsigned i = 0; i < spatial; ++i) {
    bool direct = w.counts[i] == 1 && w.dilations[i] == 1 &&
                  inputType.getDimSize(i + 2) == w.kernel[i];
    if (direct) {
      inputExprs.push_back(getAffineDimExpr(k + i, ctx));
      continue;
    }
    inputExprs.push_back(
        windowPosition(ctx, o + i, k + i, w.strides[i], w.dilations[i]));
    windowExprs.push_back(getAffineDimExpr(k + i, ctx));
    windowShape.push_back(w.kernel[i]);
  }
  SmallVector<Value> inputs = {input};
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, inputExprs, ctx)};
  if (!windowExprs.empty()) {
    inputs.push_back(tensor::EmptyOp::create(b, loc, windowShape,
                                             inputType.getElementType()));
    maps.push_back(AffineMap::get(numLoops, 0, windowExprs, ctx));
  }
  SmallVector<AffineExpr> outExprs;
  for (unsigned d = 0; d < 2 + spatial; ++d)
    outExprs.push_back(getAffineDimExpr(d, ctx));
  maps.append(inits.size(), AffineMap::get(numLoops, 0, outExprs, ctx));
  SmallVector<IteratorType> iterators(numLoops, IteratorType::parallel);
  for (unsigned d = k; d < numLoops; ++d)
    iterators[d] = IteratorType::reduction;
  auto generic = linalg::GenericOp::create(
      b, loc, inits.getTypes(), inputs, inits, maps, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        linalg::YieldOp::create(
            nb, l, body(nb, l, args[0], args.take_back(inits.size())));
      });
  return generic.getResults();
}

template <typename PoolOp> WindowGeometry poolGeometry(PoolOp op) {
  return WindowGeometry(op.getKernelShape(), op.getStrides(), op.getDilations(),
                        op.getPads(),
                        op.getInput().getType().getShape().drop_front(2),
                        op.getResult().getType().getShape().drop_front(2));
}

/// Whether `x` beats the maximum so far, `acc` (strictly: ties keep the
/// first). Floats compare rather than use maxnumf, a libm call (fmaxf) on
/// cores without a float max instruction.
Value exceeds(OpBuilder &b, Location loc, Value x, Value acc,
              bool isUnsignedInt) {
  if (isa<FloatType>(x.getType()))
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, acc);
  return arith::CmpIOp::create(b, loc,
                               isUnsignedInt ? arith::CmpIPredicate::ugt
                                             : arith::CmpIPredicate::sgt,
                               x, acc);
}

/// The padded input and the initial maximum of a max pool: both hold the
/// type's lowest value, so padding never wins.
std::pair<Value, Value> maxPoolOperands(OpBuilder &b, Location loc, Value input,
                                        RankedTensorType type,
                                        const WindowGeometry &w,
                                        bool isUnsignedInt) {
  TypedAttr lowest = lowestValue(b, type.getElementType(), isUnsignedInt);
  Value fill = constantOf(b, loc, lowest);
  return {padSpatial(b, loc, input, w, fill), filledWith(b, loc, type, fill)};
}

struct MaxPoolLowering : OpConversionPattern<edge::MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    WindowGeometry w = poolGeometry(op);
    bool isUnsignedInt = isUnsigned(op.getType());
    auto [input, init] =
        maxPoolOperands(rewriter, loc, adaptor.getInput(),
                        toSignless(op.getType()), w, isUnsignedInt);
    rewriter.replaceOp(op,
                       buildWindowReduction(
                           rewriter, loc, input, init, w,
                           [&](OpBuilder &b, Location l, Value x,
                               ValueRange accs) -> SmallVector<Value> {
                             Value acc = accs[0];
                             if (isa<FloatType>(x.getType()))
                               return {arith::SelectOp::create(
                                   b, l, exceeds(b, l, x, acc, false), x, acc)};
                             if (isUnsignedInt)
                               return {arith::MaxUIOp::create(b, l, acc, x)};
                             return {arith::MaxSIOp::create(b, l, acc, x)};
                           }));
    return success();
  }
};

/// Flat index in the unpadded [N, C, D...] input of the element the window
/// loops point at: row-major, or column-major inside each [n, c] plane.
Value flatInputIndex(OpBuilder &b, Location loc, const WindowGeometry &w,
                     ArrayRef<int64_t> inputShape, bool columnMajor) {
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  auto mulAdd = [&](Value x, int64_t scale, Value y) -> Value {
    Value scaled = arith::MulIOp::create(b, loc, x, index(scale));
    return arith::AddIOp::create(b, loc, scaled, y);
  };
  size_t spatial = w.kernel.size();
  SmallVector<Value> positions;
  for (size_t i = 0; i < spatial; ++i) {
    Value out = linalg::IndexOp::create(b, loc, 2 + i);
    Value tap = linalg::IndexOp::create(b, loc, 2 + spatial + i);
    Value padded =
        mulAdd(out, w.strides[i],
               arith::MulIOp::create(b, loc, tap, index(w.dilations[i])));
    positions.push_back(
        arith::SubIOp::create(b, loc, padded, index(w.padLow[i])));
  }
  // Row-major walks the spatial dims first to last, column-major last to
  // first; either way the [n, c] plane number is outermost.
  if (columnMajor)
    std::reverse(positions.begin(), positions.end());
  Value flat = mulAdd(linalg::IndexOp::create(b, loc, 0), inputShape[1],
                      linalg::IndexOp::create(b, loc, 1));
  for (size_t j = 0; j < spatial; ++j) {
    size_t dim = columnMajor ? spatial - 1 - j : j;
    flat = mulAdd(flat, inputShape[2 + dim], positions[j]);
  }
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), flat);
}

struct MaxPoolWithIndicesLowering
    : OpConversionPattern<edge::MaxPoolWithIndicesOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::MaxPoolWithIndicesOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    WindowGeometry w = poolGeometry(op);
    RankedTensorType valuesType = op.getResult().getType();
    bool isUnsignedInt = isUnsigned(valuesType);
    auto [input, init] =
        maxPoolOperands(rewriter, loc, adaptor.getInput(),
                        toSignless(valuesType), w, isUnsignedInt);
    Value indicesInit = buildFilled(rewriter, loc, op.getIndices().getType(),
                                    rewriter.getI64IntegerAttr(0));
    ArrayRef<int64_t> inputShape = op.getInput().getType().getShape();
    bool columnMajor = op.getColumnMajor();
    rewriter.replaceOp(
        op,
        buildWindowReduction(
            rewriter, loc, input, {init, indicesInit}, w,
            [&](OpBuilder &b, Location l, Value x,
                ValueRange accs) -> SmallVector<Value> {
              Value greater = exceeds(b, l, x, accs[0], isUnsignedInt);
              Value index = flatInputIndex(b, l, w, inputShape, columnMajor);
              return {arith::SelectOp::create(b, l, greater, x, accs[0]),
                      arith::SelectOp::create(b, l, greater, index, accs[1])};
            }));
    return success();
  }
};

/// How many taps of each window land on counted positions: the input itself
/// ([padLow, padLow + size)), or with `includePad` also the explicit pads
/// (but not what ceil_mode adds beyond them). One row per spatial dim.
SmallVector<SmallVector<int64_t>> windowTapCounts(edge::AveragePoolOp op,
                                                  const WindowGeometry &w) {
  ArrayRef<int64_t> sizes = op.getInput().getType().getShape().drop_front(2);
  ArrayRef<int64_t> pads = op.getPads();
  size_t spatial = w.kernel.size();
  SmallVector<SmallVector<int64_t>> counts;
  for (size_t i = 0; i < spatial; ++i) {
    int64_t begin = op.getCountIncludePad() ? 0 : pads[i];
    int64_t end = op.getCountIncludePad()
                      ? pads[i] + sizes[i] + pads[i + spatial]
                      : pads[i] + sizes[i];
    SmallVector<int64_t> row;
    for (int64_t out = 0; out < w.counts[i]; ++out) {
      int64_t taps = 0;
      for (int64_t tap = 0; tap < w.kernel[i]; ++tap) {
        int64_t position = out * w.strides[i] + tap * w.dilations[i];
        taps += position >= begin && position < end;
      }
      row.push_back(taps);
    }
    counts.push_back(row);
  }
  return counts;
}

/// The divisor of every window as a constant over the result's spatial
/// shape, or null when all windows have the same one (`uniform`).
DenseElementsAttr windowDivisors(OpBuilder &b, edge::AveragePoolOp op,
                                 const WindowGeometry &w, float &uniform) {
  SmallVector<SmallVector<int64_t>> taps = windowTapCounts(op, w);
  // Row-major product over the spatial dims.
  SmallVector<float> divisors = {1.0f};
  for (ArrayRef<int64_t> row : taps) {
    SmallVector<float> next;
    for (float d : divisors)
      for (int64_t t : row)
        next.push_back(d * t);
    divisors = std::move(next);
  }
  uniform = divisors.front();
  if (llvm::all_of(divisors, [&](float d) { return d == uniform; }))
    return {};
  auto type = RankedTensorType::get(w.counts, b.getF32Type());
  return DenseElementsAttr::get(type, ArrayRef<float>(divisors));
}

struct AveragePoolLowering : OpConversionPattern<edge::AveragePoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::AveragePoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    WindowGeometry w = poolGeometry(op);
    RankedTensorType resultType = op.getType();
    Type element = resultType.getElementType();
    TypedAttr zero = rewriter.getZeroAttr(element);
    Value zeroValue = constantOf(rewriter, loc, zero);
    Value input = padSpatial(rewriter, loc, adaptor.getInput(), w, zeroValue);
    Value sums = buildWindowReduction(
        rewriter, loc, input, filledWith(rewriter, loc, resultType, zeroValue),
        w,
        [](OpBuilder &b, Location l, Value x,
           ValueRange accs) -> SmallVector<Value> {
          return {arith::AddFOp::create(b, l, accs[0], x)};
        })[0];

    float uniform = 1.0f;
    DenseElementsAttr divisors = windowDivisors(rewriter, op, w, uniform);
    SmallVector<Value> inputs = {sums};
    MLIRContext *ctx = rewriter.getContext();
    unsigned rank = resultType.getRank();
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    if (divisors) {
      // Windows that overlap the padding divide by fewer taps.
      inputs.push_back(arith::ConstantOp::create(rewriter, loc, divisors));
      SmallVector<unsigned> spatialDims;
      for (unsigned d = 2; d < rank; ++d)
        spatialDims.push_back(d);
      maps.push_back(AffineMap::get(rank, 0, dimExprs(ctx, spatialDims), ctx));
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(rank));
    SmallVector<IteratorType> iterators(rank, IteratorType::parallel);
    Value result = buildGeneric(
        rewriter, loc, emptyLike(rewriter, loc, resultType), inputs, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value divisor = divisors ? args[1]
                                   : arith::ConstantOp::create(
                                         b, l, b.getFloatAttr(element, uniform))
                                         .getResult();
          return arith::DivFOp::create(b, l, args[0], divisor);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pad
//===----------------------------------------------------------------------===//

/// The value as an attribute of the signless element type linalg sees.
TypedAttr toSignlessAttr(TypedAttr value) {
  auto integer = dyn_cast<IntegerAttr>(value);
  if (!integer || integer.getType().isSignlessInteger())
    return value;
  auto type = IntegerType::get(value.getContext(),
                               integer.getType().getIntOrFloatBitWidth());
  return IntegerAttr::get(type, integer.getValue());
}

/// Index of the input element that output position `out` of one dim copies,
/// for the copying modes; `out - low` is the position in the input.
Value sourceIndex(OpBuilder &b, Location loc, Value out, int64_t low,
                  int64_t size, StringRef mode) {
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  Value i = arith::SubIOp::create(b, loc, out, index(low));
  Value last = index(size - 1);
  if (mode == "edge") {
    Value clamped = arith::MaxSIOp::create(b, loc, i, index(0));
    return arith::MinSIOp::create(b, loc, clamped, last);
  }
  if (mode == "wrap") {
    // (i + n) mod n: pads never exceed n, so i + n is never negative.
    Value n = index(size);
    return arith::RemSIOp::create(b, loc, arith::AddIOp::create(b, loc, i, n),
                                  n);
  }
  // reflect (pads < size): -i before the start, 2 (n - 1) - i past the end.
  Value mirroredLow = arith::MaxSIOp::create(
      b, loc, i, arith::SubIOp::create(b, loc, index(0), i));
  Value twiceLast = index(2 * (size - 1));
  return arith::MinSIOp::create(
      b, loc, mirroredLow,
      arith::SubIOp::create(b, loc, twiceLast, mirroredLow));
}

/// reflect, edge and wrap by non-negative pads: every output element is a
/// copy of some input element, picked per dim by sourceIndex.
Value buildCopyingPad(OpBuilder &b, Location loc, Value input,
                      RankedTensorType resultType, ArrayRef<int64_t> low,
                      ArrayRef<int64_t> high, StringRef mode) {
  RankedTensorType inputType = tensorType(input);
  int64_t rank = inputType.getRank();
  SmallVector<IteratorType> iterators(rank, IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, resultType, ValueRange{}, emptyLike(b, loc, resultType),
      b.getMultiDimIdentityMap(rank), iterators,
      [&](OpBuilder &nb, Location l, ValueRange) {
        SmallVector<Value> indices;
        for (int64_t d = 0; d < rank; ++d) {
          Value out = linalg::IndexOp::create(nb, l, d);
          bool padded = low[d] != 0 || high[d] != 0;
          indices.push_back(padded ? sourceIndex(nb, l, out, low[d],
                                                 inputType.getDimSize(d), mode)
                                   : out);
        }
        Value x = tensor::ExtractOp::create(nb, l, input, indices);
        linalg::YieldOp::create(nb, l, x);
      });
  return generic.getResult(0);
}

struct PadLowering : OpConversionPattern<edge::PadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto resultType = toSignless(op.getType());
    ArrayRef<int64_t> pads = op.getPads();
    Value input = adaptor.getInput();
    // Negative pads crop first; the positive ones then grow what is left.
    RankedTensorType inputType = tensorType(input);
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> offsets, sizes, strides(rank, 1), low, high;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t begin = pads[d], end = pads[d + rank];
      offsets.push_back(std::max<int64_t>(0, -begin));
      sizes.push_back(inputType.getDimSize(d) + std::min<int64_t>(0, begin) +
                      std::min<int64_t>(0, end));
      low.push_back(std::max<int64_t>(0, begin));
      high.push_back(std::max<int64_t>(0, end));
    }
    if (ArrayRef<int64_t>(sizes) != inputType.getShape())
      input = tensor::ExtractSliceOp::create(
          rewriter, loc,
          RankedTensorType::get(sizes, inputType.getElementType()), input,
          getAsIndexOpFoldResult(ctx, offsets),
          getAsIndexOpFoldResult(ctx, sizes),
          getAsIndexOpFoldResult(ctx, strides));
    Value result = op.getMode() == "constant"
                       ? padWithValue(rewriter, loc, input, low, high,
                                      constantOf(rewriter, loc,
                                                 toSignlessAttr(op.getValue())))
                       : buildCopyingPad(rewriter, loc, input, resultType, low,
                                         high, op.getMode());
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

/// One contraction generic: a loop per letter, the output's first (parallel),
/// then the summed ones (reduction); each input reads its letters' loops,
/// or element 0 of a size-1 dim that another input widens.
struct EinsumLowering : OpConversionPattern<edge::EinsumOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::EinsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto equation = edge::parseEinsumEquation(op.getEquation(), std::nullopt);
    if (failed(equation))
      return rewriter.notifyMatchFailure(op, "malformed equation");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto resultType = toSignless(op.getType());

    std::string loops = equation->output;
    llvm::SmallDenseMap<char, int64_t> sizes;
    for (auto [term, value] : llvm::zip(equation->inputs, adaptor.getInputs()))
      for (auto [letter, size] :
           llvm::zip(term, tensorType(value).getShape())) {
        if (!llvm::is_contained(loops, letter))
          loops.push_back(letter);
        sizes[letter] = std::max(sizes.lookup(letter), size);
      }
    auto loopOf = [&](char letter) {
      return getAffineDimExpr(llvm::find(loops, letter) - loops.begin(), ctx);
    };

    SmallVector<AffineMap> maps;
    for (auto [term, value] :
         llvm::zip(equation->inputs, adaptor.getInputs())) {
      SmallVector<AffineExpr> exprs;
      for (auto [letter, size] : llvm::zip(term, tensorType(value).getShape()))
        exprs.push_back(size == 1 && sizes[letter] != 1
                            ? getAffineConstantExpr(0, ctx)
                            : loopOf(letter));
      maps.push_back(AffineMap::get(loops.size(), 0, exprs, ctx));
    }
    SmallVector<AffineExpr> outExprs;
    for (char letter : equation->output)
      outExprs.push_back(loopOf(letter));
    maps.push_back(AffineMap::get(loops.size(), 0, outExprs, ctx));

    SmallVector<IteratorType> iterators(loops.size(), IteratorType::parallel);
    for (size_t d = equation->output.size(); d < loops.size(); ++d)
      iterators[d] = IteratorType::reduction;
    // Without summed letters every output element is written exactly once.
    bool sums = loops.size() > equation->output.size();
    Value init =
        sums ? buildFilled(rewriter, loc, resultType,
                           rewriter.getZeroAttr(resultType.getElementType()))
             : emptyLike(rewriter, loc, resultType);
    unsigned numInputs = equation->inputs.size();
    Value result = buildGeneric(
        rewriter, loc, init, adaptor.getInputs(), maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value product = args[0];
          for (unsigned i = 1; i < numInputs; ++i)
            product = createMul(b, l, product, args[i]);
          return sums ? createAdd(b, l, args[numInputs], product) : product;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// CumSum
//===----------------------------------------------------------------------===//

/// out[.., i, ..] = sum over j of (j before i) ? x[.., j, ..] : 0, as one
/// generic with the axis twice: a parallel i and a reduction j. That is
/// O(n^2) along the axis; a sequential scan would be O(n) but is not a
/// linalg structured op. Good enough for the short axes models use so far.
struct CumSumLowering : OpConversionPattern<edge::CumSumOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::CumSumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto resultType = toSignless(op.getType());
    unsigned rank = resultType.getRank(), axis = op.getAxis(), j = rank;
    SmallVector<AffineExpr> inputExprs;
    for (unsigned d = 0; d < rank; ++d)
      inputExprs.push_back(getAffineDimExpr(d == axis ? j : d, ctx));
    SmallVector<IteratorType> iterators(rank + 1, IteratorType::parallel);
    iterators[j] = IteratorType::reduction;
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank + 1, 0, inputExprs, ctx),
        AffineMap::getMultiDimIdentityMap(rank + 1, ctx).getMajorSubMap(rank)};
    // j counts towards i: from the start, or from the end when reversed;
    // exclusive sums leave out j == i.
    arith::CmpIPredicate included =
        op.getReverse() ? (op.getExclusive() ? arith::CmpIPredicate::sgt
                                             : arith::CmpIPredicate::sge)
                        : (op.getExclusive() ? arith::CmpIPredicate::slt
                                             : arith::CmpIPredicate::sle);
    Type element = resultType.getElementType();
    Value result = buildGeneric(
        rewriter, loc,
        buildFilled(rewriter, loc, resultType, rewriter.getZeroAttr(element)),
        adaptor.getInput(), maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value i = linalg::IndexOp::create(b, l, axis);
          Value jj = linalg::IndexOp::create(b, l, j);
          Value take = arith::CmpIOp::create(b, l, included, jj, i);
          Value zero = arith::ConstantOp::create(b, l, b.getZeroAttr(element));
          Value x = arith::SelectOp::create(b, l, take, args[0], zero);
          return createAdd(b, l, args[1], x);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// BatchNorm and InstanceNorm
//===----------------------------------------------------------------------===//

Value scalarF32(OpBuilder &b, Location loc, float value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

/// scale / sqrt(variance + epsilon), elementwise over same-shaped operands.
Value normFactor(OpBuilder &b, Location loc, Value scale, Value variance,
                 float epsilon) {
  return buildElementwise(
      b, loc, tensorType(variance), ValueRange{scale, variance},
      [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
        Value shifted =
            arith::AddFOp::create(nb, l, args[1], scalarF32(nb, l, epsilon));
        Value root = math::SqrtOp::create(nb, l, shifted);
        return arith::DivFOp::create(nb, l, args[0], root);
      });
}

/// (x - mean) * factor + bias over `x`, the other three read through `maps`.
Value normalize(OpBuilder &b, Location loc, Value x, Value mean, Value factor,
                Value bias, ArrayRef<AffineMap> maps) {
  RankedTensorType type = tensorType(x);
  SmallVector<IteratorType> iterators(type.getRank(), IteratorType::parallel);
  SmallVector<AffineMap> allMaps(maps);
  allMaps.insert(allMaps.begin(), b.getMultiDimIdentityMap(type.getRank()));
  allMaps.push_back(b.getMultiDimIdentityMap(type.getRank()));
  return buildGeneric(
      b, loc, emptyLike(b, loc, type), ValueRange{x, mean, factor, bias},
      allMaps, iterators, [](OpBuilder &nb, Location l, ValueRange args) {
        Value centered = arith::SubFOp::create(nb, l, args[0], args[1]);
        Value scaled = arith::MulFOp::create(nb, l, centered, args[2]);
        return arith::AddFOp::create(nb, l, scaled, args[3]).getResult();
      });
}

struct BatchNormLowering : OpConversionPattern<edge::BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    // One square root per channel, not per element.
    Value factor =
        normFactor(rewriter, loc, adaptor.getScale(), adaptor.getVariance(),
                   op.getEpsilon().convertToFloat());
    unsigned rank = op.getType().getRank();
    AffineMap channel = AffineMap::get(rank, 0, getAffineDimExpr(1, ctx));
    rewriter.replaceOp(
        op, normalize(rewriter, loc, adaptor.getInput(), adaptor.getMean(),
                      factor, adaptor.getBias(), {channel, channel, channel}));
    return success();
  }
};

/// Normalises each [n, c] plane of a [N, C, S] view: two reductions over S
/// (mean, then the mean square deviation: the two-pass form, stable where
/// E[x^2] - E[x]^2 cancels), a per-plane factor and one elementwise pass.
struct InstanceNormLowering : OpConversionPattern<edge::InstanceNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::InstanceNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    RankedTensorType type = op.getType();
    int64_t batch = type.getDimSize(0), channels = type.getDimSize(1);
    int64_t plane =
        type.getNumElements() / std::max<int64_t>(1, batch * channels);
    Value x = buildReshape(rewriter, loc, adaptor.getInput(),
                           {batch, channels, plane});
    auto planeType =
        RankedTensorType::get({batch, channels}, rewriter.getF32Type());
    auto zeros = [&] {
      return buildFilled(rewriter, loc, planeType, rewriter.getF32FloatAttr(0));
    };
    float inverseCount = 1.0f / plane;

    AffineMap full = rewriter.getMultiDimIdentityMap(3);
    AffineMap perPlane = AffineMap::get(3, 0, dimExprs(ctx, {0, 1}), ctx);
    AffineMap perChannel = AffineMap::get(3, 0, dimExprs(ctx, {1}), ctx);
    SmallVector<IteratorType> reduceLast = {IteratorType::parallel,
                                            IteratorType::parallel,
                                            IteratorType::reduction};
    Value sums =
        buildGeneric(rewriter, loc, zeros(), x, {full, perPlane}, reduceLast,
                     [](OpBuilder &b, Location l, ValueRange args) -> Value {
                       return arith::AddFOp::create(b, l, args[1], args[0]);
                     });
    Value mean = buildElementwise(
        rewriter, loc, planeType, sums,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::MulFOp::create(b, l, args[0],
                                       scalarF32(b, l, inverseCount));
        });
    Value squares = buildGeneric(
        rewriter, loc, zeros(), ValueRange{x, mean}, {full, perPlane, perPlane},
        reduceLast, [](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value d = arith::SubFOp::create(b, l, args[0], args[1]);
          Value square = arith::MulFOp::create(b, l, d, d);
          return arith::AddFOp::create(b, l, args[2], square);
        });
    Value variance = buildElementwise(
        rewriter, loc, planeType, squares,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::MulFOp::create(b, l, args[0],
                                       scalarF32(b, l, inverseCount));
        });
    // scale[c] broadcast over the planes, then one root per plane.
    Value scale = buildGeneric(
        rewriter, loc, emptyLike(rewriter, loc, planeType), adaptor.getScale(),
        {AffineMap::get(2, 0, getAffineDimExpr(1, ctx)),
         rewriter.getMultiDimIdentityMap(2)},
        {IteratorType::parallel, IteratorType::parallel},
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    Value factor = normFactor(rewriter, loc, scale, variance,
                              op.getEpsilon().convertToFloat());
    Value result = normalize(rewriter, loc, x, mean, factor, adaptor.getBias(),
                             {perPlane, perPlane, perChannel});
    rewriter.replaceOp(op,
                       buildReshape(rewriter, loc, result, type.getShape()));
    return success();
  }
};

} // namespace

void populateNNPatterns(TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<ConvLowering, ConvIntegerLowering, MaxPoolLowering,
               MaxPoolWithIndicesLowering, AveragePoolLowering, PadLowering,
               EinsumLowering, CumSumLowering, BatchNormLowering,
               InstanceNormLowering>(converter, patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
