//===- Compiler.cpp - ONNX model to artifacts, end to end -----------------===//

#include "edgecc/Pipeline/Compiler.h"

#include "edge/EdgeOps.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace edgecc {

void registerCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<edge::EdgeDialect>();
}

std::string modelNameFromPath(StringRef path) {
  std::string name;
  for (char c : llvm::sys::path::stem(path))
    name += std::isalnum((unsigned char)c) ? c : '_';
  if (name.empty() || std::isdigit((unsigned char)name[0]))
    name = "m_" + name;
  return name;
}

FailureOr<ModelInfo> compileModel(MLIRContext &ctx,
                                  const CompileRequest &request) {
  OwningOpRef<ModuleOp> module =
      importOnnxFile(&ctx, request.modelPath, request.import);
  if (!module)
    return failure();
  (*module)->setAttr("edge.target", request.target.toAttr(&ctx));

  if (std::error_code ec =
          llvm::sys::fs::create_directories(request.outputDir))
    return emitError((*module).getLoc())
           << "cannot create " << request.outputDir << ": " << ec.message();

  if (request.emit == "mlir") {
    auto main = (*module).lookupSymbol<func::FuncOp>("main");
    auto info = describeModel(main, request.name);
    if (failed(info))
      return failure();
    std::string path = request.outputDir + "/" + request.name + ".mlir";
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    if (ec)
      return emitError((*module).getLoc()) << "cannot write " << path;
    module->print(os);
    return *info;
  }

  PassManager pm(&ctx);
  buildGraphPipeline(pm, request.compiler);
  if (failed(pm.run(*module)))
    return failure();
  if (request.beforeLowering && failed(request.beforeLowering(*module)))
    return failure();
  return lowerAndEmit(*module, request);
}

FailureOr<ModelInfo> lowerAndEmit(ModuleOp module,
                                  const CompileRequest &request) {
  MLIRContext &ctx = *module.getContext();
  auto main = module.lookupSymbol<func::FuncOp>("main");
  auto info = describeModel(main, request.name);
  if (failed(info))
    return failure();
  if (std::error_code ec =
          llvm::sys::fs::create_directories(request.outputDir))
    return emitError(module.getLoc())
           << "cannot create " << request.outputDir << ": " << ec.message();

  // The names now live in `info`; LLVM translation has no use for them.
  for (unsigned i = 0; i < main.getNumArguments(); ++i)
    main.removeArgAttr(i, kTensorNameAttr);
  for (unsigned i = 0; i < main.getNumResults(); ++i)
    main.removeResultAttr(i, StringAttr::get(&ctx, kTensorNameAttr));

  PassManager pm(&ctx);
  buildQuantizeAndConvertPipeline(pm, request.compiler);
  buildCodegenPipeline(pm, request.compiler);
  if (failed(pm.run(module)))
    return failure();

  EmitOptions emit;
  emit.outputDir = request.outputDir;
  emit.optLevel = request.compiler.optLevel;
  emit.kind = request.emit == "asm"    ? EmitKind::Assembly
              : request.emit == "llvm" ? EmitKind::LLVMIR
                                       : EmitKind::Object;
  info->arenaAlign = request.compiler.arenaAlignment;
  if (failed(emitArtifacts(module, *info, request.target, emit)))
    return failure();

  auto write = [&](StringRef suffix, StringRef text) -> LogicalResult {
    std::string path = request.outputDir + "/" + request.name + suffix.str();
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    if (ec)
      return emitError(module.getLoc()) << "cannot write " << path;
    os << text;
    return success();
  };
  if (failed(write(".h", renderHeader(*info))) ||
      failed(write(".json", renderManifest(*info, request.target))))
    return failure();
  return *info;
}

} // namespace edgecc
