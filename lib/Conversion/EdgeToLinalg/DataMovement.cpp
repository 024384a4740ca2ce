//===- DataMovement.cpp - Constants, reshapes, slices, gathers to linalg --===//
//
// Reshape becomes collapse/expand (a view after bufferisation); Transpose is a
// linalg.transpose; constants become arith.constant (weights in .rodata).
// Slices, tiles and broadcasts are generics with affine reads; gathers read
// their indices and extract the data element they name.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

struct ConstantLowering : OpConversionPattern<edge::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = toSignless(op.getType());
    TypedAttr value = cast<TypedAttr>(op.getValue());
    if (type != op.getType()) {
      auto dense = dyn_cast<DenseElementsAttr>(op.getValue());
      if (!dense)
        return rewriter.notifyMatchFailure(op, "non-dense unsigned constant");
      value = dense.bitcast(type.getElementType());
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type, value);
    return success();
  }
};

struct ReshapeLowering : OpConversionPattern<edge::ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildReshape(rewriter, op.getLoc(),
                                        adaptor.getInput(),
                                        op.getType().getShape()));
    return success();
  }
};

struct TransposeLowering : OpConversionPattern<edge::TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = toSignless(cast<RankedTensorType>(op.getType()));
    Value init = tensor::EmptyOp::create(rewriter, op.getLoc(), type.getShape(),
                                         type.getElementType());
    rewriter.replaceOp(op, linalg::TransposeOp::create(
                               rewriter, op.getLoc(), adaptor.getInput(), init,
                               op.getPerm())
                               .getResult());
    return success();
  }
};

/// A generic over `resultType` that reads `input` through `inputMap` (a
/// projection of the result's index space, e.g. strided or modular).
Value buildMappedCopy(OpBuilder &b, Location loc, Value input,
                      RankedTensorType resultType, AffineMap inputMap) {
  Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                       resultType.getElementType());
  SmallVector<AffineMap> maps = {inputMap,
                                 b.getMultiDimIdentityMap(resultType.getRank())};
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, resultType, input, init, maps, iterators,
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, args[0]);
             })
      .getResult(0);
}

struct ConcatLowering : OpConversionPattern<edge::ConcatOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = toSignless(op.getType());
    int64_t axis = op.getAxis(), offset = 0;
    Value result = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                           type.getElementType());
    for (Value input : adaptor.getInputs()) {
      auto inputType = cast<RankedTensorType>(input.getType());
      SmallVector<OpFoldResult> offsets(type.getRank(), rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes, strides(type.getRank(),
                                               rewriter.getIndexAttr(1));
      for (int64_t d : inputType.getShape())
        sizes.push_back(rewriter.getIndexAttr(d));
      offsets[axis] = rewriter.getIndexAttr(offset);
      offset += inputType.getDimSize(axis);
      if (inputType.getNumElements() == 0)
        continue;
      result = tensor::InsertSliceOp::create(rewriter, loc, input, result,
                                             offsets, sizes, strides);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// result[i] = input[starts + i * steps]. A strided extract_slice (a view
/// after bufferisation) over the touched range; dims walked backwards are
/// then reversed by a generic reading index size - 1 - i.
struct SliceLowering : OpConversionPattern<edge::SliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *ctx = getContext();
    Location loc = op.getLoc();
    auto type = toSignless(op.getType());
    if (type.getNumElements() == 0) {
      rewriter.replaceOpWithNewOp<tensor::EmptyOp>(op, type.getShape(),
                                                   type.getElementType());
      return success();
    }
    SmallVector<OpFoldResult> offsets, sizes, strides;
    SmallVector<AffineExpr> reversed;
    bool anyReversed = false;
    for (auto [d, start, size, step] : llvm::enumerate(
             op.getStarts(), op.getSizes(), op.getSteps())) {
      int64_t lowest = step > 0 ? start : start + (size - 1) * step;
      offsets.push_back(rewriter.getIndexAttr(lowest));
      sizes.push_back(rewriter.getIndexAttr(size));
      strides.push_back(rewriter.getIndexAttr(std::abs(step)));
      AffineExpr dim = getAffineDimExpr(d, ctx);
      reversed.push_back(step > 0 ? dim : (size - 1) - dim);
      anyReversed |= step < 0;
    }
    Value slice = tensor::ExtractSliceOp::create(
        rewriter, loc, type, adaptor.getInput(), offsets, sizes, strides);
    if (anyReversed)
      slice = buildMappedCopy(rewriter, loc, slice, type,
                              AffineMap::get(type.getRank(), 0, reversed, ctx));
    rewriter.replaceOp(op, slice);
    return success();
  }
};

/// Tile reads input[i mod dim] in every dim.
struct TileLowering : OpConversionPattern<edge::TileOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *ctx = getContext();
    auto type = toSignless(op.getType());
    SmallVector<AffineExpr> exprs;
    for (auto [d, dim] : llvm::enumerate(op.getInput().getType().getShape()))
      exprs.push_back(dim == 0 ? getAffineConstantExpr(0, ctx)
                               : getAffineDimExpr(d, ctx) % dim);
    auto map = AffineMap::get(type.getRank(), 0, exprs, ctx);
    if (type.getNumElements() == 0) {
      rewriter.replaceOpWithNewOp<tensor::EmptyOp>(op, type.getShape(),
                                                   type.getElementType());
      return success();
    }
    rewriter.replaceOp(op, buildMappedCopy(rewriter, op.getLoc(),
                                           adaptor.getInput(), type, map));
    return success();
  }
};

struct BroadcastLowering : OpConversionPattern<edge::BroadcastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::BroadcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, buildElementwise(rewriter, op.getLoc(), toSignless(op.getType()),
                             adaptor.getInput(),
                             [](OpBuilder &, Location, ValueRange args) {
                               return args[0];
                             }));
    return success();
  }
};

/// An index read from an indices tensor, made non-negative (counting from
/// the end) and clamped into [0, dim): out-of-range indices are the model's
/// error, and clamping keeps them from reading outside the tensor.
Value normalizedIndex(OpBuilder &b, Location loc, Value index, int64_t dim) {
  Value i = arith::IndexCastOp::create(b, loc, b.getIndexType(), index);
  Value size = arith::ConstantIndexOp::create(b, loc, dim);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value negative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, i, zero);
  i = arith::SelectOp::create(b, loc, negative,
                              arith::AddIOp::create(b, loc, i, size), i);
  i = arith::MaxSIOp::create(b, loc, i, zero);
  return arith::MinSIOp::create(
      b, loc, i,
      arith::ConstantIndexOp::create(b, loc, std::max<int64_t>(dim - 1, 0)));
}

/// Gather and GatherElements: a generic over the result that reads the
/// index it needs and extracts the data element at the computed position.
template <typename EdgeOp, bool elements>
struct GatherLowering : OpConversionPattern<EdgeOp> {
  using OpConversionPattern<EdgeOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(EdgeOp op, typename EdgeOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = this->getContext();
    auto type = toSignless(cast<RankedTensorType>(op.getType()));
    Value data = adaptor.getData();
    auto dataType = cast<RankedTensorType>(data.getType());
    auto indicesType = cast<RankedTensorType>(adaptor.getIndices().getType());
    int64_t axis = op.getAxis();
    int64_t indexRank = indicesType.getRank();
    if (type.getNumElements() == 0) {
      rewriter.replaceOpWithNewOp<tensor::EmptyOp>(op, type.getShape(),
                                                   type.getElementType());
      return success();
    }
    // The indices are read at the result dims they span.
    SmallVector<AffineExpr> indexExprs;
    for (int64_t d = 0; d < indexRank; ++d)
      indexExprs.push_back(getAffineDimExpr(elements ? d : axis + d, ctx));
    SmallVector<AffineMap> maps = {
        AffineMap::get(type.getRank(), 0, indexExprs, ctx),
        rewriter.getMultiDimIdentityMap(type.getRank())};
    SmallVector<utils::IteratorType> iterators(type.getRank(),
                                               utils::IteratorType::parallel);
    Value init = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                         type.getElementType());
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, adaptor.getIndices(), init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value index =
              normalizedIndex(b, l, args[0], dataType.getDimSize(axis));
          SmallVector<Value> position;
          for (int64_t d = 0; d < dataType.getRank(); ++d) {
            if (d == axis)
              position.push_back(index);
            else if (elements || d < axis)
              position.push_back(linalg::IndexOp::create(b, l, d));
            else
              position.push_back(
                  linalg::IndexOp::create(b, l, d + indexRank - 1));
          }
          linalg::YieldOp::create(
              b, l, tensor::ExtractOp::create(b, l, data, position).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// Trilu keeps element (i, j) of the last two dims where j - i >= k (upper)
/// or j - i <= k (lower), and zeroes the rest.
struct TriluLowering : OpConversionPattern<edge::TriluOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::TriluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = toSignless(op.getType());
    int64_t rank = type.getRank(), k = op.getK();
    bool upper = op.getUpper();
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, adaptor.getInput(),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value i = linalg::IndexOp::create(b, l, rank - 2);
          Value j = linalg::IndexOp::create(b, l, rank - 1);
          Value diagonal = arith::SubIOp::create(b, l, j, i);
          Value kValue = arith::ConstantIndexOp::create(b, l, k);
          Value keep = arith::CmpIOp::create(
              b, l, upper ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sle,
              diagonal, kValue);
          Value zero = arith::ConstantOp::create(
              b, l, b.getZeroAttr(args[0].getType()));
          return arith::SelectOp::create(b, l, keep, args[0], zero);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateDataMovementPatterns(TypeConverter &converter,
                                  RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, ReshapeLowering, TransposeLowering,
               ConcatLowering, SliceLowering, TileLowering, BroadcastLowering,
               GatherLowering<edge::GatherOp, false>,
               GatherLowering<edge::GatherElementsOp, true>, TriluLowering>(
      converter, patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
