//===- LayerErrors.cpp - Measured quantization error per layer ------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/LayerErrors.h"

#include "qnn/Layers/Epilogue.h"
#include "qnn/Layers/FloatContraction.h"

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
                                 ArrayRef<std::string> names,
                                 const Samples &samples,
                                 const QuantizeOptions &options)
    : module(module), entry(entry), names(names), samples(samples),
      options(options) {
  SmallVector<Operation *> ops = walkOrder(entry);
  auto ordinalOf = [&](Operation *op) {
    return static_cast<size_t>(llvm::find(ops, op) - ops.begin());
  };
  // Matched once: matching can transpose the weights, O(weights).
  for (Operation *layer : layers) {
    ordinals.push_back(ordinalOf(layer));
    auto output = cast<OpResult>(floatOutput(layer));
    outputs.emplace_back(ordinalOf(output.getOwner()),
                         output.getResultNumber());
  }
}

LayerErrorMeter::~LayerErrorMeter() = default;

std::unique_ptr<LayerErrorMeter>
LayerErrorMeter::create(ModuleOp module, func::FuncOp entry,
                        ArrayRef<Operation *> layers,
                        ArrayRef<std::string> names, const Samples &samples,
                        const QuantizeOptions &options) {
  for (Type type : entry.getResultTypes()) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.getElementType().isF32()) {
      emitError(entry.getLoc())
          << kPass
          << ": measuring the error needs f32 tensor results, "
             "the entry returns "
          << type;
      return nullptr;
    }
  }
  std::unique_ptr<LayerErrorMeter> meter(
      new LayerErrorMeter(module, entry, layers, names, samples, options));
  SmallVector<Value> outputs;
  SmallVector<Operation *> ops = walkOrder(entry);
  for (auto [ordinal, result] : meter->outputs)
    outputs.push_back(ops[ordinal]->getResult(result));
  meter->floatRunner = compileObserving(module, entry, outputs, kPass);
  if (!meter->floatRunner)
    return nullptr;
  return meter;
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
  for (auto [ordinal, result] : this->outputs)
    outputs.push_back(ops[ordinal]->getResult(result));
  for (auto [i, layer] : llvm::enumerate(layers)) {
    if (!quantized[i])
      continue;
    std::string whyNot;
    std::optional<FloatContraction> c = matchFloatContraction(layer, whyNot);
    if (!c)
      return emitError(layer->getLoc())
             << kPass << ": layer '" << names[i]
             << "' no longer matches in the copy being measured: " << whyNot;
    FailureOr<QuantizedLayer> q = quantizeContraction(*c, options);
    if (failed(q))
      return failure();
    outputs[i] = q->output;
  }
  std::unique_ptr<CompiledModel> runner =
      compileObserving(*copy, copyEntry, outputs, kPass);
  if (!runner)
    return failure();

  size_t numResults = entry.getNumResults();
  size_t count = numResults + layers.size();
  std::vector<double> signal(count, 0.0), noise(count, 0.0);
  int64_t firstSample = 0;
  auto runBoth = [&](std::vector<NpyArray> &inputs,
                     int64_t valid) -> LogicalResult {
    int64_t batch = inputs[0].shape[0];
    std::vector<NpyArray> again = inputs;
    auto reference = floatRunner->run(inputs);
    if (!reference)
      return emitError(entry.getLoc())
             << kPass << ": running the float entry on samples " << firstSample
             << " to " << firstSample + valid - 1
             << " failed: " << llvm::toString(reference.takeError());
    auto quantizedOut = runner->run(again);
    if (!quantizedOut)
      return emitError(entry.getLoc())
             << kPass << ": running the quantized entry on samples "
             << firstSample << " to " << firstSample + valid - 1
             << " failed: " << llvm::toString(quantizedOut.takeError());
    for (size_t i = 0; i < count; ++i) {
      const NpyArray &out = (*reference)[i];
      const auto *x = out.as<float>();
      const auto *y = (*quantizedOut)[i].as<float>();
      // An overflowing float model has no error to measure against: say
      // which sample, instead of a NaN figure that defeats the budget.
      if (std::optional<NonFinite> bad =
              findNonFinite(out, batch, valid, firstSample))
        return emitError(entry.getLoc())
               << kPass << ": on sample " << bad->sample << " the float "
               << (i < numResults
                       ? "result " + std::to_string(i)
                       : "output of layer '" + names[i - numResults] + "'")
               << " is " << (bad->isNaN ? "NaN" : "infinite")
               << " (the sample overflows the model); the error of "
                  "quantization can only be measured on finite values";
      int64_t n = validElements(out, batch, valid);
      for (int64_t k = 0; k < n; ++k) {
        double d = double(x[k]) - y[k];
        signal[i] += double(x[k]) * x[k];
        noise[i] += d * d;
      }
    }
    firstSample += valid;
    return success();
  };
  if (failed(forEachBatch(samples, floatRunner->inputs()[0].shape[0], runBoth)))
    return failure();

  LayerErrors errors;
  double outSignal = 0, outNoise = 0;
  for (size_t i = 0; i < numResults; ++i) {
    outSignal += signal[i];
    outNoise += noise[i];
  }
  errors.output = sqnrDecibels(outSignal, outNoise);
  for (size_t i = numResults; i < count; ++i)
    errors.layers.push_back(sqnrDecibels(signal[i], noise[i]));
  return errors;
}
