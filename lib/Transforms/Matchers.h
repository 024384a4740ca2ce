//===- Matchers.h - Small matchers shared by the graph fusions ---*- C++ -*-===//

#ifndef EDGECC_LIB_TRANSFORMS_MATCHERS_H
#define EDGECC_LIB_TRANSFORMS_MATCHERS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <cmath>
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

/// A splat constant within a relative 1e-4 of `expected`: exporters print
/// irrational constants to a few digits (sqrt 2 as 1.4142, 1/sqrt 2 as
/// 0.7071, sqrt(2/pi) as 0.7978845608), and that is all the slack given.
inline bool isSplatNear(mlir::Value value, double expected) {
  std::optional<float> actual = splatValue(value);
  return actual && std::fabs(*actual - expected) <= 1e-4 * std::fabs(expected);
}

/// The only user of `value`, if it has exactly one.
inline mlir::Operation *soleUser(mlir::Value value) {
  return value && value.hasOneUse() ? *value.getUsers().begin() : nullptr;
}

/// The operand of binary `op` that is not `known`, or null.
inline mlir::Value otherOperand(mlir::Operation *op, mlir::Value known) {
  if (!op || op->getNumOperands() != 2)
    return {};
  if (op->getOperand(0) == known)
    return op->getOperand(1);
  if (op->getOperand(1) == known)
    return op->getOperand(0);
  return {};
}

} // namespace edgecc

#endif // EDGECC_LIB_TRANSFORMS_MATCHERS_H
