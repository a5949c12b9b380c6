//===- LayerErrors.h - Measured quantization error per layer ----*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// --quantize with `data=` measures what quantization costs: it runs copies
// of the module with a chosen set of layers quantized beside the float
// model, batch by batch on the samples, and compares the outputs (the
// entry's results and every layer's output) as SQNR,
// 10 log10(sum x^2 / sum (x - x')^2) in dB. The error budget picks the
// layers to keep in float from these figures.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_QUANTIZATION_LAYERERRORS_H
#define QNN_QUANTIZATION_LAYERERRORS_H

#include "qnn/Quantization/QuantizeContraction.h"
#include "qnn/Samples/SampleRunner.h"

#include "mlir/IR/BuiltinOps.h"

#include <memory>
#include <vector>

namespace mlir::qnn {

/// SQNR in dB of `signal` against a noise energy: +inf when the noise is 0.
double sqnrDecibels(double signal, double noise);

/// The SQNR of one run with some layers quantized, against the float run.
struct LayerErrors {
  /// Over all of the entry's results together.
  double output = 0;
  /// Of each layer's output (after its bias and clamp), in the order the
  /// meter was given the layers.
  std::vector<double> layers;
};

class LayerErrorMeter {
public:
  /// Compiles the float `entry` observing the output of every layer in
  /// `layers` (float contractions of `entry`, named `names` in messages):
  /// the reference. Null, with an error on `entry`, when it cannot compile
  /// or a result is not f32.
  static std::unique_ptr<LayerErrorMeter>
  create(ModuleOp module, func::FuncOp entry, ArrayRef<Operation *> layers,
         ArrayRef<std::string> names, const Samples &samples,
         const QuantizeOptions &options);
  ~LayerErrorMeter();

  /// Quantizes the layers with `quantized[i]` set in a copy of the module,
  /// runs it beside the float reference batch by batch (nothing is kept
  /// across batches) and compares. Fails with an error when quantizing or
  /// running fails, or when the float model gives a non-finite value.
  FailureOr<LayerErrors> measure(ArrayRef<bool> quantized);

private:
  LayerErrorMeter(ModuleOp module, func::FuncOp entry,
                  ArrayRef<Operation *> layers, ArrayRef<std::string> names,
                  const Samples &samples, const QuantizeOptions &options);

  ModuleOp module;
  func::FuncOp entry;
  /// Each layer's position in a walk of the entry: it finds the layer in a
  /// copy.
  std::vector<size_t> ordinals;
  /// Each layer's float output (the end of its epilogue) as the ordinal of
  /// its op and the result number.
  std::vector<std::pair<size_t, unsigned>> outputs;
  std::vector<std::string> names;
  const Samples &samples;
  QuantizeOptions options;
  /// The float entry returning its results, then each layer's output.
  std::unique_ptr<CompiledModel> floatRunner;
};

} // namespace mlir::qnn

#endif // QNN_QUANTIZATION_LAYERERRORS_H
