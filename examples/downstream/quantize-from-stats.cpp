//===- quantize-from-stats.cpp - Quantize without the JIT -----------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A compiler that quantizes from ranges recorded in the IR (qnn.stats, or a
// statistics file through qnn-import-stats) and links only qnn's IR-only
// libraries: no JIT, no ExecutionEngine. It runs a pass pipeline of qnn's
// quantization passes on a model file and prints the result:
//
//   qnn-quantize-from-stats model.mlir ['quantize{weight-bits=4}']
//
// Passes that must run the model (qnn-calibrate, quantize with data=) fail
// with an error that says no sample runner is registered: this program
// attaches none.
//
//===----------------------------------------------------------------------===//

#include "qnn/InitAllDialects.h"
#include "qnn/Quantization/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    llvm::errs() << "usage: qnn-quantize-from-stats MODEL.mlir [PIPELINE]\n";
    return 2;
  }
  mlir::DialectRegistry registry;
  mlir::qnn::registerAllDialects(registry);
  registry.insert<mlir::func::FuncDialect, mlir::linalg::LinalgDialect,
                  mlir::tensor::TensorDialect>();
  mlir::MLIRContext context(registry);
  mlir::qnn::registerQNNQuantizationPasses();

  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], sourceMgr,
                                            mlir::ParserConfig(&context));
  if (!module)
    return 1;

  mlir::PassManager pm(&context);
  if (mlir::failed(mlir::parsePassPipeline(argc == 3 ? argv[2] : "quantize", pm,
                                           llvm::errs())))
    return 1;
  if (mlir::failed(pm.run(*module)))
    return 1;
  module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}
