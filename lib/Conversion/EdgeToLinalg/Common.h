//===- Common.h - Shared helpers of the EdgeToLinalg patterns ----*- C++ -*-===//
//
// Builders for the linalg forms every op family uses (broadcasting elementwise
// generics, contractions, reductions) and the pattern-population entry points
// of each family file.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_LIB_CONVERSION_EDGETOLINALG_COMMON_H
#define EDGECC_LIB_CONVERSION_EDGETOLINALG_COMMON_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace edgecc::edge_to_linalg {

using BodyBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// The signless tensor type linalg sees: ui8 becomes i8 (the ops chosen by
/// the patterns keep the unsigned meaning).
mlir::RankedTensorType toSignless(mlir::RankedTensorType type);
bool isUnsigned(mlir::Type tensorOrElementType);

/// Indexing map reading an operand of `operandShape` broadcast (numpy rules)
/// into an iteration space of `resultShape`.
mlir::AffineMap broadcastMap(mlir::MLIRContext *ctx,
                             llvm::ArrayRef<int64_t> operandShape,
                             llvm::ArrayRef<int64_t> resultShape);

/// An elementwise linalg.generic over `resultType` (signless) whose inputs are
/// broadcast to it; `body` maps the input scalars to the output scalar.
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::RankedTensorType resultType,
                             mlir::ValueRange inputs, BodyBuilder body);

/// A tensor of `type` filled with `value`.
mlir::Value buildFilled(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type, mlir::TypedAttr value);

/// The shape of `type` without `axes`, and the map from the full iteration
/// space onto it.
std::pair<llvm::SmallVector<int64_t>, mlir::AffineMap>
reducedShapeAndMap(mlir::RankedTensorType type, llvm::ArrayRef<int64_t> axes,
                   mlir::MLIRContext *ctx);

/// Parallel iterators, with `axes` as reductions.
llvm::SmallVector<mlir::utils::IteratorType>
reductionIterators(int64_t rank, llvm::ArrayRef<int64_t> axes);

/// Reduces `input` over `axes` into a tensor without those dims, starting
/// from `initValue`; `combine(acc, x)` gives the new accumulator.
mlir::Value buildReduction(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value input, llvm::ArrayRef<int64_t> axes,
                           mlir::TypedAttr initValue, BodyBuilder combine);

/// The batch dims of a numpy matmul: the two operands' leading dims
/// broadcast against each other.
llvm::SmallVector<int64_t> broadcastBatch(llvm::ArrayRef<int64_t> lhsBatch,
                                          llvm::ArrayRef<int64_t> rhsBatch);

/// The map from loops (batch..., m, n, k) onto an operand of shape
/// [operandBatch..., rows, cols] read at loop dims (`row`, `col`): a batch
/// dim of 1 against a wider batch reads its only slice.
mlir::AffineMap batchedOperandMap(mlir::MLIRContext *ctx,
                                  llvm::ArrayRef<int64_t> batch,
                                  llvm::ArrayRef<int64_t> operandBatch,
                                  unsigned row, unsigned col);

/// Reshapes a static tensor to `shape` through collapse/expand (views after
/// bufferisation, never copies).
mlir::Value buildReshape(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value input, llvm::ArrayRef<int64_t> shape);

/// Scalar helpers that pick the float or (signed/unsigned) integer op.
mlir::Value createAdd(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                      mlir::Value y);
mlir::Value createMul(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                      mlir::Value y);
/// acc + x in a reduction: float sums may be reassociated, so that LLVM
/// vectorises them (partial sums per lane), as every BLAS does.
mlir::Value createAccumulate(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value acc, mlir::Value x);
/// The float32 lanes of the target on the module around `op` (its
/// `edge.target`), 0 without float vectors or target.
int64_t targetFloatLanes(mlir::Operation *op);

using CombineBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::Value, mlir::Value)>;

/// Folds the elements of the 1-D `row` with `combine(acc, x)` from `initial`
/// into a scalar. With `lanes` (> 1) dividing its size, the accumulator is a
/// vector of `lanes`, carried through the loop in registers (one combine per
/// vector), whose lanes `merge(acc, lane)` folds at the end (`combine` when
/// null: a max or a sum, not a sum of squares); else a scalar loop, one
/// serial combine per element (LLVM does not vectorise a NaN-propagating max
/// by itself). `combine` must accept vectors as well as scalars. The loop
/// gets `kernel` as its `edge.kernel` name when one is given.
mlir::Value reduceToScalar(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value row, int64_t lanes, float initial,
                           CombineBuilder combine,
                           CombineBuilder merge = nullptr,
                           llvm::StringRef kernel = {});

/// Float max/min that propagate NaN, as compare + select: arith.maximumf
/// becomes a libm call (fmaximumf) on cores without such an instruction.
mlir::Value createMaxF(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                       mlir::Value y);
mlir::Value createMinF(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                       mlir::Value y);

void populateElementwisePatterns(mlir::TypeConverter &converter,
                                 mlir::RewritePatternSet &patterns);
void populateMatMulPatterns(mlir::TypeConverter &converter,
                            mlir::RewritePatternSet &patterns);
void populateNormalizationPatterns(mlir::TypeConverter &converter,
                                   mlir::RewritePatternSet &patterns);
void populateDataMovementPatterns(mlir::TypeConverter &converter,
                                  mlir::RewritePatternSet &patterns);
void populateReductionPatterns(mlir::TypeConverter &converter,
                               mlir::RewritePatternSet &patterns);
void populateNNPatterns(mlir::TypeConverter &converter,
                        mlir::RewritePatternSet &patterns);
void populateAttentionPatterns(mlir::TypeConverter &converter,
                               mlir::RewritePatternSet &patterns);
void populateQuantPatterns(mlir::TypeConverter &converter,
                           mlir::RewritePatternSet &patterns);
void populateQuantW4A8Patterns(mlir::TypeConverter &converter,
                               mlir::RewritePatternSet &patterns);
void populateQuantNBitsPatterns(mlir::TypeConverter &converter,
                                mlir::RewritePatternSet &patterns);

} // namespace edgecc::edge_to_linalg

#endif // EDGECC_LIB_CONVERSION_EDGETOLINALG_COMMON_H
