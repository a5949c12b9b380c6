//===- Prune.cpp - Post-training pruning ----------------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// --prune: finds the layers (float contractions, FloatContraction.h, and
// integer qnn.matmul / qnn.conv2d on uniform constant weights), scores their
// weights (by magnitude, or by magnitude times the input's RMS measured on
// samples), chooses what to remove (PruneSchemes.h) and writes the pruned
// weights back, marked with qnn.pruned and the pattern.
//
//===----------------------------------------------------------------------===//

#include "qnn/Pruning/Passes.h"

#include "PruneRemarks.h"

#include "qnn/Conversion/TosaInput/TosaInput.h"
#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"
#include "qnn/Layers/FloatContraction.h"
#include "qnn/Pruning/PruneSchemes.h"
#include "qnn/Pruning/RemoveChannels.h"
#include "qnn/Samples/SampleRunner.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Remarks.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

namespace mlir::qnn {
#define GEN_PASS_DEF_PRUNEPASS
#include "qnn/Pruning/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
/// A layer --prune prunes: a float contraction or an integer qnn.matmul /
/// qnn.conv2d, its weights in qnn's layout as real values.
struct Layer {
  Operation *op;
  std::string name;
  /// Float layers: the match, whose weight operand is rewritten.
  std::optional<FloatContraction> floatLayer;
  /// Integer layers: the uniform weights and their parameters.
  ConstantOp quantizedWeights;
  std::optional<QuantParams> params;
  /// The weights' shape in qnn's layout (K x N, batch x K x N, HWCF).
  SmallVector<int64_t> shape;
  prune::WeightView view;
  /// Real values, row-major.
  std::vector<double> weights;
  /// The number of groups (1 for a plain layer): a convolution with groups
  /// reads input channel group * (C / groups) + row % (C / groups).
  int64_t groups = 1;
  /// The float tensor feeding the layer (criterion=activation), and the
  /// RMS of each of its channels over the samples.
  Value input;
  std::vector<double> inputRms;

  /// The input channel weight `element` multiplies.
  int64_t inputChannel(int64_t element) const {
    int64_t row = element / view.cols, col = element % view.cols;
    int64_t perGroup = view.cols / groups;
    return col / perGroup * view.innerRows + row % view.innerRows;
  }
};
} // namespace

/// `pattern` on a weight of `rank` dimensions in qnn's layout, K innermost
/// at rank - 2 and output channels at rank - 1.
static SparsityPatternAttrInterface
patternAttr(MLIRContext *ctx, const prune::Pattern &pattern, int64_t rank) {
  switch (pattern.kind) {
  case prune::Pattern::Kind::Unstructured:
    return UnstructuredAttr::get(ctx);
  case prune::Pattern::Kind::NOfM:
    return NOfMAttr::get(ctx, pattern.n, pattern.m, rank - 2);
  case prune::Pattern::Kind::Block: {
    SmallVector<int64_t> shape(rank, 1);
    shape[rank - 2] = pattern.blockK;
    shape[rank - 1] = pattern.blockN;
    return BlockAttr::get(ctx, shape);
  }
  case prune::Pattern::Kind::Channel:
    return ChannelAttr::get(ctx, rank - 1);
  }
  llvm_unreachable("unknown pattern kind");
}

/// A layer that mixes its input's channels into each output (so an input
/// channel's removal does not show as a missing output channel).
static bool mixesChannels(Operation *op) {
  if (auto conv = dyn_cast<Conv2DOp>(op))
    return conv.getGroups() == 1;
  return isa<MatmulOp, linalg::MatmulOp, linalg::BatchMatmulOp,
             linalg::Conv2DNhwcHwcfOp, linalg::Conv2DNhwcFhwcOp,
             linalg::Conv2DNchwFchwOp>(op);
}

/// True when the channels of `value` reach a function result without
/// passing through a layer that mixes channels (elementwise ops, reshapes,
/// pooling, depthwise convolutions, ...): removing one is visible in the
/// results.
static bool feedsResults(Value value) {
  SmallVector<Value> work{value};
  llvm::DenseSet<Value> seen;
  while (!work.empty()) {
    Value v = work.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    for (Operation *user : v.getUsers()) {
      if (isa<func::ReturnOp>(user))
        return true;
      // A size query carries no channel's values.
      if (!mixesChannels(user) && !isa<tensor::DimOp>(user))
        llvm::append_range(work, user->getResults());
    }
  }
  return false;
}

static prune::WeightView viewOf(ArrayRef<int64_t> shape) {
  prune::WeightView v;
  v.cols = shape.back();
  v.innerRows = shape.size() >= 2 ? shape[shape.size() - 2] : 1;
  int64_t total = 1;
  for (int64_t d : shape)
    total *= d;
  v.rows = v.cols == 0 ? 0 : total / v.cols;
  return v;
}

namespace {
struct PrunePass final : TosaInputPass<PrunePass, qnn::impl::PrunePassBase> {
  using TosaInputPass::TosaInputPass;

  /// criterion=activation on samples in memory (createPrunePass).
  PrunePass(PrunePassOptions options, SampleSource samples)
      : TosaInputPass(std::move(options)), source(std::move(samples)) {}

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<prune::Pattern> parsed = checkOptions(module);
    if (!parsed)
      return signalPassFailure();
    if (failed(convertInput(module)))
      return signalPassFailure();
    std::optional<std::vector<Layer>> found = findLayers(module, *parsed);
    if (!found)
      return signalPassFailure();
    std::vector<Layer> &layers = *found;
    if (criterion == prune::Criterion::Activation &&
        failed(measureInputs(module, layers)))
      return signalPassFailure();

    std::vector<std::vector<bool>> kept = choose(*parsed, layers);
    int64_t removed = 0, total = 0;
    for (auto [layer, keep] : llvm::zip(layers, kept)) {
      int64_t zeros = llvm::count(keep, false);
      removed += zeros;
      total += keep.size();
      SparsityPatternAttrInterface attr =
          patternAttr(&getContext(), *parsed, layer.shape.size());
      if (layer.floatLayer)
        rewriteFloat(layer, keep, attr);
      else
        rewriteQuantized(layer, keep, attr);
      if (!keep.empty() && zeros == static_cast<int64_t>(keep.size()))
        layer.op->emitWarning()
            << "prune: every weight of '" << layer.name
            << "' was removed (its output is the bias alone); a global "
               "ranking can empty a layer whose weights are all small: "
               "lower sparsity=, skip= it or use scope=layer";
      remark::passed(layer.op->getLoc(), prune::decision("pruned", layer.op))
          << llvm::formatv("'{0}': {1}, {2} of {3} weights removed (density "
                           "{4:F3})",
                           layer.name, parsed->str(), zeros, keep.size(),
                           keep.empty() ? 1.0
                                        : 1.0 - double(zeros) / keep.size())
                 .str();
    }
    remark::analysis(module.getLoc(), prune::decision("summary", module))
        << llvm::formatv("prune: {0} of {1} weights removed in {2} layers",
                         removed, total, layers.size())
               .str();
    if (parsed->kind == prune::Pattern::Kind::Channel && removeChannels)
      prune::removePrunedChannels(module, channelMultiple);
  }

  /// The pattern, or an error for options that contradict each other or
  /// lie outside their range.
  std::optional<prune::Pattern> checkOptions(ModuleOp module) {
    auto bad = [&](const Twine &what) -> std::optional<prune::Pattern> {
      emitError(module.getLoc(), "prune: " + what);
      return std::nullopt;
    };
    std::string error;
    std::optional<prune::Pattern> p = prune::Pattern::parse(pattern, error);
    if (!p)
      return bad(error);
    bool nm = p->kind == prune::Pattern::Kind::NOfM;
    // -1 is "not given" (a pass built from its options struct, or from a
    // printed pipeline, marks every option given).
    bool sparsityGiven = sparsity != -1.0, thresholdGiven = threshold != -1.0;
    if (nm && sparsityGiven)
      return bad("sparsity= does not apply to an N:M pattern, which keeps N "
                 "of every M weights");
    if (nm && thresholdGiven)
      return bad("threshold= does not apply to an N:M pattern, which keeps N "
                 "of every M weights");
    if (sparsityGiven && thresholdGiven)
      return bad("give sparsity= or threshold=, not both");
    if (sparsityGiven && !(sparsity >= 0.0 && sparsity < 1.0))
      return bad(llvm::formatv("sparsity must be in [0, 1), got {0}",
                               sparsity.getValue()));
    if (thresholdGiven && (!(threshold >= 0.0) || std::isinf(threshold)))
      return bad(llvm::formatv("threshold must be a finite score >= 0, got {0}",
                               threshold.getValue()));
    if (channelMultiple < 1)
      return bad(llvm::formatv("channel-multiple must be at least 1, got {0}",
                               channelMultiple.getValue()));
    if (criterion == prune::Criterion::Activation && data.empty() &&
        !source.inMemory())
      return bad("criterion=activation measures the inputs on samples: give "
                 "data=FILE.npy");
    if (criterion == prune::Criterion::Magnitude && !data.empty())
      return bad("data= is for criterion=activation; magnitude pruning reads "
                 "only the weights");
    if (criterion == prune::Criterion::Magnitude && source.inMemory())
      return bad("samples in memory are for criterion=activation; magnitude "
                 "pruning reads only the weights");
    if (!data.empty() && source.inMemory())
      return bad("samples given in memory and as data= files; give one of "
                 "the two");
    return p;
  }

  /// The layers to prune, in program order. Layers skipped, already pruned,
  /// or that the pattern cannot tile stay dense with a remark; a skip name
  /// that no layer has is an error.
  std::optional<std::vector<Layer>> findLayers(ModuleOp module,
                                               const prune::Pattern &p) {
    SkipList skipList(skip);
    std::vector<Layer> layers;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      TensorNamer namer(func);
      func.walk([&](Operation *op) {
        std::optional<Layer> layer = matchLayer(op);
        if (!layer)
          return;
        layer->name = layerName(op, namer);
        if (skipList.skips(layer->name)) {
          op->emitRemark() << "left dense: '" << layer->name
                           << "' is in the skip list";
          return;
        }
        if (p.kind == prune::Pattern::Kind::Channel &&
            feedsResults(op->getResult(0))) {
          op->emitRemark() << "left dense: the output channels of '"
                           << layer->name
                           << "' are the function's results; pruning one "
                              "would remove an output";
          return;
        }
        std::string why = prune::whyNotTileable(p, layer->view);
        if (!why.empty()) {
          op->emitRemark() << "left dense: '" << layer->name << "': " << why;
          return;
        }
        layers.push_back(std::move(*layer));
      });
    }
    if (failed(skipList.verifyAllFound(module.getLoc(), "prune")))
      return std::nullopt;
    return layers;
  }

  /// A float contraction or an integer layer on uniform constant weights;
  /// other matmuls and convolutions get a remark saying why not.
  static std::optional<Layer> matchLayer(Operation *op) {
    Layer layer;
    layer.op = op;
    auto keep = [&](const Twine &why) -> std::optional<Layer> {
      op->emitRemark("left dense: " + why);
      return std::nullopt;
    };
    if (isa<linalg::LinalgOp>(op)) {
      std::string whyNot;
      std::optional<FloatContraction> c = matchFloatContraction(op, whyNot);
      if (!whyNot.empty())
        return keep(whyNot);
      if (!c)
        return std::nullopt;
      if (c->pattern)
        return keep("the weights are already pruned");
      layer.shape = llvm::to_vector(c->weights.getType().getShape());
      layer.groups = c->groups;
      layer.input = c->input;
      if (c->weights.isSplat())
        layer.weights.assign(
            c->weights.getNumElements(),
            c->weights.getSplatValue<APFloat>().convertToDouble());
      else
        for (const APFloat &w : c->weights.getValues<APFloat>())
          layer.weights.push_back(w.convertToDouble());
      layer.floatLayer = std::move(c);
    } else if (isa<MatmulOp, Conv2DOp>(op)) {
      Value weights = op->getOperand(1);
      if (weights.getDefiningOp<PrunedOp>())
        return keep("the weights are already pruned");
      if (weights.getDefiningOp<CodebookLookupOp>())
        return keep("codebook weights cannot be pruned after quantization "
                    "(prune first: --prune --quantize keeps a zero centroid)");
      auto constant = weights.getDefiningOp<ConstantOp>();
      if (!constant)
        return keep("the weights are not a constant");
      auto type = cast<RankedTensorType>(weights.getType());
      layer.params = QuantParams::get(type);
      if (!layer.params || !type.hasStaticShape())
        return keep("the weights have no static uniform quantized type");
      layer.quantizedWeights = constant;
      layer.shape = llvm::to_vector(type.getShape());
      if (auto conv = dyn_cast<Conv2DOp>(op))
        layer.groups = conv.getGroups();
      if (auto quantize = op->getOperand(0).getDefiningOp<QuantizeOp>())
        layer.input = quantize.getInput();
      int64_t i = 0;
      for (int64_t q : constant.getStoredValues()) {
        int64_t c = layer.params->isPerAxis()
                        ? channelOf(i++, layer.shape, *layer.params->axis)
                        : 0;
        layer.weights.push_back(layer.params->scale(c) *
                                double(q - layer.params->zeroPoint(c)));
      }
    } else {
      return std::nullopt;
    }
    layer.view = viewOf(layer.shape);
    return layer;
  }

  /// Runs the entry on the samples and records the RMS of each input
  /// channel of every layer.
  LogicalResult measureInputs(ModuleOp module, std::vector<Layer> &layers) {
    auto func = module.lookupSymbol<func::FuncOp>(entry);
    if (!func || func.isExternal())
      return emitError(module.getLoc())
             << "prune: no function '" << entry.getValue()
             << "' with a body to run the samples on (set entry=)";
    SmallVector<Value> observed;
    std::vector<std::string> names;
    for (const Layer &layer : layers) {
      if (layer.op->getParentOfType<func::FuncOp>() != func)
        return layer.op->emitError()
               << "prune: criterion=activation measures layers of the entry '"
               << entry.getValue() << "' only; '" << layer.name
               << "' is outside it (skip= it)";
      if (!layer.input ||
          !cast<ShapedType>(layer.input.getType()).getElementType().isF32())
        return layer.op->emitError()
               << "prune: criterion=activation needs the float input of '"
               << layer.name
               << "', which quantization has removed: prune before "
                  "--quantize";
      observed.push_back(layer.input);
      names.push_back(layer.name + " input");
    }
    std::optional<Samples> loaded;
    const Samples *samples = source.get(func, data, "prune", loaded);
    if (!samples)
      return failure();
    std::unique_ptr<CompiledModel> model =
        compileObserving(module, func, observed, "prune");
    if (!model)
      return failure();
    std::vector<std::vector<double>> sums(layers.size());
    std::vector<int64_t> counts(layers.size(), 0);
    // The input's channels, as the weights count them (its own size may be
    // dynamic).
    for (auto [layer, sum] : llvm::zip(layers, sums))
      sum.assign(layer.groups * layer.view.innerRows, 0.0);
    if (failed(runSamples(
            *model, *samples,
            [&](size_t i, const float *values, int64_t count) {
              std::vector<double> &sum = sums[i];
              for (int64_t e = 0; e < count; ++e)
                sum[e % sum.size()] += double(values[e]) * values[e];
              counts[i] += count / static_cast<int64_t>(sum.size());
            },
            func.getNumResults(), names, func, "prune")))
      return failure();
    for (auto [layer, sum, count] : llvm::zip(layers, sums, counts))
      for (double s : sum)
        layer.inputRms.push_back(count ? std::sqrt(s / double(count)) : 0.0);
    return success();
  }

  /// One ranking across layers: the default, except for channels, whose
  /// norms do not compare across layers of different roles (a depthwise
  /// filter's 9 weights against a dense layer's hundreds).
  bool isGlobal(const prune::Pattern &p) const {
    if (scope != prune::Scope::Auto)
      return scope == prune::Scope::Global;
    return p.kind != prune::Pattern::Kind::Channel;
  }

  /// Kept per weight of every layer.
  std::vector<std::vector<bool>> choose(const prune::Pattern &p,
                                        const std::vector<Layer> &layers) {
    std::vector<std::vector<double>> importance;
    for (const Layer &layer : layers) {
      std::vector<double> &score = importance.emplace_back();
      for (auto [i, w] : llvm::enumerate(layer.weights))
        score.push_back(std::fabs(w) *
                        (layer.inputRms.empty()
                             ? 1.0
                             : layer.inputRms[layer.inputChannel(i)]));
    }
    std::vector<std::vector<bool>> kept;
    if (p.kind == prune::Pattern::Kind::NOfM) {
      for (auto [layer, score] : llvm::zip(layers, importance))
        kept.push_back(prune::keepNOfM({p, layer.view}, score));
      return kept;
    }
    std::vector<std::vector<double>> scores;
    for (auto [layer, score] : llvm::zip(layers, importance))
      scores.push_back(prune::groupScores({p, layer.view}, score));
    prune::Selection selection;
    if (threshold != -1.0)
      selection.threshold = threshold.getValue();
    else
      selection.sparsity = sparsity == -1.0 ? 0.5 : sparsity.getValue();
    std::vector<std::vector<bool>> removed =
        prune::selectRemoved(scores, selection, isGlobal(p));
    for (auto [layer, r] : llvm::zip(layers, removed))
      kept.push_back(prune::keptElements({p, layer.view}, r));
    return kept;
  }

  /// Replaces a float layer's weight operand by the pruned constant, in the
  /// operand's own layout, through qnn.pruned; weights broadcast over a
  /// batch are replaced before the broadcast, in qnn's K x N layout.
  static void rewriteFloat(Layer &layer, const std::vector<bool> &keep,
                           SparsityPatternAttrInterface pattern) {
    FloatContraction &c = *layer.floatLayer;
    SmallVector<APFloat> values;
    for (auto [w, k] : llvm::zip(layer.weights, keep))
      values.push_back(APFloat(k ? static_cast<float>(w) : 0.0f));
    auto pruned = cast<DenseFPElementsAttr>(
        DenseElementsAttr::get(c.weights.getType(), values));
    OpOperand &operand = *c.op.getDpsInputOperand(1);
    Location loc = c.op->getLoc();
    if (c.broadcastWeights) {
      auto broadcast = operand.get().getDefiningOp<linalg::LinalgOp>();
      OpOperand &input = *broadcast.getDpsInputOperand(0);
      Operation *old = input.get().getDefiningOp();
      OpBuilder b(broadcast);
      Value constant = arith::ConstantOp::create(b, loc, pruned);
      input.set(
          PrunedOp::create(b, loc, constant.getType(), constant, pattern));
      if (old && old->use_empty())
        old->erase();
      return;
    }
    Operation *old = operand.get().getDefiningOp();
    OpBuilder b(c.op);
    Value constant =
        arith::ConstantOp::create(b, loc, toOperandLayout(c, pruned));
    operand.set(PrunedOp::create(b, loc, constant.getType(), constant,
                                 toOperandLayout(c, pattern)));
    if (old && old->use_empty())
      old->erase();
  }

  /// Replaces an integer layer's weights by a qnn.constant with each pruned
  /// weight at its zero point (the real zero), through qnn.pruned.
  static void rewriteQuantized(Layer &layer, const std::vector<bool> &keep,
                               SparsityPatternAttrInterface pattern) {
    ConstantOp old = layer.quantizedWeights;
    auto type = cast<RankedTensorType>(old.getType());
    const QuantParams &params = *layer.params;
    auto storage = IntegerType::get(old.getContext(), params.storageBits);
    SmallVector<APInt> values;
    for (auto [i, q] : llvm::enumerate(old.getStoredValues())) {
      int64_t c =
          params.isPerAxis() ? channelOf(i, layer.shape, *params.axis) : 0;
      values.push_back(APInt(params.storageBits,
                             keep[i] ? q : params.zeroPoint(c),
                             /*isSigned=*/params.isSigned,
                             /*implicitTrunc=*/true));
    }
    OpBuilder b(layer.op);
    Location loc = old.getLoc();
    Value constant = createQuantizedConstant(
        b, loc, type,
        DenseIntElementsAttr::get(
            RankedTensorType::get(type.getShape(), storage), values));
    layer.op->setOperand(1, PrunedOp::create(b, loc, type, constant, pattern));
    if (old->use_empty())
      old->erase();
  }

  SampleSource source;
};
} // namespace

std::unique_ptr<Pass> mlir::qnn::createPrunePass(PrunePassOptions options,
                                                 SampleSource samples) {
  return std::make_unique<PrunePass>(std::move(options), std::move(samples));
}
