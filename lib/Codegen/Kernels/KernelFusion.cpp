//===- KernelFusion.cpp - What an int8 kernel can take into its loops -----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "KernelFusion.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::qnn;

bool mlir::qnn::isKernelInit(Operation *op) {
  // The value itself, not one the fill would convert.
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(op))
    return fill.getInputs()[0].getType() ==
           getElementTypeOrSelf(fill.getOutputs()[0].getType());
  auto broadcast = dyn_cast_or_null<linalg::BroadcastOp>(op);
  if (!broadcast)
    return false;
  auto in = dyn_cast<ShapedType>(broadcast.getInput().getType());
  auto out = dyn_cast<ShapedType>(broadcast.getInit().getType());
  if (!in || !out || in.getRank() != 1 || out.getRank() < 2)
    return false;
  return llvm::equal(broadcast.getDimensions(),
                     llvm::seq<int64_t>(0, out.getRank() - 1));
}

/// Whether `value`, a divisor, is a constant other than 0.
static bool isNonZeroConstant(Value value) {
  IntegerAttr divisor;
  return matchPattern(value, m_Constant(&divisor)) &&
         !divisor.getValue().isZero();
}

/// Why `op` of an epilogue's body has no vector form on the kernel's
/// registers, or an empty string.
static std::string whyNotVectorizable(Operation &op) {
  auto scalar = [](Type t) { return isa<IntegerType, FloatType>(t); };
  if (!isa<arith::ArithDialect, math::MathDialect>(op.getDialect()) ||
      op.getNumRegions() != 0)
    return ("'" + op.getName().getStringRef() + "' in the body").str();
  if (!llvm::all_of(op.getOperandTypes(), scalar) ||
      !llvm::all_of(op.getResultTypes(), scalar))
    return ("'" + op.getName().getStringRef() + "' on non-scalar types").str();
  if (isa<arith::ConstantOp>(op))
    return {};
  if (!op.hasTrait<OpTrait::Elementwise>())
    return ("'" + op.getName().getStringRef() + "' is not elementwise").str();
  if (isa<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp,
          arith::CeilDivSIOp, arith::CeilDivUIOp, arith::FloorDivSIOp>(op) &&
      !isNonZeroConstant(op.getOperand(1)))
    return ("'" + op.getName().getStringRef() +
            "' by a value that is not a constant")
        .str();
  return {};
}

EpilogueOperand mlir::qnn::epilogueOperand(linalg::GenericOp op,
                                           unsigned input) {
  AffineMap map = op.getIndexingMapsArray()[input];
  if (map.getNumResults() == 0)
    return EpilogueOperand::Scalar;
  if (map.isIdentity())
    return EpilogueOperand::Full;
  return EpilogueOperand::Column;
}

std::string mlir::qnn::whyNotEpilogue(linalg::GenericOp op, unsigned accInput) {
  if (op.getNumDpsInits() != 1 || op->getNumResults() > 1)
    return "not one output";
  if (op.getNumReductionLoops() != 0)
    return "not elementwise";
  if (!llvm::all_of(op->getOperandTypes(), llvm::IsaPred<ShapedType>))
    return "an operand is not a tensor";
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  unsigned rank = op.getNumLoops();
  if (!maps[accInput].isIdentity() || !maps.back().isIdentity())
    return "the result or the output is not read in order";
  for (auto [i, map] : llvm::enumerate(ArrayRef(maps).drop_back())) {
    bool column =
        map.getNumResults() == 1 &&
        map.getResult(0) == getAffineDimExpr(rank - 1, op.getContext());
    if (!map.isIdentity() && !column && map.getNumResults() != 0)
      return "input " + std::to_string(i) +
             " is read neither whole, per column nor as one value";
  }
  Block &body = op.getRegion().front();
  if (!body.getArguments().back().use_empty())
    return "the body reads the output's old value";
  for (Operation &inner : body.without_terminator())
    if (std::string why = whyNotVectorizable(inner); !why.empty())
      return why;
  return {};
}
