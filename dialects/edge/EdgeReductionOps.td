//===- EdgeReductionOps.td - Reductions and softmax --------*- tablegen -*-===//
//
// Reductions carry their axes already normalised (sorted, non-negative,
// never empty): the importer resolves ONNX's axes input or attribute, the
// opset-18 axes-as-input form and noop_with_empty_axes.
//
//===----------------------------------------------------------------------===//

#ifndef EDGE_REDUCTION_OPS_TD
#define EDGE_REDUCTION_OPS_TD

class Edge_ReduceOp<string mnemonic, string what>
    : Edge_InferredOp<mnemonic> {
  let summary = "reduces the axes with " # what;
  let arguments = (ins Edge_Tensor:$input, DenseI64ArrayAttr:$axes,
                   BoolAttr:$keepdims);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Edge_ReduceSumOp : Edge_ReduceOp<"reduce_sum", "a sum">;
def Edge_ReduceMeanOp : Edge_ReduceOp<"reduce_mean", "the mean">;
def Edge_ReduceMaxOp : Edge_ReduceOp<"reduce_max", "the maximum">;
def Edge_ReduceMinOp : Edge_ReduceOp<"reduce_min", "the minimum">;
def Edge_ReduceProdOp : Edge_ReduceOp<"reduce_prod", "a product">;
def Edge_ReduceSumSquareOp
    : Edge_ReduceOp<"reduce_sum_square", "a sum of squares">;
def Edge_ReduceL1Op : Edge_ReduceOp<"reduce_l1", "a sum of absolute values">;
def Edge_ReduceL2Op : Edge_ReduceOp<"reduce_l2", "the Euclidean norm">;
def Edge_ReduceLogSumOp : Edge_ReduceOp<"reduce_log_sum", "log of the sum">;
def Edge_ReduceLogSumExpOp
    : Edge_ReduceOp<"reduce_log_sum_exp", "log of the sum of exponentials">;

class Edge_ArgReduceOp<string mnemonic, string what>
    : Edge_InferredOp<mnemonic> {
  let summary = "index (int64) of the " # what # " along one axis";
  let description = [{
    Ties give the first index, or the last with `select_last_index`.
  }];
  let arguments = (ins Edge_Tensor:$input, I64Attr:$axis, BoolAttr:$keepdims,
                   BoolAttr:$select_last_index);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Edge_ArgMaxOp : Edge_ArgReduceOp<"argmax", "maximum">;
def Edge_ArgMinOp : Edge_ArgReduceOp<"argmin", "minimum">;

def Edge_SoftmaxOp : Edge_InferredOp<"softmax"> {
  let summary = "softmax along one axis (opset 13 semantics)";
  let arguments = (ins Edge_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Edge_LogSoftmaxOp : Edge_InferredOp<"log_softmax"> {
  let summary = "log(softmax(x)) along one axis, as x - max - log(sum(e^(x - max)))";
  let arguments = (ins Edge_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

#endif // EDGE_REDUCTION_OPS_TD
