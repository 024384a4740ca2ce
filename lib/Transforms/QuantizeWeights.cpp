//===- QuantizeWeights.cpp - Weight-only int4 for constant MatMul weights -===//

#include "edgecc/Transforms/Passes.h"

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

struct PackedWeights {
  SmallVector<uint8_t> codes; // [N, K / group, group / 2]
  SmallVector<float> scales;  // [N * K / group]
};

/// Symmetric int4 per group along K of w [K, N] (row-major), in the
/// MatMulNBits layout: low nibble first, code = round(w / scale) + 8.
PackedWeights quantize(ArrayRef<float> w, int64_t k, int64_t n,
                       int64_t group) {
  int64_t blocks = k / group;
  PackedWeights packed;
  packed.codes.assign(n * blocks * (group / 2), 0);
  packed.scales.assign(n * blocks, 0.0f);
  for (int64_t col = 0; col < n; ++col) {
    for (int64_t b = 0; b < blocks; ++b) {
      float maxAbs = 0;
      for (int64_t i = 0; i < group; ++i)
        maxAbs = std::max(maxAbs, std::fabs(w[(b * group + i) * n + col]));
      float scale = maxAbs > 0 ? maxAbs / 7.0f : 1.0f;
      packed.scales[col * blocks + b] = scale;
      for (int64_t i = 0; i < group; ++i) {
        float q = std::nearbyint(w[(b * group + i) * n + col] / scale);
        auto code = (uint8_t)(std::clamp(q, -7.0f, 7.0f) + 8.0f);
        packed.codes[(col * blocks + b) * (group / 2) + i / 2] |=
            (uint8_t)(code << (4 * (i % 2)));
      }
    }
  }
  return packed;
}

/// W [K, N] as int8, symmetric per column: scale[n] = max_k |W| / 127.
void quantizeInt8(ArrayRef<float> w, int64_t k, int64_t n,
                  SmallVector<int8_t> &codes, SmallVector<float> &scales) {
  codes.assign(k * n, 0);
  scales.assign(n, 1.0f);
  for (int64_t col = 0; col < n; ++col) {
    float maxAbs = 0;
    for (int64_t row = 0; row < k; ++row)
      maxAbs = std::max(maxAbs, std::fabs(w[row * n + col]));
    float scale = maxAbs > 0 ? maxAbs / 127.0f : 1.0f;
    scales[col] = scale;
    for (int64_t row = 0; row < k; ++row)
      codes[row * n + col] = (int8_t)std::clamp(
          std::nearbyint(w[row * n + col] / scale), -127.0f, 127.0f);
  }
}

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

  OpBuilder &b;
  Location loc;
};

/// x @ W with W int8 per column and x quantized to uint8 per tensor at run
/// time (as ONNX's DynamicQuantizeLinear: the range always includes 0), in
/// int32 with one float rescale.
Value dynamicInt8Product(OpBuilder &b, Location loc, Value x,
                         ArrayRef<float> w, int64_t k, int64_t n,
                         RankedTensorType resultType) {
  SmallVector<int8_t> codes;
  SmallVector<float> weightScales;
  quantizeInt8(w, k, n, codes, weightScales);
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
  Value xCodes = e.castTo(xq, u8), zeroCode = e.castTo(zero, u8);
  auto codesType = RankedTensorType::get({k, n}, b.getI8Type());
  Value weights = edge::ConstantOp::create(
      b, loc, codesType,
      DenseElementsAttr::get(codesType, ArrayRef<int8_t>(codes)));
  auto zeroType = RankedTensorType::get({}, b.getI8Type());
  Value weightZero = edge::ConstantOp::create(
      b, loc, zeroType, DenseElementsAttr::get(zeroType, (int8_t)0));
  auto accType = edge::MatMulIntegerOp::inferResultType(
      xCodes.getType(), weights.getType(), zeroCode.getType(),
      weightZero.getType(), loc);
  if (failed(accType))
    return {};
  Value acc = edge::MatMulIntegerOp::create(b, loc, *accType, xCodes, weights,
                                            zeroCode, weightZero);
  auto scalesType = RankedTensorType::get({n}, b.getF32Type());
  Value columnScales = edge::ConstantOp::create(
      b, loc, scalesType,
      DenseElementsAttr::get(scalesType, ArrayRef<float>(weightScales)));
  Value rescale = e.binary<edge::MulOp>(scale, columnScales);
  Value result =
      e.binary<edge::MulOp>(e.castTo(acc, b.getF32Type()), rescale);
  return result.getType() == resultType ? result : Value();
}

struct QuantizeWeights : public impl::QuantizeWeightsBase<QuantizeWeights> {
  using QuantizeWeightsBase::QuantizeWeightsBase;

  /// input @ W with W [K, N] row-major float values, as matmul_nbits, or
  /// null when K is not a multiple of the group.
  Value quantizedProduct(OpBuilder &b, Location loc, Value input,
                         ArrayRef<float> values, int64_t k, int64_t n,
                         RankedTensorType resultType) {
    if (bits == 8)
      return dynamicInt8Product(b, loc, input, values, k, n, resultType);
    if (k % group != 0)
      return {};
    PackedWeights packed = quantize(values, k, n, group);
    auto codesType = RankedTensorType::get(
        {n, k / group, group / 2},
        IntegerType::get(&getContext(), 8, IntegerType::Unsigned));
    auto scalesType = RankedTensorType::get({n * (k / group)}, b.getF32Type());
    Value codes = edge::ConstantOp::create(
        b, loc, codesType,
        DenseElementsAttr::get(codesType, ArrayRef<uint8_t>(packed.codes)));
    Value scales = edge::ConstantOp::create(
        b, loc, scalesType,
        DenseElementsAttr::get(scalesType, ArrayRef<float>(packed.scales)));
    return edge::MatMulNBitsOp::create(b, loc, resultType, input, codes, scales,
                                       Value(), b.getI64IntegerAttr(group));
  }

  void runOnOperation() override {
    SmallVector<Operation *> products;
    getOperation().walk([&](Operation *op) {
      if (isa<edge::MatMulOp, edge::GemmOp>(op))
        products.push_back(op);
    });
    for (Operation *op : products) {
      OpBuilder b(op);
      Location loc = op->getLoc();
      auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
      DenseElementsAttr weights;
      Value replacement;
      if (auto matmul = dyn_cast<edge::MatMulOp>(op)) {
        auto rhsType = cast<RankedTensorType>(matmul.getRhs().getType());
        if (!matchPattern(matmul.getRhs(), m_Constant(&weights)) ||
            rhsType.getRank() != 2 || !rhsType.getElementType().isF32() ||
            matmul.getLhs().getType().getRank() < 1)
          continue;
        SmallVector<float> values(weights.getValues<float>());
        replacement = quantizedProduct(b, loc, matmul.getLhs(), values,
                                       rhsType.getDimSize(0),
                                       rhsType.getDimSize(1), resultType);
      } else {
        // Gemm: alpha * A @ op(B) + beta * C, with A untransposed.
        auto gemm = cast<edge::GemmOp>(op);
        auto bType = cast<RankedTensorType>(gemm.getB().getType());
        if (gemm.getTransA() || gemm.getAlpha().convertToFloat() != 1.0f ||
            !bType.getElementType().isF32() ||
            !matchPattern(gemm.getB(), m_Constant(&weights)))
          continue;
        SmallVector<float> values(weights.getValues<float>());
        int64_t rows = bType.getDimSize(0), cols = bType.getDimSize(1);
        int64_t k = gemm.getTransB() ? cols : rows;
        int64_t n = gemm.getTransB() ? rows : cols;
        if (gemm.getTransB()) {
          SmallVector<float> transposed(values.size());
          for (int64_t r = 0; r < rows; ++r)
            for (int64_t c = 0; c < cols; ++c)
              transposed[c * rows + r] = values[r * cols + c];
          values = std::move(transposed);
        }
        replacement = quantizedProduct(b, loc, gemm.getA(), values, k, n,
                                       resultType);
        float beta = gemm.getBeta().convertToFloat();
        if (replacement && gemm.getC() && beta != 0.0f) {
          Value c = gemm.getC();
          auto cType = cast<RankedTensorType>(c.getType());
          if (beta != 1.0f) {
            auto scalarType = RankedTensorType::get({}, b.getF32Type());
            Value betaValue = edge::ConstantOp::create(
                b, loc, scalarType, DenseElementsAttr::get(scalarType, beta));
            c = edge::MulOp::create(b, loc, cType, c, betaValue);
          }
          replacement =
              edge::AddOp::create(b, loc, resultType, replacement, c);
        }
      }
      if (!replacement)
        continue;
      op->getResult(0).replaceAllUsesWith(replacement);
      op->erase();
    }
  }
};

} // namespace
} // namespace edgecc
