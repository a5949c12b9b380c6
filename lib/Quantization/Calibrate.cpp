//===- Calibrate.cpp - Run the float model and record ranges --------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The float entry runs on the samples with every calibration point
// appended to its results (Samples/SampleRunner.h: in a copy, in its own
// context, so nothing touches the module being compiled until the ranges
// are written back).
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/Passes.h"

#include "qnn/Conversion/TosaInput/TosaInput.h"
#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/SideOutputs.h"
#include "qnn/Dialect/QNN/Transforms/StatsFile.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"
#include "qnn/Samples/SampleRunner.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNCALIBRATEPASS
#include "qnn/Quantization/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

struct QNNCalibratePass final
    : TosaInputPass<QNNCalibratePass, qnn::impl::QNNCalibratePassBase> {
  using TosaInputPass::TosaInputPass;

  /// With samples in memory (createQNNCalibratePass).
  QNNCalibratePass(QNNCalibratePassOptions options, SampleSource samples)
      : TosaInputPass(std::move(options)), source(std::move(samples)) {}

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(entry);
    if (!func || func.isExternal()) {
      emitError(module.getLoc()) << "qnn-calibrate: no function '" << entry
                                 << "' with a body to run (set entry=<name>)";
      return signalPassFailure();
    }
    if (data.empty() && !source.inMemory()) {
      emitError(func.getLoc(),
                "qnn-calibrate needs data=<samples.npy>[,more.npy]");
      return signalPassFailure();
    }
    if (failed(source.checkNotBoth(func, data, getArgument())))
      return signalPassFailure();
    if (failed(checkOptions(func)))
      return signalPassFailure();
    // Statistics belong on the linalg form --quantize rewrites.
    if (failed(convertInput(module)))
      return signalPassFailure();
    llvm::MapVector<Value, std::string> points = calibrationPoints(func);
    if (points.empty()) {
      emitWarning(func.getLoc(), "qnn-calibrate: no matmul or convolution to "
                                 "calibrate");
      return;
    }
    std::optional<Samples> loaded;
    const Samples *samples = source.get(func, data, getArgument(), loaded);
    if (!samples)
      return signalPassFailure();

    // An instrumented copy that returns every calibration point.
    std::vector<calib::Observer> observers(points.size(),
                                           calib::Observer(observerOptions()));
    SmallVector<Value> observed;
    std::vector<std::string> names;
    for (const auto &point : points) {
      observed.push_back(point.first);
      names.push_back(point.second);
    }
    std::unique_ptr<CompiledModel> runner =
        compileObserving(module, func, observed, getArgument());
    if (!runner)
      return signalPassFailure();
    size_t firstPoint = func.getNumResults();

    for (int pass = 0; pass < (observers[0].needsSecondPass() ? 2 : 1);
         ++pass) {
      if (failed(runSamples(
              *runner, *samples,
              [&](size_t i, const float *values, int64_t count) {
                llvm::ArrayRef<float> batch(values, count);
                if (pass == 0)
                  observers[i].observe(batch);
                else
                  observers[i].observeAgain(batch);
              },
              firstPoint, names, func, getArgument())))
        return signalPassFailure();
    }

    // Write the ranges back.
    OpBuilder builder(&getContext());
    StatsTable table;
    for (auto [i, point] : llvm::enumerate(points)) {
      if (observers[i].count() == 0)
        continue;
      auto [lo, hi] = observers[i].range();
      TensorStats stats{std::nullopt, {lo}, {hi}};
      setStats(builder, point.first, stats);
      table.emplace_back(point.second, stats);
    }
    if (!exportFile.empty())
      if (llvm::Error error = writeSideOutput(
              &getContext(), exportFile, [&](llvm::raw_ostream &os) {
                printStatsJson(os, table, methodName());
              })) {
        emitError(func.getLoc(), llvm::toString(std::move(error)));
        return signalPassFailure();
      }
  }

  /// Option values outside their meaningful range are errors, not ranges
  /// silently derived from nonsense.
  LogicalResult checkOptions(func::FuncOp func) {
    auto bad = [&](const Twine &what) {
      emitError(func.getLoc(), "qnn-calibrate: " + what);
      return failure();
    };
    auto show = [](double v) {
      char text[32];
      std::snprintf(text, sizeof(text), "%g", v);
      return std::string(text);
    };
    if (!(percentile >= 50.0 && percentile <= 100.0))
      return bad("percentile must be in [50, 100], got " + show(percentile));
    if (!(stddevs > 0.0) || std::isinf(stddevs))
      return bad("k must be a positive number of standard deviations, got " +
                 show(stddevs));
    if (!(momentum >= 0.0 && momentum < 1.0))
      return bad("momentum must be in [0, 1), got " + show(momentum));
    if (bins < 256 || bins > (1u << 20))
      return bad("bins must be in [256, 1048576] (entropy searches "
                 "thresholds from 128 bins up), got " +
                 Twine(bins.getValue()));
    return success();
  }

  calib::ObserverOptions observerOptions() const {
    calib::ObserverOptions o;
    o.method = method;
    o.percentile = percentile;
    o.stddevs = stddevs;
    o.momentum = momentum;
    o.bins = bins;
    return o;
  }

  /// The method as the option spells it (the names live in Passes.td).
  StringRef methodName() {
    return method.getParser().findArgStrForValue(method).value_or("minmax");
  }

  SampleSource source;
};

} // namespace

std::unique_ptr<Pass>
mlir::qnn::createQNNCalibratePass(QNNCalibratePassOptions options,
                                  SampleSource samples) {
  return std::make_unique<QNNCalibratePass>(std::move(options),
                                            std::move(samples));
}

std::unique_ptr<Pass>
mlir::qnn::createQNNCalibratePass(QNNCalibratePassOptions options,
                                  Samples samples) {
  return createQNNCalibratePass(std::move(options),
                                SampleSource(std::move(samples)));
}
