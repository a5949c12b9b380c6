//===- Epilogue.cpp - Float ops quantization folds into a contraction -----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/Epilogue.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::qnn;

/// The only user of `value` that is not a qnn.stats, looking through stats
/// results; null when there are several.
static Operation *soleUser(Value value, Value &through) {
  through = value;
  Operation *user = nullptr;
  for (Operation *u : value.getUsers()) {
    if (auto stats = dyn_cast<StatsOp>(u)) {
      Value inner;
      Operation *next = soleUser(stats.getResult(), inner);
      if (!next)
        return nullptr;
      if (user)
        return nullptr;
      user = next;
      through = inner;
      continue;
    }
    if (user)
      return nullptr;
    user = u;
  }
  return user;
}

/// A float constant scalar inside a generic body.
static std::optional<double> constantScalar(Value v) {
  FloatAttr attr;
  if (matchPattern(v, m_Constant(&attr)))
    return attr.getValueAsDouble();
  return std::nullopt;
}

/// Folds one generic into `epilogue` if its body is a chain over the
/// contraction's value; returns false (and leaves `epilogue` unchanged) if it
/// is anything else.
static bool absorb(linalg::GenericOp generic, Value input, Epilogue &epilogue) {
  if (generic.getNumDpsInits() != 1 || generic.getNumResults() != 1 ||
      generic.getNumReductionLoops() != 0)
    return false;
  auto outType = dyn_cast<RankedTensorType>(generic.getResult(0).getType());
  if (!outType || !outType.getElementType().isF32())
    return false;
  unsigned rank = generic.getNumLoops();
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(rank, generic.getContext());
  if (generic.getIndexingMapsArray().back() != identity)
    return false;

  Block &body = generic.getRegion().front();
  Value current;
  Value biasArg;
  DenseFPElementsAttr bias;
  for (OpOperand *operand : generic.getDpsInputOperands()) {
    AffineMap map = generic.getMatchingIndexingMap(operand);
    BlockArgument arg = body.getArgument(operand->getOperandNumber());
    if (operand->get() == input && map == identity) {
      current = arg;
      continue;
    }
    // A per-channel constant along the last dimension.
    DenseFPElementsAttr values;
    if (!bias && matchPattern(operand->get(), m_Constant(&values)) &&
        values.getType().getRank() == 1 && map.getNumResults() == 1 &&
        map.getResult(0) == getAffineDimExpr(rank - 1, generic.getContext())) {
      bias = values;
      biasArg = arg;
      continue;
    }
    return false;
  }
  if (!current)
    return false;

  Epilogue next = epilogue;
  for (Operation &op : body.without_terminator()) {
    auto uses = [&](Value v) {
      return llvm::is_contained(op.getOperands(), v);
    };
    if (!uses(current) || op.getNumResults() != 1)
      return false;
    Value other = op.getOperand(0) == current
                      ? op.getOperand(op.getNumOperands() - 1)
                      : op.getOperand(0);
    if (isa<arith::AddFOp>(op) && biasArg && other == biasArg && !next.bias &&
        next.lower == -std::numeric_limits<double>::infinity() &&
        next.upper == std::numeric_limits<double>::infinity()) {
      next.bias = bias;
    } else if (isa<arith::MaximumFOp, arith::MaxNumFOp>(op) &&
               constantScalar(other)) {
      next.lower = std::max(next.lower, *constantScalar(other));
    } else if (isa<arith::MinimumFOp, arith::MinNumFOp>(op) &&
               constantScalar(other)) {
      next.upper = std::min(next.upper, *constantScalar(other));
    } else {
      return false;
    }
    current = op.getResult(0);
  }
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getNumOperands() != 1 || yield.getOperand(0) != current)
    return false;
  // A bias that is not used in the body is not a bias.
  if (biasArg && !next.bias)
    return false;
  next.ops.push_back(generic);
  next.end = generic.getResult(0);
  epilogue = next;
  return true;
}

Epilogue mlir::qnn::matchEpilogue(Value result) {
  Epilogue epilogue;
  epilogue.end = result;
  while (true) {
    Value through;
    Operation *user = soleUser(epilogue.end, through);
    auto generic = dyn_cast_or_null<linalg::GenericOp>(user);
    if (!generic || !absorb(generic, through, epilogue))
      return epilogue;
  }
}
