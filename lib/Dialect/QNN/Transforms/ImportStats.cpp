//===- ImportStats.cpp - Record statistics from a JSON file ---------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "qnn/Dialect/QNN/IR/QuantParams.h"
#include "qnn/Dialect/QNN/Transforms/StatsFile.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"

#include "llvm/ADT/StringMap.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNIMPORTSTATSPASS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

/// What is wrong with recording `stats` on `value`, or nothing.
static std::string checkEntry(Value value, const TensorStats &stats) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !isa<FloatType>(type.getElementType())) {
    os << "it is a " << value.getType() << ", not a ranked float tensor";
    return text;
  }
  auto count = static_cast<int64_t>(stats.min.size());
  if (stats.axis) {
    if (*stats.axis < 0 || *stats.axis >= type.getRank()) {
      os << "axis " << *stats.axis << " is out of range for " << type;
      return text;
    }
    int64_t size = type.getDimSize(*stats.axis);
    if (!ShapedType::isDynamic(size) && size != count) {
      os << count << " ranges for dimension " << *stats.axis << " of " << type
         << ", which has size " << size;
      return text;
    }
  }
  for (auto [i, lo, hi] : llvm::enumerate(stats.min, stats.max))
    if (std::string problem = rangeScaleProblem(lo, hi); !problem.empty()) {
      os << "range " << i << ": " << problem;
      return text;
    }
  return text;
}

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
            << file << ": statistics for '" << name
            << "' but the module has no tensor of that name";
        return signalPassFailure();
      }
      // Checked here, against the tensor, so that a bad file is an error
      // naming the file and entry, not a verifier failure on the IR.
      if (std::string problem = checkEntry(it->second, stats);
          !problem.empty()) {
        emitError(module.getLoc())
            << file << ": tensor '" << name << "': " << problem;
        return signalPassFailure();
      }
      setStats(builder, it->second, stats);
    }
  }
};
} // namespace
