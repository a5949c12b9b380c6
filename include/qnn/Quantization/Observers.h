//===- Observers.h - Ranges from calibration data ---------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// How one tensor's values over the calibration batches become a [min, max]
// range (docs/Calibration.md). No MLIR dependency: the math is unit-tested
// directly.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_QUANTIZATION_OBSERVERS_H
#define QNN_QUANTIZATION_OBSERVERS_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace mlir::qnn::calib {

enum class Method { MinMax, MovingAverage, Percentile, Entropy, MeanStd };

struct ObserverOptions {
  Method method = Method::MinMax;
  /// Percentile: the upper percentile kept (the lower is 100 - p).
  double percentile = 99.99;
  /// MeanStd: how many standard deviations around the mean.
  double stddevs = 3.0;
  /// MovingAverage: weight of the running value per batch.
  double momentum = 0.9;
  /// Percentile and Entropy histograms.
  unsigned bins = 2048;
  /// Entropy: quantization levels on one side of zero (128 for int8).
  unsigned levels = 128;
};

/// Accumulates one tensor. Every method first sees all batches through
/// observe(); Percentile and Entropy then need a second pass through
/// observeAgain() to fill a histogram over the range the first pass found.
class Observer {
public:
  explicit Observer(const ObserverOptions &options) : options(options) {}

  void observe(llvm::ArrayRef<float> batch);
  bool needsSecondPass() const {
    return options.method == Method::Percentile ||
           options.method == Method::Entropy;
  }
  void observeAgain(llvm::ArrayRef<float> batch);

  /// The calibrated range. Undefined before any value was observed.
  std::pair<double, double> range() const;
  int64_t count() const { return n; }

private:
  ObserverOptions options;
  int64_t n = 0;
  double lo = 0, hi = 0;       // overall min and max
  double emaLo = 0, emaHi = 0; // moving averages
  bool haveEma = false;
  double sum = 0, sumSquares = 0; // mean and std
  std::vector<double> histogram;  // second pass
};

/// TensorRT's entropy calibration: the threshold t in (0, max|x|] whose
/// clipped, `levels`-level quantization of the |x| histogram `hist` (bins of
/// equal width over [0, max|x|]) has the least KL divergence from it.
double entropyThreshold(llvm::ArrayRef<double> hist, double maxAbs,
                        unsigned levels);

} // namespace mlir::qnn::calib

#endif // QNN_QUANTIZATION_OBSERVERS_H
