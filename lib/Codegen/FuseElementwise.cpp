//===- FuseElementwise.cpp - Elementwise fusion, contractions kept whole --===//
//
// Chains of all-parallel generics become one loop nest. A producer with
// several users is normally duplicated into each fused consumer; not when it
// reads a contraction's result, since there it is the matmul's epilogue
// (PackMatmulWeights.cpp groups them) and would otherwise be recomputed
// outside the kernel, making the product a value with two readers; and not
// when it computes a transcendental (exp, tanh, erf), which costs more to
// recompute than to store and reload. A producer the consumer reads through
// a broadcast is never fused: it computes fewer values than the consumer's
// loop would recompute (a per-tensor scale from a min and a max, with its
// divisions, once per element).
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace edgecc {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

/// `value` is a contraction's result, maybe reshaped.
bool isContractionResult(Value value) {
  Operation *op = value.getDefiningOp();
  while (isa_and_present<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op))
    op = op->getOperand(0).getDefiningOp();
  auto linalgOp = dyn_cast_if_present<linalg::LinalgOp>(op);
  return linalgOp && linalg::isaContractionOpInterface(linalgOp);
}

bool hasTranscendental(Operation *op) {
  return op
      ->walk([](Operation *inner) {
        return isa<math::MathDialect>(inner->getDialect())
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

bool allParallel(Operation *op) {
  auto linalgOp = dyn_cast_if_present<linalg::LinalgOp>(op);
  return linalgOp &&
         linalgOp.getNumLoops() == linalgOp.getNumParallelLoops();
}

/// The rank-0 inputs of an all-parallel generic become scalars extracted
/// before it and used in its body: after bufferisation a load before the
/// loop instead of one per element, which LLVM cannot hoist when the loop
/// stores into the same arena (and then does not vectorise the loop either).
void extractScalarInputs(linalg::GenericOp op) {
  SmallVector<OpOperand *> scalars;
  for (OpOperand *input : op.getDpsInputOperands()) {
    auto type = dyn_cast<RankedTensorType>(input->get().getType());
    if (type && type.getRank() == 0)
      scalars.push_back(input);
  }
  if (scalars.empty() || !allParallel(op))
    return;
  OpBuilder b(op);
  Location loc = op.getLoc();
  IRMapping mapping;
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (OpOperand *input : op.getDpsInputOperands()) {
    BlockArgument arg = op.getMatchingBlockArgument(input);
    if (llvm::is_contained(scalars, input)) {
      mapping.map(arg, tensor::ExtractOp::create(b, loc, input->get(),
                                                 ValueRange{}));
      continue;
    }
    inputs.push_back(input->get());
    maps.push_back(op.getMatchingIndexingMap(input));
  }
  for (OpOperand &init : op.getDpsInitsMutable())
    maps.push_back(op.getMatchingIndexingMap(&init));
  auto replacement = linalg::GenericOp::create(
      b, loc, op->getResultTypes(), inputs, op.getDpsInits(), maps,
      op.getIteratorTypesArray(),
      [&](OpBuilder &nb, Location, ValueRange args) {
        Block *body = op.getBody();
        unsigned next = 0;
        for (OpOperand *input : op.getDpsInputOperands())
          if (!llvm::is_contained(scalars, input))
            mapping.map(op.getMatchingBlockArgument(input), args[next++]);
        for (OpOperand &init : op.getDpsInitsMutable())
          mapping.map(op.getMatchingBlockArgument(&init), args[next++]);
        for (Operation &inner : body->getOperations())
          nb.clone(inner, mapping);
      });
  replacement->setDiscardableAttrs(op->getDiscardableAttrDictionary());
  op->replaceAllUsesWith(replacement->getResults());
  op->erase();
}

struct FuseElementwise : public impl::FuseElementwiseBase<FuseElementwise> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [](OpOperand *fused) {
          Operation *consumer = fused->getOwner();
          Operation *producer = fused->get().getDefiningOp();
          if (!allParallel(consumer) || !allParallel(producer))
            return false;
          if (!cast<linalg::LinalgOp>(consumer)
                   .getMatchingIndexingMap(fused)
                   .isPermutation())
            return false;
          if (!fused->get().hasOneUse() &&
              (llvm::any_of(producer->getOperands(), isContractionResult) ||
               hasTranscendental(producer)))
            return false;
          // The fused loop is built at the consumer's location: make it name
          // the producer's ONNX nodes too (--print-dispatches reads them).
          consumer->setLoc(FusedLoc::get(
              consumer->getContext(), {consumer->getLoc(), producer->getLoc()}));
          return true;
        });
    linalg::GenericOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp op) { generics.push_back(op); });
    for (linalg::GenericOp op : generics)
      extractScalarInputs(op);
  }
};

} // namespace
} // namespace edgecc
