//===- OnnxImporter.h - ONNX ModelProto to the edge dialect ------*- C++ -*-===//
//
// Reads an ONNX model and builds a module with one function, @main, whose
// arguments are the graph inputs and whose results are the graph outputs
// (names in the `edge.name` argument/result attributes). Initializers become
// edge.constant weights. Every unsupported node is reported before failing.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_IMPORT_ONNXIMPORTER_H
#define EDGECC_IMPORT_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

namespace edgecc {

struct ImportOptions {
  /// Static shapes for graph inputs with symbolic dims (--input-shape).
  llvm::StringMap<llvm::SmallVector<int64_t>> inputShapes;
  /// Values (serialized TensorProto files) for graph inputs that the model
  /// needs at compile time, e.g. a Reshape's shape (--input-value). Only the
  /// inputs some node needs as a constant are bound; they leave @main.
  llvm::StringMap<std::string> inputValueFiles;
};

/// The attribute naming a function argument or result after its ONNX tensor.
inline constexpr llvm::StringLiteral kTensorNameAttr = "edge.name";

/// Imports the model at `path`; diagnostics go to the context's handler.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxFile(mlir::MLIRContext *ctx, llvm::StringRef path,
               const ImportOptions &options);

/// Parses "NAME:1x128" into `options`; false on a malformed spec.
bool parseInputShape(llvm::StringRef spec, ImportOptions &options);

/// Whether the importer handles ONNX op `opType` (default domain).
bool isOpSupported(llvm::StringRef opType);

/// How `opType` is compiled: "direct: one edge op", or the decomposition or
/// folding used; "not supported" for unknown ops.
std::string describeOpLowering(llvm::StringRef opType);

/// Parses "NAME:FILE.pb" into `options`; false on a malformed spec.
bool parseInputValue(llvm::StringRef spec, ImportOptions &options);

} // namespace edgecc

#endif // EDGECC_IMPORT_ONNXIMPORTER_H
