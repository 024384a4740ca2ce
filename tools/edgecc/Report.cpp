//===- Report.cpp - edgecc report: memory figures and op compatibility ----===//
//
// The op matrix compiles the model for every target with diagnostics
// collected instead of printed: an op is supported on a target unless a
// diagnostic names one of its nodes. Its lowering column says how the op is
// compiled (direct, decomposed, folded).
//
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "edgecc/Import/OnnxImporter.h"
#include "edgecc/Pipeline/Compiler.h"
#include "edgecc/Support/Diagnostics.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include "onnx/onnx_pb.h"

namespace edgecc::driver {
namespace {

constexpr const char *kTargets[] = {"host", "aarch64", "riscv64", "hexagon"};

/// `text` safe inside a markdown table cell.
std::string markdownCell(llvm::StringRef text) {
  std::string cell;
  for (char c : text) {
    if (c == '|')
      cell += '\\';
    cell += c == '\n' ? ' ' : c;
  }
  return cell;
}

/// Per op type of the model: how many nodes, and each target's verdict.
struct OpRow {
  unsigned count = 0;
  llvm::StringMap<std::string> problems; // target -> first diagnostic
};

/// Compiles into a scratch directory; returns the diagnostics instead of
/// printing them, as (node name, message) pairs ("" for no node).
std::vector<std::pair<std::string, std::string>>
compileCollecting(const DriverOptions &options, const TargetDesc &target,
                  llvm::StringRef model, bool &ok) {
  std::vector<std::pair<std::string, std::string>> diagnostics;
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("edgecc-report", dir)) {
    ok = false;
    diagnostics.push_back({"", "cannot create a temporary directory"});
    return diagnostics;
  }
  mlir::DialectRegistry registry;
  registerCompilerDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &diag) {
    if (diag.getSeverity() == mlir::DiagnosticSeverity::Error)
      diagnostics.push_back({nodeNameOf(diag.getLocation()), diag.str()});
    return mlir::success();
  });
  CompileRequest request;
  request.modelPath = model.str();
  request.outputDir = dir.str().str();
  request.name = "model";
  request.target = target;
  request.import = options.import;
  request.compiler = options.compiler;
  ok = succeeded(compileModel(ctx, request));
  llvm::sys::fs::remove_directories(dir);
  return diagnostics;
}

int reportOps(const DriverOptions &options) {
  llvm::StringRef path = options.positional[0];
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  onnx::ModelProto model;
  if (!buffer || (*buffer)->getBufferSize() > (size_t)INT_MAX ||
      !model.ParseFromArray((*buffer)->getBufferStart(),
                            (int)(*buffer)->getBufferSize())) {
    llvm::errs() << "error: " << path << ": not a readable ONNX model\n";
    return 1;
  }
  // Op types in order of first appearance.
  std::vector<std::pair<std::string, OpRow>> rows;
  llvm::StringMap<size_t> rowOfOp;
  llvm::StringMap<size_t> rowOfNode;
  for (const onnx::NodeProto &node : model.graph().node()) {
    std::string op = node.domain().empty() || node.domain() == "ai.onnx"
                         ? node.op_type()
                         : node.domain() + "." + node.op_type();
    auto [it, inserted] = rowOfOp.try_emplace(op, rows.size());
    if (inserted)
      rows.push_back({op, OpRow()});
    rows[it->second].second.count++;
    std::string name = node.name().empty() && node.output_size()
                           ? node.output(0)
                           : node.name();
    rowOfNode[name] = it->second;
  }

  std::vector<std::string> generalProblems;
  for (const char *targetName : kTargets) {
    auto target = lookupTarget(targetName, "", "", 0);
    if (!target) {
      llvm::consumeError(target.takeError());
      continue;
    }
    bool ok = true;
    for (auto &[node, message] :
         compileCollecting(options, *target, path, ok)) {
      auto row = rowOfNode.find(node);
      if (row == rowOfNode.end()) {
        generalProblems.push_back(std::string(targetName) + ": " + message);
        continue;
      }
      std::string &problem = rows[row->second].second.problems[targetName];
      if (problem.empty())
        problem = message;
    }
  }

  if (options.format == "json") {
    llvm::json::Array ops;
    for (auto &[op, row] : rows) {
      llvm::json::Object targets;
      for (const char *t : kTargets) {
        auto it = row.problems.find(t);
        targets[t] = it == row.problems.end() ? llvm::json::Value("supported")
                                              : llvm::json::Value(it->second);
      }
      ops.push_back(llvm::json::Object{{"op", op},
                                       {"count", row.count},
                                       {"targets", std::move(targets)},
                                       {"lowering", describeOpLowering(op)}});
    }
    llvm::outs() << llvm::formatv(
        "{0:2}\n", llvm::json::Value(llvm::json::Object{
                       {"model", path}, {"ops", std::move(ops)}}));
    return 0;
  }
  llvm::outs() << "# Ops of " << path << "\n\n| op | nodes |";
  for (const char *t : kTargets)
    llvm::outs() << " " << t << " |";
  llvm::outs() << " lowering |\n|---|---|";
  for (size_t i = 0; i < std::size(kTargets); ++i)
    llvm::outs() << "---|";
  llvm::outs() << "---|\n";
  for (auto &[op, row] : rows) {
    llvm::outs() << "| " << op << " | " << row.count << " |";
    for (const char *t : kTargets) {
      auto it = row.problems.find(t);
      llvm::outs() << " "
                   << (it == row.problems.end()
                           ? std::string("yes")
                           : "no: " + markdownCell(it->second))
                   << " |";
    }
    llvm::outs() << " " << markdownCell(describeOpLowering(op)) << " |\n";
  }
  for (const std::string &problem : generalProblems)
    llvm::outs() << "\nerror outside any node: " << problem << "\n";
  return 0;
}

/// The interface and memory figures of the model compiled for `target`.
int reportModel(const DriverOptions &options, const TargetDesc &target) {
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("edgecc-report", dir)) {
    llvm::errs() << "error: cannot create a temporary directory\n";
    return 1;
  }
  auto info = compileWithOptions(options, target, options.positional[0],
                                 dir.str(), "model");
  llvm::sys::fs::remove_directories(dir);
  if (failed(info))
    return 1;
  if (options.format == "json") {
    llvm::outs() << renderManifest(*info, target);
    return 0;
  }
  auto &os = llvm::outs();
  os << "# " << options.positional[0] << " for " << target.name << " ("
     << target.triple << ", " << target.cpu << ")\n\n"
     << "| tensor | kind | dtype | shape | bytes |\n|---|---|---|---|---|\n";
  for (const TensorInfo &t : info->inputs)
    os << "| " << t.name << " | input | " << dtypeName(t.dtype) << " | "
       << shapeText(t.shape) << " | " << t.bytes << " |\n";
  for (const TensorInfo &t : info->outputs)
    os << "| " << t.name << " | output | " << dtypeName(t.dtype) << " | "
       << shapeText(t.shape) << " | " << t.bytes << " |\n";
  os << "\n| figure | bytes |\n|---|---|\n"
     << "| arena | " << info->arenaBytes << " |\n"
     << "| arena lower bound (peak live bytes) | " << info->arenaLowerBound
     << " |\n"
     << "| weights (.rodata.edge_weights) | " << info->weightsBytes << " |\n"
     << "| code | " << info->codeBytes << " |\n";
  return 0;
}

} // namespace

int runReport(const DriverOptions &options, const TargetDesc &target) {
  if (options.format != "md" && options.format != "json") {
    llvm::errs() << "error: --format must be md or json, not '"
                 << options.format << "'\n";
    return 1;
  }
  if (options.reportQuant)
    return reportQuant(options);
  return options.reportOps ? reportOps(options) : reportModel(options, target);
}

} // namespace edgecc::driver
