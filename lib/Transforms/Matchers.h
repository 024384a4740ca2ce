//===- Matchers.h - Small matchers shared by the graph fusions ---*- C++ -*-===//

#ifndef EDGECC_LIB_TRANSFORMS_MATCHERS_H
#define EDGECC_LIB_TRANSFORMS_MATCHERS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <optional>

namespace edgecc {

/// The value of a float constant that repeats one value (any shape), as
/// exporters write scales, epsilons and mask fills.
inline std::optional<float> splatValue(mlir::Value value) {
  mlir::DenseElementsAttr attr;
  if (!mlir::matchPattern(value, mlir::m_Constant(&attr)) || !attr.isSplat() ||
      !mlir::isa<mlir::FloatType>(attr.getElementType()))
    return std::nullopt;
  return attr.getSplatValue<llvm::APFloat>().convertToFloat();
}

} // namespace edgecc

#endif // EDGECC_LIB_TRANSFORMS_MATCHERS_H
