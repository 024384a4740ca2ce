//===- Toolchain.cpp - How to build and run a test harness per target -----===//

#include "Toolchain.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Program.h"

namespace edgecc::driver {

static std::optional<std::string> findTool(llvm::ArrayRef<const char *> names) {
  for (const char *name : names)
    if (auto path = llvm::sys::findProgramByName(name))
      return *path;
  return std::nullopt;
}

static llvm::Error missing(llvm::StringRef what, llvm::StringRef target) {
  return llvm::createStringError(
      llvm::formatv("{0} is needed to check {1} code; run scripts/setup.sh",
                    what, target)
          .str());
}

llvm::Expected<Toolchain> findToolchain(const TargetDesc &target,
                                        llvm::StringRef runtimeDir) {
  Toolchain tc;
  if (target.name == "host") {
    auto cc = findTool({"clang-22", "cc", "gcc"});
    if (!cc)
      return missing("a C compiler (clang-22, cc or gcc)", target.name);
    tc.compiler = *cc;
    tc.compileFlags = {"-O2", "-std=c99"};
    return tc;
  }
  if (target.name == "aarch64" || target.name == "riscv64") {
    std::string triple = target.name + "-linux-gnu";
    auto cc = findTool({(triple + "-gcc").c_str()});
    if (!cc)
      return missing(triple + "-gcc", target.name);
    tc.compiler = *cc;
    // Static: qemu-user then needs no sysroot to run the harness.
    tc.compileFlags = {"-O2", "-std=c99", "-static"};
    std::string qemuName = "qemu-" + target.name;
    auto qemu = findTool({qemuName.c_str()});
    if (!qemu)
      return missing(qemuName, target.name);
    tc.runner = {*qemu};
    if (target.name == "riscv64") {
      unsigned vlen = target.vectorBits ? target.vectorBits : 128;
      tc.runner.push_back("-cpu");
      tc.runner.push_back(
          llvm::formatv("rv64,v=true,vlen={0},vext_spec=v1.0", vlen).str());
    }
    tc.runner.push_back("-L");
    tc.runner.push_back("/usr/" + triple);
    return tc;
  }
  if (target.name == "hexagon") {
    // No libc: freestanding, with the runtime's memcpy/memset and a start
    // file that makes the harness a linux-user program for qemu-hexagon.
    auto cc = findTool({"clang-22"});
    if (!cc)
      return missing("clang-22", target.name);
    tc.compiler = *cc;
    tc.compileFlags = {"--target=hexagon",   "-mcpu=" + target.cpu,
                       "-O2",                "-std=c99",
                       "-ffreestanding",     "-nostdlib",
                       "-fuse-ld=lld",       "-DEDGE_FREESTANDING"};
    tc.extraSources = {runtimeDir.str() + "/src/freestanding.c",
                       runtimeDir.str() + "/src/hexagon-linux-start.S"};
    auto qemu = findTool({"qemu-hexagon"});
    if (!qemu)
      return missing("qemu-hexagon", target.name);
    tc.runner = {*qemu};
    return tc;
  }
  return llvm::createStringError(
      llvm::formatv("edgecc check does not run {0} code yet", target.name)
          .str());
}

int runProgram(const std::vector<std::string> &argv,
               const std::string &stdoutPath, const std::string &stderrPath,
               unsigned timeoutSeconds, std::string &error) {
  std::vector<llvm::StringRef> args(argv.begin(), argv.end());
  std::optional<llvm::StringRef> redirects[] = {
      llvm::StringRef(""), llvm::StringRef(stdoutPath),
      llvm::StringRef(stderrPath)};
  bool failedToRun = false;
  int rc = llvm::sys::ExecuteAndWait(args[0], args, std::nullopt, redirects,
                                     timeoutSeconds, 0, &error, &failedToRun);
  if (failedToRun)
    return -1;
  if (rc == -2) {
    error = "timed out or crashed: " + error;
    return -1;
  }
  return rc;
}

} // namespace edgecc::driver
