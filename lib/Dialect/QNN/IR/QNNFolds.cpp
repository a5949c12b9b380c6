//===- QNNFolds.cpp - QNN folders and canonicalization patterns -----------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Folds compute with the reference library (docs/Semantics.md), so a folded
// constant is bit-identical to what the lowered code computes. No fold removes
// simulated quantization error: dequantize(quantize(x)) is never folded to x.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"

#include <cfloat>
#include <cmath>

using namespace mlir;
using namespace mlir::qnn;

/// The type of a folded qnn.constant's value: signless integers for signed
/// storage, unsigned ones for unsigned storage (so u8 200 prints as 200).
static RankedTensorType storageTensorType(RankedTensorType type) {
  QuantParams params = *QuantParams::get(type);
  return RankedTensorType::get(
      type.getShape(),
      IntegerType::get(type.getContext(), params.storageBits,
                       params.isSigned ? IntegerType::Signless
                                       : IntegerType::Unsigned));
}

/// The value of a splat of stored integers.
static int64_t splatStorage(DenseIntElementsAttr attr, bool isSigned) {
  const APInt &v = attr.getSplatValue<APInt>();
  return isSigned ? v.getSExtValue() : static_cast<int64_t>(v.getZExtValue());
}

/// Reads stored integers (sign- or zero-extended by the storage signedness).
static SmallVector<int64_t> readStorage(DenseIntElementsAttr attr,
                                        bool isSigned) {
  SmallVector<int64_t> values;
  values.reserve(attr.getNumElements());
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(isSigned ? v.getSExtValue()
                              : static_cast<int64_t>(v.getZExtValue()));
  return values;
}

static DenseIntElementsAttr makeStorage(RankedTensorType quantizedType,
                                        ArrayRef<int64_t> values) {
  RankedTensorType type = storageTensorType(quantizedType);
  unsigned bits = type.getElementTypeBitWidth();
  SmallVector<APInt> ints;
  ints.reserve(values.size());
  for (int64_t v : values)
    ints.push_back(APInt(bits, static_cast<uint64_t>(v), /*isSigned=*/true,
                         /*implicitTrunc=*/true));
  return DenseIntElementsAttr::get(type, ints);
}

/// A splat of one stored integer.
static DenseIntElementsAttr makeSplatStorage(RankedTensorType quantizedType,
                                             int64_t value) {
  RankedTensorType type = storageTensorType(quantizedType);
  return DenseIntElementsAttr::get(
      type, APInt(type.getElementTypeBitWidth(), static_cast<uint64_t>(value),
                  /*isSigned=*/true, /*implicitTrunc=*/true));
}

/// A fold of a splat input that would produce a non-splat result (per-axis
/// parameters that differ) is done element by element only up to this size:
/// beyond it the IR never held those elements, and folding is optional.
static constexpr int64_t kMaxExpandedSplat = int64_t(1) << 22;

/// For a splat input: the result of `fn(channel)` for every channel of
/// `channels`, as one value when they all agree. None when they differ or
/// one does not fold; `expand` says whether the caller may then fold
/// element by element.
template <typename T, typename Fn>
static std::optional<T> foldSplat(int64_t channels, int64_t numElements, Fn fn,
                                  bool &expand) {
  std::optional<T> first;
  expand = numElements <= kMaxExpandedSplat;
  for (int64_t c = 0; c < channels; ++c) {
    std::optional<T> v = fn(c);
    if (!v) {
      expand = false;
      return std::nullopt;
    }
    if (first && *first != *v)
      return std::nullopt;
    first = v;
  }
  return first;
}

/// The number of channels of per-axis `params` (1 per tensor).
static int64_t channelCount(const QuantParams &params) {
  return static_cast<int64_t>(params.scales.size());
}

/// The channel of element `i` of `type` under `params` (0 when per tensor).
static int64_t channelFor(const QuantParams &params, RankedTensorType type,
                          int64_t i) {
  return params.isPerAxis() ? channelOf(i, type.getShape(), *params.axis) : 0;
}

/// True when dequantize then quantize round-trips every stored value of
/// `params` exactly: every binary32 scale is normal and
/// |q - zp| * scale stays finite (|q - zp| < 2^17 for 16-bit storage).
static bool roundTripsExactly(const QuantParams &params) {
  if (params.storageBits > 16)
    return false;
  return llvm::all_of(params.scales, [](double scale) {
    auto s = static_cast<float>(scale);
    return std::isnormal(s) && s < FLT_MAX / 131072.0f;
  });
}

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getUnpackedValue(); }

OpFoldResult QuantizeOp::fold(FoldAdaptor adaptor) {
  auto type = cast<RankedTensorType>(getType());
  QuantParams params = *QuantParams::get(type);

  // quantize(dequantize(q)) to q's own type gives back q.
  if (auto dequantize = getInput().getDefiningOp<DequantizeOp>())
    if (dequantize.getInput().getType() == type && roundTripsExactly(params))
      return dequantize.getInput();

  auto input = dyn_cast_or_null<DenseFPElementsAttr>(adaptor.getInput());
  if (!input || !type.hasStaticShape())
    return {};
  ref::Rounding mode = toReference(getRounding());
  if (input.isSplat()) {
    float x = input.getSplatValue<APFloat>().convertToFloat();
    bool expand = false;
    std::optional<int64_t> splat = foldSplat<int64_t>(
        channelCount(params), type.getNumElements(),
        [&](int64_t c) -> std::optional<int64_t> {
          return ref::quantize(x, params.scale(c), params.zeroPoint(c),
                               params.range, mode);
        },
        expand);
    if (splat)
      return makeSplatStorage(type, *splat);
    if (!expand)
      return {};
  }
  SmallVector<int64_t> values;
  values.reserve(input.getNumElements());
  int64_t i = 0;
  for (const APFloat &x : input.getValues<APFloat>()) {
    int64_t c = channelFor(params, type, i++);
    values.push_back(ref::quantize(x.convertToFloat(), params.scale(c),
                                   params.zeroPoint(c), params.range, mode));
  }
  return makeStorage(type, values);
}

OpFoldResult DequantizeOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseIntElementsAttr>(adaptor.getInput());
  auto inType = cast<RankedTensorType>(getInput().getType());
  if (!input || !inType.hasStaticShape())
    return {};
  QuantParams params = *QuantParams::get(inType);
  if (input.isSplat()) {
    int64_t q = splatStorage(input, params.isSigned);
    bool expand = false;
    std::optional<float> splat = foldSplat<float>(
        channelCount(params), inType.getNumElements(),
        [&](int64_t c) -> std::optional<float> {
          return ref::dequantize(q, params.scale(c), params.zeroPoint(c));
        },
        expand);
    if (splat)
      return DenseFPElementsAttr::get(cast<ShapedType>(getType()), *splat);
    if (!expand)
      return {};
  }
  SmallVector<float> values;
  values.reserve(input.getNumElements());
  int64_t i = 0;
  for (int64_t q : readStorage(input, params.isSigned)) {
    int64_t c = channelFor(params, inType, i++);
    values.push_back(ref::dequantize(q, params.scale(c), params.zeroPoint(c)));
  }
  return DenseFPElementsAttr::get(cast<ShapedType>(getType()),
                                  ArrayRef<float>(values));
}

OpFoldResult RequantizeOp::fold(FoldAdaptor adaptor) {
  auto inType = cast<RankedTensorType>(getInput().getType());
  auto outType = cast<RankedTensorType>(getType());
  QuantParams in = *QuantParams::get(inType);
  QuantParams out = *QuantParams::get(outType);
  // To its own type, every mode is the identity for storage up to 16 bits
  // (for i32 the float modes lose precision and double_round may saturate).
  if (inType == outType && in.storageBits <= 16)
    return getInput();

  auto input = dyn_cast_or_null<DenseIntElementsAttr>(adaptor.getInput());
  if (!input || !inType.hasStaticShape())
    return {};
  ref::Rounding mode = toReference(getRounding());
  if (input.isSplat()) {
    int64_t q = splatStorage(input, in.isSigned);
    bool expand = false;
    std::optional<int64_t> splat = foldSplat<int64_t>(
        std::max(channelCount(in), channelCount(out)), inType.getNumElements(),
        [&](int64_t c) {
          return ref::requantize(q, in.scale(c), in.zeroPoint(c), out.scale(c),
                                 out.zeroPoint(c), out.range, mode);
        },
        expand);
    if (splat)
      return makeSplatStorage(outType, *splat);
    if (!expand)
      return {};
  }
  SmallVector<int64_t> values;
  values.reserve(input.getNumElements());
  int64_t i = 0;
  for (int64_t q : readStorage(input, in.isSigned)) {
    int64_t ci = channelFor(in, inType, i);
    int64_t co = channelFor(out, outType, i);
    ++i;
    std::optional<int64_t> y =
        ref::requantize(q, in.scale(ci), in.zeroPoint(ci), out.scale(co),
                        out.zeroPoint(co), out.range, mode);
    if (!y)
      return {};
    values.push_back(*y);
  }
  return makeStorage(outType, values);
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  auto lhs = dyn_cast_or_null<DenseIntElementsAttr>(adaptor.getLhs());
  auto rhs = dyn_cast_or_null<DenseIntElementsAttr>(adaptor.getRhs());
  auto outType = cast<RankedTensorType>(getType());
  if (!lhs || !rhs || !outType.hasStaticShape())
    return {};
  QuantParams a = *QuantParams::get(getLhs().getType());
  QuantParams b = *QuantParams::get(getRhs().getType());
  QuantParams c = *QuantParams::get(outType);
  auto addOne = [&](int64_t x, int64_t y) {
    return ref::add(x, a.scales[0], a.zeroPoints[0], y, b.scales[0],
                    b.zeroPoints[0], c.scales[0], c.zeroPoints[0], c.range,
                    toReference(getRounding()));
  };
  if (lhs.isSplat() && rhs.isSplat())
    return makeSplatStorage(outType, addOne(splatStorage(lhs, a.isSigned),
                                            splatStorage(rhs, b.isSigned)));
  if ((lhs.isSplat() || rhs.isSplat()) &&
      outType.getNumElements() > kMaxExpandedSplat)
    return {};
  SmallVector<int64_t> av = readStorage(lhs, a.isSigned);
  SmallVector<int64_t> bv = readStorage(rhs, b.isSigned);
  SmallVector<int64_t> values;
  values.reserve(av.size());
  for (auto [x, y] : llvm::zip(av, bv))
    values.push_back(addOne(x, y));
  return makeStorage(outType, values);
}

OpFoldResult ClampOp::fold(FoldAdaptor adaptor) {
  auto type = cast<RankedTensorType>(getType());
  QuantParams params = *QuantParams::get(type);
  ref::StorageRange bounds = getBounds();
  if (bounds.min <= params.range.min && bounds.max >= params.range.max)
    return getInput();
  auto input = dyn_cast_or_null<DenseIntElementsAttr>(adaptor.getInput());
  if (!input || !type.hasStaticShape())
    return {};
  if (input.isSplat())
    return makeSplatStorage(
        type, ref::saturate(splatStorage(input, params.isSigned), bounds));
  SmallVector<int64_t> values = readStorage(input, params.isSigned);
  for (int64_t &v : values)
    v = ref::saturate(v, bounds);
  return makeStorage(type, values);
}

//===----------------------------------------------------------------------===//
// Canonicalization patterns
//===----------------------------------------------------------------------===//

namespace {

/// [Pattern: MergeClamps] IN: clamp(clamp(x, a, b), c, d)
/// OUT: clamp(x, clamp(a, c, d), clamp(b, c, d)). Exact for any bounds, also
/// when the two ranges do not overlap.
struct MergeClamps final : OpRewritePattern<ClampOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ClampOp outer,
                                PatternRewriter &rewriter) const override {
    auto inner = outer.getInput().getDefiningOp<ClampOp>();
    if (!inner)
      return rewriter.notifyMatchFailure(outer, "input is not a qnn.clamp");
    ref::StorageRange range = outer.getBounds();
    int64_t lo = ref::saturate(inner.getBounds().min, range);
    int64_t hi = ref::saturate(inner.getBounds().max, range);
    rewriter.replaceOpWithNewOp<ClampOp>(outer, outer.getType(),
                                         inner.getInput(), lo, hi);
    return success();
  }
};

/// [Pattern: QuantizeThroughStats] IN: quantize(stats(x)) OUT: quantize(x).
/// A recorded range does not change the values; looking through it lets
/// quantize(dequantize(q)) fold between quantized layers.
struct QuantizeThroughStats final : OpRewritePattern<QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    auto stats = op.getInput().getDefiningOp<StatsOp>();
    if (!stats)
      return rewriter.notifyMatchFailure(op, "input is not a qnn.stats");
    rewriter.modifyOpInPlace(
        op, [&] { op.getInputMutable().assign(stats.getInput()); });
    return success();
  }
};

/// [Pattern: QuantizeThroughReshape] IN: quantize(collapse_shape(x)) (or
/// expand_shape) OUT: collapse_shape(quantize(x)), for per-tensor
/// parameters. Quantization is elementwise, so it commutes with a reshape;
/// moving it up lets quantize(dequantize(q)) fold across a flatten.
struct QuantizeThroughReshape final : OpRewritePattern<QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    Operation *reshape = op.getInput().getDefiningOp();
    if (!isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(
            reshape))
      return rewriter.notifyMatchFailure(op, "input is not a reshape");
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!isa<quant::UniformQuantizedType>(resultType.getElementType()))
      return rewriter.notifyMatchFailure(op, "per-axis parameters");
    auto sourceType = cast<RankedTensorType>(reshape->getOperand(0).getType());
    Value quantized = QuantizeOp::create(
        rewriter, op.getLoc(), sourceType.clone(resultType.getElementType()),
        reshape->getOperand(0));
    Operation *moved = rewriter.clone(*reshape);
    moved->setOperand(0, quantized);
    moved->getResult(0).setType(resultType);
    rewriter.replaceOp(op, moved->getResults());
    return success();
  }
};

} // namespace

void QuantizeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                             MLIRContext *context) {
  results.add<QuantizeThroughStats, QuantizeThroughReshape>(context);
}

void ClampOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<MergeClamps>(context);
}
