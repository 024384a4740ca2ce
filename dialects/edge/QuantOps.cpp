//===- QuantOps.cpp - Types of the integer (quantized) ops ----------------===//
//
// Type inference of the ops in EdgeQuantOps.td. edge.matmul_integer takes its
// shapes from edge.matmul's rule; its zero points are checked here.
//
//===----------------------------------------------------------------------===//

#include "edge/EdgeOps.h"
#include "edge/ShapeInference.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace edgecc::edge;

/// A zero point of `operand`: its element type, a rank no larger than the
/// operand's, every dim 1 or the operand's (numpy alignment from the end)
/// and 1 along the contraction dim `contractionDim` of the operand.
static LogicalResult verifyMatMulZeroPoint(RankedTensorType zeroPoint,
                                           RankedTensorType operand,
                                           int64_t contractionDim,
                                           StringRef what, OptionalLoc loc) {
  auto fail = [&]() {
    return emitOptionalError(loc, what, " zero point ", Type(zeroPoint),
                             " is not per tensor or per ",
                             what == "lhs" ? "row" : "column", " of ", what,
                             " ", Type(operand));
  };
  if (zeroPoint.getElementType() != operand.getElementType())
    return emitOptionalError(loc, what, " zero point element type ",
                             zeroPoint.getElementType(), " differs from ",
                             operand.getElementType());
  int64_t rank = operand.getRank(), zeroRank = zeroPoint.getRank();
  if (zeroRank > rank)
    return fail();
  for (int64_t i = 0; i < zeroRank; ++i) {
    int64_t dim = rank - zeroRank + i;
    int64_t size = zeroPoint.getDimSize(i);
    if (size != 1 && (size != operand.getDimSize(dim) || dim == contractionDim))
      return fail();
  }
  return success();
}

FailureOr<RankedTensorType>
MatMulIntegerOp::inferResultType(Type lhsType, Type rhsType,
                                 Type lhsZeroPointType, Type rhsZeroPointType,
                                 OptionalLoc loc) {
  auto lhs = asRanked(lhsType, loc), rhs = asRanked(rhsType, loc);
  auto lhsZero = asRanked(lhsZeroPointType, loc);
  auto rhsZero = asRanked(rhsZeroPointType, loc);
  if (failed(lhs) || failed(rhs) || failed(lhsZero) || failed(rhsZero))
    return failure();
  for (RankedTensorType t : {*lhs, *rhs}) {
    if (!t.getElementType().isInteger(8)) {
      (void)emitOptionalError(loc, "expected int8 or uint8 operands, got ",
                              t.getElementType());
      return failure();
    }
  }
  // The operands may differ in signedness; the shape rule is edge.matmul's.
  auto shape = inferMatMulType(*lhs, rhs->clone(lhs->getElementType()), loc);
  if (failed(shape))
    return failure();
  int64_t lhsContraction = lhs->getRank() - 1;
  int64_t rhsContraction = rhs->getRank() >= 2 ? rhs->getRank() - 2 : 0;
  if (failed(
          verifyMatMulZeroPoint(*lhsZero, *lhs, lhsContraction, "lhs", loc)) ||
      failed(verifyMatMulZeroPoint(*rhsZero, *rhs, rhsContraction, "rhs", loc)))
    return failure();
  return shape->clone(IntegerType::get(lhs->getContext(), 32));
}

LogicalResult MatMulIntegerOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  auto type =
      inferResultType(adaptor.getLhs().getType(), adaptor.getRhs().getType(),
                      adaptor.getLhsZeroPoint().getType(),
                      adaptor.getRhsZeroPoint().getType(), loc);
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

/// What edge.matmul_nbits and edge.matmul_w4a8 share: the packed weights
/// [N, blocks, block_size / 2], `blocks` covering K (exactly when
/// `exactBlocks`), the scales and zero points per block, and the [..., N]
/// result.
template <typename OpTy>
static LogicalResult verifyPackedNibbles(OpTy op, bool exactBlocks) {
  auto input = op.getInput().getType(), weights = op.getWeights().getType();
  int64_t blockSize = op.getBlockSize();
  if (weights.getRank() != 3 || input.getRank() < 1 || blockSize < 2 ||
      blockSize % 2 != 0 || weights.getDimSize(2) * 2 != blockSize)
    return op.emitOpError("weights must be [N, blocks, block_size / 2] bytes");
  int64_t n = weights.getDimSize(0), blocks = weights.getDimSize(1);
  int64_t k = input.getDimSize(input.getRank() - 1);
  if (exactBlocks && k != blocks * blockSize)
    return op.emitOpError("K = ")
           << k << " must be " << blocks << " blocks of " << blockSize;
  if (blocks != (k + blockSize - 1) / blockSize)
    return op.emitOpError("K = ")
           << k << " needs " << (k + blockSize - 1) / blockSize
           << " blocks of " << blockSize << ", weights have " << blocks;
  if (op.getScales().getType().getNumElements() != n * blocks)
    return op.emitOpError("needs ") << n * blocks << " scales";
  if (op.getZeroPoints() &&
      op.getZeroPoints().getType().getNumElements() != n * ((blocks + 1) / 2))
    return op.emitOpError("needs ")
           << n * ((blocks + 1) / 2) << " bytes of zero points";
  SmallVector<int64_t> shape(input.getShape().drop_back());
  shape.push_back(n);
  if (op.getType().getShape() != ArrayRef<int64_t>(shape))
    return op.emitOpError("result must be [..., N]");
  return success();
}

LogicalResult MatMulW4A8Op::verify() {
  if (getInputScale().getType().getNumElements() != 1 ||
      getInputZeroPoint().getType().getNumElements() != 1 ||
      getInputZeroPoint().getType().getElementType() !=
          getInput().getType().getElementType())
    return emitOpError("needs one input scale and one zero point of the "
                       "input's type");
  return verifyPackedNibbles(*this, /*exactBlocks=*/true);
}

LogicalResult MatMulNBitsOp::verify() {
  return verifyPackedNibbles(*this, /*exactBlocks=*/false);
}
