//===- EdgeFusedOps.td - Ops formed by graph fusion --------*- tablegen -*-===//
//
// The importer never makes these: lib/Transforms recognises the patterns
// exporters emit and replaces them, so their lowerings can do better than
// the sum of the parts.
//
//===----------------------------------------------------------------------===//

#ifndef EDGE_FUSED_OPS_TD
#define EDGE_FUSED_OPS_TD

def Edge_AttentionOp : Edge_InferredOp<"attention", [AttrSizedOperandSegments]> {
  let summary = "softmax(mask(scale * Q @ K^T)) @ V without storing the scores";
  let description = [{
    `query` is [batch..., S, D], `key_t` (K transposed) [batch..., D, T] and
    `value` [batch..., T, Dv], with the same batch dims; the result is
    [batch..., S, Dv]. The scores are multiplied by `scale`, then either
    `bias` is added or, where `keep` is false, replaced by `fill`; `bias` and
    `keep` broadcast to [batch..., S, T]. Softmax runs over T.
  }];
  let arguments = (ins Edge_FloatTensor:$query, Edge_FloatTensor:$key_t,
                   Edge_FloatTensor:$value,
                   Optional<Edge_FloatTensor>:$bias,
                   Optional<RankedTensorOf<[I1]>>:$keep,
                   F32Attr:$scale, F32Attr:$fill);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = [{
    $query `,` $key_t `,` $value (`bias` $bias^)? (`keep` $keep^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def Edge_NormalizeOp : Edge_InferredOp<"normalize", [AttrSizedOperandSegments]> {
  let summary = "LayerNorm (center) or RMSNorm over the last dim, one pass per row";
  let description = [{
    y = (x - mean) / sqrt(var + epsilon) * scale + bias with `center`
    (LayerNorm), or x / sqrt(mean(x^2) + epsilon) * scale without (RMSNorm),
    all over the last dim. `scale` and `bias` are optional vectors of that
    dim's size (or of one element).
  }];
  let arguments = (ins Edge_FloatTensor:$input,
                   Optional<Edge_FloatTensor>:$scale,
                   Optional<Edge_FloatTensor>:$bias,
                   BoolAttr:$center, F32Attr:$epsilon);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`scale` $scale^)? (`bias` $bias^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

#endif // EDGE_FUSED_OPS_TD
