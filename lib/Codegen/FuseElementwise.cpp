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
          return allParallel(fused->getOwner()) &&
                 allParallel(fused->get().getDefiningOp());
        });
    linalg::GenericOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace edgecc
