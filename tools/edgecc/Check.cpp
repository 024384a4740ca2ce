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
#include "Toolchain.h"

#include "edgecc/Pipeline/Compiler.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include "onnx/onnx_pb.h"

#include <cmath>

namespace edgecc::driver {
namespace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

struct DataSet {
  std::string name;
  std::vector<std::string> inputs;  // raw little-endian bytes, model layout
  std::vector<onnx::TensorProto> expected;
};

int fail(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

unsigned elementBytes(int32_t dtype) {
  switch (dtype) {
  case 1:
  case 6:
    return 4;
  case 7:
    return 8;
  default:
    return 1;
  }
}

/// The tensor's values as raw little-endian bytes of its element type.
std::string rawBytes(const onnx::TensorProto &t) {
  if (t.has_raw_data())
    return t.raw_data();
  std::string out;
  auto append = [&](const void *p, size_t n) {
    out.append(static_cast<const char *>(p), n);
  };
  switch (t.data_type()) {
  case onnx::TensorProto::FLOAT:
    for (float v : t.float_data())
      append(&v, 4);
    break;
  case onnx::TensorProto::INT64:
    for (int64_t v : t.int64_data())
      append(&v, 8);
    break;
  case onnx::TensorProto::INT32:
    for (int32_t v : t.int32_data())
      append(&v, 4);
    break;
  default: // int8, uint8, bool: one per int32_data entry
    for (int32_t v : t.int32_data())
      out.push_back(static_cast<char>(v));
    break;
  }
  return out;
}

std::optional<onnx::TensorProto> readTensor(const std::string &file) {
  auto buffer = llvm::MemoryBuffer::getFile(file, false, false);
  onnx::TensorProto t;
  if (!buffer || !t.ParseFromArray((*buffer)->getBufferStart(),
                                   (*buffer)->getBufferSize()))
    return std::nullopt;
  return t;
}

std::vector<std::string> sortedDataSets(const std::string &dir) {
  std::vector<std::string> sets;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (path::filename(it->path()).starts_with("test_data_set_"))
      sets.push_back(it->path());
  // test_data_set_10 after test_data_set_9.
  llvm::sort(sets, [](const std::string &a, const std::string &b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return sets;
}

std::string cArray(const std::string &name, const std::string &bytes) {
  std::string out = "static const unsigned char " + name +
                    "[] __attribute__((aligned(64))) = {";
  for (size_t i = 0; i < bytes.size(); ++i)
    out += (i % 24 == 0 ? "\n  " : "") +
           std::to_string(static_cast<unsigned char>(bytes[i])) + ",";
  if (bytes.empty())
    out += "0";
  return out + "\n};\n";
}

std::string harnessSource(const ModelInfo &info,
                          const std::vector<DataSet> &sets) {
  std::string prefix = llvm::StringRef(info.name).upper();
  std::string src = "/* edgecc check harness for " + info.name +
                    " */\n#include <stdio.h>\n#include <string.h>\n"
                    "#include \"" + info.name + ".h\"\n\n";
  for (auto [s, set] : llvm::enumerate(sets))
    for (auto [i, bytes] : llvm::enumerate(set.inputs))
      src += cArray(llvm::formatv("set{0}_in{1}", s, i).str(), bytes);
  for (auto [o, out] : llvm::enumerate(info.outputs))
    src += llvm::formatv("static unsigned char out{0}[{1}] "
                         "__attribute__((aligned(64)));\n",
                         o, std::max<int64_t>(out.bytes, 1))
               .str();
  src += "static unsigned char arena[" + prefix +
         "_ARENA_BYTES + 1] __attribute__((aligned(64)));\n\n"
         "static void dump(const unsigned char *p, unsigned long n) {\n"
         "  static const char hex[] = \"0123456789abcdef\";\n"
         "  char line[4096];\n  unsigned long used = 0, i;\n"
         "  for (i = 0; i < n; ++i) {\n"
         "    line[used++] = hex[p[i] >> 4];\n"
         "    line[used++] = hex[p[i] & 15];\n"
         "    if (used == sizeof line) { fwrite(line, 1, used, stdout); used = 0; }\n"
         "  }\n  fwrite(line, 1, used, stdout);\n  fputc('\\n', stdout);\n}\n\n"
         "int main(void) {\n  edge_status_t status;\n";
  std::string outs = "{";
  for (size_t o = 0; o < info.outputs.size(); ++o)
    outs += "out" + std::to_string(o) + ",";
  outs += "0}";
  for (size_t s = 0; s < sets.size(); ++s) {
    std::string ins = "{";
    for (size_t i = 0; i < info.inputs.size(); ++i)
      ins += llvm::formatv("set{0}_in{1},", s, i).str();
    ins += "0}";
    src += "  {\n    const void *in[] = " + ins + ";\n    void *out[] = " +
           outs + ";\n";
    // A poison pattern: an output the model never writes cannot pass.
    for (size_t o = 0; o < info.outputs.size(); ++o)
      src += "    memset(out" + std::to_string(o) + ", 0xA5, sizeof out" +
             std::to_string(o) + ");\n";
    src += "    status = edge_model_run(&" + info.name + "_model, in, out, "
           "arena, " + prefix + "_ARENA_BYTES);\n"
           "    if (status != EDGE_OK) {\n"
           "      printf(\"status %d %s\\n\", (int)status, "
           "edge_status_string(status));\n      return 2;\n    }\n";
    for (size_t o = 0; o < info.outputs.size(); ++o)
      src += llvm::formatv("    dump(out{0}, {1});\n", o,
                           info.outputs[o].bytes)
                 .str();
    src += "  }\n";
  }
  return src + "  return 0;\n}\n";
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
      return llvm::formatv("output '{0}': cosine {1:f6} < {2}", desc.name,
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

/// The model's graph inputs that are not initializers, in order: the
/// meaning of each data set's input_K.pb.
std::optional<std::vector<std::string>> graphInputNames(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  onnx::ModelProto model;
  if (!buffer || (*buffer)->getBufferSize() > (size_t)INT_MAX ||
      !model.ParseFromArray((*buffer)->getBufferStart(),
                            (int)(*buffer)->getBufferSize()))
    return std::nullopt;
  llvm::StringSet<> initializers;
  for (const onnx::TensorProto &init : model.graph().initializer())
    initializers.insert(init.name());
  std::vector<std::string> names;
  for (const onnx::ValueInfoProto &input : model.graph().input())
    if (!initializers.contains(input.name()))
      names.push_back(input.name());
  return names;
}

std::string readFileBytes(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

std::string decodeHex(llvm::StringRef line) {
  std::string bytes;
  auto nibble = [](char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
  };
  for (size_t i = 0; i + 1 < line.size(); i += 2)
    bytes.push_back(static_cast<char>(nibble(line[i]) << 4 | nibble(line[i + 1])));
  return bytes;
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

  std::string runtimeDir = EDGECC_RUNTIME_DIR;
  if (auto env = llvm::sys::Process::GetEnv("EDGECC_RUNTIME_DIR"))
    runtimeDir = *env;
  auto toolchain = findToolchain(target, runtimeDir);
  if (!toolchain)
    return fail(llvm::toString(toolchain.takeError()));

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
  // Model input i is graph input inputIndex[i]; the rest were bound.
  std::vector<size_t> inputIndex;
  for (const TensorInfo &desc : info->inputs)
    inputIndex.push_back(std::find(graphInputs->begin(), graphInputs->end(),
                                   desc.name) -
                         graphInputs->begin());
  for (size_t k = 0; k < graphInputs->size(); ++k) {
    if (llvm::is_contained(inputIndex, k))
      continue;
    std::string first = readFileBytes(setDirs.front() + "/input_" +
                                      std::to_string(k) + ".pb");
    for (const std::string &setDir : setDirs)
      if (readFileBytes(setDir + "/input_" + std::to_string(k) + ".pb") !=
          first)
        return fail(llvm::formatv("{0}: input '{1}' is compiled in from {2} "
                                  "but differs here",
                                  setDir, (*graphInputs)[k], setDirs.front()));
  }

  std::vector<DataSet> sets;
  for (const std::string &setDir : setDirs) {
    DataSet set;
    set.name = path::filename(setDir).str();
    for (auto [i, desc] : llvm::enumerate(info->inputs)) {
      std::string file =
          setDir + "/input_" + std::to_string(inputIndex[i]) + ".pb";
      auto tensor = readTensor(file);
      if (!tensor)
        return fail(file + ": missing or not a TensorProto");
      std::string bytes = rawBytes(*tensor);
      if (tensor->data_type() != desc.dtype || (int64_t)bytes.size() != desc.bytes)
        return fail(llvm::formatv("{0}: does not match model input '{1}' "
                                  "({2} bytes of dtype {3} expected)",
                                  file, desc.name, desc.bytes, desc.dtype));
      set.inputs.push_back(bytes);
    }
    for (size_t o = 0; o < info->outputs.size(); ++o) {
      std::string file = setDir + "/output_" + std::to_string(o) + ".pb";
      auto tensor = readTensor(file);
      if (!tensor)
        return fail(file + ": missing or not a TensorProto");
      set.expected.push_back(*tensor);
    }
    sets.push_back(std::move(set));
  }

  std::string harness = workDir + "/harness.c";
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(harness, ec);
    if (ec)
      return fail("cannot write " + harness);
    os << harnessSource(*info, sets);
  }
  std::string binary = workDir + "/harness";
  std::vector<std::string> build = {toolchain->compiler};
  build.insert(build.end(), toolchain->compileFlags.begin(),
               toolchain->compileFlags.end());
  build.insert(build.end(),
               {"-I" + runtimeDir + "/include", "-I" + workDir, harness,
                runtimeDir + "/src/runtime.c", workDir + "/model.o", "-o",
                binary});
  build.insert(build.end(), toolchain->extraSources.begin(),
               toolchain->extraSources.end());
  std::string error;
  std::string buildLog = workDir + "/build.log";
  if (runProgram(build, buildLog, buildLog, 300, error) != 0) {
    auto log = llvm::MemoryBuffer::getFile(buildLog);
    std::string first = log ? (*log)->getBuffer().split('\n').first.str() : "";
    return fail("building the harness failed: " + (error.empty() ? first : error));
  }

  std::vector<std::string> run = toolchain->runner;
  run.push_back(binary);
  std::string stdoutPath = workDir + "/stdout", stderrPath = workDir + "/stderr";
  int rc = runProgram(run, stdoutPath, stderrPath, 600, error);
  auto output = llvm::MemoryBuffer::getFile(stdoutPath);
  if (rc != 0 || !output) {
    std::string text = output ? (*output)->getBuffer().trim().str() : "";
    return fail(llvm::formatv("running the harness failed (exit {0}): {1}", rc,
                              error.empty() ? text : error));
  }

  llvm::SmallVector<llvm::StringRef> lines;
  // One line per output, empty for an output without elements.
  llvm::StringRef printed = (*output)->getBuffer();
  printed.consume_back("\n");
  printed.split(lines, '\n', -1, /*KeepEmpty=*/true);
  if (lines.size() != sets.size() * info->outputs.size())
    return fail(llvm::formatv("the harness printed {0} outputs, expected {1}",
                              lines.size(),
                              sets.size() * info->outputs.size()));
  unsigned failures = 0;
  for (auto [s, set] : llvm::enumerate(sets)) {
    double maxAbs = 0, maxRel = 0;
    std::string problem;
    for (auto [o, desc] : llvm::enumerate(info->outputs)) {
      std::string got = decodeHex(lines[s * info->outputs.size() + o]);
      std::string reason = compareOutput(desc, got, rawBytes(set.expected[o]),
                                         options, maxAbs, maxRel);
      if (problem.empty())
        problem = reason;
    }
    failures += !problem.empty();
    llvm::outs() << llvm::formatv("{0}: {1} max_abs_err={2:e2} "
                                  "max_rel_err={3:e2}{4}\n",
                                  set.name, problem.empty() ? "PASS" : "FAIL",
                                  maxAbs, maxRel,
                                  problem.empty() ? "" : " (" + problem + ")");
  }
  return failures ? 1 : 0;
}

} // namespace edgecc::driver
