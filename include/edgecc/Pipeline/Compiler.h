//===- Compiler.h - ONNX model to artifacts, end to end ----------*- C++ -*-===//
//
// What `edgecc compile` does, as a library call shared by `edgecc check` and
// `edgecc report`: import, lower, plan memory, emit `<name>.o/.h/.json`.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_PIPELINE_COMPILER_H
#define EDGECC_PIPELINE_COMPILER_H

#include "edgecc/Codegen/Emit.h"
#include "edgecc/Import/OnnxImporter.h"
#include "edgecc/Pipeline/Pipeline.h"
#include "edgecc/Target/TargetDesc.h"

#include <functional>

namespace edgecc {

struct CompileRequest {
  std::string modelPath;
  std::string outputDir;
  std::string name; // C identifier used for symbols and file names
  TargetDesc target;
  ImportOptions import;
  CompilerOptions compiler;
  /// obj, asm, llvm (write <name>.o/.s/.ll) or mlir (the edge-level IR).
  std::string emit = "obj";
  /// Runs on the graph after buildGraphPipeline, before quantization and
  /// lowering: calibration measures activations there and annotates the
  /// products it quantizes.
  std::function<mlir::LogicalResult(mlir::ModuleOp)> beforeLowering;
};

/// Runs the whole compiler; diagnostics go to the context's handler.
mlir::FailureOr<ModelInfo> compileModel(mlir::MLIRContext &ctx,
                                        const CompileRequest &request);

/// The rest of compileModel for a graph that went through
/// buildGraphPipeline: quantize, lower, plan memory and write the artifacts
/// of `request.target` (whose attribute the module must already carry).
mlir::FailureOr<ModelInfo> lowerAndEmit(mlir::ModuleOp module,
                                        const CompileRequest &request);

/// A C identifier from a file name: "bert-tiny.onnx" -> "bert_tiny".
std::string modelNameFromPath(llvm::StringRef path);

/// Registers every dialect the compiler uses.
void registerCompilerDialects(mlir::DialectRegistry &registry);

} // namespace edgecc

#endif // EDGECC_PIPELINE_COMPILER_H
