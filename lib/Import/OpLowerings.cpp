//===- OpLowerings.cpp - How each supported ONNX op is compiled -----------===//
//
// For `edgecc report --ops`: ops that map onto one edge op of the same
// meaning say so; the others name the decomposition or folding the importer
// applies, so a user can see what runs on the device.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Import/OnnxImporter.h"

#include "NodeImporter.h"

using namespace mlir;

namespace edgecc {

bool isOpSupported(StringRef opType) {
  return import::opImporters().count(opType);
}

std::string describeOpLowering(StringRef opType) {
  static const llvm::StringMap<StringRef> decompositions = {
      {"Constant", "weight constant in .rodata"},
      {"Identity", "no code (the value is reused)"},
      {"Dropout", "identity at inference; the mask output is a constant"},
      {"Reshape", "edge.reshape: a view, no copy"},
      {"Squeeze", "edge.reshape: a view, no copy"},
      {"Unsqueeze", "edge.reshape: a view, no copy"},
      {"Flatten", "edge.reshape: a view, no copy"},
      {"Shape", "constant folded at compile time (static shapes)"},
      {"Size", "constant folded at compile time (static shapes)"},
      {"ConstantOfShape", "constant folded at compile time"},
      {"Range", "constant folded at compile time (inputs must be known)"},
      {"Split", "one edge.slice per output"},
      {"Sum", "chain of edge.add"},
      {"Mean", "chain of edge.add, then edge.div by the input count"},
      {"Clip", "edge.max with the lower bound, then edge.min with the upper"},
      {"CastLike", "edge.cast to the second input's element type"},
      {"Pow", "edge.pow: e^(y ln|x|) with the sign of odd integer powers; "
              "integer powers through float32"},
      {"Gelu", "edge.gelu: x/2 (1 + erf(x/sqrt 2)); the tanh approximation "
               "only with approximate='tanh'"},
      {"Softplus", "edge.softplus: max(x, 0) + log1p(e^-|x|), no overflow"},
      {"Mish", "edge.mish: x tanh(softplus(x))"},
      {"LayerNormalization",
       "decomposed: ReduceMean, Sub, Mul, ReduceMean, Add epsilon, Sqrt, "
       "Reciprocal, Mul Scale, Add B (Mean and InvStdDev outputs included)"},
      {"LogSoftmax", "edge.log_softmax: x - max - log(sum(e^(x - max)))"},
      {"Softmax", "edge.softmax: e^(x - max) / sum; opset < 13 flattens to "
                  "2-D first"},
      {"ReduceL2", "edge.reduce_l2: sqrt of the sum of squares"},
      {"ReduceLogSumExp", "edge.reduce_log_sum_exp: max + log(sum(e^(x - max)))"},
      {"MatMul", "edge.matmul: linalg.matmul / batch_matmul / contraction"},
      {"Gemm", "edge.gemm: one contraction, alpha and beta * C folded in"},
      {"Expand", "edge.broadcast"},
      {"QuantizeLinear", "edge.div by the scale, edge.round (half to even), "
                         "add the zero point, saturate, edge.cast"},
      {"DequantizeLinear", "(edge.cast x - zero point) * scale in float32"},
      {"DynamicQuantizeLinear", "edge.reduce_min/reduce_max for the uint8 "
                                "scale and zero point, then QuantizeLinear"},
      {"MatMulInteger", "edge.matmul_integer: operands widened to int32, "
                        "zero points subtracted"},
      {"QLinearMatMul", "edge.matmul_integer, then requantised in float32 "
                        "(round half to even, saturate)"},
      {"com.microsoft.MatMulNBits",
       "edge.matmul_nbits: 4-bit codes decoded in the matmul's inner loop, "
       "weights stay packed in .rodata"},
      {"ConvInteger", "edge.conv_integer: operands widened to int32"},
      {"QLinearConv", "edge.conv_integer plus the int32 bias, then "
                      "requantised in float32"},
      {"BatchNormalization", "edge.batch_norm: one scale and shift per channel "
                             "(inference)"},
      {"GlobalAveragePool", "average pool with one window over the whole map"},
      {"GlobalMaxPool", "max pool with one window over the whole map"},
      {"CumSum", "edge.cumsum: a masked reduction, O(n^2) along the axis"},
  };
  if (!isOpSupported(opType))
    return "not supported";
  auto it = decompositions.find(opType);
  if (it != decompositions.end())
    return it->second.str();
  return "direct: one edge op";
}

} // namespace edgecc
