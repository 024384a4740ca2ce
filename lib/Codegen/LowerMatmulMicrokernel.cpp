//===- LowerMatmulMicrokernel.cpp - Register-blocked matmul code ----------===//
//
// C[M, N] += A[M, K] @ B, with B packed as [ceil(N / nr), K, nr] panels
// (constant weights, the last panel zero-padded), or row-major [K, N] (a
// computed operand), or batched: C[b] += A[b] @ B[b] with row-major B. For
// each mr x nr tile of C the accumulators are loaded once, carried through
// the K loop as scf.for iteration values (LLVM keeps them in registers), and
// stored once. A partial last panel takes only the vectors its columns need,
// the last of them read and written under a constant mask. A is read `lanes` k-steps at a time, one vector per row; each lane is
// broadcast into a fused multiply-add with a vector of B, which the AArch64
// backend selects as `fmla vD.4s, vB.4s, vA.s[lane]`.
//
// A matmul's dispatch also holds the op that initialises C (a fill, or the
// bias broadcast tagged as prologue) and the elementwise generic tagged as
// its epilogue (MatmulEpilogue.h): the accumulators then start from the
// bias in registers, and go through the epilogue's body (bias, activation,
// residual) before the one store, into the epilogue's output; C itself is
// never written and its buffer goes away. This runs before the arena is
// planned so that the planner sees the fused loop's real live ranges.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Passes.h"
#include "edgecc/Target/Microkernel.h"

#include "MaskedAccess.h"
#include "MatmulEpilogue.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace edgecc {
#define GEN_PASS_DEF_LOWERMATMULMICROKERNEL
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

struct KernelShape {
  int64_t mr, nr, lanes;
  int64_t m, n, k;
  int64_t batch = 0; // batched operands ([batch, ...]), 0 if not
  bool packedB = false;
  int64_t rowBlock = 0; // rows per cache block (f32MatmulRowBlock), 0: all
};

/// Where a tile's accumulators start and where they go: by default loaded
/// from and stored to C.
struct TileEnds {
  linalg::FillOp fill;          // start from its value
  linalg::GenericOp prologue;   // start from its body (a bias broadcast)
  linalg::GenericOp epilogue;   // store its body of the accumulators instead
  unsigned accumulatorInput = 0; // the epilogue's input that reads C
};

class TileEmitter {
public:
  TileEmitter(OpBuilder &b, Location loc, Value a, Value bOperand, Value c,
              KernelShape shape, Value batchIndex, const TileEnds &ends = {})
      : b(b), loc(loc), a(a), bOperand(bOperand), c(c), shape(shape),
        batchIndex(batchIndex), ends(ends),
        vectorType(VectorType::get({shape.lanes}, b.getF32Type())) {}

  /// One tile of `rows` rows at row i0 and of the first `columns` (<= nr)
  /// columns of panel jb (columns jb * nr ...). A partial last panel takes
  /// only the vectors it needs; the last of them, if partial, is read and
  /// written under a constant mask (packed B is zero-padded instead).
  void emit(Value i0, Value jb, int64_t rows, int64_t columns) {
    int64_t vectors = llvm::divideCeilSigned(columns, shape.lanes);
    Value j0 = arith::MulIOp::create(b, loc, jb, index(shape.nr));
    SmallVector<Value> rowIndex, columnIndex;
    SmallVector<int64_t> valid;
    for (int64_t r = 0; r < rows; ++r)
      rowIndex.push_back(arith::AddIOp::create(b, loc, i0, index(r)));
    for (int64_t v = 0; v < vectors; ++v) {
      columnIndex.push_back(
          arith::AddIOp::create(b, loc, j0, index(v * shape.lanes)));
      valid.push_back(std::min(shape.lanes, columns - v * shape.lanes));
    }

    SmallVector<Value> accumulators;
    Value filled;
    if (ends.fill)
      filled = vector::BroadcastOp::create(b, loc, vectorType,
                                           ends.fill.getInputs()[0]);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v)
        accumulators.push_back(
            filled ? filled
            : ends.prologue
                ? applyBody(ends.prologue, rowIndex[r], columnIndex[v],
                            valid[v], std::nullopt, Value())
                : loadFirst(b, loc, vectorType, c,
                            indices({rowIndex[r], columnIndex[v]}),
                            valid[v]));

    // The k steps left after the loop are emitted straight: fewer than one
    // iteration's.
    int64_t kMain = shape.k - shape.k % kPerIteration();
    if (kMain > 0)
      accumulators = kLoop(kMain, accumulators, rowIndex, jb, columnIndex,
                           valid);
    for (int64_t k = kMain; k < shape.k; ++k)
      accumulators = kSteps(b, loc, index(k), /*vectorOfA=*/false,
                            accumulators, rowIndex, jb, columnIndex, valid);

    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v) {
        Value tile = accumulators[r * vectors + v];
        if (!ends.epilogue) {
          storeFirst(b, loc, tile, c, indices({rowIndex[r], columnIndex[v]}),
                     valid[v]);
          continue;
        }
        Value result = applyBody(ends.epilogue, rowIndex[r], columnIndex[v],
                                 valid[v], ends.accumulatorInput, tile);
        storeFirst(b, loc, result, ends.epilogue.getDpsInits()[0],
                   loopIndices(ends.epilogue.getNumLoops(), rowIndex[r],
                               columnIndex[v]),
                   valid[v]);
      }
  }

private:
  /// Indices of an iteration space [1, ..., 1, rows, columns].
  SmallVector<Value> loopIndices(unsigned loops, Value row, Value column) {
    SmallVector<Value> all(loops - 2, index(0));
    all.append({row, column});
    return all;
  }

  /// `generic`'s scalar body on the `lanes` columns from `column` of `row`
  /// (MatmulEpilogue.h says which generics qualify), of which the first
  /// `valid` exist, its input `given` replaced by `givenValue`.
  Value applyBody(linalg::GenericOp generic, Value row, Value column,
                  int64_t valid, std::optional<unsigned> given,
                  Value givenValue) {
    unsigned loops = generic.getNumLoops();
    auto vectorOf = [&](Type element) {
      return VectorType::get({shape.lanes}, element);
    };
    Block *body = generic.getBody();
    IRMapping mapping;
    for (OpOperand *input : generic.getDpsInputOperands()) {
      unsigned number = input->getOperandNumber();
      BlockArgument arg = body->getArgument(number);
      if (given && number == *given) {
        mapping.map(arg, givenValue);
        continue;
      }
      if (arg.use_empty())
        continue;
      SmallVector<Value> at;
      bool alongColumns = false;
      for (AffineExpr expr :
           generic.getMatchingIndexingMap(input).getResults()) {
        if (auto constant = dyn_cast<AffineConstantExpr>(expr)) {
          at.push_back(index(constant.getValue()));
          continue;
        }
        unsigned dim = cast<AffineDimExpr>(expr).getPosition();
        alongColumns |= dim == loops - 1;
        at.push_back(dim == loops - 1   ? column
                     : dim == loops - 2 ? row
                                        : index(0));
      }
      Value value =
          alongColumns
              ? loadFirst(b, loc, vectorOf(arg.getType()), input->get(), at,
                          valid)
              : vector::BroadcastOp::create(
                    b, loc, vectorOf(arg.getType()),
                    memref::LoadOp::create(b, loc, input->get(), at))
                    .getResult();
      mapping.map(arg, value);
    }
    // Scalars from outside the body (and constants) are splat.
    auto vectorized = [&](Value value) {
      if (!mapping.contains(value))
        mapping.map(value, vector::BroadcastOp::create(
                               b, loc, vectorOf(value.getType()), value));
      return mapping.lookup(value);
    };
    for (Operation &op : body->without_terminator()) {
      if (isa<arith::ConstantOp>(op)) {
        mapping.map(op.getResult(0), vectorized(b.clone(op)->getResult(0)));
        continue;
      }
      for (Value operand : op.getOperands())
        vectorized(operand);
      Operation *clone = b.clone(op, mapping);
      for (Value result : clone->getResults())
        result.setType(vectorOf(result.getType()));
    }
    return vectorized(body->getTerminator()->getOperand(0));
  }

  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }

  /// Operand indices, with the batch index first for batched operands.
  SmallVector<Value> indices(ArrayRef<Value> inner) {
    SmallVector<Value> all;
    if (batchIndex)
      all.push_back(batchIndex);
    llvm::append_range(all, inner);
    return all;
  }

  /// a * b + c. One lane wide (a scalar core: Hexagon's float) as a
  /// contractible multiply and add, which Hexagon selects as its
  /// multiply-accumulate `r += sfmpy(r, r)`; a vector.fma would be an
  /// llvm.fmuladd there, kept as two instructions.
  Value multiplyAdd(OpBuilder &nb, Location l, Value a, Value b, Value c) {
    if (shape.lanes > 1)
      return vector::FMAOp::create(nb, l, a, b, c);
    auto contract = arith::FastMathFlagsAttr::get(
        nb.getContext(), arith::FastMathFlags::contract);
    Value product = arith::MulFOp::create(nb, l, a, b, contract);
    return arith::AddFOp::create(nb, l, c, product, contract);
  }

  /// k steps per iteration of the k loop: a vector of A's lanes, or, one
  /// lane wide, 4 scalar steps, so that the loop's own instructions do not
  /// weigh on a tile of a few multiply-adds per step.
  int64_t kPerIteration() const { return shape.lanes > 1 ? shape.lanes : 4; }

  /// k from 0 to `end` (a multiple of kPerIteration()): with vectors, A read
  /// as one vector per row.
  SmallVector<Value> kLoop(int64_t end, ValueRange accumulators,
                           ArrayRef<Value> rowIndex, Value jb,
                           ArrayRef<Value> columnIndex,
                           ArrayRef<int64_t> valid) {
    auto loop = scf::ForOp::create(
        b, loc, index(0), index(end), index(kPerIteration()), accumulators,
        [&](OpBuilder &nb, Location l, Value k0, ValueRange carried) {
          if (shape.lanes > 1) {
            scf::YieldOp::create(nb, l,
                                 kSteps(nb, l, k0, /*vectorOfA=*/true,
                                        carried, rowIndex, jb, columnIndex,
                                        valid));
            return;
          }
          SmallVector<Value> acc(carried);
          for (int64_t step = 0; step < kPerIteration(); ++step) {
            Value k = step ? arith::AddIOp::create(
                                 nb, l, k0,
                                 arith::ConstantIndexOp::create(nb, l, step))
                           : k0;
            acc = kSteps(nb, l, k, /*vectorOfA=*/false, acc, rowIndex, jb,
                         columnIndex, valid);
          }
          scf::YieldOp::create(nb, l, acc);
        });
    return SmallVector<Value>(loop.getResults());
  }

  /// The multiply-adds of k steps from `k0` into `accumulators`: with
  /// `vectorOfA`, `lanes` steps with A read as one vector per row, each lane
  /// broadcast in turn; else one step with a scalar of A.
  SmallVector<Value> kSteps(OpBuilder &nb, Location l, Value k0,
                            bool vectorOfA, ValueRange accumulators,
                            ArrayRef<Value> rowIndex, Value jb,
                            ArrayRef<Value> columnIndex,
                            ArrayRef<int64_t> valid) {
    int64_t vectors = columnIndex.size();
    int64_t rows = rowIndex.size();
    int64_t steps = vectorOfA ? shape.lanes : 1;
    SmallVector<Value> acc(accumulators);
    SmallVector<Value> aValues;
    for (int64_t r = 0; r < rows; ++r) {
      if (vectorOfA)
        aValues.push_back(vector::LoadOp::create(nb, l, vectorType, a,
                                                 indices({rowIndex[r], k0})));
      else
        aValues.push_back(
            memref::LoadOp::create(nb, l, a, indices({rowIndex[r], k0})));
    }
    for (int64_t kk = 0; kk < steps; ++kk) {
      Value k = kk ? arith::AddIOp::create(
                         nb, l, k0, arith::ConstantIndexOp::create(nb, l, kk))
                   : k0;
      SmallVector<Value> bValues;
      for (int64_t v = 0; v < vectors; ++v) {
        if (shape.packedB)
          bValues.push_back(vector::LoadOp::create(
              nb, l, vectorType, bOperand,
              ValueRange{jb, k,
                         arith::ConstantIndexOp::create(nb, l,
                                                        v * shape.lanes)}));
        else
          bValues.push_back(loadFirst(nb, loc, vectorType, bOperand,
                                      indices({k, columnIndex[v]}),
                                      valid[v]));
      }
      for (int64_t r = 0; r < rows; ++r) {
        Value scalar =
            vectorOfA
                ? vector::ExtractOp::create(nb, l, aValues[r], kk).getResult()
                : aValues[r];
        Value splat = vector::BroadcastOp::create(nb, l, vectorType, scalar);
        for (int64_t v = 0; v < vectors; ++v) {
          Value &slot = acc[r * vectors + v];
          slot = multiplyAdd(nb, l, splat, bValues[v], slot);
        }
      }
    }
    return acc;
  }

  OpBuilder &b;
  Location loc;
  Value a, bOperand, c;
  KernelShape shape;
  Value batchIndex;
  TileEnds ends;
  VectorType vectorType;
};

/// The shape of a tagged matmul whose operands are static memrefs: the
/// packed-weights generic of the pack pass, or a tagged linalg.matmul /
/// linalg.batch_matmul with row-major B. Nothing if not in those forms.
std::optional<KernelShape> matchKernel(linalg::LinalgOp op) {
  auto tile = op->getAttrOfType<DictionaryAttr>(kMicrokernelAttr);
  if (!tile || op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !op.hasPureBufferSemantics())
    return std::nullopt;
  auto a = dyn_cast<MemRefType>(op.getDpsInputs()[0].getType());
  auto bType = dyn_cast<MemRefType>(op.getDpsInputs()[1].getType());
  auto c = dyn_cast<MemRefType>(op.getDpsInits()[0].getType());
  if (!a || !bType || !c || !a.hasStaticShape() || !bType.hasStaticShape() ||
      !c.hasStaticShape())
    return std::nullopt;
  KernelShape shape;
  shape.mr = tile.getAs<IntegerAttr>("mr").getInt();
  shape.nr = tile.getAs<IntegerAttr>("nr").getInt();
  shape.lanes = tile.getAs<IntegerAttr>("lanes").getInt();
  bool batched = isa<linalg::BatchMatmulOp>(op.getOperation());
  shape.packedB = isa<linalg::GenericOp>(op.getOperation());
  int64_t rank = batched ? 3 : 2;
  if (a.getRank() != rank || c.getRank() != rank ||
      bType.getRank() != (shape.packedB ? 3 : rank))
    return std::nullopt;
  shape.batch = batched ? a.getDimSize(0) : 0;
  shape.m = a.getDimSize(rank - 2);
  shape.k = a.getDimSize(rank - 1);
  shape.n = c.getDimSize(rank - 1);
  bool bMatches =
      shape.packedB
          ? bType.getDimSize(0) == llvm::divideCeilSigned(shape.n, shape.nr) &&
                bType.getDimSize(1) == shape.k &&
                bType.getDimSize(2) == shape.nr
          : bType.getDimSize(rank - 2) == shape.k &&
                bType.getDimSize(rank - 1) == shape.n;
  if (!bMatches || c.getDimSize(rank - 2) != shape.m ||
      (batched && (bType.getDimSize(0) != shape.batch ||
                   c.getDimSize(0) != shape.batch)))
    return std::nullopt;
  return shape;
}

/// The tile loops of one matmul (of one batch entry when `batchIndex`).
void emitTiles(OpBuilder &b, Location loc, Value a, Value bOperand, Value c,
               const KernelShape &shape, Value batchIndex,
               const TileEnds &ends = {}) {
  auto index = [&](OpBuilder &builder, int64_t v) -> Value {
    return arith::ConstantIndexOp::create(builder, loc, v);
  };
  int64_t panels = shape.n / shape.nr, tailColumns = shape.n % shape.nr;
  int64_t mMain = shape.m - shape.m % shape.mr;
  auto tile = [&](OpBuilder &builder, Location l, Value i0, Value panel,
                  int64_t rows, int64_t columns) {
    TileEmitter(builder, l, a, bOperand, c, shape, batchIndex, ends)
        .emit(i0, panel, rows, columns);
  };
  // Every whole panel, then the partial one, for rows from i0.
  auto panelsOfRows = [&](OpBuilder &builder, Value i0, int64_t rows) {
    if (panels > 0)
      scf::ForOp::create(
          builder, loc, index(builder, 0), index(builder, panels),
          index(builder, 1), ValueRange{},
          [&](OpBuilder &jb, Location l, Value panel, ValueRange) {
            tile(jb, l, i0, panel, rows, shape.nr);
            scf::YieldOp::create(jb, l);
          });
    if (tailColumns > 0)
      tile(builder, loc, i0, index(builder, panels), rows, tailColumns);
  };
  // The row tiles from `start` to `end` of one panel.
  auto rowTiles = [&](OpBuilder &builder, Location l, Value start, Value end,
                      Value panel, int64_t columns) {
    scf::ForOp::create(
        builder, l, start, end, index(builder, shape.mr), ValueRange{},
        [&](OpBuilder &ib, Location il, Value i0, ValueRange) {
          tile(ib, il, i0, panel, shape.mr, columns);
          scf::YieldOp::create(ib, il);
        });
  };
  // Blocks of rows (the cache model in targets/Microkernel.cpp); in each,
  // panel by panel, every row tile: a panel of B is reused from L1 by all
  // the block's tiles before the next one is read.
  int64_t rowBlock = shape.rowBlock > 0 ? std::min(shape.rowBlock, mMain)
                                        : mMain;
  if (mMain > 0)
    scf::ForOp::create(
        b, loc, index(b, 0), index(b, mMain), index(b, rowBlock),
        ValueRange{}, [&](OpBuilder &bb, Location l, Value start, ValueRange) {
          Value end = arith::MinSIOp::create(
              bb, l, arith::AddIOp::create(bb, l, start, index(bb, rowBlock)),
              index(bb, mMain));
          if (panels > 0)
            scf::ForOp::create(
                bb, l, index(bb, 0), index(bb, panels), index(bb, 1),
                ValueRange{},
                [&](OpBuilder &jb, Location jl, Value panel, ValueRange) {
                  rowTiles(jb, jl, start, end, panel, shape.nr);
                  scf::YieldOp::create(jb, jl);
                });
          if (tailColumns > 0)
            rowTiles(bb, l, start, end, index(bb, panels), tailColumns);
          scf::YieldOp::create(bb, l);
        });
  if (mMain < shape.m)
    panelsOfRows(b, index(b, mMain), shape.m - mMain);
}

/// Ops that neither read nor write memory: they may sit between the parts of
/// a dispatch after bufferisation.
bool isInert(Operation *op) {
  return isa<memref::AllocOp, memref::ExpandShapeOp, memref::CollapseShapeOp,
             memref::GetGlobalOp, arith::ConstantOp>(op);
}

Operation *nextBusy(Operation *op) {
  do
    op = op->getNextNode();
  while (op && isInert(op));
  return op;
}

Operation *previousBusy(Operation *op) {
  do
    op = op->getPrevNode();
  while (op && isInert(op));
  return op;
}

/// The buffer `value` views.
Value viewSource(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

/// The views of `root` (transitively, in creation order) and every other op
/// that uses `root` or one of them.
void viewsAndUsers(Value root, SmallVectorImpl<Operation *> &views,
                   SmallVectorImpl<Operation *> &users) {
  SmallVector<Value> worklist = {root};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      auto view = dyn_cast<ViewLikeOpInterface>(user);
      if (view && view.getViewSource() == value) {
        views.push_back(user);
        llvm::append_range(worklist, user->getResults());
      } else {
        users.push_back(user);
      }
    }
  }
}

/// Every op other than views that uses `root` or a view of it.
SmallVector<Operation *> bufferUsers(Value root) {
  SmallVector<Operation *> views, users;
  viewsAndUsers(root, views, users);
  return users;
}

/// The parts of `op`'s dispatch that are still in place after
/// bufferisation: the op right before it initialising C, the tagged
/// epilogue right after it that alone reads C (C being a buffer of its own).
TileEnds findTileEnds(linalg::LinalgOp op, const KernelShape &shape) {
  TileEnds ends;
  if (shape.batch)
    return ends;
  Value c = op.getDpsInits()[0];
  Operation *before = previousBusy(op);
  if (auto fill = dyn_cast_if_present<linalg::FillOp>(before);
      fill && fill.getDpsInits()[0] == c)
    ends.fill = fill;
  if (auto prologue = dyn_cast_if_present<linalg::GenericOp>(before);
      prologue && prologue->hasAttr(kMatmulPrologueAttr) &&
      prologue.getDpsInits()[0] == c && prologue.getNumLoops() == 2 &&
      isTileComputable(prologue, shape.m, shape.n))
    ends.prologue = prologue;

  Value root = viewSource(c);
  auto epilogue = dyn_cast_if_present<linalg::GenericOp>(nextBusy(op));
  if (!root.getDefiningOp<memref::AllocOp>() || !epilogue ||
      !epilogue->hasAttr(kMatmulEpilogueAttr) ||
      !isTileComputable(epilogue, shape.m, shape.n) ||
      viewSource(epilogue.getDpsInits()[0]) == root)
    return ends;
  std::optional<unsigned> reader;
  for (OpOperand *input : epilogue.getDpsInputOperands()) {
    if (viewSource(input->get()) != root)
      continue;
    if (reader || !epilogue.getMatchingIndexingMap(input).isIdentity())
      return ends;
    reader = input->getOperandNumber();
  }
  if (!reader || epilogueOperand(epilogue) != reader)
    return ends;
  for (Operation *user : bufferUsers(root))
    if (user != op && user != epilogue && user != ends.fill &&
        user != ends.prologue)
      return ends;
  ends.epilogue = epilogue;
  ends.accumulatorInput = *reader;
  return ends;
}

/// Erases `root` (an alloc) and its views once nothing uses them.
void eraseIfUnused(Value root) {
  SmallVector<Operation *> views, users;
  viewsAndUsers(root, views, users);
  if (!users.empty())
    return;
  for (Operation *view : llvm::reverse(views))
    view->erase();
  root.getDefiningOp()->erase();
}

struct LowerMatmulMicrokernel
    : public impl::LowerMatmulMicrokernelBase<LowerMatmulMicrokernel> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> kernels;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kMicrokernelAttr))
        kernels.push_back(op);
    });
    for (linalg::LinalgOp op : kernels) {
      auto shape = matchKernel(op);
      if (!shape) {
        // Left to the generic lowering, which computes the same product.
        op->removeAttr(kMicrokernelAttr);
        continue;
      }
      shape->rowBlock = f32MatmulRowBlock(
          getOperation()->getAttrOfType<DictionaryAttr>(kTargetAttr),
          shape->mr, shape->k);
      TileEnds ends = findTileEnds(op, *shape);
      // With an epilogue the loop goes where its output is ready to write.
      OpBuilder b(ends.epilogue ? ends.epilogue.getOperation()
                                : op.getOperation());
      Location loc = op.getLoc();
      Value a = op.getDpsInputs()[0], bOperand = op.getDpsInputs()[1];
      Value c = op.getDpsInits()[0];
      if (ends.fill || ends.prologue || ends.epilogue) {
        emitTiles(b, loc, a, bOperand, c, *shape, Value(), ends);
        op->erase();
        for (Operation *part : {ends.fill.getOperation(),
                                ends.prologue.getOperation(),
                                ends.epilogue.getOperation()})
          if (part)
            part->erase();
        if (ends.epilogue)
          eraseIfUnused(viewSource(c));
        continue;
      }
      if (shape->batch)
        scf::ForOp::create(
            b, loc, arith::ConstantIndexOp::create(b, loc, 0),
            arith::ConstantIndexOp::create(b, loc, shape->batch),
            arith::ConstantIndexOp::create(b, loc, 1), ValueRange{},
            [&](OpBuilder &bb, Location l, Value batch, ValueRange) {
              emitTiles(bb, l, a, bOperand, c, *shape, batch);
              scf::YieldOp::create(bb, l);
            });
      else
        emitTiles(b, loc, a, bOperand, c, *shape, Value());
      op->erase();
    }
  }
};

} // namespace
} // namespace edgecc
