//===- Passes.h - edgecc code generation passes ------------------*- C++ -*-===//
//
// Passes that run on bufferised IR on the way to the LLVM dialect.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_CODEGEN_PASSES_H
#define EDGECC_CODEGEN_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace edgecc {

#define GEN_PASS_DECL
#include "edgecc/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "edgecc/Codegen/Passes.h.inc"

/// Attribute names the arena planner leaves on the entry function.
inline constexpr llvm::StringLiteral kArenaBytesAttr = "edge.arena_bytes";
inline constexpr llvm::StringLiteral kArenaLowerBoundAttr =
    "edge.arena_lower_bound";
/// On a linalg.generic: {mr, nr, lanes} of the matmul microkernel it is.
inline constexpr llvm::StringLiteral kMicrokernelAttr = "edge.microkernel";
/// On a linalg.generic: {kind, mr, nr, k_group, lanes} of the int8 matmul
/// microkernel it is (kind: dot, mmla or widening).
inline constexpr llvm::StringLiteral kIntegerMicrokernelAttr =
    "edge.integer_microkernel";

} // namespace edgecc

#endif // EDGECC_CODEGEN_PASSES_H
