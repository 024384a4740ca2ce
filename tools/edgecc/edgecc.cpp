//===- edgecc.cpp - The edgecc command-line driver ------------------------===//
//
// `edgecc compile|check|report`: a thin layer over the compiler library.
// Exit codes: 0 success, 1 bad input or a failed check.
//
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "CommandLine.h"
#include "Report.h"

#include "edgecc/Pipeline/Compiler.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace edgecc;

static int runCompile(const driver::DriverOptions &options,
                      const TargetDesc &target) {
  std::string name = options.name.empty()
                         ? modelNameFromPath(options.positional[0])
                         : modelNameFromPath(options.name + ".x");
  auto info = compileWithOptions(options, target, options.positional[0],
                                 options.output, name);
  if (failed(info))
    return 1;
  if (options.emit != "obj") {
    const char *ext = options.emit == "mlir"  ? ".mlir"
                      : options.emit == "asm" ? ".s"
                                              : ".ll";
    llvm::outs() << "edgecc: wrote " << options.output << "/"
                 << name << ext << "\n";
    return 0;
  }
  llvm::outs() << "edgecc: wrote " << options.output << "/" << name
               << ".{o,h,json} for " << target.name << ": arena "
               << info->arenaBytes << " B (liveness lower bound "
               << info->arenaLowerBound << " B), weights "
               << info->weightsBytes << " B, code " << info->codeBytes
               << " B\n";
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  if (argc < 2 || llvm::StringRef(argv[1]) == "--help" ||
      llvm::StringRef(argv[1]) == "-h") {
    driver::printUsage();
    return argc < 2 ? 1 : 0;
  }
  auto options = driver::parseCommandLine(argc - 1, argv + 1);
  if (!options)
    return 1;
  auto target = lookupTarget(options->targetName, options->cpu,
                             options->features, options->riscvVlen);
  if (!target) {
    llvm::errs() << "error: " << llvm::toString(target.takeError()) << "\n";
    return 1;
  }
  if (options->command == "check")
    return driver::runCheck(*options, *target);
  if (options->command == "report")
    return driver::runReport(*options, *target);
  return runCompile(*options, *target);
}
