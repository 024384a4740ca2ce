//===- EdgeDataMovementOps.td - Reshaping, slicing, gathering -*- tablegen -*-===//
//
// Ops that move elements without arithmetic. Shape-like operands (ONNX's
// shape, starts, repeats, ... inputs) are attributes here: edgecc compiles
// static graphs, and the importer folds or binds those inputs first.
//
//===----------------------------------------------------------------------===//

#ifndef EDGE_DATA_MOVEMENT_OPS_TD
#define EDGE_DATA_MOVEMENT_OPS_TD

def Edge_ReshapeOp : Edge_Op<"reshape", [Pure]> {
  let summary = "reinterprets the elements in a new static shape";
  let description = [{
    The importer resolves ONNX's shape input (0 copies a dim, -1 is inferred)
    into the static result type, so the op needs no shape operand.
  }];
  let arguments = (ins Edge_Tensor:$input);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Edge_TransposeOp : Edge_InferredOp<"transpose"> {
  let summary = "permutes the dims: result dim i is input dim perm[i]";
  let arguments = (ins Edge_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}


def Edge_ConcatOp : Edge_InferredOp<"concat"> {
  let summary = "joins the inputs along `axis`";
  let arguments = (ins Variadic<Edge_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Edge_SliceOp : Edge_InferredOp<"slice"> {
  let summary = "result[i] = input[starts + i * steps] in every dim";
  let description = [{
    `starts`, `sizes` and `steps` have one entry per dim; steps may be
    negative (walking backwards from `starts`) but never zero. The importer
    clamps ONNX's starts/ends into these exact, in-bounds values.
  }];
  let arguments = (ins Edge_Tensor:$input, DenseI64ArrayAttr:$starts,
                   DenseI64ArrayAttr:$sizes, DenseI64ArrayAttr:$steps);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Edge_GatherOp : Edge_InferredOp<"gather"> {
  let summary = "picks slices of `data` along `axis` by `indices` (negative from the end)";
  let arguments = (ins Edge_Tensor:$data, Edge_IndexTensor:$indices,
                   I64Attr:$axis);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$data `,` $indices attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Edge_GatherElementsOp : Edge_InferredOp<"gather_elements"> {
  let summary = "result[i] = data[i with dim `axis` replaced by indices[i]]";
  let arguments = (ins Edge_Tensor:$data, Edge_IndexTensor:$indices,
                   I64Attr:$axis);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$data `,` $indices attr-dict `:` functional-type(operands, results)";
}

def Edge_BroadcastOp : Edge_InferredOp<"broadcast"> {
  let summary = "ONNX Expand: broadcasts the input against `shape`";
  let arguments = (ins Edge_Tensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Edge_TileOp : Edge_InferredOp<"tile"> {
  let summary = "repeats the input `repeats[d]` times along each dim d";
  let arguments = (ins Edge_Tensor:$input, DenseI64ArrayAttr:$repeats);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Edge_TriluOp : Edge_InferredOp<"trilu"> {
  let summary = "keeps the upper (j - i >= k) or lower (j - i <= k) triangle of the last two dims";
  let arguments = (ins Edge_Tensor:$input, I64Attr:$k, BoolAttr:$upper);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

#endif // EDGE_DATA_MOVEMENT_OPS_TD
