//===- Epilogue.cpp - Float ops quantization folds into a contraction -----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Layers/Epilogue.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Layers/FloatContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::qnn;

/// The only user of `value` that is not a qnn.stats or a tensor.dim (which
/// reads only the shape; quantize moves it to the quantized twin), looking
/// through stats results; null when there are several.
static Operation *soleUser(Value value, Value &through) {
  through = value;
  Operation *user = nullptr;
  for (Operation *u : value.getUsers()) {
    if (isa<tensor::DimOp>(u))
      continue;
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
    DenseFPElementsAttr channel =
        bias ? DenseFPElementsAttr() : channelConstant(operand->get(), map);
    if (channel) {
      bias = channel;
      biasArg = arg;
      continue;
    }
    return false;
  }
  if (!current)
    return false;

  Epilogue next = epilogue;
  // A clamp written as a compare and a select (torch-mlir's ReLU:
  // cmpf ugt, x, 0; select c, x, 0): the compare waits for its select.
  arith::CmpFOp compare;
  for (Operation &op : body.without_terminator()) {
    if (auto cmp = dyn_cast<arith::CmpFOp>(op)) {
      if (compare || cmp.getLhs() != current || !cmp->hasOneUse() ||
          !constantScalar(cmp.getRhs()))
        return false;
      compare = cmp;
      continue;
    }
    if (compare) {
      auto select = dyn_cast<arith::SelectOp>(op);
      if (!select || select.getCondition() != compare.getResult() ||
          select.getTrueValue() != current ||
          constantScalar(select.getFalseValue()) !=
              constantScalar(compare.getRhs()))
        return false;
      double bound = *constantScalar(compare.getRhs());
      switch (compare.getPredicate()) {
      case arith::CmpFPredicate::OGT:
      case arith::CmpFPredicate::OGE:
      case arith::CmpFPredicate::UGT:
      case arith::CmpFPredicate::UGE:
        next.lower = std::max(next.lower, bound);
        break;
      case arith::CmpFPredicate::OLT:
      case arith::CmpFPredicate::OLE:
      case arith::CmpFPredicate::ULT:
      case arith::CmpFPredicate::ULE:
        next.upper = std::min(next.upper, bound);
        break;
      default:
        return false;
      }
      // Bounds that cross make a constant, not a clamp: left in float.
      if (next.lower > next.upper)
        return false;
      compare = nullptr;
      current = select.getResult();
      continue;
    }
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
    if (next.lower > next.upper)
      return false;
    current = op.getResult(0);
  }
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (compare || yield.getNumOperands() != 1 || yield.getOperand(0) != current)
    return false;
  // A bias that is not used in the body is not a bias.
  if (biasArg && !next.bias)
    return false;
  next.ops.push_back(generic);
  next.end = generic.getResult(0);
  epilogue = next;
  return true;
}

/// Folds a bias added as `linalg.add(value, linalg.broadcast(constant))`
/// (broadcast along every dimension but the last) into `epilogue`.
static bool absorbBroadcastAdd(linalg::AddOp add, Value input,
                               Epilogue &epilogue) {
  if (epilogue.bias || !std::isinf(epilogue.lower) ||
      !std::isinf(epilogue.upper) || add.getNumDpsInputs() != 2)
    return false;
  auto type = dyn_cast<RankedTensorType>(add.getResultTensors()[0].getType());
  if (!type || !type.getElementType().isF32())
    return false;
  Value other = add.getDpsInputs()[0] == input ? add.getDpsInputs()[1]
                                               : add.getDpsInputs()[0];
  auto broadcast = other.getDefiningOp<linalg::BroadcastOp>();
  if (!broadcast || other == input)
    return false;
  SmallVector<int64_t> leading =
      llvm::to_vector(llvm::seq<int64_t>(0, type.getRank() - 1));
  DenseFPElementsAttr bias;
  if (broadcast.getDimensions() != ArrayRef<int64_t>(leading) ||
      !matchPattern(broadcast.getInput(), m_Constant(&bias)))
    return false;
  epilogue.bias = bias;
  epilogue.ops.push_back(broadcast);
  epilogue.ops.push_back(add);
  epilogue.end = add.getResultTensors()[0];
  return true;
}

/// A reshape the epilogue may continue through: it keeps the last
/// (channel) dimension as it is, so a per-channel bias after it is still per
/// channel.
static bool keepsChannels(Operation *op) {
  if (!isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(op))
    return false;
  auto source = cast<RankedTensorType>(op->getOperand(0).getType());
  auto result = cast<RankedTensorType>(op->getResult(0).getType());
  if (source.getRank() == 0 || result.getRank() == 0 ||
      source.getShape().back() != result.getShape().back() ||
      ShapedType::isDynamic(result.getShape().back()))
    return false;
  SmallVector<ReassociationIndices> groups =
      isa<tensor::CollapseShapeOp>(op)
          ? cast<tensor::CollapseShapeOp>(op).getReassociationIndices()
          : cast<tensor::ExpandShapeOp>(op).getReassociationIndices();
  return groups.back().size() == 1;
}

Epilogue mlir::qnn::matchEpilogue(Value result) {
  Epilogue epilogue;
  epilogue.end = result;
  // Reshapes are taken only when an elementwise op after them folds.
  Epilogue tentative = epilogue;
  while (true) {
    Value through;
    Operation *user = soleUser(tentative.end, through);
    if (keepsChannels(user)) {
      tentative.reshapes.push_back(user);
      tentative.ops.push_back(user);
      tentative.end = user->getResult(0);
      continue;
    }
    if (auto generic = dyn_cast_or_null<linalg::GenericOp>(user)) {
      if (absorb(generic, through, tentative)) {
        epilogue = tentative;
        continue;
      }
    } else if (auto add = dyn_cast_or_null<linalg::AddOp>(user)) {
      if (absorbBroadcastAdd(add, through, tentative)) {
        epilogue = tentative;
        continue;
      }
    }
    return epilogue;
  }
}
