//===- OnnxImporter.cpp - ONNX ModelProto to the edge dialect -------------===//

#include "edgecc/Import/OnnxImporter.h"

#include "NodeImporter.h"
#include "edgecc/Support/Diagnostics.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;

namespace edgecc {

bool parseInputShape(StringRef spec, ImportOptions &options) {
  auto [name, dims] = spec.rsplit(':');
  if (name.empty() || dims.empty() || name == spec)
    return false;
  SmallVector<int64_t> shape;
  SmallVector<StringRef> parts;
  dims.split(parts, 'x');
  for (StringRef dim : parts) {
    int64_t value;
    if (dim.getAsInteger(10, value) || value < 0)
      return false;
    shape.push_back(value);
  }
  options.inputShapes[name] = shape;
  return true;
}

bool parseInputValue(StringRef spec, ImportOptions &options) {
  auto [name, file] = spec.split(':');
  if (name.empty() || file.empty() || name == spec)
    return false;
  options.inputValueFiles[name] = file.str();
  return true;
}

namespace {

class GraphImporter {
public:
  GraphImporter(MLIRContext *ctx, const onnx::ModelProto &model,
                const ImportOptions &options, Location fileLoc)
      : ctx(ctx), model(model), options(options), fileLoc(fileLoc) {}

  OwningOpRef<ModuleOp> run();

private:
  int64_t defaultOpset() const;
  /// Graph inputs whose values flow, through any nodes, into an input that
  /// some node needs at compile time.
  std::vector<std::string>
  inputsFeedingCompileTimeOperands(const llvm::StringSet<> &inputNames) const;
  LogicalResult checkSupported();
  FailureOr<RankedTensorType> inputType(const onnx::ValueInfoProto &input);
  std::string nodeName(const onnx::NodeProto &node) const {
    if (!node.name().empty())
      return node.name();
    return node.output_size() ? node.output(0) : "<unnamed>";
  }

  MLIRContext *ctx;
  const onnx::ModelProto &model;
  const ImportOptions &options;
  Location fileLoc;
};

std::vector<std::string> GraphImporter::inputsFeedingCompileTimeOperands(
    const llvm::StringSet<> &inputNames) const {
  const onnx::GraphProto &graph = model.graph();
  llvm::StringMap<const onnx::NodeProto *> producers;
  for (const onnx::NodeProto &node : graph.node())
    for (const std::string &output : node.output())
      producers[output] = &node;
  std::vector<std::string> worklist, inputs;
  for (const onnx::NodeProto &node : graph.node())
    for (unsigned slot : import::compileTimeOperands(node.op_type()))
      if (slot < (unsigned)node.input_size() && !node.input(slot).empty())
        worklist.push_back(node.input(slot));
  llvm::StringSet<> seen;
  while (!worklist.empty()) {
    std::string name = worklist.back();
    worklist.pop_back();
    if (!seen.insert(name).second)
      continue;
    if (inputNames.contains(name)) {
      inputs.push_back(name);
      continue;
    }
    const onnx::NodeProto *producer = producers.lookup(name);
    // Shape and Size read only the (static) shape of their input.
    if (!producer || producer->op_type() == "Shape" ||
        producer->op_type() == "Size")
      continue;
    for (const std::string &input : producer->input())
      if (!input.empty())
        worklist.push_back(input);
  }
  return inputs;
}

int64_t GraphImporter::defaultOpset() const {
  for (const onnx::OperatorSetIdProto &opset : model.opset_import())
    if (opset.domain().empty() || opset.domain() == "ai.onnx")
      return opset.version();
  return 1;
}

/// The registry key of a node: the op type, prefixed by its domain outside
/// the default one ("com.microsoft.MatMulNBits").
static std::string opKey(const onnx::NodeProto &node) {
  if (node.domain().empty() || node.domain() == "ai.onnx")
    return node.op_type();
  return node.domain() + "." + node.op_type();
}

LogicalResult GraphImporter::checkSupported() {
  bool ok = true;
  const auto &importers = import::opImporters();
  for (const onnx::NodeProto &node : model.graph().node()) {
    Location loc = nodeLocation(ctx, nodeName(node), node.op_type());
    if (importers.count(opKey(node)))
      continue;
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      emitError(loc) << "operator '" << node.op_type() << "' of domain '"
                     << node.domain() << "' is not supported";
    else
      emitError(loc) << "operator '" << node.op_type()
                     << "' is not supported";
    ok = false;
  }
  return success(ok);
}

FailureOr<RankedTensorType>
GraphImporter::inputType(const onnx::ValueInfoProto &input) {
  const onnx::TypeProto &type = input.type();
  if (!type.has_tensor_type())
    return emitError(fileLoc) << "graph input '" << input.name()
                              << "' is not a tensor";
  int32_t onnxElement = type.tensor_type().elem_type();
  Type element = import::convertElementType(ctx, onnxElement);
  if (!element)
    return emitError(fileLoc) << "graph input '" << input.name()
                              << "' has element type "
                              << import::elementTypeName(onnxElement)
                              << ", which edgecc does not support";
  auto given = options.inputShapes.find(input.name());
  bool hasShape = type.tensor_type().has_shape();
  const auto &dims = type.tensor_type().shape().dim();
  if (given != options.inputShapes.end()) {
    if (hasShape && dims.size() != (int)given->second.size())
      return emitError(fileLoc)
             << "--input-shape for '" << input.name() << "' has rank "
             << given->second.size() << ", the model says " << dims.size();
    return RankedTensorType::get(given->second, element);
  }
  if (!hasShape)
    return emitError(fileLoc) << "graph input '" << input.name()
                              << "' has no shape: pass --input-shape="
                              << input.name() << ":DIMS";
  SmallVector<int64_t> shape;
  for (const onnx::TensorShapeProto::Dimension &dim : dims) {
    if (!dim.has_dim_value() || dim.dim_value() < 0)
      return emitError(fileLoc)
             << "graph input '" << input.name() << "' has symbolic dim '"
             << (dim.has_dim_param() ? dim.dim_param() : "?")
             << "': pass --input-shape=" << input.name() << ":DIMS";
    shape.push_back(dim.dim_value());
  }
  return RankedTensorType::get(shape, element);
}

OwningOpRef<ModuleOp> GraphImporter::run() {
  const onnx::GraphProto &graph = model.graph();
  if (failed(checkSupported()))
    return nullptr;

  llvm::StringSet<> initializerNames;
  for (const onnx::TensorProto &init : graph.initializer())
    initializerNames.insert(init.name());

  // Graph inputs (older exporters also list initializers there: skip those).
  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  llvm::StringSet<> inputNames;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    if (initializerNames.contains(input.name()))
      continue;
    auto type = inputType(input);
    if (failed(type))
      return nullptr;
    argTypes.push_back(*type);
    argNames.push_back(input.name());
    inputNames.insert(input.name());
  }
  for (const auto &entry : options.inputShapes)
    if (!inputNames.contains(entry.getKey()))
      return emitError(fileLoc) << "--input-shape names '" << entry.getKey()
                                << "', which is not a graph input",
             nullptr;

  OpBuilder builder(ctx);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, fileLoc, "main",
                                   builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToEnd(body);

  import::ValueTable table;
  table.entry = body;
  for (const auto &entry : options.inputValueFiles) {
    if (!inputNames.contains(entry.getKey()))
      return emitError(fileLoc) << "--input-value names '" << entry.getKey()
                                << "', which is not a graph input",
             nullptr;
    table.inputValueFiles[entry.getKey()] = entry.getValue();
  }
  for (auto [i, name] : llvm::enumerate(argNames)) {
    table.values[name] = body->getArgument(i);
    func.setArgAttr(i, kTensorNameAttr, builder.getStringAttr(name));
  }
  // Inputs that reach a compile-time operand through other nodes (a shape
  // computed from an input, say) are bound before any node is imported.
  for (const std::string &name : inputsFeedingCompileTimeOperands(inputNames))
    if (table.inputValueFiles.count(name) &&
        !bindGraphInput(table, builder, name, fileLoc) &&
        !table.boundInputs.contains(name))
      return nullptr;
  for (const onnx::TensorProto &init : graph.initializer()) {
    Location loc = NameLoc::get(builder.getStringAttr(init.name()));
    auto value = import::convertTensor(init, loc, ctx);
    if (failed(value))
      return nullptr;
    table.values[init.name()] =
        edge::ConstantOp::create(builder, loc, value->getType(),
                                 cast<ElementsAttr>(*value));
    table.constants[init.name()] = *value;
  }

  int64_t opset = defaultOpset();
  const auto &importers = import::opImporters();
  bool ok = true;
  for (const onnx::NodeProto &node : graph.node()) {
    Location loc = nodeLocation(ctx, nodeName(node), node.op_type());
    import::NodeImporter importer(node, opset, builder, loc, table);
    if (failed(importers.lookup(opKey(node))(importer))) {
      ok = false;
      // Later nodes would only report the missing value again.
      break;
    }
  }
  if (!ok)
    return nullptr;

  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    Value value = table.values.lookup(output.name());
    if (!value)
      return emitError(fileLoc) << "graph output '" << output.name()
                                << "' is not produced by any node",
             nullptr;
    results.push_back(value);
    resultTypes.push_back(value.getType());
  }
  if (results.empty())
    return emitError(fileLoc) << "the graph has no outputs", nullptr;
  func::ReturnOp::create(builder, fileLoc, results);
  // Inputs bound at compile time are no longer the caller's to give.
  llvm::BitVector bound(argNames.size());
  for (auto [i, name] : llvm::enumerate(argNames))
    if (table.boundInputs.contains(name))
      bound.set(i);
  func.setFunctionType(builder.getFunctionType(argTypes, resultTypes));
  if (failed(func.eraseArguments(bound)))
    return nullptr;
  for (auto [i, output] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, kTensorNameAttr,
                       builder.getStringAttr(output.name()));
  return module;
}

} // namespace

OwningOpRef<ModuleOp> importOnnxFile(MLIRContext *ctx, StringRef path,
                                     const ImportOptions &options) {
  Location fileLoc = NameLoc::get(StringAttr::get(ctx, path));
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return emitError(fileLoc) << "cannot read the file: "
                              << buffer.getError().message(),
           nullptr;
  onnx::ModelProto model;
  StringRef bytes = (*buffer)->getBuffer();
  if (bytes.size() > (size_t)INT_MAX ||
      !model.ParseFromArray(bytes.data(), (int)bytes.size()))
    return emitError(fileLoc) << "not an ONNX model (the protobuf does not "
                                 "parse; truncated or another format?)",
           nullptr;
  if (model.ir_version() <= 0 || !model.has_graph() ||
      model.graph().output_size() == 0)
    return emitError(fileLoc) << "not an ONNX model (no IR version or no "
                                 "graph with outputs)",
           nullptr;
  return GraphImporter(ctx, model, options, fileLoc).run();
}

} // namespace edgecc
