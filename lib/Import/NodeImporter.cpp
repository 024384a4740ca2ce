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
  if (i < (unsigned)node.output_size() && !node.output(i).empty())
    table.values[node.output(i)] = value;
}

void NodeImporter::setConstantOutput(unsigned i, DenseElementsAttr value) {
  auto op = edge::ConstantOp::create(builder, loc, value.getType(),
                                     cast<ElementsAttr>(value));
  setOutput(i, op.getResult());
  if (i < (unsigned)node.output_size())
    table.constants[node.output(i)] = value;
}

const llvm::StringMap<OpImportFn> &opImporters() {
  static const llvm::StringMap<OpImportFn> table = [] {
    llvm::StringMap<OpImportFn> t;
    registerMathImporters(t);
    registerShapeImporters(t);
    return t;
  }();
  return table;
}

} // namespace edgecc::import
