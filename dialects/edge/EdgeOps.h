//===- EdgeOps.h - The edge dialect and its ops ------------------*- C++ -*-===//
//
// Include this to use the edge dialect: ONNX-semantics tensor ops.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_DIALECT_EDGE_EDGEOPS_H
#define EDGECC_DIALECT_EDGE_EDGEOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "edge/EdgeDialect.h.inc"

#define GET_OP_CLASSES
#include "edge/EdgeOps.h.inc"

#endif // EDGECC_DIALECT_EDGE_EDGEOPS_H
