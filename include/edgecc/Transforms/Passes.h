//===- Passes.h - edgecc graph transforms on the edge dialect ----*- C++ -*-===//

#ifndef EDGECC_TRANSFORMS_PASSES_H
#define EDGECC_TRANSFORMS_PASSES_H

#include "edge/EdgeOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace edgecc {

#define GEN_PASS_DECL
#include "edgecc/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "edgecc/Transforms/Passes.h.inc"

} // namespace edgecc

#endif // EDGECC_TRANSFORMS_PASSES_H
