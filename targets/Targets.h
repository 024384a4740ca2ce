//===- Targets.h - The per-target description factories ---------*- C++ -*-===//

#ifndef EDGECC_TARGETS_TARGETS_H
#define EDGECC_TARGETS_TARGETS_H

#include "edgecc/Target/TargetDesc.h"

namespace edgecc::targets {
/// The host; `cpu` overrides the detected CPU (and then its vector width
/// is the one that CPU name guarantees).
TargetDesc hostTarget(llvm::StringRef cpu);
TargetDesc aarch64Target();
TargetDesc riscv64Target(unsigned vlen);
TargetDesc hexagonTarget();
} // namespace edgecc::targets

#endif // EDGECC_TARGETS_TARGETS_H
