//===- PrintDispatches.cpp - The kernels left after fusion ----------------===//

#include "edgecc/Codegen/Passes.h"
#include "edgecc/Support/Diagnostics.h"

#include "MatmulEpilogue.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

namespace edgecc {
#define GEN_PASS_DEF_PRINTDISPATCHES
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

/// Every ONNX node named in `loc` (fusion merges locations).
/// Node names in order of first mention.
struct NodeList {
  SmallVector<std::string> names;
  llvm::StringSet<> seen;
  void insert(const std::string &name) {
    if (seen.insert(name).second)
      names.push_back(name);
  }
};

void collectNodes(Location loc, NodeList &nodes) {
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location part : fused.getLocations())
      collectNodes(part, nodes);
    return;
  }
  if (std::string name = nodeNameOf(loc); !name.empty())
    nodes.insert(name);
}

/// The generic tagged as `attr` that is part of `matmul`'s dispatch: its
/// accumulators' initialiser, or the reader of its result (through reshapes).
Operation *groupedWith(linalg::LinalgOp matmul, StringRef attr) {
  if (attr == kMatmulPrologueAttr) {
    Operation *init = matmul.getDpsInits()[0].getDefiningOp();
    return init && init->hasAttr(attr) ? init : nullptr;
  }
  Value result = matmul->getResult(0);
  while (result.hasOneUse()) {
    OpOperand &use = *result.getUses().begin();
    Operation *user = use.getOwner();
    if (epilogueOperand(user) == use.getOperandNumber())
      return user;
    if (user->getNumResults() != 1 ||
        !isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(user))
      return nullptr;
    result = user->getResult(0);
  }
  return nullptr;
}

std::string kindOf(linalg::LinalgOp op) {
  if (auto tile = op->getAttrOfType<DictionaryAttr>(kMicrokernelAttr)) {
    std::string kind = "matmul microkernel " +
                       std::to_string(tile.getAs<IntegerAttr>("mr").getInt()) +
                       "x" +
                       std::to_string(tile.getAs<IntegerAttr>("nr").getInt());
    kind += isa<linalg::GenericOp>(op.getOperation())
                ? " (weights packed at compile time)"
                : " (operand read in place)";
    if (groupedWith(op, kMatmulPrologueAttr))
      kind += " + bias";
    if (groupedWith(op, kMatmulEpilogueAttr))
      kind += " + epilogue";
    return kind;
  }
  if (isa<linalg::FillOp>(op.getOperation()))
    return "fill";
  if (isa<linalg::TransposeOp, linalg::CopyOp>(op.getOperation()))
    return "data movement";
  if (linalg::isaContractionOpInterface(op))
    return "contraction";
  if (op.getNumReductionLoops() > 0)
    return "reduction";
  return "elementwise";
}

struct PrintDispatches : public impl::PrintDispatchesBase<PrintDispatches> {
  void runOnOperation() override {
    unsigned index = 0;
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      func.walk<WalkOrder::PreOrder>([&](Operation *op) {
        NodeList nodes;
        collectNodes(op->getLoc(), nodes);
        std::string kind;
        if (auto kernel = op->getAttrOfType<StringAttr>("edge.kernel")) {
          if (kernel.str() == "attention")
            kind = "attention (blocks of query rows, no S x T scores)";
          else if (kernel.str() == "reduction")
            kind = "reduction (one loop, accumulators in registers)";
          else
            kind = kernel.str() + " (one loop over rows)";
        } else if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
          // Fills only initialise accumulators; they say nothing of fusion.
          // Prologues and epilogues are listed with their matmul.
          if (isa<linalg::FillOp>(op) || op->hasAttr(kMatmulPrologueAttr) ||
              op->hasAttr(kMatmulEpilogueAttr))
            return WalkResult::skip();
          kind = kindOf(linalgOp);
          if (linalgOp->hasAttr(kMicrokernelAttr))
            for (StringRef attr : {kMatmulPrologueAttr, kMatmulEpilogueAttr})
              if (Operation *part = groupedWith(linalgOp, attr))
                collectNodes(part->getLoc(), nodes);
        } else {
          return WalkResult::advance();
        }
        llvm::outs() << "dispatch " << index++ << ": " << kind << " <- ";
        if (nodes.names.empty())
          llvm::outs() << "(no ONNX node)";
        llvm::interleaveComma(nodes.names, llvm::outs());
        llvm::outs() << "\n";
        // What a kernel holds inside is not a dispatch of its own.
        return WalkResult::skip();
      });
    }
  }
};

} // namespace
} // namespace edgecc
