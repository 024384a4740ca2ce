//===- QuantReport.cpp - edgecc report --quant ----------------------------===//
//
// Per layer: the calibrated activation range and the error that layer's
// quantization is predicted to add on the calibration inputs (Calibrate.h).
// End to end: the quantized model, built for the host, against the float
// model on the same calibration sets, per output. Both use
// epsilon = ||Y - Yq||_2 / ||Y||_2 and the cosine of Y and Yq.
//
//===----------------------------------------------------------------------===//

#include "Calibrate.h"
#include "Report.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>

namespace edgecc::driver {
namespace {

struct OutputError {
  std::string name;
  quant::LayerError error;
};

/// Float32 outputs of every set, quantized against float.
std::vector<OutputError> compareOutputs(const ModelInfo &info,
                                        const std::vector<OutputSet> &floats,
                                        const std::vector<OutputSet> &quants) {
  std::vector<OutputError> errors;
  for (auto [o, desc] : llvm::enumerate(info.outputs)) {
    if (desc.dtype != 1)
      continue;
    double diff = 0, ref = 0, got = 0, dot = 0;
    for (size_t s = 0; s < floats.size(); ++s) {
      const std::string &a = floats[s][o], &b = quants[s][o];
      for (size_t i = 0; i + 4 <= a.size() && i + 4 <= b.size(); i += 4) {
        float y, yq;
        std::memcpy(&y, a.data() + i, 4);
        std::memcpy(&yq, b.data() + i, 4);
        diff += ((double)y - yq) * ((double)y - yq);
        ref += (double)y * y;
        got += (double)yq * yq;
        dot += (double)y * yq;
      }
    }
    OutputError e{desc.name, {}};
    e.error.epsilon = ref > 0 ? std::sqrt(diff / ref) : 0;
    e.error.cosine = ref > 0 && got > 0 ? dot / std::sqrt(ref * got) : 1;
    errors.push_back(e);
  }
  return errors;
}

std::string precisionOf(const LayerCalibration &layer,
                        const DriverOptions &options) {
  if (!layer.quantizable)
    return "float (int4 needs a MatMul/Gemm with K a multiple of the group)";
  if (layer.keptFloat)
    return "float";
  if (options.compiler.quantizeBits == 8)
    return "int8";
  return options.compiler.quantizeInt8Activations ? "w4a8" : "int4";
}

} // namespace

int reportQuant(const DriverOptions &options) {
  auto host = lookupTarget("host");
  if (!host) {
    llvm::errs() << "error: " << llvm::toString(host.takeError()) << "\n";
    return 1;
  }
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("edgecc-report", dir)) {
    llvm::errs() << "error: cannot create a temporary directory\n";
    return 1;
  }
  std::string workDir = dir.str().str();
  CalibrationResult calibration;
  DriverOptions compileOptions = options;
  compileOptions.emit = "obj";
  auto info = compileWithOptions(compileOptions, *host, options.positional[0],
                                 workDir, "quantized", &calibration);
  if (failed(info)) {
    llvm::sys::fs::remove_directories(workDir);
    return 1;
  }
  auto quantOutputs = runHarness(*info, calibration.inputs, *host, workDir);
  if (!options.keepTemps)
    llvm::sys::fs::remove_directories(workDir);
  if (!quantOutputs) {
    llvm::errs() << "error: " << llvm::toString(quantOutputs.takeError())
                 << "\n";
    return 1;
  }
  std::vector<OutputError> outputs =
      compareOutputs(*info, calibration.floatOutputs, *quantOutputs);

  std::string scheme = "int8";
  if (options.compiler.quantizeBits == 4)
    scheme = llvm::formatv("{0} g{1}{2}",
                           options.compiler.quantizeInt8Activations ? "w4a8"
                                                                    : "int4",
                           options.compiler.quantizeGroup,
                           options.compiler.quantizeAsymmetric ? " asymmetric"
                                                               : "")
                 .str();
  llvm::StringRef method =
      quant::calibrationMethodName(options.calibration.method);
  if (options.format == "json") {
    llvm::json::Array layers, ends;
    for (const LayerCalibration &layer : calibration.layers)
      layers.push_back(llvm::json::Object{
          {"node", layer.node},
          {"k", layer.k},
          {"n", layer.n},
          {"range", llvm::json::Array{layer.lo, layer.hi}},
          {"epsilon", layer.predicted ? llvm::json::Value(layer.error.epsilon)
                                      : llvm::json::Value(nullptr)},
          {"cosine", layer.predicted ? llvm::json::Value(layer.error.cosine)
                                     : llvm::json::Value(nullptr)},
          {"precision", precisionOf(layer, options)}});
    for (const OutputError &output : outputs)
      ends.push_back(llvm::json::Object{{"output", output.name},
                                        {"epsilon", output.error.epsilon},
                                        {"cosine", output.error.cosine}});
    llvm::json::Object report{
        {"model", options.positional[0]},
        {"quantize", scheme},
        {"calibration_method", method},
        {"calibration_sets", (int64_t)calibration.inputs.size()},
        {"layers", std::move(layers)},
        {"outputs", std::move(ends)},
        {"weights_bytes",
         llvm::json::Object{{"float", calibration.floatWeightsBytes},
                            {"quantized", info->weightsBytes}}}};
    llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(report)))
                 << "\n";
    return 0;
  }
  auto &os = llvm::outs();
  os << "# Quantization of " << options.positional[0] << ": " << scheme
     << ", " << method << " calibration on " << calibration.inputs.size()
     << " sets\n\n"
     << "Per layer, on the calibration inputs (epsilon = ||Y - Yq|| / ||Y||):\n\n"
     << "| layer | K x N | activation range | epsilon | cosine | precision |\n"
     << "|---|---|---|---|---|---|\n";
  for (const LayerCalibration &layer : calibration.layers) {
    std::string error =
        layer.predicted ? llvm::formatv("{0:f5} | {1:f6}", layer.error.epsilon,
                                        layer.error.cosine)
                              .str()
                        : "- | -";
    os << llvm::formatv("| {0} | {1} x {2} | [{3:f4}, {4:f4}] | {5} | {6} |\n",
                        layer.node, layer.k, layer.n, layer.lo, layer.hi, error,
                        precisionOf(layer, options));
  }
  os << "\nEnd to end, the quantized host build against the float model:\n\n"
     << "| output | epsilon | cosine |\n|---|---|---|\n";
  for (const OutputError &output : outputs)
    os << llvm::formatv("| {0} | {1:f5} | {2:f6} |\n", output.name,
                        output.error.epsilon, output.error.cosine);
  os << llvm::formatv("\nWeights: {0} B in float, {1} B quantized ({2:f1}%).\n",
                      calibration.floatWeightsBytes, info->weightsBytes,
                      100.0 * info->weightsBytes /
                          std::max<int64_t>(calibration.floatWeightsBytes, 1));
  return 0;
}

} // namespace edgecc::driver
