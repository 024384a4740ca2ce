//===- PackMatmulWeights.cpp - Weights in the microkernel's layout --------===//
//
// Tags the float matmuls the register-blocked kernel computes, packs their
// constant weights into its panel layout (the last panel zero-padded, the
// tile narrowed where that padding would be large: targets/Microkernel.cpp),
// and groups each with the
// elementwise generics that become part of its dispatch (MatmulEpilogue.h):
// those are moved next to the matmul here, on tensors, where moving a pure
// op is always legal, so that the lowering finds them adjacent after
// bufferisation.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Passes.h"
#include "edgecc/Target/Microkernel.h"

#include "MatmulEpilogue.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/RegionUtils.h"

namespace edgecc {
#define GEN_PASS_DEF_PACKMATMULWEIGHTS
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

/// B [K, N] as nr-column panels, the last zero-padded to nr:
/// packed[jb][k][c] = B[k][jb * nr + c], of shape [ceil(N / nr), K, nr].
DenseElementsAttr packPanels(DenseElementsAttr b, int64_t nr) {
  auto type = cast<RankedTensorType>(b.getType());
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  int64_t panels = llvm::divideCeilSigned(n, nr);
  SmallVector<float> values(b.getValues<float>());
  SmallVector<float> packed(panels * k * nr, 0.0f);
  for (int64_t kk = 0; kk < k; ++kk)
    for (int64_t j = 0; j < n; ++j)
      packed[((j / nr) * k + kk) * nr + j % nr] = values[kk * n + j];
  auto packedType = RankedTensorType::get({panels, k, nr}, type.getElementType());
  return DenseElementsAttr::get(packedType, ArrayRef<float>(packed));
}

DictionaryAttr tileAttr(Builder &attrs, const MatmulMicrokernel &kernel) {
  return attrs.getDictionaryAttr(
      {attrs.getNamedAttr("mr", attrs.getI64IntegerAttr(kernel.mr)),
       attrs.getNamedAttr("nr", attrs.getI64IntegerAttr(kernel.nr)),
       attrs.getNamedAttr("lanes", attrs.getI64IntegerAttr(kernel.lanes))});
}

/// Float32 operands of static shape.
bool isF32Static(linalg::LinalgOp op) {
  return llvm::all_of(op->getOperandTypes(), [](Type type) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    return tensor && tensor.hasStaticShape() &&
           tensor.getElementType().isF32();
  });
}

bool isTensorReshape(Operation *op) {
  return isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op);
}

/// Makes the bias broadcast that initialises `matmul`'s accumulators and the
/// elementwise generic that alone reads its result (through reshapes) part
/// of its dispatch: tagged, and moved right before and after it.
void groupWithMatmul(linalg::LinalgOp matmul) {
  auto type = cast<RankedTensorType>(matmul->getResult(0).getType());
  if (type.getRank() != 2)
    return;
  int64_t m = type.getDimSize(0), n = type.getDimSize(1);
  UnitAttr unit = UnitAttr::get(matmul->getContext());

  Value init = matmul.getDpsInits()[0];
  auto prologue = init.getDefiningOp<linalg::GenericOp>();
  if (prologue && init.hasOneUse() && prologue.getNumLoops() == 2 &&
      !prologue->hasAttr(kMatmulEpilogueAttr) &&
      isTileComputable(prologue, m, n)) {
    prologue->moveBefore(matmul);
    prologue->setAttr(kMatmulPrologueAttr, unit);
  }

  Value result = matmul->getResult(0);
  SmallVector<Operation *> reshapes;
  while (result.hasOneUse() && isTensorReshape(*result.getUsers().begin())) {
    reshapes.push_back(*result.getUsers().begin());
    result = reshapes.back()->getResult(0);
  }
  if (!result.hasOneUse())
    return;
  OpOperand &use = *result.getUses().begin();
  auto epilogue = dyn_cast<linalg::GenericOp>(use.getOwner());
  if (!epilogue || epilogue->hasAttr(kMicrokernelAttr) ||
      epilogue->hasAttr(kMatmulEpilogueAttr) ||
      !epilogue.isDpsInput(&use) ||
      !epilogue.getMatchingIndexingMap(&use).isIdentity() ||
      !isTileComputable(epilogue, m, n))
    return;
  // Everything else the epilogue reads, operands and scalars its body takes
  // from outside, must be ready before the matmul.
  SmallVector<Value> others;
  for (OpOperand &operand : epilogue->getOpOperands())
    if (&operand != &use)
      others.push_back(operand.get());
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(epilogue.getRegion(), captured);
  others.append(captured.begin(), captured.end());
  IRRewriter rewriter(matmul->getContext());
  if (failed(moveValueDefinitions(rewriter, others, matmul)))
    return;
  Operation *after = matmul;
  for (Operation *reshape : reshapes) {
    reshape->moveAfter(after);
    after = reshape;
  }
  epilogue->moveAfter(after);
  OpBuilder attrs(matmul->getContext());
  epilogue->setAttr(kMatmulEpilogueAttr,
                    attrs.getI64IntegerAttr(use.getOperandNumber()));
}

struct PackMatmulWeights
    : public impl::PackMatmulWeightsBase<PackMatmulWeights> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto target = module->getAttrOfType<DictionaryAttr>(kTargetAttr);
    auto kernel = f32MatmulMicrokernel(target);
    if (!kernel)
      return;
    MLIRContext *ctx = &getContext();
    Builder attrs(ctx);
    // Products of computed operands (attention's Q K^T, P V) keep B
    // row-major: the kernel reads it in place, masking a partial last
    // vector, so they take the widest tile whatever N.
    DictionaryAttr widest = tileAttr(attrs, *kernel);
    module.walk([&](linalg::BatchMatmulOp op) {
      if (isF32Static(op) && !op.hasUserDefinedMaps())
        op->setAttr(kMicrokernelAttr, widest);
    });
    SmallVector<linalg::MatmulOp> matmuls;
    module.walk([&](linalg::MatmulOp op) { matmuls.push_back(op); });
    for (linalg::MatmulOp op : matmuls) {
      if (!isF32Static(op) || op.hasUserDefinedMaps())
        continue;
      Value a = op.getInputs()[0], b = op.getInputs()[1];
      Value c = op.getOutputs()[0];
      auto cType = cast<RankedTensorType>(c.getType());
      DenseElementsAttr weights;
      if (!matchPattern(b, m_Constant(&weights))) {
        op->setAttr(kMicrokernelAttr, widest);
        continue;
      }
      // Constant weights are padded to whole panels: the tile may narrow.
      auto tile = f32MatmulMicrokernel(target, cType.getDimSize(1));
      if (!tile)
        continue;
      OpBuilder builder(op);
      Location loc = op.getLoc();
      DenseElementsAttr packed = packPanels(weights, tile->nr);
      Value packedB = arith::ConstantOp::create(builder, loc, packed);
      AffineExpr i = getAffineDimExpr(0, ctx), j = getAffineDimExpr(1, ctx),
                 k = getAffineDimExpr(2, ctx);
      SmallVector<AffineMap> maps = {
          AffineMap::get(3, 0, {i, k}, ctx),
          AffineMap::get(3, 0, {j.floorDiv(tile->nr), k, j % tile->nr}, ctx),
          AffineMap::get(3, 0, {i, j}, ctx)};
      SmallVector<utils::IteratorType> iterators = {
          utils::IteratorType::parallel, utils::IteratorType::parallel,
          utils::IteratorType::reduction};
      auto generic = linalg::GenericOp::create(
          builder, loc, cType, ValueRange{a, packedB}, c, maps, iterators,
          [](OpBuilder &b, Location l, ValueRange args) {
            Value product = arith::MulFOp::create(b, l, args[0], args[1]);
            Value sum = arith::AddFOp::create(b, l, args[2], product);
            linalg::YieldOp::create(b, l, sum);
          });
      generic->setAttr(kMicrokernelAttr, tileAttr(attrs, *tile));
      op->replaceAllUsesWith(generic->getResults());
      op->erase();
      // The unpacked weights must not reach .rodata as well.
      if (Operation *unpacked = b.getDefiningOp(); unpacked && unpacked->use_empty())
        unpacked->erase();
    }
    SmallVector<linalg::LinalgOp> kernels;
    module.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kMicrokernelAttr) &&
          !isa<linalg::BatchMatmulOp>(op.getOperation()))
        kernels.push_back(op);
    });
    for (linalg::LinalgOp op : kernels)
      groupWithMatmul(op);
  }
};

} // namespace
} // namespace edgecc
