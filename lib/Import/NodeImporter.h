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
#include "llvm/ADT/StringSet.h"

#include "onnx/onnx_pb.h"

namespace edgecc::import {

/// The ranked tensor type of an imported value (every value is one).
inline mlir::RankedTensorType tensorType(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType());
}

/// The values of the graph built so far, and the constant ones among them.
struct ValueTable {
  llvm::StringMap<mlir::Value> values;
  llvm::StringMap<mlir::DenseElementsAttr> constants;
  /// Graph inputs with a value given at compile time (--input-value): a node
  /// that needs one as a constant (a Reshape's shape, say) binds it.
  llvm::StringMap<std::string> inputValueFiles;
  /// The graph inputs bound so far; the importer drops them from @main.
  llvm::StringSet<> boundInputs;
  /// Where bound inputs' constants are created (the start of @main).
  mlir::Block *entry = nullptr;
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
  /// The i-th input's value when it is a constant: an initializer, a
  /// Constant, a folded shape computation or an already bound graph input.
  mlir::DenseElementsAttr constantInput(unsigned i);
  /// Like constantInput, but also binds a graph input given a value at
  /// compile time, and reports an error naming `what` when the input is not
  /// known at compile time. Binding replaces the graph input everywhere:
  /// fetch input(i) again afterwards, never reuse a Value taken before.
  mlir::DenseElementsAttr requireConstantInput(unsigned i,
                                               llvm::StringRef what);
  /// A constant integer input as int64 values; failure (reported) if absent
  /// or not constant.
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  requireIntsInput(unsigned i, llvm::StringRef what);

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
  /// any error), folding it when its operands are constants.
  template <typename OpTy, typename... Args>
  mlir::FailureOr<mlir::Value>
  build(mlir::FailureOr<mlir::RankedTensorType> inferred, Args &&...args) {
    if (mlir::failed(inferred))
      return mlir::failure();
    return builder.createOrFold<OpTy>(loc, *inferred,
                                      std::forward<Args>(args)...);
  }

  /// A broadcasting elementwise op of two values.
  template <typename OpTy>
  mlir::FailureOr<mlir::Value> buildBinary(mlir::Value lhs, mlir::Value rhs) {
    return build<OpTy>(
        edge::inferElementwiseType(lhs.getType(), rhs.getType(), loc), lhs,
        rhs);
  }

  /// build(), then binds the result to output 0.
  template <typename OpTy, typename... Args>
  mlir::LogicalResult
  emitInferred(mlir::FailureOr<mlir::RankedTensorType> inferred,
               Args &&...args) {
    auto value = build<OpTy>(inferred, std::forward<Args>(args)...);
    if (mlir::failed(value))
      return mlir::failure();
    setOutput(0, *value);
    return mlir::success();
  }

  /// A constant of `type` (signless or unsigned element) filled with `value`.
  mlir::Value splat(mlir::RankedTensorType type, mlir::Attribute value);
  /// A rank-0 float32 constant.
  mlir::Value scalarF32(float value);

private:
  /// Binds the graph input feeding input i to its compile-time value, if it
  /// is one and a value was given.
  mlir::DenseElementsAttr bindInput(unsigned i);

  const onnx::NodeProto &node;
  int64_t opset;
  mlir::OpBuilder &builder;
  mlir::Location loc;
  ValueTable &table;
};

using OpImportFn = mlir::LogicalResult (*)(NodeImporter &);

/// Binds graph input `name` to its compile-time value (if it has one and is
/// still an argument): every use now reads an edge.constant. Errors go to
/// `diagLoc`; returns null if nothing was bound.
mlir::DenseElementsAttr bindGraphInput(ValueTable &table,
                                       mlir::OpBuilder &builder,
                                       llvm::StringRef name,
                                       mlir::Location diagLoc);

/// The inputs of `opType` that edgecc needs at compile time (shapes,
/// positions, counts, axes), by index.
llvm::ArrayRef<unsigned> compileTimeOperands(llvm::StringRef opType);

/// The importers of every supported op type (default ONNX domain).
const llvm::StringMap<OpImportFn> &opImporters();

void registerMathImporters(llvm::StringMap<OpImportFn> &table);
void registerShapeImporters(llvm::StringMap<OpImportFn> &table);
void registerReductionImporters(llvm::StringMap<OpImportFn> &table);
void registerDataMovementImporters(llvm::StringMap<OpImportFn> &table);
void registerNNImporters(llvm::StringMap<OpImportFn> &table);
void registerQuantImporters(llvm::StringMap<OpImportFn> &table);

/// Converts an ONNX element type; null if edgecc does not support it.
mlir::Type convertElementType(mlir::MLIRContext *ctx, int32_t onnxType);
/// The ONNX name of an ONNX element type, for messages.
std::string elementTypeName(int32_t onnxType);

/// Checks that `value` is float32 (the only float type edgecc carries),
/// naming it `what` in the node's diagnostic.
mlir::LogicalResult requireF32(NodeImporter &n, mlir::Value value,
                               llvm::StringRef what);

/// Reads a serialized TensorProto file (as in ONNX test data) into a dense
/// constant, or reports why not at `loc`.
mlir::FailureOr<mlir::DenseElementsAttr>
readTensorFile(llvm::StringRef path, mlir::Location loc,
               mlir::MLIRContext *ctx);

/// Converts a TensorProto to a dense constant, or reports why not at `loc`.
mlir::FailureOr<mlir::DenseElementsAttr>
convertTensor(const onnx::TensorProto &tensor, mlir::Location loc,
              mlir::MLIRContext *ctx);

} // namespace edgecc::import

#endif // EDGECC_LIB_IMPORT_NODEIMPORTER_H
