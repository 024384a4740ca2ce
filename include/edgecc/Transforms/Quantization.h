//===- Quantization.h - edgecc's own quantization arithmetic ------*- C++ -*-===//
//
// The one definition of how edgecc quantizes a float product x @ W: which
// products qualify, how weights become int8 or int4 codes, how a calibrated
// activation range becomes an int8 scale and zero point, and what error that
// leaves on one layer. QuantizeWeights rewrites the graph with these
// functions, and calibration predicts each layer's error with the same ones,
// so the prediction is about the code that is generated.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TRANSFORMS_QUANTIZATION_H
#define EDGECC_TRANSFORMS_QUANTIZATION_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace edgecc::quant {

/// Discardable attributes calibration puts on a product before
/// QuantizeWeights runs: the activation range [lo, hi] it measured (a
/// DenseF32ArrayAttr), and that the product stays in float.
inline constexpr llvm::StringLiteral kActivationRangeAttr =
    "edge.activation_range";
inline constexpr llvm::StringLiteral kKeepFloatAttr = "edge.keep_float";

/// A float32 edge.matmul with a 2-D constant right operand, an edge.gemm
/// with constant B, untransposed A and alpha 1, or an edge.conv with
/// constant filters: the products --quantize rewrites. `weights` is W
/// [K, N] row-major with N the output channels: Gemm's transB undone, a
/// Conv's filters [M, C / group, kernel...] as [C / group * kernel, M].
struct QuantizableProduct {
  mlir::Operation *op = nullptr;
  mlir::Value input;
  llvm::SmallVector<float> weights;
  int64_t k = 0, n = 0;
};

std::optional<QuantizableProduct> matchQuantizableProduct(mlir::Operation *op);

/// Whether int4 (and w4a8) applies: MatMulNBits' products, not convolutions,
/// with K a multiple of the group.
bool isInt4Quantizable(const QuantizableProduct &product, int64_t group);

/// Whether the layer error below can be predicted: rows of x times W, not a
/// convolution's windows.
bool isMatrixProduct(const QuantizableProduct &product);

/// Every quantizable product of `root`, in walk order (the order is the
/// identity of a product between a module and its clone).
llvm::SmallVector<QuantizableProduct> collectQuantizableProducts(
    mlir::Operation *root);

/// W [K, N] as int8, symmetric per output column: scale = max_k |W| / 127.
struct Int8Weights {
  llvm::SmallVector<int8_t> codes; // [K, N]
  llvm::SmallVector<float> scales; // [N]
};
Int8Weights quantizeInt8PerColumn(llvm::ArrayRef<float> w, int64_t k,
                                  int64_t n);

/// W [K, N] as 4-bit codes per group of `group` rows of a column, in ONNX
/// Runtime's MatMulNBits layout: [N, K / group, group / 2] bytes, low nibble
/// first, and one scale per (column, group). Symmetric: scale = max |w| / 7,
/// codes -7..7 stored with the implicit zero point 8. Asymmetric: the
/// group's [min, max] widened to include 0 over 0..15, scale = (max - min)
/// / 15, and one 4-bit zero point per group, packed two per byte by column
/// ([N, ceil(groups / 2)]).
struct Int4Weights {
  llvm::SmallVector<uint8_t> codes;
  llvm::SmallVector<float> scales;     // [N * K / group]
  llvm::SmallVector<uint8_t> zeroPoints; // asymmetric only
};
Int4Weights quantizeInt4Groups(llvm::ArrayRef<float> w, int64_t k, int64_t n,
                               int64_t group, bool asymmetric = false);

/// Per-tensor asymmetric int8 for a static activation range: the range is
/// widened to include 0 (so that zero is exact, as padding and ReLU need),
/// scale = (hi - lo) / 255 and q = clamp(round(x / scale) + zeroPoint,
/// -128, 127).
struct ActivationQuantization {
  float scale = 1.0f;
  int32_t zeroPoint = 0;
};
ActivationQuantization int8ActivationFromRange(float lo, float hi);

/// One layer's error with float input rows `x` [rows, K]: the float product
/// against the product edgecc generates (int8: static activations with
/// `activation` and int8 weights; int4: float activations and int4 group
/// weights). epsilon = ||Y - Yq||_2 / ||Y||_2; cosine of Y and Yq.
struct LayerError {
  double epsilon = 0, cosine = 1;
};
LayerError int8LayerError(llvm::ArrayRef<float> x, int64_t rows,
                          const QuantizableProduct &product,
                          ActivationQuantization activation);
/// With `activation`, x is quantized too (w4a8; the run-time range is
/// predicted by the calibrated one).
LayerError int4LayerError(
    llvm::ArrayRef<float> x, int64_t rows, const QuantizableProduct &product,
    int64_t group, bool asymmetric,
    std::optional<ActivationQuantization> activation = std::nullopt);

} // namespace edgecc::quant

#endif // EDGECC_TRANSFORMS_QUANTIZATION_H
