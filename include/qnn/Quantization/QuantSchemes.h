//===- QuantSchemes.h - Scales and zero points from ranges ------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// How an observed range becomes a scale and a zero point (docs/Quantize.md).
// Scales are rounded to binary32 before they go into a type, because
// quantize and dequantize use them as binary32 (docs/Semantics.md): the type
// then shows the scale the arithmetic really uses.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_QUANTIZATION_QUANTSCHEMES_H
#define QNN_QUANTIZATION_QUANTSCHEMES_H

#include "qnn/Reference/Semantics.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace mlir::qnn {

struct ScaleAndZeroPoint {
  double scale;
  int64_t zeroPoint;
};

/// The scale used when a range is all zeros: any positive scale maps every
/// value to the zero point; 1 keeps products of scales well away from
/// underflow.
constexpr double kZeroRangeScale = 1.0;

/// Asymmetric: the range is widened to contain 0 (so 0 is exact), then
/// scale = (max - min) / (qmax - qmin) and zero_point = round_half_even(qmin -
/// min / scale), clamped to the storage range.
ScaleAndZeroPoint asymmetricParams(double min, double max,
                                   ref::StorageRange range);

/// Symmetric: zero point 0 and scale = max(|min|, |max|) / qmax.
ScaleAndZeroPoint symmetricParams(double min, double max,
                                  ref::StorageRange range);

/// Rounds a scale to the nearest binary32 value (keeping it positive).
double roundScaleToF32(double scale);

/// A 1-D k-means codebook of `values`: `k` centroids in ascending order and
/// the index of each value's centroid.
struct Codebook {
  llvm::SmallVector<double> centroids;
  llvm::SmallVector<unsigned> indices;
};

/// Lloyd's algorithm from centroids spaced evenly over [min, max] (the
/// linear initialization that keeps rare large weights represented), until
/// no value changes cluster (at most `maxIterations` rounds). Deterministic.
/// A cluster that empties keeps its centroid; ties go to the lower one.
Codebook kMeansCodebook(llvm::ArrayRef<double> values, unsigned k,
                        unsigned maxIterations = 100);

} // namespace mlir::qnn

#endif // QNN_QUANTIZATION_QUANTSCHEMES_H
