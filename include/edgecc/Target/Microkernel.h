//===- Microkernel.h - Register-blocked matmul shapes per target -*- C++ -*-===//
//
// The register tile of the float32 matmul microkernel: `mr` rows of A times
// `nr` columns of packed B, accumulated in mr * nr / lanes vector registers.
// Derived from the target description stored on the module (`edge.target`),
// so a new target only states its vector width and register count.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TARGET_MICROKERNEL_H
#define EDGECC_TARGET_MICROKERNEL_H

#include "mlir/IR/BuiltinAttributes.h"

#include <optional>

namespace edgecc {

struct MatmulMicrokernel {
  int64_t mr = 0;    // rows of A per tile
  int64_t nr = 0;    // columns of B per full panel (a multiple of lanes)
  int64_t lanes = 0; // float32 lanes per vector register
};

/// The float32 tile for the target in `target` (an `edge.target`
/// dictionary), by the model in targets/Microkernel.cpp: one lane wide in the
/// general registers on a target without float vectors, nothing if it gives
/// no register budget for that either.
std::optional<MatmulMicrokernel>
f32MatmulMicrokernel(mlir::DictionaryAttr target);

/// The float32 tile for a matmul whose constant B is `n` columns wide and
/// zero-padded to whole nr-wide panels: the target's when that adds at most
/// 1/16 to B, else the widest narrower one for which it holds (a quarter for
/// one vector); nothing if none does.
std::optional<MatmulMicrokernel>
f32MatmulMicrokernel(mlir::DictionaryAttr target, int64_t n);

/// Rows of A per cache block of a K-deep float32 matmul with `mr`-row
/// tiles: the largest multiple of mr whose rows (rows * K * 4 bytes) fill at
/// most half the target's L2, at least mr. The kernel walks one block of
/// rows at a time and, inside it, every B panel (K * nr * 4 bytes) over all
/// the block's row tiles, so a panel is fetched into L1 once per block
/// while the block of A stays in L2. 0 when the target gives no L2 size.
int64_t f32MatmulRowBlock(mlir::DictionaryAttr target, int64_t mr, int64_t k);

/// The register tile of the int8 x int8 -> int32 matmul microkernel. Packed
/// B is [N / nr, Kp / kGroup, nr, kGroup] (Kp: K rounded up to kGroup), so one
/// 16-byte load holds what one instruction of the kernel consumes:
///   Widening       kGroup 1: nr columns of one k, widened and multiplied by a
///                  broadcast element of A (portable vector code).
///   Dot            kGroup 4: 4 columns x 4 consecutive k per vector, one
///                  `sdot vD.4s, vB.16b, vA.4b[lane]` per vector (+dotprod).
///   MatrixMultiply kGroup 8: 2 columns x 8 consecutive k per vector, one
///                  `smmla` per 2 x 2 block of C (+i8mm).
struct IntegerMatmulMicrokernel {
  enum class Kind { Widening, Dot, MatrixMultiply };
  Kind kind = Kind::Widening;
  int64_t mr = 0;     // rows of A per tile
  int64_t nr = 0;     // columns of B per tile
  int64_t kGroup = 1; // consecutive k of one column stored together
  int64_t lanes = 0;  // int32 lanes per accumulator vector
};

/// The int8 tile for the target in `target`, or nothing when the target has
/// no vector unit the kernel models (Hexagon's HVX is left to the loops).
std::optional<IntegerMatmulMicrokernel>
i8MatmulMicrokernel(mlir::DictionaryAttr target);

/// The spelling of a kind in the `edge.microkernel` attribute.
llvm::StringRef stringifyIntegerKernelKind(IntegerMatmulMicrokernel::Kind kind);

/// The name of the module attribute holding the target dictionary.
inline constexpr llvm::StringLiteral kTargetAttr = "edge.target";

} // namespace edgecc

#endif // EDGECC_TARGET_MICROKERNEL_H
