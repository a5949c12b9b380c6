# -*- Python -*-
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "QNN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.qnn_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", ".so"))
config.substitutions.append(("%qnn_src_root", config.qnn_src_root))
config.substitutions.append(("%qnn_obj_root", config.qnn_obj_root))
config.substitutions.append(("%qnn_lib_dir", config.qnn_lib_dir))
config.substitutions.append(("%qnn_tools_dir", config.qnn_tools_dir))
config.substitutions.append(("%mlir_dir", config.mlir_dir))
config.substitutions.append(("%cmake_command", config.cmake_command))
config.substitutions.append(("%cxx_compiler", config.cxx_compiler))
config.substitutions.append(("%c_compiler", config.c_compiler))
config.substitutions.append(("%cmake_generator", config.cmake_generator))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# Stock MLIR tools come from LLVM's bin directory, qnn's from the build.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.qnn_tools_dir, append_path=True)

config.substitutions.append(
    ("%npy", config.python_executable + " " + os.path.join(config.qnn_src_root, "scripts", "npy.py")))
config.substitutions.append(("%runner_utils", os.path.join(os.path.dirname(config.llvm_tools_dir), "lib", "libmlir_runner_utils.so")))
config.substitutions.append(("%c_runner_utils", os.path.join(os.path.dirname(config.llvm_tools_dir), "lib", "libmlir_c_runner_utils.so")))
config.excludes.append("lit")

# Debian's python3 with numpy (scripts/setup.sh installs python3-numpy):
# tests that check qnn against numpy run with it.
import subprocess
numpy_python = "/usr/bin/python3"
if subprocess.run([numpy_python, "-c", "import numpy"], capture_output=True).returncode == 0:
    config.available_features.add("numpy")
    config.substitutions.append(("%numpy_python", numpy_python))

# The sanitizer build (make sanitize): qnn's binaries carry ASan/UBSan and
# the fuzzers exist. Stock mlir-opt cannot load an instrumented plugin, and
# the downstream example would have to be instrumented too.
if config.qnn_sanitize:
    config.available_features.add("asan")
    config.available_features.add("fuzzers")
    # LLVM headers inlined into instrumented qnn code poison BumpPtrAllocator
    # slabs that the uninstrumented libMLIR then fills without unpoisoning:
    # manual poisoning gives false reports in this mix, so it is ignored.
    config.environment["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=1:allow_user_poisoning=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
config.substitutions.append(("%corpus", config.python_executable + " " + os.path.join(config.qnn_src_root, "test", "lit", "corpus.py")))

tools = [
    "qnn-opt",
    "qnn-run",
    ToolSubst("mlir-runner", os.path.join(config.llvm_tools_dir, "mlir-runner")),
    ToolSubst("mlir-translate", os.path.join(config.llvm_tools_dir, "mlir-translate")),
    ToolSubst("mlir-opt", os.path.join(config.llvm_tools_dir, "mlir-opt")),
    ToolSubst("llc", os.path.join(config.llvm_tools_dir, "llc")),
    # LLVM IR is compiled by the LLVM installation's clang, whatever compiler
    # built qnn.
    ToolSubst("%clang", os.path.join(config.llvm_tools_dir, "clang")),
    ToolSubst("%qnn_unittests", os.path.join(config.qnn_tools_dir, "QNNUnitTests")),
    ToolSubst("qnn-fuzz-opt", os.path.join(config.qnn_tools_dir, "qnn-fuzz-opt")),
    ToolSubst("qnn-fuzz-npy", os.path.join(config.qnn_tools_dir, "qnn-fuzz-npy")),
    ToolSubst("qnn-fuzz-stats", os.path.join(config.qnn_tools_dir, "qnn-fuzz-stats")),
    ToolSubst("qnn-fuzz-run", os.path.join(config.qnn_tools_dir, "qnn-fuzz-run")),
]
llvm_config.add_tool_substitutions(tools, [config.qnn_tools_dir, config.llvm_tools_dir])
