//===- Samples.cpp - Sample inputs of a model -----------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Samples/Samples.h"

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

LogicalResult mlir::qnn::verifySamples(func::FuncOp func,
                                       const Samples &samples,
                                       ArrayRef<std::string> sources,
                                       StringRef pass) {
  size_t arguments = func.getNumArguments();
  if (samples.perArgument.size() != arguments)
    return emitError(func.getLoc())
           << pass << ": the entry takes " << arguments
           << " arguments, got samples for " << samples.perArgument.size();
  auto source = [&](size_t i) -> StringRef {
    return sources.empty()
               ? StringRef("the samples")
               : StringRef(sources[std::min(i, sources.size() - 1)]);
  };
  for (auto [i, array] : llvm::enumerate(samples.perArgument)) {
    // Arrays built in memory carry no guarantee that files give.
    if (llvm::any_of(array.shape, [](int64_t d) { return d < 0; }) ||
        (array.dtype == DType::F32 &&
         array.data.size() !=
             static_cast<size_t>(array.numElements()) * sizeof(float)))
      return emitError(func.getLoc())
             << pass << ": " << source(i) << " of shape "
             << formatShape(array.shape) << " holds " << array.data.size()
             << " bytes, not its shape's float32 values";
    if (array.dtype != DType::F32 || array.shape.empty())
      return emitError(func.getLoc())
             << pass << ": " << source(i)
             << " must hold float32 samples with a leading sample dimension, "
                "got "
             << dtypeName(array.dtype) << " of shape "
             << formatShape(array.shape);
    auto type = dyn_cast<RankedTensorType>(func.getArgumentTypes()[i]);
    if (!type || !type.getElementType().isF32() ||
        type.getRank() != static_cast<int64_t>(array.shape.size()))
      return emitError(func.getLoc())
             << pass << ": argument " << i << " of type "
             << func.getArgumentTypes()[i] << " cannot take samples of shape "
             << formatShape(array.shape) << " (float32)";
    if (type.getDimSize(0) == 0)
      return emitError(func.getLoc())
             << pass << ": argument " << i << " of type " << type
             << " has a batch of 0: no sample can run through it";
    for (int64_t d = 1; d < type.getRank(); ++d)
      if (!type.isDynamicDim(d) && type.getDimSize(d) != array.shape[d])
        return emitError(func.getLoc())
               << pass << ": " << source(i) << " has samples of shape "
               << formatShape(array.shape) << ", argument " << i << " is "
               << type;
    if (array.shape[0] != samples.count)
      return emitError(func.getLoc())
             << pass << ": the data files hold different numbers of samples";
    // NaN or inf in a sample would poison every range: name the sample.
    int64_t per = sampleSize(array);
    const auto *values = array.as<float>();
    for (int64_t k = 0; k < array.numElements(); ++k)
      if (!std::isfinite(values[k]))
        return emitError(func.getLoc())
               << pass << ": " << source(i) << " sample "
               << k / std::max<int64_t>(per, 1) << " holds "
               << (std::isnan(values[k]) ? "NaN" : "an infinity");
  }
  if (samples.count == 0)
    return emitError(func.getLoc()) << pass << ": the data holds no samples";
  return success();
}

std::optional<Samples> mlir::qnn::loadSamples(func::FuncOp func,
                                              ArrayRef<std::string> data,
                                              StringRef pass) {
  size_t arguments = func.getNumArguments();
  if (arguments == 0) {
    emitError(func.getLoc()) << pass << ": the entry takes no arguments";
    return std::nullopt;
  }
  if (arguments > 1 && data.size() != arguments) {
    emitError(func.getLoc())
        << pass << ": the entry takes " << arguments
        << " arguments; give one data file per argument, got " << data.size();
    return std::nullopt;
  }
  std::vector<NpyArray> files;
  for (const std::string &path : data) {
    auto array = readNpy(path);
    if (!array) {
      emitError(func.getLoc())
          << pass << ": " << llvm::toString(array.takeError());
      return std::nullopt;
    }
    if (array->dtype != DType::F32 || array->shape.empty()) {
      emitError(func.getLoc()) << pass << ": " << path
                               << " must hold float32 samples with a leading "
                                  "sample dimension, got "
                               << dtypeName(array->dtype) << " of shape "
                               << formatShape(array->shape);
      return std::nullopt;
    }
    files.push_back(std::move(*array));
  }

  Samples samples;
  if (arguments == 1) {
    NpyArray all = std::move(files[0]);
    for (size_t f = 1; f < files.size(); ++f) {
      if (std::vector<int64_t>(files[f].shape.begin() + 1,
                               files[f].shape.end()) !=
          std::vector<int64_t>(all.shape.begin() + 1, all.shape.end())) {
        emitError(func.getLoc())
            << pass << ": " << data[f] << " has samples "
            << "of shape " << formatShape(files[f].shape) << ", " << data[0]
            << " of shape " << formatShape(all.shape);
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
  if (failed(verifySamples(func, samples, data, pass)))
    return std::nullopt;
  return samples;
}

LogicalResult mlir::qnn::forEachBatch(
    const Samples &samples, int64_t batch,
    llvm::function_ref<LogicalResult(std::vector<NpyArray> &, int64_t)> fn) {
  // A dynamic batch runs everything at once (a batch of 0 would never end).
  if (batch <= 0)
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

std::optional<NonFinite> mlir::qnn::findNonFinite(const NpyArray &out,
                                                  int64_t batch, int64_t valid,
                                                  int64_t firstSample) {
  const auto *values = out.as<float>();
  int64_t count = validElements(out, batch, valid);
  bool perSample = !out.shape.empty() && out.shape[0] == batch;
  for (int64_t k = 0; k < count; ++k)
    if (!std::isfinite(values[k]))
      return NonFinite{
          firstSample +
              (perSample ? k / std::max<int64_t>(sampleSize(out), 1) : 0),
          std::isnan(values[k])};
  return std::nullopt;
}

SampleSource::SampleSource(Samples samples) {
  // The count is the first array's leading dimension.
  if (!samples.perArgument.empty() && !samples.perArgument[0].shape.empty())
    samples.count = samples.perArgument[0].shape[0];
  given = std::make_shared<const Samples>(std::move(samples));
}

LogicalResult SampleSource::checkNotBoth(func::FuncOp func,
                                         ArrayRef<std::string> data,
                                         StringRef pass) const {
  if (!given || data.empty())
    return success();
  return emitError(func.getLoc())
         << pass
         << ": samples given in memory and as data= files; give one of the two";
}

const Samples *SampleSource::get(func::FuncOp func, ArrayRef<std::string> data,
                                 StringRef pass,
                                 std::optional<Samples> &loaded) const {
  if (!given) {
    loaded = loadSamples(func, data, pass);
    return loaded ? &*loaded : nullptr;
  }
  std::vector<std::string> sources;
  sources.reserve(given->perArgument.size());
  for (size_t i = 0; i < given->perArgument.size(); ++i)
    sources.push_back("in-memory samples of argument " + std::to_string(i));
  if (failed(verifySamples(func, *given, sources, pass)))
    return nullptr;
  return given.get();
}
