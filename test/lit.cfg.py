# -*- Python -*-
# lit configuration of the edgecc suite. Tests are discovered by directory;
# end-to-end tests that need a cross runner declare REQUIRES: qemu-aarch64
# (or qemu-riscv64, qemu-hexagon).
import os
import shutil

import lit.formats
from lit.llvm import llvm_config

config.name = "edgecc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["lib", "Inputs", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.edgecc_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.edgecc_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

src = config.edgecc_src_root
data = config.edgecc_test_data
# Debian's python3 sees python3-onnx; another python3 first on PATH may not.
python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
config.substitutions.append(("%python", python))
config.substitutions.append(
    ("%onnx-from-text", python + " " + os.path.join(src, "test/lib/onnx-from-text.py")))
config.substitutions.append(("%node_tests", os.path.join(data, "node")))
config.substitutions.append(("%models", os.path.join(data, "models")))
config.substitutions.append(("%src_root", src))
# The shared conformance material (node-test generator, in-scope list).
config.substitutions.append(("%shared", os.environ.get(
    "EDGECC_SHARED_DIR", os.path.join(os.path.dirname(src), "shared"))))

tools = ["edgecc", "edgecc-opt"]
llvm_config.add_tool_substitutions(tools, [config.edgecc_tools_dir])

if shutil.which("qemu-aarch64") and shutil.which("aarch64-linux-gnu-gcc"):
    config.available_features.add("qemu-aarch64")
if shutil.which("qemu-riscv64") and shutil.which("riscv64-linux-gnu-gcc"):
    config.available_features.add("qemu-riscv64")
if all(shutil.which(t) for t in ("qemu-hexagon", "clang-22", "ld.lld-22")):
    config.available_features.add("qemu-hexagon")
