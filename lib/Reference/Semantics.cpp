//===- Semantics.cpp - Scalar reference of qnn arithmetic -------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Implements docs/Semantics.md one scalar at a time. Compiled with
// -ffp-contract=off: a fused multiply-add would change binary32 results.
//
//===----------------------------------------------------------------------===//

#include "qnn/Reference/Semantics.h"

#include <cmath>
#include <limits>

using namespace mlir::qnn::ref;

static constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();
static constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

int32_t saturateToInt32(int64_t v) {
  return static_cast<int32_t>(v < kInt32Min ? kInt32Min
                                            : (v > kInt32Max ? kInt32Max : v));
}

StorageRange StorageRange::forInteger(unsigned bits, bool isSigned) {
  if (isSigned)
    return {-(int64_t(1) << (bits - 1)), (int64_t(1) << (bits - 1)) - 1};
  return {0, (int64_t(1) << bits) - 1};
}

int64_t mlir::qnn::ref::saturate(int64_t v, StorageRange range) {
  return v < range.min ? range.min : (v > range.max ? range.max : v);
}

float mlir::qnn::ref::roundFloat(float x, Rounding mode) {
  if (mode == Rounding::HalfAwayFromZero)
    return std::round(x);
  // Half to even without depending on the floating-point environment's
  // rounding mode (std::nearbyint would). Values of magnitude >= 2^23 are
  // already integral; below that, x - floor(x) is exact.
  if (!std::isfinite(x) || std::fabs(x) >= 8388608.0f)
    return x;
  float lower = std::floor(x);
  float fraction = x - lower;
  if (fraction > 0.5f)
    return lower + 1.0f;
  if (fraction < 0.5f)
    return lower;
  return std::fmod(lower, 2.0f) == 0.0f ? lower : lower + 1.0f;
}

int64_t mlir::qnn::ref::saturateRounded(float rounded, int64_t zeroPoint,
                                        StorageRange range) {
  if (std::isnan(rounded))
    return saturate(zeroPoint, range);
  // Anything this large saturates whatever the zero point (|zp| < 2^32).
  constexpr float kHuge = 4611686018427387904.0f; // 2^62
  if (rounded >= kHuge)
    return range.max;
  if (rounded <= -kHuge)
    return range.min;
  return saturate(static_cast<int64_t>(rounded) + zeroPoint, range);
}

int64_t mlir::qnn::ref::quantize(float x, double scale, int64_t zeroPoint,
                                 StorageRange range, Rounding mode) {
  float scaled = x / static_cast<float>(scale);
  return saturateRounded(roundFloat(scaled, mode), zeroPoint, range);
}

float mlir::qnn::ref::dequantize(int64_t q, double scale, int64_t zeroPoint) {
  return static_cast<float>(q - zeroPoint) * static_cast<float>(scale);
}

std::optional<FixedPointMultiplier>
mlir::qnn::ref::computeFixedPointMultiplier(double ratio, Rounding mode) {
  if (!(ratio > 0.0) || !std::isfinite(ratio))
    return FixedPointMultiplier{0, mode == Rounding::DoubleRound ? 0 : 2};
  int exponent = 0;
  // ratio = mantissa * 2^exponent with mantissa in [0.5, 1).
  double mantissa = std::frexp(ratio, &exponent);
  auto q31 = static_cast<int64_t>(std::round(mantissa * 2147483648.0));
  if (q31 == (int64_t(1) << 31)) {
    q31 /= 2;
    ++exponent;
  }
  FixedPointMultiplier result;
  if (mode == Rounding::DoubleRound) {
    // ratio = q31 * 2^(exponent - 31).
    if (exponent > 30)
      return std::nullopt;
    if (exponent < -31)
      return FixedPointMultiplier{0, 0};
    result.multiplier = static_cast<int32_t>(q31);
    result.shift = exponent;
    return result;
  }
  // The TOSA modes: ratio = q31 * 2^-(31 - exponent).
  int shift = 31 - exponent;
  if (shift < 2)
    return std::nullopt;
  if (shift > 62) {
    // Keep the shift within TOSA's limit; round the multiplier instead.
    int drop = shift - 62;
    q31 = drop > 31 ? 0 : (q31 + (int64_t(1) << (drop - 1))) >> drop;
    shift = 62;
  }
  result.multiplier = static_cast<int32_t>(q31);
  result.shift = shift;
  return result;
}

int32_t mlir::qnn::ref::saturatingRoundingDoublingHighMul(int32_t a,
                                                          int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min())
    return std::numeric_limits<int32_t>::max();
  int64_t product = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  int64_t nudge = product >= 0 ? (int64_t(1) << 30) : (1 - (int64_t(1) << 30));
  // C++ division truncates toward zero, as gemmlowp relies on.
  return static_cast<int32_t>((product + nudge) / (int64_t(1) << 31));
}

int32_t mlir::qnn::ref::roundingDivideByPOT(int32_t x, int exponent) {
  if (exponent == 0)
    return x;
  int64_t mask = (int64_t(1) << exponent) - 1;
  int64_t remainder = static_cast<int64_t>(x) & mask;
  int64_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  int64_t shifted = static_cast<int64_t>(x) >> exponent;
  return static_cast<int32_t>(shifted + (remainder > threshold ? 1 : 0));
}

int32_t mlir::qnn::ref::applyFixedPointMultiplier(int32_t x,
                                                  FixedPointMultiplier m,
                                                  Rounding mode) {
  if (mode == Rounding::DoubleRound) {
    int leftShift = m.shift > 0 ? m.shift : 0;
    int rightShift = m.shift > 0 ? 0 : -m.shift;
    int32_t shifted =
        saturateToInt32(static_cast<int64_t>(x) * (int64_t(1) << leftShift));
    return roundingDivideByPOT(
        saturatingRoundingDoublingHighMul(shifted, m.multiplier), rightShift);
  }
  // TOSA apply_scale_32: (x * multiplier + round) >> shift, arithmetic
  // shift; round = 2^(shift-1), DOUBLE_ROUND adds 2^30 away from zero for
  // shifts above 31.
  int64_t product = static_cast<int64_t>(x) * m.multiplier;
  int64_t round = int64_t(1) << (m.shift - 1);
  if (mode == Rounding::TosaDoubleRound && m.shift > 31)
    round += x >= 0 ? (int64_t(1) << 30) : -(int64_t(1) << 30);
  return saturateToInt32((product + round) >> m.shift);
}

int64_t mlir::qnn::ref::requantizeFixedPoint(int64_t q, int64_t inZeroPoint,
                                             FixedPointMultiplier m,
                                             int64_t outZeroPoint,
                                             StorageRange range,
                                             Rounding mode) {
  int32_t x = saturateToInt32(q - inZeroPoint);
  int32_t scaled = applyFixedPointMultiplier(x, m, mode);
  return saturate(static_cast<int64_t>(scaled) + outZeroPoint, range);
}

int64_t mlir::qnn::ref::requantizeFloat(int64_t q, int64_t inZeroPoint,
                                        float multiplier, int64_t outZeroPoint,
                                        StorageRange range, Rounding mode) {
  float scaled = static_cast<float>(q - inZeroPoint) * multiplier;
  return saturateRounded(roundFloat(scaled, mode), outZeroPoint, range);
}

std::optional<int64_t>
mlir::qnn::ref::requantize(int64_t q, double inScale, int64_t inZeroPoint,
                           double outScale, int64_t outZeroPoint,
                           StorageRange range, Rounding mode) {
  double ratio = inScale / outScale;
  if (isFloatRounding(mode))
    return requantizeFloat(q, inZeroPoint, static_cast<float>(ratio),
                           outZeroPoint, range, mode);
  std::optional<FixedPointMultiplier> m =
      computeFixedPointMultiplier(ratio, mode);
  if (!m)
    return std::nullopt;
  return requantizeFixedPoint(q, inZeroPoint, *m, outZeroPoint, range, mode);
}

int64_t mlir::qnn::ref::add(int64_t a, double sa, int64_t za, int64_t b,
                            double sb, int64_t zb, double sc, int64_t zc,
                            StorageRange range, Rounding mode) {
  auto ma = static_cast<float>(sa / sc);
  auto mb = static_cast<float>(sb / sc);
  float ta = static_cast<float>(a - za) * ma;
  float tb = static_cast<float>(b - zb) * mb;
  return saturateRounded(roundFloat(ta + tb, mode), zc, range);
}

void mlir::qnn::ref::matmul(const int32_t *a, const int32_t *b,
                            const int32_t *bias, int32_t *c, int64_t m,
                            int64_t k, int64_t n, int32_t za, const int32_t *zb,
                            bool zbPerChannel) {
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      int32_t zbj = zb[zbPerChannel ? j : 0];
      int32_t acc = bias ? bias[j] : 0;
      for (int64_t p = 0; p < k; ++p)
        acc = wrappingAdd(acc,
                          wrappingMul(a[i * k + p] - za, b[p * n + j] - zbj));
      c[i * n + j] = acc;
    }
  }
}

/// Output positions of one spatial dimension; 0 when the dilated filter is
/// larger than the padded input (C++ division would round -1 / 2 up to 0).
static int64_t outputSize(int64_t in, int64_t padA, int64_t padB, int64_t k,
                          int64_t stride, int64_t dilation) {
  int64_t span = in + padA + padB - dilation * (k - 1) - 1;
  return span < 0 ? 0 : span / stride + 1;
}

int64_t Conv2DShape::outH() const {
  return outputSize(inH, padTop, padBottom, kH, strideH, dilationH);
}

int64_t Conv2DShape::outW() const {
  return outputSize(inW, padLeft, padRight, kW, strideW, dilationW);
}

void mlir::qnn::ref::conv2d(const int32_t *input, const int32_t *filter,
                            const int32_t *bias, int32_t *output,
                            const Conv2DShape &s, int32_t zin,
                            const int32_t *zf, bool zfPerChannel) {
  int64_t oh = s.outH(), ow = s.outW();
  int64_t cPerGroup = s.inC / s.groups, fPerGroup = s.outC / s.groups;
  for (int64_t nb = 0; nb < s.batch; ++nb)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x)
        for (int64_t f = 0; f < s.outC; ++f) {
          int64_t g = f / fPerGroup;
          int32_t zff = zf[zfPerChannel ? f : 0];
          int32_t acc = bias ? bias[f] : 0;
          for (int64_t ky = 0; ky < s.kH; ++ky) {
            int64_t iy = y * s.strideH + ky * s.dilationH - s.padTop;
            if (iy < 0 || iy >= s.inH)
              continue;
            for (int64_t kx = 0; kx < s.kW; ++kx) {
              int64_t ix = x * s.strideW + kx * s.dilationW - s.padLeft;
              if (ix < 0 || ix >= s.inW)
                continue;
              for (int64_t c = 0; c < cPerGroup; ++c) {
                int32_t in = input[((nb * s.inH + iy) * s.inW + ix) * s.inC +
                                   g * cPerGroup + c];
                int32_t w =
                    filter[((ky * s.kW + kx) * cPerGroup + c) * s.outC + f];
                acc = wrappingAdd(acc, wrappingMul(in - zin, w - zff));
              }
            }
          }
          output[((nb * oh + y) * ow + x) * s.outC + f] = acc;
        }
}

std::vector<uint8_t>
mlir::qnn::ref::packStorage(const std::vector<int64_t> &values, unsigned bits) {
  std::vector<uint8_t> bytes(packedBytes(values.size(), bits), 0);
  uint64_t mask = (uint64_t{1} << bits) - 1;
  for (size_t i = 0; i < values.size(); ++i) {
    uint64_t offset = i * bits;
    bytes[offset / 8] |= static_cast<uint8_t>(
        (static_cast<uint64_t>(values[i]) & mask) << (offset % 8));
  }
  return bytes;
}

std::vector<int64_t>
mlir::qnn::ref::unpackStorage(const std::vector<uint8_t> &bytes, unsigned bits,
                              bool isSigned, int64_t count) {
  std::vector<int64_t> values(count);
  uint64_t mask = (uint64_t{1} << bits) - 1;
  for (int64_t i = 0; i < count; ++i) {
    uint64_t offset = i * bits;
    int64_t v = (bytes[offset / 8] >> (offset % 8)) & mask;
    if (isSigned && (v >> (bits - 1)))
      v -= int64_t{1} << bits;
    values[i] = v;
  }
  return values;
}
