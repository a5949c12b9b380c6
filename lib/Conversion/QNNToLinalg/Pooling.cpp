//===- Pooling.cpp - qnn pooling to linalg --------------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "PopulatePatterns.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Reference/Semantics.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

/// `sum / count` (count > 0) rounded to an integer: half away from zero
/// (truncating division of sum +- count / 2), or half to even.
static Value roundedDivide(OpBuilder &b, Location loc, Value sum, Value count,
                           Rounding rounding) {
  Value zero = constI32(b, loc, 0), one = constI32(b, loc, 1);
  if (rounding == Rounding::HalfAwayFromZero) {
    Value half = arith::DivSIOp::create(b, loc, count, constI32(b, loc, 2));
    Value negative =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, sum, zero);
    Value down = arith::SubIOp::create(b, loc, sum, half);
    Value up = arith::AddIOp::create(b, loc, sum, half);
    Value biased = arith::SelectOp::create(b, loc, negative, down, up);
    return arith::DivSIOp::create(b, loc, biased, count);
  }
  // Floor division, then up when the remainder is more than half, or
  // exactly half and the quotient odd.
  Value quotient = arith::FloorDivSIOp::create(b, loc, sum, count);
  Value remainder = arith::SubIOp::create(
      b, loc, sum, arith::MulIOp::create(b, loc, quotient, count));
  Value twice = arith::AddIOp::create(b, loc, remainder, remainder);
  Value above =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, twice, count);
  Value tie =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, twice, count);
  Value odd = arith::TruncIOp::create(b, loc, b.getI1Type(), quotient);
  Value up = arith::OrIOp::create(b, loc, above,
                                  arith::AndIOp::create(b, loc, tie, odd));
  return arith::AddIOp::create(b, loc, quotient,
                               arith::SelectOp::create(b, loc, up, one, zero));
}

namespace {
/// qnn.max_pool2d -> linalg.pooling_nhwc_max (or _unsigned) on the stored
/// integers, padded and started with the storage minimum.
struct MaxPool2DLowering final : OpConversionPattern<MaxPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    QuantParams params = *QuantParams::get(op.getType());
    auto type = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    Type storage = type.getElementType();
    // The smallest value of the storage type, however it is declared
    // (a narrow range's minimum is still >= it).
    int64_t lowest =
        ref::StorageRange::forInteger(params.storageBits, params.isSigned).min;
    Value input = padSpatially(rewriter, loc, adaptor.getInput(),
                               op.getPadding(), lowest);
    Value init = emptyLike(rewriter, loc, type, adaptor.getInput());
    Value lowestValue = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(storage, lowest));
    init = linalg::FillOp::create(rewriter, loc, lowestValue, init).result();
    Value window =
        tensor::EmptyOp::create(rewriter, loc, op.getKernel(), storage);
    auto strides = rewriter.getI64VectorAttr(op.getStrides());
    auto dilations = rewriter.getI64VectorAttr(op.getDilations());
    Value result;
    if (params.isSigned)
      result = linalg::PoolingNhwcMaxOp::create(
                   rewriter, loc, TypeRange{type}, ValueRange{input, window},
                   ValueRange{init}, strides, dilations)
                   .getResult(0);
    else
      result = linalg::PoolingNhwcMaxUnsignedOp::create(
                   rewriter, loc, TypeRange{type}, ValueRange{input, window},
                   ValueRange{init}, strides, dilations)
                   .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// qnn.avg_pool2d: q - zp widened to i32 (padded with the real zero), a
/// linalg.pooling_nhwc_sum, then the rounded division by the window's count
/// (computed from the output position when padded taps do not count) and
/// the zero point added back.
struct AvgPool2DLowering final : OpConversionPattern<AvgPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    QuantParams params = *QuantParams::get(op.getType());
    auto type = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    auto inType = cast<RankedTensorType>(adaptor.getInput().getType());
    Type i32 = rewriter.getI32Type();
    ChannelTable zeroPoints = zeroPointsI32(ctx, params);
    bool isSigned = params.isSigned;
    Value real = buildElementwise(
        rewriter, loc, inType.clone(i32), adaptor.getInput(), params.axis,
        zeroPoints,
        [&](OpBuilder &b, Location l, ValueRange v, ValueRange t) -> Value {
          return arith::SubIOp::create(
              b, l, extendInt(b, l, v[0], isSigned, 32), t[0]);
        });
    ArrayRef<int64_t> kernel = op.getKernel(), strides = op.getStrides(),
                      padding = op.getPadding();
    Value padded = padSpatially(rewriter, loc, real, padding, 0);
    RankedTensorType sumType = type.clone(i32);
    Value init = emptyLike(rewriter, loc, sumType, adaptor.getInput());
    init =
        linalg::FillOp::create(rewriter, loc, constI32(rewriter, loc, 0), init)
            .result();
    Value window = tensor::EmptyOp::create(rewriter, loc, kernel, i32);
    Value sum =
        linalg::PoolingNhwcSumOp::create(
            rewriter, loc, TypeRange{sumType}, ValueRange{padded, window},
            ValueRange{init}, rewriter.getI64VectorAttr(strides),
            rewriter.getI64VectorAttr({1, 1}))
            .getResult(0);
    bool everyTapCounts =
        op.getCountIncludePad() ||
        llvm::all_of(padding, [](int64_t p) { return p == 0; });
    ArrayRef<int64_t> inShape = inType.getShape();
    Rounding rounding = op.getRounding();
    unsigned bits = type.getElementTypeBitWidth();
    Value result = buildElementwise(
        rewriter, loc, type, sum, params.axis, zeroPoints,
        [&](OpBuilder &b, Location l, ValueRange v, ValueRange t) -> Value {
          Value count;
          if (everyTapCounts) {
            count = constI32(b, l, kernel[0] * kernel[1]);
          } else {
            // Taps inside the input along one spatial dimension. Every op is
            // created in its own statement: argument evaluation order is
            // unspecified, and the IR must not depend on the host compiler.
            auto inside = [&](unsigned dim, int64_t k, int64_t stride,
                              int64_t padLow, int64_t size) -> Value {
              auto index = [&](int64_t c) -> Value {
                return arith::ConstantIndexOp::create(b, l, c);
              };
              Value position = linalg::IndexOp::create(b, l, dim);
              Value strideV = index(stride);
              Value scaled = arith::MulIOp::create(b, l, position, strideV);
              Value padV = index(padLow);
              Value start = arith::SubIOp::create(b, l, scaled, padV);
              Value zero = index(0);
              Value lo = arith::MaxSIOp::create(b, l, start, zero);
              Value kV = index(k);
              Value end = arith::AddIOp::create(b, l, start, kV);
              Value sizeV = index(size);
              Value hi = arith::MinSIOp::create(b, l, end, sizeV);
              return arith::SubIOp::create(b, l, hi, lo);
            };
            Value rows =
                inside(1, kernel[0], strides[0], padding[0], inShape[1]);
            Value cols =
                inside(2, kernel[1], strides[1], padding[2], inShape[2]);
            Value taps = arith::MulIOp::create(b, l, rows, cols);
            count = arith::IndexCastOp::create(b, l, b.getI32Type(), taps);
          }
          Value quotient = roundedDivide(b, l, v[0], count, rounding);
          Value average = arith::AddIOp::create(b, l, quotient, t[0]);
          return arith::TruncIOp::create(b, l, b.getIntegerType(bits), average);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void mlir::qnn::detail::populatePoolingPatterns(const TypeConverter &converter,
                                                RewritePatternSet &patterns) {
  patterns.add<MaxPool2DLowering, AvgPool2DLowering>(converter,
                                                     patterns.getContext());
}
