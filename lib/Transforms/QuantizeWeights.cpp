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

  void runOnOperation() override {
    SmallVector<edge::MatMulOp> matmuls;
    getOperation().walk([&](edge::MatMulOp op) { matmuls.push_back(op); });
    for (edge::MatMulOp op : matmuls) {
      DenseElementsAttr weights;
      auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
      auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
      if (!matchPattern(op.getRhs(), m_Constant(&weights)) ||
          rhsType.getRank() != 2 || !rhsType.getElementType().isF32() ||
          lhsType.getRank() < 1 || rhsType.getDimSize(0) % group != 0)
        continue;
      int64_t k = rhsType.getDimSize(0), n = rhsType.getDimSize(1);
      SmallVector<float> values(weights.getValues<float>());
      PackedWeights packed = quantize(values, k, n, group);
      OpBuilder b(op);
      Location loc = op.getLoc();
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
      auto quantized = edge::MatMulNBitsOp::create(
          b, loc, op.getType(), op.getLhs(), codes, scales, Value(),
          b.getI64IntegerAttr(group));
      op.replaceAllUsesWith(quantized.getResult());
      op.erase();
    }
  }
};

} // namespace
} // namespace edgecc
