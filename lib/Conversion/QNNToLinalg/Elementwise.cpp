//===- Elementwise.cpp - Lower elementwise qnn ops to linalg.generic ------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "PopulatePatterns.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

static SmallVector<float> binary32Scales(const QuantParams &params) {
  SmallVector<float> values;
  for (double s : params.scales)
    values.push_back(static_cast<float>(s));
  return values;
}

namespace {

template <typename Op>
struct QNNOpLowering : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;

  RankedTensorType convertedType(Value v) const {
    return cast<RankedTensorType>(
        this->getTypeConverter()->convertType(v.getType()));
  }
};

/// qnn.constant -> arith.constant of signless storage integers.
struct ConstantLowering final : QNNOpLowering<ConstantOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = convertedType(op.getOutput());
    QuantParams params = *QuantParams::get(op.getType());
    unsigned width = type.getElementTypeBitWidth();
    SmallVector<APInt> values;
    for (const APInt &v : op.getUnpackedValue().getValues<APInt>())
      values.push_back(params.isSigned ? v.sext(width) : v.zext(width));
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, type, DenseIntElementsAttr::get(type, values));
    return success();
  }
};

/// q = sat(round(x / scale) + zp).
struct QuantizeLowering final : QNNOpLowering<QuantizeOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    QuantParams params = *QuantParams::get(op.getType());
    MLIRContext *ctx = getContext();
    Rounding mode = op.getRounding();
    unsigned bits = params.storageBits;
    ChannelTable tables[] = {ChannelTable::f32(ctx, binary32Scales(params)),
                             lowerBoundsF32(ctx, params),
                             upperBoundsF32(ctx, params),
                             zeroPointsI32(ctx, params)};
    Value result = buildElementwise(
        rewriter, op.getLoc(), convertedType(op.getOutput()),
        adaptor.getInput(), params.axis, tables,
        [&](OpBuilder &b, Location loc, ValueRange in, ValueRange t) {
          Value scaled = arith::DivFOp::create(b, loc, in[0], t[0]);
          return roundAndStore(b, loc, scaled, mode, t[1], t[2], t[3], bits);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// x = float(q - zp) * float(scale).
struct DequantizeLowering final : QNNOpLowering<DequantizeOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    QuantParams params = *QuantParams::get(op.getInput().getType());
    MLIRContext *ctx = getContext();
    ChannelTable tables[] = {zeroPointsI32(ctx, params),
                             ChannelTable::f32(ctx, binary32Scales(params))};
    Value result = buildElementwise(
        rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
        adaptor.getInput(), params.axis, tables,
        [&](OpBuilder &b, Location loc, ValueRange in, ValueRange t) {
          Value diff = subtractZeroPointToF32(b, loc, in[0], params, t[0]);
          return arith::MulFOp::create(b, loc, diff, t[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Requantize in the op's rounding mode; one table entry per channel of
/// whichever side is per axis.
struct RequantizeLowering final : QNNOpLowering<RequantizeOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    QuantParams in = *QuantParams::get(op.getInput().getType());
    QuantParams out = *QuantParams::get(op.getType());
    MLIRContext *ctx = getContext();
    std::optional<int64_t> axis = in.axis ? in.axis : out.axis;
    size_t channels = std::max(in.scales.size(), out.scales.size());
    SmallVector<int64_t> zin, zout, lo, hi;
    SmallVector<double> ratios;
    for (size_t c = 0; c < channels; ++c) {
      zin.push_back(in.zeroPoint(c));
      zout.push_back(out.zeroPoint(c));
      lo.push_back(out.range.min - out.zeroPoint(c));
      hi.push_back(out.range.max - out.zeroPoint(c));
      ratios.push_back(in.scale(c) / out.scale(c));
    }
    unsigned bits = out.storageBits;
    Rounding mode = op.getRounding();
    ref::Rounding refMode = toReference(mode);
    RankedTensorType resultType = convertedType(op.getOutput());
    Location opLoc = op.getLoc();

    if (ref::isFloatRounding(refMode)) {
      SmallVector<float> multipliers, loF, hiF;
      for (size_t c = 0; c < channels; ++c) {
        multipliers.push_back(static_cast<float>(ratios[c]));
        loF.push_back(static_cast<float>(lo[c]));
        hiF.push_back(static_cast<float>(hi[c]));
      }
      ChannelTable tables[] = {
          ChannelTable::i32(ctx, zin), ChannelTable::f32(ctx, multipliers),
          ChannelTable::f32(ctx, loF), ChannelTable::f32(ctx, hiF),
          ChannelTable::i32(ctx, zout)};
      bool neverNaN = productsNeverNaN(multipliers);
      Value result = buildElementwise(
          rewriter, opLoc, resultType, adaptor.getInput(), axis, tables,
          [&](OpBuilder &b, Location loc, ValueRange v, ValueRange t) {
            Value diff = subtractZeroPointToF32(b, loc, v[0], in, t[0]);
            Value scaled = arith::MulFOp::create(b, loc, diff, t[1]);
            return roundAndStore(b, loc, scaled, mode, t[2], t[3], t[4], bits,
                                 neverNaN);
          });
      rewriter.replaceOp(op, result);
      return success();
    }

    SmallVector<int64_t> multipliers, shifts, leftShifts, rightShifts, nudges;
    for (double ratio : ratios) {
      // The verifier guarantees every ratio is representable.
      ref::FixedPointMultiplier m =
          *ref::computeFixedPointMultiplier(ratio, refMode);
      multipliers.push_back(m.multiplier);
      shifts.push_back(m.shift);
      leftShifts.push_back(m.shift > 0 ? m.shift : 0);
      rightShifts.push_back(m.shift > 0 ? 0 : -m.shift);
      nudges.push_back(refMode == ref::Rounding::TosaDoubleRound && m.shift > 31
                           ? int64_t(1) << 30
                           : 0);
    }
    bool doubleRound = refMode == ref::Rounding::DoubleRound;
    bool anyLeftShift =
        llvm::any_of(leftShifts, [](int64_t s) { return s != 0; });
    bool anyNudge = llvm::any_of(nudges, [](int64_t n) { return n != 0; });
    SmallVector<ChannelTable> tables = {
        ChannelTable::i32(ctx, zin),
        ChannelTable::i32(ctx, multipliers),
        doubleRound ? ChannelTable::i32(ctx, rightShifts)
                    : ChannelTable::i64(ctx, shifts),
        ChannelTable::i32(ctx, lo),
        ChannelTable::i32(ctx, hi),
        ChannelTable::i32(ctx, zout)};
    if (doubleRound && anyLeftShift)
      tables.push_back(ChannelTable::i32(ctx, leftShifts));
    if (anyNudge)
      tables.push_back(ChannelTable::i64(ctx, nudges));
    Value result = buildElementwise(
        rewriter, opLoc, resultType, adaptor.getInput(), axis, tables,
        [&](OpBuilder &b, Location loc, ValueRange v, ValueRange t) {
          Value x = subtractZeroPoint(b, loc, v[0], in, t[0]);
          Value scaled =
              doubleRound
                  ? applyDoubleRound(b, loc, x, t[1],
                                     anyLeftShift ? t[6] : Value(), t[2])
                  : applySingleRound(b, loc, x, t[1], t[2],
                                     anyNudge ? t[6] : Value());
          return clampAddAndStore(b, loc, scaled, t[3], t[4], t[5], bits);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// t = float(a - za) * float(sa / sc) + float(b - zb) * float(sb / sc).
struct AddLowering final : QNNOpLowering<AddOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    QuantParams a = *QuantParams::get(op.getLhs().getType());
    QuantParams bq = *QuantParams::get(op.getRhs().getType());
    QuantParams c = *QuantParams::get(op.getType());
    MLIRContext *ctx = getContext();
    auto ma = static_cast<float>(a.scales[0] / c.scales[0]);
    auto mb = static_cast<float>(bq.scales[0] / c.scales[0]);
    ChannelTable tables[] = {ChannelTable::i32(ctx, a.zeroPoints),
                             ChannelTable::f32(ctx, ma),
                             ChannelTable::i32(ctx, bq.zeroPoints),
                             ChannelTable::f32(ctx, mb),
                             lowerBoundsF32(ctx, c),
                             upperBoundsF32(ctx, c),
                             zeroPointsI32(ctx, c)};
    Rounding mode = op.getRounding();
    bool neverNaN = productsNeverNaN({ma, mb});
    Value result = buildElementwise(
        rewriter, op.getLoc(), convertedType(op.getOutput()),
        {adaptor.getLhs(), adaptor.getRhs()}, std::nullopt, tables,
        [&](OpBuilder &b, Location loc, ValueRange v, ValueRange t) {
          Value ta = arith::MulFOp::create(
              b, loc, subtractZeroPointToF32(b, loc, v[0], a, t[0]), t[1]);
          Value tb = arith::MulFOp::create(
              b, loc, subtractZeroPointToF32(b, loc, v[1], bq, t[2]), t[3]);
          Value sum = arith::AddFOp::create(b, loc, ta, tb);
          return roundAndStore(b, loc, sum, mode, t[4], t[5], t[6],
                               c.storageBits, neverNaN);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Clamps stored integers with the storage's signedness.
struct ClampLowering final : QNNOpLowering<ClampOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(ClampOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    QuantParams params = *QuantParams::get(op.getType());
    RankedTensorType type = convertedType(op.getOutput());
    Type storage = type.getElementType();
    ref::StorageRange bounds = op.getBounds();
    ChannelTable tables[] = {
        {storage, {IntegerAttr::get(storage, bounds.min)}},
        {storage, {IntegerAttr::get(storage, bounds.max)}}};
    bool isSigned = params.isSigned;
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, adaptor.getInput(), std::nullopt, tables,
        [&](OpBuilder &b, Location loc, ValueRange v, ValueRange t) -> Value {
          if (isSigned)
            return arith::MinSIOp::create(
                b, loc, arith::MaxSIOp::create(b, loc, v[0], t[0]), t[1]);
          return arith::MinUIOp::create(
              b, loc, arith::MaxUIOp::create(b, loc, v[0], t[0]), t[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.stats records a range; at run time it is the identity.
struct StatsLowering final : QNNOpLowering<StatsOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(StatsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// quant.scast between a quantized tensor and its storage is the identity
/// once quantized types are storage types.
struct StorageCastLowering final : OpConversionPattern<quant::StorageCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(quant::StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (type != adaptor.getInput().getType())
      return rewriter.notifyMatchFailure(op, "not a storage reinterpretation");
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// A dense qnn.pruned is the identity (the zeros are already in the values).
struct PrunedLowering final : QNNOpLowering<PrunedOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(PrunedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (cast<RankedTensorType>(op.getType()).getEncoding())
      return rewriter.notifyMatchFailure(op, "compressed storage");
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// out[i] = table[idx[i]] (or table[i[axis], idx[i]]), idx unsigned.
struct CodebookLookupLowering final : QNNOpLowering<CodebookLookupOp> {
  using QNNOpLowering::QNNOpLowering;
  LogicalResult
  matchAndRewrite(CodebookLookupOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value table = adaptor.getCentroids();
    std::optional<int64_t> axis = op.getAxis();
    Value result = buildElementwise(
        rewriter, op.getLoc(), convertedType(op.getOutput()),
        adaptor.getIndices(), std::nullopt, {},
        [&](OpBuilder &b, Location loc, ValueRange v, ValueRange) -> Value {
          Value wide = extendInt(b, loc, v[0], /*isSigned=*/false, 64);
          Value index =
              arith::IndexCastOp::create(b, loc, b.getIndexType(), wide);
          SmallVector<Value> indices;
          if (axis)
            indices.push_back(linalg::IndexOp::create(b, loc, *axis));
          indices.push_back(index);
          return tensor::ExtractOp::create(b, loc, table, indices);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::qnn::detail::populateElementwisePatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, QuantizeLowering, DequantizeLowering,
               RequantizeLowering, AddLowering, ClampLowering, StatsLowering,
               PrunedLowering, CodebookLookupLowering, StorageCastLowering>(
      converter, patterns.getContext());
}
