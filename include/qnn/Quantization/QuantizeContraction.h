//===- QuantizeContraction.h - One float layer to integer ops ---*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The rewrite at the heart of --quantize, usable on its own: one float
// contraction (FloatContraction.h) and the bias/clamp epilogue after it
// (Epilogue.h) become qnn.quantize -> qnn.matmul / qnn.conv2d on quantized
// weights -> qnn.requantize [-> qnn.clamp] -> qnn.dequantize, from the ranges
// qnn.stats ops record. docs/Quantize.md gives the formulas.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_QUANTIZATION_QUANTIZECONTRACTION_H
#define QNN_QUANTIZATION_QUANTIZECONTRACTION_H

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Layers/FloatContraction.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"

namespace mlir::qnn {

/// How many scales a weight gets.
enum class Granularity { PerTensor, PerChannel };

/// How weights are represented: uniform integers, or indices into a
/// k-means codebook of int8 centroids (non-uniform).
enum class WeightScheme { Uniform, KMeans };

/// Uniform weights: symmetric narrow range with zero point 0, or a zero
/// point per scale over the full storage range.
enum class WeightSymmetry { Symmetric, Asymmetric };

/// How activations are quantized.
enum class ActivationScheme { Asymmetric, Symmetric };

struct QuantizeOptions {
  Granularity weightGranularity = Granularity::PerChannel;
  /// Symmetric narrow-range weights of 8, 4 or 2 bits (2: {-1, 0, 1}); for
  /// codebook weights, the bits of an index (2^bits centroids).
  unsigned weightBits = 8;
  WeightScheme weightScheme = WeightScheme::Uniform;
  WeightSymmetry weights = WeightSymmetry::Symmetric;
  ActivationScheme activations = ActivationScheme::Asymmetric;
  /// Activations of 8 or 16 bits.
  unsigned activationBits = 8;
  Rounding rounding = Rounding::HalfToEven;
};

/// What a float layer became.
struct QuantizedLayer {
  /// The f32 value that replaced the end of the epilogue (the layer's
  /// output, dequantized).
  Value output;
  /// The qnn.matmul or qnn.conv2d.
  Operation *integerOp;
};

/// The quantization a layer already has (a model quantized elsewhere, in
/// QDQ form): the types of its input and output, and its weights' element
/// type in qnn's layout (per tensor, or per axis along the last dimension).
/// The stored weights are recovered exactly from `c.weights`, their
/// dequantized values; no range is read.
struct GivenQuantization {
  quant::UniformQuantizedType input, output;
  Type weights;
};

/// Rewrites `c` and its epilogue into integer qnn ops, from the ranges in
/// the IR or, when `given`, from that quantization. Emits an error and fails
/// when a range is missing or a weight is not finite; the IR is unchanged
/// then.
FailureOr<QuantizedLayer>
quantizeContraction(FloatContraction &c, const QuantizeOptions &options,
                    const GivenQuantization *given = nullptr);

/// Rewrites the tensor.dim ops of `func` in terms of the function's inputs
/// where the producers can say (ReifyRankedShapedTypeOpInterface): a size
/// query of a float value would otherwise keep it, and all that computes it,
/// alive after quantization.
void resolveShapeQueries(func::FuncOp func);

} // namespace mlir::qnn

#endif // QNN_QUANTIZATION_QUANTIZECONTRACTION_H
