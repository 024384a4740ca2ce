//===- Calibrate.cpp - Calibration on the host, and its decisions ---------===//

#include "Calibrate.h"

#include "edgecc/Import/OnnxImporter.h"
#include "edgecc/Pipeline/Compiler.h"
#include "edgecc/Support/Diagnostics.h"
#include "edgecc/Transforms/Calibration.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <cstring>

using namespace mlir;

namespace edgecc::driver {
namespace {

namespace fs = llvm::sys::fs;

llvm::Error failure(const llvm::Twine &message) {
  return llvm::createStringError(message);
}

/// Rows used to predict a layer's error: the prediction costs rows * K * N
/// multiply-adds per product, so large calibration sets are sampled evenly.
constexpr int64_t kMaxErrorRows = 256;

/// Appends the input of every product to @main's results (one result per
/// distinct value) and returns, per product, its result index.
SmallVector<unsigned>
addActivationOutputs(func::FuncOp main,
                     ArrayRef<quant::QuantizableProduct> products) {
  auto ret = cast<func::ReturnOp>(main.getBody().front().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  llvm::DenseMap<Value, unsigned> outputOf;
  SmallVector<unsigned> indices;
  MLIRContext *ctx = main.getContext();
  for (const quant::QuantizableProduct &product : products) {
    auto [it, inserted] = outputOf.try_emplace(product.input, results.size());
    if (inserted)
      results.push_back(product.input);
    indices.push_back(it->second);
  }
  unsigned modelOutputs = ret.getNumOperands();
  ret->setOperands(results);
  SmallVector<Type> types(ValueRange(results).getTypes());
  main.setType(FunctionType::get(ctx, main.getArgumentTypes(), types));
  for (unsigned i = modelOutputs; i < results.size(); ++i)
    main.setResultAttr(i, kTensorNameAttr,
                       StringAttr::get(ctx, "edge_calibration_" +
                                                std::to_string(i)));
  return indices;
}

std::vector<float> floatsOf(const std::string &bytes) {
  std::vector<float> values(bytes.size() / sizeof(float));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  return values;
}

/// Every `stride`-th row of `rows` rows of `k` floats.
std::vector<float> sampleRows(const std::vector<float> &values, int64_t k,
                              int64_t &rows) {
  int64_t stride = (rows + kMaxErrorRows - 1) / kMaxErrorRows;
  if (stride <= 1)
    return values;
  std::vector<float> sampled;
  int64_t kept = 0;
  for (int64_t r = 0; r < rows; r += stride, ++kept)
    sampled.insert(sampled.end(), values.begin() + r * k,
                   values.begin() + (r + 1) * k);
  rows = kept;
  return sampled;
}

} // namespace

std::vector<std::string> calibrationSetDirs(const std::string &dir) {
  if (fs::exists(dir + "/input_0.pb"))
    return {dir};
  std::vector<std::string> sets = sortedDataSets(dir);
  if (!sets.empty())
    return sets;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (fs::exists(it->path() + "/input_0.pb"))
      sets.push_back(it->path());
  llvm::sort(sets);
  return sets;
}

llvm::Expected<CalibrationResult> calibrate(ModuleOp graph,
                                            llvm::StringRef modelPath,
                                            const DriverOptions &options) {
  std::vector<std::string> setDirs = calibrationSetDirs(options.calibrationDir);
  if (setDirs.empty())
    return failure(options.calibrationDir +
                   ": no calibration sets (input_0.pb in DIR or its "
                   "subdirectories)");
  auto graphInputs = graphInputNames(modelPath);
  if (!graphInputs)
    return failure(modelPath + ": not a readable ONNX model");
  auto host = lookupTarget("host");
  if (!host)
    return host.takeError();

  // The float graph with the products' inputs as extra outputs, for the
  // host. Products of the clone are those of `graph`, in the same order.
  OwningOpRef<ModuleOp> probe = graph.clone();
  (*probe)->setAttr("edge.target", host->toAttr(graph.getContext()));
  SmallVector<quant::QuantizableProduct> products =
      quant::collectQuantizableProducts(graph);
  auto main = (*probe).lookupSymbol<func::FuncOp>("main");
  if (!main)
    return failure("the model has no main function");
  unsigned modelOutputs = main.getNumResults();
  SmallVector<unsigned> outputIndex = addActivationOutputs(
      main, quant::collectQuantizableProducts(*probe));

  llvm::SmallString<128> work;
  if (fs::createUniqueDirectory("edgecc-calibration", work))
    return failure("cannot create a temporary directory");
  std::string workDir = work.str().str();
  llvm::scope_exit cleanup([&] {
    if (!options.keepTemps)
      fs::remove_directories(workDir);
  });
  CompileRequest request;
  request.outputDir = workDir;
  request.name = "calibration";
  request.target = *host;
  request.compiler = options.compiler;
  request.compiler.quantizeBits = 0;
  request.compiler.printDispatches = false;
  auto info = lowerAndEmit(*probe, request);
  if (failed(info))
    return failure("compiling the float model for calibration failed");

  CalibrationResult result;
  auto inputs = loadInputSets(setDirs, *graphInputs, *info);
  if (!inputs)
    return inputs.takeError();
  auto outputs = runHarness(*info, *inputs, *host, workDir);
  if (!outputs)
    return outputs.takeError();
  result.floatWeightsBytes = info->weightsBytes;
  result.inputs = std::move(*inputs);
  for (OutputSet &set : *outputs)
    result.floatOutputs.emplace_back(set.begin(), set.begin() + modelOutputs);

  quant::CalibrationOptions method = options.calibration;
  unsigned bits = options.compiler.quantizeBits;
  int64_t group = options.compiler.quantizeGroup;
  for (auto [i, product] : llvm::enumerate(products)) {
    std::vector<float> samples;
    for (const OutputSet &set : *outputs) {
      std::vector<float> values = floatsOf(set[outputIndex[i]]);
      samples.insert(samples.end(), values.begin(), values.end());
    }
    LayerCalibration layer;
    layer.node = nodeNameOf(product.op->getLoc());
    layer.k = product.k;
    layer.n = product.n;
    std::tie(layer.lo, layer.hi) = quant::calibratedRange(samples, method);
    int64_t rows = (int64_t)samples.size() / product.k;
    std::vector<float> x = sampleRows(samples, product.k, rows);
    layer.quantizable = bits == 8 || quant::isInt4Quantizable(product, group);
    layer.predicted = layer.quantizable && quant::isMatrixProduct(product);
    if (layer.predicted && bits == 4)
      layer.error = quant::int4LayerError(
          x, rows, product, group, options.compiler.quantizeAsymmetric,
          options.compiler.quantizeInt8Activations
              ? std::optional(
                    quant::int8ActivationFromRange(layer.lo, layer.hi))
              : std::nullopt);
    else if (layer.predicted)
      layer.error = quant::int8LayerError(
          x, rows, product, quant::int8ActivationFromRange(layer.lo, layer.hi));

    Builder b(graph.getContext());
    if (bits == 8)
      product.op->setAttr(quant::kActivationRangeAttr,
                          b.getDenseF32ArrayAttr({layer.lo, layer.hi}));
    layer.keptFloat = !layer.quantizable ||
                      product.op->hasAttr(quant::kKeepFloatAttr) ||
                      (options.keepFloat == "auto" && layer.predicted &&
                       layer.error.epsilon > options.keepFloatThreshold);
    if (layer.keptFloat)
      product.op->setAttr(quant::kKeepFloatAttr, b.getUnitAttr());
    result.layers.push_back(layer);
  }
  return result;
}

std::string describeCalibration(const CalibrationResult &result,
                                const DriverOptions &options) {
  std::string text = llvm::formatv(
      "calibrated {0} products on {1} sets ({2})", result.layers.size(),
      result.inputs.size(),
      quant::calibrationMethodName(options.calibration.method));
  std::string kept;
  for (const LayerCalibration &layer : result.layers)
    if (layer.keptFloat && layer.quantizable)
      kept += llvm::formatv("{0}{1} (epsilon {2:f4})", kept.empty() ? "" : ", ",
                            layer.node, layer.error.epsilon);
  return text + "; kept in float: " + (kept.empty() ? "none" : kept);
}

LogicalResult keepNamedProductsInFloat(ModuleOp graph,
                                       const DriverOptions &options) {
  if (options.keepFloat.empty() || options.keepFloat == "auto")
    return success();
  llvm::SmallVector<llvm::StringRef> names;
  llvm::StringRef(options.keepFloat).split(names, ',', -1, false);
  llvm::StringSet<> unmatched;
  for (llvm::StringRef name : names)
    unmatched.insert(name);
  Builder b(graph.getContext());
  for (const quant::QuantizableProduct &product :
       quant::collectQuantizableProducts(graph)) {
    std::string node = nodeNameOf(product.op->getLoc());
    if (!llvm::is_contained(names, node))
      continue;
    product.op->setAttr(quant::kKeepFloatAttr, b.getUnitAttr());
    unmatched.erase(node);
  }
  if (!unmatched.empty())
    return emitError(graph.getLoc())
           << "--keep-float names '" << unmatched.begin()->getKey()
           << "', which is not a MatMul or Gemm with constant weights";
  return success();
}

} // namespace edgecc::driver
