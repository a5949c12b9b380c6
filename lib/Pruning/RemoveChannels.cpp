//===- RemoveChannels.cpp - Remove pruned output channels -----------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// For each channel-pruned float layer (the source) the pass first plans: it
// follows the source's result through the ops that treat channels one by
// one, computing the constant each removed channel holds after each of them,
// up to the layers that mix channels (the sinks). Only when every use on
// the way is understood does it rewrite: the source's weights and
// accumulator start lose the channels, every tensor on the way shrinks, and
// each sink loses the matching input rows and gains constant x rows in its
// accumulator start (its bias).
//
//===----------------------------------------------------------------------===//

#include "qnn/Pruning/RemoveChannels.h"

#include "PruneRemarks.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"
#include "qnn/Layers/FloatContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::qnn;

namespace {
/// A tensor on the way from the source to the sinks: its last dimension is
/// `copies` runs of the source's C channels (more than one after a flatten
/// of pixels and channels; dynamic when the flatten takes in the batch),
/// and each removed channel holds one constant.
struct ChannelValues {
  int64_t copies = 1;
  /// Per removed channel, in the order of Plan::removed.
  SmallVector<double> constants;
};

/// A layer that reads the removed channels and mixes them into its outputs.
struct Sink {
  FloatContraction layer;
  ChannelValues in;
};

struct Plan {
  FloatContraction source;
  int64_t channels = 0;
  SmallVector<int64_t> removed;
  llvm::DenseSet<int64_t> removedSet;
  /// Ops between the source and the sinks, in the order they were reached,
  /// with the state of their result.
  std::vector<std::pair<Operation *, ChannelValues>> chain;
  std::vector<Sink> sinks;

  bool keeps(int64_t index) const {
    return !removedSet.contains(index % channels);
  }
};
} // namespace

/// `attr` with only the indices along `dim` that `keep` accepts.
static DenseFPElementsAttr keepAlong(DenseFPElementsAttr attr, int64_t dim,
                                     function_ref<bool(int64_t)> keep) {
  auto type = attr.getType();
  ArrayRef<int64_t> shape = type.getShape();
  SmallVector<int64_t> newShape(shape);
  newShape[dim] = llvm::count_if(llvm::seq<int64_t>(0, shape[dim]), keep);
  int64_t inner = 1;
  for (int64_t d = dim + 1; d < type.getRank(); ++d)
    inner *= shape[d];
  SmallVector<APFloat> values;
  for (auto [i, v] : llvm::enumerate(attr.getValues<APFloat>()))
    if (keep(static_cast<int64_t>(i) / inner % shape[dim]))
      values.push_back(v);
  return cast<DenseFPElementsAttr>(
      DenseElementsAttr::get(type.clone(newShape), values));
}

/// `type` with `dim` (default: the last) shrunk by `removed` per run of
/// channels; a dynamic size stays dynamic.
static RankedTensorType shrinkDim(Type type, int64_t copies, int64_t removed,
                                  int64_t dim = -1) {
  auto ranked = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape(ranked.getShape());
  int64_t &size = shape[dim < 0 ? shape.size() - 1 : dim];
  if (!ShapedType::isDynamic(size))
    size -= copies * removed;
  return ranked.clone(shape);
}

/// The float constant `value` holds, seen through qnn.pruned.
static DenseFPElementsAttr constantOf(Value value) {
  if (auto pruned = value.getDefiningOp<PrunedOp>())
    value = pruned.getInput();
  DenseFPElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return nullptr;
  return attr;
}

/// `values` as a new constant where `old` (a constant, possibly behind
/// qnn.pruned, whose mark is kept) was.
static Value replaceConstant(OpBuilder &b, Value old,
                             DenseFPElementsAttr values) {
  Location loc = old.getLoc();
  Value constant = arith::ConstantOp::create(b, loc, values);
  if (auto pruned = old.getDefiningOp<PrunedOp>())
    return PrunedOp::create(b, loc, constant.getType(), constant,
                            pruned.getPattern());
  return constant;
}

/// The scalar float constant `value` is, if it is one.
static std::optional<double> scalarConstant(Value value) {
  FloatAttr attr;
  if (value && matchPattern(value, m_Constant(&attr)))
    return attr.getValueAsDouble();
  return std::nullopt;
}

/// A linalg.generic that only copies its one input, a per-channel constant,
/// into every pixel (tosa-to-linalg's bias broadcast).
static linalg::GenericOp copyBroadcast(Value init) {
  auto generic = init.getDefiningOp<linalg::GenericOp>();
  if (!generic || generic.getNumDpsInputs() != 1 ||
      generic.getNumReductionLoops() != 0 ||
      !generic.getDpsInits()[0].getDefiningOp<tensor::EmptyOp>())
    return nullptr;
  Block &body = generic.getRegion().front();
  if (body.getOperations().size() != 1 ||
      body.getTerminator()->getOperand(0) != body.getArgument(0))
    return nullptr;
  OpOperand *input = generic.getDpsInputOperand(0);
  if (!channelConstant(input->get(), generic.getMatchingIndexingMap(input)))
    return nullptr;
  return generic;
}

/// The per-channel start of an accumulator: the fill's scalar, or the
/// broadcast bias; nullopt for other forms.
static std::optional<SmallVector<double>> initValues(Value init,
                                                     int64_t channels) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    if (std::optional<double> s = scalarConstant(fill.getInputs()[0]))
      return SmallVector<double>(channels, *s);
  DenseFPElementsAttr bias;
  if (auto broadcast = init.getDefiningOp<linalg::BroadcastOp>()) {
    auto rank = cast<RankedTensorType>(init.getType()).getRank();
    if (broadcast.getDimensions() ==
        ArrayRef<int64_t>(llvm::to_vector(llvm::seq<int64_t>(0, rank - 1))))
      bias = constantOf(broadcast.getInput());
    if (bias && bias.getType().getRank() != 1)
      bias = nullptr;
  } else if (linalg::GenericOp generic = copyBroadcast(init)) {
    OpOperand *input = generic.getDpsInputOperand(0);
    bias = channelConstant(input->get(), generic.getMatchingIndexingMap(input));
  }
  if (!bias || bias.getNumElements() != channels)
    return std::nullopt;
  SmallVector<double> values;
  for (const APFloat &v : bias.getValues<APFloat>())
    values.push_back(v.convertToDouble());
  return values;
}

/// `init` rebuilt with the kept channels (last dimension) only: a
/// tensor.empty, a fill of one, or a broadcast of a constant into one.
static Value shrinkInit(OpBuilder &b, Value init, const Plan &plan,
                        RankedTensorType type) {
  Location loc = init.getLoc();
  auto emptyLike = [&](Value old) -> Value {
    auto empty = old.getDefiningOp<tensor::EmptyOp>();
    return tensor::EmptyOp::create(b, loc, type.getShape(),
                                   type.getElementType(),
                                   empty.getDynamicSizes());
  };
  if (init.getDefiningOp<tensor::EmptyOp>())
    return emptyLike(init);
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    Value empty = emptyLike(fill.getOutputs()[0]);
    return linalg::FillOp::create(b, loc, fill.getInputs()[0], empty)
        .getResult(0);
  }
  if (linalg::GenericOp generic = copyBroadcast(init)) {
    OpOperand *input = generic.getDpsInputOperand(0);
    DenseFPElementsAttr full = constantOf(input->get());
    Value bias =
        replaceConstant(b, input->get(),
                        keepAlong(full, full.getType().getRank() - 1,
                                  [&](int64_t i) { return plan.keeps(i); }));
    Value empty = emptyLike(generic.getDpsInits()[0]);
    auto copy = cast<linalg::GenericOp>(b.clone(*generic));
    copy.getDpsInputOperand(0)->set(bias);
    copy.getDpsInitOperand(0)->set(empty);
    copy->getResult(0).setType(type);
    return copy->getResult(0);
  }
  auto broadcast = init.getDefiningOp<linalg::BroadcastOp>();
  DenseFPElementsAttr bias = constantOf(broadcast.getInput());
  Value input = replaceConstant(
      b, broadcast.getInput(),
      keepAlong(bias, 0, [&](int64_t i) { return plan.keeps(i); }));
  Value empty = emptyLike(broadcast.getInit());
  return linalg::BroadcastOp::create(b, loc, input, empty,
                                     broadcast.getDimensions())
      ->getResult(0);
}

/// Whether shrinkInit can rebuild `init`.
static bool canShrinkInit(Value init) {
  auto emptyOf = [](Value v) { return v.getDefiningOp<tensor::EmptyOp>(); };
  if (emptyOf(init))
    return true;
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    return emptyOf(fill.getOutputs()[0]) != nullptr;
  if (auto broadcast = init.getDefiningOp<linalg::BroadcastOp>())
    return emptyOf(broadcast.getInit()) &&
           initValues(init, cast<ShapedType>(init.getType()).getShape().back())
               .has_value();
  return copyBroadcast(init) != nullptr;
}

/// What an elementwise generic's body yields for one channel, its inputs
/// given as constants: its ops folded one by one.
static std::optional<double> evaluateBody(linalg::GenericOp generic,
                                          ArrayRef<Attribute> inputs) {
  Block &body = generic.getRegion().front();
  DenseMap<Value, Attribute> known;
  for (auto [arg, attr] : llvm::zip(body.getArguments(), inputs))
    known[arg] = attr;
  auto lookup = [&](Value v) -> Attribute {
    if (Attribute a = known.lookup(v))
      return a;
    Attribute constant;
    if (matchPattern(v, m_Constant(&constant)))
      return constant;
    return nullptr;
  };
  for (Operation &op : body.without_terminator()) {
    SmallVector<Attribute> operands;
    for (Value v : op.getOperands()) {
      Attribute a = lookup(v);
      if (!a)
        return std::nullopt;
      operands.push_back(a);
    }
    SmallVector<OpFoldResult> results;
    if (op.getNumResults() != 1 || failed(op.fold(operands, results)) ||
        results.size() != 1)
      return std::nullopt;
    Attribute result = dyn_cast<Attribute>(results[0]);
    if (!result)
      result = lookup(cast<Value>(results[0]));
    if (!result)
      return std::nullopt;
    known[op.getResult(0)] = result;
  }
  auto yielded =
      dyn_cast_or_null<FloatAttr>(lookup(body.getTerminator()->getOperand(0)));
  if (!yielded)
    return std::nullopt;
  return yielded.getValueAsDouble();
}

namespace {
/// Follows one source's channels; `why` is set when they cannot go.
class Planner {
public:
  explicit Planner(Plan &plan) : plan(plan) {}

  /// Plans from the source's result; false with `why` set otherwise.
  bool run(Value result, ChannelValues start) {
    SmallVector<std::pair<Value, ChannelValues>> work{{result, start}};
    while (!work.empty()) {
      auto [value, state] = work.pop_back_val();
      for (OpOperand &use : value.getUses()) {
        Operation *user = use.getOwner();
        if (isa<tensor::DimOp>(user))
          continue;
        if (!visited.insert(user).second)
          return fail(user, "reads the channels twice");
        std::optional<ChannelValues> next = step(use, state);
        if (!next)
          return false;
        if (next->constants.empty())
          continue; // a sink
        plan.chain.emplace_back(user, *next);
        work.emplace_back(user->getResult(0), *next);
      }
    }
    return true;
  }

  std::string why;

private:
  bool fail(Operation *op, const Twine &reason) {
    why = (op->getName().getStringRef() + " " + reason).str();
    return false;
  }

  /// The state after `use`'s owner; a sink returns empty constants; nullopt
  /// (with `why`) stops the plan.
  std::optional<ChannelValues> step(OpOperand &use, const ChannelValues &in) {
    Operation *op = use.getOwner();
    auto stop = [&](const Twine &reason) -> std::optional<ChannelValues> {
      fail(op, reason);
      return std::nullopt;
    };
    ChannelValues out = in;
    // Only reshapes may see the channels run together with a dynamic
    // dimension: other ops' sizes could not follow them.
    if (ShapedType::isDynamic(in.copies) &&
        !isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(op))
      return stop("reads the channels flattened with a dynamic dimension");
    if (auto generic = dyn_cast<linalg::GenericOp>(op)) {
      if (generic.getNumResults() != 1 || generic.getNumReductionLoops() != 0)
        return stop("is not elementwise");
      if (!generic.isDpsInput(&use) ||
          !generic.getMatchingIndexingMap(&use).isIdentity() ||
          !generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
               .isIdentity())
        return stop("reads or writes the channels through a non-identity "
                    "map");
      for (Type t : generic->getOperandTypes())
        if (!isa<FloatType>(getElementTypeOrSelf(t)))
          return stop("is not on floats");
      Value init = generic.getDpsInits()[0];
      if (!canShrinkInit(init) ||
          !generic.getRegion().front().getArguments().back().use_empty())
        return stop("reads its output");
      // The other inputs must be per-channel constants (a bias) or scalars.
      SmallVector<DenseFPElementsAttr> perChannel;
      for (OpOperand *input : generic.getDpsInputOperands()) {
        if (input == &use) {
          perChannel.emplace_back();
          continue;
        }
        DenseFPElementsAttr values = channelConstant(
            input->get(), generic.getMatchingIndexingMap(input));
        if (!values || in.copies != 1 ||
            values.getNumElements() != plan.channels)
          return stop("combines the channels with a tensor that is not a "
                      "per-channel constant");
        perChannel.push_back(values);
      }
      Block &body = generic.getRegion().front();
      for (auto [r, channel] : llvm::enumerate(plan.removed)) {
        SmallVector<Attribute> inputs;
        for (auto [values, arg] : llvm::zip(perChannel, body.getArguments())) {
          double v =
              values ? values.getValues<APFloat>()[channel].convertToDouble()
                     : in.constants[r];
          inputs.push_back(FloatAttr::get(arg.getType(), v));
        }
        std::optional<double> v = evaluateBody(generic, inputs);
        if (!v)
          return stop("has a body that does not fold to a constant");
        out.constants[r] = *v;
      }
      return out;
    }
    if (auto stats = dyn_cast<StatsOp>(op)) {
      // A recorded range stays true of what is left; per-channel ranges
      // lose the removed channels' entries.
      std::optional<uint64_t> axis = stats.getAxis();
      if (axis &&
          static_cast<int64_t>(*axis) ==
              stats.getInput().getType().getRank() - 1 &&
          in.copies != 1)
        return stop("records ranges per flattened channel");
      return out;
    }
    if (auto pad = dyn_cast<tensor::PadOp>(op)) {
      std::optional<double> padValue =
          scalarConstant(pad.getConstantPaddingValue());
      int64_t last = pad.getSourceType().getRank() - 1;
      if (!padValue || pad.getStaticLow()[last] != 0 ||
          pad.getStaticHigh()[last] != 0)
        return stop("pads the channel dimension or with a non-constant");
      for (double v : in.constants)
        if (v != *padValue)
          return stop("pads with a value other than a removed channel's "
                      "constant, so the channel would not stay constant");
      return out;
    }
    if (isa<linalg::PoolingNhwcMaxOp, linalg::PoolingNhwcSumOp>(op)) {
      auto pool = cast<linalg::LinalgOp>(op);
      if (pool.getDpsInputOperand(0) != &use)
        return stop("reads the channels as its window");
      std::optional<SmallVector<double>> start =
          initValues(pool.getDpsInits()[0], 1);
      if (!start || !canShrinkInit(pool.getDpsInits()[0]))
        return stop("starts from something other than a filled value");
      auto window = cast<ShapedType>(pool.getDpsInputs()[1].getType());
      for (double &v : out.constants)
        v = isa<linalg::PoolingNhwcMaxOp>(op)
                ? std::max((*start)[0], v)
                : (*start)[0] + v * double(window.getNumElements());
      return out;
    }
    if (auto dw = dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(op)) {
      DenseFPElementsAttr filter = constantOf(dw.getDpsInputs()[1]);
      if (dw.getDpsInputOperand(0) != &use || !filter || in.copies != 1)
        return stop("has a filter that is not a constant");
      std::optional<SmallVector<double>> start =
          initValues(dw.getDpsInits()[0], plan.channels);
      if (!start || !canShrinkInit(dw.getDpsInits()[0]))
        return stop("starts from neither a filled value nor a bias");
      ChannelValues next = depthwiseConstants(filter, 0.0, in);
      for (auto [r, channel] : llvm::enumerate(plan.removed))
        next.constants[r] += (*start)[channel];
      return next;
    }
    if (auto dwm = dyn_cast<linalg::DepthwiseConv2DNhwcHwcmOp>(op)) {
      // tosa-to-linalg's form: a unit multiplier, dropped by the
      // collapse_shape that follows (the next step).
      DenseFPElementsAttr filter = constantOf(dwm.getDpsInputs()[1]);
      auto users = dwm->getUsers();
      if (dwm.getDpsInputOperand(0) != &use || !filter || in.copies != 1 ||
          filter.getType().getShape().back() != 1 ||
          !llvm::hasSingleElement(users) ||
          !isa<tensor::CollapseShapeOp>(*users.begin()))
        return stop("has a channel multiplier or a filter that is not a "
                    "constant");
      auto collapse = cast<tensor::CollapseShapeOp>(*users.begin());
      SmallVector<ReassociationIndices> groups =
          collapse.getReassociationIndices();
      if (groups.size() != 4 || groups.back() != ReassociationIndices{3, 4})
        return stop("is followed by a reshape other than the one dropping "
                    "its unit multiplier");
      Value init = dwm.getDpsInits()[0];
      std::optional<SmallVector<double>> start =
          initValues(init, plan.channels);
      if (!start || !init.getDefiningOp<linalg::FillOp>() ||
          !canShrinkInit(init))
        return stop("starts from something other than a filled value");
      return depthwiseConstants(filter, (*start)[0], in);
    }
    if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op)) {
      auto type = collapse.getSrcType();
      if (isa_and_nonnull<linalg::DepthwiseConv2DNhwcHwcmOp>(
              collapse.getSrc().getDefiningOp()))
        return out; // drops the unit multiplier; the channels stay last
      SmallVector<ReassociationIndices> groups =
          collapse.getReassociationIndices();
      for (int64_t d : groups.back()) {
        if (d == type.getRank() - 1 || ShapedType::isDynamic(out.copies))
          continue;
        out.copies = type.isDynamicDim(d) ? ShapedType::kDynamic
                                          : out.copies * type.getDimSize(d);
      }
      return out;
    }
    if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op)) {
      // The channels stay innermost: a channel is its index mod C in the
      // new last dimension too, if that holds whole runs of them.
      int64_t last = expand.getResultType().getShape().back();
      if (ShapedType::isDynamic(last) || last % plan.channels != 0)
        return stop("splits the channel dimension");
      out.copies = last / plan.channels;
      return out;
    }
    std::string whyNot;
    std::optional<FloatContraction> layer = matchFloatContraction(op, whyNot);
    if (layer && layer->broadcastWeights)
      return stop("reads the channels through weights broadcast over the "
                  "batch");
    if (layer && layer->groups == 1 && op->getOperand(0) == use.get()) {
      int64_t rows = layer->weights.getType().getShape().drop_back().back();
      int64_t k = layer->weights.getNumElements() /
                  layer->weights.getType().getShape().back();
      bool matmulRows = !layer->isConv && k == in.copies * plan.channels;
      bool convRows = layer->isConv && in.copies == 1 && rows == plan.channels;
      if (!matmulRows && !convRows)
        return stop("reads the channels in a layout not handled");
      bool constantStart =
          llvm::all_of(in.constants, [](double v) { return v == 0.0; });
      if (!constantStart &&
          !initValues(layer->op.getDpsInits()[0],
                      layer->weights.getType().getShape().back()))
        return stop("starts from something other than a bias");
      plan.sinks.push_back({std::move(*layer), in});
      return ChannelValues{in.copies, {}};
    }
    if (isa<func::ReturnOp>(op))
      return stop("returns the channels");
    return stop(whyNot.empty() ? "is not handled" : whyNot);
  }

  /// A depthwise filter's ([KH, KW, C, ...]) output for constant input
  /// channels: start + constant x the sum of the channel's taps.
  ChannelValues depthwiseConstants(DenseFPElementsAttr filter, double start,
                                   const ChannelValues &in) {
    ChannelValues out = in;
    auto values = llvm::to_vector(filter.getValues<APFloat>());
    for (auto [r, channel] : llvm::enumerate(plan.removed)) {
      double taps = 0;
      for (size_t i = channel; i < values.size();
           i += static_cast<size_t>(plan.channels))
        taps += values[i].convertToDouble();
      out.constants[r] = start + in.constants[r] * taps;
    }
    return out;
  }

  Plan &plan;
  llvm::DenseSet<Operation *> visited;
};
} // namespace

/// Rewrites along `plan`: the source, the chain, the sinks.
static void apply(Plan &plan) {
  OpBuilder b(plan.source.op);
  int64_t removed = plan.removed.size();
  auto keep = [&](int64_t i) { return plan.keeps(i); };
  auto erased = [](Value old) {
    if (Operation *def = old.getDefiningOp(); def && isOpTriviallyDead(def))
      def->erase();
  };
  // A replaced weight: its qnn.pruned mark, then the constant.
  auto eraseWeights = [&](Value old) {
    Value input = old;
    if (auto pruned = old.getDefiningOp<PrunedOp>())
      input = pruned.getInput();
    erased(old);
    if (input != old)
      erased(input);
  };

  // The source: weights and start without the channels.
  FloatContraction &source = plan.source;
  linalg::LinalgOp op = source.op;
  OpOperand &weights = *op.getDpsInputOperand(1);
  DenseFPElementsAttr operandWeights = toOperandLayout(source, source.weights);
  Value oldWeights = weights.get();
  // The mark stays: channels kept as zeros may remain.
  weights.set(replaceConstant(
      b, oldWeights,
      keepAlong(operandWeights, source.weightDims.back(), keep)));
  eraseWeights(oldWeights);
  auto retype = [&](Operation *target, const ChannelValues &state) {
    Value result = target->getResult(0);
    result.setType(shrinkDim(result.getType(), state.copies, removed));
  };
  auto retypeInit = [&](linalg::LinalgOp target, const ChannelValues &state) {
    OpOperand &init = *target.getDpsInitOperand(0);
    Value old = init.get();
    b.setInsertionPoint(target);
    init.set(shrinkInit(b, old, plan,
                        shrinkDim(old.getType(), state.copies, removed)));
    erased(old);
  };
  retypeInit(op, ChannelValues{});
  retype(op, ChannelValues{});

  // The chain, in the order it was reached (each op after its input).
  for (auto &[chained, state] : plan.chain) {
    b.setInsertionPoint(chained);
    if (auto generic = dyn_cast<linalg::GenericOp>(chained)) {
      for (OpOperand *input : generic.getDpsInputOperands()) {
        DenseFPElementsAttr values = channelConstant(
            input->get(), generic.getMatchingIndexingMap(input));
        if (!values)
          continue;
        DenseFPElementsAttr full = constantOf(input->get());
        Value old = input->get();
        input->set(replaceConstant(
            b, old, keepAlong(full, full.getType().getRank() - 1, keep)));
        erased(old);
      }
      retypeInit(generic, state);
    } else if (auto dw = dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(chained)) {
      OpOperand &filter = *dw.getDpsInputOperand(1);
      Value old = filter.get();
      filter.set(replaceConstant(b, old, keepAlong(constantOf(old), 2, keep)));
      erased(old);
      retypeInit(dw, state);
    } else if (isa<linalg::PoolingNhwcMaxOp, linalg::PoolingNhwcSumOp>(
                   chained)) {
      retypeInit(cast<linalg::LinalgOp>(chained), state);
    } else if (auto stats = dyn_cast<StatsOp>(chained)) {
      std::optional<uint64_t> axis = stats.getAxis();
      if (axis && static_cast<int64_t>(*axis) ==
                      stats.getInput().getType().getRank() - 1) {
        auto kept = [&](ArrayRef<double> values) {
          SmallVector<double> out;
          for (auto [i, v] : llvm::enumerate(values))
            if (keep(static_cast<int64_t>(i)))
              out.push_back(v);
          return out;
        };
        stats.setMin(kept(stats.getMin()));
        stats.setMax(kept(stats.getMax()));
      }
    } else if (auto expand = dyn_cast<tensor::ExpandShapeOp>(chained)) {
      SmallVector<int64_t> shape(expand.getStaticOutputShape());
      shape.back() -= state.copies * removed;
      expand.setStaticOutputShape(shape);
    } else if (isa<linalg::DepthwiseConv2DNhwcHwcmOp>(chained)) {
      // Its channels are dimension 3, ahead of the unit multiplier.
      auto dwm = cast<linalg::LinalgOp>(chained);
      OpOperand &filter = *dwm.getDpsInputOperand(1);
      Value old = filter.get();
      filter.set(replaceConstant(b, old, keepAlong(constantOf(old), 2, keep)));
      erased(old);
      OpOperand &init = *dwm.getDpsInitOperand(0);
      Value oldInit = init.get();
      init.set(shrinkInit(b, oldInit, plan,
                          shrinkDim(oldInit.getType(), 1, removed, 3)));
      erased(oldInit);
      Value result = chained->getResult(0);
      result.setType(shrinkDim(result.getType(), 1, removed, 3));
      continue;
    }
    retype(chained, state);
  }

  // The sinks: their rows for the channels go, constant x rows join the
  // start.
  for (Sink &sink : plan.sinks) {
    FloatContraction &layer = sink.layer;
    linalg::LinalgOp target = layer.op;
    b.setInsertionPoint(target);
    ArrayRef<int64_t> shape = layer.weights.getType().getShape();
    int64_t n = shape.back();
    SmallVector<double> delta(n, 0.0);
    bool folds = false;
    auto values = llvm::to_vector(layer.weights.getValues<APFloat>());
    for (size_t i = 0; i < values.size(); ++i) {
      int64_t row = static_cast<int64_t>(i) / n;
      int64_t channel = row % plan.channels;
      if (!plan.removedSet.contains(channel))
        continue;
      double v = sink.in.constants[llvm::find(plan.removed, channel) -
                                   plan.removed.begin()];
      if (v != 0.0) {
        delta[i % n] += v * values[i].convertToDouble();
        folds = true;
      }
    }
    OpOperand &w = *target.getDpsInputOperand(1);
    Value oldW = w.get();
    DenseFPElementsAttr operandW = toOperandLayout(layer, layer.weights);
    int64_t rowDim = layer.weightDims[shape.size() - 2];
    w.set(replaceConstant(b, oldW, keepAlong(operandW, rowDim, keep)));
    eraseWeights(oldW);
    if (!folds)
      continue;
    OpOperand &init = *target.getDpsInitOperand(0);
    Value old = init.get();
    SmallVector<double> start = *initValues(old, n);
    SmallVector<float> bias;
    for (auto [s, d] : llvm::zip(start, delta))
      bias.push_back(static_cast<float>(s + d));
    auto type = cast<RankedTensorType>(old.getType());
    Value biasConstant = arith::ConstantOp::create(
        b, target.getLoc(),
        DenseFPElementsAttr::get(
            RankedTensorType::get({n}, type.getElementType()),
            ArrayRef<float>(bias)));
    Value empty =
        cast<DestinationStyleOpInterface>(old.getDefiningOp()).getDpsInits()[0];
    init.set(linalg::BroadcastOp::create(
                 b, target.getLoc(), biasConstant, empty,
                 llvm::to_vector(llvm::seq<int64_t>(0, type.getRank() - 1)))
                 ->getResult(0));
    erased(old);
  }
}

int64_t mlir::qnn::prune::removePrunedChannels(ModuleOp module,
                                               int64_t multiple) {
  auto findSources = [&] {
    SmallVector<Operation *> found;
    module.walk([&](linalg::LinalgOp op) {
      std::string whyNot;
      std::optional<FloatContraction> c = matchFloatContraction(op, whyNot);
      if (c && isa_and_nonnull<ChannelAttr>(c->pattern))
        found.push_back(op);
    });
    return found;
  };
  if (findSources().empty())
    return 0;
  // Sizes read from the channels (tosa-to-linalg computes a batch as
  // dim(flattened) / C) are computed from the operands' sizes instead, so
  // that they hold once C shrinks.
  RewritePatternSet patterns(module.getContext());
  memref::populateResolveRankedShapedTypeResultDimsPatterns(patterns);
  (void)applyPatternsGreedily(module, std::move(patterns));
  SmallVector<Operation *> sources = findSources();
  int64_t total = 0;
  for (Operation *op : sources) {
    TensorNamer namer(op->getParentOfType<func::FuncOp>());
    std::string name = layerName(op, namer);
    std::string whyNot;
    // Earlier removals may have changed this layer's weights: match again.
    std::optional<FloatContraction> c = matchFloatContraction(op, whyNot);
    if (!c) {
      remark::missed(op->getLoc(), prune::decision("channels", op))
          << (Twine("'") + name + "': pruned channels kept as zeros: " + whyNot)
                 .str();
      continue;
    }
    Plan plan;
    ArrayRef<int64_t> shape = c->weights.getType().getShape();
    plan.channels = shape.back();
    int64_t rows = c->weights.getNumElements() / plan.channels;
    auto values = llvm::to_vector(c->weights.getValues<APFloat>());
    for (int64_t col = 0; col < plan.channels; ++col) {
      bool zero = true;
      for (int64_t row = 0; row < rows && zero; ++row)
        zero = values[row * plan.channels + col].isZero();
      if (zero) {
        plan.removed.push_back(col);
        plan.removedSet.insert(col);
      }
    }
    int64_t zeros = 0;
    auto keptAsZeros = [&](const Twine &why) {
      remark::missed(op->getLoc(), prune::decision("channels", op))
          << ("'" + name + "': " + Twine(plan.removed.size() + zeros) +
              " pruned channels kept as zeros: " + why)
                 .str();
    };
    if (plan.removed.empty())
      continue;
    if (static_cast<int64_t>(plan.removed.size()) == plan.channels) {
      keptAsZeros("every channel is pruned");
      continue;
    }
    if (c->groups != 1 || c->result != op->getResult(0)) {
      keptAsZeros("a depthwise or grouped convolution's channels are its "
                  "input's");
      continue;
    }
    if (c->broadcastWeights) {
      keptAsZeros("the weights are broadcast over the batch");
      continue;
    }
    Value init = cast<linalg::LinalgOp>(op).getDpsInits()[0];
    std::optional<SmallVector<double>> start = initValues(init, plan.channels);
    if (!start || !canShrinkInit(init)) {
      keptAsZeros("the accumulator starts from neither a filled value nor a "
                  "bias");
      continue;
    }
    // Kernels run whole vectors of channels: a count that was a multiple of
    // `multiple` stays one, the last pruned channels kept as zeros.
    if (multiple > 1 && plan.channels % multiple == 0) {
      size_t whole = plan.removed.size() / multiple * multiple;
      zeros = static_cast<int64_t>(plan.removed.size() - whole);
      for (int64_t channel : ArrayRef<int64_t>(plan.removed).drop_front(whole))
        plan.removedSet.erase(channel);
      plan.removed.resize(whole);
    }
    if (plan.removed.empty()) {
      remark::missed(op->getLoc(), prune::decision("channels", op))
          << llvm::formatv("'{0}': {1} pruned channels kept as zeros: {2} "
                           "channels stay a multiple of {3} "
                           "(channel-multiple=)",
                           name, zeros, plan.channels, multiple)
                 .str();
      continue;
    }
    ChannelValues first;
    for (int64_t channel : plan.removed)
      first.constants.push_back((*start)[channel]);
    plan.source = std::move(*c);
    Planner planner(plan);
    if (!planner.run(op->getResult(0), first)) {
      keptAsZeros(planner.why);
      continue;
    }
    apply(plan);
    total += plan.removed.size();
    remark::passed(op->getLoc(), prune::decision("channels", op))
        << llvm::formatv("'{0}': {1} pruned channels removed ({2} -> {3}); "
                         "{4} consuming layers rewired{5}",
                         name, plan.removed.size(), plan.channels,
                         plan.channels - plan.removed.size(), plan.sinks.size(),
                         zeros ? llvm::formatv("; {0} kept as zeros to stay a "
                                               "multiple of {1}",
                                               zeros, multiple)
                                     .str()
                               : std::string())
               .str();
  }
  return total;
}
