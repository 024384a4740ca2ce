//===- Quant.cpp - Integer (quantized) contractions to linalg -------------===//
//
// edge.matmul_integer with a 2-D rhs (lhs batches folded into rows), a
// per-tensor lhs zero point and a per-tensor or per-column rhs zero point --
// every form the importer and the quantization passes produce -- becomes a
// signed int8 x int8 -> int32 linalg.matmul, which the integer microkernel
// matches (lib/Codegen/PackIntegerMatmulWeights.cpp), and an elementwise
// correction that keeps the zero points out of the M*N*K loop:
//   sum_k (a - za)(b - zb[n]) = sum_k a*b - zb[n]*(rowsum(a)[m] - K*za)
//                               - za*colsum(b)[n]
// A uint8 operand becomes int8 by a ^ 0x80 (= a - 128) with its zero point
// lowered by 128; colsum(b) of constant weights is computed here, at compile
// time, and rowsum(a) only when some zb is not zero.
//
// Other forms (per-row lhs zero points, batched rhs) stay one linalg.generic
// contraction over (batch..., m, n, k) that widens each 8-bit element to
// int32 by its operand's signedness (the type converter made ui8 signless,
// so the edge types decide extui or extsi) and subtracts its zero point
// inside the loop. Broadcast batches and per-row/per-column zero points are
// indexing maps, never copies.
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

/// An int32 constant scalar.
Value i32Constant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(value));
}

/// x ^ 0x80 on every byte: uint8 read as int8 minus 128.
Value flipSignBit(OpBuilder &b, Location loc, Value bytes) {
  return buildElementwise(
      b, loc, tensorType(bytes), bytes,
      [](OpBuilder &nb, Location l, ValueRange args) -> Value {
        Value signBit = arith::ConstantOp::create(
            nb, l, nb.getIntegerAttr(nb.getI8Type(), 0x80));
        return arith::XOrIOp::create(nb, l, args[0], signBit);
      });
}

/// Whether a zero point of `zeroPointType` holds one value per column of an
/// [K, N] rhs ([N] or [1, N]).
bool isPerColumn(RankedTensorType zeroPointType, int64_t n) {
  ArrayRef<int64_t> shape = zeroPointType.getShape();
  return !shape.empty() && shape.back() == n &&
         llvm::all_of(shape.drop_back(), [](int64_t d) { return d == 1; });
}

/// The fast form of the file header: lhs [.., M, K] x rhs [K, N] with a
/// one-element lhs zero point. Fails (creating nothing) on other forms.
FailureOr<Value> lowerToSignedMatmul(OpBuilder &b, Location loc,
                                     edge::MatMulIntegerOp op, Value lhs,
                                     Value rhs, Value lhsZeroPoint,
                                     Value rhsZeroPoint) {
  RankedTensorType lhsType = tensorType(lhs), rhsType = tensorType(rhs);
  if (rhsType.getRank() != 2 || !lhsType.hasStaticShape() ||
      !rhsType.hasStaticShape())
    return failure();
  int64_t k = rhsType.getDimSize(0), n = rhsType.getDimSize(1);
  int64_t m = k ? lhsType.getNumElements() / k : 0;
  bool lhsUnsigned = isUnsigned(op.getLhs().getType());
  bool rhsUnsigned = isUnsigned(op.getRhs().getType());
  bool lhsZero = isZeroConstant(op.getLhsZeroPoint());
  bool rhsZero = isZeroConstant(op.getRhsZeroPoint());
  RankedTensorType lhsZeroType = tensorType(lhsZeroPoint);
  RankedTensorType rhsZeroType = tensorType(rhsZeroPoint);
  bool rhsPerColumn =
      !rhsZero && rhsZeroType.getNumElements() != 1 && n != 1;
  if ((!lhsZero && lhsZeroType.getNumElements() != 1) ||
      (rhsPerColumn && !isPerColumn(rhsZeroType, n)) || m == 0 || n == 0)
    return failure();

  Type i32 = b.getI32Type();
  auto scalarOf = [&](Value zeroPoint, bool isUnsignedInt) -> Value {
    RankedTensorType type = tensorType(zeroPoint);
    SmallVector<Value> indices(type.getRank(),
                               arith::ConstantIndexOp::create(b, loc, 0));
    Value element = tensor::ExtractOp::create(b, loc, zeroPoint, indices);
    return widenToI32(b, loc, element, isUnsignedInt);
  };
  // Zero points in the signed domain (nullptr: zero). A constant lhs zero
  // point is shifted now: uint8 activations centred on 128 (a common static
  // choice) then need no column sums at all.
  Value za;
  DenseElementsAttr lhsZeroValue;
  if (matchPattern(op.getLhsZeroPoint(), m_Constant(&lhsZeroValue))) {
    APInt value = *lhsZeroValue.getValues<APInt>().begin();
    int64_t shifted = lhsUnsigned ? int64_t(value.getZExtValue()) - 128
                                  : value.getSExtValue();
    if (shifted)
      za = i32Constant(b, loc, shifted);
  } else {
    za = scalarOf(lhsZeroPoint, lhsUnsigned);
    if (lhsUnsigned)
      za = arith::SubIOp::create(b, loc, za, i32Constant(b, loc, 128));
  }
  Value zbScalar, zbColumns;
  if (rhsPerColumn)
    zbColumns = buildReshape(b, loc, rhsZeroPoint, {n});
  else if (!rhsZero)
    zbScalar = scalarOf(rhsZeroPoint, rhsUnsigned);
  if (rhsUnsigned && !rhsPerColumn)
    zbScalar = zbScalar ? arith::SubIOp::create(b, loc, zbScalar,
                                                i32Constant(b, loc, 128))
                              .getResult()
                        : i32Constant(b, loc, -128);

  Value a = buildReshape(b, loc, lhs, {m, k});
  if (lhsUnsigned)
    a = flipSignBit(b, loc, a);

  // Constant weights: signed codes and column sums now.
  Value signedB, columnSums;
  DenseElementsAttr weights;
  if (matchPattern(op.getRhs(), m_Constant(&weights))) {
    SmallVector<int8_t> codes;
    SmallVector<int32_t> sums(n, 0);
    codes.reserve(k * n);
    int64_t index = 0;
    for (const APInt &code : weights.getValues<APInt>()) {
      int64_t value = rhsUnsigned ? int64_t(code.getZExtValue()) - 128
                                  : code.getSExtValue();
      codes.push_back(int8_t(value));
      sums[index++ % n] += int32_t(value);
    }
    auto i8Type = RankedTensorType::get({k, n}, b.getI8Type());
    signedB = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(i8Type, ArrayRef<int8_t>(codes)));
    if (za)
      columnSums = arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(RankedTensorType::get({n}, i32),
                                 ArrayRef<int32_t>(sums)));
  } else {
    signedB = rhsUnsigned ? flipSignBit(b, loc, rhs) : rhs;
    if (za)
      columnSums = buildReduction(
          b, loc, signedB, {0}, b.getI32IntegerAttr(0),
          [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
            return arith::AddIOp::create(
                nb, l, args[0], arith::ExtSIOp::create(nb, l, i32, args[1]));
          });
  }

  auto accType = RankedTensorType::get({m, n}, i32);
  Value init = buildFilled(b, loc, accType, b.getI32IntegerAttr(0));
  Value product =
      linalg::MatmulOp::create(b, loc, ValueRange{a, signedB}, init)
          .getResult(0);
  if (!za && !zbScalar && !zbColumns)
    return product;

  // The correction, elementwise over the result's own shape (rows by
  // batch..., m): no reshape then separates it from the consumer it fuses
  // with (the float rescale of a quantized model).
  ArrayRef<int64_t> resultShape = op.getType().getShape();
  SmallVector<int64_t> shape(resultShape);
  if (shape.size() < 2)
    shape.assign({m, n});
  unsigned rank = shape.size();
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineExpr> rowDims;
  for (unsigned d = 0; d + 1 < rank; ++d)
    rowDims.push_back(getAffineDimExpr(d, ctx));
  AffineExpr column = getAffineDimExpr(rank - 1, ctx);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, ctx);
  auto resultType = RankedTensorType::get(shape, i32);
  SmallVector<Value> inputs = {buildReshape(b, loc, product, shape)};
  SmallVector<AffineMap> maps = {identity};
  bool hasZb = zbScalar || zbColumns;
  if (hasZb) {
    Value rowSums = buildReduction(
        b, loc, a, {1}, b.getI32IntegerAttr(0),
        [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
          return arith::AddIOp::create(
              nb, l, args[0], arith::ExtSIOp::create(nb, l, i32, args[1]));
        });
    inputs.push_back(
        buildReshape(b, loc, rowSums, ArrayRef<int64_t>(shape).drop_back()));
    maps.push_back(AffineMap::get(rank, 0, rowDims, ctx));
  }
  if (zbColumns) {
    inputs.push_back(zbColumns);
    maps.push_back(AffineMap::get(rank, 0, {column}, ctx));
  }
  if (columnSums) {
    inputs.push_back(columnSums);
    maps.push_back(AffineMap::get(rank, 0, {column}, ctx));
  }
  maps.push_back(identity);
  Value kTimesZa =
      za ? arith::MulIOp::create(b, loc, za, i32Constant(b, loc, k)).getResult()
         : Value();
  Value out = tensor::EmptyOp::create(b, loc, shape, i32);
  return linalg::GenericOp::create(
             b, loc, resultType, inputs, out, maps,
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value result = args[0];
               unsigned next = 1;
               if (hasZb) {
                 Value rowSum = args[next++];
                 Value zb = zbColumns ? widenToI32(nb, l, args[next++],
                                                   rhsUnsigned)
                                      : zbScalar;
                 if (zbColumns && rhsUnsigned)
                   zb = arith::SubIOp::create(nb, l, zb,
                                              i32Constant(nb, l, 128));
                 if (kTimesZa)
                   rowSum = arith::SubIOp::create(nb, l, rowSum, kTimesZa);
                 result = arith::SubIOp::create(
                     nb, l, result, arith::MulIOp::create(nb, l, zb, rowSum));
               }
               if (columnSums)
                 result = arith::SubIOp::create(
                     nb, l, result,
                     arith::MulIOp::create(nb, l, za, args[next++]));
               linalg::YieldOp::create(nb, l, result);
             })
      .getResult(0);
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
    FailureOr<Value> signedProduct =
        lowerToSignedMatmul(rewriter, loc, op, lhs, rhs,
                            adaptor.getLhsZeroPoint(),
                            adaptor.getRhsZeroPoint());
    if (succeeded(signedProduct)) {
      rewriter.replaceOp(op, buildReshape(rewriter, loc, *signedProduct,
                                          op.getType().getShape()));
      return success();
    }

    ArrayRef<int64_t> a = tensorType(lhs).getShape();
    ArrayRef<int64_t> bs = tensorType(rhs).getShape();
    int64_t m = a[a.size() - 2], n = bs.back();
    ArrayRef<int64_t> lhsBatch = a.drop_back(2), rhsBatch = bs.drop_back(2);
    SmallVector<int64_t> batch = broadcastBatch(lhsBatch, rhsBatch);
    size_t nb = batch.size();

    // Loops (batch..., m, n, k); an operand of batch dim 1 against a wider
    // batch reads its only slice.
    unsigned numDims = nb + 3;
    auto operandMap = [&](ArrayRef<int64_t> operandBatch, unsigned row,
                          unsigned col) {
      return batchedOperandMap(ctx, batch, operandBatch, row, col);
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


} // namespace

void populateQuantPatterns(TypeConverter &converter,
                           RewritePatternSet &patterns) {
  patterns.add<MatMulIntegerLowering>(converter, patterns.getContext());
  populateQuantNBitsPatterns(converter, patterns);
}

} // namespace edgecc::edge_to_linalg
