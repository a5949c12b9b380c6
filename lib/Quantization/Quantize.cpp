//===- Quantize.cpp - Post-training quantization --------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// --quantize: finds the float layers of every function (FloatContraction.h),
// leaves the skipped ones in float and rewrites the others with
// quantizeContraction (QuantizeContraction.h). Each rewritten layer is
// bridged by qnn.quantize and qnn.dequantize, so the module is valid and
// runnable at every step; canonicalization then joins adjacent quantized
// layers.
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/Passes.h"

#include "qnn/Dialect/QNN/Transforms/FloatContraction.h"
#include "qnn/Dialect/QNN/Transforms/QuantizeContraction.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"
#include "qnn/Dialect/QNN/Transforms/TosaInput.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringSet.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QUANTIZEPASS
#include "qnn/Quantization/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// A float layer --quantize may rewrite, and the name the skip list and the
/// report use for it. Only the contraction op is kept: rewriting an earlier
/// layer erases the float values a match would hold (its output is this
/// layer's input), so each layer is matched again just before its rewrite.
struct Layer {
  Operation *op;
  std::string name;
};

/// A layer's name: its contraction's name location, else the tensor name of
/// its result.
std::string layerName(Operation *op, const TensorNamer &namer) {
  if (auto named = dyn_cast<NameLoc>(op->getLoc()))
    return named.getName().str();
  return namer.name(op->getResult(0));
}

struct QuantizePass final : qnn::impl::QuantizePassBase<QuantizePass> {
  using QuantizePassBase::QuantizePassBase;

  void getDependentDialects(DialectRegistry &registry) const override {
    QuantizePassBase::getDependentDialects(registry);
    OpPassManager tosa(func::FuncOp::getOperationName());
    addTosaToLinalgPasses(tosa);
    tosa.getDependentDialects(registry);
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(checkOptions(module)))
      return signalPassFailure();
    if (containsTosa(module)) {
      OpPassManager tosa(ModuleOp::getOperationName());
      addTosaToLinalgPasses(tosa.nest<func::FuncOp>());
      if (failed(runPipeline(tosa, module)))
        return signalPassFailure();
    }
    std::optional<std::vector<Layer>> layers = findLayers(module);
    if (!layers)
      return signalPassFailure();
    QuantizeOptions options = quantizeOptions();
    for (Layer &layer : *layers) {
      std::string whyNot;
      std::optional<FloatContraction> c =
          matchFloatContraction(layer.op, whyNot);
      if (!c) {
        layer.op->emitError("quantize: layer '" + layer.name +
                            "' no longer matches after earlier rewrites");
        return signalPassFailure();
      }
      if (failed(quantizeContraction(*c, options)))
        return signalPassFailure();
    }
  }

  QuantizeOptions quantizeOptions() const {
    QuantizeOptions o;
    o.weightGranularity = weightGranularity;
    o.weightBits = weightBits;
    o.activations = activations;
    o.activationBits = activationBits;
    o.rounding = rounding;
    return o;
  }

  LogicalResult checkOptions(ModuleOp module) {
    if (weightBits != 8 && weightBits != 4 && weightBits != 2)
      return module.emitError()
             << "quantize: weight-bits must be 8, 4 or 2, got "
             << weightBits.getValue();
    if (activationBits != 8 && activationBits != 16)
      return module.emitError()
             << "quantize: activation-bits must be 8 or 16, got "
             << activationBits.getValue();
    return success();
  }

  /// The layers to quantize, in program order, without the skipped ones
  /// (each gets a remark). Emits an error for a skip name no layer has.
  std::optional<std::vector<Layer>> findLayers(ModuleOp module) {
    llvm::StringSet<> skipped(llvm::from_range, skip);
    llvm::StringSet<> matched;
    std::vector<std::string> allNames;
    std::vector<Layer> layers;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      resolveShapeQueries(func);
      TensorNamer namer(func);
      SmallVector<Operation *> ops;
      func.walk([&](linalg::LinalgOp op) { ops.push_back(op); });
      for (Operation *op : ops) {
        std::string whyNot;
        std::optional<FloatContraction> c = matchFloatContraction(op, whyNot);
        if (!whyNot.empty())
          op->emitRemark("kept in float: " + whyNot);
        if (!c)
          continue;
        std::string name = layerName(op, namer);
        allNames.push_back(name);
        if (skipped.contains(name)) {
          matched.insert(name);
          op->emitRemark() << "kept in float: '" << name
                           << "' is in the skip list";
          continue;
        }
        layers.push_back({op, name});
      }
    }
    for (const std::string &name : skip)
      if (!matched.contains(name)) {
        module.emitError() << "quantize: skip names '" << name
                           << "', but no matmul or convolution has that name "
                              "(the layers are: "
                           << llvm::join(allNames, ", ") << ")";
        return std::nullopt;
      }
    return layers;
  }
};

} // namespace
