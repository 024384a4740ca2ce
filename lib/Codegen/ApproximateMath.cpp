//===- ApproximateMath.cpp - Polynomial math, no libm calls ---------------===//

#include "edgecc/Codegen/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace edgecc {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

/// fma(a, b, c) as a multiply and an add that LLVM may contract: a fused
/// instruction where the CPU has one, never a call to libm's fmaf.
struct ContractibleFma : OpRewritePattern<math::FmaOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::FmaOp op,
                                PatternRewriter &rewriter) const override {
    auto contract = arith::FastMathFlagsAttr::get(
        getContext(), arith::FastMathFlags::contract);
    Value product = arith::MulFOp::create(rewriter, op.getLoc(), op.getA(),
                                          op.getB(), contract);
    rewriter.replaceOpWithNewOp<arith::AddFOp>(op, product, op.getC(),
                                               contract);
    return success();
  }
};

/// floor(x) through an integer round trip: exact for |x| < 2^23, and every
/// float beyond that (or NaN) is already its own floor.
struct FloorByTruncation : OpRewritePattern<math::FloorOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::FloorOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return failure();
    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    if (auto vector = dyn_cast<VectorType>(type))
      i32 = vector.clone(rewriter.getI32Type());
    auto constant = [&](float value) -> Value {
      Attribute attr = rewriter.getF32FloatAttr(value);
      if (auto vector = dyn_cast<VectorType>(type))
        attr = DenseElementsAttr::get(vector, attr);
      return arith::ConstantOp::create(rewriter, loc, type, cast<TypedAttr>(attr));
    };
    Value x = op.getOperand();
    Value truncated = arith::SIToFPOp::create(
        rewriter, loc, type, arith::FPToSIOp::create(rewriter, loc, i32, x));
    Value above = arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::OGT,
                                        truncated, x);
    Value floor = arith::SelectOp::create(
        rewriter, loc, above,
        arith::SubFOp::create(rewriter, loc, truncated, constant(1.0f)),
        truncated);
    Value small = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OLT,
        math::AbsFOp::create(rewriter, loc, x), constant(8388608.0f));
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, small, floor, x);
    return success();
  }
};

struct ApproximateMath : public impl::ApproximateMathBase<ApproximateMath> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathAlgebraicSimplificationPatterns(patterns);
    // Rounding without libm (ceilf, roundevenf) on cores that lack it.
    math::populateExpansionPatterns(patterns, {"ceil", "roundeven"});
    // Both the f32 expansions (e.g. tanh via exp) and the polynomials.
    populateMathPolynomialApproximationPatterns(patterns);
    // The polynomials use floor and fma: without an instruction for them
    // (Hexagon, baseline x86-64) LLVM would call floorf/fmaf.
    patterns.add<ContractibleFma, FloorByTruncation>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace edgecc
