//===- FuseActivations.cpp - Exported Gelu, SiLU and SwiGLU as named ops --===//
//
// Exporters write activations out op by op (HF's gelu as Mul, Div, Erf, Add,
// Mul; GPT-2's gelu_new with Pow and Tanh; LLaMA's SiLU as x * Sigmoid(x)).
// Recognised, each becomes one named op whose lowering is one loop with the
// project's approximations, and which the codegen can take into a matmul's
// epilogue as a whole. Matching starts at the transcendental (Erf, Tanh,
// Sigmoid), which every spelling has exactly once.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Transforms/Passes.h"

#include "Matchers.h"

#include "llvm/ADT/SetVector.h"

namespace edgecc {
#define GEN_PASS_DEF_FUSEACTIVATIONS
#include "edgecc/Transforms/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

constexpr double kSqrt2 = 1.4142135623730951;
constexpr double kSqrtTwoOverPi = 0.7978845608028654;
constexpr double kGeluCubeCoefficient = 0.044715;

struct Match {
  Value input;  // x
  Value result; // the value the named op replaces
  SmallVector<Operation *> ops;
};

/// `op` is `value * c` (either order) with c a splat near `factor`.
bool isScaling(Operation *op, Value value, double factor) {
  auto mul = dyn_cast_if_present<edge::MulOp>(op);
  return mul && isSplatNear(otherOperand(mul, value), factor);
}

/// `op` halves `value`: Mul by 0.5 (either order) or Div by 2.
bool isHalving(Operation *op, Value value) {
  if (auto div = dyn_cast_if_present<edge::DivOp>(op))
    return div.getLhs() == value && isSplatNear(div.getRhs(), 2.0);
  return isScaling(op, value, 0.5);
}

/// From `onePlus` = 1 + erf(...) or 1 + tanh(...) to x * 0.5 * onePlus,
/// written as (x * 0.5) * onePlus, (x * onePlus) * 0.5 or x * (onePlus * 0.5)
/// in any operand order, the halving as Mul 0.5 or Div 2.
bool matchGeluTail(Value onePlus, Match &match) {
  Value x = match.input;
  Operation *user = soleUser(onePlus);
  if (!user)
    return false;
  Value userResult = user->getResult(0);
  // (1 + e) * 0.5 or (1 + e) / 2, then times x.
  if (isHalving(user, onePlus)) {
    auto mul = dyn_cast_if_present<edge::MulOp>(soleUser(userResult));
    if (!mul || otherOperand(mul, userResult) != x)
      return false;
    match.ops.append({user, mul});
    match.result = mul;
    return true;
  }
  auto mul = dyn_cast<edge::MulOp>(user);
  if (!mul)
    return false;
  Value other = otherOperand(mul, onePlus);
  // x * (1 + e), then halved.
  if (other == x) {
    Operation *half = soleUser(userResult);
    if (!isHalving(half, userResult))
      return false;
    match.ops.append({mul, half});
    match.result = half->getResult(0);
    return true;
  }
  // (x * 0.5) * (1 + e): the halved x has no other user.
  Operation *halfX = other ? other.getDefiningOp() : nullptr;
  if (!halfX || !other.hasOneUse() || !isHalving(halfX, x))
    return false;
  match.ops.append({halfX, mul});
  match.result = mul;
  return true;
}

/// The `1 + value` Add that is the only user of `value`.
Value onePlus(Value value, Match &match) {
  auto add = dyn_cast_if_present<edge::AddOp>(soleUser(value));
  if (!add || !isSplatNear(otherOperand(add, value), 1.0))
    return {};
  match.ops.push_back(add);
  return add;
}

/// x * 0.5 * (1 + Erf(x / sqrt 2)), the division also as Mul by 1/sqrt 2.
std::optional<Match> matchGeluErf(edge::ErfOp erf) {
  Match match;
  Value argument = erf.getInput();
  Operation *scaling = argument.getDefiningOp();
  if (!scaling || !argument.hasOneUse())
    return std::nullopt;
  if (auto div = dyn_cast<edge::DivOp>(scaling)) {
    if (!isSplatNear(div.getRhs(), kSqrt2))
      return std::nullopt;
    match.input = div.getLhs();
  } else if (auto mul = dyn_cast<edge::MulOp>(scaling)) {
    if (isSplatNear(mul.getRhs(), 1 / kSqrt2))
      match.input = mul.getLhs();
    else if (isSplatNear(mul.getLhs(), 1 / kSqrt2))
      match.input = mul.getRhs();
    else
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  match.ops.append({scaling, erf});
  Value sum = onePlus(erf, match);
  if (!sum || !matchGeluTail(sum, match))
    return std::nullopt;
  return match;
}

/// `cube` is Pow(x, 3), (x * x) * x or x * (x * x), its inner product used
/// only there: returns x.
Value cubed(Value cube, Match &match) {
  Operation *op = cube.getDefiningOp();
  if (auto pow = dyn_cast_if_present<edge::PowOp>(op)) {
    if (splatValue(pow.getRhs()) != 3.0f)
      return {};
    match.ops.push_back(pow);
    return pow.getLhs();
  }
  auto mul = dyn_cast_if_present<edge::MulOp>(op);
  if (!mul)
    return {};
  for (auto [square, x] : {std::pair(mul.getLhs(), mul.getRhs()),
                           std::pair(mul.getRhs(), mul.getLhs())}) {
    auto inner = square.getDefiningOp<edge::MulOp>();
    if (inner && square.hasOneUse() && inner.getLhs() == x &&
        inner.getRhs() == x) {
      match.ops.append({inner, mul});
      return x;
    }
  }
  return {};
}

/// 0.5 * x * (1 + Tanh(sqrt(2/pi) * (x + 0.044715 * x^3))).
std::optional<Match> matchGeluTanh(edge::TanhOp tanh) {
  Match match;
  Value argument = tanh.getInput();
  auto scaling = argument.getDefiningOp<edge::MulOp>();
  if (!scaling || !argument.hasOneUse())
    return std::nullopt;
  Value inner = isSplatNear(scaling.getLhs(), kSqrtTwoOverPi)   ? scaling.getRhs()
                : isSplatNear(scaling.getRhs(), kSqrtTwoOverPi) ? scaling.getLhs()
                                                                : Value();
  auto sum = inner ? inner.getDefiningOp<edge::AddOp>() : edge::AddOp();
  if (!sum || !inner.hasOneUse())
    return std::nullopt;
  // One side of the sum is x, the other 0.044715 * x^3 of that same x.
  for (auto [x, term] : {std::pair(sum.getLhs(), sum.getRhs()),
                         std::pair(sum.getRhs(), sum.getLhs())}) {
    auto cubeTerm = term.getDefiningOp<edge::MulOp>();
    if (!cubeTerm || !term.hasOneUse())
      continue;
    Value cube = isSplatNear(cubeTerm.getLhs(), kGeluCubeCoefficient)
                     ? cubeTerm.getRhs()
                 : isSplatNear(cubeTerm.getRhs(), kGeluCubeCoefficient)
                     ? cubeTerm.getLhs()
                     : Value();
    if (!cube || !cube.hasOneUse())
      continue;
    Match attempt;
    if (cubed(cube, attempt) != x)
      continue;
    match.input = x;
    match.ops.append(attempt.ops);
    match.ops.append({cubeTerm, sum, scaling, tanh});
    break;
  }
  if (!match.input)
    return std::nullopt;
  Value total = onePlus(tanh, match);
  if (!total || !matchGeluTail(total, match))
    return std::nullopt;
  return match;
}

/// x * Sigmoid(x), either order.
std::optional<Match> matchSilu(edge::SigmoidOp sigmoid) {
  Value x = sigmoid.getInput();
  auto mul = dyn_cast_if_present<edge::MulOp>(soleUser(sigmoid));
  if (!mul || otherOperand(mul, sigmoid) != x)
    return std::nullopt;
  Match match;
  match.input = x;
  match.ops = {sigmoid, mul};
  match.result = mul;
  return match;
}

/// Replaces `match.result` with the op `build` makes at the last matched op,
/// located at every matched ONNX node, and erases what is left unused.
template <typename BuildFn>
Operation *replaceMatch(const Match &match, BuildFn build) {
  Operation *last = match.result.getDefiningOp();
  OpBuilder b(last);
  SmallVector<Location> locs;
  for (Operation *op : match.ops)
    locs.push_back(op->getLoc());
  Operation *fused = build(b, FusedLoc::get(b.getContext(), locs));
  Value replaced = match.result;
  replaced.replaceAllUsesWith(fused->getResult(0));
  // The matched ops form a tree towards the result: erase users first.
  llvm::SetVector<Operation *> pending(match.ops.begin(), match.ops.end());
  bool erased = true;
  while (erased) {
    erased = false;
    for (Operation *op : pending.takeVector()) {
      if (op->use_empty()) {
        op->erase();
        erased = true;
      } else {
        pending.insert(op);
      }
    }
  }
  return fused;
}

struct FuseActivations : public impl::FuseActivationsBase<FuseActivations> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Each anchor belongs to at most one match, and a match erases only ops
    // of its own, so anchors collected up front stay valid until visited.
    SmallVector<Operation *> anchors;
    module.walk([&](Operation *op) {
      if (isa<edge::ErfOp, edge::TanhOp, edge::SigmoidOp>(op))
        anchors.push_back(op);
    });
    SmallVector<edge::SiluOp> silus;
    for (Operation *anchor : anchors) {
      std::optional<Match> match;
      bool tanhForm = false;
      if (auto erf = dyn_cast<edge::ErfOp>(anchor)) {
        match = matchGeluErf(erf);
      } else if (auto tanh = dyn_cast<edge::TanhOp>(anchor)) {
        match = matchGeluTanh(tanh);
        tanhForm = true;
      } else if (auto sigmoid = dyn_cast<edge::SigmoidOp>(anchor)) {
        if ((match = matchSilu(sigmoid))) {
          silus.push_back(cast<edge::SiluOp>(replaceMatch(
              *match, [&](OpBuilder &b, Location loc) {
                return edge::SiluOp::create(b, loc, match->input);
              })));
          continue;
        }
      }
      if (!match || match->result.getType() != match->input.getType())
        continue;
      replaceMatch(*match, [&](OpBuilder &b, Location loc) {
        return edge::GeluOp::create(b, loc, match->input,
                                    b.getBoolAttr(tanhForm));
      });
    }
    // SwiGLU: a SiLU gating a value of its own type.
    for (edge::SiluOp silu : silus) {
      auto mul = dyn_cast_if_present<edge::MulOp>(soleUser(silu));
      Value up = otherOperand(mul, silu);
      if (!mul || !up || up == silu.getResult() ||
          up.getType() != silu.getType() || mul.getType() != silu.getType())
        continue;
      Match match;
      match.input = silu.getInput();
      match.ops = {silu, mul};
      match.result = mul;
      // The silu's own location already names the Sigmoid and Mul nodes.
      replaceMatch(match, [&](OpBuilder &b, Location loc) {
        return edge::SwiGluOp::create(b, loc, silu.getInput(), up);
      });
    }
  }
};

} // namespace
} // namespace edgecc
