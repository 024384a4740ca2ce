//===- Folding.cpp - Constant folding helpers of the edge ops -------------===//

#include "Folding.h"

using namespace mlir;

namespace edgecc::edge {

int64_t broadcastIndex(ArrayRef<int64_t> operandShape,
                       ArrayRef<int64_t> resultShape, int64_t index) {
  int64_t operandIndex = 0, stride = 1;
  size_t offset = resultShape.size() - operandShape.size();
  for (int64_t d = resultShape.size() - 1; d >= 0; --d) {
    int64_t coordinate = index % resultShape[d];
    index /= resultShape[d];
    if (d < (int64_t)offset)
      continue;
    int64_t dim = operandShape[d - offset];
    operandIndex += (dim == 1 ? 0 : coordinate) * stride;
    stride *= dim;
  }
  return operandIndex;
}

DenseElementsAttr foldElementwise(ArrayRef<Attribute> operands,
                                  RankedTensorType resultType,
                                  ElementFolder fn) {
  if (!resultType.hasStaticShape() ||
      resultType.getNumElements() > kMaxFoldElements)
    return {};
  SmallVector<DenseElementsAttr> dense;
  for (Attribute operand : operands) {
    auto attr = dyn_cast_if_present<DenseElementsAttr>(operand);
    if (!attr)
      return {};
    dense.push_back(attr);
  }
  SmallVector<SmallVector<Attribute>> values;
  for (DenseElementsAttr attr : dense)
    values.emplace_back(attr.getValues<Attribute>().begin(),
                        attr.getValues<Attribute>().end());
  SmallVector<Attribute> results;
  SmallVector<Attribute> elements(operands.size());
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i) {
    for (auto [k, attr] : llvm::enumerate(dense))
      elements[k] = values[k][broadcastIndex(attr.getType().getShape(),
                                             resultType.getShape(), i)];
    Attribute result = fn(elements);
    if (!result)
      return {};
    results.push_back(result);
  }
  return DenseElementsAttr::get(resultType, results);
}

} // namespace edgecc::edge
