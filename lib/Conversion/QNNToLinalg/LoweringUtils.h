//===- LoweringUtils.h - Helpers of convert-qnn-to-linalg -------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Scalar building blocks that reproduce docs/Semantics.md inside linalg
// bodies, and a builder for elementwise linalg.generic ops whose per-channel
// parameters are read along the quantized dimension. Every function here
// mirrors one function of lib/Reference/Semantics.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_LIB_CONVERSION_QNNTOLINALG_LOWERINGUTILS_H
#define QNN_LIB_CONVERSION_QNNTOLINALG_LOWERINGUTILS_H

#include "qnn/Dialect/QNN/IR/QNNAttrs.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace mlir::qnn::detail {

/// One value per channel (or a single value for all), of one element type,
/// that a generic body needs: a scale, a zero point, a multiplier...
struct ChannelTable {
  Type elementType;
  SmallVector<Attribute> values;

  static ChannelTable f32(MLIRContext *ctx, ArrayRef<float> values);
  static ChannelTable i32(MLIRContext *ctx, ArrayRef<int64_t> values);
  static ChannelTable i64(MLIRContext *ctx, ArrayRef<int64_t> values);
};

/// Builds `linalg.generic` producing a tensor of `resultType` (same shape as
/// `inputs[0]`) elementwise from `inputs`. Each table becomes a scalar
/// constant in the body when it has one value, else a constant 1-D tensor
/// read along `axis`. `body` receives the input scalars and then one scalar
/// per table and returns the result scalar.
Value buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
    std::optional<int64_t> axis, ArrayRef<ChannelTable> tables,
    function_ref<Value(OpBuilder &, Location, ValueRange, ValueRange)> body);

/// An empty tensor shaped like `like` (dynamic sizes read from it) with
/// element type `elementType` and shape `shape`.
Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type, Value like);

/// Pads the NHWC `input` spatially with the integer `value`: `pad` is
/// [top, bottom, left, right]. Returns `input` when nothing is padded.
Value padSpatially(OpBuilder &b, Location loc, Value input,
                   ArrayRef<int64_t> pad, int64_t value = 0);

/// Sign- or zero-extends a storage integer to `width` bits.
Value extendInt(OpBuilder &b, Location loc, Value v, bool isSigned,
                unsigned width);

/// `sat(round(t) + zp)`: rounds binary32 `t` with a float mode, sends NaN to
/// the zero point, clamps to [lo, hi] = [qmin - zp, qmax - zp] (binary32,
/// exact) and adds the i32 zero point, truncated to `storage` bits.
/// `neverNaN`: the caller knows `t` is no NaN (an integer times a finite
/// multiplier), so the NaN test goes and the clamps are plain min/max.
Value roundAndStore(OpBuilder &b, Location loc, Value t, Rounding mode,
                    Value lo, Value hi, Value zeroPoint, unsigned storageBits,
                    bool neverNaN = false);

/// Whether `t * m`, for `t` an integer below 2^33 in magnitude and `m` each
/// of `multipliers`, (or a sum of two such products) is never NaN: every
/// multiplier finite and small enough that no product overflows to an
/// infinity that a sum could cancel.
bool productsNeverNaN(ArrayRef<float> multipliers);

/// `sat(v + zp)` for an i32 `v`: clamps to [lo, hi] = [qmin - zp, qmax - zp]
/// first so nothing overflows, then adds the zero point and truncates.
Value clampAddAndStore(OpBuilder &b, Location loc, Value v, Value lo, Value hi,
                       Value zeroPoint, unsigned storageBits);

/// `q - zp` in i32 (it always fits: see the verifier's storage rules).
Value subtractZeroPoint(OpBuilder &b, Location loc, Value q,
                        const QuantParams &params, Value zeroPoint);

/// `float(q - zp)`, exact in the integer part.
Value subtractZeroPointToF32(OpBuilder &b, Location loc, Value q,
                             const QuantParams &params, Value zeroPoint);

/// TFLite's MultiplyByQuantizedMultiplier on i32 `x` (docs/Semantics.md).
/// `leftShift` is null when every channel's left shift is 0.
Value applyDoubleRound(OpBuilder &b, Location loc, Value x, Value multiplier,
                       Value leftShift, Value rightShift);

/// TOSA's apply_scale_32 on i32 `x`; `shift` is i64. `doubleRoundNudge`
/// (i64, null for SINGLE_ROUND) is DOUBLE_ROUND's extra rounding term for
/// this channel: 2^30 where the shift is above 31, else 0; it is added away
/// from zero.
Value applySingleRound(OpBuilder &b, Location loc, Value x, Value multiplier,
                       Value shift, Value doubleRoundNudge = Value());

/// The width of the integer that holds `storageBits`-bit storage after
/// lowering: 8, 16 or 32.
inline unsigned containerBits(unsigned storageBits) {
  return storageBits <= 8 ? 8 : (storageBits <= 16 ? 16 : 32);
}

/// Constants of the given type.
Value constI32(OpBuilder &b, Location loc, int64_t v);
Value constI64(OpBuilder &b, Location loc, int64_t v);
Value constF32(OpBuilder &b, Location loc, float v);

/// The tables `[qmin - zp]`, `[qmax - zp]` as f32 and `[zp]` as i32, per
/// channel of `params`.
ChannelTable lowerBoundsF32(MLIRContext *ctx, const QuantParams &params);
ChannelTable upperBoundsF32(MLIRContext *ctx, const QuantParams &params);
ChannelTable lowerBoundsI32(MLIRContext *ctx, const QuantParams &params);
ChannelTable upperBoundsI32(MLIRContext *ctx, const QuantParams &params);
ChannelTable zeroPointsI32(MLIRContext *ctx, const QuantParams &params);

} // namespace mlir::qnn::detail

#endif // QNN_LIB_CONVERSION_QNNTOLINALG_LOWERINGUTILS_H
