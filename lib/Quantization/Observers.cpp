//===- Observers.cpp - Ranges from calibration data -----------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/Observers.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir::qnn::calib;

void Observer::observe(llvm::ArrayRef<float> batch) {
  if (batch.empty())
    return;
  double batchLo = batch[0], batchHi = batch[0];
  for (float v : batch) {
    batchLo = std::min<double>(batchLo, v);
    batchHi = std::max<double>(batchHi, v);
    sum += v;
    sumSquares += static_cast<double>(v) * v;
  }
  if (n == 0) {
    lo = batchLo;
    hi = batchHi;
  } else {
    lo = std::min(lo, batchLo);
    hi = std::max(hi, batchHi);
  }
  // TensorFlow's moving-average min/max: the first batch starts the average.
  if (!haveEma) {
    emaLo = batchLo;
    emaHi = batchHi;
    haveEma = true;
  } else {
    emaLo = options.momentum * emaLo + (1 - options.momentum) * batchLo;
    emaHi = options.momentum * emaHi + (1 - options.momentum) * batchHi;
  }
  n += static_cast<int64_t>(batch.size());
}

void Observer::observeAgain(llvm::ArrayRef<float> batch) {
  if (histogram.empty())
    histogram.assign(options.bins, 0.0);
  if (options.method == Method::Entropy) {
    double maxAbs = std::max(std::fabs(lo), std::fabs(hi));
    for (float v : batch) {
      double x = std::fabs(v);
      auto bin =
          maxAbs > 0 ? static_cast<size_t>(x / maxAbs * options.bins) : 0;
      histogram[std::min<size_t>(bin, options.bins - 1)] += 1;
    }
    return;
  }
  double width = hi - lo;
  for (float v : batch) {
    auto bin =
        width > 0 ? static_cast<size_t>((v - lo) / width * options.bins) : 0;
    histogram[std::min<size_t>(bin, options.bins - 1)] += 1;
  }
}

/// The value below which `fraction` of the histogram's mass lies, linearly
/// interpolated inside its bin.
static double quantile(const std::vector<double> &hist, double lo, double hi,
                       double fraction) {
  double total = 0;
  for (double c : hist)
    total += c;
  double target = fraction * total, seen = 0;
  double width = (hi - lo) / hist.size();
  for (size_t i = 0; i < hist.size(); ++i) {
    if (seen + hist[i] >= target && hist[i] > 0)
      return lo + width * (i + (target - seen) / hist[i]);
    seen += hist[i];
  }
  return hi;
}

std::pair<double, double> Observer::range() const {
  switch (options.method) {
  case Method::MinMax:
    return {lo, hi};
  case Method::MovingAverage:
    return {emaLo, emaHi};
  case Method::MeanStd: {
    double mean = sum / n;
    double variance = std::max(0.0, sumSquares / n - mean * mean);
    double spread = options.stddevs * std::sqrt(variance);
    return {std::max(lo, mean - spread), std::min(hi, mean + spread)};
  }
  case Method::Percentile: {
    double p = options.percentile / 100.0;
    return {quantile(histogram, lo, hi, 1 - p), quantile(histogram, lo, hi, p)};
  }
  case Method::Entropy: {
    double maxAbs = std::max(std::fabs(lo), std::fabs(hi));
    double t = entropyThreshold(histogram, maxAbs, options.levels);
    return {lo >= 0 ? 0.0 : std::max(lo, -t), std::min(hi, t)};
  }
  }
  return {lo, hi};
}

double mlir::qnn::calib::entropyThreshold(llvm::ArrayRef<double> hist,
                                          double maxAbs, unsigned levels) {
  size_t bins = hist.size();
  if (bins <= levels || maxAbs <= 0)
    return maxAbs;
  double width = maxAbs / bins;
  double bestDivergence = std::numeric_limits<double>::infinity();
  size_t best = bins;
  std::vector<double> p, q;
  for (size_t i = levels; i <= bins; ++i) {
    // Reference: the first i bins with the clipped outliers in the last.
    p.assign(hist.begin(), hist.begin() + i);
    for (size_t j = i; j < bins; ++j)
      p[i - 1] += hist[j];
    // Candidate: the first i bins merged into `levels` levels, each level's
    // count spread evenly over its non-empty bins.
    q.assign(i, 0.0);
    double merged = static_cast<double>(i) / levels;
    for (unsigned level = 0; level < levels; ++level) {
      auto start = static_cast<size_t>(level * merged);
      auto stop =
          level + 1 == levels ? i : static_cast<size_t>((level + 1) * merged);
      double total = 0;
      size_t nonEmpty = 0;
      for (size_t j = start; j < stop; ++j) {
        total += hist[j];
        nonEmpty += hist[j] > 0;
      }
      for (size_t j = start; j < stop; ++j)
        if (hist[j] > 0)
          q[j] = total / nonEmpty;
    }
    double pTotal = 0, qTotal = 0;
    for (size_t j = 0; j < i; ++j) {
      pTotal += p[j];
      qTotal += q[j];
    }
    if (pTotal <= 0 || qTotal <= 0)
      continue;
    double divergence = 0;
    for (size_t j = 0; j < i; ++j) {
      if (p[j] <= 0)
        continue;
      double pj = p[j] / pTotal;
      // A clipped outlier bin may be empty in q: a small floor keeps the
      // divergence finite (as TensorRT's smoothing does).
      double qj = std::max(q[j] / qTotal, 1e-12);
      divergence += pj * std::log(pj / qj);
    }
    if (divergence < bestDivergence) {
      bestDivergence = divergence;
      best = i;
    }
  }
  return (best + 0.5) * width > maxAbs ? maxAbs : (best + 0.5) * width;
}
