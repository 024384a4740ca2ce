//===- FuseElementwise.cpp - Elementwise fusion, contractions kept whole --===//

#include "edgecc/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace edgecc {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

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
