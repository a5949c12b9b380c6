//===- FoldRequantize.cpp - dequantize -> quantize to requantize ----------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QuantParams.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <cmath>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNFOLDREQUANTIZEPASS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// [Pattern: FoldRequantize] IN: quantize(dequantize(q : A)) : B, A != B
/// (through qnn.stats) OUT: requantize(q) : B.
struct FoldRequantize final : OpRewritePattern<QuantizeOp> {
  FoldRequantize(MLIRContext *context, Rounding rounding)
      : OpRewritePattern(context), rounding(rounding) {}

  LogicalResult matchAndRewrite(QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    while (auto stats = input.getDefiningOp<StatsOp>())
      input = stats.getInput();
    auto dequantize = input.getDefiningOp<DequantizeOp>();
    if (!dequantize)
      return rewriter.notifyMatchFailure(op, "input is not a dequantize");
    Value q = dequantize.getInput();
    if (q.getType() == op.getType())
      return rewriter.notifyMatchFailure(op, "same type: folds exactly");
    QuantParams in = *QuantParams::get(q.getType());
    QuantParams out = *QuantParams::get(op.getType());
    if (out.isPerAxis())
      return rewriter.notifyMatchFailure(op, "per-axis result");
    ref::Rounding mode = toReference(rounding);
    for (double scale : in.scales)
      if (!ref::isFloatRounding(mode) &&
          !ref::computeFixedPointMultiplier(scale / out.scales[0], mode))
        return rewriter.notifyMatchFailure(op, "ratio beyond fixed point");
    rewriter.replaceOpWithNewOp<RequantizeOp>(op, op.getType(), q, rounding);
    if (dequantize->use_empty())
      rewriter.eraseOp(dequantize);
    return success();
  }

  Rounding rounding;
};

struct QNNFoldRequantizePass final
    : qnn::impl::QNNFoldRequantizePassBase<QNNFoldRequantizePass> {
  using QNNFoldRequantizePassBase::QNNFoldRequantizePassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFoldRequantizePatterns(patterns, rounding);
    // A walk, not a greedy run: that would also erase the unused qnn.stats
    // kept beside values.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace

void mlir::qnn::populateFoldRequantizePatterns(RewritePatternSet &patterns,
                                               Rounding rounding) {
  patterns.add<FoldRequantize>(patterns.getContext(), rounding);
}
