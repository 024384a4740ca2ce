//===- Artifacts.cpp - The model description, header and manifest ---------===//

#include "edgecc/Codegen/Emit.h"
#include "edgecc/Import/OnnxImporter.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace mlir;

namespace edgecc {

static FailureOr<TensorInfo> describeTensor(Type type, StringAttr name,
                                            Location loc) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return emitError(loc) << "model inputs and outputs need static shapes";
  TensorInfo info;
  info.name = name ? name.getValue().str() : "";
  Type element = tensor.getElementType();
  unsigned elementBytes = 0;
  if (element.isF32())
    info.dtype = 1, elementBytes = 4;
  else if (element.isUnsignedInteger(8))
    info.dtype = 2, elementBytes = 1;
  else if (element.isSignlessInteger(8))
    info.dtype = 3, elementBytes = 1;
  else if (element.isSignlessInteger(32))
    info.dtype = 6, elementBytes = 4;
  else if (element.isSignlessInteger(64))
    info.dtype = 7, elementBytes = 8;
  else if (element.isSignlessInteger(1))
    info.dtype = 9, elementBytes = 1;
  else
    return emitError(loc) << "unsupported element type " << element
                          << " at the model boundary";
  info.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  if (info.shape.size() > 8)
    return emitError(loc) << "tensor '" << info.name << "' has rank "
                          << info.shape.size() << "; the runtime ABI allows 8";
  info.bytes = tensor.getNumElements() * elementBytes;
  info.align = elementBytes;
  return info;
}

FailureOr<ModelInfo> describeModel(func::FuncOp main, StringRef name) {
  ModelInfo info;
  info.name = name.str();
  FunctionType type = main.getFunctionType();
  for (unsigned i = 0; i < type.getNumInputs(); ++i) {
    auto tensor = describeTensor(
        type.getInput(i), main.getArgAttrOfType<StringAttr>(i, kTensorNameAttr),
        main.getLoc());
    if (failed(tensor))
      return failure();
    info.inputs.push_back(*tensor);
  }
  for (unsigned i = 0; i < type.getNumResults(); ++i) {
    auto tensor = describeTensor(
        type.getResult(i),
        main.getResultAttrOfType<StringAttr>(i, kTensorNameAttr),
        main.getLoc());
    if (failed(tensor))
      return failure();
    info.outputs.push_back(*tensor);
  }
  return info;
}

static std::string upper(StringRef s) { return s.upper(); }

const char *dtypeName(int32_t dtype) {
  switch (dtype) {
  case 1:
    return "float32";
  case 2:
    return "uint8";
  case 3:
    return "int8";
  case 6:
    return "int32";
  case 7:
    return "int64";
  case 9:
    return "bool";
  default:
    return "unknown";
  }
}

std::string shapeText(ArrayRef<int64_t> shape) {
  std::string s;
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? "x" : "") + std::to_string(d);
  return s.empty() ? "scalar" : s;
}

std::string renderHeader(const ModelInfo &info) {
  std::string guard = "EDGE_MODEL_" + upper(info.name) + "_H";
  std::string prefix = upper(info.name);
  std::string out;
  llvm::raw_string_ostream os(out);
  os << "/* " << info.name << ".h - written by edgecc; do not edit.\n"
     << " *\n"
     << " * Link " << info.name << ".o and the edgecc runtime, then:\n"
     << " *   static uint8_t arena[" << prefix << "_ARENA_BYTES]\n"
     << " *       __attribute__((aligned(" << prefix << "_ARENA_ALIGN)));\n"
     << " *   edge_model_run(&" << info.name
     << "_model, inputs, outputs, arena, sizeof arena);\n"
     << " */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include \"edge/runtime.h\"\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "#define " << prefix << "_ARENA_BYTES " << info.arenaBytes << "u\n"
     << "#define " << prefix << "_ARENA_ALIGN " << info.arenaAlign << "u\n"
     << "#define " << prefix << "_WEIGHTS_BYTES " << info.weightsBytes
     << "u\n"
     << "#define " << prefix << "_NUM_INPUTS " << info.inputs.size() << "u\n"
     << "#define " << prefix << "_NUM_OUTPUTS " << info.outputs.size()
     << "u\n\n";
  auto describe = [&](const char *kind, const std::vector<TensorInfo> &list) {
    for (auto [i, t] : llvm::enumerate(list))
      os << "/* " << kind << " " << i << ": '" << t.name << "' "
         << dtypeName(t.dtype) << " " << shapeText(t.shape) << " */\n"
         << "#define " << prefix << "_" << kind << "_" << i << "_BYTES "
         << t.bytes << "u\n";
  };
  describe("INPUT", info.inputs);
  describe("OUTPUT", info.outputs);
  os << "\nextern const edge_model_t " << info.name << "_model;\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
  return out;
}

std::string renderManifest(const ModelInfo &info, const TargetDesc &target) {
  auto tensors = [](const std::vector<TensorInfo> &list) {
    llvm::json::Array array;
    for (const TensorInfo &t : list)
      array.push_back(llvm::json::Object{
          {"name", t.name},
          {"dtype", dtypeName(t.dtype)},
          {"shape", llvm::json::Array(t.shape)},
          {"bytes", t.bytes},
          {"align", (int64_t)t.align},
          {"quantization", nullptr}});
    return array;
  };
  llvm::json::Object manifest{
      {"name", info.name},
      {"abi_version", 1},
      {"target",
       llvm::json::Object{{"name", target.name},
                          {"triple", target.triple},
                          {"cpu", target.cpu},
                          {"features", target.features}}},
      {"inputs", tensors(info.inputs)},
      {"outputs", tensors(info.outputs)},
      {"arena_bytes", info.arenaBytes},
      {"arena_align", info.arenaAlign},
      {"arena_lower_bound_bytes", info.arenaLowerBound},
      {"weights_bytes", info.weightsBytes},
      {"code_bytes", info.codeBytes},
  };
  std::string out;
  llvm::raw_string_ostream os(out);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(manifest))) << "\n";
  return out;
}

} // namespace edgecc
