//===- EdgeQuantOps.td - Integer (quantized) contractions --*- tablegen -*-===//
//
// Ops on 8-bit quantized operands that the float and elementwise ops cannot
// express. QuantizeLinear, DequantizeLinear and the requantisation of
// QLinear* nodes are elementwise and use edge.cast/div/mul/round/min/max;
// only the widening, zero-point-shifted contractions live here.
//
//===----------------------------------------------------------------------===//

#ifndef EDGE_QUANT_OPS_TD
#define EDGE_QUANT_OPS_TD

def Edge_MatMulIntegerOp : Edge_InferredOp<"matmul_integer"> {
  let summary = "numpy matmul of zero-point-shifted 8-bit operands, in int32";
  let description = [{
    (lhs - lhs_zero_point) @ (rhs - rhs_zero_point), each operand widened to
    int32 by its own signedness (int8 or uint8) before the zero point is
    subtracted; shapes as for edge.matmul (1-D promotion, broadcast batch
    dims). A zero point has the element type of the operand it shifts and
    broadcasts (numpy rules, rank at most the operand's) to that operand
    without varying along the contraction dim: a scalar for per-tensor
    quantization, [.., M, 1] for per-row lhs and [.., 1, N] or [N] for
    per-column rhs zero points.
  }];
  let arguments = (ins Edge_ByteTensor:$lhs, Edge_ByteTensor:$rhs,
                   Edge_ByteTensor:$lhs_zero_point,
                   Edge_ByteTensor:$rhs_zero_point);
  let results = (outs RankedTensorOf<[I32]>:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs `,` $lhs_zero_point `,` $rhs_zero_point attr-dict `:`
    functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// The result type for these operand types, or failure (reported at
    /// `loc` when given): the importer and the verifier share it.
    static ::mlir::FailureOr<::mlir::RankedTensorType>
    inferResultType(::mlir::Type lhs, ::mlir::Type rhs,
                    ::mlir::Type lhsZeroPoint, ::mlir::Type rhsZeroPoint,
                    std::optional<::mlir::Location> loc);
  }];
}

def Edge_MatMulNBitsOp : Edge_Op<"matmul_nbits", [Pure]> {
  let summary = "A @ W with W 4-bit block-quantized (ONNX Runtime's MatMulNBits)";
  let description = [{
    `weights` is uint8 [N, K / block_size, block_size / 2], two 4-bit codes
    per byte, low nibble first along K; `scales` holds N * K / block_size
    floats, `zero_points` (optional, default 8) N * ceil(blocks / 2) packed
    4-bit codes. W[k][n] = (code - zero_point) * scale of k's block. The
    lowering reads the codes in the inner loop: W is never expanded.
  }];
  let arguments = (ins Edge_FloatTensor:$input, RankedTensorOf<[UI8]>:$weights,
                   Edge_FloatTensor:$scales,
                   Optional<RankedTensorOf<[UI8]>>:$zero_points,
                   I64Attr:$block_size);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weights `,` $scales (`zero_points` $zero_points^)? attr-dict
    `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_MatMulW4A8Op : Edge_Op<"matmul_w4a8", [Pure]> {
  let summary = "8-bit activations @ 4-bit block-quantized weights (w4a8)";
  let description = [{
    `input` holds the activations' 8-bit codes with one `input_scale` and
    `input_zero_point` for the whole tensor (as DynamicQuantizeLinear makes
    them); `weights`, `scales`, `zero_points` (optional, default 8) and
    `block_size` are edge.matmul_nbits', with K a multiple of block_size.
    Each block of each column sums (x - x_zero) * (code - w_zero) in int32;
    result[.., n] = input_scale * sum over blocks of scale[n, block] * sum.
  }];
  let arguments = (ins Edge_ByteTensor:$input, Edge_FloatTensor:$input_scale,
                   Edge_ByteTensor:$input_zero_point,
                   RankedTensorOf<[UI8]>:$weights, Edge_FloatTensor:$scales,
                   Optional<RankedTensorOf<[UI8]>>:$zero_points,
                   I64Attr:$block_size);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $input_scale `,` $input_zero_point `,` $weights `,` $scales
    (`zero_points` $zero_points^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // EDGE_QUANT_OPS_TD
