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
// Elementwise ops with multidirectional (numpy) broadcasting
//===----------------------------------------------------------------------===//

class Edge_BinaryOp<string mnemonic, list<Trait> traits = []>
    : Edge_InferredOp<mnemonic, traits> {
  let arguments = (ins Edge_Tensor:$lhs, Edge_Tensor:$rhs);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def Edge_AddOp : Edge_BinaryOp<"add", [Commutative]> { let summary = "A + B"; }
def Edge_SubOp : Edge_BinaryOp<"sub"> { let summary = "A - B"; }
def Edge_MulOp : Edge_BinaryOp<"mul", [Commutative]> { let summary = "A * B"; }
def Edge_DivOp : Edge_BinaryOp<"div"> {
  let summary = "A / B (integer division truncates toward zero)";
}

class Edge_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Edge_InferredOp<mnemonic, traits> {
  let arguments = (ins Edge_Tensor:$input);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Edge_ReluOp : Edge_UnaryOp<"relu"> { let summary = "max(x, 0)"; }

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

//===----------------------------------------------------------------------===//
// Normalisations
//===----------------------------------------------------------------------===//

def Edge_SoftmaxOp : Edge_InferredOp<"softmax"> {
  let summary = "softmax along one axis (opset 13 semantics)";
  let arguments = (ins Edge_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

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

#endif // EDGE_OPS_TD
