//===- EdgeToLinalg.cpp - The convert-edge-to-linalg pass -----------------===//
//
// Drives the per-family patterns with one type converter (ui8 -> i8) that
// also rewrites function signatures.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Conversion/Passes.h"

#include "Common.h"
#include "edge/EdgeOps.h"

#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Transforms/DialectConversion.h"

namespace edgecc {
#define GEN_PASS_DEF_CONVERTEDGETOLINALG
#include "edgecc/Conversion/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

struct ConvertEdgeToLinalg
    : public impl::ConvertEdgeToLinalgBase<ConvertEdgeToLinalg> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    TypeConverter converter;
    converter.addConversion([](Type type) { return type; });
    converter.addConversion([](RankedTensorType type) -> Type {
      return edge_to_linalg::toSignless(type);
    });

    ConversionTarget target(*ctx);
    target.addIllegalDialect<edge::EdgeDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           scf::SCFDialect, vector::VectorDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return converter.isSignatureLegal(op.getFunctionType());
    });
    target.addDynamicallyLegalOp<func::ReturnOp, func::CallOp>(
        [&](Operation *op) { return converter.isLegal(op); });

    RewritePatternSet patterns(ctx);
    edge_to_linalg::populateElementwisePatterns(converter, patterns);
    edge_to_linalg::populateMatMulPatterns(converter, patterns);
    edge_to_linalg::populateNormalizationPatterns(converter, patterns);
    edge_to_linalg::populateDataMovementPatterns(converter, patterns);
    edge_to_linalg::populateReductionPatterns(converter, patterns);
    edge_to_linalg::populateNNPatterns(converter, patterns);
    edge_to_linalg::populateAttentionPatterns(converter, patterns);
    edge_to_linalg::populateQuantPatterns(converter, patterns);
    edge_to_linalg::populateQuantW4A8Patterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    populateCallOpTypeConversionPattern(patterns, converter);

    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace edgecc
