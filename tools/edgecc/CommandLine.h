//===- CommandLine.h - edgecc's command-line options -------------*- C++ -*-===//
//
// Parsed by hand rather than with llvm::cl so that every mistake gets
// edgecc's own one-line error and exit code 1.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TOOLS_EDGECC_COMMANDLINE_H
#define EDGECC_TOOLS_EDGECC_COMMANDLINE_H

#include "edgecc/Pipeline/Compiler.h"
#include "edgecc/Transforms/Calibration.h"

#include <optional>
#include <string>
#include <vector>

namespace edgecc::driver {

struct DriverOptions {
  std::string command;           // compile, check, report
  std::vector<std::string> positional;
  std::string targetName = "host";
  std::string cpu, features, output, name, emit = "obj", format = "md";
  unsigned riscvVlen = 0;
  ImportOptions import;
  CompilerOptions compiler;
  double rtol = 1e-3, atol = 1e-4;
  /// check: pass float outputs on cosine similarity >= this instead (0: off).
  double minCosine = 0;
  bool keepTemps = false;
  bool reportOps = false; // report --ops: the op matrix over all targets
  bool reportQuant = false; // report --quant: per-layer quantization error
  /// --calibration=DIR: measure activations on these input sets (host run).
  std::string calibrationDir;
  quant::CalibrationOptions calibration;
  /// --keep-float: "auto" (by predicted error) or ONNX node names A,B.
  std::string keepFloat;
  double keepFloatThreshold = 0.01;
};

/// Parses argv (after the program name); on a mistake prints one error line
/// and returns nullopt.
std::optional<DriverOptions> parseCommandLine(int argc, char **argv);

void printUsage();

struct CalibrationResult;

/// Compiles the model at `modelPath` into `outputDir` with the driver's
/// options, printing diagnostics as single lines. With --calibration, what
/// calibration found goes to `calibration` if given, else one line to
/// stdout.
mlir::FailureOr<ModelInfo>
compileWithOptions(const DriverOptions &options, const TargetDesc &target,
                   llvm::StringRef modelPath, llvm::StringRef outputDir,
                   llvm::StringRef name,
                   CalibrationResult *calibration = nullptr);

} // namespace edgecc::driver

#endif // EDGECC_TOOLS_EDGECC_COMMANDLINE_H
