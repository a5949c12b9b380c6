//===- IntegerPooling.cpp - Float pooling of quantized values -------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/IntegerPooling.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"

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
        llvm::any_of(params->scales, [](double s) { return !(s > 0); }))
      return rewriter.notifyMatchFailure(op, "not a positive per-tensor or "
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

void mlir::qnn::populateIntegerPoolingPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolOfDequantize>(patterns.getContext());
}
