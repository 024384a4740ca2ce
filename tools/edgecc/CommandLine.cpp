//===- CommandLine.cpp - edgecc's command-line options --------------------===//

#include "CommandLine.h"
#include "Calibrate.h"

#include "edgecc/Support/Diagnostics.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

namespace edgecc::driver {

void printUsage() {
  llvm::outs()
      << "usage:\n"
         "  edgecc compile MODEL.onnx --target=T [--cpu=C] [--features=+a,-b]\n"
         "         [-O0..-O3] [--input-shape=NAME:1x128]... "
         "[--emit=obj|asm|llvm|mlir]\n"
         "         [--input-value=NAME:TENSOR.pb]... [--print-dispatches]\n"
         "         [--quantize=none|int8|int4|w4a8 [--quantize-group=32] "
         "[--quantize-asymmetric]]\n"
         "         [--calibration=DIR [--calibration-method=minmax|percentile|"
         "entropy]\n"
         "          [--calibration-percentile=99.99]]\n"
         "         [--keep-float=auto|NODE,... [--keep-float-threshold=0.01]]\n"
         "         [--name=N] -o OUTDIR\n"
         "  edgecc check DIR --target=T [compile options] [--keep-temps] [--rtol=1e-3] "
         "[--atol=1e-4]\n"
         "         [--min-cosine=0.99]   (float outputs: cosine similarity instead)\n"
         "  edgecc report MODEL.onnx --target=T [--format=md|json]\n"
         "  edgecc report --ops MODEL.onnx [--format=md|json]   (every target)\n"
         "  edgecc report --quant MODEL.onnx --calibration=DIR [--quantize=int8|int4]\n"
         "         [--calibration-method=M] [--keep-float=auto] [--format=md|json]\n"
         "targets: host, aarch64, riscv64 (--riscv-vlen=128|256|512), "
         "hexagon\n";
}

static bool fail(const std::string &message) {
  llvm::errs() << "error: " << message << "\n";
  return false;
}

static bool parseDouble(llvm::StringRef text, double &out) {
  return !text.getAsDouble(out) && out >= 0;
}

std::optional<DriverOptions> parseCommandLine(int argc, char **argv) {
  DriverOptions o;
  if (argc < 1) {
    fail("missing command (compile, check or report); see edgecc --help");
    return std::nullopt;
  }
  o.command = argv[0];
  if (o.command != "compile" && o.command != "check" && o.command != "report") {
    fail("unknown command '" + o.command +
         "' (expected compile, check or report)");
    return std::nullopt;
  }
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    // --flag=VALUE or --flag VALUE; --flag-longer is another flag.
    auto value = [&](llvm::StringRef flag) -> std::optional<std::string> {
      llvm::StringRef rest = arg;
      if (rest.consume_front(flag)) {
        if (rest.consume_front("="))
          return rest.str();
        if (rest.empty() && i + 1 < argc)
          return std::string(argv[++i]);
      }
      return std::nullopt;
    };
    bool ok = true;
    if (auto v = value("--target"))
      o.targetName = *v;
    else if (auto v = value("--cpu"))
      o.cpu = *v;
    else if (auto v = value("--features"))
      o.features = *v;
    else if (auto v = value("--emit")) {
      o.emit = *v;
      if (o.emit != "obj" && o.emit != "asm" && o.emit != "llvm" &&
          o.emit != "mlir")
        ok = fail("--emit must be obj, asm, llvm or mlir, not '" + *v + "'");
    } else if (auto v = value("--name"))
      o.name = *v;
    else if (auto v = value("--format"))
      o.format = *v;
    else if (auto v = value("--input-shape")) {
      if (!parseInputShape(*v, o.import))
        ok = fail("--input-shape wants NAME:DIMS like x:1x128, not '" + *v +
                  "'");
    } else if (auto v = value("--input-value")) {
      if (!parseInputValue(*v, o.import))
        ok = fail("--input-value wants NAME:FILE.pb (a serialized ONNX "
                  "TensorProto), not '" + *v + "'");
    } else if (auto v = value("--riscv-vlen")) {
      unsigned vlen = 0;
      if (llvm::StringRef(*v).getAsInteger(10, vlen) ||
          (vlen != 128 && vlen != 256 && vlen != 512))
        ok = fail("--riscv-vlen must be 128, 256 or 512");
      o.riscvVlen = vlen;
    } else if (auto v = value("--quantize")) {
      if (*v == "int4")
        o.compiler.quantizeBits = 4;
      else if (*v == "int8")
        o.compiler.quantizeBits = 8;
      else if (*v == "w4a8") {
        o.compiler.quantizeBits = 4;
        o.compiler.quantizeInt8Activations = true;
      } else if (*v != "none")
        ok = fail("--quantize=" + *v + " is not supported (none, int8, int4 "
                  "or w4a8)");
    } else if (auto v = value("--quantize-group")) {
      int64_t group = 0;
      ok = (!llvm::StringRef(*v).getAsInteger(10, group) && group >= 16 &&
            (group & (group - 1)) == 0) ||
           fail("--quantize-group wants a power of two >= 16");
      o.compiler.quantizeGroup = group;
    } else if (auto v = value("--calibration-method")) {
      auto method = quant::parseCalibrationMethod(*v);
      ok = method || fail("--calibration-method must be minmax, percentile or "
                          "entropy, not '" + *v + "'");
      if (method)
        o.calibration.method = *method;
    } else if (auto v = value("--calibration-percentile")) {
      ok = (parseDouble(*v, o.calibration.percentile) &&
            o.calibration.percentile > 50 && o.calibration.percentile <= 100) ||
           fail("--calibration-percentile wants a number in (50, 100]");
    } else if (auto v = value("--calibration"))
      o.calibrationDir = *v;
    else if (auto v = value("--keep-float-threshold"))
      ok = parseDouble(*v, o.keepFloatThreshold) ||
           fail("--keep-float-threshold wants a number >= 0");
    else if (auto v = value("--keep-float"))
      o.keepFloat = *v;
    else if (auto v = value("--min-cosine"))
      ok = parseDouble(*v, o.minCosine) || fail("--min-cosine wants a number");
    else if (auto v = value("--rtol"))
      ok = parseDouble(*v, o.rtol) || fail("--rtol wants a number >= 0");
    else if (auto v = value("--atol"))
      ok = parseDouble(*v, o.atol) || fail("--atol wants a number >= 0");
    else if (arg == "-o" && i + 1 < argc)
      o.output = argv[++i];
    else if (arg.starts_with("-o") && arg.size() > 2 && arg[2] != '-')
      o.output = arg.drop_front(2).str();
    else if (arg.size() == 3 && arg.starts_with("-O") && arg[2] >= '0' &&
             arg[2] <= '3')
      o.compiler.optLevel = arg[2] - '0';
    else if (arg == "--keep-temps")
      o.keepTemps = true;
    else if (arg == "--quantize-asymmetric")
      o.compiler.quantizeAsymmetric = true;
    else if (arg == "--print-dispatches")
      o.compiler.printDispatches = true;
    else if (arg == "--ops" && o.command == "report")
      o.reportOps = true;
    else if (arg == "--quant" && o.command == "report")
      o.reportQuant = true;
    else if (arg.starts_with("-"))
      ok = fail("unknown option '" + arg.str() + "'; see edgecc --help");
    else
      o.positional.push_back(arg.str());
    if (!ok)
      return std::nullopt;
  }
  if (o.positional.size() != 1) {
    fail(o.command + " takes exactly one " +
         (o.command == "check" ? "test directory" : "model file") + ", got " +
         std::to_string(o.positional.size()));
    return std::nullopt;
  }
  if (o.command == "compile" && o.output.empty()) {
    fail("compile needs an output directory: -o OUTDIR");
    return std::nullopt;
  }
  if (o.reportQuant) {
    if (o.calibrationDir.empty()) {
      fail("report --quant needs --calibration=DIR");
      return std::nullopt;
    }
    if (!o.compiler.quantizeBits)
      o.compiler.quantizeBits = 8;
  }
  if (o.compiler.quantizeAsymmetric && o.compiler.quantizeBits != 4) {
    fail("--quantize-asymmetric is for --quantize=int4 (int8 weights are "
         "symmetric per column)");
    return std::nullopt;
  }
  if (!o.calibrationDir.empty() && !o.compiler.quantizeBits) {
    fail("--calibration needs --quantize=int8 or int4");
    return std::nullopt;
  }
  if (o.keepFloat == "auto" && o.calibrationDir.empty()) {
    fail("--keep-float=auto needs --calibration=DIR (the error of each layer "
         "is measured on it)");
    return std::nullopt;
  }
  return o;
}

mlir::FailureOr<ModelInfo>
compileWithOptions(const DriverOptions &options, const TargetDesc &target,
                   llvm::StringRef modelPath, llvm::StringRef outputDir,
                   llvm::StringRef name, CalibrationResult *calibrationOut) {
  mlir::DialectRegistry registry;
  registerCompilerDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  OneLineDiagnostics diagnostics(&ctx);
  CompileRequest request;
  request.modelPath = modelPath.str();
  request.outputDir = outputDir.str();
  request.name = name.str();
  request.target = target;
  request.import = options.import;
  request.compiler = options.compiler;
  request.emit = options.emit;
  request.beforeLowering = [&](mlir::ModuleOp graph) -> mlir::LogicalResult {
    if (failed(keepNamedProductsInFloat(graph, options)))
      return mlir::failure();
    if (options.calibrationDir.empty())
      return mlir::success();
    auto calibration = calibrate(graph, modelPath, options);
    if (!calibration)
      return mlir::emitError(graph.getLoc())
             << llvm::toString(calibration.takeError());
    if (calibrationOut)
      *calibrationOut = std::move(*calibration);
    else
      llvm::outs() << "edgecc: " << describeCalibration(*calibration, options)
                   << "\n";
    return mlir::success();
  };
  return compileModel(ctx, request);
}

} // namespace edgecc::driver
