//===- PackIntegerMatmulWeights.cpp - int8 weights in the kernel's layout -===//
//
// A signed int8 x int8 -> int32 linalg.matmul (what EdgeToLinalg makes of
// edge.matmul_integer) whose B is a constant gets B repacked at compile time
// into the layout the target's integer microkernel reads (see
// targets/Microkernel.cpp):
//   packed[jb][kb][c * kGroup + t] = B[kb * kGroup + t][jb * nr + c]
// of shape [ceil(N / nr), ceil(K / kGroup), nr * kGroup], zero beyond K and
// N. Each 16-byte vector of a panel is then exactly one sdot's (4 columns x
// 4 k) or one smmla's (2 columns x 8 k) B operand, and the padding makes
// every panel and every k group whole, so the kernel's inner loop has no
// remainder on the B side (zero weights add nothing, whatever A holds there).
// Weights live in flash: a matmul whose padding would add more than a
// quarter to its weight bytes (a narrow N such as a 10-class head against
// 8-column panels) keeps its generic loops and its unpadded weights.
// The matmul becomes a linalg.generic over the packed layout tagged
// `edge.integer_microkernel`; any later lowering of it computes the same
// product. The smmla kernel also needs A's rows interleaved in pairs per
// 8 k; it writes them, one block of mr rows at a time, into a scratch tensor
// [ceil(K / 8), mr / 2, 16] that this pass adds as a third input (read
// through the map of the layout, ignored by the generic's body), so that the
// buffer gets its place in the arena like any other.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Passes.h"
#include "edgecc/Target/Microkernel.h"

#include "mlir/IR/Matchers.h"

namespace edgecc {
#define GEN_PASS_DEF_PACKINTEGERMATMULWEIGHTS
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

int64_t ceilDiv(int64_t x, int64_t y) { return (x + y - 1) / y; }

/// B [K, N] (int8) in the packed layout of the file header.
DenseElementsAttr packIntegerPanels(DenseElementsAttr b, int64_t nr,
                                    int64_t kGroup) {
  auto type = cast<RankedTensorType>(b.getType());
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  int64_t panels = ceilDiv(n, nr), groups = ceilDiv(k, kGroup);
  SmallVector<int8_t> values;
  values.reserve(k * n);
  for (const APInt &value : b.getValues<APInt>())
    values.push_back(int8_t(value.getSExtValue()));
  int64_t panelBytes = groups * nr * kGroup;
  SmallVector<int8_t> packed(panels * panelBytes, 0);
  for (int64_t kk = 0; kk < k; ++kk)
    for (int64_t j = 0; j < n; ++j)
      packed[(j / nr) * panelBytes + (kk / kGroup) * nr * kGroup +
             (j % nr) * kGroup + kk % kGroup] = values[kk * n + j];
  auto packedType = RankedTensorType::get({panels, groups, nr * kGroup},
                                          type.getElementType());
  return DenseElementsAttr::get(packedType, ArrayRef<int8_t>(packed));
}

/// Whether the packed weights stay within 5/4 of the unpadded ones.
bool isPaddingAffordable(RankedTensorType weights, int64_t nr,
                         int64_t kGroup) {
  int64_t k = weights.getDimSize(0), n = weights.getDimSize(1);
  int64_t packed = llvm::divideCeil(n, nr) * nr * llvm::divideCeil(k, kGroup) *
                   kGroup;
  return 4 * packed <= 5 * k * n;
}

/// A linalg.matmul of static int8 operands into int32 with a constant B.
bool isPackableIntegerMatmul(linalg::MatmulOp op, DenseElementsAttr &weights) {
  if (op.hasUserDefinedMaps() || op.getInputs().size() != 2 ||
      op.getOutputs().size() != 1)
    return false;
  auto isStatic = [](Value value, unsigned width) {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    return type && type.hasStaticShape() &&
           type.getElementType().isSignlessInteger(width);
  };
  return isStatic(op.getInputs()[0], 8) && isStatic(op.getInputs()[1], 8) &&
         isStatic(op.getOutputs()[0], 32) &&
         matchPattern(op.getInputs()[1], m_Constant(&weights));
}

struct PackIntegerMatmulWeights
    : public impl::PackIntegerMatmulWeightsBase<PackIntegerMatmulWeights> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto kernel = i8MatmulMicrokernel(
        module->getAttrOfType<DictionaryAttr>(kTargetAttr));
    if (!kernel)
      return;
    MLIRContext *ctx = &getContext();
    Builder attrs(ctx);
    DictionaryAttr tile = attrs.getDictionaryAttr(
        {attrs.getNamedAttr(
             "kind", attrs.getStringAttr(
                         stringifyIntegerKernelKind(kernel->kind))),
         attrs.getNamedAttr("mr", attrs.getI64IntegerAttr(kernel->mr)),
         attrs.getNamedAttr("nr", attrs.getI64IntegerAttr(kernel->nr)),
         attrs.getNamedAttr("k_group",
                            attrs.getI64IntegerAttr(kernel->kGroup)),
         attrs.getNamedAttr("lanes",
                            attrs.getI64IntegerAttr(kernel->lanes))});
    SmallVector<linalg::MatmulOp> matmuls;
    module.walk([&](linalg::MatmulOp op) { matmuls.push_back(op); });
    for (linalg::MatmulOp op : matmuls) {
      DenseElementsAttr weights;
      if (!isPackableIntegerMatmul(op, weights) ||
          !isPaddingAffordable(cast<RankedTensorType>(weights.getType()),
                               kernel->nr, kernel->kGroup))
        continue;
      OpBuilder builder(op);
      Location loc = op.getLoc();
      Value a = op.getInputs()[0], b = op.getInputs()[1];
      Value c = op.getOutputs()[0];
      Value packedB = arith::ConstantOp::create(
          builder, loc,
          packIntegerPanels(weights, kernel->nr, kernel->kGroup));
      int64_t nr = kernel->nr, kGroup = kernel->kGroup;
      AffineExpr i = getAffineDimExpr(0, ctx), j = getAffineDimExpr(1, ctx),
                 k = getAffineDimExpr(2, ctx);
      SmallVector<AffineMap> maps = {
          AffineMap::get(3, 0, {i, k}, ctx),
          AffineMap::get(3, 0,
                         {j.floorDiv(nr), k.floorDiv(kGroup),
                          (j % nr) * kGroup + k % kGroup},
                         ctx),
          AffineMap::get(3, 0, {i, j}, ctx)};
      SmallVector<utils::IteratorType> iterators = {
          utils::IteratorType::parallel, utils::IteratorType::parallel,
          utils::IteratorType::reduction};
      SmallVector<Value> inputs = {a, packedB};
      if (kernel->kind == IntegerMatmulMicrokernel::Kind::MatrixMultiply) {
        int64_t mr = kernel->mr;
        int64_t k8 = (cast<ShapedType>(a.getType()).getDimSize(1) + 7) / 8;
        inputs.push_back(bufferization::AllocTensorOp::create(
            builder, loc,
            RankedTensorType::get({k8, mr / 2, 16}, builder.getI8Type()),
            ValueRange{}));
        maps.insert(maps.begin() + 2,
                    AffineMap::get(3, 0,
                                   {k.floorDiv(8), (i % mr).floorDiv(2),
                                    (i % 2) * 8 + k % 8},
                                   ctx));
      }
      auto generic = linalg::GenericOp::create(
          builder, loc, c.getType(), inputs, c, maps,
          iterators, [](OpBuilder &nb, Location l, ValueRange args) {
            Type i32 = nb.getI32Type();
            Value x = arith::ExtSIOp::create(nb, l, i32, args[0]);
            Value y = arith::ExtSIOp::create(nb, l, i32, args[1]);
            Value product = arith::MulIOp::create(nb, l, x, y);
            linalg::YieldOp::create(
                nb, l,
                arith::AddIOp::create(nb, l, args.back(), product)
                    .getResult());
          });
      generic->setAttr(kIntegerMicrokernelAttr, tile);
      op->replaceAllUsesWith(generic->getResults());
      op->erase();
      // The unpacked weights must not reach .rodata as well.
      if (Operation *unpacked = b.getDefiningOp();
          unpacked && unpacked->use_empty())
        unpacked->erase();
    }
  }
};

} // namespace
} // namespace edgecc
