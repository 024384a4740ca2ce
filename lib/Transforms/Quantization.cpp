//===- Quantization.cpp - edgecc's own quantization arithmetic ------------===//

#include "edgecc/Transforms/Quantization.h"

#include "edge/EdgeOps.h"

#include "mlir/IR/Matchers.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace edgecc::quant {

std::optional<QuantizableProduct> matchQuantizableProduct(Operation *op) {
  QuantizableProduct product;
  product.op = op;
  DenseElementsAttr weights;
  if (auto matmul = dyn_cast<edge::MatMulOp>(op)) {
    auto rhsType = cast<RankedTensorType>(matmul.getRhs().getType());
    if (!matchPattern(matmul.getRhs(), m_Constant(&weights)) ||
        rhsType.getRank() != 2 || !rhsType.getElementType().isF32() ||
        matmul.getLhs().getType().getRank() < 1)
      return std::nullopt;
    product.input = matmul.getLhs();
    product.weights.assign(weights.getValues<float>().begin(),
                           weights.getValues<float>().end());
    product.k = rhsType.getDimSize(0);
    product.n = rhsType.getDimSize(1);
    return product;
  }
  if (auto conv = dyn_cast<edge::ConvOp>(op)) {
    auto filterType = cast<RankedTensorType>(conv.getWeight().getType());
    if (!matchPattern(conv.getWeight(), m_Constant(&weights)) ||
        !filterType.getElementType().isF32() || filterType.getRank() < 3)
      return std::nullopt;
    product.input = conv.getInput();
    product.n = filterType.getDimSize(0);
    product.k = filterType.getNumElements() / product.n;
    SmallVector<float> values(weights.getValues<float>());
    product.weights.resize(values.size());
    for (int64_t m = 0; m < product.n; ++m)
      for (int64_t i = 0; i < product.k; ++i)
        product.weights[i * product.n + m] = values[m * product.k + i];
    return product;
  }
  auto gemm = dyn_cast<edge::GemmOp>(op);
  if (!gemm)
    return std::nullopt;
  auto bType = cast<RankedTensorType>(gemm.getB().getType());
  if (gemm.getTransA() || gemm.getAlpha().convertToFloat() != 1.0f ||
      !bType.getElementType().isF32() ||
      !matchPattern(gemm.getB(), m_Constant(&weights)))
    return std::nullopt;
  SmallVector<float> values(weights.getValues<float>());
  int64_t rows = bType.getDimSize(0), cols = bType.getDimSize(1);
  product.input = gemm.getA();
  product.k = gemm.getTransB() ? cols : rows;
  product.n = gemm.getTransB() ? rows : cols;
  if (gemm.getTransB()) {
    product.weights.resize(values.size());
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        product.weights[c * rows + r] = values[r * cols + c];
  } else {
    product.weights = std::move(values);
  }
  return product;
}

bool isMatrixProduct(const QuantizableProduct &product) {
  return !isa<edge::ConvOp>(product.op);
}

bool isInt4Quantizable(const QuantizableProduct &product, int64_t group) {
  return isMatrixProduct(product) && product.k % group == 0;
}

SmallVector<QuantizableProduct> collectQuantizableProducts(Operation *root) {
  SmallVector<QuantizableProduct> products;
  root->walk([&](Operation *op) {
    if (auto product = matchQuantizableProduct(op))
      products.push_back(std::move(*product));
  });
  return products;
}

Int8Weights quantizeInt8PerColumn(ArrayRef<float> w, int64_t k, int64_t n) {
  Int8Weights q;
  q.codes.assign(k * n, 0);
  q.scales.assign(n, 1.0f);
  for (int64_t col = 0; col < n; ++col) {
    float maxAbs = 0;
    for (int64_t row = 0; row < k; ++row)
      maxAbs = std::max(maxAbs, std::fabs(w[row * n + col]));
    float scale = maxAbs > 0 ? maxAbs / 127.0f : 1.0f;
    q.scales[col] = scale;
    for (int64_t row = 0; row < k; ++row)
      q.codes[row * n + col] = (int8_t)std::clamp(
          std::nearbyint(w[row * n + col] / scale), -127.0f, 127.0f);
  }
  return q;
}

Int4Weights quantizeInt4Groups(ArrayRef<float> w, int64_t k, int64_t n,
                               int64_t group, bool asymmetric) {
  int64_t blocks = k / group, zeroBytes = (blocks + 1) / 2;
  Int4Weights q;
  q.codes.assign(n * blocks * (group / 2), 0);
  q.scales.assign(n * blocks, 0.0f);
  if (asymmetric)
    q.zeroPoints.assign(n * zeroBytes, 0);
  for (int64_t col = 0; col < n; ++col) {
    for (int64_t b = 0; b < blocks; ++b) {
      float lo = 0, hi = 0, maxAbs = 0;
      for (int64_t i = 0; i < group; ++i) {
        float v = w[(b * group + i) * n + col];
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        maxAbs = std::max(maxAbs, std::fabs(v));
      }
      float scale, zero = 8.0f, low = 1.0f, high = 15.0f;
      if (asymmetric) {
        scale = hi > lo ? (hi - lo) / 15.0f : 1.0f;
        zero = std::clamp(std::nearbyint(-lo / scale), 0.0f, 15.0f);
        low = 0.0f;
        q.zeroPoints[col * zeroBytes + b / 2] |=
            (uint8_t)((uint8_t)zero << (4 * (b % 2)));
      } else {
        scale = maxAbs > 0 ? maxAbs / 7.0f : 1.0f;
      }
      q.scales[col * blocks + b] = scale;
      for (int64_t i = 0; i < group; ++i) {
        float code = std::nearbyint(w[(b * group + i) * n + col] / scale);
        auto stored = (uint8_t)std::clamp(code + zero, low, high);
        q.codes[(col * blocks + b) * (group / 2) + i / 2] |=
            (uint8_t)(stored << (4 * (i % 2)));
      }
    }
  }
  return q;
}

ActivationQuantization int8ActivationFromRange(float lo, float hi) {
  lo = std::min(lo, 0.0f);
  hi = std::max(hi, 0.0f);
  ActivationQuantization q;
  // An all-zero activation has no range: any scale will do.
  q.scale = hi > lo ? (hi - lo) / 255.0f : 1.0f;
  q.zeroPoint = (int32_t)std::clamp(std::nearbyint(-128.0f - lo / q.scale),
                                    -128.0f, 127.0f);
  return q;
}

namespace {

/// Accumulates ||Y||, ||Yq|| and <Y, Yq> row by row.
struct ErrorSums {
  double diff = 0, ref = 0, got = 0, dot = 0;

  void add(double y, double yq) {
    diff += (y - yq) * (y - yq);
    ref += y * y;
    got += yq * yq;
    dot += y * yq;
  }
  LayerError result() const {
    LayerError e;
    e.epsilon = ref > 0 ? std::sqrt(diff / ref) : (diff > 0 ? 1.0 : 0.0);
    e.cosine = ref > 0 && got > 0 ? dot / std::sqrt(ref * got)
                                  : (diff > 0 ? 0.0 : 1.0);
    return e;
  }
};

} // namespace

LayerError int8LayerError(ArrayRef<float> x, int64_t rows,
                          const QuantizableProduct &product,
                          ActivationQuantization activation) {
  int64_t k = product.k, n = product.n;
  Int8Weights w = quantizeInt8PerColumn(product.weights, k, n);
  float inverse = 1.0f / activation.scale;
  ErrorSums sums;
  SmallVector<int32_t> codes(k);
  for (int64_t r = 0; r < rows; ++r) {
    const float *row = x.data() + r * k;
    // The generated code's rounding: x * (1 / scale), half to even.
    for (int64_t i = 0; i < k; ++i)
      codes[i] = (int32_t)std::clamp(
                     std::nearbyint(row[i] * inverse) +
                         (float)activation.zeroPoint,
                     -128.0f, 127.0f) -
                 activation.zeroPoint;
    for (int64_t col = 0; col < n; ++col) {
      double y = 0;
      int64_t acc = 0;
      for (int64_t i = 0; i < k; ++i) {
        y += (double)row[i] * product.weights[i * n + col];
        acc += (int64_t)codes[i] * w.codes[i * n + col];
      }
      sums.add(y, (double)acc * activation.scale * w.scales[col]);
    }
  }
  return sums.result();
}

LayerError int4LayerError(ArrayRef<float> x, int64_t rows,
                          const QuantizableProduct &product, int64_t group,
                          bool asymmetric,
                          std::optional<ActivationQuantization> activation) {
  int64_t k = product.k, n = product.n, blocks = k / group;
  int64_t zeroBytes = (blocks + 1) / 2;
  Int4Weights w =
      quantizeInt4Groups(product.weights, k, n, group, asymmetric);
  // The dequantized weights, [K, N] like product.weights.
  SmallVector<float> dequantized(k * n);
  for (int64_t col = 0; col < n; ++col)
    for (int64_t i = 0; i < k; ++i) {
      int64_t b = i / group, within = i % group;
      uint8_t byte = w.codes[(col * blocks + b) * (group / 2) + within / 2];
      int zero = 8;
      if (asymmetric) {
        uint8_t zeros = w.zeroPoints[col * zeroBytes + b / 2];
        zero = b % 2 ? zeros >> 4 : zeros & 15;
      }
      int code = (within % 2 ? byte >> 4 : byte & 15) - zero;
      dequantized[i * n + col] = (float)code * w.scales[col * blocks + b];
    }
  ErrorSums sums;
  SmallVector<float> input(k);
  for (int64_t r = 0; r < rows; ++r) {
    const float *row = x.data() + r * k;
    for (int64_t i = 0; i < k; ++i)
      input[i] = activation ? activation->scale *
                                  (std::clamp(std::nearbyint(
                                                  row[i] / activation->scale) +
                                                  activation->zeroPoint,
                                              -128.0f, 127.0f) -
                                   activation->zeroPoint)
                            : row[i];
    for (int64_t col = 0; col < n; ++col) {
      double y = 0, yq = 0;
      for (int64_t i = 0; i < k; ++i) {
        y += (double)row[i] * product.weights[i * n + col];
        yq += (double)input[i] * dequantized[i * n + col];
      }
      sums.add(y, yq);
    }
  }
  return sums.result();
}

} // namespace edgecc::quant
