//===- Semantics.h - Scalar reference of qnn arithmetic ---------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The one scalar implementation of docs/Semantics.md. Folders, tests, the
// calibration folding and the benchmark's output checks all call these
// functions, so there is exactly one definition of every rounding and
// saturation rule. The library has no MLIR dependency on purpose: it can be
// linked into a C harness or a fuzzer without pulling in the compiler.
//
// Every function is deterministic and exact: float arithmetic is IEEE-754
// binary32 with round-to-nearest-even and no contraction (this file's
// implementation is compiled with -ffp-contract=off).
//
//===----------------------------------------------------------------------===//

#ifndef QNN_REFERENCE_SEMANTICS_H
#define QNN_REFERENCE_SEMANTICS_H

#include <cstdint>
#include <optional>
#include <vector>

namespace mlir::qnn::ref {

/// How a real value is turned into an integer. The two float modes round a
/// binary32 value; the two fixed-point modes apply an integer multiplier and
/// shift derived from a scale ratio (they exist for requantize only).
enum class Rounding {
  /// Round half to even on binary32 (ONNX QuantizeLinear, the default).
  HalfToEven,
  /// Round half away from zero on binary32 (C `round`, TFLite's quantize).
  HalfAwayFromZero,
  /// TFLite's fixed point: saturating rounding doubling high multiply, then a
  /// rounding divide by a power of two (two roundings).
  DoubleRound,
  /// TOSA RESCALE with double_round = false: one rounding right shift of the
  /// 64-bit product.
  SingleRound,
  /// TOSA RESCALE with DOUBLE_ROUND: SingleRound's multiplier and shift, and
  /// for a shift above 31 the rounding term grows by 2^30 away from zero
  /// (not TFLite's DoubleRound on every input).
  TosaDoubleRound,
};

/// Returns true for the modes that round binary32 values.
inline bool isFloatRounding(Rounding mode) {
  return mode == Rounding::HalfToEven || mode == Rounding::HalfAwayFromZero;
}

/// The inclusive range of a storage type.
struct StorageRange {
  int64_t min;
  int64_t max;
  /// The full range of a `bits`-wide signed or unsigned integer.
  static StorageRange forInteger(unsigned bits, bool isSigned);
};

/// Clamps `v` into `range`.
int64_t saturate(int64_t v, StorageRange range);

/// Rounds a binary32 value to an integral binary32 value with a float mode.
float roundFloat(float x, Rounding mode);

/// Converts an integral binary32 value plus a zero point to storage,
/// saturating. NaN maps to the zero point (a real zero); +-inf saturate.
int64_t saturateRounded(float rounded, int64_t zeroPoint, StorageRange range);

/// quantize: clamp(round(x / scale) + zeroPoint). `x / scale` is a binary32
/// division with the scale first rounded to binary32 (ONNX QuantizeLinear).
int64_t quantize(float x, double scale, int64_t zeroPoint, StorageRange range,
                 Rounding mode = Rounding::HalfToEven);

/// dequantize: float(q - zeroPoint) * float(scale), both in binary32 (ONNX
/// DequantizeLinear).
float dequantize(int64_t q, double scale, int64_t zeroPoint);

/// A scale ratio as an integer multiplier and a shift. For DoubleRound the
/// value is multiplier * 2^(shift - 31) with shift in [-31, 30] (TFLite's
/// QuantizeMultiplier); for SingleRound and TosaDoubleRound it is
/// multiplier * 2^-shift with shift in [2, 62] (TOSA's scale32).
struct FixedPointMultiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
};

/// Derives the fixed-point form of a positive finite `ratio` for `mode`, or
/// nullopt when the ratio is too large for the mode (DoubleRound needs
/// ratio < 2^30, the TOSA modes ratio < 2^29). Ratios too small to represent
/// become multiplier 0.
std::optional<FixedPointMultiplier> computeFixedPointMultiplier(double ratio,
                                                                Rounding mode);

/// gemmlowp's SaturatingRoundingDoublingHighMul: a * b / 2^31 rounded to
/// nearest with ties toward +inf (its nudge is 2^30 for a non-negative
/// product and 1 - 2^30 for a negative one, then C++ division truncates),
/// with INT32_MIN * INT32_MIN saturating to INT32_MAX.
int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b);

/// gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded half away from zero.
int32_t roundingDivideByPOT(int32_t x, int exponent);

/// Applies a fixed-point multiplier to an int32 value and returns the int32
/// result (before the output zero point). DoubleRound: the left shift
/// saturates to int32. SingleRound and TosaDoubleRound: exact 64-bit
/// arithmetic, result saturated to int32.
int32_t applyFixedPointMultiplier(int32_t x, FixedPointMultiplier m,
                                  Rounding mode);

/// requantize one value from (inScale, inZeroPoint) to (outScale,
/// outZeroPoint). Float modes: float(q - zin) * float(inScale / outScale), then
/// round. Fixed-point modes: saturate (q - zin) to int32, apply the multiplier
/// of inScale / outScale. Then add outZeroPoint and saturate. Returns nullopt
/// when the ratio is not representable in the fixed-point mode.
std::optional<int64_t> requantize(int64_t q, double inScale,
                                  int64_t inZeroPoint, double outScale,
                                  int64_t outZeroPoint, StorageRange range,
                                  Rounding mode);

/// requantize with a precomputed fixed-point multiplier (what lowered code
/// does once per channel).
int64_t requantizeFixedPoint(int64_t q, int64_t inZeroPoint,
                             FixedPointMultiplier m, int64_t outZeroPoint,
                             StorageRange range, Rounding mode);

/// requantize with a precomputed binary32 multiplier float(inScale/outScale).
int64_t requantizeFloat(int64_t q, int64_t inZeroPoint, float multiplier,
                        int64_t outZeroPoint, StorageRange range,
                        Rounding mode);

/// Elementwise add of two quantized values into a third quantization:
/// t = float(a - za) * float(sa / sc) + float(b - zb) * float(sb / sc),
/// evaluated as two binary32 products and one binary32 sum, then rounded with
/// a float mode, offset by zc and saturated.
int64_t add(int64_t a, double sa, int64_t za, int64_t b, double sb, int64_t zb,
            double sc, int64_t zc, StorageRange range,
            Rounding mode = Rounding::HalfToEven);

/// Adds two int32 values with two's complement wrap-around, the accumulation
/// rule of matmul and conv2d.
inline int32_t wrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}
/// Multiplies two int32 values with two's complement wrap-around.
inline int32_t wrappingMul(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) *
                              static_cast<uint32_t>(b));
}

/// Integer matmul: c[m][n] = sum_k (a[m][k] - za) * (b[k][n] - zb[n]) with
/// int32 wrap-around, plus bias[n] when `bias` is non-null. Row-major a (MxK),
/// b (KxN), c (MxN). `zb` has N entries (per-channel) or one (per-tensor,
/// `zbPerChannel` false).
void matmul(const int32_t *a, const int32_t *b, const int32_t *bias, int32_t *c,
            int64_t m, int64_t k, int64_t n, int32_t za, const int32_t *zb,
            bool zbPerChannel);

/// The geometry of a 2-D convolution in NHWC / HWCF layout.
struct Conv2DShape {
  int64_t batch = 1, inH = 1, inW = 1, inC = 1;
  int64_t kH = 1, kW = 1, outC = 1;
  int64_t strideH = 1, strideW = 1;
  int64_t dilationH = 1, dilationW = 1;
  int64_t padTop = 0, padBottom = 0, padLeft = 0, padRight = 0;
  int64_t groups = 1;
  int64_t outH() const;
  int64_t outW() const;
};

/// Integer conv2d: input NHWC, filter HWCF with C = inC / groups, output
/// NHWC with F channels. Padding takes the input zero point (a real zero), so
/// padded taps contribute nothing. int32 wrap-around accumulation, plus
/// bias[f] when non-null. `zf` has F entries (per-channel) or one.
void conv2d(const int32_t *input, const int32_t *filter, const int32_t *bias,
            int32_t *output, const Conv2DShape &shape, int32_t zin,
            const int32_t *zf, bool zfPerChannel);

//===----------------------------------------------------------------------===//
// Packed sub-byte storage (docs/Semantics.md, "Packed storage")
//===----------------------------------------------------------------------===//

/// True for the storage widths stored packed: 1, 2 and 4 bits.
inline bool isPackedWidth(unsigned bits) {
  return bits == 1 || bits == 2 || bits == 4;
}

/// Bytes that hold `count` values of `bits` bits packed.
inline int64_t packedBytes(int64_t count, unsigned bits) {
  return (count * bits + 7) / 8;
}

/// Packs stored values of `bits` bits (1, 2 or 4) into bytes, 8 / bits per
/// byte: value i goes to byte i * bits / 8 at bit offset (i * bits) % 8,
/// the first value in the least significant bits (ONNX's int4 order).
/// Each value is written as its low `bits` bits (two's complement for
/// signed storage); unused high bits of the last byte are 0.
std::vector<uint8_t> packStorage(const std::vector<int64_t> &values,
                                 unsigned bits);

/// Reads `count` values of `bits` bits back, sign-extending when
/// `isSigned`.
std::vector<int64_t> unpackStorage(const std::vector<uint8_t> &bytes,
                                   unsigned bits, bool isSigned, int64_t count);

} // namespace mlir::qnn::ref

#endif // QNN_REFERENCE_SEMANTICS_H
