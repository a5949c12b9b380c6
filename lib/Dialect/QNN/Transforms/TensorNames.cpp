//===- TensorNames.cpp - Stable names for the tensors calibration sees ----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/Transforms/TensorNames.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/Transforms/Epilogue.h"

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

TensorNamer::TensorNamer(func::FuncOp func)
    : functionName(func.getName().str()) {
  llvm::StringMap<unsigned> counts;
  func.walk([&](Operation *op) {
    if (!isa<StatsOp>(op))
      ordinals[op] = counts[op->getName().getStringRef()]++;
  });
}

std::string TensorNamer::name(Value value) const {
  value = throughStats(value);
  if (auto arg = dyn_cast<BlockArgument>(value))
    return functionName + "/arg" + std::to_string(arg.getArgNumber());
  auto result = cast<OpResult>(value);
  Operation *op = result.getOwner();
  std::string suffix = result.getResultNumber() == 0
                           ? ""
                           : ":" + std::to_string(result.getResultNumber());
  if (auto named = dyn_cast<NameLoc>(op->getLoc()))
    return named.getName().str() + suffix;
  auto it = ordinals.find(op);
  unsigned ordinal = it == ordinals.end() ? 0 : it->second;
  return functionName + "/" + op->getName().getStringRef().str() + "#" +
         std::to_string(ordinal) + suffix;
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
    if (isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::Conv2DNhwcHwcfOp,
            linalg::DepthwiseConv2DNhwcHwcOp, linalg::DepthwiseConv2DNhwcHwcmOp,
            tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::MatMulOp>(op)) {
      // A zero padding in front of a convolution folds into the quantized
      // op: observe the unpadded activation.
      Value input = op->getOperand(0);
      if (auto pad = input.getDefiningOp<tensor::PadOp>())
        input = pad.getSource();
      add(input);
      add(op->getResult(0));
      // Where quantization will requantize: after the bias and clamp it
      // folds.
      add(matchEpilogue(op->getResult(0)).end);
    }
  });
  return points;
}
