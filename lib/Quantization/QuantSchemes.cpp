//===- QuantSchemes.cpp - Scales and zero points from ranges --------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/QuantSchemes.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

using namespace mlir::qnn;

double mlir::qnn::roundScaleToF32(double scale) {
  auto rounded = static_cast<float>(scale);
  // A scale below the smallest normal binary32 would lose precision in every
  // product; clamp it up (the range is then covered with room to spare).
  return std::max(static_cast<double>(rounded), static_cast<double>(FLT_MIN));
}

ScaleAndZeroPoint mlir::qnn::asymmetricParams(double min, double max,
                                              ref::StorageRange range) {
  min = std::min(min, 0.0);
  max = std::max(max, 0.0);
  if (max == min)
    return {kZeroRangeScale, ref::saturate(0, range)};
  double scale =
      roundScaleToF32((max - min) / static_cast<double>(range.max - range.min));
  double zp = static_cast<double>(range.min) - min / scale;
  // Round half to even, as every other rounding in qnn's defaults.
  auto rounded = static_cast<int64_t>(std::nearbyint(zp));
  return {scale, ref::saturate(rounded, range)};
}

ScaleAndZeroPoint mlir::qnn::symmetricParams(double min, double max,
                                             ref::StorageRange range) {
  double bound = std::max(std::fabs(min), std::fabs(max));
  if (bound == 0.0)
    return {kZeroRangeScale, 0};
  return {roundScaleToF32(bound / static_cast<double>(range.max)), 0};
}

Codebook mlir::qnn::kMeansCodebook(llvm::ArrayRef<double> values, unsigned k,
                                   unsigned maxIterations) {
  Codebook book;
  book.indices.assign(values.size(), 0);
  if (values.empty()) {
    book.centroids.assign(k, 0.0);
    return book;
  }
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  for (unsigned c = 0; c < k; ++c)
    book.centroids.push_back(k == 1 ? (*lo + *hi) / 2
                                    : *lo + (*hi - *lo) * c / (k - 1));
  // Centroids stay sorted (each is the mean of a contiguous range of the
  // sorted values), so the nearest one is found by bisection.
  auto nearest = [&](double v) {
    const auto *it = llvm::lower_bound(book.centroids, v);
    unsigned i = it - book.centroids.begin();
    if (i == k)
      return k - 1;
    if (i > 0 && v - book.centroids[i - 1] <= book.centroids[i] - v)
      return i - 1;
    return i;
  };
  for (unsigned round = 0; round <= maxIterations; ++round) {
    bool changed = round == 0;
    for (auto [i, v] : llvm::enumerate(values)) {
      unsigned c = nearest(v);
      changed |= c != book.indices[i];
      book.indices[i] = c;
    }
    if (!changed || round == maxIterations)
      break;
    llvm::SmallVector<double> sum(k, 0.0);
    llvm::SmallVector<int64_t> count(k, 0);
    for (auto [i, v] : llvm::enumerate(values)) {
      sum[book.indices[i]] += v;
      ++count[book.indices[i]];
    }
    for (unsigned c = 0; c < k; ++c)
      if (count[c])
        book.centroids[c] = sum[c] / count[c];
    // An emptied cluster's centroid can fall out of order.
    llvm::sort(book.centroids);
  }
  return book;
}
