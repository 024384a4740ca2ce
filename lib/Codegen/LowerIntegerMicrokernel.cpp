//===- LowerIntegerMicrokernel.cpp - Register-blocked int8 matmul code ----===//
//
// C[M, N] (int32) += A[M, K] (int8) @ B, B packed by
// PackIntegerMatmulWeights.cpp as [ceil(N / nr), ceil(K / kGroup),
// nr * kGroup], zero beyond K and N. For each mr x nr tile of C the
// accumulators are loaded once, carried through the K loop as scf.for
// iteration values (LLVM keeps them in registers) and stored once; the
// instruction per k group depends on the kernel kind (targets/Microkernel.cpp):
//
//   dot (+dotprod): A is read 16 k at a time, one vector per row; each of its
//     four 32-bit lanes (4 consecutive k) is broadcast (bitcast, splat
//     shuffle, bitcast) into `arm_neon.intr.sdot` with a B vector of 4 columns
//     x the same 4 k, which the AArch64 backend selects as
//     `sdot vD.4s, vB.16b, vA.4b[lane]`. Accumulator (r, v) holds C[r][4v..].
//   mmla (+i8mm): before the panels of a block of mr rows, the rows are
//     interleaved in pairs per 8 k (zips of 64-bit halves) into the scratch
//     input [ceil(K / 8), mr / 2, 16], zero beyond K, so each 16-byte load of
//     it is the 2 x 8 left operand of `arm_neon.intr.smmla` (M*K work, against
//     M*N*K/32 smmla); B vectors are 2 columns x 8 k. Accumulator (p, q)
//     holds the 2 x 2 block C[2p..2p+1][2q..2q+1], row-major, loaded and
//     stored by zipping two rows of four columns.
//   widening (portable): per k, a broadcast element of A times nr elements of
//     B, both widened through int16 to int32 (AArch64: smull/smlal).
//
// Remainders never reach the hot loop: the tail of K beyond the last whole
// 16 (dot; for mmla while packing A) is read element by element into a zero
// vector and runs the same k-group code on the zero-padded B; leftover rows
// get a smaller tile (mmla: a last pair with a zero second row); the columns
// of the last, partial panel are loaded and stored with constant masks.
// When C was just filled with zeros (the usual case: EdgeToLinalg starts the
// product from a zero fill) the accumulators start as zero registers and
// the fill goes, which saves a pass over C and the loads of every tile.
// Zero points are not the kernel's business: EdgeToLinalg corrects for them
// outside the M*N*K loop.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Passes.h"

#include "MaskedAccess.h"

#include "mlir/Dialect/ArmNeon/ArmNeonDialect.h"
#include "mlir/IR/Matchers.h"

namespace edgecc {
#define GEN_PASS_DEF_LOWERINTEGERMICROKERNEL
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

enum class KernelKind { Widening, Dot, MatrixMultiply };

struct IntegerKernelShape {
  KernelKind kind;
  int64_t mr, nr, kGroup, lanes;
  int64_t m, n, k;
  bool zeroC = false; // C holds zeros before the kernel
};

/// k steps one iteration of the dot and mmla K loops consumes: one 16-byte
/// vector of A per row.
constexpr int64_t kStepsPerVectorOfA = 16;

class IntegerTileEmitter {
public:
  IntegerTileEmitter(OpBuilder &b, Location loc, Value a, Value packedB,
                     Value c, Value scratch, const IntegerKernelShape &shape)
      : b(b), loc(loc), a(a), packedB(packedB), c(c), scratch(scratch),
        shape(shape), i8(b.getI8Type()), i32(b.getI32Type()) {}

  /// mmla: rows i0 .. i0 + rows - 1 of A into the scratch, pair p of k
  /// group g at [g][p] (the pairs of one group are adjacent: paired loads).
  void packRowPairs(Value i0, int64_t rows) {
    SmallVector<Value> rowIndex;
    for (int64_t r = 0; r < rows; ++r)
      rowIndex.push_back(arith::AddIOp::create(b, loc, i0, index(r)));
    int64_t kMain = shape.k - shape.k % kStepsPerVectorOfA;
    if (kMain > 0)
      scf::ForOp::create(
          b, loc, index(0), index(kMain), index(kStepsPerVectorOfA),
          ValueRange{},
          [&](OpBuilder &nb, Location l, Value k0, ValueRange) {
            IntegerTileEmitter(nb, l, a, packedB, c, scratch, shape)
                .packChunk(rowIndex, k0, /*tail=*/0);
            scf::YieldOp::create(nb, l);
          });
    if (kMain < shape.k)
      packChunk(rowIndex, index(kMain), shape.k - kMain);
  }

  /// The tile of `rows` rows at row i0 and `columns` columns of panel jb.
  void emit(Value i0, Value jb, int64_t rows, int64_t columns) {
    SmallVector<Value> rowIndex;
    for (int64_t r = 0; r < rows; ++r)
      rowIndex.push_back(arith::AddIOp::create(b, loc, i0, index(r)));
    Value j0 = arith::MulIOp::create(b, loc, jb, index(shape.nr));
    SmallVector<Value> acc = loadAccumulators(rowIndex, j0, columns);

    // Widening: k by 1. Dot: k by 16, then the tail. Mmla: over the 8-k
    // groups of the packed (zero-padded) A, four per iteration (32 smmla
    // against 16 paired loads and the loop's own 3 or 4 instructions), then
    // the remaining groups.
    int64_t extent = shape.k, step = 1;
    if (shape.kind == KernelKind::Dot)
      step = kStepsPerVectorOfA;
    if (shape.kind == KernelKind::MatrixMultiply)
      extent = (shape.k + 7) / 8, step = 4;
    int64_t main = extent - extent % step;
    if (main > 0) {
      auto loop = scf::ForOp::create(
          b, loc, index(0), index(main), index(step), acc,
          [&](OpBuilder &nb, Location l, Value k0, ValueRange carried) {
            IntegerTileEmitter inner(nb, l, a, packedB, c, scratch, shape);
            SmallVector<Value> next(carried);
            inner.accumulate(next, rowIndex, jb, k0, step, /*tail=*/0);
            scf::YieldOp::create(nb, l, next);
          });
      acc.assign(loop.getResults().begin(), loop.getResults().end());
    }
    if (main < extent)
      accumulate(acc, rowIndex, jb, index(main), extent - main,
                 extent - main);
    storeAccumulators(acc, rowIndex, j0, columns);
  }

private:
  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }

  Value zeroVector(VectorType type) {
    return arith::ConstantOp::create(b, loc, type, b.getZeroAttr(type));
  }

  /// C[row][column .. column + width), of which the first `valid` elements
  /// exist (MaskedAccess.h).
  Value loadSegment(Value row, Value column, int64_t width, int64_t valid) {
    return loadFirst(b, loc, VectorType::get({width}, i32), c,
                     ValueRange{row, column}, valid);
  }

  void storeSegment(Value value, Value row, Value column, int64_t valid) {
    storeFirst(b, loc, value, c, ValueRange{row, column}, valid);
  }

  int64_t pairs(int64_t rows) const { return (rows + 1) / 2; }

  /// Accumulators in the kind's order (see the file header).
  SmallVector<Value> loadAccumulators(ArrayRef<Value> rowIndex, Value j0,
                                      int64_t columns) {
    SmallVector<Value> acc;
    int64_t rows = rowIndex.size();
    if (shape.zeroC) {
      int64_t count = shape.kind == KernelKind::MatrixMultiply
                          ? pairs(rows) * (shape.nr / 2)
                          : rows * (shape.nr / shape.lanes);
      Value zero = zeroVector(VectorType::get({shape.lanes}, i32));
      acc.assign(count, zero);
      return acc;
    }
    if (shape.kind != KernelKind::MatrixMultiply) {
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t v = 0; v < shape.nr / shape.lanes; ++v)
          acc.push_back(loadSegment(
              rowIndex[r],
              arith::AddIOp::create(b, loc, j0, index(v * shape.lanes)),
              shape.lanes, columns - v * shape.lanes));
      return acc;
    }
    // Four columns of two rows give two 2 x 2 blocks.
    for (int64_t p = 0; p < pairs(rows); ++p)
      for (int64_t q = 0; q < shape.nr / 2; q += 2) {
        Value column = arith::AddIOp::create(b, loc, j0, index(2 * q));
        Value top = loadSegment(rowIndex[2 * p], column, 4, columns - 2 * q);
        Value bottom =
            2 * p + 1 < rows
                ? loadSegment(rowIndex[2 * p + 1], column, 4, columns - 2 * q)
                : zeroVector(VectorType::get({4}, i32));
        acc.push_back(vector::ShuffleOp::create(b, loc, top, bottom,
                                                ArrayRef<int64_t>{0, 1, 4, 5}));
        acc.push_back(vector::ShuffleOp::create(b, loc, top, bottom,
                                                ArrayRef<int64_t>{2, 3, 6, 7}));
      }
    return acc;
  }

  void storeAccumulators(ArrayRef<Value> acc, ArrayRef<Value> rowIndex,
                         Value j0, int64_t columns) {
    int64_t rows = rowIndex.size();
    if (shape.kind != KernelKind::MatrixMultiply) {
      int64_t vectors = shape.nr / shape.lanes;
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t v = 0; v < vectors; ++v)
          storeSegment(
              acc[r * vectors + v], rowIndex[r],
              arith::AddIOp::create(b, loc, j0, index(v * shape.lanes)),
              columns - v * shape.lanes);
      return;
    }
    int64_t blocks = shape.nr / 2;
    for (int64_t p = 0; p < pairs(rows); ++p)
      for (int64_t q = 0; q < blocks; q += 2) {
        Value left = acc[p * blocks + q], right = acc[p * blocks + q + 1];
        Value column = arith::AddIOp::create(b, loc, j0, index(2 * q));
        storeSegment(vector::ShuffleOp::create(b, loc, left, right,
                                               ArrayRef<int64_t>{0, 1, 4, 5}),
                     rowIndex[2 * p], column, columns - 2 * q);
        if (2 * p + 1 < rows)
          storeSegment(
              vector::ShuffleOp::create(b, loc, left, right,
                                        ArrayRef<int64_t>{2, 3, 6, 7}),
              rowIndex[2 * p + 1], column, columns - 2 * q);
      }
  }

  /// 16 bytes of A's row from k0: one load, or with `tail` > 0 the `tail`
  /// remaining elements of the row and zeros after them.
  Value loadRowOfA(Value row, Value k0, int64_t tail) {
    auto type = VectorType::get({kStepsPerVectorOfA}, i8);
    if (tail == 0)
      return vector::LoadOp::create(b, loc, type, a, ValueRange{row, k0});
    Value vector = zeroVector(type);
    for (int64_t t = 0; t < tail; ++t) {
      Value k = arith::AddIOp::create(b, loc, k0, index(t));
      Value element = memref::LoadOp::create(b, loc, a, ValueRange{row, k});
      vector = vector::InsertOp::create(b, loc, element, vector, t);
    }
    return vector;
  }

  /// The B vector `offset` bytes into k group `group` of panel jb.
  Value loadB(Value jb, Value group, int64_t offset, int64_t width) {
    return vector::LoadOp::create(b, loc, VectorType::get({width}, i8),
                                  packedB, ValueRange{jb, group, index(offset)});
  }

  /// Adds to acc the products of one step of the kind's K loop from k0
  /// (mmla: `count` k groups from group k0), or of the `tail` last k (dot).
  void accumulate(SmallVectorImpl<Value> &acc, ArrayRef<Value> rowIndex,
                  Value jb, Value k0, int64_t count, int64_t tail) {
    switch (shape.kind) {
    case KernelKind::Dot:
      return accumulateDot(acc, rowIndex, jb, k0, tail);
    case KernelKind::MatrixMultiply:
      return accumulateMatrixMultiply(acc, pairs(rowIndex.size()), jb, k0,
                                      count);
    case KernelKind::Widening:
      return accumulateWidening(acc, rowIndex, jb, k0);
    }
  }

  /// mmla: 16 k of A from k0 (or its `tail` last k) into the scratch, per
  /// pair p two 8-k groups [row 2p | row 2p + 1].
  void packChunk(ArrayRef<Value> rowIndex, Value k0, int64_t tail) {
    int64_t rows = rowIndex.size();
    int64_t groups = tail ? (tail + 7) / 8 : kStepsPerVectorOfA / 8;
    auto bytes = VectorType::get({kStepsPerVectorOfA}, i8);
    Value group0 = arith::DivUIOp::create(b, loc, k0, index(8));
    for (int64_t p = 0; p < pairs(rows); ++p) {
      Value top = loadRowOfA(rowIndex[2 * p], k0, tail);
      Value bottom = 2 * p + 1 < rows
                         ? loadRowOfA(rowIndex[2 * p + 1], k0, tail)
                         : zeroVector(bytes);
      for (int64_t g = 0; g < groups; ++g) {
        SmallVector<int64_t> mask;
        for (int64_t half = 0; half < 2; ++half)
          for (int64_t t = 0; t < 8; ++t)
            mask.push_back(half * 16 + g * 8 + t);
        Value interleaved =
            vector::ShuffleOp::create(b, loc, top, bottom, mask);
        Value group = arith::AddIOp::create(b, loc, group0, index(g));
        vector::StoreOp::create(b, loc, interleaved, scratch,
                                ValueRange{group, index(p), index(0)});
      }
    }
  }

  void accumulateDot(SmallVectorImpl<Value> &acc, ArrayRef<Value> rowIndex,
                     Value jb, Value k0, int64_t tail) {
    int64_t rows = rowIndex.size(), vectors = shape.nr / 4;
    int64_t groups = tail ? (tail + 3) / 4 : kStepsPerVectorOfA / 4;
    auto bytes = VectorType::get({16}, i8);
    auto words = VectorType::get({4}, i32);
    SmallVector<Value> aWords;
    for (Value row : rowIndex)
      aWords.push_back(vector::BitCastOp::create(
          b, loc, words, loadRowOfA(row, k0, tail)));
    Value group0 = arith::DivUIOp::create(b, loc, k0, index(4));
    for (int64_t g = 0; g < groups; ++g) {
      Value group = arith::AddIOp::create(b, loc, group0, index(g));
      SmallVector<Value> bVectors;
      for (int64_t v = 0; v < vectors; ++v)
        bVectors.push_back(loadB(jb, group, 16 * v, 16));
      for (int64_t r = 0; r < rows; ++r) {
        // Lane g of the row (its k 4g .. 4g + 3) in every lane.
        Value splat = vector::ShuffleOp::create(
            b, loc, aWords[r], aWords[r], ArrayRef<int64_t>{g, g, g, g});
        Value aLane = vector::BitCastOp::create(b, loc, bytes, splat);
        for (int64_t v = 0; v < vectors; ++v) {
          Value &slot = acc[r * vectors + v];
          slot = arm_neon::SdotOp::create(b, loc, words, slot, bVectors[v],
                                          aLane);
        }
      }
    }
  }

  void accumulateMatrixMultiply(SmallVectorImpl<Value> &acc, int64_t pairCount,
                                Value jb, Value group0, int64_t groups) {
    int64_t blocks = shape.nr / 2;
    auto bytes = VectorType::get({16}, i8);
    auto words = VectorType::get({4}, i32);
    for (int64_t g = 0; g < groups; ++g) {
      Value group = arith::AddIOp::create(b, loc, group0, index(g));
      SmallVector<Value> aPairs, bVectors;
      for (int64_t p = 0; p < pairCount; ++p)
        aPairs.push_back(vector::LoadOp::create(
            b, loc, bytes, scratch, ValueRange{group, index(p), index(0)}));
      for (int64_t q = 0; q < blocks; ++q)
        bVectors.push_back(loadB(jb, group, 16 * q, 16));
      for (int64_t p = 0; p < pairCount; ++p)
        for (int64_t q = 0; q < blocks; ++q) {
          Value &slot = acc[p * blocks + q];
          slot = arm_neon::SmmlaOp::create(b, loc, words, slot, aPairs[p],
                                           bVectors[q]);
        }
    }
  }

  void accumulateWidening(SmallVectorImpl<Value> &acc,
                          ArrayRef<Value> rowIndex, Value jb, Value k) {
    int64_t rows = rowIndex.size(), vectors = shape.nr / shape.lanes;
    Type i16 = b.getI16Type();
    auto narrow = VectorType::get({shape.lanes}, i16);
    auto wide = VectorType::get({shape.lanes}, i32);
    // Through int16 so that the backend sees a widening multiply-add of
    // 16-bit values (smlal on AArch64, pmaddwd-like forms elsewhere).
    SmallVector<Value> bWide;
    for (int64_t v = 0; v < vectors; ++v) {
      Value bytes = loadB(jb, k, v * shape.lanes, shape.lanes);
      bWide.push_back(arith::ExtSIOp::create(
          b, loc, wide, arith::ExtSIOp::create(b, loc, narrow, bytes)));
    }
    for (int64_t r = 0; r < rows; ++r) {
      Value element = memref::LoadOp::create(b, loc, a,
                                             ValueRange{rowIndex[r], k});
      Value splat = vector::BroadcastOp::create(
          b, loc, narrow, arith::ExtSIOp::create(b, loc, i16, element));
      Value aWide = arith::ExtSIOp::create(b, loc, wide, splat);
      for (int64_t v = 0; v < vectors; ++v) {
        Value &slot = acc[r * vectors + v];
        slot = arith::AddIOp::create(
            b, loc, slot, arith::MulIOp::create(b, loc, aWide, bWide[v]));
      }
    }
  }

  OpBuilder &b;
  Location loc;
  Value a, packedB, c, scratch;
  const IntegerKernelShape &shape;
  Type i8, i32;
};

std::optional<KernelKind> parseKind(StringRef kind) {
  if (kind == "dot")
    return KernelKind::Dot;
  if (kind == "mmla")
    return KernelKind::MatrixMultiply;
  if (kind == "widening")
    return KernelKind::Widening;
  return std::nullopt;
}

/// The shape of a tagged generic of the pack pass on static memrefs whose
/// rows are contiguous, or nothing.
std::optional<IntegerKernelShape> matchKernel(linalg::GenericOp op) {
  auto tile = op->getAttrOfType<DictionaryAttr>(kIntegerMicrokernelAttr);
  if (!tile || op.getNumDpsInputs() < 2 || op.getNumDpsInits() != 1 ||
      !op.hasPureBufferSemantics())
    return std::nullopt;
  auto a = dyn_cast<MemRefType>(op.getDpsInputs()[0].getType());
  auto packed = dyn_cast<MemRefType>(op.getDpsInputs()[1].getType());
  auto c = dyn_cast<MemRefType>(op.getDpsInits()[0].getType());
  auto kindName = tile.getAs<StringAttr>("kind");
  if (!a || !packed || !c || !kindName || !a.hasStaticShape() ||
      !packed.hasStaticShape() || !c.hasStaticShape() || a.getRank() != 2 ||
      packed.getRank() != 3 || c.getRank() != 2 || !a.isLastDimUnitStride() ||
      !packed.isLastDimUnitStride() || !c.isLastDimUnitStride())
    return std::nullopt;
  std::optional<KernelKind> kind = parseKind(kindName.getValue());
  if (!kind)
    return std::nullopt;
  IntegerKernelShape shape{*kind,
                           tile.getAs<IntegerAttr>("mr").getInt(),
                           tile.getAs<IntegerAttr>("nr").getInt(),
                           tile.getAs<IntegerAttr>("k_group").getInt(),
                           tile.getAs<IntegerAttr>("lanes").getInt(),
                           a.getDimSize(0),
                           c.getDimSize(1),
                           a.getDimSize(1)};
  int64_t expectedGroup = shape.kind == KernelKind::Dot              ? 4
                          : shape.kind == KernelKind::MatrixMultiply ? 8
                                                                     : 1;
  int64_t lanes = shape.kind == KernelKind::Widening ? shape.lanes : 4;
  // mmla reads its scratch [ceil(K / 8), mr / 2, 16] as a third input.
  bool mmla = shape.kind == KernelKind::MatrixMultiply;
  auto scratch = mmla && op.getNumDpsInputs() == 3
                     ? dyn_cast<MemRefType>(op.getDpsInputs()[2].getType())
                     : MemRefType();
  if (op.getNumDpsInputs() != (mmla ? 3 : 2) ||
      (mmla && (!scratch || !scratch.hasStaticShape() ||
                !scratch.getLayout().isIdentity() ||
                scratch.getShape() !=
                    ArrayRef<int64_t>{(shape.k + 7) / 8, shape.mr / 2, 16} ||
                shape.mr % 2)))
    return std::nullopt;
  if (shape.kGroup != expectedGroup || shape.lanes != lanes || lanes <= 0 ||
      shape.nr % (mmla ? 4 : lanes) ||
      shape.mr <= 0 || c.getDimSize(0) != shape.m ||
      packed.getDimSize(0) != (shape.n + shape.nr - 1) / shape.nr ||
      packed.getDimSize(1) != (shape.k + shape.kGroup - 1) / shape.kGroup ||
      packed.getDimSize(2) != shape.nr * shape.kGroup)
    return std::nullopt;
  return shape;
}

/// The linalg.fill of zero into `c` that the kernel `op` follows with
/// nothing in between that writes memory or touches `c`, if any.
linalg::FillOp findZeroFillOf(Operation *op, Value c) {
  for (Operation *previous = op->getPrevNode(); previous;
       previous = previous->getPrevNode()) {
    if (auto fill = dyn_cast<linalg::FillOp>(previous))
      if (fill.getOutputs()[0] == c &&
          matchPattern(fill.getInputs()[0], m_Zero()))
        return fill;
    auto effects = dyn_cast<MemoryEffectOpInterface>(previous);
    if (!effects || effects.hasEffect<MemoryEffects::Write>() ||
        llvm::is_contained(previous->getOperands(), c))
      return {};
  }
  return {};
}

/// The tile loops: whole mr-row blocks and whole panels in loops, the
/// leftover rows and the partial last panel as their own tiles.
void emitTiles(OpBuilder &b, Location loc, Value a, Value packedB, Value c,
               Value scratch, const IntegerKernelShape &shape) {
  auto index = [&](OpBuilder &builder, int64_t v) -> Value {
    return arith::ConstantIndexOp::create(builder, loc, v);
  };
  int64_t wholePanels = shape.n / shape.nr, lastColumns = shape.n % shape.nr;
  int64_t mMain = shape.m - shape.m % shape.mr;
  auto rowBlock = [&](OpBuilder &builder, Value i0, int64_t rows) {
    if (scratch)
      IntegerTileEmitter(builder, loc, a, packedB, c, scratch, shape)
          .packRowPairs(i0, rows);
    if (wholePanels > 0)
      scf::ForOp::create(
          builder, loc, index(builder, 0), index(builder, wholePanels),
          index(builder, 1), ValueRange{},
          [&](OpBuilder &jb, Location l, Value panel, ValueRange) {
            IntegerTileEmitter(jb, l, a, packedB, c, scratch, shape)
                .emit(i0, panel, rows, shape.nr);
            scf::YieldOp::create(jb, l);
          });
    if (lastColumns)
      IntegerTileEmitter(builder, loc, a, packedB, c, scratch, shape)
          .emit(i0, index(builder, wholePanels), rows, lastColumns);
  };
  if (mMain > 0)
    scf::ForOp::create(b, loc, index(b, 0), index(b, mMain),
                       index(b, shape.mr), ValueRange{},
                       [&](OpBuilder &ib, Location l, Value i0, ValueRange) {
                         rowBlock(ib, i0, shape.mr);
                         scf::YieldOp::create(ib, l);
                       });
  if (mMain < shape.m)
    rowBlock(b, index(b, mMain), shape.m - mMain);
}

struct LowerIntegerMicrokernel
    : public impl::LowerIntegerMicrokernelBase<LowerIntegerMicrokernel> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> kernels;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kIntegerMicrokernelAttr))
        kernels.push_back(op);
    });
    for (linalg::GenericOp op : kernels) {
      std::optional<IntegerKernelShape> shape = matchKernel(op);
      if (!shape) {
        // Left to the generic lowering, which computes the same product.
        op->removeAttr(kIntegerMicrokernelAttr);
        continue;
      }
      if (linalg::FillOp fill = findZeroFillOf(op, op.getDpsInits()[0])) {
        shape->zeroC = true;
        fill->erase();
      }
      OpBuilder b(op);
      Value scratch = op.getNumDpsInputs() == 3 ? op.getDpsInputs()[2]
                                                : Value();
      emitTiles(b, op.getLoc(), op.getDpsInputs()[0], op.getDpsInputs()[1],
                op.getDpsInits()[0], scratch, *shape);
      op->erase();
    }
  }
};

} // namespace
} // namespace edgecc
