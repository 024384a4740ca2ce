//===- FuseNormalization.cpp - LayerNorm and RMSNorm as one op ------------===//
//
// Matched forwards from the first ReduceMean. Exporters spell the inverse
// standard deviation several ways (Div by Sqrt, Reciprocal of Sqrt then Mul,
// Div of one by Sqrt then Mul); all lead to the same op.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Transforms/Passes.h"

#include "Matchers.h"

#include "mlir/IR/Matchers.h"

namespace edgecc {
#define GEN_PASS_DEF_FUSENORMALIZATION
#include "edgecc/Transforms/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

/// A mean over the last dim, kept as size 1.
bool isLastDimMean(edge::ReduceMeanOp op) {
  int64_t rank = op.getInput().getType().getRank();
  return op.getKeepdims() && op.getAxes().size() == 1 &&
         op.getAxes()[0] == rank - 1;
}

/// `square` is value * value or value ^ 2: returns value.
Value squared(Value square) {
  Operation *op = square.getDefiningOp();
  if (auto mul = dyn_cast_if_present<edge::MulOp>(op))
    return mul.getLhs() == mul.getRhs() ? mul.getLhs() : Value();
  if (auto pow = dyn_cast_if_present<edge::PowOp>(op))
    return splatValue(pow.getRhs()) == 2.0f ? pow.getLhs() : Value();
  return {};
}

struct Match {
  Value input, scale, bias;
  bool center = false;
  float epsilon = 0;
  Value result;
  SmallVector<Operation *> ops; // in program order
};

/// From mean(square) (the variance, or the mean square for RMSNorm) to the
/// numerator times its inverse square root.
bool matchScaling(Value variance, Value numerator, Match &match) {
  auto add = dyn_cast_if_present<edge::AddOp>(soleUser(variance));
  if (!add)
    return false;
  auto epsilon = splatValue(otherOperand(add, variance));
  if (!epsilon)
    return false;
  match.epsilon = *epsilon;
  auto sqrt = dyn_cast_if_present<edge::SqrtOp>(soleUser(add));
  if (!sqrt)
    return false;
  match.ops.append({add, sqrt});
  Operation *next = soleUser(sqrt);
  if (auto div = dyn_cast_if_present<edge::DivOp>(next)) {
    if (div.getRhs() != sqrt.getResult())
      return false;
    if (div.getLhs() == numerator) {
      match.ops.push_back(div);
      match.result = div;
      return true;
    }
    if (splatValue(div.getLhs()) != 1.0f)
      return false;
    match.ops.push_back(div);
    next = soleUser(div);
  } else if (auto reciprocal = dyn_cast_if_present<edge::ReciprocalOp>(next)) {
    match.ops.push_back(reciprocal);
    next = soleUser(reciprocal);
  } else {
    return false;
  }
  auto mul = dyn_cast_if_present<edge::MulOp>(next);
  if (!mul || !otherOperand(mul, match.ops.back()->getResult(0)) ||
      otherOperand(mul, match.ops.back()->getResult(0)) != numerator)
    return false;
  match.ops.push_back(mul);
  match.result = mul;
  return true;
}

/// A vector (or single element) fit to scale the last dim of `type`.
bool isAffineVector(Value value, RankedTensorType type) {
  auto t = dyn_cast<RankedTensorType>(value.getType());
  int64_t dim = type.getDimSize(type.getRank() - 1);
  if (!t || t.getElementType() != type.getElementType())
    return false;
  if (t.getRank() == 0)
    return false;
  // [..., 1, dim] with leading ones is a vector too; reshape-free only for 1-D.
  return t.getRank() == 1 && (t.getDimSize(0) == dim || t.getDimSize(0) == 1);
}

std::optional<Match> matchFrom(edge::ReduceMeanOp mean) {
  if (!isLastDimMean(mean))
    return std::nullopt;
  Match match;
  Value x = mean.getInput();
  auto type = cast<RankedTensorType>(x.getType());
  if (Value base = squared(x)) {
    // RMSNorm: mean(x^2) of the input itself.
    if (!x.hasOneUse())
      return std::nullopt;
    match.input = base;
    match.ops = {x.getDefiningOp(), mean};
    if (!matchScaling(mean, base, match))
      return std::nullopt;
  } else {
    // LayerNorm: d = x - mean(x), variance = mean(d^2).
    auto sub = dyn_cast_if_present<edge::SubOp>(soleUser(mean));
    if (!sub || sub.getLhs() != x || sub.getRhs() != mean.getResult())
      return std::nullopt;
    Value centred = sub;
    // Two user ops: the square (x * x uses it twice) and the scaling.
    llvm::SmallPtrSet<Operation *, 4> users(centred.getUsers().begin(),
                                            centred.getUsers().end());
    if (users.size() != 2)
      return std::nullopt;
    Operation *square = nullptr;
    for (Operation *user : centred.getUsers())
      if (squared(user->getResult(0)) == centred)
        square = user;
    if (!square)
      return std::nullopt;
    auto variance = dyn_cast_if_present<edge::ReduceMeanOp>(
        soleUser(square->getResult(0)));
    if (!variance || !isLastDimMean(variance))
      return std::nullopt;
    match.center = true;
    match.input = x;
    match.ops = {mean, sub, square, variance};
    if (!matchScaling(variance, centred, match))
      return std::nullopt;
  }
  // The affine tail: * scale, then + bias.
  if (auto mul = dyn_cast_if_present<edge::MulOp>(soleUser(match.result))) {
    Value scale = otherOperand(mul, match.result);
    if (scale && isAffineVector(scale, type)) {
      match.scale = scale;
      match.ops.push_back(mul);
      match.result = mul;
      if (auto add = dyn_cast_if_present<edge::AddOp>(soleUser(mul))) {
        Value bias = otherOperand(add, match.result);
        if (bias && isAffineVector(bias, type)) {
          match.bias = bias;
          match.ops.push_back(add);
          match.result = add;
        }
      }
    }
  }
  if (match.result.getType() != type)
    return std::nullopt;
  return match;
}

struct FuseNormalization
    : public impl::FuseNormalizationBase<FuseNormalization> {
  void runOnOperation() override {
    SmallVector<edge::ReduceMeanOp> means;
    getOperation().walk([&](edge::ReduceMeanOp op) { means.push_back(op); });
    llvm::DenseSet<Operation *> erased;
    for (edge::ReduceMeanOp mean : means) {
      if (erased.contains(mean))
        continue;
      auto match = matchFrom(mean);
      if (!match)
        continue;
      Operation *last = match->result.getDefiningOp();
      OpBuilder b(last);
      SmallVector<Location> locs;
      for (Operation *op : match->ops)
        locs.push_back(op->getLoc());
      auto fused = edge::NormalizeOp::create(
          b, FusedLoc::get(&getContext(), locs), match->result.getType(),
          match->input, match->scale, match->bias,
          b.getBoolAttr(match->center), b.getF32FloatAttr(match->epsilon));
      match->result.replaceAllUsesWith(fused.getResult());
      for (Operation *op : llvm::reverse(match->ops)) {
        if (op->use_empty()) {
          erased.insert(op);
          op->erase();
        }
      }
    }
  }
};

} // namespace
} // namespace edgecc
