//===- QuantSchemes.cpp - Scales and zero points from ranges --------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/QuantSchemes.h"

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
