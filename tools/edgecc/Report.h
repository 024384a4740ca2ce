//===- Report.h - edgecc report ----------------------------------*- C++ -*-===//

#ifndef EDGECC_TOOLS_EDGECC_REPORT_H
#define EDGECC_TOOLS_EDGECC_REPORT_H

#include "CommandLine.h"

namespace edgecc::driver {

/// `edgecc report MODEL`: compiles for the target and prints the model's
/// interface and memory figures; with --ops, the op-compatibility matrix of
/// the model over every target instead. Markdown or JSON (--format).
int runReport(const DriverOptions &options, const TargetDesc &target);

/// `edgecc report --quant MODEL --calibration=DIR`: per-layer and end-to-end
/// quantization error on the calibration sets (host builds).
int reportQuant(const DriverOptions &options);

} // namespace edgecc::driver

#endif // EDGECC_TOOLS_EDGECC_REPORT_H
