//===- RaiseTosa.cpp - TOSA int8 layers on qnn ops ------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// An int8 TOSA model (what TFLite-to-TOSA emits) computes each layer as an
// integer contraction with zero-point operands (tosa.conv2d,
// depthwise_conv2d, matmul: i8 x i8 -> i32) and a tosa.rescale of the i32
// result by a multiplier and a shift, optionally clamped. TOSA carries no
// scales; raising synthesizes scales that reproduce the integer program
// exactly: the input has scale 1 and its zero point, channel c of the
// weights has scale multiplier_c * 2^-shift_c (exact in binary64), so the
// accumulator's scale is that ratio and a requantize to scale 1 with the
// output zero point derives the same multiplier and shift (docs/Semantics.md,
// `single_round` and `tosa_double_round`).
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/Passes.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"
#include "qnn/Layers/FloatContraction.h"
#include "qnn/Reference/Semantics.h"

#include "Raising.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

namespace {

/// A tosa.rescale of an i32 accumulator as what qnn.requantize needs: the
/// scale of each channel's ratio, the rounding mode and the output zero
/// point.
struct Rescale {
  SmallVector<double> ratios;
  Rounding rounding = Rounding::SingleRound;
  int64_t outputZeroPoint = 0;
  IntegerType outputStorage;
};

} // namespace

/// The values of a constant integer tensor, sign-extended; empty for none.
static SmallVector<int64_t> constantInts(Value value) {
  DenseIntElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return {};
  return llvm::to_vector(
      llvm::map_range(attr.getValues<APInt>(),
                      [](const APInt &v) { return v.getSExtValue(); }));
}

static bool isI8Tensor(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && type.getElementType().isSignlessInteger(8);
}

/// Reads `op` as a requantize of an accumulator with `channels` output
/// channels (its last dimension), or says why it is not one.
static FailureOr<Rescale> readRescale(tosa::RescaleOp op, int64_t channels,
                                      std::string &whyNot) {
  auto inType = cast<ShapedType>(op.getInput().getType());
  auto outType = dyn_cast<RankedTensorType>(op.getType());
  if (!outType) {
    whyNot = "the rescale's result is unranked";
    return failure();
  }
  auto outStorage = dyn_cast<IntegerType>(outType.getElementType());
  if (!inType.getElementType().isSignlessInteger(32) || !outStorage ||
      !outStorage.isSignless() ||
      (outStorage.getWidth() != 8 && outStorage.getWidth() != 16) ||
      op.getInputUnsigned() || op.getOutputUnsigned()) {
    whyNot = "the rescale is not a signed i32 -> i8 or i16 one";
    return failure();
  }
  tosa::RoundingMode mode = op.getRoundingMode();
  if (mode == tosa::RoundingMode::INEXACT_ROUND) {
    whyNot = "INEXACT_ROUND has no exact definition to keep";
    return failure();
  }
  bool doubleRound = mode == tosa::RoundingMode::DOUBLE_ROUND;
  if (doubleRound && !op.getScale32()) {
    whyNot = "DOUBLE_ROUND needs scale32 (TOSA)";
    return failure();
  }
  FailureOr<int64_t> inputZp = op.getInputZeroPoint();
  FailureOr<int64_t> outputZp = op.getOutputZeroPoint();
  if (failed(inputZp) || *inputZp != 0 || failed(outputZp)) {
    whyNot = "its zero points are not constants (the input's 0)";
    return failure();
  }
  SmallVector<int64_t> multipliers = constantInts(op.getMultiplier());
  SmallVector<int64_t> shifts = constantInts(op.getShift());
  auto expected = static_cast<size_t>(op.getPerChannel() ? channels : 1);
  if (multipliers.size() != expected || shifts.size() != expected) {
    whyNot = "its multipliers and shifts are not constants, one per "
             "channel or one for all";
    return failure();
  }
  // DOUBLE_ROUND adds its second rounding term only where the shift is
  // above 31; qnn's tosa_double_round derives the shift from the ratio, so a
  // multiplier that is not normalized (bit 30 or, for 16-bit multipliers,
  // bit 14 clear) could move a shift across 31.
  bool anyAbove31 =
      doubleRound && llvm::any_of(shifts, [](int64_t s) { return s > 31; });
  Rescale rescale;
  rescale.rounding =
      anyAbove31 ? Rounding::TosaDoubleRound : Rounding::SingleRound;
  ref::Rounding refMode =
      anyAbove31 ? ref::Rounding::TosaDoubleRound : ref::Rounding::SingleRound;
  int64_t maxMultiplier = op.getScale32() ? std::numeric_limits<int32_t>::max()
                                          : std::numeric_limits<int16_t>::max();
  for (auto [multiplier, shift] : llvm::zip_equal(multipliers, shifts)) {
    if (multiplier <= 0 || multiplier > maxMultiplier || shift < 2 ||
        shift > 62) {
      whyNot = llvm::formatv("multiplier {0} with shift {1} is outside "
                             "TOSA's ranges (multiplier > 0, shift in "
                             "[2, 62])",
                             multiplier, shift)
                   .str();
      return failure();
    }
    double ratio =
        std::ldexp(static_cast<double>(multiplier), -static_cast<int>(shift));
    std::optional<ref::FixedPointMultiplier> derived =
        ref::computeFixedPointMultiplier(ratio, refMode);
    bool sameRatio =
        derived && std::ldexp(static_cast<double>(derived->multiplier),
                              -derived->shift) == ratio;
    bool sameRounding = !anyAbove31 || (shift > 31 ? derived->shift == shift
                                                   : derived->shift <= 31);
    if (!sameRatio || !sameRounding) {
      whyNot = llvm::formatv("multiplier {0} with shift {1} under "
                             "DOUBLE_ROUND is not normalized: the ratio "
                             "would round differently",
                             multiplier, shift)
                   .str();
      return failure();
    }
    rescale.ratios.push_back(ratio);
  }
  rescale.outputZeroPoint = *outputZp;
  rescale.outputStorage = outStorage;
  return rescale;
}

/// The weights' element type: per tensor with the one ratio, or per axis
/// along dimension `axis` with one ratio per channel; `zeroPoint` for all.
static Type weightElement(Builder &b, const Rescale &rescale, int64_t zeroPoint,
                          int32_t axis) {
  auto flags = quant::QuantizationFlags::Signed;
  Type i8 = b.getIntegerType(8), f32 = b.getF32Type();
  if (rescale.ratios.size() == 1)
    return quant::UniformQuantizedType::get(flags, i8, f32, rescale.ratios[0],
                                            zeroPoint, -128, 127);
  SmallVector<int64_t> zeroPoints(rescale.ratios.size(), zeroPoint);
  return quant::UniformQuantizedPerAxisType::get(flags, i8, f32, rescale.ratios,
                                                 zeroPoints, axis, -128, 127);
}

/// The i32 accumulator's element type: scale ratio_c, zero point 0, per
/// axis along `axis` where the rescale is per channel.
static Type accumulatorElement(Builder &b, const Rescale &rescale,
                               int32_t axis) {
  auto flags = quant::QuantizationFlags::Signed;
  Type i32 = b.getI32Type(), f32 = b.getF32Type();
  int64_t lo = std::numeric_limits<int32_t>::min();
  int64_t hi = std::numeric_limits<int32_t>::max();
  if (rescale.ratios.size() == 1)
    return quant::UniformQuantizedType::get(flags, i32, f32, rescale.ratios[0],
                                            0, lo, hi);
  SmallVector<int64_t> zeroPoints(rescale.ratios.size(), 0);
  return quant::UniformQuantizedPerAxisType::get(
      flags, i32, f32, rescale.ratios, zeroPoints, axis, lo, hi);
}

/// A constant i8 tensor of `shape` holding `values` (row-major).
static DenseIntElementsAttr i8Values(Builder &b, ArrayRef<int64_t> shape,
                                     ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get(shape, b.getIntegerType(8));
  SmallVector<APInt> bits = llvm::to_vector(llvm::map_range(
      values, [](int64_t v) { return APInt(8, v, /*isSigned=*/true); }));
  return DenseIntElementsAttr::get(type, bits);
}

/// A contraction's parts in qnn's layout, read from TOSA.
namespace {
struct IntegerLayer {
  Value input;
  int64_t inputZeroPoint = 0;
  /// Constant weights in qnn's layout (HWCF filters, K x N matrices), or a
  /// value (a batched matmul's right-hand side).
  SmallVector<int64_t> weightShape, weights;
  Value weightValue;
  int64_t weightZeroPoint = 0;
  /// One bias per output channel, or empty.
  SmallVector<int64_t> bias;
  int64_t channels = 0;
};
} // namespace

/// tosa.conv2d (OHWI weights) and depthwise_conv2d (HWCM weights) as a
/// qnn.conv2d's operands; fails with a reason.
template <typename ConvOp>
static FailureOr<IntegerLayer> readConvolution(ConvOp conv,
                                               std::string &whyNot) {
  FailureOr<int64_t> inputZp = conv.getInputZeroPoint();
  FailureOr<int64_t> weightZp = conv.getWeightZeroPoint();
  SmallVector<int64_t> weights = constantInts(conv.getWeight());
  auto weightType = cast<ShapedType>(conv.getWeight().getType());
  auto resultType = dyn_cast<RankedTensorType>(conv.getType());
  if (!isI8Tensor(conv.getInput()) || !isI8Tensor(conv.getWeight()) ||
      !resultType || !resultType.getElementType().isSignlessInteger(32)) {
    whyNot = "it is not i8 x i8 -> i32";
    return failure();
  }
  if (failed(inputZp) || failed(weightZp) || weights.empty() ||
      !weightType.hasStaticShape()) {
    whyNot = "its weights or zero points are not constants";
    return failure();
  }
  auto inputType = cast<RankedTensorType>(conv.getInput().getType());
  auto staticButBatch = [](RankedTensorType type) {
    return llvm::none_of(type.getShape().drop_front(), ShapedType::isDynamic);
  };
  if (!staticButBatch(inputType) || !staticButBatch(resultType)) {
    whyNot = "sizes other than the batch are dynamic";
    return failure();
  }
  ArrayRef<int64_t> shape = weightType.getShape();
  bool isDepthwise = std::is_same_v<ConvOp, tosa::DepthwiseConv2DOp>;
  // OHWI: I is the input's channels, O the result's; HWCM: C is the
  // input's channels, C * M the result's.
  int64_t inChannels = isDepthwise ? shape[2] : shape[3];
  int64_t outChannels = isDepthwise ? shape[2] * shape[3] : shape[0];
  if (inChannels != inputType.getDimSize(3) ||
      outChannels != resultType.getDimSize(3)) {
    whyNot = "its weights' channels do not match its input and result";
    return failure();
  }
  SmallVector<int64_t> window = isDepthwise
                                    ? SmallVector<int64_t>{shape[0], shape[1]}
                                    : SmallVector<int64_t>{shape[1], shape[2]};
  if (!convOutputSizeMatches(inputType.getShape().slice(1, 2), window,
                             resultType.getShape().slice(1, 2),
                             conv.getStride(), conv.getDilation(),
                             conv.getPad())) {
    whyNot = "its output has other sizes than the input's windows";
    return failure();
  }
  IntegerLayer layer;
  layer.input = conv.getInput();
  layer.inputZeroPoint = *inputZp;
  layer.weightZeroPoint = *weightZp;
  if (!isDepthwise) {
    // OHWI -> HWIO.
    int64_t f = shape[0], kh = shape[1], kw = shape[2], c = shape[3];
    layer.weightShape = {kh, kw, c, f};
    layer.weights.resize(weights.size());
    for (int64_t o = 0; o < f; ++o)
      for (int64_t y = 0; y < kh; ++y)
        for (int64_t x = 0; x < kw; ++x)
          for (int64_t i = 0; i < c; ++i)
            layer.weights[((y * kw + x) * c + i) * f + o] =
                weights[((o * kh + y) * kw + x) * c + i];
    layer.channels = f;
  } else {
    // HWCM: output channel c * M + m, one input channel per group.
    layer.weightShape = {shape[0], shape[1], 1, shape[2] * shape[3]};
    layer.weights = std::move(weights);
    layer.channels = shape[2] * shape[3];
  }
  SmallVector<int64_t> bias = constantInts(conv.getBias());
  if (bias.size() == 1)
    bias.assign(layer.channels, bias[0]);
  if (static_cast<int64_t>(bias.size()) != layer.channels) {
    whyNot = "its bias is not a constant";
    return failure();
  }
  if (llvm::any_of(bias, [](int64_t v) { return v != 0; }))
    layer.bias = std::move(bias);
  return layer;
}

/// tosa.matmul (A [B, M, K] x B [B, K, N]): a constant right-hand side of
/// one batch is a shared K x N weight (per channel possible); any other is
/// a batched operand.
static FailureOr<IntegerLayer> readMatmul(tosa::MatMulOp matmul,
                                          std::string &whyNot) {
  FailureOr<int64_t> aZp = matmul.getAZeroPoint();
  FailureOr<int64_t> bZp = matmul.getBZeroPoint();
  auto resultType = dyn_cast<RankedTensorType>(matmul.getType());
  if (!isI8Tensor(matmul.getA()) || !isI8Tensor(matmul.getB()) || !resultType ||
      !resultType.getElementType().isSignlessInteger(32)) {
    whyNot = "it is not i8 x i8 -> i32";
    return failure();
  }
  if (failed(aZp) || failed(bZp)) {
    whyNot = "its zero points are not constants";
    return failure();
  }
  auto bType = cast<ShapedType>(matmul.getB().getType());
  if (!bType.hasStaticShape()) {
    whyNot = "its right-hand side has dynamic sizes";
    return failure();
  }
  auto aType = cast<RankedTensorType>(matmul.getA().getType());
  if ((!aType.isDynamicDim(2) && aType.getDimSize(2) != bType.getDimSize(1)) ||
      resultType.getRank() != 3 || resultType.isDynamicDim(2) ||
      resultType.getDimSize(2) != bType.getDimSize(2)) {
    whyNot = "its operand and result sizes do not agree";
    return failure();
  }
  IntegerLayer layer;
  layer.input = matmul.getA();
  layer.inputZeroPoint = *aZp;
  layer.weightZeroPoint = *bZp;
  layer.channels = bType.getDimSize(2);
  SmallVector<int64_t> weights = constantInts(matmul.getB());
  if (!weights.empty() && bType.getDimSize(0) == 1) {
    layer.weightShape = {bType.getDimSize(1), bType.getDimSize(2)};
    layer.weights = std::move(weights);
  } else {
    layer.weightValue = matmul.getB();
  }
  return layer;
}

/// Raises `contraction` and the rescale (and clamp) after it; returns the
/// qnn contraction, or null with a reason.
static Operation *raiseLayer(Operation *contraction, std::string &whyNot) {
  Value acc = contraction->getResult(0);
  if (!acc.hasOneUse()) {
    whyNot = "its i32 result does not feed one tosa.rescale alone";
    return nullptr;
  }
  auto rescaleOp = dyn_cast<tosa::RescaleOp>(*acc.getUsers().begin());
  if (!rescaleOp) {
    whyNot = "its i32 result does not feed one tosa.rescale alone";
    return nullptr;
  }
  FailureOr<IntegerLayer> layer = failure();
  if (auto conv = dyn_cast<tosa::Conv2DOp>(contraction))
    layer = readConvolution(conv, whyNot);
  else if (auto depthwise = dyn_cast<tosa::DepthwiseConv2DOp>(contraction))
    layer = readConvolution(depthwise, whyNot);
  else
    layer = readMatmul(cast<tosa::MatMulOp>(contraction), whyNot);
  if (failed(layer))
    return nullptr;
  FailureOr<Rescale> rescale = readRescale(rescaleOp, layer->channels, whyNot);
  if (failed(rescale))
    return nullptr;
  if (layer->inputZeroPoint < -128 || layer->inputZeroPoint > 127 ||
      layer->weightZeroPoint < -128 || layer->weightZeroPoint > 127 ||
      rescale->outputZeroPoint <
          -(int64_t(1) << (rescale->outputStorage.getWidth() - 1)) ||
      rescale->outputZeroPoint >=
          (int64_t(1) << (rescale->outputStorage.getWidth() - 1))) {
    whyNot = "a zero point is outside its storage's range";
    return nullptr;
  }

  OpBuilder b(rescaleOp);
  Location loc = contraction->getLoc();
  auto accTensor = cast<RankedTensorType>(acc.getType());
  auto accAxis = static_cast<int32_t>(accTensor.getRank() - 1);
  Value input = withZeroPoint(b, loc, layer->input, layer->inputZeroPoint);
  Value weights;
  if (layer->weightValue) {
    auto axis = static_cast<int32_t>(
        cast<ShapedType>(layer->weightValue.getType()).getRank() - 1);
    weights =
        asQuantized(b, loc, layer->weightValue,
                    weightElement(b, *rescale, layer->weightZeroPoint, axis));
  } else {
    auto axis = static_cast<int32_t>(layer->weightShape.size() - 1);
    auto type = RankedTensorType::get(
        layer->weightShape,
        weightElement(b, *rescale, layer->weightZeroPoint, axis));
    weights = ConstantOp::create(
        b, loc, type, i8Values(b, layer->weightShape, layer->weights));
  }
  Value bias;
  if (!layer->bias.empty()) {
    auto type = RankedTensorType::get({layer->channels},
                                      accumulatorElement(b, *rescale, 0));
    auto storage = RankedTensorType::get({layer->channels}, b.getI32Type());
    SmallVector<APInt> bits = llvm::to_vector(llvm::map_range(
        layer->bias, [](int64_t v) { return APInt(32, v, true); }));
    bias = ConstantOp::create(b, loc, type,
                              DenseIntElementsAttr::get(storage, bits));
  }
  Type accType = accTensor.clone(accumulatorElement(b, *rescale, accAxis));
  Operation *integer;
  if (auto conv = dyn_cast<tosa::Conv2DOp>(contraction)) {
    auto qconv = Conv2DOp::create(b, loc, accType, input, weights, bias);
    qconv.setStrides(conv.getStride());
    qconv.setPadding(conv.getPad());
    qconv.setDilations(conv.getDilation());
    integer = qconv;
  } else if (auto depthwise = dyn_cast<tosa::DepthwiseConv2DOp>(contraction)) {
    auto qconv = Conv2DOp::create(b, loc, accType, input, weights, bias);
    qconv.setStrides(depthwise.getStride());
    qconv.setPadding(depthwise.getPad());
    qconv.setDilations(depthwise.getDilation());
    qconv.setGroups(cast<ShapedType>(layer->input.getType()).getDimSize(3));
    integer = qconv;
  } else {
    integer = MatmulOp::create(b, loc, accType, input, weights, bias);
  }
  int64_t lo = -(int64_t(1) << (rescale->outputStorage.getWidth() - 1));
  int64_t hi = (int64_t(1) << (rescale->outputStorage.getWidth() - 1)) - 1;
  auto outElem = quant::UniformQuantizedType::get(
      quant::QuantizationFlags::Signed, rescale->outputStorage, b.getF32Type(),
      1.0, rescale->outputZeroPoint, lo, hi);
  auto outType = cast<RankedTensorType>(rescaleOp.getType()).clone(outElem);
  Value result = RequantizeOp::create(b, rescaleOp.getLoc(), outType,
                                      integer->getResult(0), rescale->rounding);
  // A clamp on the stored integers (a fused ReLU) stays on the integers.
  Operation *last = rescaleOp;
  if (rescaleOp->hasOneUse()) {
    auto clamp = dyn_cast<tosa::ClampOp>(*rescaleOp->getUsers().begin());
    auto min = clamp ? dyn_cast<IntegerAttr>(clamp.getMinValAttr()) : nullptr;
    auto max = clamp ? dyn_cast<IntegerAttr>(clamp.getMaxValAttr()) : nullptr;
    if (min && max && clamp.getType() == rescaleOp.getType() &&
        min.getValue().getSExtValue() <= max.getValue().getSExtValue()) {
      b.setInsertionPoint(clamp);
      result =
          ClampOp::create(b, clamp.getLoc(), outType, result,
                          b.getI64IntegerAttr(min.getValue().getSExtValue()),
                          b.getI64IntegerAttr(max.getValue().getSExtValue()));
      last = clamp;
    }
  }
  Value stored = quant::StorageCastOp::create(
      b, last->getLoc(), last->getResult(0).getType(), result);
  last->getResult(0).replaceAllUsesWith(stored);
  llvm::SetVector<Operation *> operands;
  for (Operation *op : {contraction, rescaleOp.getOperation()})
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp(); def && def != contraction)
        operands.insert(def);
  if (last != rescaleOp)
    last->erase();
  rescaleOp->erase();
  contraction->erase();
  // The TOSA constants only they read (weights, zero points, multipliers).
  for (Operation *def : operands)
    if (def->use_empty() && def->hasTrait<OpTrait::ConstantLike>())
      def->erase();
  return integer;
}

FailureOr<int64_t> mlir::qnn::raiseTosaIntegerLayers(func::FuncOp func) {
  SmallVector<Operation *> contractions;
  func.walk([&](Operation *op) {
    if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::MatMulOp>(op) &&
        isI8Tensor(op->getOperand(0)))
      contractions.push_back(op);
  });
  TensorNamer namer(func);
  QNNDialect::LayerAttrHelper layerAttr(func.getContext());
  int64_t raised = 0;
  for (Operation *op : contractions) {
    std::string name = layerName(op, namer), whyNot;
    Location loc = op->getLoc();
    remark::RemarkOpts opts = raiseDecision(op);
    StringRef from = op->getName().getStringRef();
    if (Operation *integer = raiseLayer(op, whyNot)) {
      layerAttr.setAttr(integer, StringAttr::get(func.getContext(), name));
      remark::passed(loc, opts)
          << llvm::formatv("'{0}': raised from {1} to {2}", name, from,
                           integer->getName())
                 .str();
      ++raised;
    } else {
      remark::missed(loc, opts)
          << llvm::formatv("'{0}' ({1}) not raised: {2}", name, from, whyNot)
                 .str();
    }
  }
  return raised;
}
