//===- Diagnostics.h - One-line user diagnostics -----------------*- C++ -*-===//
//
// Every user-facing error is one line, `error: <where>: <what>`, where
// <where> names the ONNX node (`node 'fc1' (Gemm)`) when the IR location
// carries one. Importer locations are `loc("fc1"("Gemm"))`: a NameLoc of the
// node name around a NameLoc of its op type.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_SUPPORT_DIAGNOSTICS_H
#define EDGECC_SUPPORT_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

namespace edgecc {

/// The location of an ONNX node.
mlir::Location nodeLocation(mlir::MLIRContext *ctx, llvm::StringRef nodeName,
                            llvm::StringRef opType);

/// "node 'fc1' (Gemm)" for a node location; file:line:col or "" otherwise.
std::string describeLocation(mlir::Location loc);

/// The ONNX node name in a node location, or "" if it names none.
std::string nodeNameOf(mlir::Location loc);

/// Prints diagnostics as single lines on stderr for as long as it lives and
/// counts the errors.
class OneLineDiagnostics {
public:
  explicit OneLineDiagnostics(mlir::MLIRContext *ctx);
  ~OneLineDiagnostics();
  unsigned errorCount() const { return errors; }

private:
  mlir::MLIRContext *ctx;
  mlir::DiagnosticEngine::HandlerID id;
  unsigned errors = 0;
};

} // namespace edgecc

#endif // EDGECC_SUPPORT_DIAGNOSTICS_H
