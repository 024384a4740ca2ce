//===- EdgeOps.td - Ops of the edge dialect ----------------*- tablegen -*-===//
//
// Every op infers its result type from its operands and attributes (ONNX shape
// inference, done here because libonnx only knows opsets up to 17), so the
// importer never guesses a type and the verifier checks every shape.
//
//===----------------------------------------------------------------------===//

#ifndef EDGE_OPS_TD
#define EDGE_OPS_TD

include "EdgeDialect.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

class Edge_InferredOp<string mnemonic, list<Trait> traits = []>
    : Edge_Op<mnemonic, !listconcat(traits,
        [Pure, InferTypeOpAdaptor])>;

//===----------------------------------------------------------------------===//
// Constants and weights
//===----------------------------------------------------------------------===//

def Edge_ConstantOp : Edge_Op<"constant",
    [ConstantLike, Pure, AllTypesMatch<["value", "result"]>]> {
  let summary = "a constant tensor: a weight (initializer) or an ONNX Constant";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def Edge_MatMulOp : Edge_InferredOp<"matmul"> {
  let summary = "numpy matmul: batched, with broadcast batch dims and 1-D promotion";
  let arguments = (ins Edge_Tensor:$lhs, Edge_Tensor:$rhs);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def Edge_GemmOp : Edge_InferredOp<"gemm"> {
  let summary = "alpha * op(A) @ op(B) + beta * C, C broadcast to [M, N]";
  let arguments = (ins Edge_Tensor:$a, Edge_Tensor:$b, Optional<Edge_Tensor>:$c,
                   DefaultValuedAttr<F32Attr, "1.0">:$alpha,
                   DefaultValuedAttr<F32Attr, "1.0">:$beta,
                   DefaultValuedAttr<BoolAttr, "false">:$transA,
                   DefaultValuedAttr<BoolAttr, "false">:$transB);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = [{
    $a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)
  }];
}

include "EdgeElementwiseOps.td"
include "EdgeReductionOps.td"
include "EdgeDataMovementOps.td"
include "EdgeNNOps.td"
include "EdgeFusedOps.td"
include "EdgeQuantOps.td"

#endif // EDGE_OPS_TD
