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
#include "mlir/IR/TypeRange.h"

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

/// Result of a comparison: broadcast shape, bool elements.
mlir::FailureOr<mlir::RankedTensorType>
inferCompareType(mlir::Type lhs, mlir::Type rhs, OptionalLoc loc);

/// Result of Where: X and Y share an element type; all three broadcast.
mlir::FailureOr<mlir::RankedTensorType>
inferWhereType(mlir::Type condition, mlir::Type x, mlir::Type y,
               OptionalLoc loc);

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

/// Result of reducing sorted, non-negative `axes` (kept as size 1 or dropped).
mlir::FailureOr<mlir::RankedTensorType>
inferReduceType(mlir::Type input, llvm::ArrayRef<int64_t> axes, bool keepdims,
                OptionalLoc loc);

/// Result of ArgMax/ArgMin along `axis`: int64 indices.
mlir::FailureOr<mlir::RankedTensorType>
inferArgReduceType(mlir::Type input, int64_t axis, bool keepdims,
                   OptionalLoc loc);

/// Result of joining `inputs` along a non-negative `axis`.
mlir::FailureOr<mlir::RankedTensorType>
inferConcatType(mlir::TypeRange inputs, int64_t axis, OptionalLoc loc);

/// Result of a slice with per-dim starts, sizes and (non-zero) steps; every
/// element read must be in bounds.
mlir::FailureOr<mlir::RankedTensorType>
inferSliceType(mlir::Type input, llvm::ArrayRef<int64_t> starts,
               llvm::ArrayRef<int64_t> sizes, llvm::ArrayRef<int64_t> steps,
               OptionalLoc loc);

/// Result of Gather: data dims before `axis`, the index dims, data dims after.
mlir::FailureOr<mlir::RankedTensorType>
inferGatherType(mlir::Type data, mlir::Type indices, int64_t axis,
                OptionalLoc loc);

/// Result of GatherElements: the indices' shape, the data's element type.
mlir::FailureOr<mlir::RankedTensorType>
inferGatherElementsType(mlir::Type data, mlir::Type indices, int64_t axis,
                        OptionalLoc loc);

/// Result of Expand: the input broadcast with `shape`.
mlir::FailureOr<mlir::RankedTensorType>
inferBroadcastType(mlir::Type input, llvm::ArrayRef<int64_t> shape,
                   OptionalLoc loc);

/// Result of Tile: each dim times its (non-negative) repeat count.
mlir::FailureOr<mlir::RankedTensorType>
inferTileType(mlir::Type input, llvm::ArrayRef<int64_t> repeats,
              OptionalLoc loc);

/// The input as a tensor of static shape, or an error.
mlir::FailureOr<mlir::RankedTensorType> asRanked(mlir::Type type,
                                                 OptionalLoc loc);

/// "[2,3,4]", for messages.
std::string shapeString(llvm::ArrayRef<int64_t> shape);

/// Normalises a possibly negative axis against `rank`; fails if out of range.
mlir::FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank,
                                       OptionalLoc loc);


//===----------------------------------------------------------------------===//
// Convolution, pooling, padding, einsum and channel normalisation
// (NNShapes.cpp)
//===----------------------------------------------------------------------===//

/// Number of window positions along one spatial dim of a convolution or
/// pool; with `ceilMode` it rounds up but drops a last window that would
/// start in the end padding. Fails (silently) when no window fits.
mlir::FailureOr<int64_t> windowCount(int64_t size, int64_t kernel,
                                     int64_t stride, int64_t dilation,
                                     int64_t padBegin, int64_t padEnd,
                                     bool ceilMode);

/// Result of Conv: [N, M, O...] for input [N, C, D...], weight
/// [M, C / group, K...] and an optional bias [M] (null type when absent).
mlir::FailureOr<mlir::RankedTensorType>
inferConvType(mlir::Type input, mlir::Type weight, mlir::Type bias,
              llvm::ArrayRef<int64_t> strides,
              llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> pads,
              int64_t group, OptionalLoc loc);

/// Result of ConvInteger: int32, shaped as inferConvType; 8-bit input and
/// weight, a one-element input zero point and a one- or M-element weight zero
/// point of the types they shift.
mlir::FailureOr<mlir::RankedTensorType>
inferConvIntegerType(mlir::Type input, mlir::Type weight,
                     mlir::Type inputZeroPoint, mlir::Type weightZeroPoint,
                     llvm::ArrayRef<int64_t> strides,
                     llvm::ArrayRef<int64_t> dilations,
                     llvm::ArrayRef<int64_t> pads, int64_t group,
                     OptionalLoc loc);

/// Result of MaxPool/AveragePool: [N, C, O...], same element type.
mlir::FailureOr<mlir::RankedTensorType>
inferPoolType(mlir::Type input, llvm::ArrayRef<int64_t> kernel,
              llvm::ArrayRef<int64_t> strides,
              llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> pads,
              bool ceilMode, OptionalLoc loc);

/// Result of Pad: each dim grown by its begin and end pad (which may be
/// negative); `mode` is constant, reflect, edge or wrap.
mlir::FailureOr<mlir::RankedTensorType>
inferPadType(mlir::Type input, llvm::ArrayRef<int64_t> pads,
             llvm::StringRef mode, OptionalLoc loc);

/// An einsum equation in the normalised form of edge.einsum: one string of
/// letters per input and one for the output.
struct EinsumEquation {
  llvm::SmallVector<std::string> inputs;
  std::string output;
};

/// Parses the normalised form ("ab,bc->ac": letters only, explicit output).
mlir::FailureOr<EinsumEquation> parseEinsumEquation(llvm::StringRef equation,
                                                    OptionalLoc loc);

/// Turns an ONNX equation (spaces, "...", implicit output) into the
/// normalised form for inputs of the given ranks.
mlir::FailureOr<std::string>
normalizeEinsumEquation(llvm::StringRef equation,
                        llvm::ArrayRef<int64_t> inputRanks, OptionalLoc loc);

/// Result of Einsum for a normalised equation; a letter's dims must agree
/// or be 1 (broadcast).
mlir::FailureOr<mlir::RankedTensorType>
inferEinsumType(mlir::TypeRange inputs, llvm::StringRef equation,
                OptionalLoc loc);

/// Result of BatchNormalization/InstanceNormalization: the input's type, for
/// an input [N, C, ...] (rank >= 2) and per-channel operands of shape [C].
mlir::FailureOr<mlir::RankedTensorType>
inferChannelNormType(mlir::Type input, mlir::TypeRange perChannel,
                     OptionalLoc loc);

} // namespace edgecc::edge

#endif // EDGECC_DIALECT_EDGE_SHAPEINFERENCE_H
