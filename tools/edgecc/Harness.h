//===- Harness.h - Run a compiled model on data sets -------------*- C++ -*-===//
//
// What `edgecc check` and calibration share: reading the ONNX test-data
// layout (DIR/test_data_set_K/input_I.pb), building a C harness that runs a
// compiled model on every data set, running it natively or under qemu, and
// reading back each output's bytes.
//
//===----------------------------------------------------------------------===//

#ifndef EDGECC_TOOLS_EDGECC_HARNESS_H
#define EDGECC_TOOLS_EDGECC_HARNESS_H

#include "edgecc/Codegen/Emit.h"
#include "edgecc/Target/TargetDesc.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
} // namespace onnx

namespace edgecc::driver {

/// One data set: each model input's raw little-endian bytes, or each
/// output's.
using InputSet = std::vector<std::string>;
using OutputSet = std::vector<std::string>;

/// Bytes per element of an ONNX dtype the harness handles.
unsigned elementBytes(int32_t dtype);

/// The tensor's values as raw little-endian bytes of its element type.
std::string rawBytes(const onnx::TensorProto &t);
std::optional<onnx::TensorProto> readTensor(const std::string &file);
std::string readFileBytes(const std::string &path);

/// DIR's test_data_set_* directories, test_data_set_10 after _9.
std::vector<std::string> sortedDataSets(const std::string &dir);

/// The model's graph inputs that are not initializers, in order: the
/// meaning of each data set's input_K.pb.
std::optional<std::vector<std::string>> graphInputNames(llvm::StringRef path);

/// Each set's inputs in the compiled model's order. Graph inputs the
/// compiler bound at compile time (the model lacks them) must be the same in
/// every set as in the first.
llvm::Expected<std::vector<InputSet>>
loadInputSets(const std::vector<std::string> &setDirs,
              const std::vector<std::string> &graphInputs,
              const ModelInfo &info);

/// Builds a harness around `workDir/<info.name>.o` that runs the model on
/// every set, runs it for `target`, and returns every set's outputs.
llvm::Expected<std::vector<OutputSet>>
runHarness(const ModelInfo &info, const std::vector<InputSet> &sets,
           const TargetDesc &target, const std::string &workDir);

} // namespace edgecc::driver

#endif // EDGECC_TOOLS_EDGECC_HARNESS_H
