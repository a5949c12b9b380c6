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
// layers. With samples it measures each layer's error (LayerErrors.h) and,
// under an error budget, keeps the most sensitive layers in float.
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/Passes.h"

#include "qnn/Conversion/TosaInput/TosaInput.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"
#include "qnn/Layers/FloatContraction.h"
#include "qnn/Quantization/IntegerPooling.h"
#include "qnn/Quantization/QuantizeContraction.h"

#include "qnn/Quantization/LayerErrors.h"

#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "llvm/Support/FormatVariadic.h"

#include <numeric>

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
  /// Kept in float by the error budget.
  bool keepFloat = false;
  /// The measured SQNR of its output (dB), with data=.
  std::optional<double> sqnr;
};
} // namespace

/// A figure in dB for a diagnostic.
static std::string decibels(double db) {
  if (std::isinf(db))
    return db > 0 ? "inf dB (exact)" : "-inf dB";
  return llvm::formatv("{0:F2} dB", db).str();
}

/// Decisions --quantize reports as optimization remarks (category
/// "quantize"; `qnn-opt --remarks-filter=quantize --remark-policy=all`).
static remark::RemarkOpts decision(StringRef name, Operation *op) {
  auto func = op->getParentOfType<func::FuncOp>();
  return remark::RemarkOpts::name(name)
      .category("quantize")
      .function(func ? func.getName() : StringRef());
}

static std::string formatList(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(values, os);
  os << "]";
  return text;
}

/// "conv 3x3x1x8 (HWCF), strides [1, 1], ..." for the layer remark.
static std::string describeLayer(const FloatContraction &c) {
  ArrayRef<int64_t> shape = c.weights.getType().getShape();
  std::string weights = llvm::join(
      llvm::map_range(shape, [](int64_t d) { return std::to_string(d); }), "x");
  if (!c.isConv)
    return llvm::formatv("{0} with {1} weights", c.op->getName(), weights);
  return llvm::formatv("{0} with {1} (HWCF) weights, groups {2}, strides "
                       "{3}, dilations {4}, padding {5}",
                       c.op->getName(), weights, c.groups,
                       formatList(c.strides), formatList(c.dilations),
                       formatList(c.padding));
}

/// "i8 asymmetric per-tensor (scale 0.5, zero point 3)" for the scheme
/// remark.
static std::string describeQuantization(Type type) {
  std::optional<QuantParams> p = QuantParams::get(type);
  if (!p)
    return "not quantized";
  std::string storage =
      (p->isSigned ? "i" : "u") + std::to_string(p->storageBits);
  if (p->range.min !=
      ref::StorageRange::forInteger(p->storageBits, p->isSigned).min)
    storage += llvm::formatv("<{0}:{1}>", p->range.min, p->range.max).str();
  bool symmetric =
      llvm::all_of(p->zeroPoints, [](int64_t z) { return z == 0; });
  std::string text = storage + (symmetric ? " symmetric" : " asymmetric");
  if (p->isPerAxis())
    return text + llvm::formatv(" per-channel ({0} scales on axis {1})",
                                p->scales.size(), *p->axis)
                      .str();
  return text + llvm::formatv(" per-tensor (scale {0}, zero point {1})",
                              llvm::format("%.6g", p->scales[0]),
                              p->zeroPoints[0])
                    .str();
}

namespace {
struct QuantizePass final
    : TosaInputPass<QuantizePass, qnn::impl::QuantizePassBase> {
  using TosaInputPass::TosaInputPass;

  /// Measuring on samples in memory (createQuantizePass).
  QuantizePass(QuantizePassOptions options, SampleSource samples)
      : TosaInputPass(std::move(options)), source(std::move(samples)) {}

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(checkOptions(module)))
      return signalPassFailure();
    // TOSA int8 layers are raised before the rest of TOSA becomes linalg.
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && failed(raiseTosaIntegerLayers(func)))
        return signalPassFailure();
    if (failed(convertInput(module)))
      return signalPassFailure();
    // Layers quantized elsewhere (QDQ) keep their quantization.
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && failed(raiseQuantizedLayers(func)))
        return signalPassFailure();
    std::optional<std::vector<Layer>> layers = findLayers(module);
    if (!layers)
      return signalPassFailure();
    QuantizeOptions options = quantizeOptions();
    std::optional<double> outputSqnr;
    func::FuncOp entryFunc;
    if (!data.empty() || source.inMemory()) {
      entryFunc = module.lookupSymbol<func::FuncOp>(entry);
      if (!entryFunc || entryFunc.isExternal()) {
        emitError(module.getLoc())
            << "quantize: no function '" << entry.getValue()
            << "' with a body to run the samples on (set "
               "entry=)";
        return signalPassFailure();
      }
      outputSqnr = measure(module, entryFunc, *layers, options);
      if (!outputSqnr)
        return signalPassFailure();
    }
    Builder b(&getContext());
    QNNDialect::LayerAttrHelper layerName(&getContext());
    for (Layer &layer : *layers) {
      // A float layer keeps its name too: the report reads it from there
      // once the name locations are gone (printed without debug info).
      if (layer.keepFloat) {
        layerName.setAttr(layer.op, b.getStringAttr(layer.name));
        continue;
      }
      std::string whyNot;
      std::optional<FloatContraction> c =
          matchFloatContraction(layer.op, whyNot);
      if (!c) {
        layer.op->emitError("quantize: layer '" + layer.name +
                            "' no longer matches after earlier rewrites");
        return signalPassFailure();
      }
      FailureOr<QuantizedLayer> q = quantizeContraction(*c, options);
      if (failed(q))
        return signalPassFailure();
      layerName.setAttr(q->integerOp, b.getStringAttr(layer.name));
      remark::passed(q->integerOp->getLoc(), decision("scheme", q->integerOp))
          << llvm::formatv(
                 "'{0}': activations {1}, weights {2}, rounding "
                 "{3}",
                 layer.name,
                 describeQuantization(q->integerOp->getOperand(0).getType()),
                 describeQuantization(q->integerOp->getOperand(1).getType()),
                 stringifyRounding(rounding))
                 .str();
      if (layer.sqnr)
        QNNDialect::SqnrAttrHelper(&getContext())
            .setAttr(q->integerOp, b.getF64FloatAttr(*layer.sqnr));
    }
    if (outputSqnr)
      QNNDialect::OutputSqnrAttrHelper(&getContext())
          .setAttr(entryFunc, b.getF64FloatAttr(*outputSqnr));
    // Pooling between quantized layers runs on the integers; an average is
    // rounded as the quantizer rounds (a fixed-point mode rounds its
    // products, not values: half to even then).
    RewritePatternSet pooling(&getContext());
    populateIntegerPoolingPatterns(pooling,
                                   ref::isFloatRounding(toReference(rounding))
                                       ? static_cast<Rounding>(rounding)
                                       : Rounding::HalfToEven);
    walkAndApplyPatterns(module, std::move(pooling));
    remarkFloatOpsBetweenLayers(module);
  }

  /// Names the float ops left between quantized layers (pooling, say): they
  /// run in f32 on dequantized values.
  static void remarkFloatOpsBetweenLayers(ModuleOp module) {
    auto fromDequantize = [](Value v) {
      while (Operation *def = v.getDefiningOp()) {
        if (isa<DequantizeOp>(def))
          return true;
        if (!isa<StatsOp, tensor::CollapseShapeOp, tensor::ExpandShapeOp,
                 tensor::PadOp>(def))
          return false;
        v = def->getOperand(0);
      }
      return false;
    };
    module.walk([&](linalg::LinalgOp op) {
      if (isa<linalg::FillOp>(op) ||
          !llvm::any_of(op->getOperands(), fromDequantize))
        return;
      if (isa<linalg::PoolingNhwcMaxOp>(op)) {
        op->emitRemark() << "kept in float: the max pooling's padding or "
                            "initial value can win over the dequantized "
                            "values (qnn.max_pool2d pads with the smallest)";
        return;
      }
      op->emitRemark() << "kept in float: qnn has no integer form of "
                       << op->getName()
                       << "; it runs in f32 on the dequantized values";
    });
  }

  /// Runs the entry on the samples, float and quantized, and records each
  /// layer's output SQNR. Under an error budget, keeps layers in float, the
  /// most sensitive first (by the SQNR of the results when that layer alone
  /// is quantized), until the results' SQNR meets it. Returns that SQNR.
  std::optional<double> measure(ModuleOp module, func::FuncOp entryFunc,
                                std::vector<Layer> &layers,
                                const QuantizeOptions &options) {
    if (failed(source.checkNotBoth(entryFunc, data, "quantize")))
      return std::nullopt;
    std::optional<Samples> loaded;
    const Samples *samples = source.get(entryFunc, data, "quantize", loaded);
    if (!samples)
      return std::nullopt;
    // Only the entry's own layers can be observed.
    SmallVector<Layer *> measured;
    SmallVector<Operation *> ops;
    SmallVector<std::string> names;
    for (Layer &layer : layers)
      if (layer.op->getParentOfType<func::FuncOp>() == entryFunc) {
        measured.push_back(&layer);
        ops.push_back(layer.op);
        names.push_back(layer.name);
      }
    std::unique_ptr<LayerErrorMeter> meter = LayerErrorMeter::create(
        module, entryFunc, ops, names, *samples, options);
    if (!meter)
      return std::nullopt;
    size_t n = measured.size();
    SmallVector<bool> quantized(n, true);
    FailureOr<LayerErrors> errors = meter->measure(quantized);
    if (failed(errors))
      return std::nullopt;
    if (errorBudget > 0 && errors->output < errorBudget) {
      SmallVector<double> alone(n);
      for (size_t i = 0; i < n; ++i) {
        SmallVector<bool> only(n, false);
        only[i] = true;
        FailureOr<LayerErrors> e = meter->measure(only);
        if (failed(e))
          return std::nullopt;
        alone[i] = e->output;
      }
      SmallVector<size_t> order(n);
      std::iota(order.begin(), order.end(), 0);
      // Most sensitive first; ties in program order.
      llvm::sort(order, [&](size_t a, size_t b) {
        return std::tie(alone[a], a) < std::tie(alone[b], b);
      });
      for (size_t i : order) {
        if (errors->output >= errorBudget)
          break;
        quantized[i] = false;
        measured[i]->keepFloat = true;
        emitRemark(measured[i]->op->getLoc())
            << "kept in float: '" << measured[i]->name
            << "' is among the most sensitive layers (quantized alone, the "
               "results' SQNR is "
            << decibels(alone[i]) << "; error budget " << decibels(errorBudget)
            << ")";
        errors = meter->measure(quantized);
        if (failed(errors))
          return std::nullopt;
      }
    }
    for (size_t i = 0; i < n; ++i)
      if (quantized[i])
        measured[i]->sqnr = errors->layers[i];
    emitRemark(entryFunc.getLoc())
        << "quantize: results' SQNR " << decibels(errors->output) << " on "
        << samples->count << " samples, " << llvm::count(quantized, true)
        << " of " << n << " layers quantized";
    return errors->output;
  }

  QuantizeOptions quantizeOptions() const {
    QuantizeOptions o;
    o.weightGranularity = weightGranularity;
    o.weightBits = weightBits;
    o.weightScheme = weightScheme;
    o.weights = weights;
    o.activations = activations;
    o.activationBits = activationBits;
    o.rounding = rounding;
    return o;
  }

  LogicalResult checkOptions(ModuleOp module) {
    if (weightScheme == WeightScheme::KMeans &&
        weights == WeightSymmetry::Asymmetric)
      return emitError(module.getLoc())
             << "quantize: weights=asymmetric applies to uniform weights; "
                "codebook centroids are symmetric int8";
    if (weightScheme == WeightScheme::KMeans) {
      if (weightBits < 1 || weightBits > 8)
        return emitError(module.getLoc())
               << "quantize: codebook indices (weight-scheme=kmeans) take 1 "
                  "to 8 bits, got weight-bits="
               << weightBits.getValue();
    } else if (weightBits != 8 && weightBits != 4 && weightBits != 2) {
      return emitError(module.getLoc())
             << "quantize: weight-bits must be 8, 4 or 2, got "
             << weightBits.getValue();
    }
    if (activationBits != 8 && activationBits != 16)
      return emitError(module.getLoc())
             << "quantize: activation-bits must be 8 or 16, got "
             << activationBits.getValue();
    if (!(errorBudget >= 0) || std::isinf(errorBudget))
      return emitError(module.getLoc())
             << "quantize: error-budget must be a finite SQNR in dB >= 0, got "
             << errorBudget.getValue();
    if (errorBudget > 0 && data.empty() && !source.inMemory())
      return emitError(module.getLoc())
             << "quantize: error-budget needs samples to measure the error "
                "on: give data=FILE.npy";
    return success();
  }

  /// The layers to quantize, in program order, without the skipped ones
  /// (each gets a remark). Emits an error for a skip name no layer has.
  std::optional<std::vector<Layer>> findLayers(ModuleOp module) {
    SkipList skipList(skip);
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
        remark::analysis(op->getLoc(), decision("layer", op))
            << "'" + name + "': " + describeLayer(*c);
        if (skipList.skips(name)) {
          op->emitRemark() << "kept in float: '" << name
                           << "' is in the skip list";
          QNNDialect::LayerAttrHelper(op->getContext())
              .setAttr(op, StringAttr::get(op->getContext(), name));
          continue;
        }
        layers.push_back({op, name, false, std::nullopt});
      }
    }
    if (failed(skipList.verifyAllFound(module.getLoc(), "quantize")))
      return std::nullopt;
    return layers;
  }

  SampleSource source;
};
} // namespace

std::unique_ptr<Pass> mlir::qnn::createQuantizePass(QuantizePassOptions options,
                                                    SampleSource samples) {
  return std::make_unique<QuantizePass>(std::move(options), std::move(samples));
}
