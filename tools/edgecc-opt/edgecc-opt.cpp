//===- edgecc-opt.cpp - mlir-opt with edgecc's dialects and passes --------===//
//
// The tool the lit suite drives: every upstream dialect and pass edgecc uses,
// plus the edge dialect, edgecc's passes and its named pipelines.
//
//===----------------------------------------------------------------------===//

#include "edge/EdgeOps.h"
#include "edgecc/Codegen/Passes.h"
#include "edgecc/Conversion/Passes.h"
#include "edgecc/Transforms/Passes.h"
#include "edgecc/Pipeline/Pipeline.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  edgecc::registerEdgeTransformsPasses();
  edgecc::registerEdgeConversionPasses();
  edgecc::registerEdgeCodegenPasses();
  edgecc::registerEdgeccPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<edgecc::edge::EdgeDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "edgecc optimizer driver\n", registry));
}
