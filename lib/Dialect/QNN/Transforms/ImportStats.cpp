//===- ImportStats.cpp - Record statistics from a JSON file ---------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/Passes.h"
#include "qnn/Dialect/QNN/Transforms/StatsFile.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"

#include "llvm/ADT/StringMap.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNIMPORTSTATSPASS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
struct QNNImportStatsPass final
    : qnn::impl::QNNImportStatsPassBase<QNNImportStatsPass> {
  using QNNImportStatsPassBase::QNNImportStatsPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty()) {
      emitError(module.getLoc(),
                "qnn-import-stats needs file=<statistics.json>");
      return signalPassFailure();
    }
    llvm::Expected<StatsTable> table = readStatsJson(file);
    if (!table) {
      emitError(module.getLoc(), llvm::toString(table.takeError()));
      return signalPassFailure();
    }
    // Every tensor of every public function, by name.
    llvm::StringMap<Value> byName;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      TensorNamer namer(func);
      for (BlockArgument arg : func.getArguments())
        byName.insert({namer.name(arg), arg});
      func.walk([&](Operation *op) {
        if (isa<StatsOp>(op))
          return;
        for (Value result : op->getResults())
          byName.insert({namer.name(result), result});
      });
    }
    OpBuilder builder(&getContext());
    for (const auto &[name, stats] : *table) {
      auto it = byName.find(name);
      if (it == byName.end()) {
        emitError(module.getLoc())
            << "statistics for '" << name
            << "' but the module has no tensor of that name";
        return signalPassFailure();
      }
      setStats(builder, it->second, stats);
    }
  }
};
} // namespace
