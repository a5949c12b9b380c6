//===- TensorNames.cpp - Stable names for the tensors calibration sees ----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/TensorNames.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Layers/Epilogue.h"
#include "qnn/Layers/FloatContraction.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"

using namespace mlir;
using namespace mlir::qnn;

/// Looks through qnn.stats to the value as computed.
static Value throughStats(Value value) {
  while (auto stats = value.getDefiningOp<StatsOp>())
    value = stats.getInput();
  return value;
}

TensorNamer::TensorNamer(func::FuncOp func) {
  std::string prefix = func.getName().str() + "/";
  llvm::StringMap<unsigned> opCounts, nameCounts;
  // A name that repeats (tosa-to-linalg gives all the ops it makes for one
  // TOSA op that op's location) gets "#2", "#3"... in walk order.
  auto assign = [&](Value value, std::string name) {
    unsigned seen = nameCounts[name]++;
    if (seen)
      name += "#" + std::to_string(seen + 1);
    names[value] = name;
  };
  for (BlockArgument arg : func.getArguments())
    assign(arg, prefix + "arg" + std::to_string(arg.getArgNumber()));
  func.walk([&](Operation *op) {
    if (isa<StatsOp>(op) || op == func)
      return;
    unsigned ordinal = opCounts[op->getName().getStringRef()]++;
    std::string base;
    if (auto named = dyn_cast<NameLoc>(op->getLoc()))
      base = named.getName().str();
    else
      base = prefix + op->getName().getStringRef().str() + "#" +
             std::to_string(ordinal);
    for (OpResult result : op->getResults())
      assign(result,
             result.getResultNumber() == 0
                 ? base
                 : base + ":" + std::to_string(result.getResultNumber()));
  });
}

std::string TensorNamer::name(Value value) const {
  auto it = names.find(throughStats(value));
  return it == names.end() ? std::string() : it->second;
}

llvm::MapVector<Value, std::string>
mlir::qnn::calibrationPoints(func::FuncOp func) {
  TensorNamer namer(func);
  llvm::MapVector<Value, std::string> points;
  auto add = [&](Value v) {
    v = throughStats(v);
    if (isa<RankedTensorType>(v.getType()) &&
        isa<FloatType>(cast<RankedTensorType>(v.getType()).getElementType()))
      points.insert({v, namer.name(v)});
  };
  func.walk([&](Operation *op) {
    std::string whyNot;
    std::optional<FloatContraction> c = matchFloatContraction(op, whyNot);
    if (!c)
      return;
    add(c->input);
    add(c->result);
    // Where quantization will requantize: after the bias and clamp it
    // folds.
    add(matchEpilogue(c->result).end);
  });
  return points;
}

std::string mlir::qnn::layerName(Operation *op, const TensorNamer &namer) {
  if (auto name = QNNDialect::LayerAttrHelper(op->getContext()).getAttr(op))
    return name.str();
  if (auto named = dyn_cast<NameLoc>(op->getLoc()))
    return named.getName().str();
  return namer.name(op->getResult(0));
}

SkipList::SkipList(ArrayRef<std::string> names)
    : names(names.begin(), names.end()), listed(llvm::from_range, names) {}

bool SkipList::skips(StringRef name) {
  layers.push_back(name.str());
  if (!listed.contains(name))
    return false;
  found.insert(name);
  return true;
}

LogicalResult SkipList::verifyAllFound(Location loc, StringRef pass) const {
  for (const std::string &name : names)
    if (!found.contains(name))
      return emitError(loc)
             << pass << ": skip names '" << name
             << "', but no matmul or convolution has that name (the layers "
                "are: "
             << llvm::join(layers, ", ") << ")";
  return success();
}
