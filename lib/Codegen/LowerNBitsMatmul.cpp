//===- LowerNBitsMatmul.cpp - Vector code for 4-bit weight matmuls --------===//
//
// C[M, N] += A[M, K] @ W with W 4-bit block-quantized in the kernel layout of
// edgecc/Codegen/NBitsMatmul.h (a tagged linalg.generic of EdgeToLinalg's
// matmul_nbits lowering). Decode (M = 1) is bound by the weight bytes, so
// every packed byte is loaded once per row tile and decoded in registers:
//
//   - One vector load gives, per lane (column), a 32-bit word of 8
//     consecutive codes. `word & (15 << 4 i)` is code_i * 16^i, which the
//     int -> float convert turns into a float exactly (4 significant bits),
//     so decoding a code is an `and` and a convert (the last one a shift).
//     The 16^-i is folded into a scaled copy of the activations A' made once
//     per inference (powers of two: exact), so the product A'[k] * that
//     float is A[k] * code.
//   - The codes of one block are summed unscaled per column (one FMA with a
//     broadcast lane of A' per code vector); at the end of the block the
//     zero point and scale enter once: acc += s * (sum - zp * sum_k A[k]),
//     with the activation sums per block also made once per inference.
//
// A tile is 16 columns (16 / lanes vectors) by 1 or 2 rows; its accumulators
// stay in registers across the K loop and C is read and written once.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/NBitsMatmul.h"
#include "edgecc/Codegen/Passes.h"
#include "edgecc/Target/Microkernel.h"

#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

namespace edgecc {
#define GEN_PASS_DEF_LOWERNBITSMATMUL
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

struct NBitsShape {
  int64_t rows = 0, n = 0, k = 0;
  int64_t blocks = 0, blockSize = 0, tiles = 0, paddedK = 0;
  int64_t lanes = 0, vectors = 0, rowTile = 1;
  bool zeroPoints = false;
};

bool hasShape(Value value, ArrayRef<int64_t> shape, Type elementType) {
  auto type = dyn_cast<MemRefType>(value.getType());
  return type && type.hasStaticShape() && type.getShape() == shape &&
         type.getElementType() == elementType &&
         memref::isStaticShapeAndContiguousRowMajor(type);
}

/// The kernel's shape for a tagged generic on buffers in the kernel layout,
/// or nothing (the generic is then left to the loops).
std::optional<NBitsShape> matchKernel(linalg::GenericOp op,
                                      DictionaryAttr target) {
  auto attr = op->getAttrOfType<DictionaryAttr>(kNBitsMatmulAttr);
  if (!attr || !op.hasPureBufferSemantics() || op.getNumDpsInits() != 1 ||
      op.getNumDpsInputs() < 3 || op.getNumDpsInputs() > 4)
    return std::nullopt;
  NBitsShape shape;
  auto blockSize = attr.getAs<IntegerAttr>("block_size");
  auto floatBits = target ? target.getAs<IntegerAttr>("float_vector_bits")
                          : IntegerAttr();
  auto registers = target ? target.getAs<IntegerAttr>("vector_registers")
                          : IntegerAttr();
  if (!blockSize || !floatBits || !registers)
    return std::nullopt;
  shape.blockSize = blockSize.getInt();
  shape.lanes = floatBits.getInt() / 32;
  if (shape.lanes < 2 || kNBitsTileColumns % shape.lanes != 0 ||
      shape.blockSize % kNBitsCodesPerWord != 0)
    return std::nullopt;
  shape.vectors = kNBitsTileColumns / shape.lanes;
  // Two rows when their accumulators (2 x 2 x vectors: running and per
  // block), the decoded codes and the 7 masks fit in the registers.
  shape.rowTile =
      4 * shape.vectors + shape.vectors + 7 <= registers.getInt() ? 2 : 1;

  auto c = dyn_cast<MemRefType>(op.getDpsInits()[0].getType());
  auto a = dyn_cast<MemRefType>(op.getDpsInputs()[0].getType());
  auto scales = dyn_cast<MemRefType>(op.getDpsInputs()[2].getType());
  if (!c || !a || !scales || c.getRank() != 2 || a.getRank() != 2 ||
      scales.getRank() != 3 || !scales.hasStaticShape())
    return std::nullopt;
  shape.rows = a.getDimSize(0);
  shape.k = a.getDimSize(1);
  shape.n = c.getDimSize(1);
  shape.tiles = scales.getDimSize(0);
  shape.blocks = scales.getDimSize(1);
  shape.paddedK = shape.blocks * shape.blockSize;
  shape.zeroPoints = op.getNumDpsInputs() == 4;
  Builder b(op.getContext());
  Value codes = op.getDpsInputs()[1];
  if (!hasShape(op.getDpsInputs()[0], {shape.rows, shape.k}, b.getF32Type()) ||
      !hasShape(op.getDpsInits()[0], {shape.rows, shape.n}, b.getF32Type()) ||
      !hasShape(codes,
                {shape.tiles, shape.paddedK / kNBitsCodesPerWord,
                 kNBitsTileColumns},
                b.getI32Type()) ||
      !hasShape(op.getDpsInputs()[2],
                {shape.tiles, shape.blocks, kNBitsTileColumns},
                b.getF32Type()) ||
      (shape.zeroPoints &&
       !hasShape(op.getDpsInputs()[3],
                 {shape.tiles, shape.blocks, kNBitsTileColumns / 2},
                 b.getI8Type())) ||
      shape.tiles != (shape.n + kNBitsTileColumns - 1) / kNBitsTileColumns ||
      shape.k > shape.paddedK || shape.paddedK - shape.k >= shape.blockSize)
    return std::nullopt;
  return shape;
}

class KernelEmitter {
public:
  KernelEmitter(OpBuilder &b, Location loc, const NBitsShape &shape)
      : b(b), loc(loc), shape(shape) {}

  /// A' [rows, Kp] = A * 16^-(k % 8) (1 for the last code of a word), zero
  /// past K; sums [rows, blocks] = sum of A over each block.
  void emitActivationPrologue(Value a, Value scaled, Value sums) {
    auto octet = VectorType::get({kNBitsCodesPerWord}, b.getF32Type());
    SmallVector<float> factorValues;
    for (int64_t i = 0; i < kNBitsCodesPerWord; ++i)
      factorValues.push_back(i + 1 == kNBitsCodesPerWord
                                 ? 1.0f
                                 : std::ldexp(1.0f, -4 * static_cast<int>(i)));
    Value factors = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(octet, ArrayRef<float>(factorValues)));
    Value zeroOctet = floatSplat(octet, 0.0f);
    Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
    int64_t fullBlocks = shape.k / shape.blockSize;
    int64_t wordsPerBlock = shape.blockSize / kNBitsCodesPerWord;
    forLoop(0, shape.rows, 1, [&](OpBuilder &, Value row) {
      if (fullBlocks > 0)
        forLoop(0, fullBlocks, 1, [&](OpBuilder &, Value block) {
          Value blockStart = mul(block, shape.blockSize);
          auto sumLoop = scf::ForOp::create(
              b, loc, index(0), index(wordsPerBlock), index(1),
              ValueRange{zeroOctet},
              [&](OpBuilder &nb, Location l, Value word, ValueRange sum) {
                OpBuilder::InsertionGuard guard(b);
                b.setInsertionPoint(nb.getInsertionBlock(),
                                    nb.getInsertionPoint());
                Value k0 = add(blockStart, mul(word, kNBitsCodesPerWord));
                Value values =
                    vector::LoadOp::create(b, l, octet, a, ValueRange{row, k0});
                vector::StoreOp::create(
                    b, l, arith::MulFOp::create(b, l, values, factors), scaled,
                    ValueRange{row, k0});
                scf::YieldOp::create(
                    b, l,
                    ValueRange{arith::AddFOp::create(b, l, sum[0], values)});
              });
          Value total = vector::ReductionOp::create(
              b, loc, vector::CombiningKind::ADD, sumLoop.getResult(0));
          memref::StoreOp::create(b, loc, total, sums,
                                  ValueRange{row, block});
        });
      if (fullBlocks == shape.blocks)
        return;
      // The last block is cut by K: element by element, then zeros.
      auto tail = scf::ForOp::create(
          b, loc, index(fullBlocks * shape.blockSize), index(shape.k),
          index(1), ValueRange{zero},
          [&](OpBuilder &nb, Location l, Value k, ValueRange sum) {
            OpBuilder::InsertionGuard guard(b);
            b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
            Value value = memref::LoadOp::create(b, l, a, ValueRange{row, k});
            Value lane = arith::RemUIOp::create(b, l, k,
                                                index(kNBitsCodesPerWord));
            Value factor = vector::ExtractOp::create(
                b, l, factors, ArrayRef<OpFoldResult>{lane});
            memref::StoreOp::create(
                b, l, arith::MulFOp::create(b, l, value, factor), scaled,
                ValueRange{row, k});
            scf::YieldOp::create(
                b, l, ValueRange{arith::AddFOp::create(b, l, sum[0], value)});
          });
      forLoop(shape.k, shape.paddedK, 1, [&](OpBuilder &, Value k) {
        memref::StoreOp::create(b, loc, zero, scaled, ValueRange{row, k});
      });
      memref::StoreOp::create(b, loc, tail.getResult(0), sums,
                              ValueRange{row, index(fullBlocks)});
    });
  }

  /// All row tiles times all column tiles.
  void emitTiles(Value scaled, Value sums, Value codes, Value scales,
                 Value zeroPoints, Value c) {
    this->scaled = scaled;
    this->sums = sums;
    this->codes = codes;
    this->scales = scales;
    this->zeroPoints = zeroPoints;
    this->c = c;
    int64_t rowMain = shape.rows - shape.rows % shape.rowTile;
    if (rowMain > 0)
      forLoop(0, rowMain, shape.rowTile, [&](OpBuilder &, Value row) {
        emitColumnTiles(row, shape.rowTile);
      });
    if (rowMain < shape.rows)
      emitColumnTiles(index(rowMain), shape.rows - rowMain);
  }

private:
  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }
  Value add(Value x, int64_t y) {
    return y ? arith::AddIOp::create(b, loc, x, index(y)).getResult() : x;
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, int64_t y) {
    return arith::MulIOp::create(b, loc, x, index(y));
  }
  Value floatSplat(VectorType type, float value) {
    Attribute element = b.getF32FloatAttr(value);
    return arith::ConstantOp::create(
        b, loc, type, DenseElementsAttr::get(type, ArrayRef(element)));
  }
  Value intSplat(VectorType type, int64_t value) {
    Attribute element = b.getIntegerAttr(type.getElementType(), value);
    return arith::ConstantOp::create(
        b, loc, type, DenseElementsAttr::get(type, ArrayRef(element)));
  }

  /// scf.for without results; `body` builds at `b`'s insertion point.
  void forLoop(int64_t begin, int64_t end, int64_t step,
               function_ref<void(OpBuilder &, Value)> body) {
    scf::ForOp::create(b, loc, index(begin), index(end), index(step),
                       ValueRange{},
                       [&](OpBuilder &nb, Location, Value iv, ValueRange) {
                         OpBuilder::InsertionGuard guard(b);
                         b.setInsertionPoint(nb.getInsertionBlock(),
                                             nb.getInsertionPoint());
                         body(b, iv);
                         scf::YieldOp::create(b, loc);
                       });
  }

  void emitColumnTiles(Value row, int64_t rows) {
    int64_t fullTiles = shape.n / kNBitsTileColumns;
    if (fullTiles > 0)
      forLoop(0, fullTiles, 1, [&](OpBuilder &, Value tile) {
        emitTile(row, rows, tile, kNBitsTileColumns);
      });
    if (int64_t rest = shape.n % kNBitsTileColumns)
      emitTile(row, rows, index(fullTiles), rest);
  }

  /// One tile of `rows` rows from `row` and the first `columns` columns of
  /// column tile `tile`; vectors past them are not computed.
  void emitTile(Value row, int64_t rows, Value tile, int64_t columns) {
    int64_t lanes = shape.lanes;
    int64_t vectors = (columns + lanes - 1) / lanes;
    auto floatVector = VectorType::get({lanes}, b.getF32Type());
    Value column0 = mul(tile, kNBitsTileColumns);
    SmallVector<Value> rowIndex;
    for (int64_t r = 0; r < rows; ++r)
      rowIndex.push_back(add(row, r));

    // The running sums start from C (the generic accumulates into it).
    SmallVector<Value> acc;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v) {
        Value col = add(column0, v * lanes);
        int64_t valid = std::min(lanes, columns - v * lanes);
        if (valid == lanes) {
          acc.push_back(vector::LoadOp::create(b, loc, floatVector, c,
                                               ValueRange{rowIndex[r], col}));
          continue;
        }
        Value partial = floatSplat(floatVector, 0.0f);
        for (int64_t lane = 0; lane < valid; ++lane)
          partial = vector::InsertOp::create(
              b, loc,
              memref::LoadOp::create(b, loc, c,
                                     ValueRange{rowIndex[r], add(col, lane)}),
              partial, lane);
        acc.push_back(partial);
      }

    auto blockLoop = scf::ForOp::create(
        b, loc, index(0), index(shape.blocks), index(1), acc,
        [&](OpBuilder &nb, Location, Value block, ValueRange carried) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          SmallVector<Value> sumsOfBlock = 
              emitBlock(rowIndex, tile, block, vectors);
          scf::YieldOp::create(
              b, loc, applyScales(rowIndex, tile, block, vectors, carried,
                                  sumsOfBlock));
        });

    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v) {
        Value result = blockLoop.getResult(r * vectors + v);
        Value col = add(column0, v * lanes);
        int64_t valid = std::min(lanes, columns - v * lanes);
        if (valid == lanes) {
          vector::StoreOp::create(b, loc, result, c,
                                  ValueRange{rowIndex[r], col});
          continue;
        }
        for (int64_t lane = 0; lane < valid; ++lane)
          memref::StoreOp::create(b, loc,
                                  vector::ExtractOp::create(b, loc, result,
                                                            lane),
                                  c, ValueRange{rowIndex[r], add(col, lane)});
      }
  }

  /// sum_k A'[k] * (code_k * 16^(k % 8)) over one block, per row and column
  /// vector.
  SmallVector<Value> emitBlock(ArrayRef<Value> rowIndex, Value tile,
                               Value block, int64_t vectors) {
    int64_t lanes = shape.lanes, rows = rowIndex.size();
    auto floatVector = VectorType::get({lanes}, b.getF32Type());
    auto wordVector = VectorType::get({lanes}, b.getI32Type());
    auto quad = VectorType::get({4}, b.getF32Type());
    int64_t wordsPerBlock = shape.blockSize / kNBitsCodesPerWord;
    SmallVector<Value> zeros(rows * vectors, floatSplat(floatVector, 0.0f));
    SmallVector<Value> masks;
    for (int64_t i = 0; i + 1 < kNBitsCodesPerWord; ++i)
      masks.push_back(intSplat(wordVector, int64_t(15) << (4 * i)));
    Value topShift = intSplat(wordVector, 4 * (kNBitsCodesPerWord - 1));
    Value firstWord = mul(block, wordsPerBlock);
    auto wordLoop = scf::ForOp::create(
        b, loc, firstWord, add(firstWord, wordsPerBlock), index(1), zeros,
        [&](OpBuilder &nb, Location, Value word, ValueRange carried) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          SmallVector<Value> sums(carried);
          SmallVector<Value> words;
          for (int64_t v = 0; v < vectors; ++v)
            words.push_back(vector::LoadOp::create(
                b, loc, wordVector, codes,
                ValueRange{tile, word, index(v * lanes)}));
          Value k0 = mul(word, kNBitsCodesPerWord);
          SmallVector<Value> activations; // per row: k0..k0+3, k0+4..k0+7
          for (int64_t r = 0; r < rows; ++r)
            for (int64_t half = 0; half < 2; ++half)
              activations.push_back(vector::LoadOp::create(
                  b, loc, quad, scaled,
                  ValueRange{rowIndex[r], add(k0, 4 * half)}));
          for (int64_t i = 0; i < kNBitsCodesPerWord; ++i) {
            SmallVector<Value> decoded;
            for (int64_t v = 0; v < vectors; ++v) {
              Value field =
                  i + 1 == kNBitsCodesPerWord
                      ? arith::ShRUIOp::create(b, loc, words[v], topShift)
                            .getResult()
                      : arith::AndIOp::create(b, loc, words[v], masks[i])
                            .getResult();
              decoded.push_back(
                  arith::SIToFPOp::create(b, loc, floatVector, field));
            }
            for (int64_t r = 0; r < rows; ++r) {
              Value lane = vector::ExtractOp::create(
                  b, loc, activations[2 * r + i / 4], i % 4);
              Value splat =
                  vector::BroadcastOp::create(b, loc, floatVector, lane);
              for (int64_t v = 0; v < vectors; ++v) {
                Value &sum = sums[r * vectors + v];
                sum = vector::FMAOp::create(b, loc, splat, decoded[v], sum);
              }
            }
          }
          scf::YieldOp::create(b, loc, sums);
        });
    return SmallVector<Value>(wordLoop.getResults());
  }

  /// acc + scale * (blockSum - zero_point * sum_block(A)) per row and vector.
  SmallVector<Value> applyScales(ArrayRef<Value> rowIndex, Value tile,
                                 Value block, int64_t vectors,
                                 ValueRange acc, ArrayRef<Value> blockSums) {
    int64_t lanes = shape.lanes, rows = rowIndex.size();
    auto floatVector = VectorType::get({lanes}, b.getF32Type());
    SmallVector<Value> negatedZeros;
    if (shape.zeroPoints) {
      // Byte c / 2 holds columns c (low) and c + 1 (high) of the tile.
      auto bytesType = VectorType::get({kNBitsTileColumns / 2}, b.getI8Type());
      Value bytes = vector::LoadOp::create(b, loc, bytesType, zeroPoints,
                                           ValueRange{tile, block, index(0)});
      Value low =
          arith::AndIOp::create(b, loc, bytes, intSplat(bytesType, 15));
      Value high =
          arith::ShRUIOp::create(b, loc, bytes, intSplat(bytesType, 4));
      Value nibbles = vector::InterleaveOp::create(b, loc, low, high);
      Value wide = arith::ExtUIOp::create(
          b, loc, VectorType::get({kNBitsTileColumns}, b.getI32Type()),
          nibbles);
      Value asFloat = arith::SIToFPOp::create(
          b, loc, VectorType::get({kNBitsTileColumns}, b.getF32Type()), wide);
      Value negated = arith::NegFOp::create(b, loc, asFloat);
      for (int64_t v = 0; v < vectors; ++v)
        negatedZeros.push_back(vector::ExtractStridedSliceOp::create(
            b, loc, negated, {v * lanes}, {lanes}, {1}));
    } else {
      // ONNX Runtime's default zero point for 4 bits.
      negatedZeros.assign(vectors, floatSplat(floatVector, -8.0f));
    }
    SmallVector<Value> blockScales;
    for (int64_t v = 0; v < vectors; ++v)
      blockScales.push_back(vector::LoadOp::create(
          b, loc, floatVector, scales, ValueRange{tile, block, index(v * lanes)}));
    SmallVector<Value> result;
    for (int64_t r = 0; r < rows; ++r) {
      Value activationSum = vector::BroadcastOp::create(
          b, loc, floatVector,
          memref::LoadOp::create(b, loc, sums, ValueRange{rowIndex[r], block}));
      for (int64_t v = 0; v < vectors; ++v) {
        Value centred = vector::FMAOp::create(
            b, loc, negatedZeros[v], activationSum, blockSums[r * vectors + v]);
        result.push_back(vector::FMAOp::create(b, loc, blockScales[v], centred,
                                               acc[r * vectors + v]));
      }
    }
    return result;
  }

  OpBuilder &b;
  Location loc;
  const NBitsShape &shape;
  Value scaled, sums, codes, scales, zeroPoints, c;
};

struct LowerNBitsMatmul
    : public impl::LowerNBitsMatmulBase<LowerNBitsMatmul> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto target = module->getAttrOfType<DictionaryAttr>(kTargetAttr);
    SmallVector<linalg::GenericOp> kernels;
    module.walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kNBitsMatmulAttr))
        kernels.push_back(op);
    });
    for (linalg::GenericOp op : kernels) {
      std::optional<NBitsShape> shape = matchKernel(op, target);
      if (!shape) {
        // The loops compute the same product, one code at a time.
        op->removeAttr(kNBitsMatmulAttr);
        continue;
      }
      OpBuilder b(op);
      Location loc = op.getLoc();
      // Scratch for the activations, planned into the arena like any other
      // buffer (this pass runs before the planner).
      auto scaledType =
          MemRefType::get({shape->rows, shape->paddedK}, b.getF32Type());
      auto sumsType =
          MemRefType::get({shape->rows, shape->blocks}, b.getF32Type());
      Value scaled = memref::AllocOp::create(b, loc, scaledType);
      Value sums = memref::AllocOp::create(b, loc, sumsType);
      KernelEmitter emitter(b, loc, *shape);
      // A copy: the op is erased below.
      SmallVector<Value> inputs(op.getDpsInputs());
      emitter.emitActivationPrologue(inputs[0], scaled, sums);
      emitter.emitTiles(scaled, sums, inputs[1], inputs[2],
                        shape->zeroPoints ? inputs[3] : Value(),
                        op.getDpsInits()[0]);
      op->erase();
    }
  }
};

} // namespace
} // namespace edgecc
