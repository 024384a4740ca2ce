//===- EdgeElementwiseOps.td - Elementwise edge ops --------*- tablegen -*-===//
//
// Elementwise ops broadcast their operands the numpy way. Unary ops keep the
// input type; binary ops keep the (shared) element type; comparisons give
// bool. Activations with parameters carry them as attributes, so the importer
// never materialises scalar constants for them.
//
//===----------------------------------------------------------------------===//

#ifndef EDGE_ELEMENTWISE_OPS_TD
#define EDGE_ELEMENTWISE_OPS_TD

//===----------------------------------------------------------------------===//
// Binary arithmetic (same element type on both sides)
//===----------------------------------------------------------------------===//

class Edge_BinaryOp<string mnemonic, list<Trait> traits = []>
    : Edge_InferredOp<mnemonic, traits> {
  let arguments = (ins Edge_Tensor:$lhs, Edge_Tensor:$rhs);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Edge_AddOp : Edge_BinaryOp<"add", [Commutative]> { let summary = "A + B"; }
def Edge_SubOp : Edge_BinaryOp<"sub"> { let summary = "A - B"; }
def Edge_MulOp : Edge_BinaryOp<"mul", [Commutative]> { let summary = "A * B"; }
def Edge_DivOp : Edge_BinaryOp<"div"> {
  let summary = "A / B (integer division truncates toward zero)";
}
def Edge_PowOp : Edge_BinaryOp<"pow"> {
  let summary = "A ^ B (the importer casts B to A's element type)";
}
def Edge_MinOp : Edge_BinaryOp<"min", [Commutative]> {
  let summary = "min(A, B); NaN if either is NaN";
}
def Edge_MaxOp : Edge_BinaryOp<"max", [Commutative]> {
  let summary = "max(A, B); NaN if either is NaN";
}
def Edge_AndOp : Edge_BinaryOp<"and", [Commutative]> { let summary = "A and B (bool)"; }
def Edge_OrOp : Edge_BinaryOp<"or", [Commutative]> { let summary = "A or B (bool)"; }
def Edge_XorOp : Edge_BinaryOp<"xor", [Commutative]> { let summary = "A xor B (bool)"; }

//===----------------------------------------------------------------------===//
// Comparisons (bool results)
//===----------------------------------------------------------------------===//

class Edge_CompareOp<string mnemonic, list<Trait> traits = []>
    : Edge_InferredOp<mnemonic, traits> {
  let arguments = (ins Edge_Tensor:$lhs, Edge_Tensor:$rhs);
  let results = (outs RankedTensorOf<[I1]>:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Edge_EqualOp : Edge_CompareOp<"equal", [Commutative]> { let summary = "A == B"; }
def Edge_LessOp : Edge_CompareOp<"less"> { let summary = "A < B"; }
def Edge_LessEqualOp : Edge_CompareOp<"less_equal"> { let summary = "A <= B"; }
def Edge_GreaterOp : Edge_CompareOp<"greater"> { let summary = "A > B"; }
def Edge_GreaterEqualOp : Edge_CompareOp<"greater_equal"> { let summary = "A >= B"; }

def Edge_WhereOp : Edge_InferredOp<"where"> {
  let summary = "condition ? X : Y, all three broadcast";
  let arguments = (ins RankedTensorOf<[I1]>:$condition, Edge_Tensor:$x,
                   Edge_Tensor:$y);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = [{
    $condition `,` $x `,` $y attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Unary ops (result type = input type)
//===----------------------------------------------------------------------===//

class Edge_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Edge_InferredOp<mnemonic, traits> {
  let arguments = (ins Edge_Tensor:$input);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

class Edge_FloatUnaryOp<string mnemonic, list<Trait> traits = []>
    : Edge_UnaryOp<mnemonic, traits> {
  let arguments = (ins Edge_FloatTensor:$input);
  let results = (outs Edge_FloatTensor:$result);
}

def Edge_NegOp : Edge_UnaryOp<"neg"> { let summary = "-x"; let hasFolder = 1; }
def Edge_AbsOp : Edge_UnaryOp<"abs"> { let summary = "|x|"; }
def Edge_SignOp : Edge_UnaryOp<"sign"> { let summary = "-1, 0 or 1"; }
def Edge_NotOp : Edge_UnaryOp<"not"> { let summary = "logical not (bool)"; }
def Edge_ReluOp : Edge_UnaryOp<"relu"> { let summary = "max(x, 0)"; }

def Edge_ExpOp : Edge_FloatUnaryOp<"exp"> { let summary = "e^x"; }
def Edge_LogOp : Edge_FloatUnaryOp<"log"> { let summary = "natural logarithm"; }
def Edge_SqrtOp : Edge_FloatUnaryOp<"sqrt"> { let summary = "square root"; }
def Edge_ReciprocalOp : Edge_FloatUnaryOp<"reciprocal"> { let summary = "1 / x"; }
def Edge_TanhOp : Edge_FloatUnaryOp<"tanh"> { let summary = "tanh(x)"; }
def Edge_SigmoidOp : Edge_FloatUnaryOp<"sigmoid"> { let summary = "1 / (1 + e^-x)"; }
def Edge_ErfOp : Edge_FloatUnaryOp<"erf"> { let summary = "the error function"; }
def Edge_SinOp : Edge_FloatUnaryOp<"sin"> { let summary = "sin(x)"; }
def Edge_CosOp : Edge_FloatUnaryOp<"cos"> { let summary = "cos(x)"; }
def Edge_FloorOp : Edge_FloatUnaryOp<"floor"> { let summary = "round down"; }
def Edge_CeilOp : Edge_FloatUnaryOp<"ceil"> { let summary = "round up"; }
def Edge_RoundOp : Edge_FloatUnaryOp<"round"> {
  let summary = "round to nearest, ties to even";
}
def Edge_SoftplusOp : Edge_FloatUnaryOp<"softplus"> { let summary = "log(1 + e^x)"; }
def Edge_SoftsignOp : Edge_FloatUnaryOp<"softsign"> { let summary = "x / (1 + |x|)"; }
def Edge_MishOp : Edge_FloatUnaryOp<"mish"> { let summary = "x * tanh(softplus(x))"; }
def Edge_HardSwishOp : Edge_FloatUnaryOp<"hard_swish"> {
  let summary = "x * max(0, min(1, x / 6 + 1/2))";
}

def Edge_LeakyReluOp : Edge_FloatUnaryOp<"leaky_relu"> {
  let summary = "x < 0 ? alpha * x : x";
  let arguments = (ins Edge_FloatTensor:$input, F32Attr:$alpha);
}
def Edge_EluOp : Edge_FloatUnaryOp<"elu"> {
  let summary = "x < 0 ? alpha * (e^x - 1) : x";
  let arguments = (ins Edge_FloatTensor:$input, F32Attr:$alpha);
}
def Edge_SeluOp : Edge_FloatUnaryOp<"selu"> {
  let summary = "gamma * (x <= 0 ? alpha * (e^x - 1) : x)";
  let arguments = (ins Edge_FloatTensor:$input, F32Attr:$alpha, F32Attr:$gamma);
}
def Edge_HardSigmoidOp : Edge_FloatUnaryOp<"hard_sigmoid"> {
  let summary = "max(0, min(1, alpha * x + beta))";
  let arguments = (ins Edge_FloatTensor:$input, F32Attr:$alpha, F32Attr:$beta);
}
def Edge_GeluOp : Edge_FloatUnaryOp<"gelu"> {
  let summary = "x * Phi(x): exact (erf) form, or the tanh approximation";
  let arguments = (ins Edge_FloatTensor:$input, BoolAttr:$tanh_approximation);
}
def Edge_SiluOp : Edge_FloatUnaryOp<"silu"> {
  let summary = "x * sigmoid(x) (SiLU, Swish with beta 1)";
  let description = [{
    Not an ONNX op: edge-fuse-activations makes it from the exported
    `x * Sigmoid(x)`, so that it lowers to one loop with one exponential.
  }];
}
def Edge_SwiGluOp : Edge_InferredOp<"swiglu"> {
  let summary = "silu(gate) * up, the two broadcast (LLaMA's gated MLP)";
  let description = [{
    Made by edge-fuse-activations from `SiLU(x W1) * (x W3)`; the two
    products stay matmuls of their own, this is the gate between them.
  }];
  let arguments = (ins Edge_FloatTensor:$gate, Edge_FloatTensor:$up);
  let results = (outs Edge_FloatTensor:$result);
  let assemblyFormat = "$gate `,` $up attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Casts
//===----------------------------------------------------------------------===//

def Edge_CastOp : Edge_Op<"cast", [Pure]> {
  let summary = "converts each element to the result's element type";
  let description = [{
    Float to integer truncates toward zero; anything to bool is `x != 0`;
    bool to a number gives 0 or 1; integers are extended by their own
    signedness or truncated.
  }];
  let arguments = (ins Edge_Tensor:$input);
  let results = (outs Edge_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // EDGE_ELEMENTWISE_OPS_TD
