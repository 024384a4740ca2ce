//===- ApproximateMath.cpp - Polynomial math, no libm calls ---------------===//

#include "edgecc/Codegen/Passes.h"
#include "edgecc/Target/Microkernel.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

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

/// A float32 constant shaped like `type` (a scalar or a splat vector).
Value floatConstant(PatternRewriter &rewriter, Location loc, Type type,
                    float value) {
  Attribute attr = rewriter.getF32FloatAttr(value);
  if (auto vector = dyn_cast<VectorType>(type))
    attr = DenseElementsAttr::get(vector, attr);
  return arith::ConstantOp::create(rewriter, loc, type, cast<TypedAttr>(attr));
}

// Float-to-integer conversions are kept out of the approximations: QEMU 7.2,
// which runs the RVV tests, aborts while translating some blocks with
// `vfcvt.rtz.x.f.v` (it records the rounding-mode change twice), and the
// replacements below cost about what the conversions did.

/// floor(x) by rounding: adding and removing 2^23 with x's sign rounds x to
/// an integer, floats being spaced 1 apart at that magnitude, and one is
/// taken off where that rounded up. Exact for |x| < 2^23; every float beyond
/// that (or NaN) is already its own floor.
struct FloorByRounding : OpRewritePattern<math::FloorOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::FloorOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return failure();
    Location loc = op.getLoc();
    Value x = op.getOperand();
    Value magic = floatConstant(rewriter, loc, type, 8388608.0f);
    Value signedMagic = math::CopySignOp::create(rewriter, loc, magic, x);
    Value rounded = arith::SubFOp::create(
        rewriter, loc, arith::AddFOp::create(rewriter, loc, x, signedMagic),
        signedMagic);
    Value above = arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::OGT,
                                        rounded, x);
    Value floor = arith::SelectOp::create(
        rewriter, loc, above,
        arith::SubFOp::create(rewriter, loc, rounded,
                              floatConstant(rewriter, loc, type, 1.0f)),
        rounded);
    Value small = arith::CmpFOp::create(rewriter, loc,
                                        arith::CmpFPredicate::OLT,
                                        math::AbsFOp::create(rewriter, loc, x),
                                        magic);
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, small, floor, x);
    return success();
  }
};

/// The splat float constant `value` is, if any.
std::optional<float> splatFloat(Value value) {
  FloatAttr scalar;
  if (matchPattern(value, m_Constant(&scalar)))
    return scalar.getValue().convertToFloat();
  DenseElementsAttr splat;
  if (matchPattern(value, m_Constant(&splat)) && splat.isSplat() &&
      splat.getElementType().isF32())
    return splat.getSplatValue<float>();
  return std::nullopt;
}

/// fptosi of a floor clamped by selects to constants within 2^22 (exp's
/// exponent): adding 1.5 * 2^23 moves such an integer into the low bits of
/// the mantissa, so its bits less those of 1.5 * 2^23 are the integer.
struct SmallIntegerToInt : OpRewritePattern<arith::FPToSIOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(arith::FPToSIOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getIn().getType();
    if (!getElementTypeOrSelf(type).isF32() ||
        !getElementTypeOrSelf(op.getType()).isInteger(32))
      return failure();
    bool lower = false, upper = false;
    Value value = op.getIn();
    while (auto select = value.getDefiningOp<arith::SelectOp>()) {
      auto compare = select.getCondition().getDefiningOp<arith::CmpFOp>();
      std::optional<float> bound = splatFloat(select.getFalseValue());
      if (!compare || !bound || std::fabs(*bound) > 4194304.0f ||
          compare.getLhs() != select.getTrueValue() ||
          compare.getRhs() != select.getFalseValue())
        return failure();
      switch (compare.getPredicate()) {
      case arith::CmpFPredicate::UGE:
      case arith::CmpFPredicate::OGE:
        lower = true;
        break;
      case arith::CmpFPredicate::ULE:
      case arith::CmpFPredicate::OLE:
        upper = true;
        break;
      default:
        return failure();
      }
      value = select.getTrueValue();
    }
    if (!lower || !upper || !value.getDefiningOp<math::FloorOp>())
      return failure();
    Location loc = op.getLoc();
    Value shifted = arith::AddFOp::create(
        rewriter, loc, op.getIn(),
        floatConstant(rewriter, loc, type, 12582912.0f));
    Value bits = arith::BitcastOp::create(rewriter, loc, op.getType(), shifted);
    Attribute offset = rewriter.getI32IntegerAttr(0x4B400000);
    if (auto vector = dyn_cast<VectorType>(op.getType()))
      offset = DenseElementsAttr::get(vector, offset);
    rewriter.replaceOpWithNewOp<arith::SubIOp>(
        op, bits,
        arith::ConstantOp::create(rewriter, loc, op.getType(),
                                  cast<TypedAttr>(offset)));
    return success();
  }
};

struct ApproximateMath : public impl::ApproximateMathBase<ApproximateMath> {
  void runOnOperation() override {
    // The polynomials first; then, in order, the patterns that look at what
    // they produced (the exponent's clamped floor) and the floors.
    // AArch64 rounds in one instruction each way (frintm, frintp, frinta,
    // frintn); elsewhere rounding is expanded: without libm (ceilf, roundf,
    // roundevenf) on cores that lack the instructions, and roundeven goes
    // through round.
    bool nativeRounding = targetTriple().starts_with("aarch64");
    RewritePatternSet approximations(&getContext());
    populateMathAlgebraicSimplificationPatterns(approximations);
    if (!nativeRounding)
      math::populateExpansionPatterns(approximations,
                                      {"ceil", "round", "roundeven"});
    // Both the f32 expansions (e.g. tanh via exp) and the polynomials.
    populateMathPolynomialApproximationPatterns(approximations);
    // The polynomials use fma and floor: without an instruction for them
    // (Hexagon, baseline x86-64) LLVM would call fmaf/floorf.
    approximations.add<ContractibleFma>(&getContext());
    RewritePatternSet conversions(&getContext());
    conversions.add<SmallIntegerToInt>(&getContext());
    RewritePatternSet floors(&getContext());
    if (!nativeRounding)
      floors.add<FloorByRounding>(&getContext());
    for (RewritePatternSet *stage : {&approximations, &conversions, &floors})
      if (failed(applyPatternsGreedily(getOperation(), std::move(*stage))))
        return signalPassFailure();
  }

  /// The triple of the module's target, empty if none is set.
  StringRef targetTriple() {
    Operation *op = getOperation();
    auto module = isa<ModuleOp>(op) ? cast<ModuleOp>(op)
                                    : op->getParentOfType<ModuleOp>();
    auto target =
        module ? module->getAttrOfType<DictionaryAttr>(kTargetAttr) : nullptr;
    auto triple = target ? target.getAs<StringAttr>("triple") : nullptr;
    return triple ? triple.getValue() : StringRef();
  }
};

} // namespace
} // namespace edgecc
