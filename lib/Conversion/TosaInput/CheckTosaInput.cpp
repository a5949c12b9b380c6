//===- CheckTosaInput.cpp - Reject TOSA that tosa-to-linalg cannot take ---===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNCHECKTOSAINPUTPASS
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

static bool isQuantized(Type type) {
  return isa<quant::QuantizedType>(getElementTypeOrSelf(type));
}

namespace {
struct QNNCheckTosaInputPass final
    : qnn::impl::QNNCheckTosaInputPassBase<QNNCheckTosaInputPass> {
  void runOnOperation() override {
    WalkResult result = getOperation().walk([](Operation *op) {
      if (!isa_and_nonnull<tosa::TosaDialect>(op->getDialect()) ||
          (llvm::none_of(op->getOperandTypes(), isQuantized) &&
           llvm::none_of(op->getResultTypes(), isQuantized)))
        return WalkResult::advance();
      op->emitOpError("on quantized element types (!quant.uniform) cannot be "
                      "converted: upstream's tosa-to-linalg takes TOSA "
                      "integer ops with explicit zero points, and qnn does "
                      "not raise this form into qnn ops yet");
      return WalkResult::interrupt();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
