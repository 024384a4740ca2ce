//===- EdgeNNOps.td - Convolution, pooling, padding --------*- tablegen -*-===//
//
// Ops on NCHW-style feature maps and their relatives. Spatial attributes
// (strides, dilations, kernel_shape) have one entry per spatial dim; `pads`
// has two per dim, all begins then all ends, as in ONNX. The importer
// resolves auto_pad into explicit pads and fills in every default, so each
// op here carries its complete geometry.
//
//===----------------------------------------------------------------------===//

#ifndef EDGE_NN_OPS_TD
#define EDGE_NN_OPS_TD

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

def Edge_ConvOp : Edge_InferredOp<"conv"> {
  let summary = "grouped N-d convolution (cross-correlation) with optional bias";
  let description = [{
    input [N, C, D...], weight [M, C / group, K...], bias [M]; the result is
    [N, M, O...] with O = (D + pad_begin + pad_end - dilation * (K - 1) - 1)
    / stride + 1. Padded elements are zero.
  }];
  let arguments = (ins Edge_FloatTensor:$input, Edge_FloatTensor:$weight,
                   Optional<Edge_FloatTensor>:$bias,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads, I64Attr:$group);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def Edge_ByteTensor : RankedTensorOf<[I8, UI8]>;

def Edge_ConvIntegerOp : Edge_InferredOp<"conv_integer"> {
  let summary = "8-bit convolution of zero-point-shifted operands, in int32";
  let description = [{
    (input - input_zero_point) convolved with (weight - weight_zero_point[m]),
    accumulated in int32; each operand is int8 or uint8 on its own.
    input_zero_point has one element of the input's type, weight_zero_point
    one or M of the weight's type. Padded elements equal input_zero_point,
    so they add nothing. Geometry as for edge.conv.
  }];
  let arguments = (ins Edge_ByteTensor:$input, Edge_ByteTensor:$weight,
                   Edge_ByteTensor:$input_zero_point,
                   Edge_ByteTensor:$weight_zero_point,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads, I64Attr:$group);
  let results = (outs RankedTensorOf<[I32]>:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $input_zero_point `,` $weight_zero_point attr-dict
    `:` functional-type(operands, results)
  }];
}

class Edge_PoolOp<string mnemonic, Type tensorType, dag extraArgs = (ins)>
    : Edge_InferredOp<mnemonic> {
  let arguments = !con((ins tensorType:$input,
                        DenseI64ArrayAttr:$kernel_shape,
                        DenseI64ArrayAttr:$strides,
                        DenseI64ArrayAttr:$dilations,
                        DenseI64ArrayAttr:$pads, BoolAttr:$ceil_mode),
                       extraArgs);
  let results = (outs tensorType:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Edge_MaxPoolOp : Edge_PoolOp<"max_pool", Edge_Tensor> {
  let summary = "maximum over each window; padding never wins";
  let description = [{
    Windows are placed as for a convolution; with `ceil_mode` the output
    size rounds up, but a window starting past the padded input is dropped.
  }];
}

def Edge_MaxPoolWithIndicesOp
    : Edge_PoolOp<"max_pool_with_indices", Edge_Tensor,
                  (ins BoolAttr:$column_major)> {
  let summary = "max_pool that also gives where each maximum came from";
  let description = [{
    `indices` holds the flat (int64) index of each maximum in the unpadded
    input: row-major over [N, C, D...], or with `column_major` the spatial
    dims column-major inside each [n, c] plane. Ties give the first element
    in row-major window order.
  }];
  let results = (outs Edge_Tensor:$result, RankedTensorOf<[I64]>:$indices);
}

def Edge_AveragePoolOp : Edge_PoolOp<"average_pool", Edge_FloatTensor,
                                     (ins BoolAttr:$count_include_pad)> {
  let summary = "mean over each window";
  let description = [{
    With `count_include_pad` the divisor counts the explicit pads (but not
    the extra positions `ceil_mode` adds); otherwise only input elements.
  }];
}

//===----------------------------------------------------------------------===//
// Padding
//===----------------------------------------------------------------------===//

def Edge_PadOp : Edge_InferredOp<"pad"> {
  let summary = "pads (or, with negative pads, crops) every dim";
  let description = [{
    `pads` holds all begins then all ends, one per dim. Negative pads crop
    first; the others then grow what is left by `mode`: "constant" (fill
    with `value`, of the element type), "reflect" (mirror without repeating
    the border), "edge" (repeat the border) or "wrap" (continue
    periodically, at most one period).
  }];
  let arguments = (ins Edge_Tensor:$input, DenseI64ArrayAttr:$pads,
                   StrAttr:$mode, TypedAttrInterface:$value);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Einsum and cumulative sum
//===----------------------------------------------------------------------===//

def Edge_EinsumOp : Edge_InferredOp<"einsum"> {
  let summary = "Einstein summation in explicit form";
  let description = [{
    The equation is normalised by the importer: no spaces, no ellipsis (its
    dims get letters of their own) and always an explicit `->` output, e.g.
    "bij,bjk->bik". Letters missing from the output are summed over.
  }];
  let arguments = (ins Variadic<Edge_Tensor>:$inputs, StrAttr:$equation);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
}

def Edge_CumSumOp : Edge_InferredOp<"cumsum"> {
  let summary = "running sum along `axis`, maybe exclusive and/or reversed";
  let arguments = (ins Edge_Tensor:$input, I64Attr:$axis, BoolAttr:$exclusive,
                   BoolAttr:$reverse);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalisation over channels
//===----------------------------------------------------------------------===//

def Edge_BatchNormOp : Edge_InferredOp<"batch_norm"> {
  let summary = "inference batch normalisation with running statistics";
  let description = [{
    (x - mean[c]) / sqrt(var[c] + epsilon) * scale[c] + bias[c], where c is
    dim 1 of the input and the four statistics are [C].
  }];
  let arguments = (ins Edge_FloatTensor:$input, Edge_FloatTensor:$scale,
                   Edge_FloatTensor:$bias, Edge_FloatTensor:$mean,
                   Edge_FloatTensor:$variance, F32Attr:$epsilon);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $variance attr-dict `:`
    functional-type(operands, results)
  }];
}

def Edge_InstanceNormOp : Edge_InferredOp<"instance_norm"> {
  let summary = "normalises each [n, c] plane by its own mean and variance";
  let description = [{
    (x - mean) / sqrt(var + epsilon) * scale[c] + bias[c], with the mean and
    (biased) variance taken over the spatial dims of each [n, c].
  }];
  let arguments = (ins Edge_FloatTensor:$input, Edge_FloatTensor:$scale,
                   Edge_FloatTensor:$bias, F32Attr:$epsilon);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias attr-dict `:` functional-type(operands, results)
  }];
}

#endif // EDGE_NN_OPS_TD
