//===- QuantizeWeights.cpp - Weight-only int4 for constant MatMul weights -===//

#include "edgecc/Transforms/Passes.h"

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

struct QuantizeWeights : public impl::QuantizeWeightsBase<QuantizeWeights> {
  using QuantizeWeightsBase::QuantizeWeightsBase;

  /// input @ W with W [K, N] row-major float values, as matmul_nbits, or
  /// null when K is not a multiple of the group.
  Value quantizedProduct(OpBuilder &b, Location loc, Value input,
                         ArrayRef<float> values, int64_t k, int64_t n,
                         RankedTensorType resultType) {
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
