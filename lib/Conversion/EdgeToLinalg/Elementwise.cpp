//===- Elementwise.cpp - Elementwise edge ops to linalg.generic -----------===//
//
// Each elementwise op becomes one broadcasting linalg.generic; the scalar body
// is chosen from the op and its operands' element type (float, signed or
// unsigned integer, bool). Transcendentals stay math ops here: the codegen
// pipeline replaces them with polynomials, never libm calls.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

/// Scalar body of one elementwise op. `op` gives its attributes; `isUnsigned`
/// the meaning of its (signless) integer operands.
using ScalarFn = Value (*)(OpBuilder &, Location, Operation *op, ValueRange,
                           bool isUnsigned);

template <typename EdgeOp>
struct ElementwiseLowering : OpConversionPattern<EdgeOp> {
  ElementwiseLowering(TypeConverter &converter, MLIRContext *ctx,
                      ScalarFn scalar)
      : OpConversionPattern<EdgeOp>(converter, ctx), scalar(scalar) {}

  LogicalResult
  matchAndRewrite(EdgeOp op, typename EdgeOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    bool unsignedOperands = isUnsigned(op->getOperand(op->getNumOperands() - 1).getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), toSignless(resultType), adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return scalar(b, loc, op, args, unsignedOperands);
        });
    rewriter.replaceOp(op, result);
    return success();
  }

  ScalarFn scalar;
};

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

Value constant(OpBuilder &b, Location loc, Type type, double value) {
  if (isa<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  return arith::ConstantOp::create(b, loc,
                                   b.getIntegerAttr(type, (int64_t)value));
}

Value select(OpBuilder &b, Location loc, Value c, Value t, Value f) {
  return arith::SelectOp::create(b, loc, c, t, f);
}

Value cmpf(OpBuilder &b, Location loc, arith::CmpFPredicate p, Value x,
           Value y) {
  return arith::CmpFOp::create(b, loc, p, x, y);
}

Value mulf(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::MulFOp::create(b, loc, x, y);
}

Value addf(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::AddFOp::create(b, loc, x, y);
}

Value divf(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::DivFOp::create(b, loc, x, y);
}

/// max(lo, min(hi, x)) for floats.
Value clampf(OpBuilder &b, Location loc, Value x, double lo, double hi) {
  Type t = x.getType();
  Value low = createMaxF(b, loc, x, constant(b, loc, t, lo));
  return createMinF(b, loc, low, constant(b, loc, t, hi));
}

/// log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|).
Value softplus(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value negAbs = arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x));
  Value tail = math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, negAbs));
  return addf(b, loc, createMaxF(b, loc, x, constant(b, loc, t, 0)),
              tail);
}

float floatAttr(Operation *op, StringRef name) {
  return cast<FloatAttr>(op->getAttr(name)).getValueAsDouble();
}

//===----------------------------------------------------------------------===//
// Binary arithmetic
//===----------------------------------------------------------------------===//

Value scalarAdd(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return createAdd(b, loc, a[0], a[1]);
}

Value scalarSub(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  if (isFloat(a[0]))
    return arith::SubFOp::create(b, loc, a[0], a[1]);
  return arith::SubIOp::create(b, loc, a[0], a[1]);
}

Value scalarMul(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return createMul(b, loc, a[0], a[1]);
}

Value scalarDiv(OpBuilder &b, Location loc, Operation *, ValueRange a,
                bool isUnsigned) {
  if (isFloat(a[0]))
    return divf(b, loc, a[0], a[1]);
  if (isUnsigned)
    return arith::DivUIOp::create(b, loc, a[0], a[1]);
  return arith::DivSIOp::create(b, loc, a[0], a[1]);
}

/// x^y = e^(y ln|x|), negated for a negative base and odd integer exponent,
/// NaN for a negative base and a fractional one; x^0 = 1.
Value powf(OpBuilder &b, Location loc, Value x, Value y) {
  using P = arith::CmpFPredicate;
  Type t = x.getType();
  Value magnitude = math::ExpOp::create(
      b, loc, mulf(b, loc, y, math::LogOp::create(b, loc, math::AbsFOp::create(b, loc, x))));
  Value isInteger = cmpf(b, loc, P::OEQ, math::FloorOp::create(b, loc, y), y);
  Value half = mulf(b, loc, y, constant(b, loc, t, 0.5));
  Value isOdd = arith::AndIOp::create(
      b, loc, isInteger,
      cmpf(b, loc, P::ONE, math::FloorOp::create(b, loc, half), half));
  Value negative = arith::NegFOp::create(b, loc, magnitude);
  Value nan = constant(b, loc, t, std::nan(""));
  Value forNegativeBase =
      select(b, loc, isInteger, select(b, loc, isOdd, negative, magnitude), nan);
  Value result = select(b, loc,
                        cmpf(b, loc, P::OLT, x, constant(b, loc, t, 0)),
                        forNegativeBase, magnitude);
  return select(b, loc, cmpf(b, loc, P::OEQ, y, constant(b, loc, t, 0)),
                constant(b, loc, t, 1), result);
}

Value scalarPow(OpBuilder &b, Location loc, Operation *op, ValueRange a,
                bool isUnsigned) {
  if (isFloat(a[0]))
    return powf(b, loc, a[0], a[1]);
  // Integer powers go through float32 and round back: exact while the
  // result fits float32's 24-bit mantissa, as in the ONNX tests.
  Type f32 = b.getF32Type(), intType = a[0].getType();
  auto toFloat = [&](Value v) -> Value {
    if (isUnsigned)
      return arith::UIToFPOp::create(b, loc, f32, v);
    return arith::SIToFPOp::create(b, loc, f32, v);
  };
  Value p = powf(b, loc, toFloat(a[0]), toFloat(a[1]));
  Value rounded = math::RoundEvenOp::create(b, loc, p);
  if (isUnsigned)
    return arith::FPToUIOp::create(b, loc, intType, rounded);
  return arith::FPToSIOp::create(b, loc, intType, rounded);
}

Value scalarMin(OpBuilder &b, Location loc, Operation *, ValueRange a,
                bool isUnsigned) {
  if (isFloat(a[0]))
    return createMinF(b, loc, a[0], a[1]);
  if (isUnsigned)
    return arith::MinUIOp::create(b, loc, a[0], a[1]);
  return arith::MinSIOp::create(b, loc, a[0], a[1]);
}

Value scalarMax(OpBuilder &b, Location loc, Operation *, ValueRange a,
                bool isUnsigned) {
  if (isFloat(a[0]))
    return createMaxF(b, loc, a[0], a[1]);
  if (isUnsigned)
    return arith::MaxUIOp::create(b, loc, a[0], a[1]);
  return arith::MaxSIOp::create(b, loc, a[0], a[1]);
}

Value scalarAnd(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return arith::AndIOp::create(b, loc, a[0], a[1]);
}

Value scalarOr(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return arith::OrIOp::create(b, loc, a[0], a[1]);
}

Value scalarXor(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return arith::XOrIOp::create(b, loc, a[0], a[1]);
}

//===----------------------------------------------------------------------===//
// Comparisons and selection
//===----------------------------------------------------------------------===//

Value compare(OpBuilder &b, Location loc, ValueRange a, bool isUnsigned,
              arith::CmpFPredicate f, arith::CmpIPredicate s,
              arith::CmpIPredicate u) {
  if (isFloat(a[0]))
    return cmpf(b, loc, f, a[0], a[1]);
  // Bools compare as unsigned (true > false).
  bool unsignedCompare = isUnsigned || a[0].getType().isInteger(1);
  return arith::CmpIOp::create(b, loc, unsignedCompare ? u : s, a[0], a[1]);
}

Value scalarEqual(OpBuilder &b, Location loc, Operation *, ValueRange a,
                  bool isUnsigned) {
  return compare(b, loc, a, isUnsigned, arith::CmpFPredicate::OEQ,
                 arith::CmpIPredicate::eq, arith::CmpIPredicate::eq);
}

Value scalarLess(OpBuilder &b, Location loc, Operation *, ValueRange a,
                 bool isUnsigned) {
  return compare(b, loc, a, isUnsigned, arith::CmpFPredicate::OLT,
                 arith::CmpIPredicate::slt, arith::CmpIPredicate::ult);
}

Value scalarLessEqual(OpBuilder &b, Location loc, Operation *, ValueRange a,
                      bool isUnsigned) {
  return compare(b, loc, a, isUnsigned, arith::CmpFPredicate::OLE,
                 arith::CmpIPredicate::sle, arith::CmpIPredicate::ule);
}

Value scalarGreater(OpBuilder &b, Location loc, Operation *, ValueRange a,
                    bool isUnsigned) {
  return compare(b, loc, a, isUnsigned, arith::CmpFPredicate::OGT,
                 arith::CmpIPredicate::sgt, arith::CmpIPredicate::ugt);
}

Value scalarGreaterEqual(OpBuilder &b, Location loc, Operation *, ValueRange a,
                         bool isUnsigned) {
  return compare(b, loc, a, isUnsigned, arith::CmpFPredicate::OGE,
                 arith::CmpIPredicate::sge, arith::CmpIPredicate::uge);
}

Value scalarWhere(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return select(b, loc, a[0], a[1], a[2]);
}

//===----------------------------------------------------------------------===//
// Unary ops on any element type
//===----------------------------------------------------------------------===//

Value scalarNeg(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  if (isFloat(a[0]))
    return arith::NegFOp::create(b, loc, a[0]);
  return arith::SubIOp::create(b, loc, constant(b, loc, a[0].getType(), 0),
                               a[0]);
}

Value scalarAbs(OpBuilder &b, Location loc, Operation *, ValueRange a,
                bool isUnsigned) {
  if (isFloat(a[0]))
    return math::AbsFOp::create(b, loc, a[0]);
  if (isUnsigned)
    return a[0];
  return math::AbsIOp::create(b, loc, a[0]);
}

Value scalarSign(OpBuilder &b, Location loc, Operation *, ValueRange a,
                 bool isUnsigned) {
  Type t = a[0].getType();
  Value zero = constant(b, loc, t, 0), one = constant(b, loc, t, 1);
  if (isFloat(a[0])) {
    Value minusOne = constant(b, loc, t, -1);
    Value positive = cmpf(b, loc, arith::CmpFPredicate::OGT, a[0], zero);
    Value negative = cmpf(b, loc, arith::CmpFPredicate::OLT, a[0], zero);
    // NaN and zeros come through unchanged.
    return select(b, loc, positive, one,
                  select(b, loc, negative, minusOne, a[0]));
  }
  Value positive = arith::CmpIOp::create(
      b, loc, isUnsigned ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt,
      a[0], zero);
  Value negative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, a[0], zero);
  if (isUnsigned)
    return select(b, loc, positive, one, zero);
  return select(b, loc, positive, one,
                select(b, loc, negative, constant(b, loc, t, -1), zero));
}

Value scalarNot(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return arith::XOrIOp::create(b, loc, a[0],
                               constant(b, loc, a[0].getType(), 1));
}

Value scalarRelu(OpBuilder &b, Location loc, Operation *, ValueRange a,
                 bool isUnsigned) {
  Value zero = constant(b, loc, a[0].getType(), 0);
  if (isFloat(a[0]))
    return createMaxF(b, loc, a[0], zero);
  if (isUnsigned)
    return a[0];
  return arith::MaxSIOp::create(b, loc, a[0], zero);
}

//===----------------------------------------------------------------------===//
// Float math and activations
//===----------------------------------------------------------------------===//

template <typename MathOp>
Value scalarMath(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return MathOp::create(b, loc, a[0]);
}

Value scalarReciprocal(OpBuilder &b, Location loc, Operation *, ValueRange a,
                       bool) {
  return divf(b, loc, constant(b, loc, a[0].getType(), 1), a[0]);
}

Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return divf(b, loc, constant(b, loc, t, 1),
              addf(b, loc, constant(b, loc, t, 1), e));
}

Value scalarSigmoid(OpBuilder &b, Location loc, Operation *, ValueRange a,
                    bool) {
  return sigmoid(b, loc, a[0]);
}

Value scalarSoftplus(OpBuilder &b, Location loc, Operation *, ValueRange a,
                     bool) {
  return softplus(b, loc, a[0]);
}

Value scalarSoftsign(OpBuilder &b, Location loc, Operation *, ValueRange a,
                     bool) {
  Value denominator = addf(b, loc, constant(b, loc, a[0].getType(), 1),
                           math::AbsFOp::create(b, loc, a[0]));
  return divf(b, loc, a[0], denominator);
}

Value scalarMish(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return mulf(b, loc, a[0],
              math::TanhOp::create(b, loc, softplus(b, loc, a[0])));
}

Value scalarHardSwish(OpBuilder &b, Location loc, Operation *, ValueRange a,
                      bool) {
  Type t = a[0].getType();
  Value gate = addf(b, loc, mulf(b, loc, a[0], constant(b, loc, t, 1.0 / 6.0)),
                    constant(b, loc, t, 0.5));
  return mulf(b, loc, a[0], clampf(b, loc, gate, 0, 1));
}

Value scalarLeakyRelu(OpBuilder &b, Location loc, Operation *op, ValueRange a,
                      bool) {
  Type t = a[0].getType();
  Value scaled = mulf(b, loc, a[0], constant(b, loc, t, floatAttr(op, "alpha")));
  Value negative =
      cmpf(b, loc, arith::CmpFPredicate::OLT, a[0], constant(b, loc, t, 0));
  return select(b, loc, negative, scaled, a[0]);
}

/// alpha * (e^x - 1) for x < 0, else x.
Value elu(OpBuilder &b, Location loc, Value x, double alpha,
          arith::CmpFPredicate negative) {
  Type t = x.getType();
  Value expm1 = arith::SubFOp::create(b, loc, math::ExpOp::create(b, loc, x),
                                      constant(b, loc, t, 1));
  Value scaled = mulf(b, loc, expm1, constant(b, loc, t, alpha));
  return select(b, loc, cmpf(b, loc, negative, x, constant(b, loc, t, 0)),
                scaled, x);
}

Value scalarElu(OpBuilder &b, Location loc, Operation *op, ValueRange a,
                bool) {
  return elu(b, loc, a[0], floatAttr(op, "alpha"), arith::CmpFPredicate::OLT);
}

Value scalarSelu(OpBuilder &b, Location loc, Operation *op, ValueRange a,
                 bool) {
  Value inner =
      elu(b, loc, a[0], floatAttr(op, "alpha"), arith::CmpFPredicate::OLE);
  return mulf(b, loc, inner,
              constant(b, loc, a[0].getType(), floatAttr(op, "gamma")));
}

Value scalarHardSigmoid(OpBuilder &b, Location loc, Operation *op,
                        ValueRange a, bool) {
  Type t = a[0].getType();
  Value linear = addf(b, loc,
                      mulf(b, loc, a[0], constant(b, loc, t, floatAttr(op, "alpha"))),
                      constant(b, loc, t, floatAttr(op, "beta")));
  return clampf(b, loc, linear, 0, 1);
}

/// Gelu: x/2 * (1 + erf(x / sqrt 2)), or with tanh_approximation
/// x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))).
Value scalarGelu(OpBuilder &b, Location loc, Operation *op, ValueRange a,
                 bool) {
  Value x = a[0];
  Type t = x.getType();
  Value inner;
  if (cast<BoolAttr>(op->getAttr("tanh_approximation")).getValue()) {
    Value cube = mulf(b, loc, mulf(b, loc, x, x), x);
    Value poly = addf(b, loc, x, mulf(b, loc, cube, constant(b, loc, t, 0.044715)));
    inner = math::TanhOp::create(
        b, loc, mulf(b, loc, poly, constant(b, loc, t, 0.7978845608028654)));
  } else {
    inner = math::ErfOp::create(
        b, loc, mulf(b, loc, x, constant(b, loc, t, 0.7071067811865476)));
  }
  Value half = mulf(b, loc, x, constant(b, loc, t, 0.5));
  return mulf(b, loc, half, addf(b, loc, constant(b, loc, t, 1), inner));
}

/// SiLU: x * sigmoid(x) = x / (1 + e^-x), one exponential and one division.
Value silu(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return divf(b, loc, x, addf(b, loc, constant(b, loc, t, 1), e));
}

Value scalarSilu(OpBuilder &b, Location loc, Operation *, ValueRange a, bool) {
  return silu(b, loc, a[0]);
}

/// SwiGLU's gate: silu(gate) * up.
Value scalarSwiGlu(OpBuilder &b, Location loc, Operation *, ValueRange a,
                   bool) {
  return mulf(b, loc, silu(b, loc, a[0]), a[1]);
}

/// Pow by a constant, splat exponent of 0.5 or a small whole number (as in
/// LayerNorm's x^2 and Gelu's x^3): multiplies or a square root, exact and
/// far cheaper than e^(y ln|x|). Other exponents take the general pattern.
struct ConstantPowLowering : OpConversionPattern<edge::PowOp> {
  ConstantPowLowering(TypeConverter &converter, MLIRContext *ctx)
      : OpConversionPattern<edge::PowOp>(converter, ctx, /*benefit=*/2) {}

  LogicalResult
  matchAndRewrite(edge::PowOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    DenseElementsAttr exponent;
    auto type = cast<RankedTensorType>(op.getType());
    if (!isa<FloatType>(type.getElementType()) ||
        !matchPattern(op.getRhs(), m_Constant(&exponent)) ||
        !exponent.isSplat())
      return failure();
    double y = exponent.getSplatValue<APFloat>().convertToDouble();
    bool small = y == 0.5 || (y >= 1 && y <= 4 && y == std::floor(y));
    if (!small)
      return failure();
    // The result keeps the broadcast shape of both operands.
    Value base = adaptor.getLhs();
    if (cast<RankedTensorType>(base.getType()).getShape() != type.getShape())
      return failure();
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, base,
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          if (y == 0.5)
            return math::SqrtOp::create(b, loc, args[0]);
          Value power = args[0];
          for (int i = 1; i < (int)y; ++i)
            power = mulf(b, loc, power, args[0]);
          return power;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

/// Converts one scalar between any two edge element types; `from` and `to`
/// keep the signedness that the signless values lost.
Value castScalar(OpBuilder &b, Location loc, Value x, Type from, Type to) {
  Type target = to;
  if (auto integer = dyn_cast<IntegerType>(to))
    target = b.getIntegerType(integer.getWidth());
  if (x.getType() == target)
    return x;
  bool fromUnsigned = from.isUnsignedInteger() || from.isInteger(1);
  if (target.isInteger(1)) {
    if (isFloat(x))
      return cmpf(b, loc, arith::CmpFPredicate::UNE, x,
                  constant(b, loc, x.getType(), 0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                 constant(b, loc, x.getType(), 0));
  }
  if (isFloat(x)) {
    if (isa<FloatType>(target))
      return arith::TruncFOp::create(b, loc, target, x);
    if (to.isUnsignedInteger())
      return arith::FPToUIOp::create(b, loc, target, x);
    return arith::FPToSIOp::create(b, loc, target, x);
  }
  if (isa<FloatType>(target)) {
    if (fromUnsigned)
      return arith::UIToFPOp::create(b, loc, target, x);
    return arith::SIToFPOp::create(b, loc, target, x);
  }
  unsigned fromWidth = x.getType().getIntOrFloatBitWidth();
  unsigned toWidth = target.getIntOrFloatBitWidth();
  if (toWidth < fromWidth)
    return arith::TruncIOp::create(b, loc, target, x);
  if (fromUnsigned)
    return arith::ExtUIOp::create(b, loc, target, x);
  return arith::ExtSIOp::create(b, loc, target, x);
}

struct CastLowering : OpConversionPattern<edge::CastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type from = op.getInput().getType().getElementType();
    Type to = op.getType().getElementType();
    Value result = buildElementwise(
        rewriter, op.getLoc(), toSignless(op.getType()), adaptor.getInput(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return castScalar(b, loc, args[0], from, to);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateElementwisePatterns(TypeConverter &converter,
                                 RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
#define EDGE_ELEMENTWISE(OP, FN)                                               \
  patterns.add<ElementwiseLowering<edge::OP>>(converter, ctx, FN);
  EDGE_ELEMENTWISE(AddOp, scalarAdd)
  EDGE_ELEMENTWISE(SubOp, scalarSub)
  EDGE_ELEMENTWISE(MulOp, scalarMul)
  EDGE_ELEMENTWISE(DivOp, scalarDiv)
  EDGE_ELEMENTWISE(PowOp, scalarPow)
  EDGE_ELEMENTWISE(MinOp, scalarMin)
  EDGE_ELEMENTWISE(MaxOp, scalarMax)
  EDGE_ELEMENTWISE(AndOp, scalarAnd)
  EDGE_ELEMENTWISE(OrOp, scalarOr)
  EDGE_ELEMENTWISE(XorOp, scalarXor)
  EDGE_ELEMENTWISE(EqualOp, scalarEqual)
  EDGE_ELEMENTWISE(LessOp, scalarLess)
  EDGE_ELEMENTWISE(LessEqualOp, scalarLessEqual)
  EDGE_ELEMENTWISE(GreaterOp, scalarGreater)
  EDGE_ELEMENTWISE(GreaterEqualOp, scalarGreaterEqual)
  EDGE_ELEMENTWISE(WhereOp, scalarWhere)
  EDGE_ELEMENTWISE(NegOp, scalarNeg)
  EDGE_ELEMENTWISE(AbsOp, scalarAbs)
  EDGE_ELEMENTWISE(SignOp, scalarSign)
  EDGE_ELEMENTWISE(NotOp, scalarNot)
  EDGE_ELEMENTWISE(ReluOp, scalarRelu)
  EDGE_ELEMENTWISE(ExpOp, scalarMath<math::ExpOp>)
  EDGE_ELEMENTWISE(LogOp, scalarMath<math::LogOp>)
  EDGE_ELEMENTWISE(SqrtOp, scalarMath<math::SqrtOp>)
  EDGE_ELEMENTWISE(TanhOp, scalarMath<math::TanhOp>)
  EDGE_ELEMENTWISE(ErfOp, scalarMath<math::ErfOp>)
  EDGE_ELEMENTWISE(SinOp, scalarMath<math::SinOp>)
  EDGE_ELEMENTWISE(CosOp, scalarMath<math::CosOp>)
  EDGE_ELEMENTWISE(FloorOp, scalarMath<math::FloorOp>)
  EDGE_ELEMENTWISE(CeilOp, scalarMath<math::CeilOp>)
  EDGE_ELEMENTWISE(RoundOp, scalarMath<math::RoundEvenOp>)
  EDGE_ELEMENTWISE(ReciprocalOp, scalarReciprocal)
  EDGE_ELEMENTWISE(SigmoidOp, scalarSigmoid)
  EDGE_ELEMENTWISE(SoftplusOp, scalarSoftplus)
  EDGE_ELEMENTWISE(SoftsignOp, scalarSoftsign)
  EDGE_ELEMENTWISE(MishOp, scalarMish)
  EDGE_ELEMENTWISE(HardSwishOp, scalarHardSwish)
  EDGE_ELEMENTWISE(LeakyReluOp, scalarLeakyRelu)
  EDGE_ELEMENTWISE(EluOp, scalarElu)
  EDGE_ELEMENTWISE(SeluOp, scalarSelu)
  EDGE_ELEMENTWISE(HardSigmoidOp, scalarHardSigmoid)
  EDGE_ELEMENTWISE(GeluOp, scalarGelu)
  EDGE_ELEMENTWISE(SiluOp, scalarSilu)
  EDGE_ELEMENTWISE(SwiGluOp, scalarSwiGlu)
#undef EDGE_ELEMENTWISE
  patterns.add<CastLowering, ConstantPowLowering>(converter, ctx);
}

} // namespace edgecc::edge_to_linalg
