//===- Quant.cpp - Integer (quantized) contractions to linalg -------------===//
//
// edge.matmul_integer becomes one linalg.generic contraction over (batch...,
// m, n, k) that widens each 8-bit element to int32 by its operand's
// signedness (the type converter made ui8 signless, so the edge types decide
// extui or extsi) and subtracts its zero point inside the loop. Broadcast
// batches and per-row/per-column zero points are indexing maps, never copies.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

RankedTensorType tensorType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

Value widenToI32(OpBuilder &b, Location loc, Value value, bool isUnsignedInt) {
  Type i32 = b.getI32Type();
  if (isUnsignedInt)
    return arith::ExtUIOp::create(b, loc, i32, value);
  return arith::ExtSIOp::create(b, loc, i32, value);
}

/// Whether `value` is a constant whose elements are all zero: its
/// subtraction can be left out.
bool isZeroConstant(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return false;
  return attr.isSplat() && attr.getSplatValue<APInt>().isZero();
}

/// One operand's zero point as the contraction sees it: nothing (a zero
/// constant), an int32 scalar computed before the loop (one element), or
/// an input of the generic read through `map`.
struct ZeroPoint {
  Value scalar;
  Value tensor;
  AffineMap map;
};

ZeroPoint lowerZeroPoint(OpBuilder &b, Location loc, Value original,
                         Value converted, ArrayRef<int64_t> operandShape,
                         AffineMap operandMap, bool isUnsignedInt) {
  ZeroPoint zp;
  if (isZeroConstant(original))
    return zp;
  RankedTensorType type = tensorType(converted);
  if (type.getNumElements() == 1) {
    SmallVector<Value> indices;
    if (type.getRank() > 0)
      indices.assign(type.getRank(), arith::ConstantIndexOp::create(b, loc, 0));
    Value element = tensor::ExtractOp::create(b, loc, converted, indices);
    zp.scalar = widenToI32(b, loc, element, isUnsignedInt);
    return zp;
  }
  // Broadcast into the operand's (promoted) shape, then to the loops.
  zp.tensor = converted;
  zp.map = broadcastMap(b.getContext(), type.getShape(), operandShape)
               .compose(operandMap);
  return zp;
}

struct MatMulIntegerLowering : OpConversionPattern<edge::MatMulIntegerOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::MatMulIntegerOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    bool lhsUnsigned = isUnsigned(op.getLhs().getType());
    bool rhsUnsigned = isUnsigned(op.getRhs().getType());
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    RankedTensorType lhsType = tensorType(lhs), rhsType = tensorType(rhs);

    // numpy promotes 1-D operands to matrices and drops the added dim after
    // (their zero points then have one element).
    if (lhsType.getRank() == 1)
      lhs = buildReshape(rewriter, loc, lhs, {1, lhsType.getDimSize(0)});
    if (rhsType.getRank() == 1)
      rhs = buildReshape(rewriter, loc, rhs, {rhsType.getDimSize(0), 1});
    ArrayRef<int64_t> a = tensorType(lhs).getShape();
    ArrayRef<int64_t> bs = tensorType(rhs).getShape();
    int64_t m = a[a.size() - 2], n = bs.back();
    ArrayRef<int64_t> lhsBatch = a.drop_back(2), rhsBatch = bs.drop_back(2);
    size_t nb = std::max(lhsBatch.size(), rhsBatch.size());
    SmallVector<int64_t> batch(nb, 1);
    for (size_t i = 0; i < nb; ++i) {
      size_t li = i + lhsBatch.size(), ri = i + rhsBatch.size();
      int64_t l = li >= nb ? lhsBatch[li - nb] : 1;
      int64_t r = ri >= nb ? rhsBatch[ri - nb] : 1;
      batch[i] = std::max(l, r);
    }

    // Loops (batch..., m, n, k); an operand of batch dim 1 against a wider
    // batch reads its only slice.
    unsigned numDims = nb + 3;
    auto operandMap = [&](ArrayRef<int64_t> operandBatch, unsigned row,
                          unsigned col) {
      SmallVector<AffineExpr> exprs;
      size_t offset = nb - operandBatch.size();
      for (auto [i, d] : llvm::enumerate(operandBatch))
        exprs.push_back(d == 1 && batch[i + offset] != 1
                            ? getAffineConstantExpr(0, ctx)
                            : getAffineDimExpr(i + offset, ctx));
      exprs.push_back(getAffineDimExpr(row, ctx));
      exprs.push_back(getAffineDimExpr(col, ctx));
      return AffineMap::get(numDims, 0, exprs, ctx);
    };
    AffineMap lhsMap = operandMap(lhsBatch, nb, nb + 2);
    AffineMap rhsMap = operandMap(rhsBatch, nb + 2, nb + 1);
    SmallVector<AffineExpr> outExprs;
    for (unsigned i = 0; i < nb + 2; ++i)
      outExprs.push_back(getAffineDimExpr(i, ctx));
    AffineMap outMap = AffineMap::get(numDims, 0, outExprs, ctx);

    ZeroPoint lhsZero =
        lowerZeroPoint(rewriter, loc, op.getLhsZeroPoint(),
                       adaptor.getLhsZeroPoint(), a, lhsMap, lhsUnsigned);
    ZeroPoint rhsZero =
        lowerZeroPoint(rewriter, loc, op.getRhsZeroPoint(),
                       adaptor.getRhsZeroPoint(), bs, rhsMap, rhsUnsigned);
    SmallVector<Value> inputs = {lhs, rhs};
    SmallVector<AffineMap> maps = {lhsMap, rhsMap};
    for (const ZeroPoint *zp : {&lhsZero, &rhsZero}) {
      if (zp->tensor) {
        inputs.push_back(zp->tensor);
        maps.push_back(zp->map);
      }
    }
    maps.push_back(outMap);

    SmallVector<int64_t> fullShape(batch);
    fullShape.append({m, n});
    auto accType = RankedTensorType::get(fullShape, rewriter.getI32Type());
    Value init =
        buildFilled(rewriter, loc, accType, rewriter.getI32IntegerAttr(0));
    SmallVector<utils::IteratorType> iterators(numDims,
                                               utils::IteratorType::parallel);
    iterators.back() = utils::IteratorType::reduction;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, accType, inputs, init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          unsigned next = 2;
          auto shifted = [&](Value element, const ZeroPoint &zp,
                             bool isUnsignedInt) -> Value {
            Value wide = widenToI32(b, l, element, isUnsignedInt);
            Value zero = zp.scalar;
            if (zp.tensor)
              zero = widenToI32(b, l, args[next++], isUnsignedInt);
            return zero ? arith::SubIOp::create(b, l, wide, zero) : wide;
          };
          Value x = shifted(args[0], lhsZero, lhsUnsigned);
          Value y = shifted(args[1], rhsZero, rhsUnsigned);
          Value product = arith::MulIOp::create(b, l, x, y);
          linalg::YieldOp::create(
              b, l,
              arith::AddIOp::create(b, l, args.back(), product).getResult());
        });
    rewriter.replaceOp(op, buildReshape(rewriter, loc, generic.getResult(0),
                                        op.getType().getShape()));
    return success();
  }
};


/// Y[m, n] = sum_k A[m, k] * (code(k, n) - zero_point) * scale, one generic
/// over (m, n, k) with k innermost: the packed bytes of column n are read
/// along k, each byte's nibble picked by k's parity. Scales and zero points
/// are read through affine maps of the block index k / block_size.
struct MatMulNBitsLowering : OpConversionPattern<edge::MatMulNBitsOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::MatMulNBitsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto weightsType = cast<RankedTensorType>(op.getWeights().getType());
    int64_t k = inputType.getDimSize(inputType.getRank() - 1);
    int64_t n = weightsType.getDimSize(0), blocks = weightsType.getDimSize(1);
    int64_t rows = k ? inputType.getNumElements() / k : 0;
    int64_t blockSize = op.getBlockSize();
    int64_t zeroPointStride = (blocks + 1) / 2;
    Type f32 = rewriter.getF32Type();
    Value a = buildReshape(rewriter, loc, adaptor.getInput(), {rows, k});
    Value scales =
        buildReshape(rewriter, loc, adaptor.getScales(), {n * blocks});
    // Loops (m, n, block, byte, half) with k = block * bs + 2 * byte + half:
    // every map is affine without division in the inner loops, and the
    // nibble's shift is the innermost index (0 or 4 bits).
    AffineExpr m = getAffineDimExpr(0, ctx), j = getAffineDimExpr(1, ctx),
               block = getAffineDimExpr(2, ctx),
               byte = getAffineDimExpr(3, ctx), half = getAffineDimExpr(4, ctx);
    SmallVector<Value> inputs = {
        buildReshape(rewriter, loc, a, {rows, blocks, blockSize / 2, 2}),
        adaptor.getWeights(), scales};
    SmallVector<AffineMap> maps = {
        AffineMap::get(5, 0, {m, block, byte, half}, ctx),
        AffineMap::get(5, 0, {j, block, byte}, ctx),
        AffineMap::get(5, 0, {j * blocks + block}, ctx)};
    Value zeroPoints = adaptor.getZeroPoints();
    if (zeroPoints) {
      inputs.push_back(buildReshape(rewriter, loc, zeroPoints,
                                    {n * zeroPointStride}));
      maps.push_back(
          AffineMap::get(5, 0, {j * zeroPointStride + block.floorDiv(2)}, ctx));
    }
    maps.push_back(AffineMap::get(5, 0, {m, j}, ctx));
    auto resultType = RankedTensorType::get({rows, n}, f32);
    Value init = buildFilled(rewriter, loc, resultType,
                             rewriter.getFloatAttr(f32, 0.0));
    using utils::IteratorType;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, inputs, init, maps,
        {IteratorType::parallel, IteratorType::parallel,
         IteratorType::reduction, IteratorType::reduction,
         IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Type i32 = b.getI32Type();
          auto constant = [&](int64_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
          };
          // The nibble of `byte` selected by the parity of `position`.
          auto nibble = [&](Value byteValue, Value position) -> Value {
            Value wide = arith::ExtUIOp::create(b, l, i32, byteValue);
            Value odd = arith::AndIOp::create(
                b, l, arith::IndexCastOp::create(b, l, i32, position),
                constant(1));
            Value shift = arith::MulIOp::create(b, l, odd, constant(4));
            return arith::AndIOp::create(
                b, l, arith::ShRUIOp::create(b, l, wide, shift), constant(15));
          };
          Value code = nibble(args[1], linalg::IndexOp::create(b, l, 4));
          Value zero = constant(8);
          if (zeroPoints)
            zero = nibble(args[3], linalg::IndexOp::create(b, l, 2));
          Value centred = arith::SubIOp::create(b, l, code, zero);
          Value weight = arith::MulFOp::create(
              b, l, arith::SIToFPOp::create(b, l, f32, centred), args[2]);
          Value product = arith::MulFOp::create(b, l, args[0], weight);
          Value sum = createAccumulate(b, l, args.back(), product);
          linalg::YieldOp::create(b, l, sum);
        });
    rewriter.replaceOp(op, buildReshape(rewriter, loc, generic.getResult(0),
                                        op.getType().getShape()));
    return success();
  }
};

} // namespace

void populateQuantPatterns(TypeConverter &converter,
                           RewritePatternSet &patterns) {
  patterns.add<MatMulIntegerLowering, MatMulNBitsLowering>(
      converter, patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
