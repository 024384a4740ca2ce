//===- Pipeline.cpp - The edgecc compilation pipelines --------------------===//

#include "edgecc/Pipeline/Pipeline.h"

#include "edgecc/Codegen/Passes.h"
#include "edgecc/Conversion/Passes.h"
#include "edgecc/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace edgecc {

void buildGraphPipeline(OpPassManager &pm, const CompilerOptions &options) {
  // Before anything folds the weights' dequantization into float constants.
  pm.addPass(createFoldQuantizedMatMul());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Graph-level fusion on the edge dialect.
  if (options.optLevel > 0)
    pm.addPass(createFuseActivations());
  if (options.optLevel > 0)
    pm.addPass(createFuseAttention());
  if (options.optLevel > 0)
    pm.addPass(createFuseNormalization());
}

void buildQuantizeAndConvertPipeline(OpPassManager &pm,
                                     const CompilerOptions &options) {
  if (options.quantizeBits) {
    QuantizeWeightsOptions quantize;
    quantize.bits = options.quantizeBits;
    quantize.group = options.quantizeGroup;
    quantize.asymmetric = options.quantizeAsymmetric;
    quantize.int8Activations = options.quantizeInt8Activations;
    pm.addPass(createQuantizeWeights(quantize));
  }
  pm.addPass(createConvertEdgeToLinalg());
  pm.addPass(createCanonicalizerPass());
}

void buildEdgeToLinalgPipeline(OpPassManager &pm,
                               const CompilerOptions &options) {
  buildGraphPipeline(pm, options);
  buildQuantizeAndConvertPipeline(pm, options);
}

void buildCodegenPipeline(OpPassManager &pm, const CompilerOptions &options) {
  // Fusion on tensors: chains of elementwise generics become one loop nest.
  if (options.optLevel > 0)
    pm.addPass(createFuseElementwise());
  pm.addPass(createCanonicalizerPass());
  // Constant weights of matmuls in the register-blocked kernel's layout.
  if (options.optLevel > 0)
    pm.addPass(createPackMatmulWeights());
  if (options.optLevel > 0)
    pm.addPass(createPackIntegerMatmulWeights());
  if (options.printDispatches)
    pm.addPass(createPrintDispatches());

  // Bufferise the whole module; results become caller-provided out-params
  // (the output buffers of edge_model_run), written in place where possible.
  pm.addPass(createFlattenEmptyTensors());
  pm.addPass(createProtectInputs());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  // Row-sized temporaries of loops (streaming attention) move out of the
  // loops, so the arena planner sees every buffer in the entry block.
  pm.addNestedPass<func::FuncOp>(bufferization::createBufferLoopHoistingPass());
  pm.addPass(createCanonicalizerPass());

  // 4-bit weight matmuls as vector code; their activation scratch buffers
  // go into the arena with the rest.
  if (options.optLevel > 0)
    pm.addPass(createLowerNBitsMatmul());

  // Float matmuls as register-blocked loops, each with its bias and
  // epilogue: before planning, so that the arena sees the fused live ranges
  // (and no buffer for a result only the epilogue read).
  pm.addPass(createLowerMatmulMicrokernel());

  // Every remaining intermediate buffer gets its place in the one arena.
  PlanArenaOptions arena;
  arena.alignment = options.arenaAlignment;
  pm.addPass(createPlanArena(arena));

  // Loops, then the LLVM dialect with bare-pointer signatures.
  pm.addPass(createCopiesToLinalg());
  pm.addPass(createLowerIntegerMicrokernel());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createApproximateMath());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  ConvertFuncToLLVMPassOptions funcToLLVM;
  funcToLLVM.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcToLLVM));
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void buildEdgeCompilerPipeline(OpPassManager &pm,
                               const CompilerOptions &options) {
  buildEdgeToLinalgPipeline(pm, options);
  buildCodegenPipeline(pm, options);
}

void registerEdgeccPipelines() {
  PassPipelineRegistration<>(
      "edge-to-linalg-pipeline", "edge dialect to linalg on tensors",
      [](OpPassManager &pm) { buildEdgeToLinalgPipeline(pm, {}); });
  PassPipelineRegistration<>(
      "edge-codegen-pipeline", "linalg on tensors to the LLVM dialect",
      [](OpPassManager &pm) { buildCodegenPipeline(pm, {}); });
  PassPipelineRegistration<>(
      "edge-compiler-pipeline", "edge dialect to the LLVM dialect",
      [](OpPassManager &pm) { buildEdgeCompilerPipeline(pm, {}); });
}

} // namespace edgecc
