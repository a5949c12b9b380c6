//===- StatsFile.h - Statistics in the IR and in JSON -----------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The JSON form of calibration statistics (docs/Calibration.md):
//   {"format": "qnn-stats", "version": 1, "method": "minmax",
//    "tensors": {"<name>": {"min": [-1.5], "max": [2.0]},
//                "<name>": {"axis": 1, "min": [...], "max": [...]}}}
// keyed by the names of TensorNames.h.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_TRANSFORMS_STATSFILE_H
#define QNN_DIALECT_QNN_TRANSFORMS_STATSFILE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::qnn {

struct TensorStats {
  std::optional<int64_t> axis;
  std::vector<double> min, max;
};

/// Named statistics, in order (names are unique).
using StatsTable = std::vector<std::pair<std::string, TensorStats>>;

/// Parses the JSON form; errors name the file and the problem.
llvm::Expected<StatsTable> parseStatsJson(llvm::StringRef text,
                                          llvm::StringRef fileName);
llvm::Expected<StatsTable> readStatsJson(llvm::StringRef path);
/// Prints the JSON form.
void printStatsJson(llvm::raw_ostream &os, const StatsTable &table,
                    llvm::StringRef method);

/// Records `stats` on `value`: updates the qnn.stats that defines or uses it,
/// or inserts one after its definition and routes every other use through
/// it. Returns the stats op.
Operation *setStats(OpBuilder &builder, Value value, const TensorStats &stats);

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_STATSFILE_H
