//===- CheckLowered.cpp - Nothing but the LLVM dialect is left ------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Passes.h"

#include "llvm/ADT/DenseSet.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNCHECKLOWEREDPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

namespace {
struct QNNCheckLoweredPass final
    : qnn::impl::QNNCheckLoweredPassBase<QNNCheckLoweredPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // The first op of each kind is reported: one lowering gap can leave
    // thousands of ops behind.
    llvm::DenseSet<OperationName> reported;
    module.walk([&](Operation *op) {
      if (op == module.getOperation() ||
          isa_and_nonnull<LLVM::LLVMDialect>(op->getDialect()) ||
          !reported.insert(op->getName()).second)
        return;
      op->emitError() << "'" << op->getName()
                      << "' was not lowered to the LLVM dialect";
    });
    if (!reported.empty())
      signalPassFailure();
  }
};
} // namespace
