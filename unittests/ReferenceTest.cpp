//===- ReferenceTest.cpp - Golden tests of the qnn semantics --------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Checks the scalar reference (docs/Semantics.md) bit for bit against goldens
// produced by scripts/gen_goldens.py from independent implementations: the
// ONNX operator definitions and examples, PyTorch, and Python transcriptions
// of TFLite's and TOSA's fixed-point rescaling.
//
//===----------------------------------------------------------------------===//

#include "qnn/Reference/Semantics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

using namespace mlir::qnn;

namespace {

struct QuantizeGolden {
  float x;
  float scale;
  int64_t zeroPoint, qmin, qmax, expected;
  bool hasTorch;
  int64_t torch;
  const char *label;
};
struct DequantizeGolden {
  int64_t q;
  float scale;
  int64_t zeroPoint;
  float expected;
  const char *label;
};
struct RequantizeGolden {
  int64_t q;
  double inScale;
  int64_t inZeroPoint;
  double outScale;
  int64_t outZeroPoint, qmin, qmax;
  ref::Rounding mode;
  bool representable;
  int64_t expected;
};
struct MultiplierGolden {
  double ratio;
  ref::Rounding mode;
  int32_t multiplier, shift;
};
struct AddGolden {
  int64_t a;
  double sa;
  int64_t za, b;
  double sb;
  int64_t zb;
  double sc;
  int64_t zc, expected;
};
struct MatmulGolden {
  int64_t m, k, n;
  std::vector<int32_t> a, b;
  int32_t za, zb;
  std::vector<int32_t> expected;
  const char *label;
};
struct ConvGolden {
  int64_t h, w, kh, kw;
  std::vector<int32_t> x, filter;
  int32_t zx;
  int64_t pad[4]; // top, bottom, left, right
  int64_t oh, ow;
  std::vector<int32_t> expected;
  const char *label;
};

#include "Goldens.inc"

uint32_t bitsOf(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  return bits;
}

TEST(QuantizeTest, MatchesOnnx) {
  for (const QuantizeGolden &g : kQuantizeGoldens)
    EXPECT_EQ(ref::quantize(g.x, g.scale, g.zeroPoint, {g.qmin, g.qmax}),
              g.expected)
        << g.label << ": x = " << g.x << ", scale = " << g.scale;
}

TEST(QuantizeTest, AgreesWithTorchExceptOnNearTies) {
  int disagreements = 0;
  for (const QuantizeGolden &g : kQuantizeGoldens) {
    if (!g.hasTorch)
      continue;
    int64_t ours = ref::quantize(g.x, g.scale, g.zeroPoint, {g.qmin, g.qmax});
    if (std::strcmp(g.label, "saturate-huge") == 0 ||
        std::strcmp(g.label, "nan") == 0) {
      // NaN, or |x / scale| beyond int64: PyTorch's float-to-integer cast is
      // undefined there (it returns -128); qnn saturates, NaN gives the zero
      // point.
      continue;
    }
    if (std::strcmp(g.label, "near-tie-torch-differs") == 0) {
      // PyTorch rounds x * (1 / scale); qnn rounds x / scale (ONNX).
      EXPECT_NE(ours, g.torch) << "x = " << g.x;
      EXPECT_EQ(std::abs(ours - g.torch), 1);
      ++disagreements;
      continue;
    }
    EXPECT_EQ(ours, g.torch) << g.label << ": x = " << g.x;
  }
  EXPECT_GT(disagreements, 0);
}

TEST(QuantizeTest, DocumentedExamples) {
  ref::StorageRange i8 = ref::StorageRange::forInteger(8, true);
  EXPECT_EQ(ref::quantize(2.5f, 1.0, 0, i8), 2);
  EXPECT_EQ(ref::quantize(3.5f, 1.0, 0, i8), 4);
  EXPECT_EQ(ref::quantize(-2.5f, 1.0, 0, i8), -2);
  EXPECT_EQ(ref::quantize(300.0f, 1.0, 0, i8), 127);
  EXPECT_EQ(ref::quantize(-200.0f, 1.0, 0, i8), -128);
  EXPECT_EQ(ref::quantize(-200.0f, 1.0, 0, {-127, 127}), -127);
  EXPECT_EQ(ref::quantize(2.5f, 1.0, 0, i8, ref::Rounding::HalfAwayFromZero),
            3);
  EXPECT_EQ(ref::quantize(-2.5f, 1.0, 0, i8, ref::Rounding::HalfAwayFromZero),
            -3);
  EXPECT_EQ(ref::quantize(NAN, 0.5, 7, i8), 7);
  ref::StorageRange u8 = ref::StorageRange::forInteger(8, false);
  EXPECT_EQ(ref::quantize(3.0f, 2.0, 128, u8), 130);
  // The PyTorch near-tie of docs/Semantics.md.
  EXPECT_EQ(ref::quantize(-0x1.84ed3ap+5f, 0x1.161d7cp-1f, 0, i8), -89);
}

TEST(DequantizeTest, MatchesOnnx) {
  for (const DequantizeGolden &g : kDequantizeGoldens)
    EXPECT_EQ(bitsOf(ref::dequantize(g.q, g.scale, g.zeroPoint)),
              bitsOf(g.expected))
        << g.label << ": q = " << g.q;
}

TEST(RequantizeTest, MatchesTfliteTosaAndFloat) {
  for (const RequantizeGolden &g : kRequantizeGoldens) {
    std::optional<int64_t> y =
        ref::requantize(g.q, g.inScale, g.inZeroPoint, g.outScale,
                        g.outZeroPoint, {g.qmin, g.qmax}, g.mode);
    ASSERT_EQ(y.has_value(), g.representable)
        << "mode " << static_cast<int>(g.mode) << ", q = " << g.q;
    if (y) {
      EXPECT_EQ(*y, g.expected)
          << "mode " << static_cast<int>(g.mode) << ", q = " << g.q
          << ", ratio = " << g.inScale / g.outScale;
    }
  }
}

TEST(RequantizeTest, FixedPointMultipliers) {
  for (const MultiplierGolden &g : kMultiplierGoldens) {
    std::optional<ref::FixedPointMultiplier> m =
        ref::computeFixedPointMultiplier(g.ratio, g.mode);
    ASSERT_TRUE(m.has_value()) << g.ratio;
    EXPECT_EQ(m->multiplier, g.multiplier) << g.ratio;
    EXPECT_EQ(m->shift, g.shift) << g.ratio;
  }
  // Too large for the mode.
  EXPECT_FALSE(ref::computeFixedPointMultiplier(std::ldexp(1.0, 30),
                                                ref::Rounding::DoubleRound));
  EXPECT_FALSE(ref::computeFixedPointMultiplier(std::ldexp(1.0, 29),
                                                ref::Rounding::SingleRound));
}

TEST(RequantizeTest, DocumentedMultiplier) {
  // docs/Semantics.md: ratio 0.0123 = 0.7872 * 2^-6.
  auto tflite =
      ref::computeFixedPointMultiplier(0.0123, ref::Rounding::DoubleRound);
  auto tosa =
      ref::computeFixedPointMultiplier(0.0123, ref::Rounding::SingleRound);
  ASSERT_TRUE(tflite && tosa);
  EXPECT_EQ(tflite->multiplier, 1690499128);
  EXPECT_EQ(tflite->shift, -6);
  EXPECT_EQ(tosa->multiplier, 1690499128);
  EXPECT_EQ(tosa->shift, 37);
}

TEST(RequantizeTest, RoundingModesDifferOnTies) {
  ref::StorageRange i8 = ref::StorageRange::forInteger(8, true);
  // 5 * 0.5 = 2.5 and -5 * 0.5 = -2.5.
  auto run = [&](int64_t q, ref::Rounding mode) {
    return *ref::requantize(q, 0.5, 0, 1.0, 0, i8, mode);
  };
  EXPECT_EQ(run(5, ref::Rounding::HalfToEven), 2);
  EXPECT_EQ(run(5, ref::Rounding::HalfAwayFromZero), 3);
  EXPECT_EQ(run(5, ref::Rounding::DoubleRound), 3);
  EXPECT_EQ(run(5, ref::Rounding::SingleRound), 3);
  EXPECT_EQ(run(-5, ref::Rounding::HalfToEven), -2);
  EXPECT_EQ(run(-5, ref::Rounding::HalfAwayFromZero), -3);
  // Ratio 0.5 is multiplier 2^30 with no shift: the tie is decided by
  // SaturatingRoundingDoublingHighMul, which rounds half up (toward +inf).
  EXPECT_EQ(run(-5, ref::Rounding::DoubleRound), -2);
  // TOSA rounds half up as well.
  EXPECT_EQ(run(-5, ref::Rounding::SingleRound), -2);
  // Ratio 0.25 needs a right shift: RoundingDivideByPOT rounds half away
  // from zero, so -10 * 0.25 = -2.5 becomes -3.
  EXPECT_EQ(
      *ref::requantize(-10, 0.25, 0, 1.0, 0, i8, ref::Rounding::DoubleRound),
      -3);
  EXPECT_EQ(
      *ref::requantize(-10, 0.25, 0, 1.0, 0, i8, ref::Rounding::SingleRound),
      -2);
}

// TOSA's DOUBLE_ROUND (multiplier 2^30, shift 33 for x / 8, as in
// test/Integration/tosa-rescale.mlir): 3/8 rounds up to 1 and -4/8 down to
// -1 where SINGLE_ROUND gives 0 and 0, as TFLite's two roundings do.
TEST(RequantizeTest, TosaDoubleRound) {
  ref::StorageRange i8 = ref::StorageRange::forInteger(8, true);
  auto run = [&](int64_t q, ref::Rounding mode) {
    return *ref::requantize(q, 0.125, 0, 1.0, 0, i8, mode);
  };
  EXPECT_EQ(run(3, ref::Rounding::TosaDoubleRound), 1);
  EXPECT_EQ(run(3, ref::Rounding::SingleRound), 0);
  EXPECT_EQ(run(3, ref::Rounding::DoubleRound), 1);
  EXPECT_EQ(run(-4, ref::Rounding::TosaDoubleRound), -1);
  EXPECT_EQ(run(-4, ref::Rounding::SingleRound), 0);
  EXPECT_EQ(run(-4, ref::Rounding::DoubleRound), -1);
  EXPECT_EQ(run(-13, ref::Rounding::TosaDoubleRound), -2);
  // A shift of 31 or less (ratio 0.5: shift 32 - 1) has no extra rounding.
  auto half = [&](int64_t q, ref::Rounding mode) {
    return *ref::requantize(q, 1.0, 0, 1.0, 0, i8, mode);
  };
  EXPECT_EQ(half(7, ref::Rounding::TosaDoubleRound), 7);
}

TEST(AddTest, MatchesFloat32) {
  for (const AddGolden &g : kAddGoldens)
    EXPECT_EQ(ref::add(g.a, g.sa, g.za, g.b, g.sb, g.zb, g.sc, g.zc,
                       ref::StorageRange::forInteger(8, true)),
              g.expected);
}

TEST(MatmulTest, MatchesOnnxMatMulInteger) {
  for (const MatmulGolden &g : kMatmulGoldens) {
    std::vector<int32_t> c(g.m * g.n);
    ref::matmul(g.a.data(), g.b.data(), nullptr, c.data(), g.m, g.k, g.n, g.za,
                &g.zb, /*zbPerChannel=*/false);
    EXPECT_EQ(c, g.expected) << g.label;
  }
}

TEST(MatmulTest, WrapsAroundInt32) {
  // 2 * (127 - (-128)) * (127 - (-128)) fits; force a wrap with a big bias.
  int32_t a[2] = {127, 127}, b[2] = {127, 127};
  int32_t zb = -128, bias = 2147483647;
  int32_t c;
  ref::matmul(a, b, &bias, &c, 1, 2, 1, -128, &zb, false);
  int64_t exact = 2147483647LL + 2LL * 255 * 255;
  EXPECT_EQ(c, static_cast<int32_t>(exact - (int64_t(1) << 32)));
}

TEST(ConvTest, MatchesOnnxConvInteger) {
  for (const ConvGolden &g : kConvGoldens) {
    ref::Conv2DShape s;
    s.inH = g.h;
    s.inW = g.w;
    s.kH = g.kh;
    s.kW = g.kw;
    s.padTop = g.pad[0];
    s.padBottom = g.pad[1];
    s.padLeft = g.pad[2];
    s.padRight = g.pad[3];
    ASSERT_EQ(s.outH(), g.oh);
    ASSERT_EQ(s.outW(), g.ow);
    std::vector<int32_t> y(g.oh * g.ow);
    int32_t zf = 0;
    ref::conv2d(g.x.data(), g.filter.data(), nullptr, y.data(), s, g.zx, &zf,
                false);
    EXPECT_EQ(y, g.expected) << g.label;
  }
}

TEST(ConvTest, FilterLargerThanInputHasNoOutput) {
  ref::Conv2DShape s;
  s.inH = 3;
  s.kH = 3;
  s.dilationH = 2;
  s.strideH = 2;
  s.padTop = 1;
  // The dilated filter spans 5 rows of a padded height of 4.
  EXPECT_EQ(s.outH(), 0);
}

TEST(ConvTest, DepthwiseStridedDilated) {
  // 1x5x5x2 input, 2x2 depthwise filter, stride 2, dilation 2, pad 1.
  ref::Conv2DShape s;
  s.inH = s.inW = 5;
  s.inC = 2;
  s.kH = s.kW = 2;
  s.outC = 2;
  s.groups = 2;
  s.strideH = s.strideW = 2;
  s.dilationH = s.dilationW = 2;
  s.padTop = s.padBottom = s.padLeft = s.padRight = 1;
  std::vector<int32_t> x(5 * 5 * 2), f(2 * 2 * 1 * 2, 1);
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = static_cast<int32_t>(i);
  std::vector<int32_t> y(s.outH() * s.outW() * 2);
  int32_t zf = 0;
  ref::conv2d(x.data(), f.data(), nullptr, y.data(), s, 0, &zf, false);
  ASSERT_EQ(s.outH(), 3);
  // Output (0, 0), channel 1: taps at input rows/cols {-1, 1} -> only (1, 1).
  EXPECT_EQ(y[1], x[(1 * 5 + 1) * 2 + 1]);
  // Output (1, 1), channel 0: taps (1,1), (1,3), (3,1), (3,3).
  int32_t expected = x[(1 * 5 + 1) * 2] + x[(1 * 5 + 3) * 2] +
                     x[(3 * 5 + 1) * 2] + x[(3 * 5 + 3) * 2];
  EXPECT_EQ(y[(1 * 3 + 1) * 2], expected);
}

// Packed sub-byte storage follows ONNX's INT4/UINT4 layout (onnx/docs/IR.md,
// "4 bit integer types"): the first element in the 4 least significant
// bits, so [1, 2, 3] is 0x21 0x03. 2- and 1-bit storage extend the same
// order.
TEST(PackedStorageTest, OnnxNibbleOrder) {
  EXPECT_EQ(ref::packStorage({1, 2, 3}, 4), (std::vector<uint8_t>{0x21, 0x03}));
  // Signed: two's complement nibbles; -1 = 0xF, -8 = 0x8.
  EXPECT_EQ(ref::packStorage({-1, -8, 7, 0}, 4),
            (std::vector<uint8_t>{0x8F, 0x07}));
  // 2 bits: 1 = 01, -1 = 11, 0 = 00, -2 = 10 -> 0b10'00'11'01.
  EXPECT_EQ(ref::packStorage({1, -1, 0, -2, 1}, 2),
            (std::vector<uint8_t>{0x8D, 0x01}));
  EXPECT_EQ(ref::packStorage({1, 0, 1, 1, 0, 0, 0, 1, 1}, 1),
            (std::vector<uint8_t>{0x8D, 0x01}));
  EXPECT_EQ(ref::packedBytes(9, 1), 2);
  EXPECT_EQ(ref::packedBytes(5, 4), 3);
}

TEST(PackedStorageTest, RoundTripsEveryValue) {
  for (unsigned bits : {1u, 2u, 4u}) {
    for (bool isSigned : {true, false}) {
      int64_t lo = isSigned ? -(int64_t{1} << (bits - 1)) : 0;
      int64_t hi =
          isSigned ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
      std::vector<int64_t> values;
      for (int rep = 0; rep < 3; ++rep)
        for (int64_t v = lo; v <= hi; ++v)
          values.push_back(v);
      values.push_back(lo); // an odd count leaves unused bits
      std::vector<uint8_t> bytes = ref::packStorage(values, bits);
      ASSERT_EQ(static_cast<int64_t>(bytes.size()),
                ref::packedBytes(values.size(), bits));
      EXPECT_EQ(ref::unpackStorage(bytes, bits, isSigned, values.size()),
                values)
          << bits << " bits, signed " << isSigned;
    }
  }
}

} // namespace
