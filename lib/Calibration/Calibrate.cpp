//===- Calibrate.cpp - Run the float model and record ranges --------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The float entry is copied into a fresh context through bytecode, with
// every calibration point appended to its results, lowered and JIT-compiled
// there (so nothing this pass does touches the module being compiled until
// the ranges are written back), and run batch after batch.
//
//===----------------------------------------------------------------------===//

#include "qnn/Calibration/Passes.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/Transforms/StatsFile.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"
#include "qnn/Dialect/QNN/Transforms/TosaInput.h"
#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNCALIBRATEPASS
#include "qnn/Calibration/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// The samples for every entry argument, with a common sample count.
struct Samples {
  std::vector<NpyArray> perArgument;
  int64_t count = 0;
};

/// Elements of one sample of `a` (everything after the leading dimension).
int64_t sampleSize(const NpyArray &a) {
  int64_t n = 1;
  for (size_t d = 1; d < a.shape.size(); ++d)
    n *= a.shape[d];
  return n;
}

struct QNNCalibratePass final
    : qnn::impl::QNNCalibratePassBase<QNNCalibratePass> {
  using QNNCalibratePassBase::QNNCalibratePassBase;

  void getDependentDialects(DialectRegistry &registry) const override {
    QNNCalibratePassBase::getDependentDialects(registry);
    OpPassManager tosa(func::FuncOp::getOperationName());
    addTosaToLinalgPasses(tosa);
    tosa.getDependentDialects(registry);
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(entry);
    if (!func || func.isExternal()) {
      module.emitError() << "qnn-calibrate: no function '" << entry
                         << "' with a body to run (set entry=<name>)";
      return signalPassFailure();
    }
    if (data.empty()) {
      func.emitError("qnn-calibrate needs data=<samples.npy>[,more.npy]");
      return signalPassFailure();
    }
    if (failed(checkOptions(func)))
      return signalPassFailure();
    // Statistics belong on the linalg form --quantize rewrites.
    if (containsTosa(module)) {
      OpPassManager tosa(ModuleOp::getOperationName());
      addTosaToLinalgPasses(tosa.nest<func::FuncOp>());
      if (failed(runPipeline(tosa, module)))
        return signalPassFailure();
    }
    llvm::MapVector<Value, std::string> points = calibrationPoints(func);
    if (points.empty()) {
      func.emitWarning("qnn-calibrate: no matmul or convolution to "
                       "calibrate");
      return;
    }
    std::optional<Samples> samples = loadSamples(func);
    if (!samples)
      return signalPassFailure();

    // An instrumented copy that returns every calibration point.
    std::vector<calib::Observer> observers(points.size(),
                                           calib::Observer(observerOptions()));
    MLIRContext runContext;
    std::unique_ptr<Runner> runner =
        buildRunner(module, func, points, runContext);
    if (!runner)
      return signalPassFailure();
    size_t firstPoint = func.getNumResults();

    for (int pass = 0; pass < (observers[0].needsSecondPass() ? 2 : 1);
         ++pass) {
      if (failed(runAll(
              *runner, *samples,
              [&](size_t i, const float *values, int64_t count) {
                llvm::ArrayRef<float> batch(values, count);
                if (pass == 0)
                  observers[i].observe(batch);
                else
                  observers[i].observeAgain(batch);
              },
              firstPoint, func)))
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
      if (llvm::Error error = writeStatsJson(exportFile, table, methodName())) {
        func.emitError(llvm::toString(std::move(error)));
        return signalPassFailure();
      }
  }

  /// Option values outside their meaningful range are errors, not ranges
  /// silently derived from nonsense.
  LogicalResult checkOptions(func::FuncOp func) {
    auto bad = [&](const Twine &what) {
      func.emitError("qnn-calibrate: " + what);
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

  StringRef methodName() const {
    switch (method) {
    case calib::Method::MinMax:
      return "minmax";
    case calib::Method::MovingAverage:
      return "moving-average";
    case calib::Method::Percentile:
      return "percentile";
    case calib::Method::Entropy:
      return "entropy";
    case calib::Method::MeanStd:
      return "meanstd";
    }
    return "minmax";
  }

  /// Reads the data files and checks them against the entry's arguments:
  /// f32, matching trailing sizes, finite values.
  std::optional<Samples> loadSamples(func::FuncOp func) {
    size_t arguments = func.getNumArguments();
    if (arguments == 0) {
      func.emitError("qnn-calibrate: the entry takes no arguments");
      return std::nullopt;
    }
    if (arguments > 1 && data.size() != arguments) {
      func.emitError() << "qnn-calibrate: the entry takes " << arguments
                       << " arguments; give one data file per argument, got "
                       << data.size();
      return std::nullopt;
    }
    std::vector<NpyArray> files;
    for (const std::string &path : data) {
      auto array = readNpy(path);
      if (!array) {
        func.emitError() << "qnn-calibrate: "
                         << llvm::toString(array.takeError());
        return std::nullopt;
      }
      if (array->dtype != DType::F32 || array->shape.empty()) {
        func.emitError() << "qnn-calibrate: " << path
                         << " must hold float32 samples with a leading "
                            "sample dimension, got "
                         << dtypeName(array->dtype) << " of shape "
                         << formatShape(array->shape);
        return std::nullopt;
      }
      // NaN or inf in a sample would poison every range: name the sample.
      int64_t per = sampleSize(*array);
      const float *values = array->as<float>();
      for (int64_t i = 0; i < array->numElements(); ++i)
        if (!std::isfinite(values[i])) {
          func.emitError() << "qnn-calibrate: " << path << " sample "
                           << i / std::max<int64_t>(per, 1) << " holds "
                           << (std::isnan(values[i]) ? "NaN" : "an infinity");
          return std::nullopt;
        }
      files.push_back(std::move(*array));
    }

    Samples samples;
    if (arguments == 1) {
      NpyArray all = files[0];
      for (size_t f = 1; f < files.size(); ++f) {
        if (std::vector<int64_t>(files[f].shape.begin() + 1,
                                 files[f].shape.end()) !=
            std::vector<int64_t>(all.shape.begin() + 1, all.shape.end())) {
          func.emitError() << "qnn-calibrate: " << data[f] << " has samples "
                           << "of shape " << formatShape(files[f].shape) << ", "
                           << data[0] << " of shape " << formatShape(all.shape);
          return std::nullopt;
        }
        all.shape[0] += files[f].shape[0];
        all.data.insert(all.data.end(), files[f].data.begin(),
                        files[f].data.end());
      }
      samples.perArgument.push_back(std::move(all));
    } else {
      samples.perArgument = std::move(files);
    }
    samples.count = samples.perArgument[0].shape[0];
    for (auto [i, array] : llvm::enumerate(samples.perArgument)) {
      auto type = dyn_cast<RankedTensorType>(func.getArgumentTypes()[i]);
      if (!type || !type.getElementType().isF32() ||
          type.getRank() != static_cast<int64_t>(array.shape.size())) {
        func.emitError() << "qnn-calibrate: argument " << i << " of type "
                         << func.getArgumentTypes()[i]
                         << " cannot take samples of shape "
                         << formatShape(array.shape) << " (float32)";
        return std::nullopt;
      }
      for (int64_t d = 1; d < type.getRank(); ++d)
        if (!type.isDynamicDim(d) && type.getDimSize(d) != array.shape[d]) {
          func.emitError() << "qnn-calibrate: "
                           << data[std::min(i, data.size() - 1)]
                           << " has samples of shape "
                           << formatShape(array.shape) << ", argument " << i
                           << " is " << type;
          return std::nullopt;
        }
      if (array.shape[0] != samples.count) {
        func.emitError() << "qnn-calibrate: the data files hold different "
                            "numbers of samples";
        return std::nullopt;
      }
    }
    if (samples.count == 0) {
      func.emitError("qnn-calibrate: the data holds no samples");
      return std::nullopt;
    }
    return samples;
  }

  /// Copies the module into `runContext` through bytecode, appends the
  /// calibration points to the entry's results, and JIT-compiles it.
  std::unique_ptr<Runner>
  buildRunner(ModuleOp module, func::FuncOp func,
              const llvm::MapVector<Value, std::string> &points,
              MLIRContext &runContext) {
    // The points, as (argument number) or (op ordinal, result number).
    SmallVector<Operation *> ops;
    func.walk([&](Operation *op) { ops.push_back(op); });
    llvm::DenseMap<Operation *, size_t> ordinal;
    for (auto [i, op] : llvm::enumerate(ops))
      ordinal[op] = i;

    std::string bytes;
    llvm::raw_string_ostream os(bytes);
    if (failed(writeBytecodeToFile(module, os))) {
      func.emitError("qnn-calibrate: cannot copy the module");
      return nullptr;
    }
    DialectRegistry registry;
    mlir::registerAllDialects(registry);
    registerAllExtensions(registry);
    qnn::registerAllDialects(registry);
    runContext.appendDialectRegistry(registry);
    runContext.disableMultithreading();
    OwningOpRef<ModuleOp> copy =
        parseSourceString<ModuleOp>(bytes, ParserConfig(&runContext));
    if (!copy) {
      func.emitError("qnn-calibrate: cannot copy the module");
      return nullptr;
    }
    auto copyFunc = copy->lookupSymbol<func::FuncOp>(func.getName());
    SmallVector<Operation *> copyOps;
    copyFunc.walk([&](Operation *op) { copyOps.push_back(op); });

    SmallVector<Value> extra;
    for (const auto &[value, name] : points) {
      if (auto arg = dyn_cast<BlockArgument>(value)) {
        extra.push_back(copyFunc.getArgument(arg.getArgNumber()));
        continue;
      }
      auto result = cast<OpResult>(value);
      extra.push_back(copyOps[ordinal[result.getOwner()]]->getResult(
          result.getResultNumber()));
    }
    auto ret = cast<func::ReturnOp>(copyFunc.getBody().back().getTerminator());
    SmallVector<Value> results(ret.getOperands());
    results.append(extra.begin(), extra.end());
    OpBuilder b(ret);
    func::ReturnOp::create(b, ret.getLoc(), results);
    ret.erase();
    copyFunc.setType(FunctionType::get(&runContext, copyFunc.getArgumentTypes(),
                                       ValueRange(results).getTypes()));
    copyFunc.setPublic();

    auto runner = Runner::create(std::move(copy), func.getName());
    if (!runner) {
      func.emitError() << "qnn-calibrate: cannot compile the entry: "
                       << llvm::toString(runner.takeError());
      return nullptr;
    }
    return std::move(*runner);
  }

  /// Runs every batch and hands each calibration point's valid values to
  /// `observe(point index, values, count)`.
  LogicalResult
  runAll(Runner &runner, const Samples &samples,
         llvm::function_ref<void(size_t, const float *, int64_t)> observe,
         size_t firstPoint, func::FuncOp func) {
    int64_t batch = runner.inputs()[0].shape[0];
    bool dynamic = batch < 0;
    if (dynamic)
      batch = samples.count;
    for (int64_t start = 0; start < samples.count; start += batch) {
      int64_t valid = std::min(batch, samples.count - start);
      std::vector<NpyArray> inputs;
      for (const NpyArray &all : samples.perArgument) {
        NpyArray in;
        in.dtype = all.dtype;
        in.shape = all.shape;
        in.shape[0] = batch;
        int64_t bytes = sampleSize(all) * 4;
        in.data.resize(batch * bytes);
        // A partial last batch repeats samples from the start; their rows
        // are left out of the statistics below.
        for (int64_t row = 0; row < batch; ++row)
          std::memcpy(in.data.data() + row * bytes,
                      all.data.data() + ((start + row) % samples.count) * bytes,
                      bytes);
        inputs.push_back(std::move(in));
      }
      auto outputs = runner.run(inputs);
      if (!outputs) {
        func.emitError() << "qnn-calibrate: running the entry failed: "
                         << llvm::toString(outputs.takeError());
        return failure();
      }
      for (size_t i = firstPoint; i < outputs->size(); ++i) {
        const NpyArray &out = (*outputs)[i];
        int64_t count = out.numElements();
        // Tensors with the batch as leading dimension drop padded rows.
        if (valid < batch && !out.shape.empty() && out.shape[0] == batch)
          count = valid * sampleSize(out);
        observe(i - firstPoint, out.as<float>(), count);
      }
    }
    return success();
  }
};

} // namespace
