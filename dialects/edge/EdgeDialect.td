//===- EdgeDialect.td - The edge dialect -------------------*- tablegen -*-===//
//
// Tensor ops with ONNX semantics. The importer normalises opset differences, so
// each op here has one meaning, whatever opset the model was exported with.
//
//===----------------------------------------------------------------------===//

#ifndef EDGE_DIALECT_TD
#define EDGE_DIALECT_TD

include "mlir/IR/OpBase.td"

def Edge_Dialect : Dialect {
  let name = "edge";
  let summary = "ONNX-semantics tensor ops of the edgecc compiler";
  let cppNamespace = "::edgecc::edge";
  let hasConstantMaterializer = 1;
}

class Edge_Op<string mnemonic, list<Trait> traits = []>
    : Op<Edge_Dialect, mnemonic, traits>;

// Element types edgecc carries: float32, int64, int32, int8 (signless = signed),
// uint8 (unsigned), bool.
def Edge_ElementType : AnyTypeOf<[F32, I64, I32, I8, UI8, I1]>;
def Edge_Tensor : RankedTensorOf<[F32, I64, I32, I8, UI8, I1]>;
def Edge_FloatTensor : RankedTensorOf<[F32]>;
def Edge_IndexTensor : RankedTensorOf<[I64, I32]>;

#endif // EDGE_DIALECT_TD
