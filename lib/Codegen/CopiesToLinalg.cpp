//===- CopiesToLinalg.cpp - memref.copy as linalg.copy --------------------===//

#include "edgecc/Codegen/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace edgecc {
#define GEN_PASS_DEF_COPIESTOLINALG
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

struct CopiesToLinalg : public impl::CopiesToLinalgBase<CopiesToLinalg> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    }
  }
};

} // namespace
} // namespace edgecc
