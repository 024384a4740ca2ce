//===- Passes.td - edgecc conversion passes ----------------*- tablegen -*-===//

#ifndef EDGECC_CONVERSION_PASSES
#define EDGECC_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertEdgeToLinalg : Pass<"convert-edge-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lowers edge ops to linalg, tensor, arith and math on tensors";
  let description = [{
    One pattern file per op family (lib/Conversion/EdgeToLinalg/). Function
    signatures are rewritten to signless element types (uint8 becomes i8; the
    unsigned meaning is kept by the ops chosen for it).
  }];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect", "mlir::math::MathDialect",
    "mlir::func::FuncDialect", "mlir::scf::SCFDialect",
    "mlir::vector::VectorDialect"
  ];
}

#endif // EDGECC_CONVERSION_PASSES
