//===- Calibrate.h - Calibration on the host, and its decisions --*- C++ -*-===//
//
// `--calibration=DIR`: the float graph (after the graph passes) is compiled
// for the host with the input of every quantizable product added as an
// extra output, run on the calibration sets, and what it measured decides
// how each product is quantized:
//   - `--quantize=int8`: each activation's range, by --calibration-method,
//     becomes a static per-tensor int8 scale and zero point;
//   - `--keep-float=auto`: a product whose predicted relative error
//     (Quantization.h: the generated arithmetic on the measured inputs)
//     exceeds --keep-float-threshold stays in float.
// The float model's own outputs come back from the same run, so `edgecc
// report --quant` compares the quantized build against them.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TOOLS_EDGECC_CALIBRATE_H
#define EDGECC_TOOLS_EDGECC_CALIBRATE_H

#include "CommandLine.h"
#include "Harness.h"

#include "edgecc/Transforms/Quantization.h"

#include "mlir/IR/BuiltinOps.h"

namespace edgecc::driver {

/// One quantizable product and what calibration found for it.
struct LayerCalibration {
  std::string node; // ONNX node name
  int64_t k = 0, n = 0;
  float lo = 0, hi = 0;    // calibrated activation range
  quant::LayerError error; // predicted for --quantize's bits
  bool quantizable = false; // by --quantize's scheme (int4: see Quantization.h)
  bool predicted = false;   // error predicted (matrix products only)
  bool keptFloat = false;
};

struct CalibrationResult {
  std::vector<LayerCalibration> layers;
  int64_t floatWeightsBytes = 0; // of the float host build
  std::vector<InputSet> inputs;        // per set, as the model takes them
  std::vector<OutputSet> floatOutputs; // per set, the float model's outputs
};

/// The directories of DIR holding one calibration set each: DIR's
/// test_data_set_* (or other subdirectories with an input_0.pb), or DIR
/// itself when it holds input_0.pb.
std::vector<std::string> calibrationSetDirs(const std::string &dir);

/// Measures `graph` (the edge-level module after the graph passes, imported
/// from `modelPath`) on the host over options.calibrationDir and annotates its products for
/// QuantizeWeights. Errors come back as one line.
llvm::Expected<CalibrationResult> calibrate(mlir::ModuleOp graph,
                                            llvm::StringRef modelPath,
                                            const DriverOptions &options);

/// One line for the compile log: what was calibrated, what stays in float.
std::string describeCalibration(const CalibrationResult &result,
                                const DriverOptions &options);

/// Marks the products whose ONNX node is named in --keep-float=A,B.
mlir::LogicalResult keepNamedProductsInFloat(mlir::ModuleOp graph,
                                             const DriverOptions &options);

} // namespace edgecc::driver

#endif // EDGECC_TOOLS_EDGECC_CALIBRATE_H
