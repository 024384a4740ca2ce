//===- NodeImporter.cpp - Access to one ONNX node's inputs and attributes -===//

#include "NodeImporter.h"

using namespace mlir;

namespace edgecc::import {

Value NodeImporter::input(unsigned i) {
  if (!hasInput(i)) {
    error() << "input " << i << " is required";
    return {};
  }
  Value value = table.values.lookup(node.input(i));
  if (!value)
    error() << "input '" << node.input(i) << "' is not defined before use";
  return value;
}

RankedTensorType NodeImporter::inputType(unsigned i) {
  Value value = input(i);
  return value ? cast<RankedTensorType>(value.getType()) : RankedTensorType();
}

DenseElementsAttr NodeImporter::constantInput(unsigned i) {
  if (!hasInput(i))
    return {};
  return table.constants.lookup(node.input(i));
}

DenseElementsAttr bindGraphInput(ValueTable &table, OpBuilder &builder,
                                 StringRef name, Location diagLoc) {
  auto file = table.inputValueFiles.find(name);
  auto argument = dyn_cast_if_present<BlockArgument>(table.values.lookup(name));
  if (file == table.inputValueFiles.end() || !argument)
    return {};
  // Bind the graph input: its value is fixed from here on, for every user.
  auto value = readTensorFile(file->getValue(), diagLoc, builder.getContext());
  if (failed(value))
    return {};
  if (value->getType() != argument.getType()) {
    emitError(diagLoc) << "the value given for input '" << name
                       << "' has type " << value->getType()
                       << ", the graph says " << argument.getType();
    return {};
  }
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(table.entry);
  Value constant = edge::ConstantOp::create(builder, argument.getLoc(),
                                            value->getType(),
                                            cast<ElementsAttr>(*value));
  argument.replaceAllUsesWith(constant);
  table.values[name] = constant;
  table.constants[name] = *value;
  table.boundInputs.insert(name);
  return *value;
}

DenseElementsAttr NodeImporter::bindInput(unsigned i) {
  return bindGraphInput(table, builder, node.input(i), loc);
}

DenseElementsAttr NodeImporter::requireConstantInput(unsigned i,
                                                     StringRef what) {
  if (!input(i))
    return {};
  if (DenseElementsAttr value = constantInput(i))
    return value;
  if (DenseElementsAttr value = bindInput(i))
    return value;
  bool hasBindingValue = table.inputValueFiles.count(node.input(i));
  if (hasBindingValue && isa<BlockArgument>(table.values.lookup(node.input(i))))
    return {}; // the bad value was reported
  auto diag = error() << what << " (input '" << node.input(i)
                      << "') must be known at compile time";
  if (isa<BlockArgument>(table.values.lookup(node.input(i))))
    diag << ": it is a graph input, fix it with --input-value="
         << node.input(i) << ":FILE.pb";
  return {};
}

FailureOr<SmallVector<int64_t>> NodeImporter::requireIntsInput(unsigned i,
                                                              StringRef what) {
  DenseElementsAttr value = requireConstantInput(i, what);
  if (!value)
    return failure();
  if (!isa<IntegerType>(value.getElementType()))
    return error() << what << " must be integers";
  SmallVector<int64_t> result;
  for (const APInt &v : value.getValues<APInt>())
    result.push_back(v.getSExtValue());
  return result;
}

Value NodeImporter::splat(RankedTensorType type, Attribute value) {
  auto attr = DenseElementsAttr::get(type, value);
  return edge::ConstantOp::create(builder, loc, type, cast<ElementsAttr>(attr));
}

Value NodeImporter::scalarF32(float value) {
  auto type = RankedTensorType::get({}, builder.getF32Type());
  return splat(type, builder.getF32FloatAttr(value));
}

const onnx::AttributeProto *NodeImporter::attribute(StringRef name) const {
  for (const onnx::AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t NodeImporter::intAttr(StringRef name, int64_t defaultValue) const {
  const onnx::AttributeProto *attr = attribute(name);
  return attr ? attr->i() : defaultValue;
}

float NodeImporter::floatAttr(StringRef name, float defaultValue) const {
  const onnx::AttributeProto *attr = attribute(name);
  return attr ? attr->f() : defaultValue;
}

std::optional<SmallVector<int64_t>>
NodeImporter::intsAttr(StringRef name) const {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr)
    return std::nullopt;
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

void NodeImporter::setOutput(unsigned i, Value value) {
  if (i >= (unsigned)node.output_size() || node.output(i).empty())
    return;
  table.values[node.output(i)] = value;
  // Folded results feed later nodes' compile-time inputs (shape chains).
  if (auto constant = value.getDefiningOp<edge::ConstantOp>())
    if (auto dense = dyn_cast<DenseElementsAttr>(constant.getValue()))
      table.constants[node.output(i)] = dense;
}

void NodeImporter::setConstantOutput(unsigned i, DenseElementsAttr value) {
  auto op = edge::ConstantOp::create(builder, loc, value.getType(),
                                     cast<ElementsAttr>(value));
  setOutput(i, op.getResult());
  if (i < (unsigned)node.output_size())
    table.constants[node.output(i)] = value;
}

ArrayRef<unsigned> compileTimeOperands(StringRef opType) {
  static const llvm::StringMap<SmallVector<unsigned>> operands = [] {
    llvm::StringMap<SmallVector<unsigned>> t;
    for (StringRef op : {"Reshape", "Expand", "Tile", "Split", "Squeeze",
                         "Unsqueeze", "Trilu", "CumSum", "ReduceSum",
                         "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
                         "ReduceSumSquare", "ReduceL1", "ReduceL2",
                         "ReduceLogSum", "ReduceLogSumExp"})
      t[op] = {1};
    t["Slice"] = {1, 2, 3, 4};
    t["Pad"] = {1, 2, 3};
    t["ConstantOfShape"] = {0};
    t["Range"] = {0, 1, 2};
    t["Dropout"] = {1, 2};
    return t;
  }();
  auto it = operands.find(opType);
  return it == operands.end() ? ArrayRef<unsigned>() : ArrayRef(it->second);
}

const llvm::StringMap<OpImportFn> &opImporters() {
  static const llvm::StringMap<OpImportFn> table = [] {
    llvm::StringMap<OpImportFn> t;
    registerMathImporters(t);
    registerShapeImporters(t);
    registerReductionImporters(t);
    registerDataMovementImporters(t);
    registerNNImporters(t);
    registerQuantImporters(t);
    return t;
  }();
  return table;
}

LogicalResult requireF32(NodeImporter &n, Value value, StringRef what) {
  Type element = tensorType(value).getElementType();
  if (!element.isF32())
    return n.error() << what << " must be float32, got " << element;
  return success();
}

} // namespace edgecc::import
