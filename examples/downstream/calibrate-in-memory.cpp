//===- calibrate-in-memory.cpp - Quantize and lower through the C++ API ---===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A compiler that embeds qnn: it holds its calibration samples in memory
// (here computed; a framework would pass its tensors), prunes, calibrates
// and quantizes a float model with buildQNNQuantizePipeline, prints the
// int8 model, then lowers it with buildQNNToLLVMPipeline. Calibration runs
// the model, so this program links qnn's JIT (QNNExecution) and attaches
// it as the sample runner.
//
//   qnn-calibrate-in-memory            the int8 model, then a summary
//   qnn-calibrate-in-memory bad        samples of the wrong shape: an error
//
//===----------------------------------------------------------------------===//

#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"
#include "qnn/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

// One linear layer with a ReLU, batch 4.
static const char *const kModel = R"mlir(
func.func @forward(%x: tensor<4x4xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[0.5, -1.0], [0.25, 0.75], [-0.5, 1.0], [0.125, -0.25]]> : tensor<4x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x4xf32>, tensor<4x2xf32>) outs(%f : tensor<4x2xf32>) -> tensor<4x2xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%y : tensor<4x2xf32>) outs(%e : tensor<4x2xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}
)mlir";

int main(int argc, char **argv) {
  bool badSamples = argc > 1 && std::strcmp(argv[1], "bad") == 0;
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::qnn::registerAllDialects(registry);
  // Calibration runs the model on qnn's JIT.
  mlir::qnn::registerJITSampleRunner(registry);
  mlir::MLIRContext context(registry);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kModel, &context);
  if (!module)
    return 1;

  // Ten samples of 4 values, as a framework would hand them over.
  mlir::qnn::NpyArray samples;
  samples.dtype = mlir::qnn::DType::F32;
  samples.shape = {10, badSamples ? 5 : 4};
  samples.data.resize(samples.numElements() * sizeof(float));
  for (int64_t i = 0; i < samples.numElements(); ++i)
    samples.as<float>()[i] = static_cast<float>((i * 7) % 11) / 5.0f - 1.0f;

  mlir::qnn::QNNQuantizePipelineOptions options;
  // 2:4 pruning, calibration on the samples above, per-channel int8.
  options.prune.emplace();
  options.prune->pattern = "2:4";
  options.calibrate.emplace();
  options.calibrate->entry = "forward";
  options.samples.emplace();
  options.samples->perArgument.push_back(std::move(samples));
  mlir::PassManager quantize(&context);
  mlir::qnn::buildQNNQuantizePipeline(quantize, options);
  if (mlir::failed(quantize.run(*module)))
    return 1;
  module->print(llvm::outs());
  llvm::outs() << "\n";

  mlir::PassManager lower(&context);
  mlir::qnn::buildQNNToLLVMPipeline(lower, mlir::qnn::QNNToLLVMOptions());
  if (mlir::failed(lower.run(*module)))
    return 1;
  int functions = 0;
  module->walk([&](mlir::Operation *op) {
    functions += op->getName().getStringRef() == "llvm.func";
  });
  llvm::outs() << "lowered to the LLVM dialect: " << functions
               << " functions\n";
  return 0;
}
