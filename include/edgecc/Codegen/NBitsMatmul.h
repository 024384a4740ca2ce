//===- NBitsMatmul.h - Layout of the packed 4-bit matmul weights -*- C++ -*-===//
//
// The compile-time layout of edge.matmul_nbits weights that the EdgeToLinalg
// lowering writes and the vector kernel (edge-lower-nbits-matmul) reads. It
// is the same for every target, so the generic over it is the definition of
// the product and the vector code is one way of running it.
//
//   codes  i32 [tiles, Kp / 8, 16]: word (t, g, c) holds the 8 codes of
//          column 16 t + c for k = 8 g ... 8 g + 7, k's code in bits
//          4 (k % 8) ... 4 (k % 8) + 3 (Kp: K rounded up to the block).
//   scales f32 [tiles, blocks, 16]: the 16 columns of a tile side by side.
//   zero points i8 [tiles, blocks, 8]: column 16 t + c in the low (c even)
//          or high (c odd) nibble of byte c / 2.
//
// Columns past N (the last tile) have code 0 and scale 0. Every weight stays
// 4 bits, every scale 32 bits and every zero point 4 bits.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_CODEGEN_NBITSMATMUL_H
#define EDGECC_CODEGEN_NBITSMATMUL_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace edgecc {

/// On the linalg.generic of a packed edge.matmul_nbits: {block_size}.
inline constexpr llvm::StringLiteral kNBitsMatmulAttr = "edge.nbits_matmul";

/// Output columns per tile of the packed layout.
inline constexpr int64_t kNBitsTileColumns = 16;
/// 4-bit codes per 32-bit word (consecutive k of one column).
inline constexpr int64_t kNBitsCodesPerWord = 8;

} // namespace edgecc

#endif // EDGECC_CODEGEN_NBITSMATMUL_H
