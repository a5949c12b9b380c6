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
// `-o FILE` is written atomically: to a temporary file beside FILE that is
// renamed over it only on success. MlirOptMain alone opens and truncates the
// output before running, so a failing run would destroy a good FILE.
//
//===----------------------------------------------------------------------===//

#include "qnn/InitAllDialects.h"
#include "qnn/InitAllPasses.h"
#include "qnn/Support/OutputFile.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::qnn::registerAllDialects(registry);
  mlir::registerAllPasses();
  mlir::qnn::registerAllPasses();

  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "qnn optimizer: quantize, prune and lower neural networks\n",
      registry);
  // Standard output and special files (/dev/null) are written directly.
  if (outputFilename == "-" || mlir::qnn::isSpecialFile(outputFilename))
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));

  llvm::SmallString<256> temporary;
  int fd = -1;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(
          outputFilename + ".tmp-%%%%%%", fd, temporary)) {
    llvm::errs() << "qnn-opt: cannot create a file beside '" << outputFilename
                 << "': " << ec.message() << "\n";
    return 1;
  }
  llvm::sys::fs::closeFile(fd);
  mlir::LogicalResult result =
      mlir::MlirOptMain(argc, argv, inputFilename, temporary, registry);
  if (mlir::failed(result)) {
    llvm::sys::fs::remove(temporary);
    return 1;
  }
  if (std::error_code ec = llvm::sys::fs::rename(temporary, outputFilename)) {
    llvm::errs() << "qnn-opt: cannot write '" << outputFilename
                 << "': " << ec.message() << "\n";
    llvm::sys::fs::remove(temporary);
    return 1;
  }
  return 0;
}
