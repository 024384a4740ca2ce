//===- Passes.td - edgecc graph transforms on the edge dialect -*- tablegen -*-===//

#ifndef EDGECC_TRANSFORMS_PASSES
#define EDGECC_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def FuseAttention : Pass<"edge-fuse-attention", "mlir::ModuleOp"> {
  let summary = "Recognises scaled dot-product attention and fuses it into edge.attention";
  let description = [{
    Matches MatMul(Q, K^T), an optional scale (Mul or Div by a scalar
    constant), an optional mask (Add of a bias, or Where(keep, scores, fill)
    with a scalar fill), Softmax over the last dim and MatMul(probabilities,
    V), where every intermediate has no other user, and replaces the chain
    with one edge.attention. Its lowering streams over the query rows and
    never stores the sequence x sequence scores.
  }];
  let dependentDialects = ["edgecc::edge::EdgeDialect"];
}

def FuseActivations : Pass<"edge-fuse-activations", "mlir::ModuleOp"> {
  let summary = "Recognises exported Gelu (erf and tanh forms), SiLU and SwiGLU";
  let description = [{
    Gelu, erf form: x * 0.5 * (1 + Erf(x / 1.4142)) with the argument as Div
    by sqrt 2 or Mul by 1/sqrt 2 and the halving (Mul 0.5 or Div 2) on x, on
    (1 + erf) or on the product; tanh form: 0.5 * x * (1 + Tanh(0.79788 *
    (x + 0.044715 * x^3))) with x^3 as Pow(x, 3) or x * x * x. Both become
    edge.gelu. x * Sigmoid(x) becomes edge.silu, and silu(a) * b with a and b
    of one type becomes edge.swiglu (LLaMA's gate between its two up
    projections). Operands may come in either order; irrational constants
    must be within a relative 1e-4, and every intermediate must have no other
    user.
  }];
  let dependentDialects = ["edgecc::edge::EdgeDialect"];
}

def FuseNormalization : Pass<"edge-fuse-normalization", "mlir::ModuleOp"> {
  let summary = "Recognises decomposed LayerNorm and RMSNorm and fuses them into edge.normalize";
  let description = [{
    LayerNorm: ReduceMean, Sub, a square (Mul or Pow 2), ReduceMean, Add
    epsilon, Sqrt, then Div, or Reciprocal and Mul; RMSNorm: the same without
    the centring. An affine Mul by a scale vector and Add of a bias vector
    after it are taken in. Reductions must be over the last dim with
    keepdims, and every intermediate must have no other user (the centred
    value has exactly its two).
  }];
  let dependentDialects = ["edgecc::edge::EdgeDialect"];
}

def FoldQuantizedMatMul : Pass<"edge-fold-quantized-matmul", "mlir::ModuleOp"> {
  let summary = "Runs MatMul between two DequantizeLinear results in integers";
  let description = [{
    In QDQ models a MatMul reads DequantizeLinear(x_q) and
    DequantizeLinear(w_q), which the importer spells (cast(q) - cast(zero))
    * scale. With per-tensor parameters for x and per-tensor or per-column
    ones for the 2-D weights, the product is
    scale_x * scale_w[n] * ((x_q - z_x) @ (w_q - z_w))[.., n]: one
    edge.matmul_integer (int32 accumulation) and one multiply. The 8-bit
    weights then stay 8-bit in .rodata instead of being folded to float.
    Runs before the first canonicalization, which would fold the weights'
    dequantization into a float constant.
  }];
  let dependentDialects = ["edgecc::edge::EdgeDialect"];
}

def QuantizeWeights : Pass<"edge-quantize-weights", "mlir::ModuleOp"> {
  let summary = "Quantizes constant MatMul/Gemm weights: int4 weight-only, or int8 with dynamic activations";
  let description = [{
    `--quantize=int4`: every float32 edge.matmul whose right operand is a
    2-D constant [K, N] (and every Gemm with a constant B and alpha 1, B
    transposed at compile time if needed, beta * C added after) with K a
    multiple of the group gets its weights
    quantized symmetrically per group of `group` elements along K (scale =
    max |w| / 7, codes -7..7 stored with the implicit zero point 8), packed
    two codes per byte in ONNX Runtime's MatMulNBits layout, and becomes
    edge.matmul_nbits: about an eighth of the float bytes plus one float
    scale per group. With `asymmetric`, each group's [min, max] (widened
    to include 0) maps onto codes 0..15 with a 4-bit zero point per group,
    packed as MatMulNBits' zero_points input. With `int8-activations`
    (`--quantize=w4a8`) the activation is also quantized to uint8 per
    tensor at run time and the product is edge.matmul_w4a8: int32 sums per
    block, one float scale per block.

    `--quantize=int8` (bits = 8): the weights become int8, symmetric per
    output column, and the activation is quantized to uint8 per tensor at
    run time (min/max including 0, as DynamicQuantizeLinear), so the product
    runs as edge.matmul_integer with one float rescale per column. A Conv
    with constant filters gets int8 filters per output channel and runs as
    edge.conv_integer. A product carrying `edge.activation_range`
    (calibration) quantizes its activation to int8 with that static range
    instead; one carrying `edge.keep_float` stays float.
  }];
  let options = [
    Option<"bits", "bits", "unsigned", "4", "4 (weight-only) or 8 (dynamic)">,
    Option<"group", "group", "int64_t", "32", "elements of K per scale (int4)">,
    Option<"asymmetric", "asymmetric", "bool", "false",
           "int4 with a 4-bit zero point per group (range [min, max])">,
    Option<"int8Activations", "int8-activations", "bool", "false",
           "int4 weights with activations quantized at run time (w4a8)">
  ];
  let dependentDialects = ["edgecc::edge::EdgeDialect"];
}

#endif // EDGECC_TRANSFORMS_PASSES
