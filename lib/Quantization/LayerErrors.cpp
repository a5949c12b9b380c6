//===- LayerErrors.cpp - Measured quantization error per layer ------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/LayerErrors.h"

#include "qnn/Dialect/QNN/Transforms/Epilogue.h"
#include "qnn/Dialect/QNN/Transforms/FloatContraction.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qnn;

static constexpr StringLiteral kPass = "quantize";

double mlir::qnn::sqnrDecibels(double signal, double noise) {
  if (noise == 0)
    return std::numeric_limits<double>::infinity();
  return 10 * std::log10(signal / noise);
}

/// The ops of `func` in walk order.
static SmallVector<Operation *> walkOrder(func::FuncOp func) {
  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) { ops.push_back(op); });
  return ops;
}

/// The output of the float layer `op` (the end of its bias and clamp).
static Value floatOutput(Operation *op) {
  std::string whyNot;
  std::optional<FloatContraction> c = matchFloatContraction(op, whyNot);
  return c ? matchEpilogue(c->result).end : Value();
}

LayerErrorMeter::LayerErrorMeter(ModuleOp module, func::FuncOp entry,
                                 ArrayRef<Operation *> layers,
                                 const Samples &samples,
                                 const QuantizeOptions &options)
    : module(module), entry(entry), samples(samples), options(options),
      numResults(entry.getNumResults()) {
  SmallVector<Operation *> ops = walkOrder(entry);
  for (Operation *layer : layers)
    ordinals.push_back(llvm::find(ops, layer) - ops.begin());
}

std::unique_ptr<LayerErrorMeter>
LayerErrorMeter::create(ModuleOp module, func::FuncOp entry,
                        ArrayRef<Operation *> layers, const Samples &samples,
                        const QuantizeOptions &options) {
  for (Type type : entry.getResultTypes()) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.getElementType().isF32()) {
      entry.emitError() << kPass
                        << ": measuring the error needs f32 tensor results, "
                           "the entry returns "
                        << type;
      return nullptr;
    }
  }
  std::unique_ptr<LayerErrorMeter> meter(
      new LayerErrorMeter(module, entry, layers, samples, options));
  SmallVector<Value> outputs;
  for (Operation *layer : layers)
    outputs.push_back(floatOutput(layer));
  meter->reference.resize(meter->numResults + layers.size());
  auto keep = [&](size_t i, const float *values, int64_t count) {
    meter->reference[i].insert(meter->reference[i].end(), values,
                               values + count);
  };
  if (failed(meter->run(module, outputs, keep)))
    return nullptr;
  return meter;
}

LogicalResult LayerErrorMeter::run(
    ModuleOp runModule, ArrayRef<Value> observed,
    llvm::function_ref<void(size_t, const float *, int64_t)> observe) {
  auto runEntry = runModule.lookupSymbol<func::FuncOp>(entry.getName());
  MLIRContext runContext;
  std::unique_ptr<Runner> runner =
      buildObservingRunner(runModule, runEntry, observed, runContext, kPass);
  if (!runner)
    return failure();
  return runSamples(*runner, samples, observe, /*firstObserved=*/0, runEntry,
                    kPass);
}

FailureOr<LayerErrors> LayerErrorMeter::measure(ArrayRef<bool> quantized) {
  OwningOpRef<ModuleOp> copy(module.clone());
  auto copyEntry = copy->lookupSymbol<func::FuncOp>(entry.getName());
  SmallVector<Operation *> ops = walkOrder(copyEntry);
  SmallVector<Operation *> layers;
  for (size_t ordinal : ordinals)
    layers.push_back(ops[ordinal]);
  // Float outputs first: a float layer's output stays valid while the
  // others are rewritten (only a quantized layer's own output is erased).
  SmallVector<Value> outputs;
  for (Operation *layer : layers)
    outputs.push_back(floatOutput(layer));
  for (auto [i, layer] : llvm::enumerate(layers)) {
    if (!quantized[i])
      continue;
    std::string whyNot;
    std::optional<FloatContraction> c = matchFloatContraction(layer, whyNot);
    if (!c)
      return failure();
    FailureOr<QuantizedLayer> q = quantizeContraction(*c, options);
    if (failed(q))
      return failure();
    outputs[i] = q->output;
  }

  std::vector<double> signal(reference.size(), 0.0);
  std::vector<double> noise(reference.size(), 0.0);
  std::vector<size_t> offset(reference.size(), 0);
  auto compare = [&](size_t i, const float *values, int64_t count) {
    const std::vector<float> &ref = reference[i];
    for (int64_t k = 0; k < count && offset[i] + k < ref.size(); ++k) {
      double x = ref[offset[i] + k];
      double d = x - values[k];
      signal[i] += x * x;
      noise[i] += d * d;
    }
    offset[i] += count;
  };
  if (failed(run(*copy, outputs, compare)))
    return failure();

  LayerErrors errors;
  double outSignal = 0, outNoise = 0;
  for (size_t i = 0; i < numResults; ++i) {
    outSignal += signal[i];
    outNoise += noise[i];
  }
  errors.output = sqnrDecibels(outSignal, outNoise);
  for (size_t i = numResults; i < reference.size(); ++i)
    errors.layers.push_back(sqnrDecibels(signal[i], noise[i]));
  return errors;
}
