//===- TensorConversion.cpp - ONNX TensorProto to dense constants ---------===//

#include "NodeImporter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;

namespace edgecc::import {

Type convertElementType(MLIRContext *ctx, int32_t onnxType) {
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return Float32Type::get(ctx);
  case onnx::TensorProto::INT64:
    return IntegerType::get(ctx, 64);
  case onnx::TensorProto::INT32:
    return IntegerType::get(ctx, 32);
  case onnx::TensorProto::INT8:
    return IntegerType::get(ctx, 8);
  case onnx::TensorProto::UINT8:
    return IntegerType::get(ctx, 8, IntegerType::Unsigned);
  case onnx::TensorProto::BOOL:
    return IntegerType::get(ctx, 1);
  default:
    return {};
  }
}

std::string elementTypeName(int32_t onnxType) {
  if (onnx::TensorProto::DataType_IsValid(onnxType))
    return onnx::TensorProto::DataType_Name(
        static_cast<onnx::TensorProto::DataType>(onnxType));
  return "type " + std::to_string(onnxType);
}

namespace {

/// The little-endian bytes of the elements, from raw_data or the typed field.
template <typename T, typename Field>
std::vector<T> typedValues(const onnx::TensorProto &tensor,
                           const Field &field) {
  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    std::vector<T> values(raw.size() / sizeof(T));
    for (size_t i = 0; i < values.size(); ++i)
      values[i] = llvm::support::endian::read<T, llvm::endianness::little>(
          raw.data() + i * sizeof(T));
    return values;
  }
  return std::vector<T>(field.begin(), field.end());
}

} // namespace

FailureOr<DenseElementsAttr> convertTensor(const onnx::TensorProto &tensor,
                                           Location loc, MLIRContext *ctx) {
  Type element = convertElementType(ctx, tensor.data_type());
  if (!element)
    return emitError(loc) << "tensor '" << tensor.name() << "' has element "
                          << "type " << elementTypeName(tensor.data_type())
                          << ", which edgecc does not support";
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL)
    return emitError(loc) << "tensor '" << tensor.name()
                          << "' uses external data, which edgecc does not "
                             "read yet";
  SmallVector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  for (int64_t d : shape)
    if (d < 0)
      return emitError(loc) << "tensor '" << tensor.name()
                            << "' has a negative dim";
  auto type = RankedTensorType::get(shape, element);
  int64_t count = type.getNumElements();

  auto checkCount = [&](size_t n) -> LogicalResult {
    if ((int64_t)n == count)
      return success();
    return emitError(loc) << "tensor '" << tensor.name() << "' holds " << n
                          << " values for " << count << " elements";
  };

  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT: {
    auto values = typedValues<float>(tensor, tensor.float_data());
    if (failed(checkCount(values.size())))
      return failure();
    return DenseElementsAttr::get(type, ArrayRef<float>(values));
  }
  case onnx::TensorProto::INT64: {
    auto values = typedValues<int64_t>(tensor, tensor.int64_data());
    if (failed(checkCount(values.size())))
      return failure();
    return DenseElementsAttr::get(type, ArrayRef<int64_t>(values));
  }
  case onnx::TensorProto::INT32: {
    auto values = typedValues<int32_t>(tensor, tensor.int32_data());
    if (failed(checkCount(values.size())))
      return failure();
    return DenseElementsAttr::get(type, ArrayRef<int32_t>(values));
  }
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::BOOL: {
    // Typed storage keeps these in int32_data, one per element.
    std::vector<int32_t> wide;
    if (tensor.has_raw_data())
      for (char c : tensor.raw_data())
        wide.push_back(tensor.data_type() == onnx::TensorProto::INT8
                           ? (int32_t)(int8_t)c
                           : (int32_t)(uint8_t)c);
    else
      wide.assign(tensor.int32_data().begin(), tensor.int32_data().end());
    if (failed(checkCount(wide.size())))
      return failure();
    if (tensor.data_type() == onnx::TensorProto::BOOL) {
      SmallVector<bool> bits(wide.begin(), wide.end());
      return DenseElementsAttr::get(type, ArrayRef<bool>(bits));
    }
    SmallVector<APInt> values;
    for (int32_t v : wide)
      values.push_back(APInt(8, (uint64_t)(v & 0xff)));
    return DenseElementsAttr::get(type, values);
  }
  default:
    break;
  }
  return emitError(loc) << "tensor '" << tensor.name()
                        << "' has an unsupported element type";
}

FailureOr<DenseElementsAttr> readTensorFile(StringRef path, Location loc,
                                            MLIRContext *ctx) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  onnx::TensorProto tensor;
  if (!buffer || (*buffer)->getBufferSize() > (size_t)INT_MAX ||
      !tensor.ParseFromArray((*buffer)->getBufferStart(),
                             (int)(*buffer)->getBufferSize()))
    return emitError(loc) << "cannot read a TensorProto from '" << path << "'";
  return convertTensor(tensor, loc, ctx);
}

} // namespace edgecc::import
