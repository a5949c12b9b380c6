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

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNIMPORTQUANTCASTSPASS
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

/// Whether `floatType` <-> `quantizedType` is a cast qnn's quantize and
/// dequantize take: ranked f32 tensors, per-tensor or per-axis uniform
/// quantization of f32.
static bool isQNNCast(Type floatType, Type quantizedType) {
  auto f = dyn_cast<RankedTensorType>(floatType);
  auto q = dyn_cast<RankedTensorType>(quantizedType);
  if (!f || !q || !f.getElementType().isF32())
    return false;
  auto element = dyn_cast<quant::QuantizedType>(q.getElementType());
  return element && element.getExpressedType().isF32() &&
         isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType>(
             element);
}

namespace {
struct QNNImportQuantCastsPass final
    : qnn::impl::QNNImportQuantCastsPassBase<QNNImportQuantCastsPass> {
  void runOnOperation() override {
    SmallVector<Operation *> casts;
    getOperation().walk([&](Operation *op) {
      if (isa<quant::QuantizeCastOp, quant::DequantizeCastOp>(op))
        casts.push_back(op);
    });
    OpBuilder b(&getContext());
    for (Operation *op : casts) {
      b.setInsertionPoint(op);
      Value replacement;
      if (auto qcast = dyn_cast<quant::QuantizeCastOp>(op)) {
        if (isQNNCast(qcast.getInput().getType(), qcast.getType()))
          replacement =
              QuantizeOp::create(b, op->getLoc(), qcast.getType(),
                                 qcast.getInput(), Rounding::HalfToEven);
      } else if (auto dcast = dyn_cast<quant::DequantizeCastOp>(op)) {
        if (isQNNCast(dcast.getType(), dcast.getInput().getType()))
          replacement = DequantizeOp::create(b, op->getLoc(), dcast.getType(),
                                             dcast.getInput());
      }
      if (!replacement) {
        op->emitOpError("is not supported by qnn: it takes quant.qcast and "
                        "quant.dcast between ranked f32 tensors and per-tensor "
                        "or per-axis !quant.uniform of f32");
        return signalPassFailure();
      }
      op->getResult(0).replaceAllUsesWith(replacement);
      op->erase();
    }
  }
};
} // namespace
