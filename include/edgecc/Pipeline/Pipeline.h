//===- Pipeline.h - The edgecc compilation pipelines -------------*- C++ -*-===//
//
// The compiler as named pipelines over one options struct: read top to bottom,
// each is the table of contents of its stage.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_PIPELINE_PIPELINE_H
#define EDGECC_PIPELINE_PIPELINE_H

#include "mlir/Pass/PassManager.h"

namespace edgecc {

struct CompilerOptions {
  /// -O0..-O3: 0 skips fusion and runs LLVM without optimisation.
  unsigned optLevel = 2;
  /// Byte alignment of every buffer in the arena (and of the arena itself).
  int64_t arenaAlignment = 64;
  /// Print each kernel after fusion with the ONNX nodes it computes.
  bool printDispatches = false;
  /// Quantization of constant MatMul/Gemm weights: 0 (none), 4 (int4
  /// weight-only) or 8 (int8 weights, activations quantized at run time).
  unsigned quantizeBits = 0;
  /// Elements per scale along K for --quantize=int4.
  int64_t quantizeGroup = 32;
  /// --quantize=int4 with a zero point per group (asymmetric ranges).
  bool quantizeAsymmetric = false;
  /// --quantize=w4a8: int4 weights, activations int8 at run time.
  bool quantizeInt8Activations = false;
};

/// The graph on the edge dialect: QDQ folding, canonicalisation and the
/// graph-level fusions (attention, normalisation). Calibration taps the
/// graph after this stage.
void buildGraphPipeline(mlir::OpPassManager &pm,
                        const CompilerOptions &options);

/// Weight quantization (--quantize) and the conversion to linalg.
void buildQuantizeAndConvertPipeline(mlir::OpPassManager &pm,
                                     const CompilerOptions &options);

/// edge dialect -> linalg/tensor/arith/math on tensors: the two above.
void buildEdgeToLinalgPipeline(mlir::OpPassManager &pm,
                               const CompilerOptions &options);

/// linalg on tensors -> bufferised, arena-planned loops -> LLVM dialect.
void buildCodegenPipeline(mlir::OpPassManager &pm,
                          const CompilerOptions &options);

/// The whole compiler after import: edge dialect -> LLVM dialect.
void buildEdgeCompilerPipeline(mlir::OpPassManager &pm,
                               const CompilerOptions &options);

/// Registers the pipelines above for edgecc-opt
/// (--edge-to-linalg-pipeline, --edge-codegen-pipeline, --edge-compiler-pipeline).
void registerEdgeccPipelines();

} // namespace edgecc

#endif // EDGECC_PIPELINE_PIPELINE_H
