//===- PipelinesTest.cpp - The C++ pipeline functions ---------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// buildQNNQuantizePipeline as a compiler that embeds qnn calls it, with
// calibration samples held in memory: the ranges recorded are the samples'
// own, and samples that do not fit the entry are errors, not ranges.
//
//===----------------------------------------------------------------------===//

#include "qnn/Pipelines/Pipelines.h"
#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::qnn;

namespace {

// A linear layer of batch 2 with a bias.
const char *const kModel = R"mlir(
func.func @forward(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[0.5, -1.0], [0.25, 0.75], [-0.5, 1.0]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
)mlir";

class PipelinesTest : public ::testing::Test {
protected:
  PipelinesTest() {
    DialectRegistry registry;
    mlir::registerAllDialects(registry);
    qnn::registerAllDialects(registry);
    registerJITSampleRunner(registry);
    context.appendDialectRegistry(registry);
    module = parseSourceString<ModuleOp>(kModel, &context);
  }

  /// `rows` samples of 3 values: i * 0.25 - 1 for element i.
  static NpyArray samples(int64_t rows, int64_t columns = 3) {
    NpyArray a;
    a.shape = {rows, columns};
    a.data.resize(rows * columns * sizeof(float));
    for (int64_t i = 0; i < rows * columns; ++i)
      a.as<float>()[i] = static_cast<float>(i) * 0.25f - 1.0f;
    return a;
  }

  /// Runs calibration and quantization on the model with `options`;
  /// the diagnostics' messages go to `errors`.
  LogicalResult run(QNNQuantizePipelineOptions options) {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      errors += diag.str() + "\n";
      return success();
    });
    PassManager pm(&context);
    buildQNNQuantizePipeline(pm, options);
    return pm.run(*module);
  }

  /// The calibrated range of the entry's input.
  std::pair<double, double> inputRange() {
    std::pair<double, double> range{NAN, NAN};
    module->walk([&](StatsOp stats) {
      if (isa<BlockArgument>(stats.getInput()))
        range = {stats.getMin()[0], stats.getMax()[0]};
    });
    return range;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::string errors;
};

QNNQuantizePipelineOptions withSamples(NpyArray array) {
  QNNQuantizePipelineOptions options;
  options.calibrate.emplace();
  options.samples.emplace();
  options.samples->perArgument.push_back(std::move(array));
  return options;
}

} // namespace

TEST_F(PipelinesTest, CalibratesOnSamplesInMemory) {
  ASSERT_TRUE(module);
  // 5 samples at a batch of 2: the last batch is padded, its padding left
  // out of the range.
  ASSERT_TRUE(succeeded(run(withSamples(samples(5))))) << errors;
  auto [lo, hi] = inputRange();
  EXPECT_EQ(lo, -1.0);
  EXPECT_EQ(hi, 14 * 0.25 - 1.0);
  int matmuls = 0;
  module->walk([&](MatmulOp) { ++matmuls; });
  EXPECT_EQ(matmuls, 1);
}

TEST_F(PipelinesTest, RejectsSamplesThatDoNotFit) {
  ASSERT_TRUE(module);
  EXPECT_TRUE(failed(run(withSamples(samples(4, 5)))));
  EXPECT_NE(errors.find("in-memory samples of argument 0 has samples of "
                        "shape (4, 5), argument 0 is 'tensor<2x3xf32>'"),
            std::string::npos)
      << errors;
}

TEST_F(PipelinesTest, RejectsNonFiniteSamples) {
  ASSERT_TRUE(module);
  NpyArray array = samples(4);
  array.as<float>()[7] = NAN;
  EXPECT_TRUE(failed(run(withSamples(std::move(array)))));
  EXPECT_NE(errors.find("in-memory samples of argument 0 sample 2 holds NaN"),
            std::string::npos)
      << errors;
}

TEST_F(PipelinesTest, RejectsSamplesAndFilesTogether) {
  ASSERT_TRUE(module);
  QNNQuantizePipelineOptions options = withSamples(samples(4));
  options.calibrate->data = {"calib.npy"};
  EXPECT_TRUE(failed(run(std::move(options))));
  EXPECT_NE(errors.find("samples given in memory and as data= files"),
            std::string::npos)
      << errors;
}

TEST_F(PipelinesTest, RejectsArraysShorterThanTheirShape) {
  ASSERT_TRUE(module);
  NpyArray array = samples(4);
  array.data.resize(array.data.size() - 1);
  EXPECT_TRUE(failed(run(withSamples(std::move(array)))));
  EXPECT_NE(errors.find("in-memory samples of argument 0 of shape (4, 3) "
                        "holds 47 bytes, not its shape's float32 values"),
            std::string::npos)
      << errors;
}

TEST_F(PipelinesTest, SamplesAloneCalibrateWithDefaults) {
  ASSERT_TRUE(module);
  QNNQuantizePipelineOptions options = withSamples(samples(4));
  options.calibrate.reset();
  ASSERT_TRUE(succeeded(run(std::move(options)))) << errors;
  EXPECT_EQ(inputRange().second, 11 * 0.25 - 1.0);
}

namespace {
/// Samples whose second input feature is large and the others small: by
/// activation importance the weights it meets outrank larger ones.
NpyArray skewedSamples(int64_t rows) {
  NpyArray a;
  a.shape = {rows, 3};
  a.data.resize(rows * 3 * sizeof(float));
  for (int64_t i = 0; i < rows * 3; ++i)
    a.as<float>()[i] = i % 3 == 1 ? 10.0f + static_cast<float>(i) : 0.01f;
  return a;
}
} // namespace

TEST_F(PipelinesTest, PrunesByActivationOnSamplesInMemory) {
  ASSERT_TRUE(module);
  llvm::SmallString<64> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("samples", "npy", path));
  ASSERT_FALSE(writeNpy(path, skewedSamples(4)));
  OwningOpRef<ModuleOp> original = module->clone();
  // The model after `options`, from a fresh copy.
  auto compiled = [&](QNNQuantizePipelineOptions options) {
    module = original->clone();
    std::string text;
    if (succeeded(run(std::move(options))))
      llvm::raw_string_ostream(text) << *module;
    return text;
  };
  auto pruneHalf = [&](prune::Criterion criterion) {
    QNNQuantizePipelineOptions o;
    o.prune.emplace();
    o.prune->criterion = criterion;
    o.prune->sparsity = 0.5;
    return o;
  };
  QNNQuantizePipelineOptions inMemory = pruneHalf(prune::Criterion::Activation);
  inMemory.samples.emplace();
  inMemory.samples->perArgument.push_back(skewedSamples(4));
  std::string fromMemory = compiled(std::move(inMemory));
  ASSERT_FALSE(fromMemory.empty()) << errors;

  // The same samples from a file: the same program.
  QNNQuantizePipelineOptions files = pruneHalf(prune::Criterion::Activation);
  files.prune->data = {std::string(path)};
  files.calibrate.emplace();
  files.calibrate->data = {std::string(path)};
  EXPECT_EQ(compiled(std::move(files)), fromMemory) << errors;

  // Magnitude alone ranks the weights the large feature meets (0.25 and
  // 0.75) lower: another program.
  QNNQuantizePipelineOptions magnitude = pruneHalf(prune::Criterion::Magnitude);
  magnitude.calibrate.emplace();
  magnitude.calibrate->data = {std::string(path)};
  std::string byMagnitude = compiled(std::move(magnitude));
  EXPECT_FALSE(byMagnitude.empty()) << errors;
  EXPECT_NE(byMagnitude, fromMemory);
  llvm::sys::fs::remove(path);
}

TEST_F(PipelinesTest, MeasuresQuantizationOnSamplesInMemory) {
  ASSERT_TRUE(module);
  QNNQuantizePipelineOptions options = withSamples(samples(4));
  options.measureOnSamples = true;
  ASSERT_TRUE(succeeded(run(std::move(options)))) << errors;
  int measured = 0;
  module->walk([&](MatmulOp op) {
    measured += QNNDialect::SqnrAttrHelper(&context).isAttrPresent(op);
  });
  EXPECT_EQ(measured, 1);
}

TEST_F(PipelinesTest, RejectsSamplesInMemoryForMagnitudePruning) {
  ASSERT_TRUE(module);
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    errors += diag.str() + "\n";
    return success();
  });
  PassManager pm(&context);
  Samples given;
  given.perArgument.push_back(samples(4));
  pm.addPass(createPrunePass(PrunePassOptions(), SampleSource(given)));
  EXPECT_TRUE(failed(pm.run(*module)));
  EXPECT_NE(errors.find("samples in memory are for criterion=activation"),
            std::string::npos)
      << errors;
}
