//===- StatsFile.cpp - Calibration statistics in the IR and in JSON -------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/StatsFile.h"

#include "qnn/Support/InputFile.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qnn;

/// The largest statistics file qnn reads.
static constexpr uint64_t kMaxStatsBytes = uint64_t(256) << 20;

static llvm::Error statsError(llvm::StringRef file, const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 file + ": " + what);
}

static llvm::Expected<std::vector<double>>
readNumbers(const llvm::json::Object &entry, llvm::StringRef key,
            llvm::StringRef file, llvm::StringRef name) {
  const llvm::json::Array *array = entry.getArray(key);
  if (!array)
    return statsError(file, "tensor '" + name + "' has no '" + key + "' array");
  std::vector<double> values;
  for (const llvm::json::Value &v : *array) {
    std::optional<double> number = v.getAsNumber();
    if (!number || !std::isfinite(*number))
      return statsError(file, "tensor '" + name + "': '" + key +
                                  "' holds a value that is not a finite "
                                  "number");
    values.push_back(*number);
  }
  return values;
}

/// A statistics file is an object of tensors, each an object of arrays:
/// three levels. Deeper input is rejected before llvm::json::parse, which
/// recurses once per level and would overflow the stack.
static constexpr unsigned kMaxJsonDepth = 16;

/// The deepest nesting of arrays and objects in `text` (strings skipped).
static unsigned jsonDepth(llvm::StringRef text) {
  unsigned depth = 0, deepest = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"')
      inString = true;
    else if (c == '[' || c == '{')
      deepest = std::max(deepest, ++depth);
    else if ((c == ']' || c == '}') && depth > 0)
      --depth;
  }
  return deepest;
}

llvm::Expected<StatsTable> mlir::qnn::parseStatsJson(llvm::StringRef text,
                                                     llvm::StringRef file) {
  if (jsonDepth(text) > kMaxJsonDepth)
    return statsError(file, "invalid statistics: JSON nested deeper than " +
                                llvm::Twine(kMaxJsonDepth) +
                                " levels (a statistics file has three)");
  llvm::Expected<llvm::json::Value> json = llvm::json::parse(text);
  if (!json)
    return statsError(file,
                      "invalid JSON: " + llvm::toString(json.takeError()));
  const llvm::json::Object *root = json->getAsObject();
  if (!root || root->getString("format") != "qnn-stats")
    return statsError(file, "not a qnn statistics file (no \"format\": "
                            "\"qnn-stats\")");
  if (root->getInteger("version") != 1)
    return statsError(file, "unsupported version (this qnn reads version 1)");
  const llvm::json::Object *tensors = root->getObject("tensors");
  if (!tensors)
    return statsError(file, "no \"tensors\" object");
  StatsTable table;
  // JSON objects are unordered: sort the names for a deterministic table.
  std::vector<std::string> names;
  for (const auto &entry : *tensors)
    names.push_back(entry.first.str());
  llvm::sort(names);
  for (const std::string &name : names) {
    const llvm::json::Object *entry = tensors->getObject(name);
    if (!entry)
      return statsError(file, "tensor '" + name + "' is not an object");
    TensorStats stats;
    stats.axis = entry->getInteger("axis");
    auto mins = readNumbers(*entry, "min", file, name);
    if (!mins)
      return mins.takeError();
    auto maxs = readNumbers(*entry, "max", file, name);
    if (!maxs)
      return maxs.takeError();
    if (mins->size() != maxs->size() || mins->empty())
      return statsError(file, "tensor '" + name +
                                  "' needs as many minima as maxima, at "
                                  "least one");
    if (!stats.axis && mins->size() != 1)
      return statsError(file, "tensor '" + name +
                                  "' has several ranges but no 'axis'");
    for (size_t i = 0; i < mins->size(); ++i)
      if ((*mins)[i] > (*maxs)[i])
        return statsError(file, "tensor '" + name + "' range " +
                                    llvm::Twine(i) + " has min > max");
    stats.min = std::move(*mins);
    stats.max = std::move(*maxs);
    table.emplace_back(name, std::move(stats));
  }
  return table;
}

llvm::Expected<StatsTable> mlir::qnn::readStatsJson(llvm::StringRef path) {
  // A 1,000,000-channel statistics file is about 40 MB.
  llvm::Expected<std::string> text = readBoundedFile(path, kMaxStatsBytes);
  if (!text)
    return text.takeError();
  return parseStatsJson(*text, path);
}

void mlir::qnn::printStatsJson(llvm::raw_ostream &os, const StatsTable &table,
                               llvm::StringRef method) {
  llvm::json::Object tensors;
  for (const auto &[name, stats] : table) {
    llvm::json::Object entry;
    if (stats.axis)
      entry["axis"] = *stats.axis;
    entry["min"] = llvm::json::Array(stats.min);
    entry["max"] = llvm::json::Array(stats.max);
    tensors[name] = std::move(entry);
  }
  llvm::json::Object root{{"format", "qnn-stats"},
                          {"version", 1},
                          {"method", method},
                          {"tensors", std::move(tensors)}};
  // llvm::json prints doubles with 17 significant digits: they read back
  // as the same binary64 values.
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
}

Operation *mlir::qnn::setStats(OpBuilder &builder, Value value,
                               const TensorStats &stats) {
  auto set = [&](StatsOp op) {
    op.setMin(stats.min);
    op.setMax(stats.max);
    if (stats.axis)
      op.setAxis(*stats.axis);
    else
      op.removeAxisAttr();
    return op.getOperation();
  };
  if (auto existing = value.getDefiningOp<StatsOp>())
    return set(existing);
  for (Operation *user : value.getUsers())
    if (auto existing = dyn_cast<StatsOp>(user))
      return set(existing);
  OpBuilder::InsertionGuard guard(builder);
  if (auto arg = dyn_cast<BlockArgument>(value))
    builder.setInsertionPointToStart(arg.getOwner());
  else
    builder.setInsertionPointAfterValue(value);
  auto statsOp = StatsOp::create(
      builder, value.getLoc(), value.getType(), value,
      stats.axis ? builder.getI64IntegerAttr(*stats.axis) : IntegerAttr(),
      builder.getDenseF64ArrayAttr(stats.min),
      builder.getDenseF64ArrayAttr(stats.max));
  value.replaceAllUsesExcept(statsOp.getResult(), statsOp);
  return statsOp;
}
