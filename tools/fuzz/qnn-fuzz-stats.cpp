//===- qnn-fuzz-stats.cpp - Fuzz the statistics JSON reader ---------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Any text must parse or fail with an error; a parsed table must hold only
// finite, ordered ranges (the reader's promises to the quantization passes).
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/StatsFile.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

using namespace mlir::qnn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  llvm::Expected<StatsTable> table = parseStatsJson(text, "fuzz");
  if (!table) {
    llvm::consumeError(table.takeError());
    return 0;
  }
  for (const auto &[name, stats] : *table) {
    if (stats.min.size() != stats.max.size() || stats.min.empty() ||
        (!stats.axis && stats.min.size() != 1))
      std::abort();
    for (size_t i = 0; i < stats.min.size(); ++i)
      if (!std::isfinite(stats.min[i]) || !std::isfinite(stats.max[i]) ||
          stats.min[i] > stats.max[i])
        std::abort();
  }
  return 0;
}
