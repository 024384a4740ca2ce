//===- ElementwiseOps.cpp - Types and folds of the elementwise ops --------===//

#include "Folding.h"
#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/APSInt.h"

using namespace mlir;
using namespace edgecc::edge;

namespace {

using IntFn = function_ref<std::optional<APInt>(const APInt &, const APInt &,
                                                bool isUnsigned)>;
using FloatFn =
    function_ref<std::optional<APFloat>(const APFloat &, const APFloat &)>;

/// Folds a binary op whose operands are both constants.
OpFoldResult foldBinary(Operation *op, ArrayRef<Attribute> operands,
                        IntFn intFn, FloatFn floatFn) {
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  Type operandElement =
      cast<RankedTensorType>(op->getOperand(0).getType()).getElementType();
  Type resultElement = resultType.getElementType();
  bool isUnsigned = operandElement.isUnsignedInteger();
  return foldElementwise(operands, resultType, [&](ArrayRef<Attribute> e)
                                                   -> Attribute {
    if (auto l = dyn_cast<FloatAttr>(e[0])) {
      if (!floatFn)
        return {};
      auto r = floatFn(l.getValue(), cast<FloatAttr>(e[1]).getValue());
      if (!r)
        return {};
      if (auto intType = dyn_cast<IntegerType>(resultElement))
        return IntegerAttr::get(intType, r->isZero() ? 0 : 1);
      return FloatAttr::get(resultElement, *r);
    }
    if (!intFn)
      return {};
    auto r = intFn(cast<IntegerAttr>(e[0]).getValue(),
                   cast<IntegerAttr>(e[1]).getValue(), isUnsigned);
    if (!r)
      return {};
    return IntegerAttr::get(resultElement, *r);
  });
}

std::optional<APInt> boolInt(bool value) { return APInt(1, value ? 1 : 0); }
std::optional<APFloat> boolFloat(bool value) {
  return APFloat(value ? 1.0f : 0.0f);
}

} // namespace

//===----------------------------------------------------------------------===//
// Type inference
//===----------------------------------------------------------------------===//

#define EDGE_BINARY_INFERENCE(OP, INFER)                                       \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    auto type = INFER(adaptor.getLhs().getType(), adaptor.getRhs().getType(),  \
                      loc);                                                    \
    if (failed(type))                                                          \
      return failure();                                                        \
    types.push_back(*type);                                                    \
    return success();                                                          \
  }
EDGE_BINARY_INFERENCE(AddOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(SubOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(MulOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(DivOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(PowOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(MinOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(MaxOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(AndOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(OrOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(XorOp, inferElementwiseType)
EDGE_BINARY_INFERENCE(EqualOp, inferCompareType)
EDGE_BINARY_INFERENCE(LessOp, inferCompareType)
EDGE_BINARY_INFERENCE(LessEqualOp, inferCompareType)
EDGE_BINARY_INFERENCE(GreaterOp, inferCompareType)
EDGE_BINARY_INFERENCE(GreaterEqualOp, inferCompareType)
#undef EDGE_BINARY_INFERENCE

#define EDGE_SAME_TYPE_INFERENCE(OP)                                           \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location>,  \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    types.push_back(adaptor.getInput().getType());                             \
    return success();                                                          \
  }
EDGE_SAME_TYPE_INFERENCE(NegOp)
EDGE_SAME_TYPE_INFERENCE(AbsOp)
EDGE_SAME_TYPE_INFERENCE(SignOp)
EDGE_SAME_TYPE_INFERENCE(NotOp)
EDGE_SAME_TYPE_INFERENCE(ReluOp)
EDGE_SAME_TYPE_INFERENCE(ExpOp)
EDGE_SAME_TYPE_INFERENCE(LogOp)
EDGE_SAME_TYPE_INFERENCE(SqrtOp)
EDGE_SAME_TYPE_INFERENCE(ReciprocalOp)
EDGE_SAME_TYPE_INFERENCE(TanhOp)
EDGE_SAME_TYPE_INFERENCE(SigmoidOp)
EDGE_SAME_TYPE_INFERENCE(ErfOp)
EDGE_SAME_TYPE_INFERENCE(SinOp)
EDGE_SAME_TYPE_INFERENCE(CosOp)
EDGE_SAME_TYPE_INFERENCE(FloorOp)
EDGE_SAME_TYPE_INFERENCE(CeilOp)
EDGE_SAME_TYPE_INFERENCE(RoundOp)
EDGE_SAME_TYPE_INFERENCE(SoftplusOp)
EDGE_SAME_TYPE_INFERENCE(SoftsignOp)
EDGE_SAME_TYPE_INFERENCE(MishOp)
EDGE_SAME_TYPE_INFERENCE(HardSwishOp)
EDGE_SAME_TYPE_INFERENCE(LeakyReluOp)
EDGE_SAME_TYPE_INFERENCE(EluOp)
EDGE_SAME_TYPE_INFERENCE(SeluOp)
EDGE_SAME_TYPE_INFERENCE(HardSigmoidOp)
EDGE_SAME_TYPE_INFERENCE(GeluOp)
EDGE_SAME_TYPE_INFERENCE(SiluOp)
#undef EDGE_SAME_TYPE_INFERENCE

LogicalResult SwiGluOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto type = inferElementwiseType(adaptor.getGate().getType(),
                                   adaptor.getUp().getType(), loc);
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

LogicalResult WhereOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto type = inferWhereType(adaptor.getCondition().getType(),
                             adaptor.getX().getType(),
                             adaptor.getY().getType(), loc);
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

LogicalResult CastOp::verify() {
  if (getInput().getType().getShape() != getType().getShape())
    return emitOpError("changes the shape");
  return success();
}

//===----------------------------------------------------------------------===//
// Folds (integer shape arithmetic, mostly)
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a + b;
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a + b;
      });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a - b;
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a - b;
      });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a * b;
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a * b;
      });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b,
         bool isUnsigned) -> std::optional<APInt> {
        if (b.isZero())
          return std::nullopt;
        return isUnsigned ? a.udiv(b) : a.sdiv(b);
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a / b;
      });
}

OpFoldResult PowOp::fold(FoldAdaptor) { return {}; }

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b,
         bool isUnsigned) -> std::optional<APInt> {
        return (isUnsigned ? a.ult(b) : a.slt(b)) ? a : b;
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return minimum(a, b);
      });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b,
         bool isUnsigned) -> std::optional<APInt> {
        return (isUnsigned ? a.ugt(b) : a.sgt(b)) ? a : b;
      },
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return maximum(a, b);
      });
}

OpFoldResult AndOp::fold(FoldAdaptor adaptor) {
  return foldBinary(*this, adaptor.getOperands(),
                    [](const APInt &a, const APInt &b, bool) {
                      return std::optional<APInt>(a & b);
                    },
                    nullptr);
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  return foldBinary(*this, adaptor.getOperands(),
                    [](const APInt &a, const APInt &b, bool) {
                      return std::optional<APInt>(a | b);
                    },
                    nullptr);
}

OpFoldResult XorOp::fold(FoldAdaptor adaptor) {
  return foldBinary(*this, adaptor.getOperands(),
                    [](const APInt &a, const APInt &b, bool) {
                      return std::optional<APInt>(a ^ b);
                    },
                    nullptr);
}

OpFoldResult EqualOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b, bool) { return boolInt(a == b); },
      [](const APFloat &a, const APFloat &b) {
        return boolFloat(a.compare(b) == APFloat::cmpEqual);
      });
}

OpFoldResult LessOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b, bool isUnsigned) {
        return boolInt(isUnsigned ? a.ult(b) : a.slt(b));
      },
      [](const APFloat &a, const APFloat &b) {
        return boolFloat(a.compare(b) == APFloat::cmpLessThan);
      });
}

OpFoldResult LessEqualOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b, bool isUnsigned) {
        return boolInt(isUnsigned ? a.ule(b) : a.sle(b));
      },
      [](const APFloat &a, const APFloat &b) {
        auto c = a.compare(b);
        return boolFloat(c == APFloat::cmpLessThan || c == APFloat::cmpEqual);
      });
}

OpFoldResult GreaterOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b, bool isUnsigned) {
        return boolInt(isUnsigned ? a.ugt(b) : a.sgt(b));
      },
      [](const APFloat &a, const APFloat &b) {
        return boolFloat(a.compare(b) == APFloat::cmpGreaterThan);
      });
}

OpFoldResult GreaterEqualOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APInt &a, const APInt &b, bool isUnsigned) {
        return boolInt(isUnsigned ? a.uge(b) : a.sge(b));
      },
      [](const APFloat &a, const APFloat &b) {
        auto c = a.compare(b);
        return boolFloat(c == APFloat::cmpGreaterThan ||
                         c == APFloat::cmpEqual);
      });
}

OpFoldResult WhereOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(adaptor.getOperands(), getType(),
                         [](ArrayRef<Attribute> e) -> Attribute {
                           bool c = cast<IntegerAttr>(e[0]).getValue().getBoolValue();
                           return c ? e[1] : e[2];
                         });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(adaptor.getOperands(), getType(),
                         [](ArrayRef<Attribute> e) -> Attribute {
                           if (auto f = dyn_cast<FloatAttr>(e[0]))
                             return FloatAttr::get(f.getType(),
                                                   -f.getValue());
                           auto i = cast<IntegerAttr>(e[0]);
                           return IntegerAttr::get(i.getType(), -i.getValue());
                         });
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  Type from = getInput().getType().getElementType();
  Type to = getType().getElementType();
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [&](ArrayRef<Attribute> e) -> Attribute {
        if (auto f = dyn_cast<FloatAttr>(e[0])) {
          if (isa<FloatType>(to))
            return FloatAttr::get(to, f.getValueAsDouble());
          auto intType = cast<IntegerType>(to);
          if (intType.getWidth() == 1)
            return IntegerAttr::get(to, !f.getValue().isZero());
          APSInt result(intType.getWidth(), intType.isUnsigned());
          bool exact;
          f.getValue().convertToInteger(result, APFloat::rmTowardZero, &exact);
          return IntegerAttr::get(to, result);
        }
        APInt value = cast<IntegerAttr>(e[0]).getValue();
        bool isUnsigned = from.isUnsignedInteger() || from.isInteger(1);
        if (isa<FloatType>(to)) {
          APFloat result(0.0f);
          (void)result.convertFromAPInt(value, !isUnsigned,
                                        APFloat::rmNearestTiesToEven);
          return FloatAttr::get(to, result);
        }
        unsigned width = cast<IntegerType>(to).getWidth();
        if (width == 1)
          return IntegerAttr::get(to, !value.isZero());
        return IntegerAttr::get(to, isUnsigned ? value.zextOrTrunc(width)
                                               : value.sextOrTrunc(width));
      });
}
