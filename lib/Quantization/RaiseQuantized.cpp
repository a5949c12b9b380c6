//===- RaiseQuantized.cpp - Models quantized elsewhere on qnn ops ---------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A model quantized by another tool in QDQ form (ONNX QDQ, PyTorch PT2E;
// quant.qcast/dcast imported as qnn.quantize/dequantize) computes each layer
// in float between a dequantize of its quantized input and weights and a
// quantize of its result. That is the integer layer qnn runs: the float
// contraction, with its bias and clamp, becomes qnn.matmul / qnn.conv2d on
// the stored integers and a requantize to the quantize's type, with the
// given scales and zero points (QuantizeContraction.h), rounding half to
// even as ONNX's QuantizeLinear does. The integer program computes what the
// float simulation computes, up to its float rounding. Linalg's quantized
// ops (zero points as operands, no scales) become qnn ops on scale-1 types
// that compute the same integers.
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/Passes.h"

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"
#include "qnn/Dialect/QNN/Transforms/TensorNames.h"
#include "qnn/Layers/Epilogue.h"
#include "qnn/Layers/FloatContraction.h"
#include "qnn/Quantization/QuantizeContraction.h"

#include "Raising.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Remarks.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNRAISEQUANTIZEDPASS
#include "qnn/Quantization/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::detail;

using remark::RemarkOpts;

RemarkOpts mlir::qnn::detail::raiseDecision(Operation *op) {
  auto func = op->getParentOfType<func::FuncOp>();
  return remark::RemarkOpts::name("raise")
      .category("quantize")
      .function(func ? func.getName() : StringRef());
}

Value mlir::qnn::detail::asQuantized(OpBuilder &b, Location loc, Value value,
                                     Type elem) {
  auto quantized = cast<RankedTensorType>(value.getType()).clone(elem);
  // A value raising has just cast to storage reads as it was.
  if (auto cast = value.getDefiningOp<quant::StorageCastOp>();
      cast && cast.getInput().getType() == quantized)
    return cast.getInput();
  DenseIntElementsAttr values;
  if (matchPattern(value, m_Constant(&values)))
    return ConstantOp::create(b, loc, quantized, values);
  return quant::StorageCastOp::create(b, loc, quantized, value);
}

Value mlir::qnn::detail::withZeroPoint(OpBuilder &b, Location loc, Value value,
                                       int64_t zeroPoint) {
  auto storage = cast<RankedTensorType>(value.getType()).getElementType();
  auto elem = quant::UniformQuantizedType::get(quant::QuantizationFlags::Signed,
                                               storage, b.getF32Type(), 1.0,
                                               zeroPoint, -128, 127);
  return asQuantized(b, loc, value, elem);
}

/// qnn.quantize of a float constant (QDQ weights) folded to a qnn.constant.
static void foldConstantQuantizes(func::FuncOp func) {
  SmallVector<QuantizeOp> quantizes;
  func.walk([&](QuantizeOp op) {
    if (matchPattern(op.getInput(), m_Constant()))
      quantizes.push_back(op);
  });
  for (QuantizeOp op : quantizes) {
    SmallVector<OpFoldResult> folded;
    if (failed(op->fold(folded)) || folded.size() != 1 ||
        !isa<Attribute>(folded[0]))
      continue;
    OpBuilder b(op);
    Operation *constant = op->getDialect()->materializeConstant(
        b, cast<Attribute>(folded[0]), op.getType(), op.getLoc());
    if (!constant)
      continue;
    Operation *floats = op.getInput().getDefiningOp();
    op.replaceAllUsesWith(constant->getResult(0));
    op.erase();
    if (floats->use_empty())
      floats->erase();
  }
}

/// qnn.quantize(qnn.dequantize(x)) to x's own type is x.
static void foldRoundTrips(func::FuncOp func) {
  func.walk([](QuantizeOp op) {
    auto dequantize = op.getInput().getDefiningOp<DequantizeOp>();
    if (dequantize && dequantize.getInput().getType() == op.getType()) {
      op.replaceAllUsesWith(dequantize.getInput());
      op.erase();
      if (dequantize->use_empty())
        dequantize.erase();
    }
  });
}

static quant::UniformQuantizedType perTensorElement(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor ? dyn_cast<quant::UniformQuantizedType>(tensor.getElementType())
                : nullptr;
}

/// The one qnn.quantize that reads `value` (tensor.dim queries aside), or
/// null.
static QuantizeOp soleQuantize(Value value) {
  QuantizeOp quantize;
  for (Operation *user : value.getUsers()) {
    if (isa<tensor::DimOp>(user))
      continue;
    if (quantize || !isa<QuantizeOp>(user))
      return QuantizeOp();
    quantize = cast<QuantizeOp>(user);
  }
  return quantize;
}

/// The element type of `c`'s quantized weights in qnn's layout: per tensor
/// as they are, per axis only along the output channels (then the last
/// dimension); null otherwise.
static Type weightsInQnnLayout(const FloatContraction &c) {
  Type elem = c.dequantizedFrom.getElementType();
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(elem);
  if (!perAxis)
    return elem;
  if (perAxis.getQuantizedDimension() != c.weightDims.back())
    return nullptr;
  return quant::UniformQuantizedPerAxisType::get(
      perAxis.getFlags(), perAxis.getStorageType(), perAxis.getExpressedType(),
      perAxis.getScales(), perAxis.getZeroPoints(), c.weightDims.size() - 1,
      perAxis.getStorageTypeMin(), perAxis.getStorageTypeMax());
}

/// A zero i32 accumulator: a linalg.fill of 0, or a zero constant.
static bool isZeroAccumulator(Value init) {
  if (matchPattern(init, m_Zero()))
    return true;
  auto fill = init.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_Zero());
}

/// linalg.quantized_matmul, quantized_batch_matmul and conv_2d_nhwc_hwcf_q
/// (C = sum (A - za)(B - zb) in i32, zero points as operands) as qnn.matmul
/// / qnn.conv2d on A and B quantized with scale 1 and those zero points,
/// between storage casts: the same integers, on qnn's kernels. Returns the
/// qnn op, or null and a reason for a remark.
static Operation *raiseIntegerContraction(linalg::LinalgOp op,
                                          std::string &whyNot) {
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value init = op.getDpsInits()[0];
  auto isI8Tensor = [](Value v) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    return type && type.getElementType().isSignlessInteger(8);
  };
  auto resultType = dyn_cast<RankedTensorType>(init.getType());
  if (!op.hasPureTensorSemantics() || !isI8Tensor(a) || !isI8Tensor(b) ||
      !resultType || !resultType.getElementType().isSignlessInteger(32)) {
    whyNot = "it is not i8 x i8 -> i32 on tensors";
    return nullptr;
  }
  APInt za, zb;
  if (!matchPattern(op.getDpsInputs()[2], m_ConstantInt(&za)) ||
      !matchPattern(op.getDpsInputs()[3], m_ConstantInt(&zb)) ||
      za.getSExtValue() < -128 || za.getSExtValue() > 127 ||
      zb.getSExtValue() < -128 || zb.getSExtValue() > 127) {
    whyNot = "its zero points are not constants in [-128, 127]";
    return nullptr;
  }
  if (!isZeroAccumulator(init)) {
    whyNot = "it accumulates into a tensor other than zeros";
    return nullptr;
  }
  auto readVector = [](DenseIntElementsAttr attr) {
    return llvm::to_vector(
        llvm::map_range(attr.getValues<APInt>(),
                        [](const APInt &v) { return v.getSExtValue(); }));
  };
  bool isConv = !isa<linalg::QuantizedMatmulOp, linalg::QuantizedBatchMatmulOp>(
      op.getOperation());
  auto filterType = cast<RankedTensorType>(b.getType());
  bool fhwc = isa<linalg::Conv2DNhwcFhwcQOp>(op.getOperation());
  if (isConv && !filterType.hasStaticShape()) {
    whyNot = "its filter sizes are dynamic";
    return nullptr;
  }
  auto staticButBatch = [](Type type) {
    return llvm::none_of(cast<RankedTensorType>(type).getShape().drop_front(),
                         ShapedType::isDynamic);
  };
  if (isConv && (!staticButBatch(a.getType()) || !staticButBatch(resultType))) {
    whyNot = "sizes other than the batch are dynamic (qnn.conv2d needs them)";
    return nullptr;
  }
  // Absent strides and dilations are 1.
  auto convVector = [&](StringRef name) -> SmallVector<int64_t> {
    if (auto attr = op->getAttrOfType<DenseIntElementsAttr>(name))
      return readVector(attr);
    return {1, 1};
  };
  if (isConv && !convOutputSizeMatches(
                    cast<RankedTensorType>(a.getType()).getShape().slice(1, 2),
                    filterType.getShape().slice(fhwc ? 1 : 0, 2),
                    resultType.getShape().slice(1, 2), convVector("strides"),
                    convVector("dilations"), {0, 0, 0, 0})) {
    whyNot = "its output has fewer rows or columns than the input's windows "
             "(qnn.conv2d computes every window)";
    return nullptr;
  }
  OpBuilder builder(op);
  Location loc = op.getLoc();
  // The filter in qnn's HWCF layout, with one input channel per group for
  // the depthwise forms.
  int64_t groups = 1;
  Value filter = b;
  if (fhwc) {
    SmallVector<int64_t> perm = {1, 2, 3, 0};
    DenseIntElementsAttr values;
    if (matchPattern(b, m_Constant(&values))) {
      DenseIntElementsAttr hwcf = transposeConstant(values, perm);
      filter = arith::ConstantOp::create(builder, loc, hwcf);
    } else {
      ArrayRef<int64_t> f = filterType.getShape();
      Value empty = tensor::EmptyOp::create(
          builder, loc, ArrayRef<int64_t>{f[1], f[2], f[3], f[0]},
          filterType.getElementType());
      filter = linalg::TransposeOp::create(builder, loc, b, empty, perm)
                   ->getResult(0);
    }
  } else if (isa<linalg::DepthwiseConv2DNhwcHwcQOp,
                 linalg::DepthwiseConv2DNhwcHwcmQOp>(op.getOperation())) {
    ArrayRef<int64_t> f = filterType.getShape();
    groups = f[2];
    int64_t multiplier = f.size() == 4 ? f[3] : 1;
    auto hwcf = RankedTensorType::get({f[0], f[1], 1, groups * multiplier},
                                      filterType.getElementType());
    DenseIntElementsAttr values;
    if (matchPattern(b, m_Constant(&values))) {
      filter = arith::ConstantOp::create(
          builder, loc, cast<DenseIntElementsAttr>(values.reshape(hwcf)));
    } else {
      // [KH, KW, C(, M)] -> [KH, KW, C * M] -> [KH, KW, 1, C * M].
      if (f.size() == 4)
        filter = tensor::CollapseShapeOp::create(
            builder, loc, filter,
            SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
      filter = tensor::ExpandShapeOp::create(
          builder, loc, hwcf, filter,
          SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
    }
  }
  Value aq = withZeroPoint(builder, loc, a, za.getSExtValue());
  Value bq = withZeroPoint(builder, loc, filter, zb.getSExtValue());
  if (Operation *def = filter.getDefiningOp();
      def && def != b.getDefiningOp() && def->use_empty())
    def->erase();
  auto accElem = quant::UniformQuantizedType::get(
      quant::QuantizationFlags::Signed, builder.getI32Type(),
      builder.getF32Type(), 1.0, 0, std::numeric_limits<int32_t>::min(),
      std::numeric_limits<int32_t>::max());
  // A channel multiplier's [N, OH, OW, C, M] is qnn's [N, OH, OW, C * M].
  bool multiplier = resultType.getRank() == 5;
  RankedTensorType qnnResultType = resultType;
  if (multiplier) {
    ArrayRef<int64_t> r = resultType.getShape();
    qnnResultType = RankedTensorType::get({r[0], r[1], r[2], r[3] * r[4]},
                                          resultType.getElementType());
  }
  Type accType = qnnResultType.clone(accElem);
  Operation *integer;
  if (isConv) {
    auto qconv = Conv2DOp::create(builder, loc, accType, aq, bq, Value());
    qconv.setStrides(convVector("strides"));
    qconv.setDilations(convVector("dilations"));
    qconv.setPadding({0, 0, 0, 0});
    qconv.setGroups(groups);
    integer = qconv;
  } else {
    integer = MatmulOp::create(builder, loc, accType, aq, bq, Value());
  }
  Value result = quant::StorageCastOp::create(builder, loc, qnnResultType,
                                              integer->getResult(0));
  if (multiplier)
    result = tensor::ExpandShapeOp::create(
        builder, loc, resultType, result,
        SmallVector<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
  op->replaceAllUsesWith(ValueRange{result});
  op->erase();
  return integer;
}

/// Entry `n` of a per-channel constant (or its splat); 0 for none.
static double channelValue(DenseFPElementsAttr values, int64_t n) {
  if (!values)
    return 0.0;
  if (values.isSplat())
    return values.getSplatValue<APFloat>().convertToDouble();
  return values.getValues<APFloat>()[n].convertToDouble();
}

/// Why the integer layer would not compute the QDQ layer's numbers, or
/// empty: storage qnn's ops do not take, an int32 accumulator that could
/// overflow where the float simulation does not, or a float bias that the
/// accumulator's scale (input scale x weight scale) cannot carry to within
/// 5% of an output step.
static std::string integerProblem(const FloatContraction &c,
                                  const Epilogue &epilogue,
                                  quant::UniformQuantizedType input,
                                  quant::UniformQuantizedType output,
                                  Type weights) {
  auto wide = [](Type elem) {
    return cast<quant::QuantizedType>(elem).getStorageTypeIntegralWidth() > 16;
  };
  if (wide(input) || wide(output) || wide(weights))
    return "storage wider than 16 bits";
  QuantParams w = *QuantParams::get(weights);
  auto shape = c.weights.getType().getShape();
  int64_t n = shape.back();
  double maxInput =
      std::max(std::abs(input.getStorageTypeMin() - input.getZeroPoint()),
               std::abs(input.getStorageTypeMax() - input.getZeroPoint()));
  SmallVector<double> columnSums(n, 0.0);
  if (c.weights.isSplat()) {
    // Every column holds the same value in each of its rows.
    int64_t rows = c.weights.getNumElements() / n;
    double v = c.weights.getSplatValue<APFloat>().convertToDouble();
    for (int64_t j = 0; j < n; ++j)
      columnSums[j] =
          std::round(std::abs(v / w.scale(j))) * static_cast<double>(rows);
  } else {
    for (auto [i, v] : llvm::enumerate(c.weights.getValues<APFloat>()))
      columnSums[i % n] +=
          std::round(std::abs(v.convertToDouble() / w.scale(i % n)));
  }
  for (int64_t j = 0; j < n; ++j) {
    double accScale = input.getScale() * w.scale(j);
    double bias = channelValue(c.initBias, j) + channelValue(epilogue.bias, j);
    double biasSteps = std::round(bias / accScale);
    if (maxInput * columnSums[j] + std::abs(biasSteps) >
        static_cast<double>(std::numeric_limits<int32_t>::max()))
      return "the int32 accumulator could overflow";
    if (std::abs(bias - biasSteps * accScale) > 0.05 * output.getScale())
      return "its float bias is not a multiple of the accumulator's scale "
             "(input scale x weight scale) to within 5% of an output step";
  }
  return "";
}

FailureOr<int64_t> mlir::qnn::raiseQuantizedLayers(func::FuncOp func,
                                                   bool qdq) {
  FailureOr<int64_t> raised = raiseTosaIntegerLayers(func);
  if (failed(raised))
    return failure();
  if (qdq)
    foldConstantQuantizes(func);
  // Only the contractions: raising a layer erases the float ops around it
  // (its accumulator's fill, its epilogue), never another contraction.
  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) {
    if (isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::Conv2DNhwcHwcfOp,
            linalg::Conv2DNhwcFhwcOp, linalg::DepthwiseConv2DNhwcHwcOp,
            linalg::DepthwiseConv2DNhwcHwcmOp, linalg::QuantizedMatmulOp,
            linalg::QuantizedBatchMatmulOp, linalg::Conv2DNhwcHwcfQOp,
            linalg::Conv2DNhwcFhwcQOp, linalg::DepthwiseConv2DNhwcHwcQOp,
            linalg::DepthwiseConv2DNhwcHwcmQOp>(op))
      ops.push_back(op);
  });
  TensorNamer namer(func);
  QNNDialect::LayerAttrHelper layerAttr(func.getContext());
  for (Operation *op : ops) {
    if (isa<linalg::QuantizedMatmulOp, linalg::QuantizedBatchMatmulOp,
            linalg::Conv2DNhwcHwcfQOp, linalg::Conv2DNhwcFhwcQOp,
            linalg::DepthwiseConv2DNhwcHwcQOp,
            linalg::DepthwiseConv2DNhwcHwcmQOp>(op)) {
      std::string name = layerName(op, namer), whyNot;
      Location loc = op->getLoc();
      RemarkOpts opts = raiseDecision(op);
      if (Operation *integer =
              raiseIntegerContraction(cast<linalg::LinalgOp>(op), whyNot)) {
        layerAttr.setAttr(integer, StringAttr::get(func.getContext(), name));
        remark::passed(loc, opts)
            << llvm::formatv("'{0}': raised to {1}", name, integer->getName())
                   .str();
        ++*raised;
      } else {
        remark::missed(loc, opts)
            << llvm::formatv("'{0}' not raised: {1}", name, whyNot).str();
      }
      continue;
    }
    if (!qdq)
      continue;
    std::string whyNot;
    std::optional<FloatContraction> c =
        matchFloatContraction(op, whyNot, WeightSource::Dequantized);
    if (!c)
      continue;
    std::string name = layerName(op, namer);
    auto notRaised = [&](StringRef why) {
      remark::missed(op->getLoc(), raiseDecision(op))
          << llvm::formatv("'{0}' on dequantized weights not raised: {1}", name,
                           why)
                 .str();
    };
    auto dequantize = c->input.getDefiningOp<DequantizeOp>();
    quant::UniformQuantizedType input =
        dequantize ? perTensorElement(dequantize.getInput().getType())
                   : nullptr;
    if (!input) {
      notRaised("its input is not a per-tensor qnn.dequantize");
      continue;
    }
    Epilogue epilogue = matchEpilogue(c->result);
    QuantizeOp quantize = soleQuantize(epilogue.end);
    quant::UniformQuantizedType output =
        quantize ? perTensorElement(quantize.getType()) : nullptr;
    if (!output) {
      notRaised("its result feeds other than one per-tensor qnn.quantize");
      continue;
    }
    Type weights = weightsInQnnLayout(*c);
    if (!weights) {
      notRaised("the weights are quantized per axis along other than the "
                "output channels");
      continue;
    }
    if (std::string problem =
            integerProblem(*c, epilogue, input, output, weights);
        !problem.empty()) {
      notRaised(problem);
      continue;
    }
    GivenQuantization given{input, output, weights};
    // QDQ rounds half to even (ONNX QuantizeLinear).
    QuantizeOptions options;
    options.rounding = Rounding::HalfToEven;
    FailureOr<QuantizedLayer> layer = quantizeContraction(*c, options, &given);
    if (failed(layer))
      return failure();
    layerAttr.setAttr(layer->integerOp,
                      StringAttr::get(func.getContext(), name));
    remark::passed(layer->integerOp->getLoc(), raiseDecision(layer->integerOp))
        << llvm::formatv("'{0}': raised from QDQ to {1}", name,
                         layer->integerOp->getName())
               .str();
    ++*raised;
  }
  if (qdq)
    foldRoundTrips(func);
  return raised;
}

namespace {
struct QNNRaiseQuantizedPass final
    : qnn::impl::QNNRaiseQuantizedPassBase<QNNRaiseQuantizedPass> {
  using Base::Base;
  void runOnOperation() override {
    if (failed(raiseQuantizedLayers(getOperation(), qdq)))
      signalPassFailure();
  }
};
} // namespace
