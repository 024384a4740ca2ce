//===- QuantNBits.cpp - 4-bit block-quantized matmul to linalg ------------===//
//
// edge.matmul_nbits (ONNX Runtime's MatMulNBits) becomes one linalg.generic
// over (m, n, k) that decodes each 4-bit code where it is multiplied, so the
// weights stay packed in .rodata. Constant weights (the usual case) are first
// re-laid out at compile time into the kernel layout of
// edgecc/Codegen/NBitsMatmul.h, still 4 bits per weight: eight consecutive k
// of one column per 32-bit word and 16 columns side by side, so that one
// vector load yields a code of the same k for several columns and an `and`
// with a constant mask isolates it. The generic over that layout is tagged
// for edge-lower-nbits-matmul, which turns it into vector code; every other
// lowering of the generic computes the same product. Weights that are not
// constants are read in ONNX Runtime's layout directly.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "edgecc/Codegen/NBitsMatmul.h"

#include "edge/EdgeOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {
namespace {

/// The elements of a constant of 8-bit integers, as bytes.
SmallVector<uint8_t> bytesOf(DenseElementsAttr attr) {
  SmallVector<uint8_t> bytes;
  bytes.reserve(attr.getNumElements());
  if (!attr.isSplat()) {
    ArrayRef<char> raw = attr.getRawData();
    bytes.assign(raw.begin(), raw.end());
    return bytes;
  }
  bytes.assign(attr.getNumElements(),
               attr.getSplatValue<APInt>().getZExtValue());
  return bytes;
}

/// The three constants of the kernel layout (NBitsMatmul.h).
struct KernelLayout {
  DenseElementsAttr codes, scales, zeroPoints;
};

/// ONNX Runtime's layout (codes [N, blocks, bs / 2], scales [N * blocks],
/// zero points [N, ceil(blocks / 2)] nibbles, low first) to the kernel
/// layout. Nothing if an operand is not a constant of the expected types.
std::optional<KernelLayout> buildKernelLayout(edge::MatMulNBitsOp op,
                                              int64_t n, int64_t blocks,
                                              int64_t blockSize) {
  DenseElementsAttr codesAttr, scalesAttr, zeroPointsAttr;
  if (!matchPattern(op.getWeights(), m_Constant(&codesAttr)) ||
      !matchPattern(op.getScales(), m_Constant(&scalesAttr)) ||
      !scalesAttr.getElementType().isF32() ||
      (op.getZeroPoints() &&
       !matchPattern(op.getZeroPoints(), m_Constant(&zeroPointsAttr))))
    return std::nullopt;
  SmallVector<uint8_t> codes = bytesOf(codesAttr);
  SmallVector<float> scales(scalesAttr.getValues<float>());
  SmallVector<uint8_t> zeroPoints;
  if (zeroPointsAttr)
    zeroPoints = bytesOf(zeroPointsAttr);

  const int64_t columns = kNBitsTileColumns, perWord = kNBitsCodesPerWord;
  int64_t tiles = (n + columns - 1) / columns;
  int64_t paddedK = blocks * blockSize, words = paddedK / perWord;
  int64_t zeroPointStride = (blocks + 1) / 2;
  auto code = [&](int64_t col, int64_t k) -> uint32_t {
    uint8_t byte = codes[(col * blocks + k / blockSize) * (blockSize / 2) +
                         (k % blockSize) / 2];
    return (byte >> (4 * (k % 2))) & 15;
  };
  SmallVector<int32_t> packedCodes(tiles * words * columns, 0);
  SmallVector<float> packedScales(tiles * blocks * columns, 0.0f);
  SmallVector<int8_t> packedZeroPoints(tiles * blocks * columns / 2, 0);
  for (int64_t col = 0; col < n; ++col) {
    int64_t tile = col / columns, c = col % columns;
    for (int64_t w = 0; w < words; ++w) {
      uint32_t word = 0;
      for (int64_t i = 0; i < perWord; ++i)
        word |= code(col, w * perWord + i) << (4 * i);
      packedCodes[(tile * words + w) * columns + c] = static_cast<int32_t>(word);
    }
    for (int64_t block = 0; block < blocks; ++block) {
      packedScales[(tile * blocks + block) * columns + c] =
          scales[col * blocks + block];
      if (zeroPoints.empty())
        continue;
      uint8_t zero = (zeroPoints[col * zeroPointStride + block / 2] >>
                      (4 * (block % 2))) &
                     15;
      int8_t &byte =
          packedZeroPoints[(tile * blocks + block) * (columns / 2) + c / 2];
      byte = static_cast<int8_t>(static_cast<uint8_t>(byte) |
                                 (zero << (4 * (c % 2))));
    }
  }
  MLIRContext *ctx = op.getContext();
  KernelLayout layout;
  layout.codes = DenseElementsAttr::get(
      RankedTensorType::get({tiles, words, columns}, IntegerType::get(ctx, 32)),
      ArrayRef<int32_t>(packedCodes));
  layout.scales = DenseElementsAttr::get(
      RankedTensorType::get({tiles, blocks, columns}, Float32Type::get(ctx)),
      ArrayRef<float>(packedScales));
  if (!zeroPoints.empty())
    layout.zeroPoints = DenseElementsAttr::get(
        RankedTensorType::get({tiles, blocks, columns / 2},
                              IntegerType::get(ctx, 8)),
        ArrayRef<int8_t>(packedZeroPoints));
  return layout;
}

Value i32Constant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(value));
}

/// The 4-bit field of `word` (an integer of any width) at nibble `position`
/// (an index value): (word >> 4 * position) & 15, as i32.
Value nibbleAt(OpBuilder &b, Location loc, Value word, Value position) {
  Type i32 = b.getI32Type();
  Value wide = word.getType() == i32
                   ? word
                   : arith::ExtUIOp::create(b, loc, i32, word).getResult();
  Value shift = arith::ShLIOp::create(
      b, loc, arith::IndexCastOp::create(b, loc, i32, position),
      i32Constant(b, loc, 2));
  return arith::AndIOp::create(b, loc,
                               arith::ShRUIOp::create(b, loc, wide, shift),
                               i32Constant(b, loc, 15));
}

/// acc + a * (code - zero) * scale: the body both layouts share.
Value accumulateProduct(OpBuilder &b, Location loc, Value a, Value code,
                        Value zero, Value scale, Value acc) {
  Value centred = arith::SubIOp::create(b, loc, code, zero);
  Value weight = arith::MulFOp::create(
      b, loc, arith::SIToFPOp::create(b, loc, b.getF32Type(), centred), scale);
  Value product = arith::MulFOp::create(b, loc, a, weight);
  return createAccumulate(b, loc, acc, product);
}

/// Y[m, n] = sum_k A[m, k] * (code(k, n) - zero_point) * scale, loops
/// (m, n, k); k past K (the padding of the last block) is never visited.
struct MatMulNBitsLowering : OpConversionPattern<edge::MatMulNBitsOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(edge::MatMulNBitsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto weightsType = cast<RankedTensorType>(op.getWeights().getType());
    int64_t k = inputType.getDimSize(inputType.getRank() - 1);
    int64_t n = weightsType.getDimSize(0), blocks = weightsType.getDimSize(1);
    int64_t rows = k ? inputType.getNumElements() / k : 0;
    int64_t blockSize = op.getBlockSize();
    Type f32 = rewriter.getF32Type();
    Value a = buildReshape(rewriter, loc, adaptor.getInput(), {rows, k});
    AffineExpr m = getAffineDimExpr(0, ctx), j = getAffineDimExpr(1, ctx),
               kk = getAffineDimExpr(2, ctx);
    SmallVector<Value> inputs = {a};
    SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {m, kk}, ctx)};

    std::optional<KernelLayout> layout;
    if (inputType.getElementType().isF32())
      layout = buildKernelLayout(op, n, blocks, blockSize);
    bool zeroPoints = static_cast<bool>(adaptor.getZeroPoints());
    if (layout) {
      const int64_t columns = kNBitsTileColumns;
      AffineExpr tile = j.floorDiv(columns), column = j % columns,
                 block = kk.floorDiv(blockSize);
      inputs.push_back(arith::ConstantOp::create(rewriter, loc, layout->codes));
      maps.push_back(AffineMap::get(
          3, 0, {tile, kk.floorDiv(kNBitsCodesPerWord), column}, ctx));
      inputs.push_back(
          arith::ConstantOp::create(rewriter, loc, layout->scales));
      maps.push_back(AffineMap::get(3, 0, {tile, block, column}, ctx));
      if (zeroPoints) {
        inputs.push_back(
            arith::ConstantOp::create(rewriter, loc, layout->zeroPoints));
        maps.push_back(
            AffineMap::get(3, 0, {tile, block, column.floorDiv(2)}, ctx));
      }
    } else {
      int64_t zeroPointStride = (blocks + 1) / 2;
      AffineExpr block = kk.floorDiv(blockSize);
      inputs.push_back(adaptor.getWeights());
      maps.push_back(AffineMap::get(
          3, 0, {j, block, (kk % blockSize).floorDiv(2)}, ctx));
      inputs.push_back(
          buildReshape(rewriter, loc, adaptor.getScales(), {n * blocks}));
      maps.push_back(AffineMap::get(3, 0, {j * blocks + block}, ctx));
      if (zeroPoints) {
        inputs.push_back(buildReshape(rewriter, loc, adaptor.getZeroPoints(),
                                      {n * zeroPointStride}));
        maps.push_back(AffineMap::get(
            3, 0, {j * zeroPointStride + block.floorDiv(2)}, ctx));
      }
    }
    maps.push_back(AffineMap::get(3, 0, {m, j}, ctx));
    auto resultType = RankedTensorType::get({rows, n}, f32);
    Value init = buildFilled(rewriter, loc, resultType,
                             rewriter.getFloatAttr(f32, 0.0));
    using utils::IteratorType;
    bool packed = layout.has_value();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, inputs, init, maps,
        {IteratorType::parallel, IteratorType::parallel,
         IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value column = linalg::IndexOp::create(b, l, 1);
          Value kIndex = linalg::IndexOp::create(b, l, 2);
          auto indexConstant = [&](int64_t v) -> Value {
            return arith::ConstantIndexOp::create(b, l, v);
          };
          // Which nibble of the loaded word or byte holds the code, and which
          // the zero point.
          Value codeNibble, zeroNibble;
          if (packed) {
            codeNibble = arith::RemUIOp::create(
                b, l, kIndex, indexConstant(kNBitsCodesPerWord));
            zeroNibble = arith::RemUIOp::create(b, l, column, indexConstant(2));
          } else {
            codeNibble = arith::RemUIOp::create(b, l, kIndex, indexConstant(2));
            zeroNibble = arith::RemUIOp::create(
                b, l,
                arith::DivUIOp::create(b, l, kIndex, indexConstant(blockSize)),
                indexConstant(2));
          }
          Value code = nibbleAt(b, l, args[1], codeNibble);
          Value zero = zeroPoints ? nibbleAt(b, l, args[3], zeroNibble)
                                  : i32Constant(b, l, 8);
          linalg::YieldOp::create(
              b, l,
              accumulateProduct(b, l, args[0], code, zero, args[2],
                                args.back()));
        });
    if (packed)
      generic->setAttr(kNBitsMatmulAttr,
                       rewriter.getDictionaryAttr(rewriter.getNamedAttr(
                           "block_size",
                           rewriter.getI64IntegerAttr(blockSize))));
    rewriter.replaceOp(op, buildReshape(rewriter, loc, generic.getResult(0),
                                        op.getType().getShape()));
    return success();
  }
};

} // namespace

void populateQuantNBitsPatterns(TypeConverter &converter,
                                RewritePatternSet &patterns) {
  patterns.add<MatMulNBitsLowering>(converter, patterns.getContext());
}

} // namespace edgecc::edge_to_linalg
