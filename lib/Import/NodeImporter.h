//===- NodeImporter.h - What an op importer sees of one ONNX node -*- C++ -*-===//
//
// Op importers (one file per op family) get a NodeImporter: typed access to
// the node's inputs, attributes and constant inputs, a builder positioned in
// @main, and error reporting against the node. They build edge ops and bind
// the node's outputs.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_LIB_IMPORT_NODEIMPORTER_H
#define EDGECC_LIB_IMPORT_NODEIMPORTER_H

#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

#include "onnx/onnx_pb.h"

namespace edgecc::import {

/// The values of the graph built so far, and the constant ones among them.
struct ValueTable {
  llvm::StringMap<mlir::Value> values;
  llvm::StringMap<mlir::DenseElementsAttr> constants;
};

class NodeImporter {
public:
  NodeImporter(const onnx::NodeProto &node, int64_t opset,
               mlir::OpBuilder &builder, mlir::Location loc, ValueTable &table)
      : node(node), opset(opset), builder(builder), loc(loc), table(table) {}

  const onnx::NodeProto &proto() const { return node; }
  int64_t opsetVersion() const { return opset; }
  mlir::OpBuilder &b() { return builder; }
  mlir::Location location() const { return loc; }
  mlir::MLIRContext *context() { return builder.getContext(); }

  /// Number of inputs, counting trailing optional ones that are empty.
  unsigned numInputs() const { return node.input_size(); }
  bool hasInput(unsigned i) const {
    return i < (unsigned)node.input_size() && !node.input(i).empty();
  }
  /// The i-th input; reports an error and returns null when it is missing.
  mlir::Value input(unsigned i);
  mlir::RankedTensorType inputType(unsigned i);
  /// The i-th input's value when it is a constant (initializer or Constant).
  mlir::DenseElementsAttr constantInput(unsigned i);

  const onnx::AttributeProto *attribute(llvm::StringRef name) const;
  int64_t intAttr(llvm::StringRef name, int64_t defaultValue) const;
  float floatAttr(llvm::StringRef name, float defaultValue) const;
  std::optional<llvm::SmallVector<int64_t>>
  intsAttr(llvm::StringRef name) const;

  /// Binds output i to `value`.
  void setOutput(unsigned i, mlir::Value value);
  /// Binds output i to a constant and records it for constant inputs.
  void setConstantOutput(unsigned i, mlir::DenseElementsAttr value);

  /// Reports an error at this node; returns failure for `return error(...)`.
  mlir::InFlightDiagnostic error() { return mlir::emitError(loc); }

  /// Builds `OpTy` with a result type from `inferred` (which already reported
  /// any error) and binds it to output 0.
  template <typename OpTy, typename... Args>
  mlir::LogicalResult
  emitInferred(mlir::FailureOr<mlir::RankedTensorType> inferred,
               Args &&...args) {
    if (mlir::failed(inferred))
      return mlir::failure();
    auto op = OpTy::create(builder, loc, *inferred, std::forward<Args>(args)...);
    setOutput(0, op.getResult());
    return mlir::success();
  }

private:
  const onnx::NodeProto &node;
  int64_t opset;
  mlir::OpBuilder &builder;
  mlir::Location loc;
  ValueTable &table;
};

using OpImportFn = mlir::LogicalResult (*)(NodeImporter &);

/// The importers of every supported op type (default ONNX domain).
const llvm::StringMap<OpImportFn> &opImporters();

void registerMathImporters(llvm::StringMap<OpImportFn> &table);
void registerShapeImporters(llvm::StringMap<OpImportFn> &table);

/// Converts an ONNX element type; null if edgecc does not support it.
mlir::Type convertElementType(mlir::MLIRContext *ctx, int32_t onnxType);
/// The ONNX name of an ONNX element type, for messages.
std::string elementTypeName(int32_t onnxType);

/// Converts a TensorProto to a dense constant, or reports why not at `loc`.
mlir::FailureOr<mlir::DenseElementsAttr>
convertTensor(const onnx::TensorProto &tensor, mlir::Location loc,
              mlir::MLIRContext *ctx);

} // namespace edgecc::import

#endif // EDGECC_LIB_IMPORT_NODEIMPORTER_H
