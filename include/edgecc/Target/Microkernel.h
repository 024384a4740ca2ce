//===- Microkernel.h - Register-blocked matmul shapes per target -*- C++ -*-===//
//
// The register tile of the float32 matmul microkernel: `mr` rows of A times
// `nr` columns of packed B, accumulated in mr * nr / lanes vector registers.
// Derived from the target description stored on the module (`edge.target`),
// so a new target only states its vector width and register count.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TARGET_MICROKERNEL_H
#define EDGECC_TARGET_MICROKERNEL_H

#include "mlir/IR/BuiltinAttributes.h"

#include <optional>

namespace edgecc {

struct MatmulMicrokernel {
  int64_t mr = 0;    // rows of A per tile
  int64_t nr = 0;    // columns of B per tile (a multiple of lanes)
  int64_t lanes = 0; // float32 lanes per vector register
};

/// The float32 tile for the target in `target` (an `edge.target`
/// dictionary), or nothing when the target has no float vectors.
std::optional<MatmulMicrokernel>
f32MatmulMicrokernel(mlir::DictionaryAttr target);

/// The name of the module attribute holding the target dictionary.
inline constexpr llvm::StringLiteral kTargetAttr = "edge.target";

} // namespace edgecc

#endif // EDGECC_TARGET_MICROKERNEL_H
