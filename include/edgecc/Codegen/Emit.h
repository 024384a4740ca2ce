//===- Emit.h - Object file, header and manifest of a model ------*- C++ -*-===//
//
// The last stage: the LLVM-dialect module becomes `<name>.o` (LLVM
// TargetMachine), with the runtime ABI glue (entry and `<name>_model`
// descriptor) added in LLVM IR, plus `<name>.h` and `<name>.json`.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_CODEGEN_EMIT_H
#define EDGECC_CODEGEN_EMIT_H

#include "edgecc/Target/TargetDesc.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace edgecc {

/// One model input or output as the ABI describes it.
struct TensorInfo {
  std::string name;
  int32_t dtype = 0; // edge_dtype_t (ONNX TensorProto numbering)
  llvm::SmallVector<int64_t> shape;
  int64_t bytes = 0;
  unsigned align = 1;
};

/// Everything the artifacts say about a compiled model.
struct ModelInfo {
  std::string name;
  std::vector<TensorInfo> inputs, outputs;
  int64_t arenaBytes = 0, arenaLowerBound = 0, arenaAlign = 64;
  int64_t weightsBytes = 0, codeBytes = 0;
};

/// Inputs and outputs of the imported @main (call before lowering: element
/// signedness is still visible there).
mlir::FailureOr<ModelInfo> describeModel(mlir::func::FuncOp main,
                                         llvm::StringRef name);

enum class EmitKind { Object, Assembly, LLVMIR };

struct EmitOptions {
  EmitKind kind = EmitKind::Object;
  unsigned optLevel = 2;
  std::string outputDir;
};

/// Translates the LLVM-dialect `module` (whose @main follows the bare-pointer
/// convention: inputs, outputs, arena), adds the ABI glue and writes the
/// artifacts. Fills the arena, weight and code figures of `info`.
mlir::LogicalResult emitArtifacts(mlir::ModuleOp module, ModelInfo &info,
                                  const TargetDesc &target,
                                  const EmitOptions &options);

/// The C header and JSON manifest texts (also used by `edgecc check`).
/// "float32", "int64", ... for an edge_dtype_t.
const char *dtypeName(int32_t dtype);
/// "1x128" for a shape, "scalar" for rank 0.
std::string shapeText(llvm::ArrayRef<int64_t> shape);

std::string renderHeader(const ModelInfo &info);
std::string renderManifest(const ModelInfo &info, const TargetDesc &target);

} // namespace edgecc

#endif // EDGECC_CODEGEN_EMIT_H
