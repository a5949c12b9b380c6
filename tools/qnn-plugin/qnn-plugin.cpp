//===- qnn-plugin.cpp - qnn as an mlir-opt plugin -------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Lets stock mlir-opt parse qnn IR and run qnn passes:
//   mlir-opt --load-dialect-plugin=QNNPlugin.so \
//            --load-pass-plugin=QNNPlugin.so \
//            --pass-pipeline='builtin.module(qnn-strip-stats)' model.mlir
// Passes from a plugin are not command-line flags of mlir-opt; name them in
// --pass-pipeline.
//
//===----------------------------------------------------------------------===//

#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"
#include "qnn/InitAllPasses.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

using namespace mlir;

extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "QNN", LLVM_VERSION_STRING,
          [](DialectRegistry *registry) {
            qnn::registerAllDialects(*registry);
            // Calibration and measured quantization run the model.
            qnn::registerJITSampleRunner(*registry);
            // Loading only the dialect plugin still makes the passes usable.
            qnn::registerAllPasses();
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "QNN", LLVM_VERSION_STRING,
          []() { qnn::registerAllPasses(); }};
}
