//===- FuseAttention.cpp - Scaled dot-product attention as one op ---------===//
//
// Exporters spell attention as MatMul, scale, mask, Softmax, MatMul. The
// chain is matched backwards from the second MatMul; every intermediate
// must have no other user, so nothing else needs the scores.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Transforms/Passes.h"

#include "Matchers.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"

namespace edgecc {
#define GEN_PASS_DEF_FUSEATTENTION
#include "edgecc/Transforms/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

struct Chain {
  edge::MatMulOp scores;
  float scale = 1.0f, fill = 0.0f;
  Value bias, keep;
};

/// Walks back from the softmax input through an optional mask and scale to
/// the Q @ K^T matmul.
/// From the (masked) scores back through an optional scale to Q @ K^T.
bool matchScaledScores(Value current, Chain &chain) {
  if (auto mul = current.getDefiningOp<edge::MulOp>()) {
    auto scale = splatValue(mul.getRhs());
    Value other = mul.getLhs();
    if (!scale) {
      scale = splatValue(mul.getLhs());
      other = mul.getRhs();
    }
    if (!scale || !current.hasOneUse())
      return false;
    chain.scale = *scale;
    current = other;
  } else if (auto div = current.getDefiningOp<edge::DivOp>()) {
    auto divisor = splatValue(div.getRhs());
    if (!divisor || *divisor == 0.0f || !current.hasOneUse())
      return false;
    chain.scale = 1.0f / *divisor;
    current = div.getLhs();
  }
  chain.scores = current.getDefiningOp<edge::MatMulOp>();
  return chain.scores && current.hasOneUse();
}

/// Walks back from the softmax input through an optional mask and scale to
/// the Q @ K^T matmul.
std::optional<Chain> matchScores(Value logits) {
  Chain chain;
  if (auto add = logits.getDefiningOp<edge::AddOp>(); add && logits.hasOneUse()) {
    // Either operand may be the mask (itself often a Mul, as in BERT's
    // (1 - m) * -10000): the scores are the side that leads to a matmul.
    for (auto [scores, bias] : {std::pair(add.getLhs(), add.getRhs()),
                                std::pair(add.getRhs(), add.getLhs())}) {
      Chain candidate;
      candidate.bias = bias;
      if (scores.hasOneUse() && matchScaledScores(scores, candidate))
        return candidate;
    }
    return std::nullopt;
  }
  Value current = logits;
  if (auto where = logits.getDefiningOp<edge::WhereOp>();
      where && logits.hasOneUse()) {
    auto fill = splatValue(where.getY());
    if (!fill || !where.getX().hasOneUse())
      return std::nullopt;
    chain.keep = where.getCondition();
    chain.fill = *fill;
    current = where.getX();
  }
  if (!matchScaledScores(current, chain))
    return std::nullopt;
  return chain;
}

struct FuseAttention : public impl::FuseAttentionBase<FuseAttention> {
  void runOnOperation() override {
    SmallVector<edge::MatMulOp> candidates;
    getOperation().walk([&](edge::MatMulOp op) { candidates.push_back(op); });
    for (edge::MatMulOp output : candidates) {
      auto softmax = output.getLhs().getDefiningOp<edge::SoftmaxOp>();
      if (!softmax || !softmax->hasOneUse())
        continue;
      auto type = cast<RankedTensorType>(softmax.getType());
      if (type.getRank() < 3 || (int64_t)softmax.getAxis() != type.getRank() - 1)
        continue;
      auto chain = matchScores(softmax.getInput());
      if (!chain)
        continue;
      Value q = chain->scores.getLhs(), kT = chain->scores.getRhs();
      Value v = output.getRhs();
      // Equal batch dims on all three (the op does not broadcast them).
      auto shapeOf = [](Value x) {
        return cast<RankedTensorType>(x.getType()).getShape();
      };
      if (shapeOf(q).size() != shapeOf(kT).size() ||
          shapeOf(q).size() != shapeOf(v).size() ||
          shapeOf(q).drop_back(2) != shapeOf(kT).drop_back(2) ||
          shapeOf(q).drop_back(2) != shapeOf(v).drop_back(2))
        continue;
      OpBuilder b(output);
      Location loc = FusedLoc::get(
          &getContext(), {chain->scores.getLoc(), softmax.getLoc(),
                          output.getLoc()});
      auto attention = edge::AttentionOp::create(
          b, loc, output.getType(), q, kT, v, chain->bias, chain->keep,
          b.getF32FloatAttr(chain->scale), b.getF32FloatAttr(chain->fill));
      if (failed(mlir::verify(attention))) {
        attention.erase();
        continue;
      }
      output.replaceAllUsesWith(attention.getResult());
      // The chain is dead now: erase it from the end.
      SmallVector<Operation *> dead = {output, softmax};
      Operation *op = softmax.getInput().getDefiningOp();
      while (op && op != chain->scores) {
        dead.push_back(op);
        Value next = op->getOperand(0);
        if (isa<edge::WhereOp>(op))
          next = op->getOperand(1);
        else if (isa<edge::AddOp>(op) && op->getOperand(0) == chain->bias)
          next = op->getOperand(1);
        else if (isa<edge::MulOp>(op) && splatValue(op->getOperand(0)))
          next = op->getOperand(1);
        op = next.getDefiningOp();
      }
      dead.push_back(chain->scores);
      for (Operation *d : dead)
        if (d->use_empty())
          d->erase();
    }
  }
};

} // namespace
} // namespace edgecc
