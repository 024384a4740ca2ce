//===- Check.cpp - edgecc check: compile, run, compare --------------------===//
//
// Compiles DIR/model.onnx, links a harness (runtime + artifact + every data
// set's inputs embedded as arrays), runs it natively or under qemu, and
// compares each output with output_K.pb: floats within atol + rtol * |ref|,
// integers and bools exactly. The harness prints outputs as hex so that any
// target with a byte stream to stdout can be checked the same way.
//
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "Harness.h"

#include "edgecc/Pipeline/Compiler.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include "onnx/onnx_pb.h"

#include <cmath>

namespace edgecc::driver {
namespace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

int fail(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

double readElement(const std::string &bytes, size_t i, int32_t dtype) {
  const char *p = bytes.data() + i * elementBytes(dtype);
  switch (dtype) {
  case 1: {
    float v;
    memcpy(&v, p, 4);
    return v;
  }
  case 6: {
    int32_t v;
    memcpy(&v, p, 4);
    return v;
  }
  case 7: {
    int64_t v;
    memcpy(&v, p, 8);
    return (double)v;
  }
  case 3:
    return (int8_t)*p;
  default:
    return (uint8_t)*p;
  }
}

/// Compares one output; returns an empty string on a match, else the reason.
std::string compareOutput(const TensorInfo &desc, const std::string &got,
                          const std::string &expected,
                          const DriverOptions &options, double &maxAbs,
                          double &maxRel) {
  if (expected.size() != got.size())
    return llvm::formatv("output '{0}': reference has {1} bytes, model {2}",
                         desc.name, expected.size(), got.size())
        .str();
  size_t count = got.size() / elementBytes(desc.dtype);
  bool isFloat = desc.dtype == 1;
  if (!isFloat) {
    // Integers compare bit-exactly (int64 beyond 2^53 included).
    size_t width = elementBytes(desc.dtype);
    for (size_t i = 0; i < count; ++i)
      if (memcmp(got.data() + i * width, expected.data() + i * width,
                 width) != 0)
        return llvm::formatv("output '{0}'[{1}]: got {2}, expected {3}",
                             desc.name, i, readElement(got, i, desc.dtype),
                             readElement(expected, i, desc.dtype))
            .str();
    return "";
  }
  if (options.minCosine > 0) {
    // Quantized models are judged by direction, not by each element.
    double dot = 0, gotNorm = 0, expectedNorm = 0;
    for (size_t i = 0; i < count; ++i) {
      double a = readElement(got, i, 1), b = readElement(expected, i, 1);
      dot += a * b;
      gotNorm += a * a;
      expectedNorm += b * b;
      maxAbs = std::max(maxAbs, std::fabs(a - b));
    }
    double cosine = dot / std::max(std::sqrt(gotNorm * expectedNorm), 1e-30);
    llvm::outs() << llvm::formatv("output '{0}': cosine {1:f6}\n", desc.name,
                                  cosine);
    if (!(cosine >= options.minCosine))
      return llvm::formatv("output '{0}': cosine {1:f6} < {2:f6}", desc.name,
                           cosine, options.minCosine)
          .str();
    return "";
  }
  std::string firstBad;
  for (size_t i = 0; i < count; ++i) {
    double a = readElement(got, i, 1), b = readElement(expected, i, 1);
    if (std::isnan(b) || std::isnan(a)) {
      if (std::isnan(a) != std::isnan(b) && firstBad.empty())
        firstBad = llvm::formatv("output '{0}'[{1}]: got {2}, expected {3}",
                                 desc.name, i, a, b);
      continue;
    }
    if (std::isinf(b) || std::isinf(a)) {
      if (a != b && firstBad.empty())
        firstBad = llvm::formatv("output '{0}'[{1}]: got {2}, expected {3}",
                                 desc.name, i, a, b);
      continue;
    }
    double abs = std::fabs(a - b), rel = abs / std::max(std::fabs(b), 1e-30);
    maxAbs = std::max(maxAbs, abs);
    if (abs > options.atol)
      maxRel = std::max(maxRel, rel);
    if (abs > options.atol + options.rtol * std::fabs(b) && firstBad.empty())
      firstBad = llvm::formatv("output '{0}'[{1}]: got {2:g}, expected {3:g}",
                               desc.name, i, a, b);
  }
  return firstBad;
}

} // namespace

int runCheck(const DriverOptions &options, const TargetDesc &target) {
  std::string dir = options.positional[0];
  std::string model = dir + "/model.onnx";
  if (!fs::exists(model))
    return fail(model + ": no such file (check wants DIR/model.onnx)");
  std::vector<std::string> setDirs = sortedDataSets(dir);
  if (setDirs.empty())
    return fail(dir + ": no test_data_set_* directories");

  llvm::SmallString<128> work;
  if (fs::createUniqueDirectory("edgecc-check", work))
    return fail("cannot create a temporary directory");
  std::string workDir = work.str().str();
  llvm::scope_exit cleanup([&] {
    if (!options.keepTemps)
      fs::remove_directories(workDir);
  });

  // The harness links an object: whatever --emit said, check builds one.
  DriverOptions compileOptions = options;
  compileOptions.emit = "obj";
  // Inputs the model needs at compile time (a Reshape's shape, say) take the
  // first data set's values; the compiler binds only those.
  auto graphInputs = graphInputNames(model);
  if (!graphInputs)
    return fail(model + ": not a readable ONNX model");
  for (auto [k, name] : llvm::enumerate(*graphInputs))
    if (!compileOptions.import.inputValueFiles.count(name))
      compileOptions.import.inputValueFiles[name] =
          setDirs.front() + "/input_" + std::to_string(k) + ".pb";
  auto info =
      compileWithOptions(compileOptions, target, model, workDir, "model");
  if (failed(info))
    return 1;

  auto inputs = loadInputSets(setDirs, *graphInputs, *info);
  if (!inputs)
    return fail(llvm::toString(inputs.takeError()));
  std::vector<std::vector<onnx::TensorProto>> expected;
  for (const std::string &setDir : setDirs) {
    expected.emplace_back();
    for (size_t o = 0; o < info->outputs.size(); ++o) {
      std::string file = setDir + "/output_" + std::to_string(o) + ".pb";
      auto tensor = readTensor(file);
      if (!tensor)
        return fail(file + ": missing or not a TensorProto");
      expected.back().push_back(*tensor);
    }
  }
  auto outputs = runHarness(*info, *inputs, target, workDir);
  if (!outputs)
    return fail(llvm::toString(outputs.takeError()));

  unsigned failures = 0;
  for (auto [s, setDir] : llvm::enumerate(setDirs)) {
    double maxAbs = 0, maxRel = 0;
    std::string problem;
    for (auto [o, desc] : llvm::enumerate(info->outputs)) {
      std::string reason =
          compareOutput(desc, (*outputs)[s][o], rawBytes(expected[s][o]),
                        options, maxAbs, maxRel);
      if (problem.empty())
        problem = reason;
    }
    failures += !problem.empty();
    llvm::outs() << llvm::formatv("{0}: {1} max_abs_err={2:e2} "
                                  "max_rel_err={3:e2}{4}\n",
                                  path::filename(setDir),
                                  problem.empty() ? "PASS" : "FAIL", maxAbs,
                                  maxRel,
                                  problem.empty() ? "" : " (" + problem + ")");
  }
  return failures ? 1 : 0;
}

} // namespace edgecc::driver
