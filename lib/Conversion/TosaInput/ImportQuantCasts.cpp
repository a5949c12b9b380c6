//===- ImportQuantCasts.cpp - Upstream quant casts as qnn ops -------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Upstream's quant dialect leaves the rounding of quant.qcast to whoever
// lowers it, and its canonicalization folds dcast(qcast(x)) to x. A model
// in QDQ form means the rounding: the casts become qnn.quantize and
// qnn.dequantize (docs/Semantics.md), before anything canonicalizes.
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/Passes.h"
#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNIMPORTQUANTCASTSPASS
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

/// Checks that `floatType` <-> `quantizedType` is a cast qnn's quantize
/// (`role` Storage) or dequantize (Any) takes: ranked f32 tensors, per-tensor
/// or per-axis uniform quantization of f32 that the qnn ops accept. Errors
/// go on `op`, the cast the user wrote.
static LogicalResult checkCast(Operation *op, Type floatType,
                               Type quantizedType, QuantRole role) {
  auto f = dyn_cast<RankedTensorType>(floatType);
  auto q = dyn_cast<RankedTensorType>(quantizedType);
  auto element =
      q ? dyn_cast<quant::QuantizedType>(q.getElementType()) : nullptr;
  if (!f || !f.getElementType().isF32() || !element ||
      !isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType>(
          element))
    return op->emitOpError(
        "is not supported by qnn: it takes quant.qcast and quant.dcast "
        "between ranked f32 tensors and per-tensor or per-axis "
        "!quant.uniform of f32");
  return verifyQuantizedTensorType(
      [&] { return op->emitOpError("is not supported by qnn: "); },
      "its quantized type", q, role);
}

namespace {
struct QNNImportQuantCastsPass final
    : qnn::impl::QNNImportQuantCastsPassBase<QNNImportQuantCastsPass> {
  void runOnOperation() override {
    // Every cast is checked (and every bad one named) before any is
    // rewritten.
    SmallVector<Operation *> casts;
    bool bad = false;
    getOperation().walk([&](Operation *op) {
      LogicalResult ok = success();
      if (auto qcast = dyn_cast<quant::QuantizeCastOp>(op))
        ok = checkCast(op, qcast.getInput().getType(), qcast.getType(),
                       QuantRole::Storage);
      else if (auto dcast = dyn_cast<quant::DequantizeCastOp>(op))
        ok = checkCast(op, dcast.getType(), dcast.getInput().getType(),
                       QuantRole::Any);
      else
        return;
      bad |= failed(ok);
      casts.push_back(op);
    });
    if (bad)
      return signalPassFailure();
    OpBuilder b(&getContext());
    for (Operation *op : casts) {
      b.setInsertionPoint(op);
      Value replacement;
      if (auto qcast = dyn_cast<quant::QuantizeCastOp>(op))
        replacement =
            QuantizeOp::create(b, op->getLoc(), qcast.getType(),
                               qcast.getInput(), Rounding::HalfToEven);
      else
        replacement = DequantizeOp::create(
            b, op->getLoc(), op->getResult(0).getType(), op->getOperand(0));
      op->getResult(0).replaceAllUsesWith(replacement);
      op->erase();
    }
  }
};
} // namespace
