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
};

/// Runs the whole compiler; diagnostics go to the context's handler.
mlir::FailureOr<ModelInfo> compileModel(mlir::MLIRContext &ctx,
                                        const CompileRequest &request);

/// A C identifier from a file name: "bert-tiny.onnx" -> "bert_tiny".
std::string modelNameFromPath(llvm::StringRef path);

/// Registers every dialect the compiler uses.
void registerCompilerDialects(mlir::DialectRegistry &registry);

} // namespace edgecc

#endif // EDGECC_PIPELINE_COMPILER_H
