//===- LowerMatmulMicrokernel.cpp - Register-blocked matmul code ----------===//
//
// C[M, N] += A[M, K] @ B, B packed as [N / nr, K, nr] panels. For each mr x
// nr tile of C the accumulators are loaded once, carried through the K loop
// as scf.for iteration values (LLVM keeps them in registers), and stored
// once. A is read `lanes` k-steps at a time, one vector per row; each lane is
// broadcast into a fused multiply-add with a vector of B, which the AArch64
// backend selects as `fmla vD.4s, vB.4s, vA.s[lane]`.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Passes.h"

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
};

class TileEmitter {
public:
  TileEmitter(OpBuilder &b, Location loc, Value a, Value packedB, Value c,
              KernelShape shape)
      : b(b), loc(loc), a(a), packedB(packedB), c(c), shape(shape),
        vectorType(VectorType::get({shape.lanes}, b.getF32Type())) {}

  /// One tile of `rows` rows at row i0 and panel jb.
  void emit(Value i0, Value jb, int64_t rows) {
    int64_t vectors = shape.nr / shape.lanes;
    Value j0 = arith::MulIOp::create(b, loc, jb, index(shape.nr));
    SmallVector<Value> rowIndex, columnIndex;
    for (int64_t r = 0; r < rows; ++r)
      rowIndex.push_back(arith::AddIOp::create(b, loc, i0, index(r)));
    for (int64_t v = 0; v < vectors; ++v)
      columnIndex.push_back(
          arith::AddIOp::create(b, loc, j0, index(v * shape.lanes)));

    SmallVector<Value> accumulators;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v)
        accumulators.push_back(vector::LoadOp::create(
            b, loc, vectorType, c, ValueRange{rowIndex[r], columnIndex[v]}));

    int64_t kMain = shape.k - shape.k % shape.lanes;
    if (kMain > 0)
      accumulators = kLoop(0, kMain, shape.lanes, accumulators, rowIndex, jb,
                           /*vectorOfA=*/true);
    if (kMain < shape.k)
      accumulators = kLoop(kMain, shape.k, 1, accumulators, rowIndex, jb,
                           /*vectorOfA=*/false);

    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v)
        vector::StoreOp::create(b, loc, accumulators[r * vectors + v], c,
                                ValueRange{rowIndex[r], columnIndex[v]});
  }

private:
  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }

  /// k from `begin` to `end` by `step`: with `vectorOfA`, step = lanes and A
  /// is read as one vector per row; else step 1 with a scalar of A.
  SmallVector<Value> kLoop(int64_t begin, int64_t end, int64_t step,
                           ValueRange accumulators, ArrayRef<Value> rowIndex,
                           Value jb, bool vectorOfA) {
    int64_t vectors = shape.nr / shape.lanes;
    int64_t rows = rowIndex.size();
    auto loop = scf::ForOp::create(
        b, loc, index(begin), index(end), index(step), accumulators,
        [&](OpBuilder &nb, Location l, Value k0, ValueRange carried) {
          SmallVector<Value> acc(carried);
          SmallVector<Value> aValues;
          for (int64_t r = 0; r < rows; ++r) {
            if (vectorOfA)
              aValues.push_back(vector::LoadOp::create(
                  nb, l, vectorType, a, ValueRange{rowIndex[r], k0}));
            else
              aValues.push_back(
                  memref::LoadOp::create(nb, l, a, ValueRange{rowIndex[r], k0}));
          }
          for (int64_t kk = 0; kk < step; ++kk) {
            Value k = kk ? arith::AddIOp::create(
                               nb, l, k0,
                               arith::ConstantIndexOp::create(nb, l, kk))
                         : k0;
            SmallVector<Value> bValues;
            for (int64_t v = 0; v < vectors; ++v)
              bValues.push_back(vector::LoadOp::create(
                  nb, l, vectorType, packedB,
                  ValueRange{jb, k,
                             arith::ConstantIndexOp::create(
                                 nb, l, v * shape.lanes)}));
            for (int64_t r = 0; r < rows; ++r) {
              Value scalar =
                  vectorOfA ? vector::ExtractOp::create(nb, l, aValues[r], kk)
                                  .getResult()
                            : aValues[r];
              Value splat =
                  vector::BroadcastOp::create(nb, l, vectorType, scalar);
              for (int64_t v = 0; v < vectors; ++v) {
                Value &slot = acc[r * vectors + v];
                slot = vector::FMAOp::create(nb, l, splat, bValues[v], slot);
              }
            }
          }
          scf::YieldOp::create(nb, l, acc);
        });
    return SmallVector<Value>(loop.getResults());
  }

  OpBuilder &b;
  Location loc;
  Value a, packedB, c;
  KernelShape shape;
  VectorType vectorType;
};

/// The shape of a tagged generic whose operands are static memrefs, or
/// nothing if it is not in the form the pack pass produced.
std::optional<KernelShape> matchKernel(linalg::GenericOp op) {
  auto tile = op->getAttrOfType<DictionaryAttr>(kMicrokernelAttr);
  if (!tile || op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !op.hasPureBufferSemantics())
    return std::nullopt;
  auto a = dyn_cast<MemRefType>(op.getDpsInputs()[0].getType());
  auto packed = dyn_cast<MemRefType>(op.getDpsInputs()[1].getType());
  auto c = dyn_cast<MemRefType>(op.getDpsInits()[0].getType());
  if (!a || !packed || !c || !a.hasStaticShape() || !packed.hasStaticShape() ||
      !c.hasStaticShape() || a.getRank() != 2 || packed.getRank() != 3 ||
      c.getRank() != 2)
    return std::nullopt;
  KernelShape shape;
  shape.mr = tile.getAs<IntegerAttr>("mr").getInt();
  shape.nr = tile.getAs<IntegerAttr>("nr").getInt();
  shape.lanes = tile.getAs<IntegerAttr>("lanes").getInt();
  shape.m = a.getDimSize(0);
  shape.k = a.getDimSize(1);
  shape.n = c.getDimSize(1);
  if (packed.getDimSize(0) * shape.nr != shape.n ||
      packed.getDimSize(1) != shape.k || packed.getDimSize(2) != shape.nr ||
      c.getDimSize(0) != shape.m)
    return std::nullopt;
  return shape;
}

struct LowerMatmulMicrokernel
    : public impl::LowerMatmulMicrokernelBase<LowerMatmulMicrokernel> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> kernels;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kMicrokernelAttr))
        kernels.push_back(op);
    });
    for (linalg::GenericOp op : kernels) {
      auto shape = matchKernel(op);
      if (!shape) {
        // Left to the generic lowering, which computes the same product.
        op->removeAttr(kMicrokernelAttr);
        continue;
      }
      OpBuilder b(op);
      Location loc = op.getLoc();
      Value a = op.getDpsInputs()[0], packed = op.getDpsInputs()[1];
      Value c = op.getDpsInits()[0];
      auto index = [&](int64_t v) -> Value {
        return arith::ConstantIndexOp::create(b, loc, v);
      };
      int64_t panels = shape->n / shape->nr;
      int64_t mMain = shape->m - shape->m % shape->mr;
      if (mMain > 0)
        scf::ForOp::create(
            b, loc, index(0), index(mMain), index(shape->mr), ValueRange{},
            [&](OpBuilder &ib, Location l, Value i0, ValueRange) {
              scf::ForOp::create(
                  ib, l, arith::ConstantIndexOp::create(ib, l, 0),
                  arith::ConstantIndexOp::create(ib, l, panels),
                  arith::ConstantIndexOp::create(ib, l, 1), ValueRange{},
                  [&](OpBuilder &jbuilder, Location jl, Value jb, ValueRange) {
                    TileEmitter inner(jbuilder, jl, a, packed, c, *shape);
                    inner.emit(i0, jb, shape->mr);
                    scf::YieldOp::create(jbuilder, jl);
                  });
              scf::YieldOp::create(ib, l);
            });
      if (mMain < shape->m)
        scf::ForOp::create(
            b, loc, index(0), index(panels), index(1), ValueRange{},
            [&](OpBuilder &jbuilder, Location jl, Value jb, ValueRange) {
              TileEmitter inner(jbuilder, jl, a, packed, c, *shape);
              inner.emit(arith::ConstantIndexOp::create(jbuilder, jl, mMain),
                         jb, shape->m - mMain);
              scf::YieldOp::create(jbuilder, jl);
            });
      op->erase();
    }
  }
};

} // namespace
} // namespace edgecc
