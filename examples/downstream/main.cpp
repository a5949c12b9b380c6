//===- main.cpp - A compiler that uses qnn through its CMake package ------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Registers the qnn dialect, parses a small model, and runs a qnn pass plus
// canonicalization (which folds a quantize of a constant with qnn's folder)
// in the program's own PassManager.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/Passes.h"
#include "qnn/InitAllDialects.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/raw_ostream.h"

static const char *const kModel = R"mlir(
func.func @model(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  %s = qnn.stats %x min = [-1.0], max = [1.0] : tensor<2xf32>
  %w = arith.constant dense<[1.25, -0.75]> : tensor<2xf32>
  %q = qnn.quantize %w : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %s, %q : tensor<2xf32>, tensor<2x!quant.uniform<i8:f32, 0.5>>
}
)mlir";

int main() {
  mlir::DialectRegistry registry;
  mlir::qnn::registerAllDialects(registry);
  registry.insert<mlir::func::FuncDialect>();
  mlir::MLIRContext context(registry);

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kModel, &context);
  if (!module)
    return 1;

  mlir::PassManager pm(&context);
  pm.addPass(mlir::qnn::createQNNStripStatsPass());
  pm.addPass(mlir::createCanonicalizerPass());
  if (mlir::failed(pm.run(*module)))
    return 1;
  module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}
