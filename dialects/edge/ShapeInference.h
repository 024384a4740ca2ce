//===- ShapeInference.h - ONNX shape rules for edge ops ----------*- C++ -*-===//
//
// The shape rules of the edge ops as free functions, shared by the ops' type
// inference (verification) and the importer (which builds each op with its
// inferred type and reports a failure against the ONNX node). Each function
// emits its error at `loc` when given, and stays silent otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_DIALECT_EDGE_SHAPEINFERENCE_H
#define EDGECC_DIALECT_EDGE_SHAPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"

#include <optional>

namespace edgecc::edge {

using OptionalLoc = std::optional<mlir::Location>;

/// Numpy (multidirectional) broadcast of two static shapes.
mlir::FailureOr<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs,
                OptionalLoc loc);

/// Result of an elementwise binary op: broadcast shape, same element type.
mlir::FailureOr<mlir::RankedTensorType>
inferElementwiseType(mlir::Type lhs, mlir::Type rhs, OptionalLoc loc);

/// Result of numpy matmul, including 1-D promotion and batch broadcasting.
mlir::FailureOr<mlir::RankedTensorType>
inferMatMulType(mlir::Type lhs, mlir::Type rhs, OptionalLoc loc);

/// Result of Gemm: [M, N]; C (if any) must broadcast to [M, N].
mlir::FailureOr<mlir::RankedTensorType>
inferGemmType(mlir::Type a, mlir::Type b, mlir::Type c, bool transA,
              bool transB, OptionalLoc loc);

/// Result of a transpose by `perm` (a permutation of the input's dims).
mlir::FailureOr<mlir::RankedTensorType>
inferTransposeType(mlir::Type input, llvm::ArrayRef<int64_t> perm,
                   OptionalLoc loc);

/// Normalises a possibly negative axis against `rank`; fails if out of range.
mlir::FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank,
                                       OptionalLoc loc);

} // namespace edgecc::edge

#endif // EDGECC_DIALECT_EDGE_SHAPEINFERENCE_H
