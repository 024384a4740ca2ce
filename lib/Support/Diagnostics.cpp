//===- Diagnostics.cpp - One-line user diagnostics ------------------------===//

#include "edgecc/Support/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace edgecc {

Location nodeLocation(MLIRContext *ctx, StringRef nodeName, StringRef opType) {
  return NameLoc::get(StringAttr::get(ctx, nodeName),
                      NameLoc::get(StringAttr::get(ctx, opType)));
}

std::string describeLocation(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    if (auto opType = dyn_cast<NameLoc>(name.getChildLoc()))
      return ("node '" + name.getName().getValue() + "' (" +
              opType.getName().getValue() + ")")
          .str();
    std::string inner = describeLocation(name.getChildLoc());
    return inner.empty() ? name.getName().getValue().str() : inner;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    // A fused op answers for the first node it came from.
    for (Location part : fused.getLocations()) {
      std::string text = describeLocation(part);
      if (!text.empty())
        return text;
    }
    return "";
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return describeLocation(callSite.getCallee());
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return (file.getFilename().getValue() + ":" + Twine(file.getLine()) + ":" +
            Twine(file.getColumn()))
        .str();
  return "";
}

std::string nodeNameOf(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    if (isa<NameLoc>(name.getChildLoc()))
      return name.getName().getValue().str();
    return nodeNameOf(name.getChildLoc());
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location part : fused.getLocations())
      if (std::string name = nodeNameOf(part); !name.empty())
        return name;
    return "";
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return nodeNameOf(callSite.getCallee());
  return "";
}

OneLineDiagnostics::OneLineDiagnostics(MLIRContext *ctx) : ctx(ctx) {
  id = ctx->getDiagEngine().registerHandler([this](Diagnostic &diag) {
    const char *severity = "error";
    switch (diag.getSeverity()) {
    case DiagnosticSeverity::Error:
      ++errors;
      break;
    case DiagnosticSeverity::Warning:
      severity = "warning";
      break;
    case DiagnosticSeverity::Note:
      // Notes (e.g. "see current operation") would break the one-line rule.
      return success();
    case DiagnosticSeverity::Remark:
      severity = "remark";
      break;
    }
    std::string where = describeLocation(diag.getLocation());
    std::string what = diag.str();
    std::replace(what.begin(), what.end(), '\n', ' ');
    llvm::errs() << severity << ": " << (where.empty() ? "" : where + ": ")
                 << what << "\n";
    return success();
  });
}

OneLineDiagnostics::~OneLineDiagnostics() {
  ctx->getDiagEngine().eraseHandler(id);
}

} // namespace edgecc
