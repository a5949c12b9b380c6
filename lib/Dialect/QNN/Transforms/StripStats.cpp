//===- StripStats.cpp - Remove qnn.stats annotations ----------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNSTRIPSTATSPASS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
struct QNNStripStatsPass final
    : qnn::impl::QNNStripStatsPassBase<QNNStripStatsPass> {
  void runOnOperation() override {
    getOperation()->walk([&](StatsOp stats) {
      stats.replaceAllUsesWith(stats.getInput());
      stats.erase();
    });
  }
};
} // namespace
