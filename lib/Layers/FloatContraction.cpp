//===- FloatContraction.cpp - Contractions quantize rewrites --------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Layers/FloatContraction.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::qnn;

DenseFPElementsAttr mlir::qnn::channelConstant(Value value, AffineMap map) {
  DenseFPElementsAttr values;
  if (!matchPattern(value, m_Constant(&values)))
    return nullptr;
  auto type = values.getType();
  int64_t rank = type.getRank();
  if (rank == 0 || map.getNumResults() != rank ||
      map.getResult(rank - 1) !=
          getAffineDimExpr(map.getNumDims() - 1, map.getContext()))
    return nullptr;
  for (int64_t d = 0; d + 1 < rank; ++d)
    if (type.getDimSize(d) != 1)
      return nullptr;
  if (rank == 1)
    return values;
  return cast<DenseFPElementsAttr>(values.reshape(RankedTensorType::get(
      {type.getDimSize(rank - 1)}, type.getElementType())));
}

/// True when `init` is a tensor of float zeros (a linalg.fill of 0.0 or a
/// zero constant), so the op computes A * B and not C + A * B.
static bool isZeroInit(Value init) {
  if (matchPattern(init, m_AnyZeroFloat()))
    return true;
  auto fill = init.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
}

/// A per-channel constant broadcast into the accumulator by a
/// linalg.generic (or linalg.broadcast) that only copies it.
static DenseFPElementsAttr broadcastBias(Value init) {
  if (auto broadcast = init.getDefiningOp<linalg::BroadcastOp>()) {
    auto type = cast<RankedTensorType>(init.getType());
    SmallVector<int64_t> leading =
        llvm::to_vector(llvm::seq<int64_t>(0, type.getRank() - 1));
    if (broadcast.getDimensions() != ArrayRef<int64_t>(leading))
      return nullptr;
    DenseFPElementsAttr values;
    if (matchPattern(broadcast.getInput(), m_Constant(&values)))
      return values;
    return nullptr;
  }
  auto generic = init.getDefiningOp<linalg::GenericOp>();
  if (!generic || generic.getNumDpsInputs() != 1 ||
      generic.getNumReductionLoops() != 0 ||
      !generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
           .isIdentity())
    return nullptr;
  Block &body = generic.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (body.getOperations().size() != 1 ||
      yield.getOperand(0) != body.getArgument(0))
    return nullptr;
  OpOperand *input = generic.getDpsInputOperand(0);
  return channelConstant(input->get(), generic.getMatchingIndexingMap(input));
}

static SmallVector<int64_t> readVector(DenseIntElementsAttr attr) {
  SmallVector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

DenseElementsAttr mlir::qnn::transposeConstant(DenseElementsAttr values,
                                               ArrayRef<int64_t> perm) {
  ArrayRef<int64_t> shape = values.getType().getShape();
  SmallVector<int64_t> outShape;
  for (int64_t p : perm)
    outShape.push_back(shape[p]);
  auto outType = values.getType().clone(outShape);
  if (values.isSplat())
    return values.resizeSplat(outType);
  SmallVector<int64_t> inStrides(shape.size(), 1);
  for (int64_t d = shape.size() - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * shape[d + 1];
  auto in = llvm::to_vector(values.getValues<Attribute>());
  SmallVector<Attribute> out;
  out.reserve(in.size());
  SmallVector<int64_t> index(perm.size(), 0);
  for (size_t n = 0; n < in.size(); ++n) {
    int64_t offset = 0;
    for (size_t i = 0; i < perm.size(); ++i)
      offset += index[i] * inStrides[perm[i]];
    out.push_back(in[offset]);
    for (int64_t i = perm.size() - 1; i >= 0; --i) {
      if (++index[i] < outShape[i])
        break;
      index[i] = 0;
    }
  }
  return DenseElementsAttr::get(outType, out);
}

DenseFPElementsAttr mlir::qnn::transposeConstant(DenseFPElementsAttr values,
                                                 ArrayRef<int64_t> perm) {
  return cast<DenseFPElementsAttr>(
      transposeConstant(cast<DenseElementsAttr>(values), perm));
}

DenseIntElementsAttr mlir::qnn::transposeConstant(DenseIntElementsAttr values,
                                                  ArrayRef<int64_t> perm) {
  return cast<DenseIntElementsAttr>(
      transposeConstant(cast<DenseElementsAttr>(values), perm));
}

/// A linalg.generic with one input and one output, all loops parallel, the
/// output read through the identity and the body yielding the input: a
/// copy through the input's indexing map.
static bool copiesInput(linalg::GenericOp generic) {
  if (generic.getNumDpsInputs() != 1 || generic.getNumDpsInits() != 1 ||
      generic.getNumReductionLoops() != 0 || !generic.hasPureTensorSemantics())
    return false;
  Block &body = generic.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  return body.getOperations().size() == 1 &&
         yield.getOperand(0) == body.getArgument(0) &&
         generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
             .isIdentity();
}

DenseFPElementsAttr mlir::qnn::foldedConstant(Value value) {
  DenseFPElementsAttr values;
  if (matchPattern(value, m_Constant(&values)))
    return values;
  Operation *def = value.getDefiningOp();
  if (auto transpose = dyn_cast_or_null<linalg::TransposeOp>(def)) {
    DenseFPElementsAttr input = foldedConstant(transpose.getInput());
    return input ? transposeConstant(input, transpose.getPermutation())
                 : nullptr;
  }
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(def) &&
      type.hasStaticShape()) {
    DenseFPElementsAttr input = foldedConstant(def->getOperand(0));
    return input ? cast<DenseFPElementsAttr>(input.reshape(type)) : nullptr;
  }
  // A transpose written as a linalg.generic that copies through a
  // permutation map (result[d] = input[map(d)]).
  auto copy = dyn_cast_or_null<linalg::GenericOp>(def);
  if (copy && copiesInput(copy) &&
      copy.getMatchingIndexingMap(copy.getDpsInputOperand(0)).isPermutation()) {
    DenseFPElementsAttr input = foldedConstant(copy.getInputs()[0]);
    AffineMap map = copy.getMatchingIndexingMap(copy.getDpsInputOperand(0));
    SmallVector<int64_t> perm(map.getNumResults());
    for (auto [k, result] : llvm::enumerate(map.getResults()))
      perm[cast<AffineDimExpr>(result).getPosition()] = k;
    return input ? transposeConstant(input, perm) : nullptr;
  }
  return nullptr;
}

/// The [K, N] weights a batch_matmul's weight operand repeats for every
/// batch (torch-mlir's linear layer on 3-D input): a linalg.broadcast along
/// dimension 0, or a linalg.generic that copies with map (b, k, n) ->
/// (k, n). Returns the operand feeding the broadcast, or null.
static Value broadcastOverBatch(Value weights) {
  if (auto broadcast = weights.getDefiningOp<linalg::BroadcastOp>())
    return broadcast.getDimensions() == ArrayRef<int64_t>{0}
               ? broadcast.getInput()
               : Value();
  auto generic = weights.getDefiningOp<linalg::GenericOp>();
  if (!generic || !copiesInput(generic) || generic.getNumLoops() != 3)
    return Value();
  MLIRContext *ctx = generic.getContext();
  AffineMap perBatch = AffineMap::get(
      3, 0, {getAffineDimExpr(1, ctx), getAffineDimExpr(2, ctx)}, ctx);
  return generic.getMatchingIndexingMap(generic.getDpsInputOperand(0)) ==
                 perBatch
             ? generic.getInputs()[0]
             : Value();
}

/// A zero spatial tensor.pad in front of a convolution: [top, bottom, left,
/// right], or nullopt.
static std::optional<SmallVector<int64_t>>
spatialZeroPadding(tensor::PadOp pad) {
  Value padValue = pad.getConstantPaddingValue();
  SmallVector<int64_t> low(pad.getStaticLow()), high(pad.getStaticHigh());
  if (!padValue || !matchPattern(padValue, m_AnyZeroFloat()) ||
      low.size() != 4 || low[0] != 0 || low[3] != 0 || high[0] != 0 ||
      high[3] != 0 || llvm::is_contained(low, ShapedType::kDynamic) ||
      llvm::is_contained(high, ShapedType::kDynamic))
    return std::nullopt;
  return SmallVector<int64_t>{low[1], high[1], low[2], high[2]};
}

/// The real values of a qnn.constant, scale x (stored - zero point), as
/// f32.
static DenseFPElementsAttr dequantizedValues(ConstantOp constant) {
  auto type = cast<RankedTensorType>(constant.getType());
  std::optional<QuantParams> params = QuantParams::get(type);
  if (!params || !type.hasStaticShape())
    return nullptr;
  SmallVector<APFloat> values;
  for (auto [i, q] : llvm::enumerate(constant.getStoredValues())) {
    int64_t channel =
        params->isPerAxis() ? channelOf(i, type.getShape(), *params->axis) : 0;
    values.push_back(APFloat(static_cast<float>(
        params->scale(channel) *
        static_cast<double>(q - params->zeroPoint(channel)))));
  }
  auto floatType = RankedTensorType::get(type.getShape(),
                                         Float32Type::get(type.getContext()));
  return cast<DenseFPElementsAttr>(DenseElementsAttr::get(floatType, values));
}

bool mlir::qnn::convOutputSizeMatches(ArrayRef<int64_t> input,
                                      ArrayRef<int64_t> window,
                                      ArrayRef<int64_t> output,
                                      ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> dilations,
                                      ArrayRef<int64_t> padding) {
  for (size_t d = 0; d < 2; ++d) {
    if (ShapedType::isDynamic(input[d]) || ShapedType::isDynamic(output[d]))
      continue;
    int64_t span = input[d] + padding[2 * d] + padding[2 * d + 1] -
                   dilations[d] * (window[d] - 1) - 1;
    if (span < 0 || span / strides[d] + 1 != output[d])
      return false;
  }
  return true;
}

/// Whether `c`'s output has exactly the windows its (padded) input holds:
/// linalg allows fewer (the last rows unread), qnn.conv2d does not.
static bool convOutputCoversInput(const FloatContraction &c) {
  ArrayRef<int64_t> in = cast<RankedTensorType>(c.input.getType()).getShape();
  ArrayRef<int64_t> out =
      cast<RankedTensorType>(c.op->getResult(0).getType()).getShape();
  ArrayRef<int64_t> window = c.weights.getType().getShape();
  return convOutputSizeMatches(in.slice(1, 2), window.take_front(2),
                               out.slice(1, 2), c.strides, c.dilations,
                               c.padding);
}

std::optional<FloatContraction>
mlir::qnn::matchFloatContraction(Operation *operation, std::string &whyNot,
                                 WeightSource source) {
  auto op = dyn_cast<linalg::LinalgOp>(operation);
  auto keep = [&](const char *why) -> std::optional<FloatContraction> {
    whyNot = why;
    return std::nullopt;
  };
  if (!op)
    return std::nullopt;
  // Convolutions in other layouts are layers too: say why they stay float
  // rather than pass them by.
  if (isa<linalg::Conv2DNchwFchwOp, linalg::DepthwiseConv2DNchwChwOp>(
          operation))
    return keep("an NCHW convolution; qnn-channels-last rewrites it in NHWC "
                "(--prune, --qnn-calibrate and --quantize run it first)");
  if (isa<linalg::Conv2DNgchwFgchwOp, linalg::Conv2DNgchwGfchwOp,
          linalg::Conv2DNhwgcGfhwcOp>(operation))
    return keep("grouped convolutions with a group dimension are not handled "
                "yet");
  if (isa<linalg::Conv1DOp, linalg::Conv1DNwcWcfOp, linalg::Conv1DNcwFcwOp,
          linalg::Conv3DOp, linalg::Conv3DNdhwcDhwcfOp,
          linalg::DepthwiseConv1DNwcWcOp, linalg::DepthwiseConv3DNdhwcDhwcmOp,
          linalg::Conv2DNhwcHwcfQOp, linalg::Conv2DOp>(operation))
    return keep("1-D, 3-D and unbatched convolutions are not handled yet");
  if (!isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::Conv2DNhwcHwcfOp,
           linalg::Conv2DNhwcFhwcOp, linalg::DepthwiseConv2DNhwcHwcOp,
           linalg::DepthwiseConv2DNhwcHwcmOp>(operation)) {
    // Any other float contraction or convolution is named, not passed by.
    bool isFloat = llvm::any_of(op->getOperandTypes(), [](Type t) {
      return isa<FloatType>(getElementTypeOrSelf(t));
    });
    // Pooling is a convolution without a multiply.
    bool multiplies =
        llvm::any_of(op.getBlock()->getOperations(),
                     [](Operation &o) { return isa<arith::MulFOp>(o); });
    if (isFloat && multiplies &&
        (linalg::isaContractionOpInterface(op) ||
         linalg::isaConvolutionOpInterface(op)))
      return keep("a contraction or convolution in a form qnn does not take "
                  "(only linalg.matmul, batch_matmul, conv_2d_nhwc_hwcf/fhwc "
                  "and depthwise_conv_2d_nhwc_hwc[m], or generics that "
                  "specialize to them)");
    return std::nullopt;
  }
  for (Type t : op->getOperandTypes())
    if (!isa<RankedTensorType>(t) ||
        !cast<RankedTensorType>(t).getElementType().isF32())
      return keep("quantize handles f32 tensor operands");
  FloatContraction c;
  c.op = op;
  c.input = op.getDpsInputs()[0];
  c.result = op->getResult(0);
  // Pruned weights stay dense until the lowering; the pattern goes with
  // them.
  Value weights = op.getDpsInputs()[1];
  SparsityPatternAttrInterface operandPattern;
  auto unpruned = [&](Value v) -> Value {
    auto pruned = v.getDefiningOp<PrunedOp>();
    if (!pruned || cast<RankedTensorType>(pruned.getType()).getEncoding())
      return v;
    operandPattern = pruned.getPattern();
    return pruned.getInput();
  };
  weights = unpruned(weights);
  // Weights repeated for every batch are the [K, N] they repeat (pruning
  // marks those, before the broadcast).
  if (Value perBatch = isa<linalg::BatchMatmulOp>(operation)
                           ? broadcastOverBatch(weights)
                           : Value()) {
    c.broadcastWeights = true;
    weights = unpruned(perBatch);
  }
  if (source == WeightSource::Dequantized) {
    // QDQ: the weights' real values, and the type they are stored in.
    auto dequantize = weights.getDefiningOp<DequantizeOp>();
    auto constant = dequantize
                        ? dequantize.getInput().getDefiningOp<ConstantOp>()
                        : ConstantOp();
    if (!constant || c.broadcastWeights || operandPattern)
      return std::nullopt;
    c.weights = dequantizedValues(constant);
    c.dequantizedFrom = cast<RankedTensorType>(constant.getType());
    if (!c.weights)
      return std::nullopt;
  } else {
    // Frontends (torch-mlir) hand a linear layer its weight as a
    // linalg.transpose of the [N, K] constant, a depthwise filter through a
    // collapse_shape: folded here, at compile time.
    c.weights = foldedConstant(weights);
    if (!c.weights)
      return keep("the weights are not a constant");
  }
  auto matched = [&]() -> std::optional<FloatContraction> {
    // A pattern marked before the broadcast is in qnn's layout already.
    if (operandPattern)
      c.pattern = c.broadcastWeights ? operandPattern
                                     : fromOperandLayout(c, operandPattern);
    return c;
  };
  Value init = op.getDpsInits()[0];
  if (!isZeroInit(init))
    c.initBias = broadcastBias(init);
  if (!isZeroInit(init) && !c.initBias)
    return keep("the accumulator starts from neither zero nor a "
                "per-channel constant");

  if (auto matmul = dyn_cast<linalg::MatmulOp>(operation)) {
    c.weightDims = {0, 1};
    if (matmul.hasUserDefinedMaps()) {
      // A x B^T (the weight stored [N, K], as PyTorch keeps it) is the one
      // other form handled.
      MLIRContext *ctx = op.getContext();
      AffineExpr m, n, k;
      bindDims(ctx, m, n, k);
      auto map = [&](ArrayRef<AffineExpr> results) {
        return AffineMap::get(3, 0, results, ctx);
      };
      if (matmul.getIndexingMapsArray() !=
          SmallVector<AffineMap>{map({m, k}), map({n, k}), map({m, n})})
        return keep("matmul maps other than A x B and A x B^T are not "
                    "handled yet");
      c.weightDims = {1, 0};
      c.weights = transposeConstant(c.weights, {1, 0});
    }
    return matched();
  }
  if (auto matmul = dyn_cast<linalg::BatchMatmulOp>(operation)) {
    if (matmul.hasUserDefinedMaps())
      return keep("transposed or broadcast matmul maps are not handled yet");
    // One weight shared by every batch (TOSA's fully connected form, or a
    // broadcast): K x N.
    auto type = c.weights.getType();
    c.weightDims = {0, 1, 2};
    if (c.broadcastWeights) {
      if (type.getRank() != 2)
        return keep("the broadcast weights are not a K x N matrix");
      c.weightDims = {1, 2};
    } else if (type.getDimSize(0) == 1) {
      c.weights =
          cast<DenseFPElementsAttr>(c.weights.reshape(RankedTensorType::get(
              type.getShape().drop_front(), type.getElementType())));
      c.weightDims = {1, 2};
    }
    return matched();
  }

  c.isConv = true;
  auto type = c.weights.getType();
  if (auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(operation)) {
    c.strides = readVector(conv.getStrides());
    c.dilations = readVector(conv.getDilations());
    c.weightDims = {0, 1, 2, 3};
  } else if (auto conv = dyn_cast<linalg::Conv2DNhwcFhwcOp>(operation)) {
    c.strides = readVector(conv.getStrides());
    c.dilations = readVector(conv.getDilations());
    c.weightDims = {1, 2, 3, 0};
    c.weights = transposeConstant(c.weights, c.weightDims);
  } else if (auto dw = dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(operation)) {
    c.strides = readVector(dw.getStrides());
    c.dilations = readVector(dw.getDilations());
    // [KH, KW, C] -> [KH, KW, 1, C], one group per channel.
    c.groups = type.getDimSize(2);
    c.weightDims = {0, 1, -1, 2};
    c.weights =
        cast<DenseFPElementsAttr>(c.weights.reshape(RankedTensorType::get(
            {type.getDimSize(0), type.getDimSize(1), 1, type.getDimSize(2)},
            type.getElementType())));
  } else {
    auto dwm = cast<linalg::DepthwiseConv2DNhwcHwcmOp>(operation);
    c.strides = readVector(dwm.getStrides());
    c.dilations = readVector(dwm.getDilations());
    if (type.getDimSize(3) != 1)
      return keep("a depthwise channel multiplier other than 1 is not "
                  "handled yet");
    // The unit multiplier is dropped by a collapse_shape right after.
    auto collapse =
        op->hasOneUse()
            ? dyn_cast<tensor::CollapseShapeOp>(*op->getUsers().begin())
            : nullptr;
    if (!collapse || collapse.getResultType().getRank() != 4 ||
        collapse.getReassociationIndices().back().size() != 2)
      return keep("the depthwise result is used with its channel "
                  "multiplier dimension");
    if (c.initBias)
      return keep("a bias in the accumulator of a depthwise convolution "
                  "with a multiplier dimension");
    c.result = collapse.getResult();
    c.groups = type.getDimSize(2);
    c.weightDims = {0, 1, 3, 2};
    c.weights =
        cast<DenseFPElementsAttr>(c.weights.reshape(RankedTensorType::get(
            {type.getDimSize(0), type.getDimSize(1), 1, type.getDimSize(2)},
            type.getElementType())));
  }
  if (auto pad = c.input.getDefiningOp<tensor::PadOp>()) {
    if (std::optional<SmallVector<int64_t>> padding = spatialZeroPadding(pad)) {
      c.pad = pad;
      c.input = pad.getSource();
      c.padding = *padding;
    }
  }
  if (!convOutputCoversInput(c))
    return keep("the output has fewer rows or columns than the input's "
                "windows (qnn.conv2d computes every window)");
  return matched();
}

DenseFPElementsAttr mlir::qnn::toOperandLayout(const FloatContraction &c,
                                               DenseFPElementsAttr weights) {
  // Linalg's inputs come first: operand 1 is the weights.
  auto operandType = cast<RankedTensorType>(c.op->getOperand(1).getType())
                         .clone(weights.getType().getElementType());
  if (weights.isSplat())
    return DenseFPElementsAttr::get(operandType,
                                    weights.getSplatValue<APFloat>());
  ArrayRef<int64_t> qnnShape = weights.getType().getShape();
  ArrayRef<int64_t> shape = operandType.getShape();
  auto in = llvm::to_vector(weights.getValues<APFloat>());
  SmallVector<APFloat> out;
  out.reserve(in.size());
  SmallVector<int64_t> index(shape.size(), 0);
  for (size_t n = 0; n < in.size(); ++n) {
    int64_t offset = 0;
    for (auto [size, dim] : llvm::zip(qnnShape, c.weightDims))
      offset = offset * size + (dim < 0 ? 0 : index[dim]);
    out.push_back(in[offset]);
    for (int64_t i = shape.size() - 1; i >= 0; --i) {
      if (++index[i] < shape[i])
        break;
      index[i] = 0;
    }
  }
  return cast<DenseFPElementsAttr>(DenseElementsAttr::get(operandType, out));
}

/// Moves `pattern` between two layouts of the same weights: dimension i of
/// one is dimension dims[i] of the other, or a unit dimension (-1);
/// `toRank` is the other's rank.
static SparsityPatternAttrInterface
mapPattern(SparsityPatternAttrInterface pattern, ArrayRef<int64_t> dims,
           int64_t toRank) {
  MLIRContext *ctx = pattern.getContext();
  auto mapped = [&](int64_t axis) { return dims[axis]; };
  if (auto nm = dyn_cast<NOfMAttr>(pattern)) {
    if (mapped(nm.getAxis()) < 0)
      return UnstructuredAttr::get(ctx);
    return NOfMAttr::get(ctx, nm.getN(), nm.getM(), mapped(nm.getAxis()));
  }
  if (auto channel = dyn_cast<ChannelAttr>(pattern)) {
    if (mapped(channel.getAxis()) < 0)
      return UnstructuredAttr::get(ctx);
    return ChannelAttr::get(ctx, mapped(channel.getAxis()));
  }
  if (auto block = dyn_cast<BlockAttr>(pattern)) {
    SmallVector<int64_t> shape(toRank, 1);
    for (auto [i, size] : llvm::enumerate(block.getShape()))
      if (mapped(i) >= 0)
        shape[mapped(i)] = size;
    return BlockAttr::get(ctx, shape);
  }
  return pattern;
}

SparsityPatternAttrInterface
mlir::qnn::toOperandLayout(const FloatContraction &c,
                           SparsityPatternAttrInterface pattern) {
  int64_t rank =
      cast<RankedTensorType>(c.op->getOperand(1).getType()).getRank();
  return mapPattern(pattern, c.weightDims, rank);
}

SparsityPatternAttrInterface
mlir::qnn::fromOperandLayout(const FloatContraction &c,
                             SparsityPatternAttrInterface pattern) {
  int64_t rank =
      cast<RankedTensorType>(c.op->getOperand(1).getType()).getRank();
  SmallVector<int64_t> inverse(rank, -1);
  for (auto [i, dim] : llvm::enumerate(c.weightDims))
    if (dim >= 0)
      inverse[dim] = i;
  return mapPattern(pattern, inverse, c.weightDims.size());
}
