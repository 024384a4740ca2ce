//===- Harness.cpp - Run a compiled model on data sets --------------------===//
//
// The harness embeds every data set's inputs as arrays and prints outputs as
// hex, so any target with a byte stream to stdout is read back the same way.
//
//===----------------------------------------------------------------------===//

#include "Harness.h"
#include "Toolchain.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include "onnx/onnx_pb.h"

namespace edgecc::driver {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

llvm::Error failure(const llvm::Twine &message) {
  return llvm::createStringError(message);
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
                          const std::vector<InputSet> &sets) {
  std::string prefix = llvm::StringRef(info.name).upper();
  // Output goes through emit(): stdio where there is a libc, else the
  // write(2) of the start file (runtime/src/hexagon-linux-start.S).
  std::string src =
      "/* edgecc check harness for " + info.name +
      " */\n"
      "#ifdef EDGE_FREESTANDING\n#include <stddef.h>\n"
      "void *memset(void *, int, size_t);\n"
      "long edge_harness_write(int fd, const void *buf, unsigned long n);\n"
      "static void emit(const char *p, unsigned long n) {\n"
      "  edge_harness_write(1, p, n);\n}\n"
      "#else\n#include <stdio.h>\n#include <string.h>\n"
      "static void emit(const char *p, unsigned long n) {\n"
      "  fwrite(p, 1, n, stdout);\n}\n"
      "#endif\n"
      "#include \"" + info.name + ".h\"\n\n";
  for (auto [s, set] : llvm::enumerate(sets))
    for (auto [i, bytes] : llvm::enumerate(set))
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
         "    if (used == sizeof line) { emit(line, used); used = 0; }\n"
         "  }\n  emit(line, used);\n  emit(\"\\n\", 1);\n}\n\n"
         "static void report(edge_status_t status) {\n"
         "  const char *message = edge_status_string(status);\n"
         "  char number = (char)('0' + (int)status % 10);\n"
         "  unsigned long n = 0;\n  while (message[n])\n    ++n;\n"
         "  emit(\"status \", 7);\n  emit(&number, 1);\n  emit(\" \", 1);\n"
         "  emit(message, n);\n  emit(\"\\n\", 1);\n}\n\n"
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
           "      report(status);\n      return 2;\n    }\n";
    for (size_t o = 0; o < info.outputs.size(); ++o)
      src += llvm::formatv("    dump(out{0}, {1});\n", o,
                           info.outputs[o].bytes)
                 .str();
    src += "  }\n";
  }
  return src + "  return 0;\n}\n";
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


llvm::Expected<std::vector<InputSet>>
loadInputSets(const std::vector<std::string> &setDirs,
              const std::vector<std::string> &graphInputs,
              const ModelInfo &info) {
  // Model input i is graph input inputIndex[i]; the rest were bound.
  std::vector<size_t> inputIndex;
  for (const TensorInfo &desc : info.inputs)
    inputIndex.push_back(llvm::find(graphInputs, desc.name) -
                         graphInputs.begin());
  for (size_t k = 0; k < graphInputs.size(); ++k) {
    if (llvm::is_contained(inputIndex, k))
      continue;
    std::string file = "/input_" + std::to_string(k) + ".pb";
    std::string first = readFileBytes(setDirs.front() + file);
    for (const std::string &setDir : setDirs)
      if (readFileBytes(setDir + file) != first)
        return failure(llvm::formatv("{0}: input '{1}' is compiled in from "
                                     "{2} but differs here",
                                     setDir, graphInputs[k], setDirs.front()));
  }
  std::vector<InputSet> sets;
  for (const std::string &setDir : setDirs) {
    InputSet set;
    for (auto [i, desc] : llvm::enumerate(info.inputs)) {
      std::string file =
          setDir + "/input_" + std::to_string(inputIndex[i]) + ".pb";
      auto tensor = readTensor(file);
      if (!tensor)
        return failure(file + ": missing or not a TensorProto");
      std::string bytes = rawBytes(*tensor);
      // The shape too: a tensor of the right size but another shape would
      // run, and silently mean something else.
      llvm::SmallVector<int64_t> dims(tensor->dims().begin(),
                                      tensor->dims().end());
      if (tensor->data_type() != desc.dtype ||
          (int64_t)bytes.size() != desc.bytes ||
          llvm::ArrayRef<int64_t>(dims) != llvm::ArrayRef<int64_t>(desc.shape))
        return failure(llvm::formatv(
            "{0}: does not match model input '{1}' ({2} {3} expected, got "
            "{4} {5})",
            file, desc.name, dtypeName(desc.dtype), shapeText(desc.shape),
            dtypeName(tensor->data_type()), shapeText(dims)));
      set.push_back(bytes);
    }
    sets.push_back(std::move(set));
  }
  return sets;
}

llvm::Expected<std::vector<OutputSet>>
runHarness(const ModelInfo &info, const std::vector<InputSet> &sets,
           const TargetDesc &target, const std::string &workDir) {
  std::string runtimeDir = EDGECC_RUNTIME_DIR;
  if (auto env = llvm::sys::Process::GetEnv("EDGECC_RUNTIME_DIR"))
    runtimeDir = *env;
  auto toolchain = findToolchain(target, runtimeDir);
  if (!toolchain)
    return toolchain.takeError();

  std::string harness = workDir + "/" + info.name + "_harness.c";
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(harness, ec);
    if (ec)
      return failure("cannot write " + harness);
    os << harnessSource(info, sets);
  }
  std::string binary = workDir + "/" + info.name + "_harness";
  std::vector<std::string> build = {toolchain->compiler};
  build.insert(build.end(), toolchain->compileFlags.begin(),
               toolchain->compileFlags.end());
  build.insert(build.end(),
               {"-I" + runtimeDir + "/include", "-I" + workDir, harness,
                runtimeDir + "/src/runtime.c", workDir + "/" + info.name + ".o",
                "-o", binary});
  build.insert(build.end(), toolchain->extraSources.begin(),
               toolchain->extraSources.end());
  std::string error;
  std::string buildLog = workDir + "/build.log";
  if (runProgram(build, buildLog, buildLog, 300, error) != 0) {
    auto log = llvm::MemoryBuffer::getFile(buildLog);
    std::string first = log ? (*log)->getBuffer().split('\n').first.str() : "";
    return failure("building the harness failed: " +
                   (error.empty() ? first : error));
  }

  std::vector<std::string> run = toolchain->runner;
  run.push_back(binary);
  std::string stdoutPath = workDir + "/stdout", stderrPath = workDir + "/stderr";
  int rc = runProgram(run, stdoutPath, stderrPath, 600, error);
  auto output = llvm::MemoryBuffer::getFile(stdoutPath);
  if (rc != 0 || !output) {
    std::string text = output ? (*output)->getBuffer().trim().str() : "";
    return failure(llvm::formatv("running the harness failed (exit {0}): {1}",
                                 rc, error.empty() ? text : error));
  }
  // One line per output, empty for an output without elements.
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef printed = (*output)->getBuffer();
  printed.consume_back("\n");
  printed.split(lines, '\n', -1, /*KeepEmpty=*/true);
  if (lines.size() != sets.size() * info.outputs.size())
    return failure(llvm::formatv("the harness printed {0} outputs, expected {1}",
                                 lines.size(),
                                 sets.size() * info.outputs.size()));
  std::vector<OutputSet> outputs(sets.size());
  for (size_t s = 0; s < sets.size(); ++s)
    for (size_t o = 0; o < info.outputs.size(); ++o)
      outputs[s].push_back(decodeHex(lines[s * info.outputs.size() + o]));
  return outputs;
}

} // namespace edgecc::driver
