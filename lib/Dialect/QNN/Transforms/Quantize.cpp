//===- Quantize.cpp - Post-training quantization --------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Rewrites float contractions with constant weights (linalg.matmul,
// linalg.conv_2d_nhwc_hwcf, linalg.depthwise_conv_2d_nhwc_hwc) and the bias
// and clamp epilogue that follows them into integer qnn ops, from the ranges
// that qnn.stats ops record. Each rewritten region is bridged by
// qnn.quantize and qnn.dequantize, so the result is a valid, runnable model at
// every step; canonicalization then joins adjacent quantized regions.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"
#include "qnn/Dialect/QNN/Transforms/Epilogue.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"
#include "qnn/Dialect/QNN/Transforms/QuantSchemes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>
#include <cmath>

namespace mlir::qnn {
#define GEN_PASS_DEF_QUANTIZEPASS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

static constexpr ref::StorageRange kInt8{-128, 127};
static constexpr ref::StorageRange kNarrowInt8{-127, 127};

/// The overall [min, max] a qnn.stats op records (across all slices).
static std::pair<double, double> overallRange(StatsOp stats) {
  ArrayRef<double> mins = stats.getMin(), maxs = stats.getMax();
  return {*llvm::min_element(mins), *llvm::max_element(maxs)};
}

/// The qnn.stats op that records the range of `value`: `value` is its
/// result, or it is the input of one.
static StatsOp findStats(Value value) {
  if (auto stats = value.getDefiningOp<StatsOp>())
    return stats;
  for (Operation *user : value.getUsers())
    if (auto stats = dyn_cast<StatsOp>(user))
      return stats;
  return nullptr;
}

/// True when `init` is a tensor of float zeros (a linalg.fill of 0.0 or a
/// zero constant), so the op computes A * B and not C + A * B.
static bool isZeroInit(Value init) {
  if (matchPattern(init, m_AnyZeroFloat()))
    return true;
  auto fill = init.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
}

/// Reads an i64 vector attribute (strides, dilations) of a linalg conv.
static SmallVector<int64_t> readVector(DenseIntElementsAttr attr) {
  SmallVector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

namespace {

/// What the rewrite needs to know about one float contraction.
struct Contraction {
  linalg::LinalgOp op;
  /// The activation as quantization will see it (a zero tensor.pad in front
  /// of a convolution is folded into `padding`).
  Value input;
  /// Float weights laid out as qnn wants them: K x N, or HWCF.
  DenseFPElementsAttr weights;
  bool isConv = false;
  SmallVector<int64_t> strides{1, 1}, dilations{1, 1}, padding{0, 0, 0, 0};
  int64_t groups = 1;
};

struct QuantizePass final : qnn::impl::QuantizePassBase<QuantizePass> {
  using QuantizePassBase::QuantizePassBase;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isa<linalg::MatmulOp, linalg::Conv2DNhwcHwcfOp,
              linalg::DepthwiseConv2DNhwcHwcOp>(op.getOperation()))
        ops.push_back(op);
    });
    for (linalg::LinalgOp op : ops) {
      std::optional<Contraction> c = analyze(op);
      if (c && failed(quantize(*c)))
        return signalPassFailure();
    }
  }

  /// Recognizes a quantizable contraction; emits a remark naming why an op
  /// stays in float and returns nullopt.
  std::optional<Contraction> analyze(linalg::LinalgOp op) {
    auto keep = [&](const Twine &why) -> std::optional<Contraction> {
      op->emitRemark("kept in float: " + why);
      return std::nullopt;
    };
    for (Type t : op->getOperandTypes())
      if (!isa<RankedTensorType>(t) ||
          !cast<RankedTensorType>(t).getElementType().isF32())
        return keep("quantize handles f32 tensor operands");
    Contraction c;
    c.op = op;
    c.input = op.getDpsInputs()[0];
    Value rhs = op.getDpsInputs()[1];
    if (!matchPattern(rhs, m_Constant(&c.weights)))
      return keep("the weights are not a constant");
    if (!isZeroInit(op.getDpsInits()[0]))
      return keep("the accumulator does not start at zero");

    if (auto matmul = dyn_cast<linalg::MatmulOp>(op.getOperation())) {
      if (matmul.hasUserDefinedMaps())
        return keep("transposed or broadcast matmul maps are not handled yet");
      return c;
    }
    c.isConv = true;
    if (auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(op.getOperation())) {
      c.strides = readVector(conv.getStrides());
      c.dilations = readVector(conv.getDilations());
    } else {
      auto dw = cast<linalg::DepthwiseConv2DNhwcHwcOp>(op.getOperation());
      c.strides = readVector(dw.getStrides());
      c.dilations = readVector(dw.getDilations());
      // [KH, KW, C] -> [KH, KW, 1, C], one group per channel.
      auto type = c.weights.getType();
      c.groups = type.getDimSize(2);
      c.weights =
          cast<DenseFPElementsAttr>(c.weights.reshape(RankedTensorType::get(
              {type.getDimSize(0), type.getDimSize(1), 1, type.getDimSize(2)},
              type.getElementType())));
    }
    // A spatial zero padding in front folds into the qnn op (the quantized
    // zero point is an exact real zero).
    if (auto pad = c.input.getDefiningOp<tensor::PadOp>()) {
      Value padValue = pad.getConstantPaddingValue();
      SmallVector<int64_t> low(pad.getStaticLow()), high(pad.getStaticHigh());
      bool spatialOnly = low.size() == 4 && low[0] == 0 && low[3] == 0 &&
                         high[0] == 0 && high[3] == 0 &&
                         !llvm::is_contained(low, ShapedType::kDynamic) &&
                         !llvm::is_contained(high, ShapedType::kDynamic);
      if (padValue && matchPattern(padValue, m_AnyZeroFloat()) && spatialOnly &&
          findStats(pad.getSource())) {
        c.input = pad.getSource();
        c.padding = {low[1], high[1], low[2], high[2]};
      }
    }
    return c;
  }

  /// The quantized element type of an activation with range [lo, hi].
  quant::UniformQuantizedType activationType(double lo, double hi) {
    MLIRContext *ctx = &getContext();
    ScaleAndZeroPoint p = activations == ActivationScheme::Symmetric
                              ? symmetricParams(lo, hi, kInt8)
                              : asymmetricParams(lo, hi, kInt8);
    return quant::UniformQuantizedType::get(
        quant::QuantizationFlags::Signed, IntegerType::get(ctx, 8),
        Float32Type::get(ctx), p.scale, p.zeroPoint, kInt8.min, kInt8.max);
  }

  /// Symmetric narrow-range int8 weights, per output channel (the last
  /// dimension) or per tensor. Returns the type and the scales.
  Type weightType(DenseFPElementsAttr weights,
                  SmallVectorImpl<double> &scales) {
    MLIRContext *ctx = &getContext();
    auto shape = weights.getType().getShape();
    int64_t n = shape.back();
    SmallVector<double> maxAbs(n, 0.0);
    int64_t i = 0;
    for (const APFloat &w : weights.getValues<APFloat>()) {
      double &bound = maxAbs[i++ % n];
      bound = std::max(bound, std::fabs(w.convertToDouble()));
    }
    auto storage = IntegerType::get(ctx, 8);
    auto f32 = Float32Type::get(ctx);
    unsigned flags = quant::QuantizationFlags::Signed;
    if (weightGranularity == Granularity::PerTensor) {
      double bound = *llvm::max_element(maxAbs);
      double scale = symmetricParams(-bound, bound, kNarrowInt8).scale;
      scales.assign(1, scale);
      return quant::UniformQuantizedType::get(flags, storage, f32, scale, 0,
                                              kNarrowInt8.min, kNarrowInt8.max);
    }
    for (double bound : maxAbs)
      scales.push_back(symmetricParams(-bound, bound, kNarrowInt8).scale);
    return quant::UniformQuantizedPerAxisType::get(
        flags, storage, f32, scales, SmallVector<int64_t>(n, 0),
        /*quantizedDimension=*/shape.size() - 1, kNarrowInt8.min,
        kNarrowInt8.max);
  }

  /// An i32 accumulator type with `scales`, per tensor when there is one.
  Type accumulatorType(ArrayRef<double> scales, int32_t axis) {
    MLIRContext *ctx = &getContext();
    auto i32 = IntegerType::get(ctx, 32);
    auto f32 = Float32Type::get(ctx);
    unsigned flags = quant::QuantizationFlags::Signed;
    int64_t lo = std::numeric_limits<int32_t>::min();
    int64_t hi = std::numeric_limits<int32_t>::max();
    if (scales.size() == 1)
      return quant::UniformQuantizedType::get(flags, i32, f32, scales[0], 0, lo,
                                              hi);
    return quant::UniformQuantizedPerAxisType::get(
        flags, i32, f32, scales, SmallVector<int64_t>(scales.size(), 0), axis,
        lo, hi);
  }

  /// The float bias as int32 at the accumulator's scale of each channel:
  /// round(bias / (input scale * weight scale)), saturated.
  Value quantizeBias(OpBuilder &b, Location loc, DenseFPElementsAttr bias,
                     ArrayRef<double> accScales) {
    auto type = RankedTensorType::get({bias.getNumElements()},
                                      accumulatorType(accScales, /*axis=*/0));
    ref::StorageRange i32 = ref::StorageRange::forInteger(32, true);
    SmallVector<APInt> values;
    int64_t c = 0;
    for (const APFloat &v : bias.getValues<APFloat>()) {
      double scale = accScales[accScales.size() == 1 ? 0 : c++];
      values.push_back(APInt(32,
                             ref::quantize(v.convertToFloat(), scale, 0, i32),
                             /*isSigned=*/true));
    }
    auto storage =
        RankedTensorType::get({bias.getNumElements()}, b.getIntegerType(32));
    return ConstantOp::create(b, loc, type,
                              DenseIntElementsAttr::get(storage, values));
  }

  /// Clamps stored values to the quantized [lower, upper] (a ReLU is
  /// lower = 0); nothing when the bounds cover the storage range.
  Value clampTo(OpBuilder &b, Location loc, Value q,
                quant::UniformQuantizedType type, double lower, double upper) {
    ref::StorageRange range{type.getStorageTypeMin(), type.getStorageTypeMax()};
    auto bound = [&](double v) {
      if (std::isinf(v))
        return v < 0 ? range.min : range.max;
      return ref::quantize(static_cast<float>(v), type.getScale(),
                           type.getZeroPoint(), range);
    };
    int64_t lo = bound(lower), hi = bound(upper);
    if (lo <= range.min && hi >= range.max)
      return q;
    return ClampOp::create(b, loc, q.getType(), q, b.getI64IntegerAttr(lo),
                           b.getI64IntegerAttr(hi));
  }

  LogicalResult quantize(Contraction &c) {
    Operation *op = c.op;
    for (auto [i, w] : llvm::enumerate(c.weights.getValues<APFloat>()))
      if (!w.isFinite())
        return op->emitError() << "weight element " << i << " is "
                               << (w.isNaN() ? "NaN" : "infinite")
                               << "; quantize needs finite weights";

    // The bias and clamp that follow fold into the integer op.
    Epilogue epilogue = matchEpilogue(op->getResult(0));
    StatsOp inStats = findStats(c.input);
    StatsOp outStats = findStats(epilogue.end);
    if (!inStats || !outStats)
      return op->emitError()
             << "no calibration range for the "
             << (inStats ? "result" : "input") << " of this "
             << (c.isConv ? "convolution" : "matmul")
             << "; run --qnn-calibrate or record it with qnn.stats";

    auto [inLo, inHi] = overallRange(inStats);
    auto [outLo, outHi] = overallRange(outStats);
    // The range never needs to exceed the clamp the epilogue applies.
    outLo = std::max(outLo, std::min(epilogue.lower, outHi));
    outHi = std::min(outHi, std::max(epilogue.upper, outLo));
    quant::UniformQuantizedType inElem = activationType(inLo, inHi);
    quant::UniformQuantizedType outElem = activationType(outLo, outHi);
    SmallVector<double> weightScales;
    Type weightElem = weightType(c.weights, weightScales);
    SmallVector<double> accScales;
    for (double s : weightScales)
      accScales.push_back(inElem.getScale() * s);
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    Type accElem = accumulatorType(accScales, resultType.getRank() - 1);

    OpBuilder b(op);
    Location loc = op->getLoc();
    auto withElem = [](Type t, Type elem) {
      return RankedTensorType::get(cast<RankedTensorType>(t).getShape(), elem);
    };
    Value xq = QuantizeOp::create(b, loc, withElem(c.input.getType(), inElem),
                                  c.input);
    // Folds to a qnn.constant holding the int8 weights.
    Value weights = arith::ConstantOp::create(b, loc, c.weights);
    Value wq = b.createOrFold<QuantizeOp>(
        loc, withElem(c.weights.getType(), weightElem), weights);
    Value bias;
    if (epilogue.bias)
      bias = quantizeBias(b, loc, epilogue.bias, accScales);
    Type accType = withElem(resultType, accElem);
    Value acc;
    if (c.isConv) {
      auto conv = Conv2DOp::create(b, loc, accType, xq, wq, bias);
      conv.setStrides(c.strides);
      conv.setDilations(c.dilations);
      conv.setPadding(c.padding);
      conv.setGroups(c.groups);
      acc = conv;
    } else {
      acc = MatmulOp::create(b, loc, accType, xq, wq, bias);
    }
    Value yq = RequantizeOp::create(b, loc, withElem(resultType, outElem), acc,
                                    rounding);
    yq = clampTo(b, loc, yq, outElem, epilogue.lower, epilogue.upper);
    Value y = DequantizeOp::create(b, loc, resultType, yq);
    epilogue.end.replaceAllUsesWith(y);
    for (Operation *folded : llvm::reverse(epilogue.ops))
      if (folded->use_empty())
        folded->erase();
    if (op->use_empty())
      op->erase();
    return success();
  }
};

} // namespace
