//===- qnn-opt.cpp - The qnn optimizer driver -----------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the qnn dialect and passes. Every upstream dialect, extension
// and pass is registered too: a user's model may hold any of them (func,
// linalg, tosa, tensor, quant, sparse_tensor, ...) and a qnn pipeline is
// often combined with upstream passes on one command line.
//
//===----------------------------------------------------------------------===//

#include "qnn/InitAllDialects.h"
#include "qnn/InitAllPasses.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::qnn::registerAllDialects(registry);
  mlir::registerAllPasses();
  mlir::qnn::registerAllPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "qnn optimizer: quantize, prune and lower neural networks\n",
      registry));
}
