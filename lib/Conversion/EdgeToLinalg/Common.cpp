//===- Common.cpp - Shared helpers of the EdgeToLinalg patterns -----------===//

#include "Common.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

namespace edgecc::edge_to_linalg {

bool isUnsigned(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  return type.isUnsignedInteger();
}

RankedTensorType toSignless(RankedTensorType type) {
  Type element = type.getElementType();
  if (auto integer = dyn_cast<IntegerType>(element); integer &&
                                                     !integer.isSignless())
    element = IntegerType::get(type.getContext(), integer.getWidth());
  return RankedTensorType::get(type.getShape(), element);
}

AffineMap broadcastMap(MLIRContext *ctx, ArrayRef<int64_t> operandShape,
                       ArrayRef<int64_t> resultShape) {
  size_t offset = resultShape.size() - operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (auto [i, dim] : llvm::enumerate(operandShape)) {
    // A size-1 dim that the result widens reads its only element.
    if (dim == 1 && resultShape[i + offset] != 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      exprs.push_back(getAffineDimExpr(i + offset, ctx));
  }
  return AffineMap::get(resultShape.size(), 0, exprs, ctx);
}

Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                       ValueRange inputs, BodyBuilder body) {
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(broadcastMap(
        ctx, cast<RankedTensorType>(input.getType()).getShape(),
        resultType.getShape()));
  maps.push_back(b.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                       resultType.getElementType());
  auto generic = linalg::GenericOp::create(
      b, loc, resultType, inputs, init, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value result = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, result);
      });
  return generic.getResult(0);
}

Value buildFilled(OpBuilder &b, Location loc, RankedTensorType type,
                  TypedAttr value) {
  Value init =
      tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  Value scalar = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, scalar, init).getResult(0);
}

std::pair<SmallVector<int64_t>, AffineMap>
reducedShapeAndMap(RankedTensorType type, ArrayRef<int64_t> axes,
                   MLIRContext *ctx) {
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (llvm::is_contained(axes, d))
      continue;
    shape.push_back(type.getDimSize(d));
    exprs.push_back(getAffineDimExpr(d, ctx));
  }
  return {shape, AffineMap::get(type.getRank(), 0, exprs, ctx)};
}

SmallVector<utils::IteratorType> reductionIterators(int64_t rank,
                                                    ArrayRef<int64_t> axes) {
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < rank; ++d)
    iterators.push_back(llvm::is_contained(axes, d)
                            ? utils::IteratorType::reduction
                            : utils::IteratorType::parallel);
  return iterators;
}

Value buildReduction(OpBuilder &b, Location loc, Value input,
                     ArrayRef<int64_t> axes, TypedAttr initValue,
                     BodyBuilder combine) {
  auto type = cast<RankedTensorType>(input.getType());
  auto [shape, outMap] = reducedShapeAndMap(type, axes, b.getContext());
  auto resultType = RankedTensorType::get(shape, initValue.getType());
  Value init = buildFilled(b, loc, resultType, initValue);
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(type.getRank()),
                                 outMap};
  return linalg::GenericOp::create(
             b, loc, resultType, input, init, maps,
             reductionIterators(type.getRank(), axes),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               // args = (x, acc)
               Value result = combine(nb, nloc, {args[1], args[0]});
               linalg::YieldOp::create(nb, nloc, result);
             })
      .getResult(0);
}

Value createAccumulate(OpBuilder &b, Location loc, Value acc, Value x) {
  if (!isa<FloatType>(getElementTypeOrSelf(acc.getType())))
    return arith::AddIOp::create(b, loc, acc, x);
  auto flags = arith::FastMathFlagsAttr::get(
      b.getContext(),
      arith::FastMathFlags::reassoc | arith::FastMathFlags::contract);
  return arith::AddFOp::create(b, loc, acc, x, flags);
}

Value createAdd(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::AddFOp::create(b, loc, x, y);
  return arith::AddIOp::create(b, loc, x, y);
}

Value createMul(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(getElementTypeOrSelf(x.getType())))
    return arith::MulFOp::create(b, loc, x, y);
  return arith::MulIOp::create(b, loc, x, y);
}

static Value selectFloat(OpBuilder &b, Location loc, arith::CmpFPredicate p,
                         Value x, Value y) {
  Value pick = arith::CmpFOp::create(b, loc, p, x, y);
  Value r = arith::SelectOp::create(b, loc, pick, x, y);
  // y NaN: the ordered compare was false, r is y. x NaN: take x.
  Value xIsNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  return arith::SelectOp::create(b, loc, xIsNan, x, r);
}

Value createMaxF(OpBuilder &b, Location loc, Value x, Value y) {
  return selectFloat(b, loc, arith::CmpFPredicate::OGT, x, y);
}

Value createMinF(OpBuilder &b, Location loc, Value x, Value y) {
  return selectFloat(b, loc, arith::CmpFPredicate::OLT, x, y);
}

} // namespace edgecc::edge_to_linalg

namespace edgecc::edge_to_linalg {

SmallVector<int64_t> broadcastBatch(ArrayRef<int64_t> lhsBatch,
                                    ArrayRef<int64_t> rhsBatch) {
  size_t nb = std::max(lhsBatch.size(), rhsBatch.size());
  SmallVector<int64_t> batch(nb, 1);
  for (size_t i = 0; i < nb; ++i) {
    size_t li = i + lhsBatch.size(), ri = i + rhsBatch.size();
    int64_t l = li >= nb ? lhsBatch[li - nb] : 1;
    int64_t r = ri >= nb ? rhsBatch[ri - nb] : 1;
    batch[i] = std::max(l, r);
  }
  return batch;
}

AffineMap batchedOperandMap(MLIRContext *ctx, ArrayRef<int64_t> batch,
                            ArrayRef<int64_t> operandBatch, unsigned row,
                            unsigned col) {
  SmallVector<AffineExpr> exprs;
  size_t offset = batch.size() - operandBatch.size();
  for (auto [i, d] : llvm::enumerate(operandBatch))
    exprs.push_back(d == 1 && batch[i + offset] != 1
                        ? getAffineConstantExpr(0, ctx)
                        : getAffineDimExpr(i + offset, ctx));
  exprs.push_back(getAffineDimExpr(row, ctx));
  exprs.push_back(getAffineDimExpr(col, ctx));
  return AffineMap::get(batch.size() + 3, 0, exprs, ctx);
}

Value buildReshape(OpBuilder &b, Location loc, Value input,
                   ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(input.getType());
  if (type.getShape() == shape)
    return input;
  auto allDims = [](int64_t rank) {
    ReassociationIndices dims;
    for (int64_t i = 0; i < rank; ++i)
      dims.push_back(i);
    return SmallVector<ReassociationIndices>{dims};
  };
  // To 1-D first (rank 0 has an empty reassociation), then to the target.
  auto flatType =
      RankedTensorType::get({type.getNumElements()}, type.getElementType());
  Value flat = input;
  if (type.getRank() == 0)
    flat = tensor::ExpandShapeOp::create(b, loc, flatType, input,
                                         ArrayRef<ReassociationIndices>{});
  else if (type.getRank() > 1)
    flat = tensor::CollapseShapeOp::create(b, loc, flatType, input,
                                           allDims(type.getRank()));
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  if (shape.size() == 1)
    return flat;
  if (shape.empty())
    return tensor::CollapseShapeOp::create(b, loc, resultType, flat,
                                           ArrayRef<ReassociationIndices>{});
  return tensor::ExpandShapeOp::create(b, loc, resultType, flat,
                                       allDims(shape.size()));
}

int64_t targetFloatLanes(Operation *op) {
  auto module = op->getParentOfType<ModuleOp>();
  auto target =
      module ? module->getAttrOfType<DictionaryAttr>("edge.target") : nullptr;
  auto bits = target ? target.getAs<IntegerAttr>("float_vector_bits")
                     : IntegerAttr();
  return bits ? bits.getInt() / 32 : 0;
}

Value reduceToScalar(OpBuilder &b, Location loc, Value row, int64_t lanes,
                     float initial, CombineBuilder combine,
                     CombineBuilder merge, StringRef kernel) {
  int64_t t = cast<RankedTensorType>(row.getType()).getDimSize(0);
  auto index = [&](OpBuilder &nb, int64_t value) -> Value {
    return arith::ConstantIndexOp::create(nb, loc, value);
  };
  Value start = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(initial));
  if (lanes < 2 || t % lanes != 0) {
    auto loop = scf::ForOp::create(
        b, loc, index(b, 0), index(b, t), index(b, 1), ValueRange{start},
        [&](OpBuilder &nb, Location nl, Value k, ValueRange acc) {
          Value x = tensor::ExtractOp::create(nb, nl, row, k);
          scf::YieldOp::create(nb, nl, combine(nb, nl, acc[0], x));
        });
    if (!kernel.empty())
      loop->setAttr("edge.kernel", b.getStringAttr(kernel));
    return loop.getResult(0);
  }
  auto vectorType = VectorType::get({lanes}, b.getF32Type());
  Value splat = vector::BroadcastOp::create(b, loc, vectorType, start);
  auto loop = scf::ForOp::create(
      b, loc, index(b, 0), index(b, t), index(b, lanes), ValueRange{splat},
      [&](OpBuilder &nb, Location nl, Value k, ValueRange acc) {
        Value pad = arith::ConstantOp::create(nb, nl, nb.getF32FloatAttr(0));
        Value x = vector::TransferReadOp::create(nb, nl, vectorType, row,
                                                 ValueRange{k}, pad,
                                                 ArrayRef<bool>{true});
        scf::YieldOp::create(nb, nl, combine(nb, nl, acc[0], x));
      });
  if (!kernel.empty())
    loop->setAttr("edge.kernel", b.getStringAttr(kernel));
  Value result = vector::ExtractOp::create(b, loc, loop.getResult(0), 0);
  for (int64_t lane = 1; lane < lanes; ++lane)
    result = (merge ? merge : combine)(
        b, loc, result,
        vector::ExtractOp::create(b, loc, loop.getResult(0), lane));
  return result;
}

} // namespace edgecc::edge_to_linalg
