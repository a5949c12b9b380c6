//===- QuantizeContraction.cpp - One float layer to integer qnn ops -------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/QuantizeContraction.h"

#include "qnn/Dialect/QNN/IR/QuantParams.h"
#include "qnn/Layers/Epilogue.h"
#include "qnn/Quantization/QuantSchemes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::qnn;

/// The overall [min, max] a qnn.stats op records (across all slices).
static std::pair<double, double> overallRange(StatsOp stats) {
  ArrayRef<double> mins = stats.getMin(), maxs = stats.getMax();
  return {*llvm::min_element(mins), *llvm::max_element(maxs)};
}

/// The qnn.stats op that records the range of `value`: `value` is its
/// result, or it is the input of one, or it is a reshape of such a value
/// (a range does not change under a reshape).
static StatsOp findStats(Value value) {
  if (auto stats = value.getDefiningOp<StatsOp>())
    return stats;
  for (Operation *user : value.getUsers())
    if (auto stats = dyn_cast<StatsOp>(user))
      return stats;
  Operation *def = value.getDefiningOp();
  if (isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(def))
    return findStats(def->getOperand(0));
  return nullptr;
}

/// A codebook of `k` entries whose entry 0 is exactly zero, for pruned
/// weights: the other k - 1 centroids cluster the non-zero values, so the
/// pruned weights stay zero and the pattern holds.
static Codebook codebookKeepingZeros(ArrayRef<double> values, unsigned k) {
  SmallVector<double> nonZero;
  for (double v : values)
    if (v != 0.0)
      nonZero.push_back(v);
  Codebook rest = kMeansCodebook(nonZero, k - 1);
  Codebook book;
  book.centroids.push_back(0.0);
  llvm::append_range(book.centroids, rest.centroids);
  size_t next = 0;
  for (double v : values)
    book.indices.push_back(v == 0.0 ? 0 : 1 + rest.indices[next++]);
  return book;
}

namespace {

/// Quantizes one contraction under fixed options.
class ContractionQuantizer {
public:
  ContractionQuantizer(MLIRContext *context, const QuantizeOptions &options)
      : context(context), options(options),
        activationRange(ref::StorageRange::forInteger(options.activationBits,
                                                      /*isSigned=*/true)),
        weightRange{-((int64_t{1} << (options.weightBits - 1)) - 1),
                    (int64_t{1} << (options.weightBits - 1)) - 1} {}

  /// The quantized element type of an activation with range [lo, hi].
  quant::UniformQuantizedType activationType(double lo, double hi) {
    MLIRContext *ctx = context;
    ScaleAndZeroPoint p = options.activations == ActivationScheme::Symmetric
                              ? symmetricParams(lo, hi, activationRange)
                              : asymmetricParams(lo, hi, activationRange);
    return quant::UniformQuantizedType::get(
        quant::QuantizationFlags::Signed,
        IntegerType::get(ctx, options.activationBits), Float32Type::get(ctx),
        p.scale, p.zeroPoint, activationRange.min, activationRange.max);
  }

  /// Uniform weights, per output channel (the last dimension) or per
  /// tensor: symmetric narrow range with zero point 0 (default), or
  /// asymmetric over the full storage range. Returns the type and the
  /// scales.
  Type weightType(DenseFPElementsAttr weights,
                  SmallVectorImpl<double> &scales) {
    MLIRContext *ctx = context;
    auto shape = weights.getType().getShape();
    int64_t n = shape.back();
    bool perTensor = options.weightGranularity == Granularity::PerTensor;
    int64_t channels = perTensor ? 1 : n;
    SmallVector<double> lo(channels, 0.0), hi(channels, 0.0);
    if (weights.isSplat()) {
      // O(channels), however large the splat says the tensor is.
      double w = weights.getSplatValue<APFloat>().convertToDouble();
      llvm::fill(lo, std::min(0.0, w));
      llvm::fill(hi, std::max(0.0, w));
    } else {
      int64_t i = 0;
      for (const APFloat &w : weights.getValues<APFloat>()) {
        int64_t c = perTensor ? 0 : i % n;
        ++i;
        lo[c] = std::min(lo[c], w.convertToDouble());
        hi[c] = std::max(hi[c], w.convertToDouble());
      }
    }
    bool symmetric = options.weights == WeightSymmetry::Symmetric;
    ref::StorageRange range =
        symmetric ? weightRange
                  : ref::StorageRange::forInteger(options.weightBits, true);
    SmallVector<int64_t> zeroPoints;
    for (int64_t c = 0; c < channels; ++c) {
      double bound = std::max(-lo[c], hi[c]);
      ScaleAndZeroPoint p = symmetric ? symmetricParams(-bound, bound, range)
                                      : asymmetricParams(lo[c], hi[c], range);
      scales.push_back(p.scale);
      zeroPoints.push_back(p.zeroPoint);
    }
    auto storage = IntegerType::get(ctx, options.weightBits);
    auto f32 = Float32Type::get(ctx);
    unsigned flags = quant::QuantizationFlags::Signed;
    if (perTensor)
      return quant::UniformQuantizedType::get(
          flags, storage, f32, scales[0], zeroPoints[0], range.min, range.max);
    return quant::UniformQuantizedPerAxisType::get(
        flags, storage, f32, scales, zeroPoints,
        /*quantizedDimension=*/shape.size() - 1, range.min, range.max);
  }

  static RankedTensorType withElem(Type t, Type elem) {
    return RankedTensorType::get(cast<RankedTensorType>(t).getShape(), elem);
  }

  /// The weights as uniform integers: a qnn.constant (packed below 8 bits).
  Value uniformWeights(OpBuilder &b, Location loc, DenseFPElementsAttr weights,
                       SmallVectorImpl<double> &scales) {
    Type elem = weightType(weights, scales);
    Value floats = arith::ConstantOp::create(b, loc, weights);
    Value wq = b.createOrFold<QuantizeOp>(
        loc, withElem(weights.getType(), elem), floats);
    eraseDeadChain(floats.getDefiningOp());
    return wq;
  }

  /// The weights as a k-means codebook: `weightBits`-bit indices into
  /// 2^weightBits centroids per tensor or per output channel (the last
  /// dimension), the centroids stored as symmetric narrow-range int8 with a
  /// scale per table. `scales` gets the table scales. With `keepZeros`
  /// (pruned weights), entry 0 of each table is zero.
  Value codebookWeights(OpBuilder &b, Location loc, DenseFPElementsAttr weights,
                        bool keepZeros, SmallVectorImpl<double> &scales) {
    auto type = weights.getType();
    ArrayRef<int64_t> shape = type.getShape();
    int64_t n = shape.back(), rank = shape.size();
    unsigned k = 1u << options.weightBits;
    bool perChannel = options.weightGranularity == Granularity::PerChannel;
    int64_t rows = perChannel ? n : 1;
    SmallVector<SmallVector<double>> slices(rows);
    if (weights.isSplat()) {
      // Every slice is one repeated value: cluster one of each.
      for (SmallVector<double> &slice : slices)
        slice.push_back(weights.getSplatValue<APFloat>().convertToDouble());
    } else {
      int64_t i = 0;
      for (const APFloat &w : weights.getValues<APFloat>())
        slices[perChannel ? i++ % n : 0].push_back(w.convertToDouble());
    }
    ref::StorageRange int8{-127, 127};
    SmallVector<Codebook> books;
    SmallVector<APInt> table;
    for (ArrayRef<double> slice : slices) {
      books.push_back(keepZeros ? codebookKeepingZeros(slice, k)
                                : kMeansCodebook(slice, k));
      double bound = 0;
      for (double c : books.back().centroids)
        bound = std::max(bound, std::fabs(c));
      double scale = symmetricParams(-bound, bound, int8).scale;
      scales.push_back(scale);
      for (double c : books.back().centroids)
        table.push_back(
            APInt(8, ref::quantize(static_cast<float>(c), scale, 0, int8),
                  /*isSigned=*/true));
    }
    // Each value's index, in row-major order (slice j holds the values of
    // channel j in order).
    SmallVector<APInt> indices;
    SmallVector<size_t> next(rows, 0);
    if (weights.isSplat()) {
      indices.push_back(APInt(options.weightBits, books[0].indices[0]));
    } else {
      for (int64_t e = 0; e < type.getNumElements(); ++e) {
        int64_t row = perChannel ? e % n : 0;
        indices.push_back(
            APInt(options.weightBits, books[row].indices[next[row]++]));
      }
    }
    MLIRContext *ctx = context;
    auto i8 = IntegerType::get(ctx, 8);
    auto f32 = Float32Type::get(ctx);
    unsigned flags = quant::QuantizationFlags::Signed;
    auto perAxis = [&](int32_t axis) -> Type {
      return quant::UniformQuantizedPerAxisType::get(
          flags, i8, f32, scales, SmallVector<int64_t>(rows, 0), axis, int8.min,
          int8.max);
    };
    Type tableElem =
        perChannel ? perAxis(0)
                   : quant::UniformQuantizedType::get(flags, i8, f32, scales[0],
                                                      0, int8.min, int8.max);
    Type resultElem = perChannel ? perAxis(rank - 1) : tableElem;
    SmallVector<int64_t> tableShape;
    if (perChannel)
      tableShape.push_back(n);
    tableShape.push_back(k);
    Value centroids =
        ConstantOp::create(b, loc, RankedTensorType::get(tableShape, tableElem),
                           DenseIntElementsAttr::get(
                               RankedTensorType::get(tableShape, i8), table));
    Value index = arith::ConstantOp::create(
        b, loc,
        DenseIntElementsAttr::get(
            RankedTensorType::get(shape, b.getIntegerType(options.weightBits)),
            indices));
    return CodebookLookupOp::create(
        b, loc, withElem(type, resultElem), index, centroids,
        perChannel ? b.getI64IntegerAttr(rank - 1) : IntegerAttr());
  }

  /// An i32 accumulator type with `scales`: per axis along `axis` when the
  /// weights are (even with a single output channel), else per tensor.
  Type accumulatorType(ArrayRef<double> scales, bool perAxis, int32_t axis) {
    MLIRContext *ctx = context;
    auto i32 = IntegerType::get(ctx, 32);
    auto f32 = Float32Type::get(ctx);
    unsigned flags = quant::QuantizationFlags::Signed;
    int64_t lo = std::numeric_limits<int32_t>::min();
    int64_t hi = std::numeric_limits<int32_t>::max();
    if (!perAxis)
      return quant::UniformQuantizedType::get(flags, i32, f32, scales[0], 0, lo,
                                              hi);
    return quant::UniformQuantizedPerAxisType::get(
        flags, i32, f32, scales, SmallVector<int64_t>(scales.size(), 0), axis,
        lo, hi);
  }

  /// The float bias as int32 at the accumulator's scale of each channel:
  /// round(bias / (input scale * weight scale)), saturated.
  Value quantizeBias(OpBuilder &b, Location loc, DenseFPElementsAttr bias,
                     ArrayRef<double> accScales, bool perAxis) {
    auto type = RankedTensorType::get({bias.getNumElements()},
                                      accumulatorType(accScales, perAxis, 0));
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

  /// The sum of two optional per-channel float biases.
  static DenseFPElementsAttr addBiases(DenseFPElementsAttr a,
                                       DenseFPElementsAttr b) {
    if (!a || !b)
      return a ? a : b;
    SmallVector<float> sum;
    for (auto [x, y] : llvm::zip(a.getValues<float>(), b.getValues<float>()))
      sum.push_back(x + y);
    return cast<DenseFPElementsAttr>(
        DenseElementsAttr::get(a.getType(), ArrayRef<float>(sum)));
  }

  /// Erases `root` if it is trivially dead, then whatever fed only it.
  static void eraseDeadChain(Operation *root) {
    llvm::SetVector<Operation *> worklist;
    if (root)
      worklist.insert(root);
    while (!worklist.empty()) {
      Operation *op = worklist.pop_back_val();
      if (!isOpTriviallyDead(op))
        continue;
      // An erased op has no users, so it is never a producer added later.
      for (Value operand : op->getOperands())
        if (Operation *producer = operand.getDefiningOp())
          worklist.insert(producer);
      op->erase();
    }
  }

  /// The input's and output's types from the ranges recorded by qnn.stats
  /// (the output's range cut to the epilogue's clamp).
  LogicalResult activationTypes(const FloatContraction &c,
                                const Epilogue &epilogue,
                                quant::UniformQuantizedType &inElem,
                                quant::UniformQuantizedType &outElem) {
    StatsOp inStats = findStats(c.input);
    StatsOp outStats = findStats(epilogue.end);
    if (!inStats || !outStats)
      return c.op->emitError()
             << "no calibration range for the "
             << (inStats ? "result" : "input") << " of this "
             << (c.isConv ? "convolution" : "matmul")
             << "; run --qnn-calibrate or record it with qnn.stats";
    auto [inLo, inHi] = overallRange(inStats);
    auto [outLo, outHi] = overallRange(outStats);
    for (auto [stats, lo, hi] :
         {std::tuple(inStats, inLo, inHi), std::tuple(outStats, outLo, outHi)})
      if (std::string problem = rangeScaleProblem(lo, hi); !problem.empty())
        return stats.emitOpError() << "cannot be quantized: " << problem;
    // The range never needs to exceed the clamp the epilogue applies.
    outLo = std::max(outLo, std::min(epilogue.lower, outHi));
    outHi = std::min(outHi, std::max(epilogue.upper, outLo));
    inElem = activationType(inLo, inHi);
    outElem = activationType(outLo, outHi);
    return success();
  }

  /// Weights already quantized elsewhere, given by their real values: each
  /// is scale x (q - zero point) to within a float rounding, so quantizing
  /// it to `elem` again gives back q exactly.
  Value givenWeights(OpBuilder &b, Location loc, DenseFPElementsAttr weights,
                     Type elem, SmallVectorImpl<double> &scales) {
    scales.append(QuantParams::get(elem)->scales);
    Value floats = arith::ConstantOp::create(b, loc, weights);
    Value wq = b.createOrFold<QuantizeOp>(
        loc, withElem(weights.getType(), elem), floats);
    eraseDeadChain(floats.getDefiningOp());
    return wq;
  }

  FailureOr<QuantizedLayer> quantize(FloatContraction &c,
                                     const GivenQuantization *given) {
    Operation *op = c.op;
    auto checkFinite = [&](size_t i, const APFloat &w) {
      if (w.isFinite())
        return true;
      op->emitError() << "weight element " << i << " is "
                      << (w.isNaN() ? "NaN" : "infinite")
                      << "; quantize needs finite weights";
      return false;
    };
    // A splat is checked once: its element count may be one the file never
    // held.
    if (c.weights.isSplat()) {
      if (!checkFinite(0, c.weights.getSplatValue<APFloat>()))
        return failure();
    } else {
      for (auto [i, w] : llvm::enumerate(c.weights.getValues<APFloat>()))
        if (!checkFinite(i, w))
          return failure();
    }

    // The bias and clamp that follow fold into the integer op.
    Epilogue epilogue = matchEpilogue(c.result);
    DenseFPElementsAttr bias = addBiases(c.initBias, epilogue.bias);
    // Ranges recorded on the padded activation (a hand-written test may do
    // that) keep the pad in float.
    if (c.pad && !findStats(c.input) && findStats(c.pad.getResult())) {
      c.input = c.pad.getResult();
      c.padding = {0, 0, 0, 0};
    }
    quant::UniformQuantizedType inElem, outElem;
    if (given) {
      inElem = given->input;
      outElem = given->output;
    } else if (failed(activationTypes(c, epilogue, inElem, outElem))) {
      return failure();
    }
    // At the end of the epilogue: the dynamic sizes of a reshape in it are
    // computed after the contraction.
    OpBuilder b(epilogue.end.getDefiningOp());
    Location loc = op->getLoc();
    Value xq = QuantizeOp::create(b, loc, withElem(c.input.getType(), inElem),
                                  c.input);
    SmallVector<double> weightScales;
    bool pruned = static_cast<bool>(c.pattern);
    Value wq =
        given ? givenWeights(b, loc, c.weights, given->weights, weightScales)
        : options.weightScheme == WeightScheme::KMeans
            ? codebookWeights(b, loc, c.weights, pruned, weightScales)
            : uniformWeights(b, loc, c.weights, weightScales);

    // Zeros quantize to the zero point: the pattern still holds.
    if (pruned)
      wq = PrunedOp::create(b, loc, wq.getType(), wq, c.pattern);
    SmallVector<double> accScales;
    for (double s : weightScales)
      accScales.push_back(inElem.getScale() * s);
    auto resultType = cast<RankedTensorType>(c.result.getType());
    bool perAxis = isa<quant::UniformQuantizedPerAxisType>(
        cast<RankedTensorType>(wq.getType()).getElementType());
    Type accElem =
        accumulatorType(accScales, perAxis, resultType.getRank() - 1);

    Value biasQ;
    if (bias)
      biasQ = quantizeBias(b, loc, bias, accScales, perAxis);
    Type accType = withElem(resultType, accElem);
    Value acc;
    if (c.isConv) {
      auto conv = Conv2DOp::create(b, loc, accType, xq, wq, biasQ);
      conv.setStrides(c.strides);
      conv.setDilations(c.dilations);
      conv.setPadding(c.padding);
      conv.setGroups(c.groups);
      acc = conv;
    } else {
      acc = MatmulOp::create(b, loc, accType, xq, wq, biasQ);
    }
    Value yq = RequantizeOp::create(b, loc, withElem(resultType, outElem), acc,
                                    options.rounding);
    // Shape queries left on the float chain (sizes were resolved to the
    // inputs where possible) move to the quantized value of the same shape
    // when it dominates them, so the float ops die.
    DominanceInfo dominance;
    auto moveDims = [&](Value from, Value to) {
      for (OpOperand &use : llvm::make_early_inc_range(from.getUses()))
        if (isa<tensor::DimOp>(use.getOwner()) &&
            dominance.properlyDominates(to, use.getOwner()))
          use.set(to);
    };
    moveDims(c.result, yq);
    for (Operation *folded : epilogue.ops) {
      if (llvm::is_contained(epilogue.reshapes, folded)) {
        Operation *moved = b.clone(*folded);
        moved->setOperand(0, yq);
        moved->getResult(0).setType(
            withElem(folded->getResult(0).getType(), outElem));
        yq = moved->getResult(0);
      }
      moveDims(folded->getResult(0), yq);
    }
    yq = clampTo(b, loc, yq, outElem, epilogue.lower, epilogue.upper);
    // The layer's output keeps the name (location) of the value it replaces.
    Value y = DequantizeOp::create(b, epilogue.end.getLoc(),
                                   epilogue.end.getType(), yq);
    epilogue.end.replaceAllUsesWith(y);
    // The float chain is dead now; so are the ops only it used (the float
    // weights, the accumulator's init, a folded pad).
    eraseDeadChain(epilogue.end.getDefiningOp());
    return QuantizedLayer{y, acc.getDefiningOp()};
  }

private:
  MLIRContext *context;
  const QuantizeOptions &options;
  /// Full range for activations, symmetric narrow range for weights.
  ref::StorageRange activationRange;
  ref::StorageRange weightRange;
};

} // namespace

FailureOr<QuantizedLayer>
mlir::qnn::quantizeContraction(FloatContraction &c,
                               const QuantizeOptions &options,
                               const GivenQuantization *given) {
  return ContractionQuantizer(c.op->getContext(), options).quantize(c, given);
}

void mlir::qnn::resolveShapeQueries(func::FuncOp func) {
  // Only the dims are rewritten: a greedy run over the function would also
  // erase qnn.stats beside a value (their results are unused).
  RewritePatternSet patterns(func.getContext());
  memref::populateResolveRankedShapedTypeResultDimsPatterns(patterns);
  SmallVector<Operation *> dims;
  func.walk([&](tensor::DimOp dim) { dims.push_back(dim); });
  GreedyRewriteConfig config;
  config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
  (void)applyOpPatternsGreedily(dims, std::move(patterns), config);
}
