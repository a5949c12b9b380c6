//===- qnn-fuzz-run.cpp - Fuzz qnn-run's input path -----------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What qnn-run does with an input file: parse the .npy bytes, check the
// array against the entry's signature, and run the compiled model on it.
// Two models with dynamic sizes are compiled once: a float one and a
// quantized int8 matmul against static weights (whose sizes the run-time
// checks enforce). Any input must run or fail with an error; a result must
// have the shape the input implies.
//
//===----------------------------------------------------------------------===//

#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"

#include <cstdint>
#include <cstdlib>

using namespace mlir;
using namespace mlir::qnn;

static const char *const kFloatModel = R"mlir(
func.func @forward(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf32>
  %e = tensor.empty(%n) : tensor<?x4xf32>
  %y = linalg.add ins(%x, %x : tensor<?x4xf32>, tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}
)mlir";

static const char *const kQuantizedModel = R"mlir(
func.func @forward(%x: tensor<?x?x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<?x2x!quant.uniform<i32:f32, 0.125>> {
  %w = qnn.constant dense<[[1, -2], [3, 4], [-5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32, 0.25>>
  %y = qnn.matmul %x, %w : (tensor<?x?x!quant.uniform<i8:f32, 0.5:3>>, tensor<3x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<?x2x!quant.uniform<i32:f32, 0.125>>
  return %y : tensor<?x2x!quant.uniform<i32:f32, 0.125>>
}
)mlir";

static std::unique_ptr<Runner> compile(MLIRContext &context,
                                       const char *source) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  auto runner = Runner::create(std::move(module), "forward");
  if (!runner) {
    llvm::errs() << llvm::toString(runner.takeError()) << "\n";
    std::abort();
  }
  return std::move(*runner);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static MLIRContext *context = [] {
    DialectRegistry registry;
    mlir::registerAllDialects(registry);
    registerAllExtensions(registry);
    qnn::registerAllDialects(registry);
    return new MLIRContext(registry, MLIRContext::Threading::DISABLED);
  }();
  static std::unique_ptr<Runner> runners[] = {
      compile(*context, kFloatModel), compile(*context, kQuantizedModel)};

  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  llvm::Expected<NpyArray> array = parseNpy(bytes, "fuzz");
  if (!array) {
    llvm::consumeError(array.takeError());
    return 0;
  }
  // Large arrays only slow the search down.
  if (array->numElements() > (1 << 16))
    return 0;
  for (std::unique_ptr<Runner> &runner : runners) {
    std::vector<NpyArray> inputs = {*array};
    auto outputs = runner->run(inputs);
    if (!outputs) {
      llvm::consumeError(outputs.takeError());
      continue;
    }
    if (outputs->size() != 1 || (*outputs)[0].shape.size() != 2 ||
        (*outputs)[0].shape[0] != array->shape[0])
      std::abort();
  }
  return 0;
}
