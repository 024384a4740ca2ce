//===- QuantizeWeights.cpp - int8/int4 products for constant weights -----===//
//
// Rewrites the quantizable products (Quantization.h) as integer or nibble
// products. The arithmetic itself lives in Quantization.cpp, shared with
// calibration's per-layer error prediction.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Transforms/Passes.h"
#include "edgecc/Transforms/Quantization.h"

#include "edge/ShapeInference.h"

#include "mlir/IR/Matchers.h"

#include <cmath>

namespace edgecc {
#define GEN_PASS_DEF_QUANTIZEWEIGHTS
#include "edgecc/Transforms/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

/// Builds edge ops with inferred result types (all operands are known to
/// fit: the pass only combines shapes it has checked).
class Emitter {
public:
  Emitter(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  Value scalar(float value) {
    auto type = RankedTensorType::get({}, b.getF32Type());
    return edge::ConstantOp::create(b, loc, type,
                                    DenseElementsAttr::get(type, value));
  }
  template <typename OpTy> Value binary(Value l, Value r) {
    auto type = edge::inferElementwiseType(l.getType(), r.getType(), loc);
    return OpTy::create(b, loc, *type, l, r);
  }
  template <typename OpTy> Value reduceAll(Value x) {
    auto type = mlir::cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> axes;
    for (int64_t d = 0; d < type.getRank(); ++d)
      axes.push_back(d);
    return OpTy::create(b, loc, RankedTensorType::get({}, type.getElementType()),
                        x, b.getDenseI64ArrayAttr(axes), b.getBoolAttr(false));
  }
  Value round(Value x) {
    return edge::RoundOp::create(b, loc, x.getType(), x);
  }
  Value castTo(Value x, Type element) {
    return edge::CastOp::create(
        b, loc, mlir::cast<RankedTensorType>(x.getType()).clone(element), x);
  }

  /// float(xCodes - xZero) (op) float(W codes) * xScale * channel scales,
  /// computed as one integer product (matmul_integer, or conv_integer for
  /// a Conv) and one rescale per output channel.
  Value int8Product(const quant::QuantizableProduct &p, Value xCodes,
                    Value xZero, const quant::Int8Weights &weights,
                    Value xScale, RankedTensorType resultType) {
    auto zeroType = RankedTensorType::get({}, b.getI8Type());
    Value wZero = edge::ConstantOp::create(
        b, loc, zeroType, DenseElementsAttr::get(zeroType, (int8_t)0));
    auto scalesType = RankedTensorType::get({p.n}, b.getF32Type());
    Value channelScales = edge::ConstantOp::create(
        b, loc, scalesType,
        DenseElementsAttr::get(scalesType, ArrayRef<float>(weights.scales)));
    auto conv = dyn_cast<edge::ConvOp>(p.op);
    Value acc;
    if (!conv) {
      auto codesType = RankedTensorType::get({p.k, p.n}, b.getI8Type());
      Value w = edge::ConstantOp::create(
          b, loc, codesType,
          DenseElementsAttr::get(codesType, ArrayRef<int8_t>(weights.codes)));
      auto accType = edge::MatMulIntegerOp::inferResultType(
          xCodes.getType(), w.getType(), xZero.getType(), wZero.getType(),
          loc);
      if (failed(accType))
        return {};
      acc = edge::MatMulIntegerOp::create(b, loc, *accType, xCodes, w, xZero,
                                          wZero);
    } else {
      // The codes back in the filters' layout [M, C / group, kernel...].
      auto filterType = cast<RankedTensorType>(conv.getWeight().getType());
      SmallVector<int8_t> filters(weights.codes.size());
      for (int64_t m = 0; m < p.n; ++m)
        for (int64_t i = 0; i < p.k; ++i)
          filters[m * p.k + i] = weights.codes[i * p.n + m];
      auto codesType = filterType.clone(b.getI8Type());
      Value w = edge::ConstantOp::create(
          b, loc, codesType,
          DenseElementsAttr::get(codesType, ArrayRef<int8_t>(filters)));
      auto accType = edge::inferConvIntegerType(
          xCodes.getType(), codesType, xZero.getType(), wZero.getType(),
          conv.getStrides(), conv.getDilations(), conv.getPads(),
          conv.getGroup(), loc);
      if (failed(accType))
        return {};
      acc = edge::ConvIntegerOp::create(
          b, loc, *accType, xCodes, w, xZero, wZero, conv.getStridesAttr(),
          conv.getDilationsAttr(), conv.getPadsAttr(), conv.getGroupAttr());
      // Per filter against [N, M, O...]: [M, 1, ...].
      SmallVector<int64_t> channelShape(filterType.getRank() - 1, 1);
      channelShape[0] = p.n;
      channelScales = edge::ReshapeOp::create(
          b, loc, scalesType.clone(channelShape), channelScales);
    }
    Value result = binary<edge::MulOp>(castTo(acc, b.getF32Type()),
                                       binary<edge::MulOp>(xScale, channelScales));
    if (conv && conv.getBias()) {
      auto biasType = cast<RankedTensorType>(conv.getBias().getType());
      SmallVector<int64_t> channelShape(resultType.getRank() - 1, 1);
      channelShape[0] = p.n;
      Value bias = edge::ReshapeOp::create(
          b, loc, biasType.clone(channelShape), conv.getBias());
      result = binary<edge::AddOp>(result, bias);
    }
    return result.getType() == resultType ? result : Value();
  }

  OpBuilder &b;
  Location loc;
};

/// x quantized to uint8 per tensor at run time, as ONNX's
/// DynamicQuantizeLinear does (the range always includes 0).
struct RuntimeQuantized {
  Value codes, zeroPoint, scale;
};

RuntimeQuantized quantizeAtRunTime(OpBuilder &b, Location loc, Value x) {
  Emitter e(b, loc);
  Value low = e.binary<edge::MinOp>(e.reduceAll<edge::ReduceMinOp>(x),
                                    e.scalar(0));
  Value high = e.binary<edge::MaxOp>(e.reduceAll<edge::ReduceMaxOp>(x),
                                     e.scalar(0));
  Value range = e.binary<edge::SubOp>(high, low);
  // An all-zero input has no range: any scale will do, 1 avoids 0 / 0.
  Value isEmpty = edge::EqualOp::create(
      b, loc, RankedTensorType::get({}, b.getI1Type()), range, e.scalar(0));
  Value scale = edge::WhereOp::create(
      b, loc, mlir::cast<RankedTensorType>(range.getType()), isEmpty,
      e.scalar(1), e.binary<edge::DivOp>(range, e.scalar(255)));
  auto clamp = [&](Value v) {
    return e.binary<edge::MinOp>(e.binary<edge::MaxOp>(v, e.scalar(0)),
                                 e.scalar(255));
  };
  Value zero = clamp(e.round(e.binary<edge::SubOp>(
      e.scalar(0), e.binary<edge::DivOp>(low, scale))));
  Value xq = clamp(e.binary<edge::AddOp>(
      e.round(e.binary<edge::DivOp>(x, scale)), zero));
  Type u8 = IntegerType::get(b.getContext(), 8, IntegerType::Unsigned);
  return {e.castTo(xq, u8), e.castTo(zero, u8), scale};
}

/// x @ W with W int8 per output channel and x quantized to uint8 per
/// tensor at run time, in int32 with one float rescale.
Value dynamicInt8Product(OpBuilder &b, const quant::QuantizableProduct &p,
                         RankedTensorType resultType) {
  Location loc = p.op->getLoc();
  quant::Int8Weights weights = quant::quantizeInt8PerColumn(p.weights, p.k, p.n);
  RuntimeQuantized xq = quantizeAtRunTime(b, loc, p.input);
  return Emitter(b, loc).int8Product(p, xq.codes, xq.zeroPoint, weights,
                                     xq.scale, resultType);
}

/// x @ W with x quantized to int8 per tensor with a calibrated (static)
/// scale and zero point: the quantization is an elementwise op that fuses
/// into x's producer.
Value staticInt8Product(OpBuilder &b, const quant::QuantizableProduct &p,
                        quant::ActivationQuantization activation,
                        RankedTensorType resultType) {
  Location loc = p.op->getLoc();
  quant::Int8Weights weights = quant::quantizeInt8PerColumn(p.weights, p.k, p.n);
  Emitter e(b, loc);
  Value xq = e.binary<edge::AddOp>(
      e.round(e.binary<edge::MulOp>(p.input,
                                    e.scalar(1.0f / activation.scale))),
      e.scalar((float)activation.zeroPoint));
  xq = e.binary<edge::MinOp>(e.binary<edge::MaxOp>(xq, e.scalar(-128)),
                             e.scalar(127));
  auto zeroType = RankedTensorType::get({}, b.getI8Type());
  Value zero = edge::ConstantOp::create(
      b, loc, zeroType,
      DenseElementsAttr::get(zeroType, (int8_t)activation.zeroPoint));
  return e.int8Product(p, e.castTo(xq, b.getI8Type()), zero, weights,
                       e.scalar(activation.scale), resultType);
}

struct QuantizeWeights : public impl::QuantizeWeightsBase<QuantizeWeights> {
  using QuantizeWeightsBase::QuantizeWeightsBase;

  /// The quantized x @ W, or null when this product stays in float (see
  /// isInt4Quantizable).
  Value quantizedProduct(OpBuilder &b, const quant::QuantizableProduct &p,
                         RankedTensorType resultType) {
    Location loc = p.op->getLoc();
    if (bits == 8) {
      if (auto range = p.op->getAttrOfType<DenseF32ArrayAttr>(
              quant::kActivationRangeAttr);
          range && range.size() == 2)
        return staticInt8Product(
            b, p, quant::int8ActivationFromRange(range[0], range[1]),
            resultType);
      return dynamicInt8Product(b, p, resultType);
    }
    if (!quant::isInt4Quantizable(p, group))
      return {};
    quant::Int4Weights packed =
        quant::quantizeInt4Groups(p.weights, p.k, p.n, group, asymmetric);
    // The codes stay 4-bit either way; w4a8 quantizes x too.
    auto codesType = RankedTensorType::get(
        {p.n, p.k / group, group / 2},
        IntegerType::get(&getContext(), 8, IntegerType::Unsigned));
    auto scalesType =
        RankedTensorType::get({p.n * (p.k / group)}, b.getF32Type());
    Value codes = edge::ConstantOp::create(
        b, loc, codesType,
        DenseElementsAttr::get(codesType, ArrayRef<uint8_t>(packed.codes)));
    Value scales = edge::ConstantOp::create(
        b, loc, scalesType,
        DenseElementsAttr::get(scalesType, ArrayRef<float>(packed.scales)));
    Value zeroPoints;
    if (asymmetric) {
      auto zerosType = RankedTensorType::get(
          {(int64_t)packed.zeroPoints.size()},
          IntegerType::get(&getContext(), 8, IntegerType::Unsigned));
      zeroPoints = edge::ConstantOp::create(
          b, loc, zerosType,
          DenseElementsAttr::get(zerosType,
                                 ArrayRef<uint8_t>(packed.zeroPoints)));
    }
    if (int8Activations) {
      RuntimeQuantized xq = quantizeAtRunTime(b, loc, p.input);
      return edge::MatMulW4A8Op::create(
          b, loc, resultType, xq.codes, xq.scale, xq.zeroPoint, codes, scales,
          zeroPoints, b.getI64IntegerAttr(group));
    }
    return edge::MatMulNBitsOp::create(b, loc, resultType, p.input, codes,
                                       scales, zeroPoints,
                                       b.getI64IntegerAttr(group));
  }

  void runOnOperation() override {
    for (const quant::QuantizableProduct &product :
         quant::collectQuantizableProducts(getOperation())) {
      Operation *op = product.op;
      if (op->hasAttr(quant::kKeepFloatAttr))
        continue;
      OpBuilder b(op);
      Location loc = op->getLoc();
      auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
      Value replacement = quantizedProduct(b, product, resultType);
      if (!replacement)
        continue;
      // Gemm: alpha (1) * A @ op(B) + beta * C (a Conv's bias is part of
      // its product).
      auto gemm = dyn_cast<edge::GemmOp>(op);
      float beta = gemm ? gemm.getBeta().convertToFloat() : 0.0f;
      if (gemm && gemm.getC() && beta != 0.0f) {
        Value c = gemm.getC();
        auto cType = cast<RankedTensorType>(c.getType());
        if (beta != 1.0f) {
          auto scalarType = RankedTensorType::get({}, b.getF32Type());
          Value betaValue = edge::ConstantOp::create(
              b, loc, scalarType, DenseElementsAttr::get(scalarType, beta));
          c = edge::MulOp::create(b, loc, cType, c, betaValue);
        }
        replacement = edge::AddOp::create(b, loc, resultType, replacement, c);
      }
      op->getResult(0).replaceAllUsesWith(replacement);
      op->erase();
    }
  }
};

} // namespace
} // namespace edgecc
