//===- InsertRuntimeChecks.cpp - Check shapes and indices at run time -----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Passes.h"

#include "mlir/Interfaces/RuntimeVerifiableOpInterface.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNINSERTRUNTIMECHECKSPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

/// "tensor.extract at model.mlir:12:8: out-of-bounds access".
static std::string checkMessage(Operation *op, StringRef what) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << op->getName() << " at " << op->getLoc() << ": " << what;
  return text;
}

namespace {
struct QNNInsertRuntimeChecksPass final
    : qnn::impl::QNNInsertRuntimeChecksPassBase<QNNInsertRuntimeChecksPass> {
  using QNNInsertRuntimeChecksPassBase::QNNInsertRuntimeChecksPassBase;

  void runOnOperation() override {
    if (ops != "shapes" && ops != "all") {
      emitError(getOperation().getLoc())
          << "qnn-insert-runtime-checks: ops must be 'shapes' or 'all', got '"
          << ops << "'";
      return signalPassFailure();
    }
    bool all = ops == "all";
    SmallVector<RuntimeVerifiableOpInterface> checked;
    getOperation().walk([&](RuntimeVerifiableOpInterface op) {
      // Canonicalization moves a size claim from a linalg op into a cast
      // that refines a dynamic size (tensor<?x?xf32> to tensor<?x16xf32>):
      // both are shape checks.
      if (all || isa<linalg::LinalgOp, tensor::CastOp, memref::CastOp>(
                     op.getOperation()))
        checked.push_back(op);
    });
    OpBuilder builder(&getContext());
    for (RuntimeVerifiableOpInterface op : checked) {
      builder.setInsertionPoint(op);
      op.generateRuntimeVerification(builder, op.getLoc(), checkMessage);
    }
  }
};
} // namespace
