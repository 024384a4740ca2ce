//===- Toolchain.h - How to build and run a test harness per target -*- C++ -*-===//
//
// The environment side of a target (cross compilers, sysroots, qemu), kept
// out of TargetDesc: only `edgecc check` and the benchmarks need it.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TOOLS_EDGECC_TOOLCHAIN_H
#define EDGECC_TOOLS_EDGECC_TOOLCHAIN_H

#include "edgecc/Target/TargetDesc.h"

#include <optional>
#include <string>
#include <vector>

namespace edgecc::driver {

struct Toolchain {
  std::string compiler;                  // C compiler driver
  std::vector<std::string> compileFlags; // for the harness and runtime
  std::vector<std::string> runner;       // prefix to run the binary (qemu)
  std::vector<std::string> extraSources; // start files for freestanding runs
};

/// The toolchain for `target`, or an error naming what is missing.
llvm::Expected<Toolchain> findToolchain(const TargetDesc &target,
                                        llvm::StringRef runtimeDir);

/// Runs `argv` with stdout to `stdoutPath`; returns the exit code, or -1 with
/// `error` set when it could not run or timed out.
int runProgram(const std::vector<std::string> &argv,
               const std::string &stdoutPath, const std::string &stderrPath,
               unsigned timeoutSeconds, std::string &error);

} // namespace edgecc::driver

#endif // EDGECC_TOOLS_EDGECC_TOOLCHAIN_H
