//===- MatMul.cpp - MatMul and Gemm to linalg contractions ----------------===//
//
// Plain 2-D products become linalg.matmul and same-batch products
// linalg.batch_matmul (named ops: what tiling and the target microkernels
// match); everything else (broadcast batches, transposed Gemm operands) is a
// linalg.generic contraction with the right indexing maps, never an explicit
// transpose or broadcast copy.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

/// A linalg.generic computing init += lhs * rhs over `numDims` loops, the last
/// one the reduction.
Value buildContraction(OpBuilder &b, Location loc, Value lhs, Value rhs,
                       Value init, unsigned numDims, AffineMap lhsMap,
                       AffineMap rhsMap, AffineMap outMap) {
  SmallVector<utils::IteratorType> iterators(numDims,
                                             utils::IteratorType::parallel);
  iterators.back() = utils::IteratorType::reduction;
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{lhs, rhs}, init,
      ArrayRef<AffineMap>{lhsMap, rhsMap, outMap}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value product = createMul(nb, nloc, args[0], args[1]);
        linalg::YieldOp::create(nb, nloc, createAdd(nb, nloc, args[2], product));
      });
  return generic.getResult(0);
}

Value zeroFilled(OpBuilder &b, Location loc, RankedTensorType type) {
  return buildFilled(b, loc, type, b.getZeroAttr(type.getElementType()));
}

int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

struct MatMulLowering : OpConversionPattern<edge::MatMulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    auto lhsType = cast<RankedTensorType>(lhs.getType());
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    Type element = lhsType.getElementType();

    // numpy promotes 1-D operands to matrices and drops the added dim after.
    if (lhsType.getRank() == 1)
      lhs = buildReshape(rewriter, loc, lhs, {1, lhsType.getDimSize(0)});
    if (rhsType.getRank() == 1)
      rhs = buildReshape(rewriter, loc, rhs, {rhsType.getDimSize(0), 1});
    ArrayRef<int64_t> a = cast<RankedTensorType>(lhs.getType()).getShape();
    ArrayRef<int64_t> bs = cast<RankedTensorType>(rhs.getType()).getShape();
    int64_t m = a[a.size() - 2], k = a.back(), n = bs.back();
    ArrayRef<int64_t> lhsBatch = a.drop_back(2), rhsBatch = bs.drop_back(2);
    SmallVector<int64_t> batch = broadcastBatch(lhsBatch, rhsBatch);
    SmallVector<int64_t> fullShape(batch);
    fullShape.append({m, n});
    int64_t batchSize = product(batch);

    Value result;
    if (rhsBatch.empty()) {
      // [batch..., M, K] x [K, N]: one matmul over batch*M rows.
      Value flatLhs = buildReshape(rewriter, loc, lhs, {batchSize * m, k});
      Value init = zeroFilled(
          rewriter, loc, RankedTensorType::get({batchSize * m, n}, element));
      result = linalg::MatmulOp::create(rewriter, loc, ValueRange{flatLhs, rhs},
                                        init)
                   .getResult(0);
    } else if (lhsBatch == ArrayRef<int64_t>(batch) &&
               rhsBatch == ArrayRef<int64_t>(batch)) {
      Value l3 = buildReshape(rewriter, loc, lhs, {batchSize, m, k});
      Value r3 = buildReshape(rewriter, loc, rhs, {batchSize, k, n});
      Value init = zeroFilled(
          rewriter, loc, RankedTensorType::get({batchSize, m, n}, element));
      result = linalg::BatchMatmulOp::create(rewriter, loc, ValueRange{l3, r3},
                                             init)
                   .getResult(0);
    } else {
      // Broadcast batches: loops (batch..., m, n, k).
      MLIRContext *ctx = rewriter.getContext();
      unsigned nb = batch.size(), numDims = nb + 3;
      auto operandMap = [&](ArrayRef<int64_t> operandBatch, unsigned row,
                            unsigned col) {
        return batchedOperandMap(ctx, batch, operandBatch, row, col);
      };
      SmallVector<AffineExpr> outExprs;
      for (unsigned i = 0; i < nb + 2; ++i)
        outExprs.push_back(getAffineDimExpr(i, ctx));
      Value init =
          zeroFilled(rewriter, loc, RankedTensorType::get(fullShape, element));
      result = buildContraction(
          rewriter, loc, lhs, rhs, init, numDims,
          operandMap(lhsBatch, nb, nb + 2), operandMap(rhsBatch, nb + 2, nb + 1),
          AffineMap::get(numDims, 0, outExprs, ctx));
    }
    auto resultType = toSignless(cast<RankedTensorType>(op.getType()));
    rewriter.replaceOp(
        op, buildReshape(rewriter, loc, result, resultType.getShape()));
    return success();
  }
};

struct GemmLowering : OpConversionPattern<edge::GemmOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = toSignless(cast<RankedTensorType>(op.getType()));
    Type element = resultType.getElementType();
    if (!isa<FloatType>(element) &&
        (op.getAlpha().convertToFloat() != 1.0f ||
         op.getBeta().convertToFloat() != 1.0f))
      return rewriter.notifyMatchFailure(op, "integer gemm with alpha/beta");
    float alpha = op.getAlpha().convertToFloat();
    float beta = op.getBeta().convertToFloat();

    // The accumulator starts as beta * C broadcast to [M, N], or zero.
    Value init;
    if (adaptor.getC() && beta != 0.0f) {
      init = buildElementwise(
          rewriter, loc, resultType, adaptor.getC(),
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            if (beta == 1.0f)
              return args[0];
            Value scale = arith::ConstantOp::create(
                b, l, b.getFloatAttr(element, beta));
            return arith::MulFOp::create(b, l, args[0], scale);
          });
    }
    // With alpha != 1 the product is scaled before the accumulator is added.
    bool accumulate = init && alpha == 1.0f;
    Value productInit =
        accumulate ? init : zeroFilled(rewriter, loc, resultType);

    Value product;
    if (!op.getTransA() && !op.getTransB()) {
      product = linalg::MatmulOp::create(
                    rewriter, loc, ValueRange{adaptor.getA(), adaptor.getB()},
                    productInit)
                    .getResult(0);
    } else {
      MLIRContext *ctx = rewriter.getContext();
      AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
                 k = getAffineDimExpr(2, ctx);
      auto map = [&](AffineExpr r, AffineExpr c) {
        return AffineMap::get(3, 0, {r, c}, ctx);
      };
      product = buildContraction(
          rewriter, loc, adaptor.getA(), adaptor.getB(), productInit, 3,
          op.getTransA() ? map(k, m) : map(m, k),
          op.getTransB() ? map(n, k) : map(k, n), map(m, n));
    }

    Value result = product;
    if (!accumulate && alpha != 1.0f) {
      SmallVector<Value> inputs = {product};
      if (init)
        inputs.push_back(init);
      result = buildElementwise(
          rewriter, loc, resultType, inputs,
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value scale = arith::ConstantOp::create(
                b, l, b.getFloatAttr(element, alpha));
            Value scaled = arith::MulFOp::create(b, l, args[0], scale);
            return args.size() > 1 ? arith::AddFOp::create(b, l, scaled, args[1])
                                   : scaled;
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateMatMulPatterns(TypeConverter &converter,
                            RewritePatternSet &patterns) {
  patterns.add<MatMulLowering, GemmLowering>(converter, patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
