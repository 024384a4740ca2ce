//===- ImportShape.cpp - Constant, Identity, Reshape and Transpose nodes --===//

#include "NodeImporter.h"

using namespace mlir;

namespace edgecc::import {
namespace {

/// A 1-D constant from a repeated attribute field (value_floats, value_ints).
template <typename T, typename Field>
LogicalResult setVectorConstant(NodeImporter &n, const Field &field,
                                Type element) {
  SmallVector<T> values(field.begin(), field.end());
  n.setConstantOutput(
      0, DenseElementsAttr::get(
             RankedTensorType::get({(int64_t)values.size()}, element),
             ArrayRef<T>(values)));
  return success();
}

LogicalResult importConstant(NodeImporter &n) {
  OpBuilder &b = n.b();
  if (const onnx::AttributeProto *value = n.attribute("value")) {
    auto attr = convertTensor(value->t(), n.location(), n.context());
    if (failed(attr))
      return failure();
    n.setConstantOutput(0, *attr);
    return success();
  }
  if (const onnx::AttributeProto *f = n.attribute("value_float")) {
    n.setConstantOutput(0, DenseElementsAttr::get(
                               RankedTensorType::get({}, b.getF32Type()),
                               f->f()));
    return success();
  }
  if (const onnx::AttributeProto *fs = n.attribute("value_floats"))
    return setVectorConstant<float>(n, fs->floats(), b.getF32Type());
  if (const onnx::AttributeProto *i = n.attribute("value_int")) {
    n.setConstantOutput(0, DenseElementsAttr::get(
                               RankedTensorType::get({}, b.getI64Type()),
                               (int64_t)i->i()));
    return success();
  }
  if (const onnx::AttributeProto *is = n.attribute("value_ints"))
    return setVectorConstant<int64_t>(n, is->ints(), b.getI64Type());
  return n.error() << "Constant without a supported value attribute "
                      "(sparse and string constants are not supported)";
}

LogicalResult importIdentity(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  n.setOutput(0, x);
  if (DenseElementsAttr value = n.constantInput(0))
    n.setConstantOutput(0, value);
  return success();
}

/// ONNX Reshape takes its shape as a tensor; edgecc needs it constant and
/// resolves 0 (copy the input dim, unless allowzero) and -1 (inferred).
LogicalResult importReshape(NodeImporter &n) {
  Value x = n.input(0);
  if (!x || !n.input(1))
    return failure();
  DenseElementsAttr shapeAttr = n.constantInput(1);
  if (!shapeAttr)
    return n.error() << "the shape input must be a constant";
  auto type = cast<RankedTensorType>(x.getType());
  bool allowZero = n.intAttr("allowzero", 0) != 0;
  SmallVector<int64_t> shape;
  int64_t inferred = -1, known = 1;
  for (auto [i, value] : llvm::enumerate(shapeAttr.getValues<APInt>())) {
    int64_t d = value.getSExtValue();
    if (d == 0 && !allowZero) {
      if ((int64_t)i >= type.getRank())
        return n.error() << "shape dim " << i << " is 0 but the input has rank "
                         << type.getRank();
      d = type.getDimSize(i);
    }
    if (d == -1) {
      if (inferred >= 0)
        return n.error() << "shape has more than one -1";
      inferred = i;
    } else if (d < 0) {
      return n.error() << "shape dim " << d << " is invalid";
    } else {
      known *= d;
    }
    shape.push_back(d);
  }
  int64_t total = type.getNumElements();
  if (inferred >= 0) {
    if (known == 0 || total % known != 0)
      return n.error() << "cannot infer the -1 dim: " << total
                       << " elements do not divide by " << known;
    shape[inferred] = total / known;
  } else if (known != total) {
    return n.error() << "cannot reshape " << total << " elements into "
                     << known;
  }
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  n.setOutput(0,
              edge::ReshapeOp::create(n.b(), n.location(), resultType, x));
  return success();
}

LogicalResult importTranspose(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  SmallVector<int64_t> perm;
  if (auto given = n.intsAttr("perm"))
    perm = *given;
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  return n.emitInferred<edge::TransposeOp>(
      edge::inferTransposeType(x.getType(), perm, n.location()), x,
      n.b().getDenseI64ArrayAttr(perm));
}

} // namespace

void registerShapeImporters(llvm::StringMap<OpImportFn> &table) {
  table["Constant"] = importConstant;
  table["Identity"] = importIdentity;
  table["Reshape"] = importReshape;
  table["Transpose"] = importTranspose;
}

} // namespace edgecc::import
