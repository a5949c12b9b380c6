//===- SampleRuns.cpp - Run a model on .npy samples -----------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/SampleRuns.h"

#include "qnn/InitAllDialects.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::qnn;

int64_t mlir::qnn::sampleSize(const NpyArray &a) {
  int64_t n = 1;
  for (size_t d = 1; d < a.shape.size(); ++d)
    n *= a.shape[d];
  return n;
}

/// Reads the data files and checks them against the entry's arguments:
/// f32, matching trailing sizes, finite values.
std::optional<Samples> mlir::qnn::loadSamples(func::FuncOp func,
                                              ArrayRef<std::string> data,
                                              StringRef pass) {
  size_t arguments = func.getNumArguments();
  if (arguments == 0) {
    func.emitError() << pass << ": the entry takes no arguments";
    return std::nullopt;
  }
  if (arguments > 1 && data.size() != arguments) {
    func.emitError() << pass << ": the entry takes " << arguments
                     << " arguments; give one data file per argument, got "
                     << data.size();
    return std::nullopt;
  }
  std::vector<NpyArray> files;
  for (const std::string &path : data) {
    auto array = readNpy(path);
    if (!array) {
      func.emitError() << pass << ": " << llvm::toString(array.takeError());
      return std::nullopt;
    }
    if (array->dtype != DType::F32 || array->shape.empty()) {
      func.emitError() << pass << ": " << path
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
        func.emitError() << pass << ": " << path << " sample "
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
        func.emitError() << pass << ": " << data[f] << " has samples "
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
      func.emitError() << pass << ": argument " << i << " of type "
                       << func.getArgumentTypes()[i]
                       << " cannot take samples of shape "
                       << formatShape(array.shape) << " (float32)";
      return std::nullopt;
    }
    for (int64_t d = 1; d < type.getRank(); ++d)
      if (!type.isDynamicDim(d) && type.getDimSize(d) != array.shape[d]) {
        func.emitError() << pass << ": " << data[std::min(i, data.size() - 1)]
                         << " has samples of shape " << formatShape(array.shape)
                         << ", argument " << i << " is " << type;
        return std::nullopt;
      }
    if (array.shape[0] != samples.count) {
      func.emitError() << pass
                       << ": the data files hold different "
                          "numbers of samples";
      return std::nullopt;
    }
  }
  if (samples.count == 0) {
    func.emitError() << pass << ": the data holds no samples";
    return std::nullopt;
  }
  return samples;
}

/// Copies the module into `runContext` through bytecode, appends the
/// calibration points to the entry's results, and JIT-compiles it.
std::unique_ptr<Runner>
mlir::qnn::buildObservingRunner(ModuleOp module, func::FuncOp func,
                                ArrayRef<Value> observed,
                                MLIRContext &runContext, StringRef pass) {
  // The points, as (argument number) or (op ordinal, result number).
  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) { ops.push_back(op); });
  llvm::DenseMap<Operation *, size_t> ordinal;
  for (auto [i, op] : llvm::enumerate(ops))
    ordinal[op] = i;

  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  if (failed(writeBytecodeToFile(module, os))) {
    func.emitError() << pass << ": cannot copy the module";
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
    func.emitError() << pass << ": cannot copy the module";
    return nullptr;
  }
  auto copyFunc = copy->lookupSymbol<func::FuncOp>(func.getName());
  SmallVector<Operation *> copyOps;
  copyFunc.walk([&](Operation *op) { copyOps.push_back(op); });

  SmallVector<Value> extra;
  for (Value value : observed) {
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
    func.emitError() << pass << ": cannot compile the entry: "
                     << llvm::toString(runner.takeError());
    return nullptr;
  }
  return std::move(*runner);
}

LogicalResult mlir::qnn::forEachBatch(
    const Samples &samples, int64_t batch,
    llvm::function_ref<LogicalResult(std::vector<NpyArray> &, int64_t)> fn) {
  if (batch < 0)
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
      // are left out (validElements).
      for (int64_t row = 0; row < batch; ++row)
        std::memcpy(in.data.data() + row * bytes,
                    all.data.data() + ((start + row) % samples.count) * bytes,
                    bytes);
      inputs.push_back(std::move(in));
    }
    if (failed(fn(inputs, valid)))
      return failure();
  }
  return success();
}

int64_t mlir::qnn::validElements(const NpyArray &out, int64_t batch,
                                 int64_t valid) {
  // Tensors with the batch as leading dimension drop padded rows.
  if (valid < batch && !out.shape.empty() && out.shape[0] == batch)
    return valid * sampleSize(out);
  return out.numElements();
}

LogicalResult mlir::qnn::runSamples(
    Runner &runner, const Samples &samples,
    llvm::function_ref<void(size_t, const float *, int64_t)> observe,
    size_t firstPoint, func::FuncOp func, StringRef pass) {
  return forEachBatch(
      samples, runner.inputs()[0].shape[0],
      [&](std::vector<NpyArray> &inputs, int64_t valid) -> LogicalResult {
        auto outputs = runner.run(inputs);
        if (!outputs)
          return func.emitError() << pass << ": running the entry failed: "
                                  << llvm::toString(outputs.takeError());
        int64_t batch = inputs[0].shape[0];
        for (size_t i = firstPoint; i < outputs->size(); ++i) {
          const NpyArray &out = (*outputs)[i];
          observe(i - firstPoint, out.as<float>(),
                  validElements(out, batch, valid));
        }
        return success();
      });
}
