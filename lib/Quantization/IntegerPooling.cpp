//===- IntegerPooling.cpp - Float pooling of quantized values -------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/IntegerPooling.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::qnn;

/// The dequantize `value` comes from, looking through qnn.stats.
static DequantizeOp dequantizeOf(Value value) {
  while (auto stats = value.getDefiningOp<StatsOp>())
    value = stats.getInput();
  return value.getDefiningOp<DequantizeOp>();
}

/// True when the constant `value` is below or at every value `params` can
/// dequantize to (-inf, or the lowest float), so it never wins a max.
static bool neverWins(Value value, const QuantParams &params) {
  FloatAttr constant;
  if (!matchPattern(value, m_Constant(&constant)))
    return false;
  double v = constant.getValueAsDouble();
  for (size_t c = 0; c < params.scales.size(); ++c)
    if (!(v <=
          params.scales[c] * double(params.range.min - params.zeroPoints[c])))
      return false;
  return true;
}

namespace {
/// pooling_nhwc_max(dequantize(q)) -> dequantize(max_pool2d(q)), the input
/// optionally padded (tensor.pad) with a value that never wins.
struct MaxPoolOfDequantize final : OpRewritePattern<linalg::PoolingNhwcMaxOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::PoolingNhwcMaxOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInputs()[0];
    SmallVector<int64_t> padding{0, 0, 0, 0};
    auto pad = input.getDefiningOp<tensor::PadOp>();
    if (pad)
      input = pad.getSource();
    DequantizeOp dequantize = dequantizeOf(input);
    if (!dequantize)
      return rewriter.notifyMatchFailure(op, "input is not dequantized");
    auto quantType = cast<RankedTensorType>(dequantize.getInput().getType());
    std::optional<QuantParams> params = QuantParams::get(quantType);
    if (!params || (params->axis && *params->axis != 3) ||
        params->storageBits > 16 ||
        llvm::any_of(params->scales, [](double s) { return !(s > 0); }))
      return rewriter.notifyMatchFailure(op, "not stored values with a "
                                             "positive per-tensor or "
                                             "per-channel scale");
    if (pad) {
      SmallVector<int64_t> low(pad.getStaticLow()), high(pad.getStaticHigh());
      if (low.size() != 4 || low[0] || low[3] || high[0] || high[3] ||
          llvm::is_contained(low, ShapedType::kDynamic) ||
          llvm::is_contained(high, ShapedType::kDynamic) ||
          !pad.getConstantPaddingValue() ||
          !neverWins(pad.getConstantPaddingValue(), *params))
        return rewriter.notifyMatchFailure(op, "padding that can win");
      padding = {low[1], high[1], low[2], high[2]};
    }
    auto fill = op.getOutputs()[0].getDefiningOp<linalg::FillOp>();
    if (!fill || !neverWins(fill.getInputs()[0], *params))
      return rewriter.notifyMatchFailure(op, "an initial value that can win");
    auto windowType = cast<ShapedType>(op.getInputs()[1].getType());
    auto resultType = cast<RankedTensorType>(op.getResultTypes()[0]);
    auto strides = llvm::to_vector(op.getStrides().getValues<int64_t>());
    auto dilations = llvm::to_vector(op.getDilations().getValues<int64_t>());
    // A window of padding alone would give the float fill, not a value.
    if (!windowType.hasStaticShape() ||
        !everyWindowHoldsInput(quantType.getShape(), windowType.getShape(),
                               strides, dilations, padding))
      return rewriter.notifyMatchFailure(op, "a window of padding only");
    Location loc = op.getLoc();
    Value pooled = MaxPool2DOp::create(
        rewriter, loc, resultType.clone(quantType.getElementType()),
        dequantize.getInput(), windowType.getShape(), strides, padding,
        dilations);
    rewriter.replaceOpWithNewOp<DequantizeOp>(op, resultType, pooled);
    return success();
  }
};

} // namespace

/// The divisor of a linalg.generic that only divides its one input by a
/// float constant (or multiplies it by the constant's reciprocal): `d` for
/// `x / d`, `1 / c` for `x * c`. Nullopt for any other generic.
static std::optional<double> constantDivisor(linalg::GenericOp generic) {
  if (generic.getNumDpsInputs() != 1 || generic.getNumDpsInits() != 1 ||
      generic.getNumReductionLoops() != 0 ||
      !llvm::all_of(generic.getIndexingMapsArray(),
                    [](AffineMap m) { return m.isIdentity(); }))
    return std::nullopt;
  Block &body = generic.getRegion().front();
  if (body.getOperations().size() != 2)
    return std::nullopt;
  Operation &op = body.front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getOperand(0) != op.getResult(0))
    return std::nullopt;
  Value in = body.getArgument(0);
  FloatAttr c;
  if (auto div = dyn_cast<arith::DivFOp>(op);
      div && div.getLhs() == in && matchPattern(div.getRhs(), m_Constant(&c)))
    return c.getValueAsDouble();
  if (auto mul = dyn_cast<arith::MulFOp>(op)) {
    Value other = mul.getLhs() == in ? mul.getRhs() : mul.getLhs();
    if ((mul.getLhs() == in || mul.getRhs() == in) &&
        matchPattern(other, m_Constant(&c)) && c.getValueAsDouble() != 0)
      return 1.0 / c.getValueAsDouble();
  }
  return std::nullopt;
}

namespace {
/// divide(pooling_nhwc_sum(dequantize(q)), KH x KW) ->
/// dequantize(avg_pool2d(q)), tosa-to-linalg's form of an unpadded average
/// pooling. The integer average is rounded once with the quantizer's
/// rounding mode: the float pooling would be rounded so when quantized for
/// the next layer.
struct AvgPoolOfDequantize final : OpRewritePattern<linalg::GenericOp> {
  AvgPoolOfDequantize(MLIRContext *ctx, Rounding rounding)
      : OpRewritePattern(ctx), rounding(rounding) {}

  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    std::optional<double> divisor = constantDivisor(generic);
    auto sum = generic.getDpsInputs().empty()
                   ? nullptr
                   : generic.getDpsInputs()[0]
                         .getDefiningOp<linalg::PoolingNhwcSumOp>();
    if (!divisor || !sum || !sum->hasOneUse())
      return rewriter.notifyMatchFailure(generic, "not an average pooling");
    DequantizeOp dequantize = dequantizeOf(sum.getInputs()[0]);
    if (!dequantize)
      return rewriter.notifyMatchFailure(generic, "input is not dequantized");
    auto quantType = cast<RankedTensorType>(dequantize.getInput().getType());
    std::optional<QuantParams> params = QuantParams::get(quantType);
    if (!params || (params->axis && *params->axis != 3) ||
        params->storageBits > 16)
      return rewriter.notifyMatchFailure(generic, "not stored values per "
                                                  "tensor or channel");
    auto windowType = cast<ShapedType>(sum.getInputs()[1].getType());
    if (!windowType.hasStaticShape())
      return rewriter.notifyMatchFailure(generic, "a dynamic window");
    ArrayRef<int64_t> kernel = windowType.getShape();
    auto fill = sum.getOutputs()[0].getDefiningOp<linalg::FillOp>();
    if (!fill || !matchPattern(fill.getInputs()[0], m_AnyZeroFloat()) ||
        *divisor != static_cast<double>(kernel[0] * kernel[1]) ||
        !llvm::all_of(sum.getDilations().getValues<int64_t>(),
                      [](int64_t d) { return d == 1; }))
      return rewriter.notifyMatchFailure(generic, "not a plain average");
    auto resultType = cast<RankedTensorType>(generic.getResultTypes()[0]);
    auto strides = llvm::to_vector(sum.getStrides().getValues<int64_t>());
    Location loc = generic.getLoc();
    auto pooled = AvgPool2DOp::create(
        rewriter, loc, resultType.clone(quantType.getElementType()),
        dequantize.getInput(), kernel, strides,
        SmallVector<int64_t>{0, 0, 0, 0}, /*count_include_pad=*/false,
        rounding);
    rewriter.replaceOpWithNewOp<DequantizeOp>(generic, resultType, pooled);
    // The float sum had the division as its only user.
    rewriter.eraseOp(sum);
    return success();
  }

  Rounding rounding;
};
} // namespace

void mlir::qnn::populateIntegerPoolingPatterns(RewritePatternSet &patterns,
                                               Rounding averageRounding) {
  patterns.add<MaxPoolOfDequantize>(patterns.getContext());
  patterns.add<AvgPoolOfDequantize>(patterns.getContext(), averageRounding);
}
