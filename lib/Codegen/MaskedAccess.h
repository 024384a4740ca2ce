//===- MaskedAccess.h - Vector loads and stores of a partial tile -*- C++ -*-===//
//
// The microkernels read and write the last, partial panel of a tile as whole
// vectors whose first `valid` elements exist: a plain access when all do,
// else one under a constant mask (LLVM turns it into the target's masked or
// element accesses). Shared by LowerMatmulMicrokernel.cpp and
// LowerIntegerMicrokernel.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_LIB_CODEGEN_MASKEDACCESS_H
#define EDGECC_LIB_CODEGEN_MASKEDACCESS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace edgecc {

/// The `valid` first elements at `indices` of `memref` as a vector of
/// `type`, zeros beyond them (all zeros when none is valid).
inline mlir::Value loadFirst(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::VectorType type, mlir::Value memref,
                             mlir::ValueRange indices, int64_t valid) {
  auto zeros = [&] {
    return mlir::arith::ConstantOp::create(b, loc, type, b.getZeroAttr(type));
  };
  if (valid <= 0)
    return zeros();
  if (valid >= type.getDimSize(0))
    return mlir::vector::LoadOp::create(b, loc, type, memref, indices);
  mlir::Value mask = mlir::vector::ConstantMaskOp::create(
      b, loc, mlir::VectorType::get(type.getShape(), b.getI1Type()),
      llvm::ArrayRef<int64_t>{valid});
  return mlir::vector::MaskedLoadOp::create(b, loc, type, memref, indices,
                                            mask, zeros());
}

/// Stores the `valid` first elements of `value` at `indices` of `memref`.
inline void storeFirst(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value value, mlir::Value memref,
                       mlir::ValueRange indices, int64_t valid) {
  auto type = mlir::cast<mlir::VectorType>(value.getType());
  if (valid <= 0)
    return;
  if (valid >= type.getDimSize(0)) {
    mlir::vector::StoreOp::create(b, loc, value, memref, indices);
    return;
  }
  mlir::Value mask = mlir::vector::ConstantMaskOp::create(
      b, loc, mlir::VectorType::get(type.getShape(), b.getI1Type()),
      llvm::ArrayRef<int64_t>{valid});
  mlir::vector::MaskedStoreOp::create(b, loc, memref, indices, mask, value);
}

} // namespace edgecc

#endif // EDGECC_LIB_CODEGEN_MASKEDACCESS_H
