//===- Targets.h - The per-target description factories ---------*- C++ -*-===//

#ifndef EDGECC_TARGETS_TARGETS_H
#define EDGECC_TARGETS_TARGETS_H

#include "edgecc/Target/TargetDesc.h"

namespace edgecc::targets {
TargetDesc hostTarget();
TargetDesc aarch64Target();
TargetDesc riscv64Target(unsigned vlen);
TargetDesc hexagonTarget();
} // namespace edgecc::targets

#endif // EDGECC_TARGETS_TARGETS_H
