//===- Passes.h - edgecc conversion passes -----------------------*- C++ -*-===//
//
// Conversions from the edge dialect towards linalg on tensors.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_CONVERSION_PASSES_H
#define EDGECC_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace edgecc {

#define GEN_PASS_DECL
#include "edgecc/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "edgecc/Conversion/Passes.h.inc"

} // namespace edgecc

#endif // EDGECC_CONVERSION_PASSES_H
