//===- MatmulEpilogue.h - What a matmul dispatch can take in -----*- C++ -*-===//
//
// A float microkernel matmul forms one dispatch with the all-parallel
// generic that initialises its accumulators (a bias broadcast: the prologue)
// and the all-parallel generic that is the only reader of its result (bias,
// activation, residual: the epilogue). Both are computed on the kernel's
// registers, one vector of `lanes` columns at a time, so their bodies must
// be elementwise scalar code and their operands readable as such vectors.
// Shared by the grouping on tensors (PackMatmulWeights.cpp), the dispatch
// listing and the lowering (LowerMatmulMicrokernel.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_LIB_CODEGEN_MATMULEPILOGUE_H
#define EDGECC_LIB_CODEGEN_MATMULEPILOGUE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/OpDefinition.h"

#include <optional>

namespace edgecc {

/// On the generic that initialises a microkernel matmul's accumulators.
inline constexpr llvm::StringLiteral kMatmulPrologueAttr =
    "edge.matmul_prologue";
/// On the generic applied to a microkernel matmul's tiles before the store:
/// the number of its operand that reads the matmul's result (SwiGLU's reads
/// two products; only one of them can take it in).
inline constexpr llvm::StringLiteral kMatmulEpilogueAttr =
    "edge.matmul_epilogue";

/// The operand of `op` that its epilogue tag says is the accumulators.
inline std::optional<unsigned> epilogueOperand(mlir::Operation *op) {
  auto attr = op->getAttrOfType<mlir::IntegerAttr>(kMatmulEpilogueAttr);
  if (!attr)
    return std::nullopt;
  return attr.getInt();
}

/// Scalar, elementwise body that ignores the outputs' old values: it can be
/// cloned on vectors as it is.
inline bool hasVectorizableBody(mlir::linalg::GenericOp op) {
  if (op.getNumLoops() != op.getNumParallelLoops() || op.getNumDpsInits() != 1)
    return false;
  mlir::Block *body = op.getBody();
  for (mlir::BlockArgument arg :
       body->getArguments().drop_front(op.getNumDpsInputs()))
    if (!arg.use_empty())
      return false;
  for (mlir::Operation &inner : body->without_terminator()) {
    if (inner.getNumRegions() != 0 ||
        !(mlir::isa<mlir::arith::ConstantOp>(inner) ||
          mlir::OpTrait::hasElementwiseMappableTraits(&inner)))
      return false;
    for (mlir::Type type : inner.getResultTypes())
      if (!type.isIntOrFloat())
        return false;
  }
  // Bools are stored a byte each, which a vector<i1> load would not read.
  return llvm::all_of(body->getArgumentTypes(), [](mlir::Type type) {
    return type.isIntOrFloat() && !type.isInteger(1);
  });
}

/// An operand map that reads whole vectors along the last loop dim: that dim
/// is the last result (contiguous) or absent (one value broadcast); results
/// are loop dims or constants.
inline bool isVectorReadable(mlir::AffineMap map) {
  unsigned last = map.getNumDims() - 1;
  for (auto [i, expr] : llvm::enumerate(map.getResults())) {
    if (mlir::isa<mlir::AffineConstantExpr>(expr))
      continue;
    auto dim = mlir::dyn_cast<mlir::AffineDimExpr>(expr);
    if (!dim)
      return false;
    if (dim.getPosition() == last && i + 1 != map.getNumResults())
      return false;
  }
  return true;
}

/// Loops [1, ..., 1, rows, columns]: the matmul's [M, N] result, maybe viewed
/// with leading unit dims.
inline bool coversMatmulResult(mlir::linalg::GenericOp op, int64_t rows,
                               int64_t columns) {
  llvm::SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (ranges.size() < 2 || ranges[ranges.size() - 2] != rows ||
      ranges.back() != columns)
    return false;
  return llvm::all_of(llvm::ArrayRef(ranges).drop_back(2),
                      [](int64_t size) { return size == 1; });
}

/// Prologue or epilogue candidate: vectorizable body, every input readable
/// as vectors, the output written at the loop indices.
inline bool isTileComputable(mlir::linalg::GenericOp op, int64_t rows,
                             int64_t columns) {
  if (!hasVectorizableBody(op) || !coversMatmulResult(op, rows, columns))
    return false;
  for (mlir::OpOperand *input : op.getDpsInputOperands())
    if (!isVectorReadable(op.getMatchingIndexingMap(input)))
      return false;
  return op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isIdentity();
}

} // namespace edgecc

#endif // EDGECC_LIB_CODEGEN_MATMULEPILOGUE_H
