//===- FuseElementwise.cpp - Elementwise fusion, contractions kept whole --===//
//
// Chains of all-parallel generics become one loop nest. A producer with
// several users is normally duplicated into each fused consumer; not when it
// reads a contraction's result, since there it is the matmul's epilogue
// (PackMatmulWeights.cpp groups them) and would otherwise be recomputed
// outside the kernel, making the product a value with two readers; and not
// when it computes a transcendental (exp, tanh, erf), which costs more to
// recompute than to store and reload.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
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

struct FuseElementwise : public impl::FuseElementwiseBase<FuseElementwise> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [](OpOperand *fused) {
          Operation *consumer = fused->getOwner();
          Operation *producer = fused->get().getDefiningOp();
          if (!allParallel(consumer) || !allParallel(producer))
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
      signalPassFailure();
  }
};

} // namespace
} // namespace edgecc
