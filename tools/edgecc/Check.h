//===- Check.h - edgecc check: compile, run, compare ------------*- C++ -*-===//

#ifndef EDGECC_TOOLS_EDGECC_CHECK_H
#define EDGECC_TOOLS_EDGECC_CHECK_H

#include "CommandLine.h"

namespace edgecc::driver {

/// Runs `edgecc check DIR` on the ONNX backend-test layout; returns the exit
/// code (0 only if every output of every data set matches).
int runCheck(const DriverOptions &options, const TargetDesc &target);

} // namespace edgecc::driver

#endif // EDGECC_TOOLS_EDGECC_CHECK_H
