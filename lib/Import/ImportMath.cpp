//===- ImportMath.cpp - Arithmetic, contraction and softmax nodes ---------===//

#include "NodeImporter.h"

using namespace mlir;

namespace edgecc::import {
namespace {

template <typename OpTy>
LogicalResult importBinary(NodeImporter &n) {
  Value lhs = n.input(0), rhs = n.input(1);
  if (!lhs || !rhs)
    return failure();
  return n.emitInferred<OpTy>(
      edge::inferElementwiseType(lhs.getType(), rhs.getType(), n.location()),
      lhs, rhs);
}

LogicalResult importRelu(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  return n.emitInferred<edge::ReluOp>(cast<RankedTensorType>(x.getType()), x);
}

LogicalResult importMatMul(NodeImporter &n) {
  Value lhs = n.input(0), rhs = n.input(1);
  if (!lhs || !rhs)
    return failure();
  return n.emitInferred<edge::MatMulOp>(
      edge::inferMatMulType(lhs.getType(), rhs.getType(), n.location()), lhs,
      rhs);
}

LogicalResult importGemm(NodeImporter &n) {
  Value a = n.input(0), b = n.input(1);
  if (!a || !b)
    return failure();
  Value c = n.hasInput(2) ? n.input(2) : Value();
  if (n.hasInput(2) && !c)
    return failure();
  bool transA = n.intAttr("transA", 0) != 0;
  bool transB = n.intAttr("transB", 0) != 0;
  float alpha = n.floatAttr("alpha", 1.0f), beta = n.floatAttr("beta", 1.0f);
  auto type = edge::inferGemmType(a.getType(), b.getType(),
                                  c ? c.getType() : Type(), transA, transB,
                                  n.location());
  OpBuilder &builder = n.b();
  return n.emitInferred<edge::GemmOp>(
      type, a, b, c, builder.getF32FloatAttr(alpha),
      builder.getF32FloatAttr(beta), builder.getBoolAttr(transA),
      builder.getBoolAttr(transB));
}

/// Softmax before opset 13 flattens the input to 2-D at `axis` (default 1)
/// and normalises each row; from 13 it normalises along `axis` (default -1).
LogicalResult importSoftmax(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto type = cast<RankedTensorType>(x.getType());
  if (!isa<FloatType>(type.getElementType()))
    return n.error() << "softmax needs a float input, got "
                     << type.getElementType();
  int64_t rank = type.getRank();
  bool legacy = n.opsetVersion() < 13;
  auto axis = edge::normalizeAxis(n.intAttr("axis", legacy ? 1 : -1), rank,
                                  n.location());
  if (failed(axis))
    return failure();
  OpBuilder &b = n.b();
  Location loc = n.location();
  if (!legacy || *axis == rank - 1 || rank == 0) {
    n.setOutput(0, edge::SoftmaxOp::create(b, loc, type, x,
                                           b.getI64IntegerAttr(*axis)));
    return success();
  }
  int64_t rows = 1, cols = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < *axis ? rows : cols) *= type.getDimSize(i);
  auto flatType = RankedTensorType::get({rows, cols}, type.getElementType());
  Value flat = edge::ReshapeOp::create(b, loc, flatType, x);
  Value soft =
      edge::SoftmaxOp::create(b, loc, flatType, flat, b.getI64IntegerAttr(1));
  n.setOutput(0, edge::ReshapeOp::create(b, loc, type, soft));
  return success();
}

} // namespace

void registerMathImporters(llvm::StringMap<OpImportFn> &table) {
  table["Add"] = importBinary<edge::AddOp>;
  table["Sub"] = importBinary<edge::SubOp>;
  table["Mul"] = importBinary<edge::MulOp>;
  table["Div"] = importBinary<edge::DivOp>;
  table["Relu"] = importRelu;
  table["MatMul"] = importMatMul;
  table["Gemm"] = importGemm;
  table["Softmax"] = importSoftmax;
}

} // namespace edgecc::import
