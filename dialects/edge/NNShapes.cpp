//===- NNShapes.cpp - Shape rules of convolution, pooling, pad, einsum ----===//
//
// Shared by the ops' type inference and the importer, so an ONNX model with
// an impossible geometry is reported against its node.
//
//===----------------------------------------------------------------------===//

#include "edge/ShapeInference.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

namespace edgecc::edge {

//===----------------------------------------------------------------------===//
// Sliding windows (Conv, MaxPool, AveragePool)
//===----------------------------------------------------------------------===//

FailureOr<int64_t> windowCount(int64_t size, int64_t kernel, int64_t stride,
                               int64_t dilation, int64_t padBegin,
                               int64_t padEnd, bool ceilMode) {
  int64_t extent = (kernel - 1) * dilation + 1;
  int64_t span = size + padBegin + padEnd - extent;
  if (span < 0)
    return failure();
  int64_t count = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
  // Rounding up may add a window that starts in the end padding and so sees
  // no input element at all (PyTorch and ONNX from 1.16 drop it).
  if (ceilMode && (count - 1) * stride >= size + padBegin)
    --count;
  return count;
}

/// Checks the per-spatial-dim attributes of a sliding window op on an
/// [N, C, D...] input: one positive stride, dilation (and kernel dim) per
/// spatial dim, and two non-negative pads.
static LogicalResult
verifyWindowAttributes(RankedTensorType input, ArrayRef<int64_t> kernel,
                       ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                       ArrayRef<int64_t> pads, OptionalLoc loc) {
  int64_t rank = input.getRank();
  if (rank < 3)
    return emitOptionalError(loc, "expected an [N, C, spatial...] input, got ",
                             shapeString(input.getShape()));
  size_t spatial = rank - 2;
  auto allPositive = [](ArrayRef<int64_t> values) {
    return llvm::all_of(values, [](int64_t v) { return v > 0; });
  };
  if (kernel.size() != spatial || !allPositive(kernel))
    return emitOptionalError(loc, "kernel shape ", shapeString(kernel),
                             " does not give one positive size per spatial "
                             "dim of ",
                             shapeString(input.getShape()));
  if (strides.size() != spatial || !allPositive(strides))
    return emitOptionalError(loc, "strides ", shapeString(strides),
                             " do not give one positive stride per spatial "
                             "dim");
  if (dilations.size() != spatial || !allPositive(dilations))
    return emitOptionalError(loc, "dilations ", shapeString(dilations),
                             " do not give one positive dilation per "
                             "spatial dim");
  if (pads.size() != 2 * spatial ||
      llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return emitOptionalError(loc, "pads ", shapeString(pads),
                             " are not two non-negative pads per spatial dim");
  return success();
}

/// [N, channels, O...]: the window count of every spatial dim.
static FailureOr<SmallVector<int64_t>>
slidingWindowShape(RankedTensorType input, int64_t channels,
                   ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                   ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads,
                   bool ceilMode, OptionalLoc loc) {
  size_t spatial = kernel.size();
  SmallVector<int64_t> shape = {input.getDimSize(0), channels};
  for (size_t i = 0; i < spatial; ++i) {
    auto count =
        windowCount(input.getDimSize(i + 2), kernel[i], strides[i],
                    dilations[i], pads[i], pads[i + spatial], ceilMode);
    if (failed(count)) {
      (void)emitOptionalError(loc, "the window (kernel ", shapeString(kernel),
                              ", dilations ", shapeString(dilations),
                              ") does not fit the padded input ",
                              shapeString(input.getShape()));
      return failure();
    }
    shape.push_back(*count);
  }
  return shape;
}

/// Shape of a convolution of `input` by `weight` ([M, C / group, K...]).
static FailureOr<SmallVector<int64_t>>
convShape(RankedTensorType input, RankedTensorType weight,
          ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
          ArrayRef<int64_t> pads, int64_t group, OptionalLoc loc) {
  if (weight.getRank() != input.getRank() || weight.getRank() < 3) {
    (void)emitOptionalError(loc, "weight ", shapeString(weight.getShape()),
                            " does not match the input ",
                            shapeString(input.getShape()),
                            " (expected [M, C / group, kernel...])");
    return failure();
  }
  ArrayRef<int64_t> kernel = weight.getShape().drop_front(2);
  if (failed(
          verifyWindowAttributes(input, kernel, strides, dilations, pads, loc)))
    return failure();
  int64_t channels = input.getDimSize(1), filters = weight.getDimSize(0);
  if (group < 1 || channels % group != 0 || filters % group != 0) {
    (void)emitOptionalError(loc, "group ", group, " does not divide the ",
                            channels, " input channels and ", filters,
                            " filters");
    return failure();
  }
  if (weight.getDimSize(1) * group != channels) {
    (void)emitOptionalError(
        loc, "weight ", shapeString(weight.getShape()), " has ",
        weight.getDimSize(1), " channels per group, but ", channels,
        " input channels in ", group, " groups need ", channels / group);
    return failure();
  }
  return slidingWindowShape(input, filters, kernel, strides, dilations, pads,
                            /*ceilMode=*/false, loc);
}

FailureOr<RankedTensorType>
inferConvType(Type inputType, Type weightType, Type biasType,
              ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
              ArrayRef<int64_t> pads, int64_t group, OptionalLoc loc) {
  auto input = asRanked(inputType, loc), weight = asRanked(weightType, loc);
  if (failed(input) || failed(weight))
    return failure();
  if (input->getElementType() != weight->getElementType()) {
    (void)emitOptionalError(
        loc, "input and weight element types differ: ", input->getElementType(),
        " and ", weight->getElementType());
    return failure();
  }
  auto shape = convShape(*input, *weight, strides, dilations, pads, group, loc);
  if (failed(shape))
    return failure();
  if (biasType) {
    auto bias = asRanked(biasType, loc);
    if (failed(bias))
      return failure();
    int64_t filters = weight->getDimSize(0);
    if (bias->getShape() != ArrayRef<int64_t>{filters} ||
        bias->getElementType() != input->getElementType()) {
      (void)emitOptionalError(loc, "bias ", biasType, " is not a [", filters,
                              "] tensor of the input's element type");
      return failure();
    }
  }
  return RankedTensorType::get(*shape, input->getElementType());
}

/// A zero point: `allowed` elements (1, or also the filter count) of the
/// type of the tensor it shifts.
static LogicalResult verifyZeroPoint(Type zeroPointType, Type shifted,
                                     ArrayRef<int64_t> allowed, StringRef what,
                                     OptionalLoc loc) {
  auto zeroPoint = asRanked(zeroPointType, loc);
  if (failed(zeroPoint))
    return failure();
  if (zeroPoint->getElementType() != shifted || zeroPoint->getRank() > 1 ||
      !llvm::is_contained(allowed, zeroPoint->getNumElements()))
    return emitOptionalError(loc, what, " zero point ", zeroPointType,
                             " is not a scalar or [", allowed.back(),
                             "] tensor of element type ", shifted);
  return success();
}

FailureOr<RankedTensorType>
inferConvIntegerType(Type inputType, Type weightType, Type inputZeroPoint,
                     Type weightZeroPoint, ArrayRef<int64_t> strides,
                     ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads,
                     int64_t group, OptionalLoc loc) {
  auto input = asRanked(inputType, loc), weight = asRanked(weightType, loc);
  if (failed(input) || failed(weight))
    return failure();
  for (RankedTensorType t : {*input, *weight}) {
    if (!t.getElementType().isInteger(8)) {
      (void)emitOptionalError(loc, "expected int8 or uint8 operands, got ",
                              t.getElementType());
      return failure();
    }
  }
  auto shape = convShape(*input, *weight, strides, dilations, pads, group, loc);
  if (failed(shape))
    return failure();
  int64_t filters = weight->getDimSize(0);
  if (failed(verifyZeroPoint(inputZeroPoint, input->getElementType(), {1},
                             "input", loc)) ||
      failed(verifyZeroPoint(weightZeroPoint, weight->getElementType(),
                             {1, filters}, "weight", loc)))
    return failure();
  return RankedTensorType::get(*shape,
                               IntegerType::get(input->getContext(), 32));
}

FailureOr<RankedTensorType>
inferPoolType(Type inputType, ArrayRef<int64_t> kernel,
              ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
              ArrayRef<int64_t> pads, bool ceilMode, OptionalLoc loc) {
  auto input = asRanked(inputType, loc);
  if (failed(input) || failed(verifyWindowAttributes(*input, kernel, strides,
                                                     dilations, pads, loc)))
    return failure();
  auto shape = slidingWindowShape(*input, input->getDimSize(1), kernel, strides,
                                  dilations, pads, ceilMode, loc);
  if (failed(shape))
    return failure();
  return RankedTensorType::get(*shape, input->getElementType());
}

//===----------------------------------------------------------------------===//
// Pad
//===----------------------------------------------------------------------===//

FailureOr<RankedTensorType> inferPadType(Type inputType, ArrayRef<int64_t> pads,
                                         StringRef mode, OptionalLoc loc) {
  auto input = asRanked(inputType, loc);
  if (failed(input))
    return failure();
  if (mode != "constant" && mode != "reflect" && mode != "edge" &&
      mode != "wrap") {
    (void)emitOptionalError(loc, "pad mode '", mode, "' is not supported");
    return failure();
  }
  int64_t rank = input->getRank();
  if ((int64_t)pads.size() != 2 * rank) {
    (void)emitOptionalError(loc, "pads ", shapeString(pads), " do not give ",
                            2 * rank, " values for rank ", rank);
    return failure();
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = input->getDimSize(d), begin = pads[d], end = pads[d + rank];
    // Negative pads crop first; the copying modes then read what is left,
    // which must not be empty, and reflect must not read past the opposite
    // border. Wrap reads at most one period: implementations disagree
    // beyond that.
    int64_t kept =
        size + std::min<int64_t>(0, begin) + std::min<int64_t>(0, end);
    if (kept < 0) {
      (void)emitOptionalError(loc, "pads ", begin, " and ", end,
                              " crop more than the ", size, " elements of dim ",
                              d);
      return failure();
    }
    int64_t grow = std::max<int64_t>(begin, end);
    if (mode != "constant" && grow > 0 &&
        (kept == 0 || (mode == "reflect" && grow > kept - 1) ||
         (mode == "wrap" && grow > kept))) {
      (void)emitOptionalError(loc, mode, " pads ", begin, " and ", end,
                              " of dim ", d, " are too large for its ", kept,
                              " elements");
      return failure();
    }
    int64_t padded = size + begin + end;
    shape.push_back(padded);
  }
  return RankedTensorType::get(shape, input->getElementType());
}

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

FailureOr<EinsumEquation> parseEinsumEquation(StringRef equation,
                                              OptionalLoc loc) {
  auto [lhs, output] = equation.split("->");
  auto isLetters = [](StringRef s) { return llvm::all_of(s, llvm::isAlpha); };
  if (!equation.contains("->") || !isLetters(output)) {
    (void)emitOptionalError(loc, "einsum equation '", equation,
                            "' is not in the normalised 'ab,bc->ac' form");
    return failure();
  }
  EinsumEquation parsed;
  parsed.output = output.str();
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  for (StringRef term : terms) {
    if (!isLetters(term)) {
      (void)emitOptionalError(loc, "einsum equation '", equation,
                              "' is not in the normalised 'ab,bc->ac' form");
      return failure();
    }
    parsed.inputs.push_back(term.str());
  }
  return parsed;
}

/// Splits an ONNX einsum term around its ellipsis: the letters before and
/// after "...", and whether there is one.
static LogicalResult splitEllipsis(StringRef term, StringRef &before,
                                   StringRef &after, bool &hasEllipsis,
                                   StringRef equation, OptionalLoc loc) {
  size_t dots = term.find("...");
  hasEllipsis = dots != StringRef::npos;
  before = hasEllipsis ? term.take_front(dots) : term;
  after = hasEllipsis ? term.drop_front(dots + 3) : StringRef();
  if (!llvm::all_of(before, llvm::isAlpha) ||
      !llvm::all_of(after, llvm::isAlpha))
    return emitOptionalError(loc, "einsum term '", term, "' of '", equation,
                             "' has characters other than letters and one "
                             "'...'");
  return success();
}

FailureOr<std::string> normalizeEinsumEquation(StringRef equation,
                                               ArrayRef<int64_t> inputRanks,
                                               OptionalLoc loc) {
  std::string compact;
  for (char c : equation)
    if (c != ' ')
      compact.push_back(c);
  StringRef text = compact;
  bool explicitOutput = text.contains("->");
  auto [lhs, rhs] = text.split("->");
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != inputRanks.size()) {
    (void)emitOptionalError(loc, "einsum equation '", equation, "' has ",
                            terms.size(), " input terms for ",
                            inputRanks.size(), " inputs");
    return failure();
  }

  // The ellipsis stands for the same (right-aligned) dims in every term, so
  // it gets as many fresh letters as the widest term needs.
  struct Term {
    StringRef before, after;
    bool hasEllipsis;
    int64_t ellipsisRank;
  };
  SmallVector<Term> parsed;
  int64_t ellipsisRank = 0;
  std::string used;
  for (auto [term, rank] : llvm::zip(terms, inputRanks)) {
    Term t;
    if (failed(splitEllipsis(term, t.before, t.after, t.hasEllipsis, equation,
                             loc)))
      return failure();
    int64_t letters = t.before.size() + t.after.size();
    t.ellipsisRank = t.hasEllipsis ? rank - letters : 0;
    if (t.ellipsisRank < 0 || (!t.hasEllipsis && letters != rank)) {
      (void)emitOptionalError(loc, "einsum term '", term, "' does not match ",
                              "an input of rank ", rank);
      return failure();
    }
    ellipsisRank = std::max(ellipsisRank, t.ellipsisRank);
    used += (t.before + t.after).str();
    parsed.push_back(t);
  }
  std::string ellipsisLetters;
  for (char c :
       StringRef("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if ((int64_t)ellipsisLetters.size() < ellipsisRank &&
        !StringRef(used).contains(c) && !rhs.contains(c))
      ellipsisLetters.push_back(c);
  if ((int64_t)ellipsisLetters.size() < ellipsisRank) {
    (void)emitOptionalError(loc, "einsum equation '", equation,
                            "' leaves too few free letters for its '...'");
    return failure();
  }

  std::string result;
  for (auto [i, t] : llvm::enumerate(parsed)) {
    if (i)
      result += ",";
    result += t.before.str() +
              ellipsisLetters.substr(ellipsisRank - t.ellipsisRank) +
              t.after.str();
  }
  result += "->";
  if (explicitOutput) {
    StringRef before, after;
    bool hasEllipsis;
    if (failed(splitEllipsis(rhs, before, after, hasEllipsis, equation, loc)))
      return failure();
    result += before.str() + (hasEllipsis ? ellipsisLetters : "") + after.str();
    return result;
  }
  // Implicit output: the ellipsis dims, then every letter used exactly once,
  // in alphabetical order.
  result += ellipsisLetters;
  std::string once;
  for (char c : used)
    if (llvm::count(used, c) == 1)
      once.push_back(c);
  llvm::sort(once);
  return result + once;
}

FailureOr<RankedTensorType>
inferEinsumType(TypeRange inputs, StringRef equation, OptionalLoc loc) {
  auto parsed = parseEinsumEquation(equation, loc);
  if (failed(parsed))
    return failure();
  if (parsed->inputs.size() != inputs.size() || inputs.empty()) {
    (void)emitOptionalError(loc, "einsum equation '", equation, "' has ",
                            parsed->inputs.size(), " input terms for ",
                            inputs.size(), " inputs");
    return failure();
  }
  llvm::SmallDenseMap<char, int64_t> sizes;
  Type element;
  for (auto [term, type] : llvm::zip(parsed->inputs, inputs)) {
    auto t = asRanked(type, loc);
    if (failed(t))
      return failure();
    if (element && t->getElementType() != element) {
      (void)emitOptionalError(loc,
                              "einsum inputs have different element "
                              "types: ",
                              element, " and ", t->getElementType());
      return failure();
    }
    element = t->getElementType();
    if ((int64_t)term.size() != t->getRank()) {
      (void)emitOptionalError(loc, "einsum term '", term,
                              "' does not match an input of rank ",
                              t->getRank());
      return failure();
    }
    for (auto [c, size] : llvm::zip(term, t->getShape())) {
      auto [it, inserted] = sizes.try_emplace(c, size);
      if (inserted || it->second == size || size == 1)
        continue;
      if (it->second != 1) {
        (void)emitOptionalError(loc, "einsum letter '", StringRef(&c, 1),
                                "' has sizes ", it->second, " and ", size);
        return failure();
      }
      it->second = size;
    }
  }
  SmallVector<int64_t> shape;
  for (char c : parsed->output) {
    if (!sizes.count(c) || llvm::count(parsed->output, c) != 1) {
      (void)emitOptionalError(loc, "einsum output letter '", StringRef(&c, 1),
                              "' must appear once in the output and in some "
                              "input");
      return failure();
    }
    shape.push_back(sizes[c]);
  }
  return RankedTensorType::get(shape, element);
}

//===----------------------------------------------------------------------===//
// Channel normalisation
//===----------------------------------------------------------------------===//

FailureOr<RankedTensorType>
inferChannelNormType(Type inputType, TypeRange perChannel, OptionalLoc loc) {
  auto input = asRanked(inputType, loc);
  if (failed(input))
    return failure();
  if (input->getRank() < 2) {
    (void)emitOptionalError(loc, "expected an [N, C, ...] input, got ",
                            shapeString(input->getShape()));
    return failure();
  }
  int64_t channels = input->getDimSize(1);
  for (Type type : perChannel) {
    auto t = asRanked(type, loc);
    if (failed(t))
      return failure();
    if (t->getShape() != ArrayRef<int64_t>{channels} ||
        t->getElementType() != input->getElementType()) {
      (void)emitOptionalError(loc, "per-channel operand ", type, " is not a [",
                              channels, "] tensor of the input's element type");
      return failure();
    }
  }
  return *input;
}

} // namespace edgecc::edge
