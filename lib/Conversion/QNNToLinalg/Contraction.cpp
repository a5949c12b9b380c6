//===- Contraction.cpp - Lower qnn.matmul and qnn.conv2d ------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The zero points are subtracted first, exactly: a value of at most 8 storage
// bits minus a zero point in range fits in i16 (|q - zp| <= 255), wider
// storage uses i32. Constant weights are rewritten at compile time. The
// upstream named contraction then accumulates the i16 or i32 products into
// i32 with wrap-around, starting from the bias. Convolution padding pads the
// zero-point-free input with 0: a real zero that contributes nothing.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "PopulatePatterns.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/FormatVariadic.h"

#include <limits>

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

/// The element width that holds `q - zp` exactly for both operands.
static unsigned zeroPointFreeWidth(const QuantParams &a, const QuantParams &b) {
  return std::max(a.storageBits, b.storageBits) <= 8 ? 16 : 32;
}

/// `value` without a dense qnn.pruned around it: pruned weights are the
/// same constant to a dense kernel.
static Value skipDensePruned(Value value) {
  if (auto pruned = value.getDefiningOp<PrunedOp>();
      pruned && !cast<RankedTensorType>(pruned.getType()).getEncoding())
    return pruned.getInput();
  return value;
}

/// The stored values of an operand known at compile time, row-major: a
/// qnn.constant, or a codebook lookup of constant indices in a qnn.constant
/// table (either possibly pruned).
static std::optional<SmallVector<int64_t>> constantStoredValues(Value value) {
  value = skipDensePruned(value);
  // A splat says how many elements it has without holding them: a large
  // one is not expanded here (the caller subtracts at run time instead).
  constexpr int64_t kMaxExpandedSplat = int64_t(1) << 22;
  auto tooLarge = [&](ElementsAttr attr, ShapedType type) {
    return attr.isSplat() && type.getNumElements() > kMaxExpandedSplat;
  };
  if (auto constant = value.getDefiningOp<ConstantOp>()) {
    if (tooLarge(constant.getValue(), cast<ShapedType>(constant.getType())))
      return std::nullopt;
    return constant.getStoredValues();
  }
  auto lookup = value.getDefiningOp<CodebookLookupOp>();
  if (!lookup)
    return std::nullopt;
  auto table = lookup.getCentroids().getDefiningOp<ConstantOp>();
  DenseIntElementsAttr indices;
  if (!table || !matchPattern(lookup.getIndices(), m_Constant(&indices)) ||
      tooLarge(indices, indices.getType()))
    return std::nullopt;
  SmallVector<int64_t> entries = table.getStoredValues();
  int64_t perRow = cast<RankedTensorType>(table.getType()).getShape().back();
  std::optional<int64_t> axis = lookup.getAxis();
  ArrayRef<int64_t> shape = indices.getType().getShape();
  SmallVector<int64_t> values;
  int64_t i = 0;
  for (const APInt &index : indices.getValues<APInt>()) {
    int64_t row = axis ? channelOf(i++, shape, *axis) : 0;
    values.push_back(entries[row * perRow + index.getZExtValue()]);
  }
  return values;
}

/// `q - zp[channel]` as a tensor of `width`-bit integers. Computed at compile
/// time when `original` is known then (constantStoredValues).
static Value subtractZeroPoints(OpBuilder &b, Location loc, Value converted,
                                Value original, const QuantParams &params,
                                unsigned width) {
  auto type = cast<RankedTensorType>(converted.getType());
  auto wideType =
      RankedTensorType::get(type.getShape(), b.getIntegerType(width));
  // A splat with one zero point stays a splat.
  if (auto constant = skipDensePruned(original).getDefiningOp<ConstantOp>())
    if (std::optional<int64_t> splat = constant.getSplatStoredValue();
        splat && llvm::all_equal(params.zeroPoints))
      return arith::ConstantOp::create(
          b, loc,
          DenseIntElementsAttr::get(
              wideType, APInt(width, *splat - params.zeroPoints.front(),
                              /*isSigned=*/true)));
  if (std::optional<SmallVector<int64_t>> stored =
          constantStoredValues(original)) {
    SmallVector<APInt> values;
    int64_t i = 0;
    for (int64_t q : *stored) {
      int64_t c =
          params.isPerAxis() ? channelOf(i, type.getShape(), *params.axis) : 0;
      values.push_back(APInt(width, q - params.zeroPoint(c), true));
      ++i;
    }
    return arith::ConstantOp::create(
        b, loc, DenseIntElementsAttr::get(wideType, values));
  }
  ChannelTable zeroPoints = zeroPointsI32(b.getContext(), params);
  return buildElementwise(
      b, loc, wideType, converted, params.axis, zeroPoints,
      [&](OpBuilder &nb, Location nl, ValueRange v, ValueRange t) -> Value {
        Value diff = arith::SubIOp::create(
            nb, nl, extendInt(nb, nl, v[0], params.isSigned, 32), t[0]);
        if (width == 32)
          return diff;
        return arith::TruncIOp::create(nb, nl, nb.getIntegerType(width), diff);
      });
}

/// The accumulator's initial value: the bias broadcast over the leading
/// dimensions, or zeros.
static Value initialAccumulator(OpBuilder &b, Location loc,
                                RankedTensorType accType,
                                ArrayRef<Value> dynamicSizes, Value bias) {
  Value empty = tensor::EmptyOp::create(b, loc, accType.getShape(),
                                        accType.getElementType(), dynamicSizes);
  if (!bias) {
    Value zero = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
    return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  }
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d + 1 < accType.getRank(); ++d)
    dims.push_back(d);
  return linalg::BroadcastOp::create(b, loc, bias, empty, dims).getResult()[0];
}

/// The largest |q - zp| of a quantization over all its channels.
static int64_t maxMagnitude(const QuantParams &params) {
  int64_t worst = 0;
  for (int64_t zp : params.zeroPoints)
    worst = std::max({worst, params.range.max - zp, zp - params.range.min});
  return worst;
}

/// The largest |bias| of a constant bias, 0 without one; none when the bias
/// is not a constant (its size is unknown at compile time).
static std::optional<int64_t> maxBiasMagnitude(Value bias) {
  if (!bias)
    return 0;
  auto constant = bias.getDefiningOp<ConstantOp>();
  if (!constant)
    return std::nullopt;
  if (std::optional<int64_t> splat = constant.getSplatStoredValue())
    return std::abs(*splat);
  int64_t most = 0;
  for (int64_t v : constant.getStoredValues())
    most = std::max(most, std::abs(v));
  return most;
}

/// Warns when the int32 accumulation of `terms` products of values bounded
/// by `a` and `b`, plus the bias, can leave the int32 range: the result then
/// wraps modulo 2^32 (docs/Semantics.md), which is exact arithmetic but
/// rarely what a model means. Emitted at the op's location without the op
/// itself, which is half converted by now.
static void warnIfAccumulatorCanWrap(Operation *op, int64_t terms,
                                     const QuantParams &a, const QuantParams &b,
                                     Value bias) {
  if (ShapedType::isDynamic(terms))
    return;
  int64_t ma = maxMagnitude(a), mb = maxMagnitude(b);
  std::optional<int64_t> biasBound = maxBiasMagnitude(bias);
  // Compare in long double: the bound itself may overflow int64.
  long double products = static_cast<long double>(terms) * ma * mb;
  long double bound = products + biasBound.value_or(0);
  if (bound <= static_cast<long double>(std::numeric_limits<int32_t>::max()))
    return;
  InFlightDiagnostic warning = emitWarning(op->getLoc());
  warning << "int32 accumulation can wrap: " << terms
          << " products of |a - za| <= " << ma << " and |b - zb| <= " << mb;
  if (biasBound && *biasBound != 0)
    warning << " plus a bias of magnitude up to " << *biasBound;
  warning << " reach "
          << llvm::formatv("{0:e3}", static_cast<double>(bound)).str()
          << " > 2^31 - 1; results wrap modulo 2^32";
}

/// The operands of one convolution, ready for a linalg named op: the
/// zero-point-free input (padded) and filter, the accumulator's type and
/// initial value (the bias), and the window attributes.
namespace {
struct ConvOperands {
  Location loc;
  Value input, filter, init;
  RankedTensorType accType;
  DenseIntElementsAttr strides, dilations;
  int64_t groups, channels, outChannels;
};
} // namespace

/// groups = 1: linalg.conv_2d_nhwc_hwcf.
static Value lowerPlainConv(OpBuilder &b, const ConvOperands &c) {
  return linalg::Conv2DNhwcHwcfOp::create(
             b, c.loc, TypeRange{c.accType}, ValueRange{c.input, c.filter},
             ValueRange{c.init}, c.strides, c.dilations)
      .getResult(0);
}

/// One filter per channel: [KH, KW, 1, C] -> [KH, KW, C] and
/// linalg.depthwise_conv_2d_nhwc_hwc.
static Value lowerDepthwiseConv(OpBuilder &b, const ConvOperands &c) {
  Value hwc = tensor::CollapseShapeOp::create(
      b, c.loc, c.filter, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
  return linalg::DepthwiseConv2DNhwcHwcOp::create(
             b, c.loc, TypeRange{c.accType}, ValueRange{c.input, hwc},
             ValueRange{c.init}, c.strides, c.dilations)
      .getResult(0);
}

/// Depthwise with a channel multiplier M: filter [KH, KW, 1, C*M] ->
/// [KH, KW, C, M] and linalg.depthwise_conv_2d_nhwc_hwcm; output channel
/// f = c * M + m, the group order of qnn.conv2d.
static Value lowerDepthwiseMultiplierConv(OpBuilder &b, const ConvOperands &c) {
  auto filterType = cast<RankedTensorType>(c.filter.getType());
  int64_t multiplier = c.outChannels / c.channels;
  Value flat = tensor::CollapseShapeOp::create(
      b, c.loc, c.filter, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
  Value hwcm = tensor::ExpandShapeOp::create(
      b, c.loc,
      RankedTensorType::get({filterType.getDimSize(0), filterType.getDimSize(1),
                             c.channels, multiplier},
                            filterType.getElementType()),
      flat, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
  SmallVector<ReassociationIndices> splitChannels = {{0}, {1}, {2}, {3, 4}};
  auto acc5 =
      RankedTensorType::get({c.accType.getDimSize(0), c.accType.getDimSize(1),
                             c.accType.getDimSize(2), c.channels, multiplier},
                            c.accType.getElementType());
  Value init5 =
      tensor::ExpandShapeOp::create(b, c.loc, acc5, c.init, splitChannels);
  Value conv = linalg::DepthwiseConv2DNhwcHwcmOp::create(
                   b, c.loc, TypeRange{acc5}, ValueRange{c.input, hwcm},
                   ValueRange{init5}, c.strides, c.dilations)
                   .getResult(0);
  return tensor::CollapseShapeOp::create(b, c.loc, c.accType, conv,
                                         splitChannels);
}

/// Grouped: input [N, H, W, G, C/G], filter [G, F/G, KH, KW, C/G], output
/// [N, OH, OW, G, F/G] through linalg.conv_2d_nhwgc_gfhwc.
static Value lowerGroupedConv(OpBuilder &b, const ConvOperands &c) {
  auto inType = cast<RankedTensorType>(c.input.getType());
  auto filterType = cast<RankedTensorType>(c.filter.getType());
  Type elem = inType.getElementType();
  int64_t groups = c.groups;
  int64_t cg = c.channels / groups, fg = c.outChannels / groups;
  SmallVector<ReassociationIndices> splitLast = {{0}, {1}, {2}, {3, 4}};
  Value in5 = tensor::ExpandShapeOp::create(
      b, c.loc,
      RankedTensorType::get({inType.getDimSize(0), inType.getDimSize(1),
                             inType.getDimSize(2), groups, cg},
                            elem),
      c.input, splitLast);
  int64_t kh = filterType.getDimSize(0), kw = filterType.getDimSize(1);
  Value filter5 = tensor::ExpandShapeOp::create(
      b, c.loc, RankedTensorType::get({kh, kw, cg, groups, fg}, elem), c.filter,
      splitLast);
  Value gfhwcInit = tensor::EmptyOp::create(
      b, c.loc, ArrayRef<int64_t>{groups, fg, kh, kw, cg}, elem);
  Value gfhwc = linalg::TransposeOp::create(b, c.loc, filter5, gfhwcInit,
                                            ArrayRef<int64_t>{3, 4, 0, 1, 2})
                    .getResult()[0];
  auto acc5 =
      RankedTensorType::get({c.accType.getDimSize(0), c.accType.getDimSize(1),
                             c.accType.getDimSize(2), groups, fg},
                            c.accType.getElementType());
  Value init5 =
      tensor::ExpandShapeOp::create(b, c.loc, acc5, c.init, splitLast);
  Value conv = linalg::Conv2DNhwgcGfhwcOp::create(
                   b, c.loc, TypeRange{acc5}, ValueRange{in5, gfhwc},
                   ValueRange{init5}, c.strides, c.dilations)
                   .getResult(0);
  return tensor::CollapseShapeOp::create(b, c.loc, c.accType, conv, splitLast);
}

/// The stored integers of a constant bias, or none without one; nullopt when
/// the bias is not a constant.
static std::optional<SmallVector<int64_t>> constantBias(Value bias) {
  if (!bias)
    return SmallVector<int64_t>();
  auto constant = bias.getDefiningOp<ConstantOp>();
  if (!constant)
    return std::nullopt;
  return constant.getStoredValues();
}

/// Int8 activations against constant int8 weights with zero points 0, the
/// common quantized layer, run on the stored bytes themselves:
///   sum_k (a_k - za) w_kn = sum_k a'_k w_kn - za' colsum_n,
/// where a' is a as signed bytes (unsigned storage flips the sign bit:
/// a' = a - 128, za' = za - 128), and the constant -za' * colsum(w) joins
/// the bias in the accumulator's start. Exact modulo 2^32, like the i32
/// accumulation itself. The products are linalg.matmul or
/// linalg.conv_2d_nhwc_hwcf on i8 x i8 -> i32 with a constant right operand:
/// the forms qnn's int8 kernels recognize.
namespace {
struct Int8Layer {
  /// The activations as signed bytes, and their zero point in those terms.
  Value activations;
  int64_t zeroPoint;
  /// The weights' stored bytes (row-major) and the accumulator's start per
  /// output channel.
  Value weights, start;
};
} // namespace

/// The int8 form of a layer with `activations` (converted storage) and
/// constant `weights`, whose last dimension is the output channel; failure
/// when the layer does not qualify.
static FailureOr<Int8Layer> int8Layer(OpBuilder &b, Location loc,
                                      Value activations, Type activationType,
                                      Value weights, Value bias) {
  QuantParams in = *QuantParams::get(activationType);
  QuantParams w = *QuantParams::get(weights.getType());
  auto wType = cast<RankedTensorType>(weights.getType());
  if (in.storageBits > 8 || in.isPerAxis() || w.storageBits > 8 ||
      !w.isSigned || !wType.hasStaticShape() ||
      llvm::any_of(w.zeroPoints, [](int64_t z) { return z != 0; }))
    return failure();
  std::optional<SmallVector<int64_t>> stored = constantStoredValues(weights);
  std::optional<SmallVector<int64_t>> biasValues = constantBias(bias);
  if (!stored || !biasValues)
    return failure();

  Int8Layer layer{activations, in.zeroPoints.front(), nullptr, nullptr};
  if (!in.isSigned) {
    auto type = cast<RankedTensorType>(activations.getType());
    Value signBit = arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(b.getI8Type(), -128));
    layer.activations = buildElementwise(
        b, loc, type, activations, std::nullopt, {},
        [&](OpBuilder &nb, Location l, ValueRange v, ValueRange) -> Value {
          return arith::XOrIOp::create(nb, l, v[0], signBit);
        });
    layer.zeroPoint -= 128;
  }
  int64_t n = wType.getShape().back();
  SmallVector<APInt> bytes, start;
  SmallVector<int64_t> colsum(n, 0);
  for (auto [i, value] : llvm::enumerate(*stored)) {
    bytes.push_back(APInt(8, value, /*isSigned=*/true));
    colsum[i % n] += value;
  }
  for (int64_t c = 0; c < n; ++c) {
    int64_t v = biasValues->empty()
                    ? 0
                    : (*biasValues)[biasValues->size() == 1 ? 0 : c];
    // Wraps modulo 2^32, as the accumulation does.
    start.push_back(
        APInt(64, v - layer.zeroPoint * colsum[c], /*isSigned=*/true)
            .trunc(32));
  }
  layer.weights = arith::ConstantOp::create(
      b, loc,
      DenseIntElementsAttr::get(
          RankedTensorType::get(wType.getShape(), b.getI8Type()), bytes));
  layer.start = arith::ConstantOp::create(
      b, loc,
      DenseIntElementsAttr::get(RankedTensorType::get({n}, b.getI32Type()),
                                start));
  return layer;
}

/// qnn.matmul on the int8 path (int8Layer); none when it does not qualify.
static FailureOr<Value> lowerInt8Matmul(OpBuilder &b, MatmulOp op, Value lhs,
                                        RankedTensorType accType) {
  if (cast<RankedTensorType>(op.getRhs().getType()).getRank() != 2)
    return failure();
  Location loc = op.getLoc();
  FailureOr<Int8Layer> layer =
      int8Layer(b, loc, lhs, op.getLhs().getType(), op.getRhs(), op.getBias());
  if (failed(layer))
    return failure();
  // Dynamic sizes (batch, M) come from the lhs; N is static.
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d + 1 < accType.getRank(); ++d)
    if (accType.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, lhs, d));
  Value init = initialAccumulator(b, loc, accType, dynamicSizes, layer->start);
  Value rows = layer->activations;
  if (accType.getRank() == 2)
    return linalg::MatmulOp::create(b, loc, TypeRange{accType},
                                    ValueRange{rows, layer->weights},
                                    ValueRange{init})
        .getResult(0);
  // One weight for every batch: fold the batch into M.
  SmallVector<ReassociationIndices> batchIntoRows = {{0, 1}, {2}};
  rows = tensor::CollapseShapeOp::create(b, loc, rows, batchIntoRows);
  Value rowsInit = tensor::CollapseShapeOp::create(b, loc, init, batchIntoRows);
  Value product = linalg::MatmulOp::create(
                      b, loc, TypeRange{rowsInit.getType()},
                      ValueRange{rows, layer->weights}, ValueRange{rowsInit})
                      .getResult(0);
  return tensor::ExpandShapeOp::create(b, loc, accType, product, batchIntoRows)
      .getResult();
}

/// qnn.conv2d with one group, or depthwise without a multiplier, on the
/// int8 path (int8Layer), the padding filled with the activations' zero
/// point so that it adds nothing; none when it does not qualify.
static FailureOr<Value> lowerInt8Conv(OpBuilder &b, Conv2DOp op, Value input,
                                      RankedTensorType accType) {
  auto filterType = cast<RankedTensorType>(op.getFilter().getType());
  int64_t channels =
      cast<RankedTensorType>(op.getInput().getType()).getDimSize(3);
  auto groups = static_cast<int64_t>(op.getGroups());
  bool depthwise =
      groups == channels && groups > 1 && filterType.getDimSize(3) == channels;
  if (groups != 1 && !depthwise)
    return failure();
  Location loc = op.getLoc();
  FailureOr<Int8Layer> layer = int8Layer(b, loc, input, op.getInput().getType(),
                                         op.getFilter(), op.getBias());
  if (failed(layer))
    return failure();
  Value padded = padSpatially(b, loc, layer->activations, op.getPadding(),
                              layer->zeroPoint);
  SmallVector<Value> dynamicSizes;
  if (accType.isDynamicDim(0))
    dynamicSizes.push_back(tensor::DimOp::create(b, loc, padded, 0));
  Value init = initialAccumulator(b, loc, accType, dynamicSizes, layer->start);
  if (depthwise) {
    // [KH, KW, 1, C] -> [KH, KW, C]: the same bytes.
    auto weights = cast<DenseElementsAttr>(
        layer->weights.getDefiningOp<arith::ConstantOp>().getValue());
    Value hwc = arith::ConstantOp::create(
        b, loc,
        weights.reshape(RankedTensorType::get(
            {filterType.getDimSize(0), filterType.getDimSize(1), channels},
            b.getI8Type())));
    return linalg::DepthwiseConv2DNhwcHwcOp::create(
               b, loc, TypeRange{accType}, ValueRange{padded, hwc},
               ValueRange{init}, b.getI64TensorAttr(op.getStrides()),
               b.getI64TensorAttr(op.getDilations()))
        .getResult(0);
  }
  return linalg::Conv2DNhwcHwcfOp::create(
             b, loc, TypeRange{accType}, ValueRange{padded, layer->weights},
             ValueRange{init}, b.getI64TensorAttr(op.getStrides()),
             b.getI64TensorAttr(op.getDilations()))
      .getResult(0);
}

namespace {

struct MatmulLowering final : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    QuantParams lhsParams = *QuantParams::get(op.getLhs().getType());
    QuantParams rhsParams = *QuantParams::get(op.getRhs().getType());
    warnIfAccumulatorCanWrap(
        op, cast<RankedTensorType>(op.getLhs().getType()).getShape().back(),
        lhsParams, rhsParams, op.getBias());
    auto accType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    FailureOr<Value> fast =
        lowerInt8Matmul(rewriter, op, adaptor.getLhs(), accType);
    if (succeeded(fast)) {
      rewriter.replaceOp(op, *fast);
      return success();
    }
    unsigned width = zeroPointFreeWidth(lhsParams, rhsParams);
    Value lhs = subtractZeroPoints(rewriter, loc, adaptor.getLhs(), op.getLhs(),
                                   lhsParams, width);
    Value rhs = subtractZeroPoints(rewriter, loc, adaptor.getRhs(), op.getRhs(),
                                   rhsParams, width);

    auto lhsType = cast<RankedTensorType>(lhs.getType());
    auto rhsType = cast<RankedTensorType>(rhs.getType());
    int64_t rank = accType.getRank();
    // Dynamic sizes: batch and M from the lhs, N from the rhs.
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < rank; ++d) {
      if (!accType.isDynamicDim(d))
        continue;
      dynamicSizes.push_back(
          d + 1 < rank
              ? tensor::DimOp::create(rewriter, loc, lhs, d).getResult()
              : tensor::DimOp::create(rewriter, loc, rhs, rhsType.getRank() - 1)
                    .getResult());
    }
    Value init = initialAccumulator(rewriter, loc, accType, dynamicSizes,
                                    adaptor.getBias());

    Value result;
    if (lhsType.getRank() == 2) {
      result = linalg::MatmulOp::create(rewriter, loc, TypeRange{accType},
                                        ValueRange{lhs, rhs}, ValueRange{init})
                   .getResult(0);
    } else if (rhsType.getRank() == 3) {
      result =
          linalg::BatchMatmulOp::create(rewriter, loc, TypeRange{accType},
                                        ValueRange{lhs, rhs}, ValueRange{init})
              .getResult(0);
    } else {
      // One weight for every batch: fold the batch into M.
      SmallVector<ReassociationIndices> batchIntoRows = {{0, 1}, {2}};
      Value rows =
          tensor::CollapseShapeOp::create(rewriter, loc, lhs, batchIntoRows);
      Value rowsInit =
          tensor::CollapseShapeOp::create(rewriter, loc, init, batchIntoRows);
      Value product =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{rowsInit.getType()},
                                   ValueRange{rows, rhs}, ValueRange{rowsInit})
              .getResult(0);
      result = tensor::ExpandShapeOp::create(rewriter, loc, accType, product,
                                             batchIntoRows);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct Conv2DLowering final : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op.hasStaticShapeExceptBatch())
      return rewriter.notifyMatchFailure(
          op, "only the batch dimension may be dynamic");
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto filterType = cast<RankedTensorType>(op.getFilter().getType());
    QuantParams inParams = *QuantParams::get(inputType);
    QuantParams filterParams = *QuantParams::get(filterType);
    warnIfAccumulatorCanWrap(op,
                             filterType.getDimSize(0) *
                                 filterType.getDimSize(1) *
                                 filterType.getDimSize(2),
                             inParams, filterParams, op.getBias());
    auto accType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    FailureOr<Value> fast =
        lowerInt8Conv(rewriter, op, adaptor.getInput(), accType);
    if (succeeded(fast)) {
      rewriter.replaceOp(op, *fast);
      return success();
    }
    unsigned width = zeroPointFreeWidth(inParams, filterParams);
    Value input = subtractZeroPoints(rewriter, loc, adaptor.getInput(),
                                     op.getInput(), inParams, width);
    Value filter = subtractZeroPoints(rewriter, loc, adaptor.getFilter(),
                                      op.getFilter(), filterParams, width);
    input = padSpatially(rewriter, loc, input, op.getPadding());

    SmallVector<Value> dynamicSizes;
    if (accType.isDynamicDim(0))
      dynamicSizes.push_back(tensor::DimOp::create(rewriter, loc, input, 0));
    Value init = initialAccumulator(rewriter, loc, accType, dynamicSizes,
                                    adaptor.getBias());
    ConvOperands c{loc,
                   input,
                   filter,
                   init,
                   accType,
                   rewriter.getI64TensorAttr(op.getStrides()),
                   rewriter.getI64TensorAttr(op.getDilations()),
                   static_cast<int64_t>(op.getGroups()),
                   inputType.getDimSize(3),
                   filterType.getDimSize(3)};
    Value result;
    if (c.groups == 1)
      result = lowerPlainConv(rewriter, c);
    else if (c.groups == c.channels && c.outChannels == c.channels)
      result = lowerDepthwiseConv(rewriter, c);
    else if (c.groups == c.channels)
      result = lowerDepthwiseMultiplierConv(rewriter, c);
    else
      result = lowerGroupedConv(rewriter, c);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::qnn::detail::populateContractionPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<MatmulLowering, Conv2DLowering>(converter,
                                               patterns.getContext());
}

/// `type` with rank-2 `shape`; a per-axis element type along the last
/// dimension stays along the last dimension.
static RankedTensorType asRank2(RankedTensorType type,
                                ArrayRef<int64_t> shape) {
  Type elem = type.getElementType();
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(elem))
    elem = quant::UniformQuantizedPerAxisType::get(
        perAxis.getFlags(), perAxis.getStorageType(),
        perAxis.getExpressedType(), perAxis.getScales(),
        perAxis.getZeroPoints(), 1, perAxis.getStorageTypeMin(),
        perAxis.getStorageTypeMax());
  return RankedTensorType::get(shape, elem);
}

/// Per tensor, or per axis along the last dimension.
static bool perTensorOrLastAxis(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  auto perAxis =
      dyn_cast<quant::UniformQuantizedPerAxisType>(tensor.getElementType());
  return !perAxis || perAxis.getQuantizedDimension() == tensor.getRank() - 1;
}

void mlir::qnn::detail::flattenSharedWeightMatmuls(Operation *root) {
  SmallVector<MatmulOp> matmuls;
  root->walk([&](MatmulOp op) {
    auto lhs = cast<RankedTensorType>(op.getLhs().getType());
    auto rhs = cast<RankedTensorType>(op.getRhs().getType());
    auto hasStaticShape = [](Operation *o) {
      return cast<RankedTensorType>(o->getResult(0).getType()).hasStaticShape();
    };
    if (lhs.getRank() == 3 && rhs.getRank() == 2 && lhs.hasStaticShape() &&
        hasStaticShape(op) && op->hasOneUse() &&
        isa<RequantizeOp>(*op->getUsers().begin()) &&
        hasStaticShape(*op->getUsers().begin()) &&
        perTensorOrLastAxis(op.getType()))
      matmuls.push_back(op);
  });
  SmallVector<ReassociationIndices> batchIntoRows = {{0, 1}, {2}};
  for (MatmulOp op : matmuls) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    int64_t rows = lhsType.getDimSize(0) * lhsType.getDimSize(1);
    int64_t n = cast<RankedTensorType>(op.getType()).getDimSize(2);
    Value lhs =
        tensor::CollapseShapeOp::create(b, loc, op.getLhs(), batchIntoRows);
    auto flat = MatmulOp::create(
        b, loc, asRank2(cast<RankedTensorType>(op.getType()), {rows, n}), lhs,
        op.getRhs(), op.getBias());
    flat->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    // The elementwise chain after it: requantize, then clamps.
    SmallVector<Operation *> chain = {op};
    Value value = flat.getResult();
    while (chain.back()->hasOneUse()) {
      Operation *user = *chain.back()->getUsers().begin();
      if (!isa<RequantizeOp, ClampOp>(user) ||
          !perTensorOrLastAxis(user->getResult(0).getType()) ||
          !cast<RankedTensorType>(user->getResult(0).getType())
               .hasStaticShape())
        break;
      b.setInsertionPoint(user);
      Operation *clone = b.clone(*user);
      clone->setOperand(0, value);
      clone->getResult(0).setType(asRank2(
          cast<RankedTensorType>(user->getResult(0).getType()), {rows, n}));
      value = clone->getResult(0);
      chain.push_back(user);
    }
    Value expanded = tensor::ExpandShapeOp::create(
        b, chain.back()->getLoc(), chain.back()->getResult(0).getType(), value,
        batchIntoRows);
    chain.back()->getResult(0).replaceAllUsesWith(expanded);
    for (Operation *old : llvm::reverse(chain))
      old->erase();
  }
}
