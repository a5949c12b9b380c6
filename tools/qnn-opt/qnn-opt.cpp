//===- qnn-opt.cpp - The qnn optimizer driver -----------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the qnn dialect and passes. Every upstream dialect, extension
// and pass is registered too: a user's model may hold any of them (func,
// linalg, tosa, tensor, quant, sparse_tensor, ...) and a qnn pipeline is
// often combined with upstream passes on one command line. The JIT is
// attached as the sample runner of the passes that run the model.
//
// `-o FILE` goes through qnn's one output writer (Support/OutputFile.h), and
// so do the files passes write beside the IR (SideOutputs.h): a failing run
// leaves every one of them as it was.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/SideOutputs.h"
#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"
#include "qnn/InitAllPasses.h"
#include "qnn/Support/OutputFile.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::qnn::registerAllDialects(registry);
  mlir::qnn::registerJITSampleRunner(registry);
  // Side outputs of passes (statistics, reports) are put in place only once
  // the whole run has succeeded.
  mlir::qnn::PendingOutputs sideOutputs;
  mlir::qnn::registerSideOutputs(registry, sideOutputs);
  mlir::registerAllPasses();
  mlir::qnn::registerAllPasses();

  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "qnn optimizer: quantize and lower neural networks\n",
      registry);
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();

  std::string message;
  std::unique_ptr<llvm::MemoryBuffer> input =
      mlir::openInputFile(inputFilename, &message);
  if (!input) {
    llvm::errs() << message << "\n";
    return 1;
  }
  auto output = mlir::qnn::OutputFile::open(outputFilename);
  if (!output) {
    llvm::errs() << "qnn-opt: " << outputFilename << ": "
                 << llvm::toString(output.takeError()) << "\n";
    return 1;
  }
  if (mlir::failed(mlir::MlirOptMain((*output)->os(), std::move(input),
                                     registry, config)))
    return 1;
  if (llvm::Error error = sideOutputs.commitAll()) {
    llvm::errs() << "qnn-opt: " << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  if (llvm::Error error = (*output)->commit()) {
    llvm::errs() << "qnn-opt: " << outputFilename << ": "
                 << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  return 0;
}
