//===- LoweringUtils.cpp - Helpers of convert-qnn-to-linalg ---------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

static constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();
static constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();

ChannelTable ChannelTable::f32(MLIRContext *ctx, ArrayRef<float> values) {
  ChannelTable table{Float32Type::get(ctx), {}};
  for (float v : values)
    table.values.push_back(FloatAttr::get(table.elementType, v));
  return table;
}

ChannelTable ChannelTable::i32(MLIRContext *ctx, ArrayRef<int64_t> values) {
  ChannelTable table{IntegerType::get(ctx, 32), {}};
  for (int64_t v : values)
    table.values.push_back(IntegerAttr::get(table.elementType, v));
  return table;
}

ChannelTable ChannelTable::i64(MLIRContext *ctx, ArrayRef<int64_t> values) {
  ChannelTable table{IntegerType::get(ctx, 64), {}};
  for (int64_t v : values)
    table.values.push_back(IntegerAttr::get(table.elementType, v));
  return table;
}

/// A table whose entries are all equal is stored once.
static bool isUniform(const ChannelTable &table) {
  return llvm::all_equal(table.values);
}

Value mlir::qnn::detail::emptyLike(OpBuilder &b, Location loc,
                                   RankedTensorType type, Value like) {
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, like, d));
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamicSizes);
}

Value mlir::qnn::detail::buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
    std::optional<int64_t> axis, ArrayRef<ChannelTable> tables,
    function_ref<Value(OpBuilder &, Location, ValueRange, ValueRange)> body) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = resultType.getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  SmallVector<Value> operands(inputs.begin(), inputs.end());
  SmallVector<AffineMap> maps(inputs.size(), identity);
  SmallVector<bool> inBody;
  for (const ChannelTable &table : tables) {
    bool scalar = !axis || isUniform(table);
    inBody.push_back(scalar);
    if (scalar)
      continue;
    auto type = RankedTensorType::get(
        {static_cast<int64_t>(table.values.size())}, table.elementType);
    operands.push_back(arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(type, table.values)));
    maps.push_back(AffineMap::get(rank, 0, {b.getAffineDimExpr(*axis)}, ctx));
  }
  maps.push_back(identity);
  Value init = emptyLike(b, loc, resultType, inputs[0]);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, operands, ValueRange{init}, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        SmallVector<Value> scalars(args.take_front(inputs.size()));
        SmallVector<Value> tableValues;
        unsigned next = inputs.size();
        for (auto [table, scalar] : llvm::zip(tables, inBody))
          tableValues.push_back(
              scalar ? Value(arith::ConstantOp::create(
                           nb, nl, cast<TypedAttr>(table.values[0])))
                     : args[next++]);
        linalg::YieldOp::create(nb, nl, body(nb, nl, scalars, tableValues));
      });
  return generic.getResult(0);
}

Value mlir::qnn::detail::constI32(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
}

Value mlir::qnn::detail::constI64(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(v));
}

Value mlir::qnn::detail::constF32(OpBuilder &b, Location loc, float v) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
}

Value mlir::qnn::detail::extendInt(OpBuilder &b, Location loc, Value v,
                                   bool isSigned, unsigned width) {
  auto type = b.getIntegerType(width);
  if (v.getType().getIntOrFloatBitWidth() == width)
    return v;
  if (isSigned)
    return arith::ExtSIOp::create(b, loc, type, v);
  return arith::ExtUIOp::create(b, loc, type, v);
}

/// Truncates an i32 holding a value of the storage range to the storage's
/// container (which keeps its sign- or zero-extension).
/// `v` (i64) clamped to the int32 range. Here and below each op is created in
/// its own statement: argument evaluation order is unspecified, and the IR must
/// not depend on the host compiler.
static Value saturateToInt32(OpBuilder &b, Location loc, Value v) {
  Value low = constI64(b, loc, kInt32Min);
  Value atLeast = arith::MaxSIOp::create(b, loc, v, low);
  Value high = constI64(b, loc, kInt32Max);
  return arith::MinSIOp::create(b, loc, atLeast, high);
}

/// The exact i64 product of two i32 values.
static Value multiplyWide(OpBuilder &b, Location loc, Value x, Value y) {
  auto i64 = b.getI64Type();
  Value wideX = arith::ExtSIOp::create(b, loc, i64, x);
  Value wideY = arith::ExtSIOp::create(b, loc, i64, y);
  return arith::MulIOp::create(b, loc, wideX, wideY);
}

static Value truncateTo(OpBuilder &b, Location loc, Value v,
                        unsigned storageBits) {
  unsigned bits = containerBits(storageBits);
  if (v.getType().getIntOrFloatBitWidth() == bits)
    return v;
  return arith::TruncIOp::create(b, loc, b.getIntegerType(bits), v);
}

Value mlir::qnn::detail::clampAddAndStore(OpBuilder &b, Location loc, Value v,
                                          Value lo, Value hi, Value zeroPoint,
                                          unsigned storageBits) {
  Value clamped =
      arith::MinSIOp::create(b, loc, arith::MaxSIOp::create(b, loc, v, lo), hi);
  return truncateTo(b, loc, arith::AddIOp::create(b, loc, clamped, zeroPoint),
                    storageBits);
}

bool mlir::qnn::detail::productsNeverNaN(ArrayRef<float> multipliers) {
  return llvm::all_of(multipliers, [](float m) {
    return std::isfinite(m) && std::fabs(m) < 0x1p90f;
  });
}

Value mlir::qnn::detail::roundAndStore(OpBuilder &b, Location loc, Value t,
                                       Rounding mode, Value lo, Value hi,
                                       Value zeroPoint, unsigned storageBits,
                                       bool neverNaN) {
  Value rounded = mode == Rounding::HalfToEven
                      ? Value(math::RoundEvenOp::create(b, loc, t))
                      : Value(math::RoundOp::create(b, loc, t));
  Value finite = rounded;
  // Without NaN, and with the sign of a zero lost in the conversion to an
  // integer, the clamps are the target's plain min and max.
  auto flags = arith::FastMathFlags::none;
  if (neverNaN) {
    flags = arith::FastMathFlags::nnan | arith::FastMathFlags::nsz;
  } else {
    // NaN is a real zero: it stores the zero point.
    Value isNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO,
                                        rounded, rounded);
    finite =
        arith::SelectOp::create(b, loc, isNan, constF32(b, loc, 0.0f), rounded);
  }
  // Infinities clamp too. Up to 24 bits [lo, hi] are exact in binary32.
  Value atLeast = arith::MaximumFOp::create(b, loc, finite, lo, flags);
  Value clamped = arith::MinimumFOp::create(b, loc, atLeast, hi, flags);
  if (storageBits <= 24) {
    Value asInt = arith::FPToSIOp::create(b, loc, b.getI32Type(), clamped);
    return truncateTo(b, loc, arith::AddIOp::create(b, loc, asInt, zeroPoint),
                      storageBits);
  }
  // 32-bit storage: hi = 2^31 - 1 rounds up to 2^31 in binary32, which does
  // not fit an i32. Convert to i64 (exact within [-2^31, 2^31]) and
  // saturate there.
  auto i64 = b.getI64Type();
  Value asInt = arith::FPToSIOp::create(b, loc, i64, clamped);
  Value zeroPoint64 = arith::ExtSIOp::create(b, loc, i64, zeroPoint);
  Value wide = arith::AddIOp::create(b, loc, asInt, zeroPoint64);
  return arith::TruncIOp::create(b, loc, b.getI32Type(),
                                 saturateToInt32(b, loc, wide));
}

// `q - zp` always fits i32: storage of at most 16 bits gives |q - zp| <
// 2^17, and 32-bit storage has zero point 0 (the verifier's rule).

Value mlir::qnn::detail::subtractZeroPoint(OpBuilder &b, Location loc, Value q,
                                           const QuantParams &params,
                                           Value zeroPoint) {
  Value wide = extendInt(b, loc, q, params.isSigned, 32);
  return arith::SubIOp::create(b, loc, wide, zeroPoint);
}

Value mlir::qnn::detail::subtractZeroPointToF32(OpBuilder &b, Location loc,
                                                Value q,
                                                const QuantParams &params,
                                                Value zeroPoint) {
  return arith::SIToFPOp::create(
      b, loc, b.getF32Type(), subtractZeroPoint(b, loc, q, params, zeroPoint));
}

Value mlir::qnn::detail::applyDoubleRound(OpBuilder &b, Location loc, Value x,
                                          Value multiplier, Value leftShift,
                                          Value rightShift) {
  auto i32 = b.getI32Type();
  auto i64 = b.getI64Type();
  if (leftShift) {
    Value wide = arith::ExtSIOp::create(b, loc, i64, x);
    Value shift = arith::ExtSIOp::create(b, loc, i64, leftShift);
    Value shifted = arith::ShLIOp::create(b, loc, wide, shift);
    x = arith::TruncIOp::create(b, loc, i32, saturateToInt32(b, loc, shifted));
  }
  // SaturatingRoundingDoublingHighMul; the multiplier is non-negative, so
  // INT32_MIN * INT32_MIN cannot occur.
  Value product = multiplyWide(b, loc, x, multiplier);
  Value nonNegative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                            product, constI64(b, loc, 0));
  Value nudgeUp = constI64(b, loc, 1 << 30);
  Value nudgeDown = constI64(b, loc, 1 - (int64_t(1) << 30));
  Value nudge =
      arith::SelectOp::create(b, loc, nonNegative, nudgeUp, nudgeDown);
  Value nudged = arith::AddIOp::create(b, loc, product, nudge);
  Value quotient = arith::DivSIOp::create(b, loc, nudged,
                                          constI64(b, loc, int64_t(1) << 31));
  Value high = arith::TruncIOp::create(b, loc, i32, quotient);
  // RoundingDivideByPOT.
  Value one = constI32(b, loc, 1);
  Value power = arith::ShLIOp::create(b, loc, one, rightShift);
  Value mask = arith::SubIOp::create(b, loc, power, one);
  Value remainder = arith::AndIOp::create(b, loc, high, mask);
  Value isNegative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                           high, constI32(b, loc, 0));
  Value halfMask = arith::ShRSIOp::create(b, loc, mask, one);
  Value negativeBit = arith::ExtUIOp::create(b, loc, i32, isNegative);
  Value threshold = arith::AddIOp::create(b, loc, halfMask, negativeBit);
  Value roundUp = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                        remainder, threshold);
  Value truncated = arith::ShRSIOp::create(b, loc, high, rightShift);
  Value roundBit = arith::ExtUIOp::create(b, loc, i32, roundUp);
  return arith::AddIOp::create(b, loc, truncated, roundBit);
}

Value mlir::qnn::detail::applySingleRound(OpBuilder &b, Location loc, Value x,
                                          Value multiplier, Value shift,
                                          Value doubleRoundNudge) {
  Value product = multiplyWide(b, loc, x, multiplier);
  Value one = constI64(b, loc, 1);
  Value shiftLessOne = arith::SubIOp::create(b, loc, shift, one);
  Value round = arith::ShLIOp::create(b, loc, one, shiftLessOne);
  if (doubleRoundNudge) {
    Value zero = arith::ConstantIntOp::create(b, loc, x.getType(), 0);
    Value nonNegative =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, x, zero);
    Value negated =
        arith::SubIOp::create(b, loc, constI64(b, loc, 0), doubleRoundNudge);
    round = arith::AddIOp::create(b, loc, round,
                                  arith::SelectOp::create(b, loc, nonNegative,
                                                          doubleRoundNudge,
                                                          negated));
  }
  Value rounded = arith::AddIOp::create(b, loc, product, round);
  Value shifted = arith::ShRSIOp::create(b, loc, rounded, shift);
  return arith::TruncIOp::create(b, loc, b.getI32Type(),
                                 saturateToInt32(b, loc, shifted));
}

static SmallVector<int64_t> perChannel(const QuantParams &params,
                                       function_ref<int64_t(int64_t)> fn) {
  SmallVector<int64_t> values;
  for (int64_t zp : params.zeroPoints)
    values.push_back(fn(zp));
  return values;
}

ChannelTable mlir::qnn::detail::lowerBoundsF32(MLIRContext *ctx,
                                               const QuantParams &params) {
  SmallVector<float> values;
  for (int64_t zp : params.zeroPoints)
    values.push_back(static_cast<float>(params.range.min - zp));
  return ChannelTable::f32(ctx, values);
}

ChannelTable mlir::qnn::detail::upperBoundsF32(MLIRContext *ctx,
                                               const QuantParams &params) {
  SmallVector<float> values;
  for (int64_t zp : params.zeroPoints)
    values.push_back(static_cast<float>(params.range.max - zp));
  return ChannelTable::f32(ctx, values);
}

ChannelTable mlir::qnn::detail::lowerBoundsI32(MLIRContext *ctx,
                                               const QuantParams &params) {
  return ChannelTable::i32(ctx, perChannel(params, [&](int64_t zp) {
                             return params.range.min - zp;
                           }));
}

ChannelTable mlir::qnn::detail::upperBoundsI32(MLIRContext *ctx,
                                               const QuantParams &params) {
  return ChannelTable::i32(ctx, perChannel(params, [&](int64_t zp) {
                             return params.range.max - zp;
                           }));
}

ChannelTable mlir::qnn::detail::zeroPointsI32(MLIRContext *ctx,
                                              const QuantParams &params) {
  return ChannelTable::i32(ctx, params.zeroPoints);
}

Value mlir::qnn::detail::padSpatially(OpBuilder &b, Location loc, Value input,
                                      ArrayRef<int64_t> pad, int64_t value) {
  if (llvm::all_of(pad, [](int64_t p) { return p == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[1] += pad[0] + pad[1];
  shape[2] += pad[2] + pad[3];
  SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(pad[0]),
                                   b.getIndexAttr(pad[2]), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> high = {b.getIndexAttr(0), b.getIndexAttr(pad[1]),
                                    b.getIndexAttr(pad[3]), b.getIndexAttr(0)};
  Value fill = arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type.getElementType(), value));
  return tensor::PadOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), input, low,
      high, fill);
}
