//===- ImportMath.cpp - Elementwise, contraction and softmax nodes --------===//

#include "NodeImporter.h"

#include "llvm/ADT/SmallString.h"

using namespace mlir;

namespace edgecc::import {
namespace {


template <typename OpTy>
LogicalResult importBinary(NodeImporter &n) {
  Value lhs = n.input(0), rhs = n.input(1);
  if (!lhs || !rhs)
    return failure();
  return n.emitInferred<OpTy>(
      edge::inferElementwiseType(lhs.getType(), rhs.getType(), n.location()),
      lhs, rhs);
}

/// And, Or, Xor take bools only.
template <typename OpTy>
LogicalResult importLogical(NodeImporter &n) {
  Value lhs = n.input(0), rhs = n.input(1);
  if (!lhs || !rhs)
    return failure();
  if (!tensorType(lhs).getElementType().isInteger(1))
    return n.error() << "needs bool inputs, got "
                     << tensorType(lhs).getElementType();
  return importBinary<OpTy>(n);
}

template <typename OpTy>
LogicalResult importCompare(NodeImporter &n) {
  Value lhs = n.input(0), rhs = n.input(1);
  if (!lhs || !rhs)
    return failure();
  return n.emitInferred<OpTy>(
      edge::inferCompareType(lhs.getType(), rhs.getType(), n.location()), lhs,
      rhs);
}

/// Min, Max, Sum, Mean take one or more inputs, broadcast together.
template <typename OpTy>
FailureOr<Value> foldVariadic(NodeImporter &n) {
  if (n.numInputs() == 0)
    return n.error() << "needs at least one input";
  Value result = n.input(0);
  for (unsigned i = 1; result && i < n.numInputs(); ++i) {
    Value next = n.input(i);
    if (!next)
      return failure();
    auto combined = n.buildBinary<OpTy>(result, next);
    if (failed(combined))
      return failure();
    result = *combined;
  }
  if (!result)
    return failure();
  return result;
}

template <typename OpTy>
LogicalResult importVariadic(NodeImporter &n) {
  auto result = foldVariadic<OpTy>(n);
  if (failed(result))
    return failure();
  n.setOutput(0, *result);
  return success();
}

LogicalResult importMean(NodeImporter &n) {
  auto sum = foldVariadic<edge::AddOp>(n);
  if (failed(sum))
    return failure();
  if (!isa<FloatType>(tensorType(*sum).getElementType()))
    return n.error() << "needs float inputs";
  auto mean = n.buildBinary<edge::DivOp>(*sum, n.scalarF32(n.numInputs()));
  if (failed(mean))
    return failure();
  n.setOutput(0, *mean);
  return success();
}

/// Input 0, which transcendentals and activations need as float32.
Value floatInput(NodeImporter &n) {
  Value x = n.input(0);
  if (x && !isa<FloatType>(tensorType(x).getElementType())) {
    n.error() << "needs a float32 input, got "
              << tensorType(x).getElementType();
    return {};
  }
  return x;
}

template <typename OpTy, bool floatOnly = true>
LogicalResult importUnary(NodeImporter &n) {
  Value x = floatOnly ? floatInput(n) : n.input(0);
  if (!x)
    return failure();
  return n.emitInferred<OpTy>(tensorType(x), x);
}

LogicalResult importNot(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  if (!tensorType(x).getElementType().isInteger(1))
    return n.error() << "needs a bool input";
  return n.emitInferred<edge::NotOp>(tensorType(x), x);
}

LogicalResult importLeakyRelu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  return n.emitInferred<edge::LeakyReluOp>(
      tensorType(x), x, n.b().getF32FloatAttr(n.floatAttr("alpha", 0.01f)));
}

LogicalResult importElu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  return n.emitInferred<edge::EluOp>(
      tensorType(x), x, n.b().getF32FloatAttr(n.floatAttr("alpha", 1.0f)));
}

LogicalResult importSelu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  OpBuilder &b = n.b();
  return n.emitInferred<edge::SeluOp>(
      tensorType(x), x,
      b.getF32FloatAttr(n.floatAttr("alpha", 1.67326319217681884765625f)),
      b.getF32FloatAttr(n.floatAttr("gamma", 1.05070102214813232421875f)));
}

LogicalResult importHardSigmoid(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  OpBuilder &b = n.b();
  return n.emitInferred<edge::HardSigmoidOp>(
      tensorType(x), x, b.getF32FloatAttr(n.floatAttr("alpha", 0.2f)),
      b.getF32FloatAttr(n.floatAttr("beta", 0.5f)));
}

LogicalResult importGelu(NodeImporter &n) {
  Value x = floatInput(n);
  if (!x)
    return failure();
  std::string approximate = "none";
  if (const onnx::AttributeProto *attr = n.attribute("approximate"))
    approximate = attr->s();
  if (approximate != "none" && approximate != "tanh")
    return n.error() << "approximate='" << approximate
                     << "' is not one of 'none', 'tanh'";
  return n.emitInferred<edge::GeluOp>(
      tensorType(x), x, n.b().getBoolAttr(approximate == "tanh"));
}

/// Pow's exponent may have another element type: it is cast to the base's.
LogicalResult importPow(NodeImporter &n) {
  Value base = n.input(0), exponent = n.input(1);
  if (!base || !exponent)
    return failure();
  Type element = tensorType(base).getElementType();
  if (tensorType(exponent).getElementType() != element) {
    auto cast = n.build<edge::CastOp>(tensorType(exponent).clone(element),
                                      exponent);
    if (failed(cast))
      return failure();
    exponent = *cast;
  }
  return n.emitInferred<edge::PowOp>(
      edge::inferElementwiseType(base.getType(), exponent.getType(),
                                 n.location()),
      base, exponent);
}

/// Clip(x, min, max) = Min(Max(x, min), max); bounds are attributes before
/// opset 11 and optional scalar inputs from 11.
LogicalResult importClip(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  RankedTensorType type = tensorType(x);
  auto scalar = RankedTensorType::get({}, type.getElementType());
  auto bound = [&](unsigned input, StringRef attr) -> Value {
    if (n.opsetVersion() < 11) {
      if (const onnx::AttributeProto *a = n.attribute(attr))
        return n.splat(scalar, n.b().getF32FloatAttr(a->f()));
      return {};
    }
    return n.hasInput(input) ? n.input(input) : Value();
  };
  Value result = x;
  if (Value low = bound(1, "min")) {
    auto max = n.buildBinary<edge::MaxOp>(result, low);
    if (failed(max))
      return failure();
    result = *max;
  }
  if (Value high = bound(2, "max")) {
    auto min = n.buildBinary<edge::MinOp>(result, high);
    if (failed(min))
      return failure();
    result = *min;
  }
  n.setOutput(0, result);
  return success();
}

LogicalResult importWhere(NodeImporter &n) {
  Value c = n.input(0), x = n.input(1), y = n.input(2);
  if (!c || !x || !y)
    return failure();
  return n.emitInferred<edge::WhereOp>(
      edge::inferWhereType(c.getType(), x.getType(), y.getType(),
                           n.location()),
      c, x, y);
}

LogicalResult castTo(NodeImporter &n, Type element) {
  Value x = n.input(0);
  if (!x)
    return failure();
  return n.emitInferred<edge::CastOp>(tensorType(x).clone(element), x);
}

LogicalResult importCast(NodeImporter &n) {
  int64_t to = n.intAttr("to", 0);
  Type element = convertElementType(n.context(), to);
  if (!element)
    return n.error() << "cast to " << elementTypeName(to)
                     << " is not supported";
  return castTo(n, element);
}

LogicalResult importCastLike(NodeImporter &n) {
  Value like = n.input(1);
  if (!like)
    return failure();
  return castTo(n, tensorType(like).getElementType());
}

/// Dropout at inference is the identity; the mask, if asked for, is all true.
LogicalResult importDropout(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  bool training = false;
  if (n.hasInput(2)) {
    DenseElementsAttr mode = n.requireConstantInput(2, "training_mode");
    if (!mode)
      return failure();
    training = mode.getSplatValue<bool>();
  }
  if (training) {
    float ratio = 0.5f;
    if (n.hasInput(1)) {
      DenseElementsAttr value = n.requireConstantInput(1, "ratio");
      if (!value)
        return failure();
      ratio = value.getSplatValue<APFloat>().convertToFloat();
    }
    if (ratio != 0.0f) {
      SmallString<16> text;
      APFloat(ratio).toString(text);
      return n.error() << "training-mode dropout (ratio " << text
                       << ") is random: export the model for inference";
    }
  }
  n.setOutput(0, x);
  if (n.proto().output_size() > 1)
    n.setOutput(1, n.splat(tensorType(x).clone(n.b().getI1Type()),
                           n.b().getBoolAttr(true)));
  return success();
}

LogicalResult importMatMul(NodeImporter &n) {
  Value lhs = n.input(0), rhs = n.input(1);
  if (!lhs || !rhs)
    return failure();
  return n.emitInferred<edge::MatMulOp>(
      edge::inferMatMulType(lhs.getType(), rhs.getType(), n.location()), lhs,
      rhs);
}

LogicalResult importGemm(NodeImporter &n) {
  Value a = n.input(0), b = n.input(1);
  if (!a || !b)
    return failure();
  Value c = n.hasInput(2) ? n.input(2) : Value();
  if (n.hasInput(2) && !c)
    return failure();
  bool transA = n.intAttr("transA", 0) != 0;
  bool transB = n.intAttr("transB", 0) != 0;
  float alpha = n.floatAttr("alpha", 1.0f), beta = n.floatAttr("beta", 1.0f);
  auto type = edge::inferGemmType(a.getType(), b.getType(),
                                  c ? c.getType() : Type(), transA, transB,
                                  n.location());
  OpBuilder &builder = n.b();
  return n.emitInferred<edge::GemmOp>(
      type, a, b, c, builder.getF32FloatAttr(alpha),
      builder.getF32FloatAttr(beta), builder.getBoolAttr(transA),
      builder.getBoolAttr(transB));
}

/// Softmax and LogSoftmax before opset 13 flatten the input to 2-D at `axis`
/// (default 1) and normalise each row; from 13 they normalise along `axis`
/// (default -1).
template <typename OpTy>
LogicalResult importSoftmax(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto type = tensorType(x);
  if (!isa<FloatType>(type.getElementType()))
    return n.error() << "needs a float input, got " << type.getElementType();
  int64_t rank = type.getRank();
  bool legacy = n.opsetVersion() < 13;
  auto axis = edge::normalizeAxis(n.intAttr("axis", legacy ? 1 : -1), rank,
                                  n.location());
  if (failed(axis))
    return failure();
  OpBuilder &b = n.b();
  Location loc = n.location();
  if (!legacy || *axis == rank - 1 || rank == 0) {
    n.setOutput(0, OpTy::create(b, loc, type, x, b.getI64IntegerAttr(*axis)));
    return success();
  }
  int64_t rows = 1, cols = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < *axis ? rows : cols) *= type.getDimSize(i);
  auto flatType = RankedTensorType::get({rows, cols}, type.getElementType());
  Value flat = edge::ReshapeOp::create(b, loc, flatType, x);
  Value soft = OpTy::create(b, loc, flatType, flat, b.getI64IntegerAttr(1));
  n.setOutput(0, edge::ReshapeOp::create(b, loc, type, soft));
  return success();
}

} // namespace

void registerMathImporters(llvm::StringMap<OpImportFn> &table) {
  table["Add"] = importBinary<edge::AddOp>;
  table["Sub"] = importBinary<edge::SubOp>;
  table["Mul"] = importBinary<edge::MulOp>;
  table["Div"] = importBinary<edge::DivOp>;
  table["Pow"] = importPow;
  table["Min"] = importVariadic<edge::MinOp>;
  table["Max"] = importVariadic<edge::MaxOp>;
  table["Sum"] = importVariadic<edge::AddOp>;
  table["Mean"] = importMean;
  table["And"] = importLogical<edge::AndOp>;
  table["Or"] = importLogical<edge::OrOp>;
  table["Xor"] = importLogical<edge::XorOp>;
  table["Not"] = importNot;
  table["Equal"] = importCompare<edge::EqualOp>;
  table["Less"] = importCompare<edge::LessOp>;
  table["LessOrEqual"] = importCompare<edge::LessEqualOp>;
  table["Greater"] = importCompare<edge::GreaterOp>;
  table["GreaterOrEqual"] = importCompare<edge::GreaterEqualOp>;
  table["Where"] = importWhere;
  table["Clip"] = importClip;
  table["Cast"] = importCast;
  table["CastLike"] = importCastLike;
  table["Neg"] = importUnary<edge::NegOp, false>;
  table["Abs"] = importUnary<edge::AbsOp, false>;
  table["Sign"] = importUnary<edge::SignOp, false>;
  table["Relu"] = importUnary<edge::ReluOp, false>;
  table["Exp"] = importUnary<edge::ExpOp>;
  table["Log"] = importUnary<edge::LogOp>;
  table["Sqrt"] = importUnary<edge::SqrtOp>;
  table["Reciprocal"] = importUnary<edge::ReciprocalOp>;
  table["Tanh"] = importUnary<edge::TanhOp>;
  table["Sigmoid"] = importUnary<edge::SigmoidOp>;
  table["Erf"] = importUnary<edge::ErfOp>;
  table["Sin"] = importUnary<edge::SinOp>;
  table["Cos"] = importUnary<edge::CosOp>;
  table["Floor"] = importUnary<edge::FloorOp>;
  table["Ceil"] = importUnary<edge::CeilOp>;
  table["Round"] = importUnary<edge::RoundOp>;
  table["Softplus"] = importUnary<edge::SoftplusOp>;
  table["Softsign"] = importUnary<edge::SoftsignOp>;
  table["Mish"] = importUnary<edge::MishOp>;
  table["HardSwish"] = importUnary<edge::HardSwishOp>;
  table["LeakyRelu"] = importLeakyRelu;
  table["Elu"] = importElu;
  table["Selu"] = importSelu;
  table["HardSigmoid"] = importHardSigmoid;
  table["Gelu"] = importGelu;
  table["Dropout"] = importDropout;
  table["MatMul"] = importMatMul;
  table["Gemm"] = importGemm;
  table["Softmax"] = importSoftmax<edge::SoftmaxOp>;
  table["LogSoftmax"] = importSoftmax<edge::LogSoftmaxOp>;
}

} // namespace edgecc::import
