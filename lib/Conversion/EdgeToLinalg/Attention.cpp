//===- Attention.cpp - edge.attention as a loop over query rows -----------===//
//
// One scf.for over the query rows (all batch entries): per row, the scores
// against every key (a vector of T), scale and mask, a stable softmax, and
// the weighted sum of V, inserted into the result. Only row-sized
// temporaries exist, so the arena never holds the S x T score matrix. The
// contractions put the reduced dim outside, which makes the inner loops
// walk K^T's and V's rows contiguously; where the target's registers hold
// a whole row, its accumulator is a vector carried through that loop.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edgecc/Target/Microkernel.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <limits>

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

using utils::IteratorType;

/// acc[p] += lhs[r] * rhs[r, p] for a reduced dim r outside a parallel p.
/// When the row of `columns` floats fits in `registerBits` (half the
/// target's vector registers), it is a vector carried through the loop
/// over r, one FMA per matrix row with a broadcast lhs[r]: the accumulator
/// row stays in registers instead of being loaded and stored at every r.
Value rowTimesMatrix(OpBuilder &b, Location loc, Value row, Value matrix,
                     int64_t columns, int64_t registerBits) {
  MLIRContext *ctx = b.getContext();
  Type f32 = b.getF32Type();
  if (columns > 0 && columns * 32 <= registerBits) {
    auto vectorType = VectorType::get({columns}, f32);
    int64_t reduced = cast<RankedTensorType>(row.getType()).getDimSize(0);
    Value zero = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(vectorType, 0.0f));
    Value c0 = arith::ConstantIndexOp::create(b, loc, 0);
    auto loop = scf::ForOp::create(
        b, loc, c0, arith::ConstantIndexOp::create(b, loc, reduced),
        arith::ConstantIndexOp::create(b, loc, 1), ValueRange{zero},
        [&](OpBuilder &nb, Location nl, Value r, ValueRange acc) {
          Value x = tensor::ExtractOp::create(nb, nl, row, r);
          Value lane = vector::BroadcastOp::create(nb, nl, vectorType, x);
          Value pad = arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(0));
          Value matrixRow = vector::TransferReadOp::create(
              nb, nl, vectorType, matrix,
              ValueRange{r, arith::ConstantIndexOp::create(nb, nl, 0)}, pad,
              ArrayRef<bool>{true});
          scf::YieldOp::create(
              nb, nl,
              ValueRange{vector::FMAOp::create(nb, nl, lane, matrixRow, acc[0])
                             .getResult()});
        });
    Value init = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{columns}, f32);
    return vector::TransferWriteOp::create(b, loc, loop.getResult(0), init,
                                           ValueRange{c0}, ArrayRef<bool>{true})
        .getResult();
  }
  Value init = buildFilled(b, loc, RankedTensorType::get({columns}, f32),
                           b.getFloatAttr(f32, 0.0));
  AffineExpr r = getAffineDimExpr(0, ctx), p = getAffineDimExpr(1, ctx);
  SmallVector<AffineMap> maps = {AffineMap::get(2, 0, {r}, ctx),
                                 AffineMap::get(2, 0, {r, p}, ctx),
                                 AffineMap::get(2, 0, {p}, ctx)};
  return linalg::GenericOp::create(
             b, loc, init.getType(), ValueRange{row, matrix}, init, maps,
             {IteratorType::reduction, IteratorType::parallel},
             [](OpBuilder &nb, Location l, ValueRange a) {
               Value product = arith::MulFOp::create(nb, l, a[0], a[1]);
               Value sum = createAccumulate(nb, l, a[2], product);
               linalg::YieldOp::create(nb, l, sum);
             })
      .getResult(0);
}

/// The row of a mask (bias or keep) for the score row at `indices` (the
/// batch indices and the query row), as a vector of T elements or of 1
/// element when the mask broadcasts over keys.
Value maskRow(OpBuilder &b, Location loc, Value mask, ArrayRef<Value> indices,
              int64_t scoresRank) {
  auto type = cast<RankedTensorType>(mask.getType());
  int64_t rank = type.getRank(), offset = scoresRank - rank;
  SmallVector<OpFoldResult> offsets, sizes, strides(rank, b.getIndexAttr(1));
  for (int64_t d = 0; d < rank; ++d) {
    bool last = d == rank - 1;
    int64_t size = type.getDimSize(d);
    sizes.push_back(b.getIndexAttr(last ? size : 1));
    if (last || size == 1)
      offsets.push_back(b.getIndexAttr(0));
    else
      offsets.push_back(indices[d + offset]);
  }
  auto rowType = RankedTensorType::get({type.getDimSize(rank - 1)},
                                       type.getElementType());
  return tensor::ExtractSliceOp::create(b, loc, rowType, mask, offsets, sizes,
                                        strides);
}

struct AttentionLowering : OpConversionPattern<edge::AttentionOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::AttentionOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value q = adaptor.getQuery(), kT = adaptor.getKeyT(), v = adaptor.getValue();
    auto qType = cast<RankedTensorType>(q.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = qType.getRank();
    ArrayRef<int64_t> batch = qType.getShape().drop_back(2);
    int64_t s = qType.getDimSize(rank - 2), d = qType.getDimSize(rank - 1);
    int64_t t = cast<RankedTensorType>(kT.getType()).getDimSize(rank - 1);
    int64_t dv = resultType.getDimSize(rank - 1);
    // Half the target's vector registers may hold an accumulator row.
    int64_t registerBits = 0;
    if (auto module = op->getParentOfType<ModuleOp>())
      if (auto target = module->getAttrOfType<DictionaryAttr>(kTargetAttr)) {
        auto bits = target.getAs<IntegerAttr>("float_vector_bits");
        auto registers = target.getAs<IntegerAttr>("vector_registers");
        if (bits && registers)
          registerBits = bits.getInt() * (registers.getInt() / 2);
      }
    int64_t rows = s;
    for (int64_t dim : batch)
      rows *= dim;
    float scale = op.getScale().convertToFloat();
    float fill = op.getFill().convertToFloat();
    Value bias = adaptor.getBias(), keep = adaptor.getKeep();
    Type f32 = rewriter.getF32Type();

    auto index = [&](OpBuilder &b, int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                         f32);
    auto loop = scf::ForOp::create(
        rewriter, loc, index(rewriter, 0), index(rewriter, rows),
        index(rewriter, 1), ValueRange{init},
        [&](OpBuilder &b, Location l, Value row, ValueRange carried) {
          // row -> (batch indices..., query index), row-major.
          SmallVector<Value> indices(rank - 1);
          Value rest = row;
          for (int64_t dim = rank - 2; dim >= 0; --dim) {
            int64_t size = dim == rank - 2 ? s : batch[dim];
            indices[dim] = arith::RemUIOp::create(b, l, rest, index(b, size));
            rest = arith::DivUIOp::create(b, l, rest, index(b, size));
          }
          auto slice = [&](Value source, ArrayRef<OpFoldResult> offsets,
                           ArrayRef<int64_t> keep) {
            auto type = cast<RankedTensorType>(source.getType());
            SmallVector<OpFoldResult> sizes, strides(type.getRank(),
                                                     b.getIndexAttr(1));
            for (int64_t i = 0; i < type.getRank(); ++i)
              sizes.push_back(b.getIndexAttr(
                  i >= type.getRank() - (int64_t)keep.size()
                      ? keep[i - (type.getRank() - keep.size())]
                      : 1));
            return tensor::ExtractSliceOp::create(
                b, l, RankedTensorType::get(keep, f32), source, offsets,
                sizes, strides);
          };
          SmallVector<OpFoldResult> batchOffsets;
          for (int64_t dim = 0; dim < rank - 2; ++dim)
            batchOffsets.push_back(indices[dim]);
          SmallVector<OpFoldResult> qOffsets(batchOffsets);
          qOffsets.append({indices[rank - 2], b.getIndexAttr(0)});
          SmallVector<OpFoldResult> matrixOffsets(batchOffsets);
          matrixOffsets.append({b.getIndexAttr(0), b.getIndexAttr(0)});
          Value qRow = slice(q, qOffsets, {d});
          Value kMatrix = slice(kT, matrixOffsets, {d, t});
          Value vMatrix = slice(v, matrixOffsets, {t, dv});

          Value scores = rowTimesMatrix(b, l, qRow, kMatrix, t, registerBits);
          auto rowType = RankedTensorType::get({t}, f32);
          SmallVector<Value> logitInputs = {scores};
          Value mask = bias ? bias : keep;
          if (mask)
            logitInputs.push_back(maskRow(b, l, mask, indices, rank));
          Value logits = buildElementwise(
              b, l, rowType, logitInputs,
              [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                Value scaled = arith::MulFOp::create(
                    nb, nl, a[0],
                    arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(scale)));
                if (bias)
                  return arith::AddFOp::create(nb, nl, scaled, a[1]);
                if (keep)
                  return arith::SelectOp::create(
                      nb, nl, a[1], scaled,
                      arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(fill)));
                return scaled;
              });
          // The row's max and sum are scalar loops with SSA accumulators,
          // used as scalars by the elementwise passes: no accumulator in
          // memory, which would keep LLVM from vectorising the exponentials.
          auto rowReduce = [&](Value vector, float initial,
                               function_ref<Value(OpBuilder &, Location, Value,
                                                  Value)>
                                   combine) {
            auto reduction = scf::ForOp::create(
                b, l, index(b, 0), index(b, t), index(b, 1),
                ValueRange{arith::ConstantOp::create(
                    b, l, b.getF32FloatAttr(initial))},
                [&](OpBuilder &nb, Location nl, Value k, ValueRange acc) {
                  Value x = tensor::ExtractOp::create(nb, nl, vector, k);
                  scf::YieldOp::create(nb, nl, combine(nb, nl, acc[0], x));
                });
            return reduction.getResult(0);
          };
          Value max = rowReduce(
              logits, -std::numeric_limits<float>::infinity(),
              [](OpBuilder &nb, Location nl, Value acc, Value x) {
                return createMaxF(nb, nl, acc, x);
              });
          Value exps = buildElementwise(
              b, l, rowType, ValueRange{logits},
              [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                return math::ExpOp::create(
                    nb, nl, arith::SubFOp::create(nb, nl, a[0], max));
              });
          Value sum = rowReduce(exps, 0.0f,
                                [](OpBuilder &nb, Location nl, Value acc,
                                   Value x) {
                                  return createAccumulate(nb, nl, acc, x);
                                });
          Value inverseSum = arith::DivFOp::create(
              b, l, arith::ConstantOp::create(b, l, b.getF32FloatAttr(1.0f)),
              sum);
          Value weighted =
              rowTimesMatrix(b, l, exps, vMatrix, dv, registerBits);
          Value outRow = buildElementwise(
              b, l, RankedTensorType::get({dv}, f32), ValueRange{weighted},
              [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                return arith::MulFOp::create(nb, nl, a[0], inverseSum);
              });
          SmallVector<OpFoldResult> outOffsets(qOffsets);
          SmallVector<OpFoldResult> outSizes(rank, b.getIndexAttr(1));
          outSizes.back() = b.getIndexAttr(dv);
          SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
          Value updated = tensor::InsertSliceOp::create(
              b, l, outRow, carried[0], outOffsets, outSizes, strides);
          scf::YieldOp::create(b, l, updated);
        });
    // Named for --print-dispatches, which shows the loop as one kernel.
    loop->setAttr("edge.kernel", rewriter.getStringAttr("attention"));
    rewriter.replaceOp(op, loop.getResult(0));
    return success();
  }
};

} // namespace

void populateAttentionPatterns(TypeConverter &converter,
                               RewritePatternSet &patterns) {
  patterns.add<AttentionLowering>(converter, patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
