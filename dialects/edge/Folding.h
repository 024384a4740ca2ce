//===- Folding.h - Constant folding helpers of the edge ops ------*- C++ -*-===//
//
// Exported transformers compute reshape targets at run time (Shape, Gather,
// Concat, arithmetic on int64): folding those on constants turns the graph
// static. Folds are bounded so that weights are never blown up in the IR.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_DIALECT_EDGE_FOLDING_H
#define EDGECC_DIALECT_EDGE_FOLDING_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

namespace edgecc::edge {

/// Folds are skipped above this many result elements.
inline constexpr int64_t kMaxFoldElements = 1 << 16;

/// Evaluates a scalar function of the operands' elements, broadcasting the
/// operands (numpy rules) to `resultType`. `fn` gets one APInt (integers,
/// bools) or APFloat (floats) per operand, widened to int64 / float as the
/// result needs; it returns the element as an Attribute of the result's
/// element type, or null to give up.
using ElementFolder = llvm::function_ref<mlir::Attribute(
    llvm::ArrayRef<mlir::Attribute> elements)>;
mlir::DenseElementsAttr foldElementwise(llvm::ArrayRef<mlir::Attribute> operands,
                                        mlir::RankedTensorType resultType,
                                        ElementFolder fn);

/// The element at `index` (a linear index into `shape`) of `operand`, read
/// with numpy broadcasting from `operand`'s own shape.
int64_t broadcastIndex(llvm::ArrayRef<int64_t> operandShape,
                       llvm::ArrayRef<int64_t> resultShape, int64_t index);

} // namespace edgecc::edge

#endif // EDGECC_DIALECT_EDGE_FOLDING_H
