//===- Attention.cpp - edge.attention in blocks of query rows -------------===//
//
// Loops over the batch entries and, in each, over blocks of query rows (as
// many as the target's float matmul tile has rows): the block's scores
// against every key are one matmul (Q block times K^T), each score row gets
// its scale, mask and stable softmax, and the weighted sum of V is a second
// matmul (P block times V) scaled by the rows' inverse sums, inserted into
// the result. Both matmuls read K^T and V in place, so the register tile of
// the microkernel reuses each row of them across the block's queries (one
// query row at a time, each row of K^T would be loaded once per multiply).
// Only block-sized temporaries exist: the arena never holds the S x T score
// matrix.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edgecc/Target/Microkernel.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"

#include <limits>

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

using utils::IteratorType;

/// lhs [M, K] @ rhs [K, N] from zero, as the linalg.matmul the microkernel
/// takes.
Value matmulFromZero(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  Type f32 = b.getF32Type();
  Value init = buildFilled(
      b, loc,
      RankedTensorType::get({lhsType.getDimSize(0), rhsType.getDimSize(1)},
                            f32),
      b.getFloatAttr(f32, 0.0));
  return linalg::MatmulOp::create(b, loc, ValueRange{lhs, rhs}, init)
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

/// A static slice of `source` at `offsets` keeping the trailing `keep` sizes
/// (the leading dims are 1 and dropped).
Value sliceTrailing(OpBuilder &b, Location loc, Value source,
                    ArrayRef<OpFoldResult> offsets, ArrayRef<int64_t> keep) {
  auto type = cast<RankedTensorType>(source.getType());
  int64_t rank = type.getRank(), dropped = rank - keep.size();
  SmallVector<OpFoldResult> sizes, strides(rank, b.getIndexAttr(1));
  for (int64_t i = 0; i < rank; ++i)
    sizes.push_back(b.getIndexAttr(i < dropped ? 1 : keep[i - dropped]));
  return tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get(keep, type.getElementType()), source,
      offsets, sizes, strides);
}

/// The keep mask as bytes (1 keep, 0 fill): a vector of i1 read from memory
/// is assembled element by element, one of i8 is one load and a compare. A
/// constant mask (a causal one, usually) is converted here.
Value keepAsBytes(OpBuilder &b, Location loc, Value keep) {
  auto type = cast<RankedTensorType>(keep.getType());
  if (!type.getElementType().isInteger(1))
    return keep;
  auto bytesType = type.clone(b.getI8Type());
  DenseElementsAttr constant;
  if (matchPattern(keep, m_Constant(&constant))) {
    SmallVector<int8_t> bytes;
    for (bool value : constant.getValues<bool>())
      bytes.push_back(value ? 1 : 0);
    return arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(bytesType, ArrayRef<int8_t>(bytes)));
  }
  return buildElementwise(b, loc, bytesType, ValueRange{keep},
                          [](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                            return arith::ExtUIOp::create(
                                nb, nl, nb.getI8Type(), a[0]);
                          });
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
    // A block is one row tile of the target's float microkernel (4 rows of
    // loops on targets without one).
    int64_t blockRows = 4, lanes = 0;
    if (auto module = op->getParentOfType<ModuleOp>())
      if (auto kernel = f32MatmulMicrokernel(
              module->getAttrOfType<DictionaryAttr>(kTargetAttr))) {
        blockRows = kernel->mr;
        lanes = kernel->lanes;
      }
    blockRows = std::min(blockRows, s);
    int64_t entries = 1;
    for (int64_t dim : batch)
      entries *= dim;
    float scale = op.getScale().convertToFloat();
    float fill = op.getFill().convertToFloat();
    Value bias = adaptor.getBias(), keep = adaptor.getKeep();
    if (keep)
      keep = keepAsBytes(rewriter, loc, keep);
    Type f32 = rewriter.getF32Type();

    auto index = [&](OpBuilder &b, int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };

    // The block of `rows` query rows from `i0` of the batch entry at
    // `batchIndices`, inserted into `result`.
    auto emitBlock = [&](OpBuilder &b, Location l,
                         ArrayRef<Value> batchIndices, Value i0, int64_t rows,
                         Value result) -> Value {
      SmallVector<OpFoldResult> blockOffsets(batchIndices.begin(),
                                             batchIndices.end());
      blockOffsets.append({i0, b.getIndexAttr(0)});
      SmallVector<OpFoldResult> matrixOffsets(batchIndices.begin(),
                                              batchIndices.end());
      matrixOffsets.append({b.getIndexAttr(0), b.getIndexAttr(0)});
      Value qBlock = sliceTrailing(b, l, q, blockOffsets, {rows, d});
      Value kMatrix = sliceTrailing(b, l, kT, matrixOffsets, {d, t});
      Value vMatrix = sliceTrailing(b, l, v, matrixOffsets, {t, dv});
      Value scores = matmulFromZero(b, l, qBlock, kMatrix);

      // Per score row: scale, mask, and exp(x - max) into P; 1 / sum into
      // the column of inverse sums.
      auto pType = RankedTensorType::get({rows, t}, f32);
      auto sumsType = RankedTensorType::get({rows, 1}, f32);
      auto rowLoop = scf::ForOp::create(
          b, l, index(b, 0), index(b, rows), index(b, 1),
          ValueRange{tensor::EmptyOp::create(b, l, pType.getShape(), f32),
                     tensor::EmptyOp::create(b, l, sumsType.getShape(), f32)},
          [&](OpBuilder &rb, Location rl, Value r, ValueRange carried) {
            auto rowType = RankedTensorType::get({t}, f32);
            Value scoreRow = sliceTrailing(rb, rl, scores,
                                           {r, rb.getIndexAttr(0)}, {t});
            SmallVector<Value> indices(batchIndices.begin(),
                                       batchIndices.end());
            indices.push_back(arith::AddIOp::create(rb, rl, i0, r));
            SmallVector<Value> logitInputs = {scoreRow};
            Value mask = bias ? bias : keep;
            if (mask)
              logitInputs.push_back(maskRow(rb, rl, mask, indices, rank));
            Value logits = buildElementwise(
                rb, rl, rowType, logitInputs,
                [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                  Value scaled = arith::MulFOp::create(
                      nb, nl, a[0],
                      arith::ConstantOp::create(nb, nl,
                                                nb.getF32FloatAttr(scale)));
                  if (bias)
                    return arith::AddFOp::create(nb, nl, scaled, a[1]);
                  if (keep)
                    return arith::SelectOp::create(
                        nb, nl,
                        arith::CmpIOp::create(
                            nb, nl, arith::CmpIPredicate::ne, a[1],
                            arith::ConstantOp::create(
                                nb, nl, nb.getI8IntegerAttr(0))),
                        scaled,
                        arith::ConstantOp::create(nb, nl,
                                                  nb.getF32FloatAttr(fill)));
                  return scaled;
                });
            // The row's max and sum keep their accumulators in registers
            // (loop-carried values, never memory, which would keep LLVM from
            // vectorising the exponentials), used as scalars by the
            // elementwise passes.
            auto rowReduce =
                [&](Value row, float initial,
                    function_ref<Value(OpBuilder &, Location, Value, Value)>
                        combine) {
                  return reduceToScalar(rb, rl, row, lanes, initial, combine);
                };
            Value max = rowReduce(
                logits, -std::numeric_limits<float>::infinity(),
                [](OpBuilder &nb, Location nl, Value acc, Value x) {
                  return createMaxF(nb, nl, acc, x);
                });
            Value exps = buildElementwise(
                rb, rl, rowType, ValueRange{logits},
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
                rb, rl,
                arith::ConstantOp::create(rb, rl, rb.getF32FloatAttr(1.0f)),
                sum);
            SmallVector<OpFoldResult> rowOffsets = {r, rb.getIndexAttr(0)};
            SmallVector<OpFoldResult> rowSizes = {rb.getIndexAttr(1),
                                                  rb.getIndexAttr(t)};
            SmallVector<OpFoldResult> unitStrides(2, rb.getIndexAttr(1));
            Value p = tensor::InsertSliceOp::create(
                rb, rl, exps, carried[0], rowOffsets, rowSizes, unitStrides);
            Value sums = tensor::InsertOp::create(
                rb, rl, inverseSum, carried[1],
                ValueRange{r, index(rb, 0)});
            scf::YieldOp::create(rb, rl, ValueRange{p, sums});
          });
      Value weighted =
          matmulFromZero(b, l, rowLoop.getResult(0), vMatrix);
      Value outBlock = buildElementwise(
          b, l, RankedTensorType::get({rows, dv}, f32),
          ValueRange{weighted, rowLoop.getResult(1)},
          [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
            return arith::MulFOp::create(nb, nl, a[0], a[1]);
          });
      SmallVector<OpFoldResult> outSizes(rank, b.getIndexAttr(1));
      outSizes[rank - 2] = b.getIndexAttr(rows);
      outSizes[rank - 1] = b.getIndexAttr(dv);
      SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
      return tensor::InsertSliceOp::create(b, l, outBlock, result,
                                           blockOffsets, outSizes, strides);
    };

    Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                         f32);
    int64_t sMain = s - s % blockRows;
    auto loop = scf::ForOp::create(
        rewriter, loc, index(rewriter, 0), index(rewriter, entries),
        index(rewriter, 1), ValueRange{init},
        [&](OpBuilder &b, Location l, Value entry, ValueRange carried) {
          // entry -> batch indices, row-major.
          SmallVector<Value> batchIndices(batch.size());
          Value rest = entry;
          for (int64_t dim = batch.size() - 1; dim >= 0; --dim) {
            batchIndices[dim] =
                arith::RemUIOp::create(b, l, rest, index(b, batch[dim]));
            rest = arith::DivUIOp::create(b, l, rest, index(b, batch[dim]));
          }
          auto blocks = scf::ForOp::create(
              b, l, index(b, 0), index(b, sMain), index(b, blockRows),
              ValueRange{carried[0]},
              [&](OpBuilder &bb, Location bl, Value i0, ValueRange result) {
                scf::YieldOp::create(bb, bl,
                                     emitBlock(bb, bl, batchIndices, i0,
                                               blockRows, result[0]));
              });
          Value result = blocks.getResult(0);
          if (sMain < s)
            result = emitBlock(b, l, batchIndices, index(b, sMain), s - sMain,
                               result);
          scf::YieldOp::create(b, l, result);
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
