//===- ImportShape.cpp - Constants, reshapes, transposes and shape queries ===//

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


/// Binds output 0 to `x` reshaped to `shape` (same element count).
LogicalResult emitReshape(NodeImporter &n, Value x, ArrayRef<int64_t> shape) {
  auto resultType = tensorType(x).clone(shape);
  n.setOutput(0, n.b().createOrFold<edge::ReshapeOp>(n.location(), resultType,
                                                     x));
  return success();
}

/// ONNX Reshape takes its shape as a tensor; edgecc needs it at compile time
/// and resolves 0 (copy the input dim, unless allowzero) and -1 (inferred).
LogicalResult importReshape(NodeImporter &n) {
  Value x = n.input(0);
  auto requested = n.requireIntsInput(1, "the shape");
  if (!x || failed(requested))
    return failure();
  auto type = tensorType(x);
  bool allowZero = n.intAttr("allowzero", 0) != 0;
  SmallVector<int64_t> shape;
  int64_t inferred = -1, known = 1;
  for (auto [i, d] : llvm::enumerate(*requested)) {
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
  return emitReshape(n, x, shape);
}

/// The axes of Squeeze/Unsqueeze as given: an attribute before opset 13, an
/// input from 13 (optional for Squeeze).
FailureOr<SmallVector<int64_t>> givenSqueezeAxes(NodeImporter &n) {
  if (n.opsetVersion() < 13)
    return n.intsAttr("axes").value_or(SmallVector<int64_t>());
  if (!n.hasInput(1))
    return SmallVector<int64_t>();
  return n.requireIntsInput(1, "axes");
}

/// Normalises `axes` against `rank`.
LogicalResult normalizeAxes(NodeImporter &n, SmallVectorImpl<int64_t> &axes,
                            int64_t rank) {
  for (int64_t &axis : axes) {
    auto normalized = edge::normalizeAxis(axis, rank, n.location());
    if (failed(normalized))
      return failure();
    axis = *normalized;
  }
  return success();
}

LogicalResult importSqueeze(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto type = tensorType(x);
  auto axes = givenSqueezeAxes(n);
  if (failed(axes) || failed(normalizeAxes(n, *axes, type.getRank())))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    bool named = llvm::is_contained(*axes, d);
    if (named && type.getDimSize(d) != 1)
      return n.error() << "cannot squeeze dim " << d << " of size "
                       << type.getDimSize(d);
    if (axes->empty() ? type.getDimSize(d) != 1 : !named)
      shape.push_back(type.getDimSize(d));
  }
  return emitReshape(n, x, shape);
}

LogicalResult importUnsqueeze(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto type = tensorType(x);
  auto axes = givenSqueezeAxes(n);
  if (failed(axes))
    return failure();
  if (axes->empty())
    return n.error() << "needs axes";
  // The axes count in the result's rank.
  if (failed(normalizeAxes(n, *axes, type.getRank() + axes->size())))
    return failure();
  SmallVector<int64_t> shape;
  ArrayRef<int64_t> dims = type.getShape();
  for (int64_t d = 0; d < type.getRank() + (int64_t)axes->size(); ++d) {
    if (llvm::is_contained(*axes, d)) {
      shape.push_back(1);
    } else {
      if (dims.empty())
        return n.error() << "axes are repeated";
      shape.push_back(dims.front());
      dims = dims.drop_front();
    }
  }
  return emitReshape(n, x, shape);
}

LogicalResult importFlatten(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  auto type = tensorType(x);
  int64_t rank = type.getRank();
  int64_t axis = n.intAttr("axis", 1);
  if (axis < -rank || axis > rank)
    return n.error() << "axis " << axis << " is out of range for rank "
                     << rank;
  if (axis < 0)
    axis += rank;
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < axis ? outer : inner) *= type.getDimSize(d);
  return emitReshape(n, x, {outer, inner});
}

/// Shape is a constant: every shape is static here. Opset 15 adds start/end.
LogicalResult importShapeOf(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  ArrayRef<int64_t> dims = tensorType(x).getShape();
  int64_t rank = dims.size();
  auto clampAxis = [rank](int64_t v) {
    return std::clamp<int64_t>(v < 0 ? v + rank : v, 0, rank);
  };
  int64_t start = clampAxis(n.intAttr("start", 0));
  int64_t end = clampAxis(n.intAttr("end", rank));
  SmallVector<int64_t> values(dims.begin() + start,
                              dims.begin() + std::max(start, end));
  n.setConstantOutput(
      0, DenseElementsAttr::get(
             RankedTensorType::get({(int64_t)values.size()},
                                   n.b().getI64Type()),
             ArrayRef<int64_t>(values)));
  return success();
}

LogicalResult importSize(NodeImporter &n) {
  Value x = n.input(0);
  if (!x)
    return failure();
  n.setConstantOutput(
      0, DenseElementsAttr::get(RankedTensorType::get({}, n.b().getI64Type()),
                                tensorType(x).getNumElements()));
  return success();
}

LogicalResult importConstantOfShape(NodeImporter &n) {
  auto shape = n.requireIntsInput(0, "the shape");
  if (failed(shape))
    return failure();
  if (llvm::any_of(*shape, [](int64_t d) { return d < 0; }))
    return n.error() << "shape has a negative dim";
  Attribute fill = n.b().getF32FloatAttr(0.0f);
  if (const onnx::AttributeProto *value = n.attribute("value")) {
    auto tensor = convertTensor(value->t(), n.location(), n.context());
    if (failed(tensor))
      return failure();
    if (tensor->getNumElements() != 1)
      return n.error() << "value must hold one element";
    fill = *tensor->getValues<Attribute>().begin();
  }
  auto type = RankedTensorType::get(*shape, cast<TypedAttr>(fill).getType());
  n.setConstantOutput(0, DenseElementsAttr::get(type, fill));
  return success();
}

/// Range(start, limit, delta) has ceil((limit - start) / delta) elements,
/// known only from the values: they must be compile-time constants.
LogicalResult importRange(NodeImporter &n) {
  DenseElementsAttr start = n.requireConstantInput(0, "start");
  DenseElementsAttr limit = n.requireConstantInput(1, "limit");
  DenseElementsAttr delta = n.requireConstantInput(2, "delta");
  if (!start || !limit || !delta)
    return failure();
  Type element = start.getElementType();
  if (isa<FloatType>(element)) {
    float s = start.getSplatValue<APFloat>().convertToFloat();
    float l = limit.getSplatValue<APFloat>().convertToFloat();
    float d = delta.getSplatValue<APFloat>().convertToFloat();
    if (d == 0.0f)
      return n.error() << "delta is 0";
    int64_t count = std::max<int64_t>(0, (int64_t)std::ceil((l - s) / d));
    SmallVector<float> values;
    for (int64_t i = 0; i < count; ++i)
      values.push_back(s + i * d);
    n.setConstantOutput(0, DenseElementsAttr::get(
                               RankedTensorType::get({count}, element),
                               ArrayRef<float>(values)));
    return success();
  }
  int64_t s = start.getSplatValue<APInt>().getSExtValue();
  int64_t l = limit.getSplatValue<APInt>().getSExtValue();
  int64_t d = delta.getSplatValue<APInt>().getSExtValue();
  if (d == 0)
    return n.error() << "delta is 0";
  int64_t count = std::max<int64_t>(0, (l - s + d + (d > 0 ? -1 : 1)) / d);
  SmallVector<APInt> values;
  unsigned width = element.getIntOrFloatBitWidth();
  for (int64_t i = 0; i < count; ++i)
    values.push_back(APInt(width, s + i * d, /*isSigned=*/true));
  n.setConstantOutput(0, DenseElementsAttr::get(
                             RankedTensorType::get({count}, element), values));
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
  table["Squeeze"] = importSqueeze;
  table["Unsqueeze"] = importUnsqueeze;
  table["Flatten"] = importFlatten;
  table["Shape"] = importShapeOf;
  table["Size"] = importSize;
  table["ConstantOfShape"] = importConstantOfShape;
  table["Range"] = importRange;
}

} // namespace edgecc::import
