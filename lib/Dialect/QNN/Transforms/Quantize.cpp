//===- Quantize.cpp - Post-training quantization --------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Rewrites float linalg.matmul ops with constant weights into integer
// qnn.matmul, from the ranges that qnn.stats ops record. The float code around
// each matmul is untouched: the matmul is bridged by qnn.quantize and
// qnn.dequantize, so the result is a valid, runnable model at every step.
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
/// zero constant), so the matmul computes A * B and not C + A * B.
static bool isZeroInit(Value init) {
  if (matchPattern(init, m_AnyZeroFloat()))
    return true;
  auto fill = init.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
}

namespace {
struct QuantizePass final : qnn::impl::QuantizePassBase<QuantizePass> {
  using QuantizePassBase::QuantizePassBase;

  void runOnOperation() override {
    SmallVector<linalg::MatmulOp> matmuls;
    getOperation().walk([&](linalg::MatmulOp op) { matmuls.push_back(op); });
    for (linalg::MatmulOp op : matmuls)
      if (failed(quantizeMatmul(op)))
        return signalPassFailure();
  }

  /// Builds the quantized element type of an activation with range [lo, hi].
  quant::UniformQuantizedType activationType(double lo, double hi) {
    MLIRContext *ctx = &getContext();
    ScaleAndZeroPoint p = activations == ActivationScheme::Symmetric
                              ? symmetricParams(lo, hi, kInt8)
                              : asymmetricParams(lo, hi, kInt8);
    return quant::UniformQuantizedType::get(
        quant::QuantizationFlags::Signed, IntegerType::get(ctx, 8),
        Float32Type::get(ctx), p.scale, p.zeroPoint, kInt8.min, kInt8.max);
  }

  /// Symmetric narrow-range int8 weights, per output channel (dimension 1 of
  /// a K x N matrix) or per tensor. Returns the type and the scales.
  Type weightType(DenseFPElementsAttr weights,
                  SmallVectorImpl<double> &scales) {
    MLIRContext *ctx = &getContext();
    auto shape = weights.getType().getShape();
    int64_t n = shape[1];
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
        /*quantizedDimension=*/1, kNarrowInt8.min, kNarrowInt8.max);
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

  LogicalResult quantizeMatmul(linalg::MatmulOp op) {
    Value lhs = op.getInputs()[0], rhs = op.getInputs()[1];
    Value init = op.getOutputs()[0];
    auto lhsType = dyn_cast<RankedTensorType>(lhs.getType());
    auto rhsType = dyn_cast<RankedTensorType>(rhs.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getResult(0).getType());

    // Reasons to keep a matmul in float, reported as remarks.
    if (!lhsType || !rhsType || !resultType ||
        !lhsType.getElementType().isF32() ||
        !rhsType.getElementType().isF32() ||
        !resultType.getElementType().isF32()) {
      op.emitRemark("kept in float: quantize handles f32 tensor matmuls");
      return success();
    }
    if (op.hasUserDefinedMaps()) {
      op.emitRemark("kept in float: transposed or broadcast matmul maps are "
                    "not handled yet");
      return success();
    }
    DenseFPElementsAttr weights;
    if (!matchPattern(rhs, m_Constant(&weights))) {
      op.emitRemark("kept in float: the weights are not a constant");
      return success();
    }
    for (auto [i, w] : llvm::enumerate(weights.getValues<APFloat>()))
      if (!w.isFinite())
        return op.emitError() << "weight element " << i << " is "
                              << (w.isNaN() ? "NaN" : "infinite")
                              << "; quantize needs finite weights";
    if (!isZeroInit(init)) {
      op.emitRemark("kept in float: the accumulator does not start at zero");
      return success();
    }

    // The bias and clamp that follow fold into the integer op.
    Epilogue epilogue = matchEpilogue(op.getResult(0));
    StatsOp inStats = findStats(lhs);
    StatsOp outStats = findStats(epilogue.end);
    if (!inStats || !outStats)
      return op.emitError() << "no calibration range for the "
                            << (inStats ? "result" : "input")
                            << " of this matmul; run --qnn-calibrate or "
                               "record it with qnn.stats";

    auto [inLo, inHi] = overallRange(inStats);
    auto [outLo, outHi] = overallRange(outStats);
    // The range never needs to exceed the clamp the epilogue applies.
    outLo = std::max(outLo, std::min(epilogue.lower, outHi));
    outHi = std::min(outHi, std::max(epilogue.upper, outLo));
    quant::UniformQuantizedType inElem = activationType(inLo, inHi);
    quant::UniformQuantizedType outElem = activationType(outLo, outHi);
    SmallVector<double> weightScales;
    Type weightElem = weightType(weights, weightScales);

    MLIRContext *ctx = &getContext();
    SmallVector<double> accScales;
    for (double s : weightScales)
      accScales.push_back(inElem.getScale() * s);
    Type accElem = accumulatorType(accScales, /*axis=*/1);

    OpBuilder b(op);
    Location loc = op.getLoc();
    auto withElem = [](RankedTensorType t, Type elem) {
      return RankedTensorType::get(t.getShape(), elem);
    };
    Value xq = QuantizeOp::create(b, loc, withElem(lhsType, inElem), lhs);
    // Folds to a qnn.constant holding the int8 weights.
    Value wq =
        b.createOrFold<QuantizeOp>(loc, withElem(rhsType, weightElem), rhs);
    Value bias;
    if (epilogue.bias)
      bias = quantizeBias(b, loc, epilogue.bias, accScales);
    Value acc =
        MatmulOp::create(b, loc, withElem(resultType, accElem), xq, wq, bias);
    auto outType = withElem(resultType, outElem);
    Value yq = RequantizeOp::create(b, loc, outType, acc, rounding);
    yq = clampTo(b, loc, yq, outElem, epilogue.lower, epilogue.upper);
    Value y = DequantizeOp::create(b, loc, resultType, yq);
    epilogue.end.replaceAllUsesWith(y);
    for (Operation *folded : llvm::reverse(epilogue.ops))
      if (folded->use_empty())
        folded->erase();
    if (op->use_empty())
      op.erase();
    return success();
  }
};

} // namespace
