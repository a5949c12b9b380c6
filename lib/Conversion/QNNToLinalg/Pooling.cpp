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
} // namespace

void mlir::qnn::detail::populatePoolingPatterns(const TypeConverter &converter,
                                                RewritePatternSet &patterns) {
  patterns.add<MaxPool2DLowering>(converter, patterns.getContext());
}
