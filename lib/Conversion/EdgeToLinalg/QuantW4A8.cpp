//===- QuantW4A8.cpp - 8-bit activations times 4-bit weights --------------===//
//
// edge.matmul_w4a8 in two contractions: per (row, column, block) an int32 sum
// of (x - x_zero) * (code - w_zero) over the block's K, reading the weights
// in ONNX Runtime's layout with the nibble picked by the innermost loop index
// (loops (m, n, block, byte, half)); then per (row, column) the float sum
// over blocks of scale * partial, times the input scale. The partial sums
// are [M, N, K / block] int32, an arena buffer; the packed weights are read
// once and never expanded. These are plain loops: no vector kernel takes
// this form yet.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

struct MatMulW4A8Lowering : OpConversionPattern<edge::MatMulW4A8Op> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::MatMulW4A8Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto weightsType = cast<RankedTensorType>(op.getWeights().getType());
    bool inputUnsigned = isUnsigned(inputType);
    int64_t k = inputType.getDimSize(inputType.getRank() - 1);
    int64_t n = weightsType.getDimSize(0), blocks = weightsType.getDimSize(1);
    int64_t rows = k ? inputType.getNumElements() / k : 0;
    int64_t blockSize = op.getBlockSize();
    int64_t zeroPointStride = (blocks + 1) / 2;
    Type f32 = rewriter.getF32Type(), i32 = rewriter.getI32Type();
    using utils::IteratorType;

    // Loops (m, n, block, byte, half), k = block * bs + 2 * byte + half.
    AffineExpr m = getAffineDimExpr(0, ctx), j = getAffineDimExpr(1, ctx),
               block = getAffineDimExpr(2, ctx),
               byte = getAffineDimExpr(3, ctx), half = getAffineDimExpr(4, ctx);
    SmallVector<Value> inputs = {
        buildReshape(rewriter, loc, adaptor.getInput(),
                     {rows, blocks, blockSize / 2, 2}),
        adaptor.getWeights(),
        buildReshape(rewriter, loc, adaptor.getInputZeroPoint(), {1})};
    SmallVector<AffineMap> maps = {
        AffineMap::get(5, 0, {m, block, byte, half}, ctx),
        AffineMap::get(5, 0, {j, block, byte}, ctx),
        AffineMap::get(5, 0, {getAffineConstantExpr(0, ctx)}, ctx)};
    Value zeroPoints = adaptor.getZeroPoints();
    if (zeroPoints) {
      inputs.push_back(buildReshape(rewriter, loc, zeroPoints,
                                    {n * zeroPointStride}));
      maps.push_back(
          AffineMap::get(5, 0, {j * zeroPointStride + block.floorDiv(2)}, ctx));
    }
    maps.push_back(AffineMap::get(5, 0, {m, j, block}, ctx));
    auto partialType = RankedTensorType::get({rows, n, blocks}, i32);
    Value partialInit = buildFilled(rewriter, loc, partialType,
                                    rewriter.getI32IntegerAttr(0));
    Value partial =
        linalg::GenericOp::create(
            rewriter, loc, partialType, inputs, partialInit, maps,
            {IteratorType::parallel, IteratorType::parallel,
             IteratorType::parallel, IteratorType::reduction,
             IteratorType::reduction},
            [&](OpBuilder &b, Location l, ValueRange args) {
              auto constant = [&](int64_t v) -> Value {
                return arith::ConstantOp::create(b, l,
                                                 b.getI32IntegerAttr(v));
              };
              auto widen = [&](Value v) -> Value {
                if (inputUnsigned)
                  return arith::ExtUIOp::create(b, l, i32, v);
                return arith::ExtSIOp::create(b, l, i32, v);
              };
              // The nibble of `byte` selected by the parity of `position`.
              auto nibble = [&](Value byteValue, Value position) -> Value {
                Value wide = arith::ExtUIOp::create(b, l, i32, byteValue);
                Value odd = arith::AndIOp::create(
                    b, l, arith::IndexCastOp::create(b, l, i32, position),
                    constant(1));
                Value shift = arith::MulIOp::create(b, l, odd, constant(4));
                return arith::AndIOp::create(
                    b, l, arith::ShRUIOp::create(b, l, wide, shift),
                    constant(15));
              };
              Value x = arith::SubIOp::create(b, l, widen(args[0]),
                                              widen(args[2]));
              Value code = nibble(args[1], linalg::IndexOp::create(b, l, 4));
              Value zero = zeroPoints
                               ? nibble(args[3], linalg::IndexOp::create(b, l, 2))
                               : constant(8);
              Value w = arith::SubIOp::create(b, l, code, zero);
              Value sum = arith::AddIOp::create(
                  b, l, args.back(), arith::MulIOp::create(b, l, x, w));
              linalg::YieldOp::create(b, l, sum);
            })
            .getResult(0);

    // Loops (m, n, block): scale[n, block] * partial, summed, times x_scale.
    Value scales = buildReshape(rewriter, loc, adaptor.getScales(), {n, blocks});
    Value inputScale = buildReshape(rewriter, loc, adaptor.getInputScale(), {1});
    AffineExpr m3 = getAffineDimExpr(0, ctx), j3 = getAffineDimExpr(1, ctx),
               block3 = getAffineDimExpr(2, ctx);
    auto resultType = RankedTensorType::get({rows, n}, f32);
    Value init =
        buildFilled(rewriter, loc, resultType, rewriter.getFloatAttr(f32, 0.0));
    Value sum =
        linalg::GenericOp::create(
            rewriter, loc, resultType, ValueRange{partial, scales},
            init,
            SmallVector<AffineMap>{
                AffineMap::get(3, 0, {m3, j3, block3}, ctx),
                AffineMap::get(3, 0, {j3, block3}, ctx),
                AffineMap::get(3, 0, {m3, j3}, ctx)},
            {IteratorType::parallel, IteratorType::parallel,
             IteratorType::reduction},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value real = arith::SIToFPOp::create(b, l, f32, args[0]);
              Value term = arith::MulFOp::create(b, l, real, args[1]);
              linalg::YieldOp::create(
                  b, l, createAccumulate(b, l, args[2], term));
            })
            .getResult(0);
    Value scaled = buildElementwise(
        rewriter, loc, resultType, {sum, inputScale},
        [](OpBuilder &b, Location l, ValueRange args) -> Value {
          return arith::MulFOp::create(b, l, args[0], args[1]);
        });
    rewriter.replaceOp(op, buildReshape(rewriter, loc, scaled,
                                        op.getType().getShape()));
    return success();
  }
};

} // namespace

void populateQuantW4A8Patterns(TypeConverter &converter,
                               RewritePatternSet &patterns) {
  patterns.add<MatMulW4A8Lowering>(converter, patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
