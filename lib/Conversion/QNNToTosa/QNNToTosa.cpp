//===- QNNToTosa.cpp - qnn integer ops as TOSA int8 -----------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Exports a quantized model's integer ops as TOSA, for compilers that go on
// in TOSA (IREE, TOSA reference backends): qnn.conv2d becomes tosa.conv2d or
// depthwise_conv2d with zero-point operands, qnn.matmul tosa.matmul,
// qnn.requantize in a fixed-point mode tosa.rescale with the multipliers and
// shifts qnn derives (docs/Semantics.md), qnn.clamp tosa.clamp and
// qnn.max_pool2d tosa.max_pool2d; quantized tensor types become their
// storage. Every exported op computes the same integers. An op TOSA cannot
// express exactly (float-domain rounding, per-channel weight zero points,
// grouped convolutions) is an error naming it, before anything changes.
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/QNNToTosa/QNNToTosa.h"

#include "qnn/Conversion/Passes.h"
#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"
#include "qnn/Reference/Semantics.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Tosa/Utils/ConversionUtils.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_CONVERTQNNTOTOSAPASS
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

/// The one zero point of `params`, or nullopt where channels differ.
static std::optional<int64_t> commonZeroPoint(const QuantParams &params) {
  for (int64_t zp : params.zeroPoints)
    if (zp != params.zeroPoints.front())
      return std::nullopt;
  return params.zeroPoints.front();
}

static bool isSignedStorage(const QuantParams &params,
                            ArrayRef<unsigned> bits) {
  return params.isSigned && llvm::is_contained(bits, params.storageBits);
}

static QuantParams paramsOf(Value value) {
  return *QuantParams::get(value.getType());
}

/// TOSA sizes its windows exactly: (in - 1 + before + after - (window - 1))
/// must divide by the stride. qnn computes every window that fits, so rows
/// past the last window are dropped: first from the padding after, then
/// from the input. Returns the new padding after and the rows to crop.
static std::pair<int64_t, int64_t> exactPadding(int64_t in, int64_t window,
                                                int64_t stride, int64_t before,
                                                int64_t after) {
  int64_t rest = (in + before + after - window) % stride;
  int64_t fromPadding = std::min(rest, after);
  return {after - fromPadding, rest - fromPadding};
}

/// Whether cropping for exactPadding leaves rows in both spatial
/// dimensions of the NHWC `inputType`.
static bool windowsFitAfterCrop(Type inputType, ArrayRef<int64_t> windows,
                                ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> padding) {
  auto type = cast<RankedTensorType>(inputType);
  for (size_t d = 0; d < 2; ++d) {
    int64_t rows = exactPadding(type.getDimSize(1 + d), windows[d], strides[d],
                                padding[2 * d], padding[2 * d + 1])
                       .second;
    if (type.getDimSize(1 + d) - rows <= 0)
      return false;
  }
  return true;
}

/// Whether every quantized operand and result of `op` is signed: the TOSA
/// ops exported here compare, clamp and pool signed integers.
static bool allSigned(Operation *op) {
  auto isSigned = [](Type type) {
    auto quantized = dyn_cast<quant::QuantizedType>(getElementTypeOrSelf(type));
    return !quantized || quantized.isSigned();
  };
  return llvm::all_of(op->getOperandTypes(), isSigned) &&
         llvm::all_of(op->getResultTypes(), isSigned);
}

std::string mlir::qnn::whyNotExportableToTosa(Operation *op) {
  if (isa<QuantizeOp, DequantizeOp>(op))
    return "it converts between float and integers, which TOSA's integer "
           "profile has no op for: export the integer part of the model "
           "(integer-io makes a function's boundary integer; "
           "--qnn-strip-stats --canonicalize folds quantize/dequantize "
           "pairs between layers)";
  if (isa<AddOp>(op))
    return "it rounds a binary32 sum; TOSA's add of rescaled operands "
           "computes other numbers";
  if (isa<AvgPool2DOp>(op))
    return "it rounds its average in binary32; TOSA's avg_pool2d rounds "
           "otherwise";
  if (isa<CodebookLookupOp>(op))
    return "codebook weights have no TOSA form";
  if (auto pruned = dyn_cast<PrunedOp>(op);
      pruned && cast<RankedTensorType>(pruned.getType()).getEncoding())
    return "compressed storage has no TOSA form";
  if (!allSigned(op))
    return "unsigned storage (the TOSA ops it would become compare and "
           "clamp signed integers)";
  if (auto constant = dyn_cast<ConstantOp>(op)) {
    QuantParams params = paramsOf(constant.getResult());
    if (!llvm::is_contained({8u, 16u, 32u}, params.storageBits))
      return "sub-byte storage has no TOSA form in the integer profile";
    return "";
  }
  if (auto requantize = dyn_cast<RequantizeOp>(op)) {
    Rounding rounding = requantize.getRounding();
    if (rounding != Rounding::SingleRound &&
        rounding != Rounding::TosaDoubleRound)
      return "rounding '" + stringifyRounding(rounding).str() +
             "' is not TOSA's: tosa.rescale rounds as 'single_round' or "
             "'tosa_double_round' (quantize with rounding=single_round or "
             "rounding=tosa_double_round)";
    QuantParams in = paramsOf(requantize.getInput());
    QuantParams out = paramsOf(requantize.getOutput());
    auto rank = cast<RankedTensorType>(requantize.getType()).getRank();
    if (!isSignedStorage(in, {8, 16, 32}) || !isSignedStorage(out, {8, 16}))
      return "tosa.rescale here takes signed i8, i16 or i32 to signed i8 or "
             "i16";
    if ((in.storageBits != 8 && in.zeroPoints.front() != 0) ||
        (out.storageBits != 8 && out.zeroPoints.front() != 0))
      return "an i16 or i32 value with a zero point other than 0 (TOSA "
             "allows zero points on i8 only)";
    if ((in.axis && *in.axis != rank - 1) ||
        (out.axis && *out.axis != rank - 1))
      return "per-channel scales along other than the last dimension";
    if (!commonZeroPoint(in) || !commonZeroPoint(out))
      return "per-channel zero points (tosa.rescale has one of each)";
    return "";
  }
  if (isa<MatmulOp, Conv2DOp>(op)) {
    QuantParams lhs = paramsOf(op->getOperand(0));
    QuantParams rhs = paramsOf(op->getOperand(1));
    if (!isSignedStorage(lhs, {8}) || !isSignedStorage(rhs, {8}))
      return "TOSA's int8 contractions take signed i8 operands";
    if (!commonZeroPoint(rhs))
      return "per-channel weight zero points (TOSA has one)";
    for (Value operand : op->getOperands())
      if (!cast<RankedTensorType>(operand.getType()).hasStaticShape())
        return "dynamic sizes";
    if (auto conv = dyn_cast<Conv2DOp>(op)) {
      auto filter4 = cast<RankedTensorType>(conv.getFilter().getType());
      SmallVector<int64_t> windows = {
          (filter4.getDimSize(0) - 1) * conv.getDilations()[0] + 1,
          (filter4.getDimSize(1) - 1) * conv.getDilations()[1] + 1};
      if (!windowsFitAfterCrop(conv.getInput().getType(), windows,
                               conv.getStrides(), conv.getPadding()))
        return "windows that TOSA cannot size exactly without cropping "
               "the whole input";
      int64_t groups = conv.getGroups();
      auto filter = cast<RankedTensorType>(conv.getFilter().getType());
      if (groups != 1 && filter.getDimSize(2) != 1)
        return "a grouped convolution (groups = " + std::to_string(groups) +
               ") that is not depthwise";
    }
    return "";
  }
  if (auto pool = dyn_cast<MaxPool2DOp>(op)) {
    if (llvm::any_of(pool.getDilations(), [](int64_t d) { return d != 1; }))
      return "dilated pooling windows";
    if (!cast<RankedTensorType>(pool.getInput().getType()).hasStaticShape())
      return "dynamic sizes";
    if (!windowsFitAfterCrop(pool.getInput().getType(), pool.getKernel(),
                             pool.getStrides(), pool.getPadding()))
      return "windows that TOSA cannot size exactly without cropping the "
             "whole input";
    return "";
  }
  return "";
}

/// `values` as a TOSA constant of their own type.
static Value tosaConst(OpBuilder &b, Location loc, DenseElementsAttr values) {
  return tosa::ConstOp::create(b, loc, values.getType(), values);
}

static Value zeroPointTensor(OpBuilder &b, Location loc, Type storage,
                             int64_t zp) {
  return *tosa::createZeroPointTensor(b, loc, storage, zp);
}

static Value reshape(OpBuilder &b, Location loc, Value value,
                     ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  ImplicitLocOpBuilder ib(loc, b);
  return tosa::ReshapeOp::create(b, loc, type.clone(shape), value,
                                 tosa::getTosaConstShape(ib, shape));
}

/// Applies exactPadding to both spatial dimensions of an NHWC `input`:
/// returns the input (cropped where needed) and the padding TOSA takes.
static std::pair<Value, SmallVector<int64_t>>
exactWindows(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> windows,
             ArrayRef<int64_t> strides, ArrayRef<int64_t> padding) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> pad(padding);
  SmallVector<int64_t> size(type.getShape());
  bool crop = false;
  for (size_t d = 0; d < 2; ++d) {
    auto [after, rows] =
        exactPadding(type.getDimSize(1 + d), windows[d], strides[d],
                     padding[2 * d], padding[2 * d + 1]);
    pad[2 * d + 1] = after;
    size[1 + d] -= rows;
    crop |= rows != 0;
  }
  if (!crop)
    return {input, pad};
  ImplicitLocOpBuilder ib(loc, b);
  Value start = tosa::getTosaConstShape(ib, SmallVector<int64_t>(4, 0));
  Value sizes = tosa::getTosaConstShape(ib, size);
  Value cropped =
      tosa::SliceOp::create(b, loc, type.clone(size), input, start, sizes);
  return {cropped, pad};
}

namespace {

template <typename Op>
struct ToTosa : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  RankedTensorType storageType(Value value) const {
    return cast<RankedTensorType>(
        this->getTypeConverter()->convertType(value.getType()));
  }
};

/// Ops that carry their storage through: casts, statistics, dense pruning.
template <typename Op>
struct Identity final : ToTosa<Op> {
  using ToTosa<Op>::ToTosa;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getOperands().front());
    return success();
  }
};

struct ConstantToTosa final : ToTosa<ConstantOp> {
  using ToTosa::ToTosa;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    DenseIntElementsAttr values = op.getUnpackedValue();
    rewriter.replaceOp(op, tosaConst(rewriter, op.getLoc(), values));
    return success();
  }
};

struct ClampToTosa final : ToTosa<ClampOp> {
  using ToTosa::ToTosa;
  LogicalResult
  matchAndRewrite(ClampOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = storageType(op.getOutput());
    Type storage = type.getElementType();
    ref::StorageRange bounds = op.getBounds();
    rewriter.replaceOpWithNewOp<tosa::ClampOp>(
        op, type, adaptor.getInput(),
        rewriter.getIntegerAttr(storage, bounds.min),
        rewriter.getIntegerAttr(storage, bounds.max));
    return success();
  }
};

/// The fixed-point multiplier and shift of each channel's ratio, as
/// qnn.requantize derives them.
struct RequantizeToTosa final : ToTosa<RequantizeOp> {
  using ToTosa::ToTosa;
  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    QuantParams in = paramsOf(op.getInput());
    QuantParams out = paramsOf(op.getOutput());
    ref::Rounding mode = toReference(op.getRounding());
    size_t channels = std::max(in.scales.size(), out.scales.size());
    SmallVector<int32_t> multipliers;
    SmallVector<int8_t> shifts;
    for (size_t c = 0; c < channels; ++c) {
      // The verifier guarantees every ratio is representable.
      ref::FixedPointMultiplier m =
          *ref::computeFixedPointMultiplier(in.scale(c) / out.scale(c), mode);
      multipliers.push_back(m.multiplier);
      shifts.push_back(static_cast<int8_t>(m.shift));
    }
    Location loc = op.getLoc();
    auto count = static_cast<int64_t>(channels);
    Value multiplier =
        tosaConst(rewriter, loc,
                  DenseIntElementsAttr::get(
                      RankedTensorType::get({count}, rewriter.getI32Type()),
                      ArrayRef<int32_t>(multipliers)));
    Value shift =
        tosaConst(rewriter, loc,
                  DenseIntElementsAttr::get(
                      RankedTensorType::get({count}, rewriter.getI8Type()),
                      ArrayRef<int8_t>(shifts)));
    Type inStorage = storageType(op.getInput()).getElementType();
    RankedTensorType type = storageType(op.getOutput());
    Value inZp = zeroPointTensor(rewriter, loc, inStorage, in.zeroPoints[0]);
    Value outZp = zeroPointTensor(rewriter, loc, type.getElementType(),
                                  out.zeroPoints[0]);
    Value rescaled = tosa::RescaleOp::create(
        rewriter, loc, type, adaptor.getInput(), multiplier, shift, inZp, outZp,
        /*scale32=*/true,
        mode == ref::Rounding::TosaDoubleRound
            ? tosa::RoundingMode::DOUBLE_ROUND
            : tosa::RoundingMode::SINGLE_ROUND,
        /*per_channel=*/channels > 1, /*input_unsigned=*/false,
        /*output_unsigned=*/false);
    // tosa.rescale saturates to the storage type; a narrow range
    // (i8<-127:127>) saturates further.
    ref::StorageRange full =
        ref::StorageRange::forInteger(out.storageBits, /*isSigned=*/true);
    if (out.range.min != full.min || out.range.max != full.max) {
      Type storage = type.getElementType();
      rescaled = tosa::ClampOp::create(
          rewriter, loc, type, rescaled,
          rewriter.getIntegerAttr(storage, out.range.min),
          rewriter.getIntegerAttr(storage, out.range.max));
    }
    rewriter.replaceOp(op, rescaled);
    return success();
  }
};

} // namespace

/// The bias as an i32 value of [channels] (zeros when there is none).
static Value biasOrZeros(OpBuilder &b, Location loc, Value bias,
                         int64_t channels) {
  if (bias)
    return bias;
  auto type = RankedTensorType::get({channels}, b.getI32Type());
  return tosaConst(b, loc,
                   DenseElementsAttr::get(type, b.getI32IntegerAttr(0)));
}

namespace {

/// qnn.conv2d: HWCF filters become OHWI (tosa.conv2d) or [KH, KW, C, M]
/// (depthwise: one input channel per group, output channel c * M + m).
struct Conv2DToTosa final : ToTosa<Conv2DOp> {
  using ToTosa::ToTosa;
  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto filterType = cast<RankedTensorType>(op.getFilter().getType());
    int64_t kh = filterType.getDimSize(0), kw = filterType.getDimSize(1);
    int64_t c = filterType.getDimSize(2), f = filterType.getDimSize(3);
    SmallVector<int64_t> windows = {(kh - 1) * op.getDilations()[0] + 1,
                                    (kw - 1) * op.getDilations()[1] + 1};
    auto [input, pad] = exactWindows(rewriter, loc, adaptor.getInput(), windows,
                                     op.getStrides(), op.getPadding());
    QuantParams in = paramsOf(op.getInput());
    QuantParams weights = paramsOf(op.getFilter());
    Type i8 = rewriter.getI8Type();
    Value inZp = zeroPointTensor(rewriter, loc, i8, in.zeroPoints[0]);
    Value wZp = zeroPointTensor(rewriter, loc, i8, weights.zeroPoints[0]);
    Value bias = biasOrZeros(rewriter, loc, adaptor.getBias(), f);
    RankedTensorType type = storageType(op.getOutput());
    auto accType = TypeAttr::get(rewriter.getI32Type());
    if (op.getGroups() == 1) {
      // HWCF -> OHWI.
      Value filter = tosa::TransposeOp::create(
          rewriter, loc, RankedTensorType::get({f, kh, kw, c}, i8),
          adaptor.getFilter(), rewriter.getDenseI32ArrayAttr({3, 0, 1, 2}));
      rewriter.replaceOpWithNewOp<tosa::Conv2DOp>(
          op, type, input, filter, bias, inZp, wZp,
          rewriter.getDenseI64ArrayAttr(pad),
          rewriter.getDenseI64ArrayAttr(op.getStrides()),
          rewriter.getDenseI64ArrayAttr(op.getDilations()), accType);
      return success();
    }
    int64_t channels = op.getGroups();
    Value filter = reshape(rewriter, loc, adaptor.getFilter(),
                           {kh, kw, channels, f / channels});
    rewriter.replaceOpWithNewOp<tosa::DepthwiseConv2DOp>(
        op, type, input, filter, bias, inZp, wZp,
        rewriter.getDenseI64ArrayAttr(pad),
        rewriter.getDenseI64ArrayAttr(op.getStrides()),
        rewriter.getDenseI64ArrayAttr(op.getDilations()), accType);
    return success();
  }
};

/// qnn.matmul: TOSA's matmul is batched on both sides, without a bias. A
/// weight shared by every batch folds the batch into the rows; the bias is
/// a broadcast add.
struct MatmulToTosa final : ToTosa<MatmulOp> {
  using ToTosa::ToTosa;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    RankedTensorType type = storageType(op.getOutput());
    int64_t k = rhsType.getDimSize(rhsType.getRank() - 2);
    int64_t n = rhsType.getDimSize(rhsType.getRank() - 1);
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    int64_t batch = 1;
    if (rhsType.getRank() == 3) {
      batch = rhsType.getDimSize(0);
    } else {
      rhs = reshape(rewriter, loc, rhs, {1, k, n});
    }
    int64_t rows = lhsType.getNumElements() / k / batch;
    lhs = reshape(rewriter, loc, lhs, {batch, rows, k});
    Type i8 = rewriter.getI8Type();
    Value lhsZp =
        zeroPointTensor(rewriter, loc, i8, paramsOf(op.getLhs()).zeroPoints[0]);
    Value rhsZp =
        zeroPointTensor(rewriter, loc, i8, paramsOf(op.getRhs()).zeroPoints[0]);
    auto accType =
        RankedTensorType::get({batch, rows, n}, rewriter.getI32Type());
    Value acc =
        tosa::MatMulOp::create(rewriter, loc, accType, lhs, rhs, lhsZp, rhsZp);
    if (Value bias = adaptor.getBias()) {
      Value bias3 = reshape(rewriter, loc, bias, {1, 1, n});
      acc = tosa::AddOp::create(rewriter, loc, accType, acc, bias3);
    }
    rewriter.replaceOp(op, reshape(rewriter, loc, acc, type.getShape()));
    return success();
  }
};

struct MaxPoolToTosa final : ToTosa<MaxPool2DOp> {
  using ToTosa::ToTosa;
  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto [input, pad] =
        exactWindows(rewriter, op.getLoc(), adaptor.getInput(), op.getKernel(),
                     op.getStrides(), op.getPadding());
    rewriter.replaceOpWithNewOp<tosa::MaxPool2dOp>(
        op, storageType(op.getOutput()), input,
        rewriter.getDenseI64ArrayAttr(op.getKernel()),
        rewriter.getDenseI64ArrayAttr(op.getStrides()),
        rewriter.getDenseI64ArrayAttr(pad));
    return success();
  }
};

} // namespace

void mlir::qnn::populateQNNToTosaPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ConstantToTosa, ClampToTosa, RequantizeToTosa, Conv2DToTosa,
               MatmulToTosa, MaxPoolToTosa, Identity<StatsOp>,
               Identity<PrunedOp>, Identity<quant::StorageCastOp>>(converter,
                                                                   ctx);
}

static bool isReshape(Operation *op) {
  return isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(op);
}

/// Clones `reshapes` (a chain, first applied first) onto `value`, keeping
/// each one's shape and taking `value`'s element type.
static Value cloneReshapes(OpBuilder &b, ArrayRef<Operation *> reshapes,
                           Value value) {
  Type elem = cast<RankedTensorType>(value.getType()).getElementType();
  for (Operation *reshape : reshapes) {
    b.setInsertionPoint(reshape);
    Operation *clone = b.clone(*reshape);
    clone->setOperand(0, value);
    auto type = cast<RankedTensorType>(reshape->getResult(0).getType());
    clone->getResult(0).setType(type.clone(elem));
    value = clone->getResult(0);
  }
  return value;
}

/// integer-io: the quantize of an argument and the dequantize of a result
/// (through reshapes) move out of `func`, which then takes and returns
/// quantized tensors; each records its type as `qnn.quantized_type`.
static void makeIntegerBoundary(func::FuncOp func, ModuleOp module) {
  // A function something calls keeps its signature.
  if (func.isExternal() || !func.isPublic() ||
      !SymbolTable::symbolKnownUseEmpty(func, module))
    return;
  MLIRContext *ctx = func.getContext();
  OpBuilder b(ctx);
  auto attrName = StringAttr::get(ctx, "qnn.quantized_type");
  Block &entry = func.getBody().front();
  for (BlockArgument arg : entry.getArguments()) {
    // arg -> reshapes -> quantize, each the only use of the one before.
    SmallVector<Operation *> reshapes;
    Value value = arg;
    while (value.hasOneUse() && isReshape(*value.getUsers().begin())) {
      reshapes.push_back(*value.getUsers().begin());
      value = reshapes.back()->getResult(0);
    }
    if (!value.hasOneUse())
      continue;
    auto quantize = dyn_cast<QuantizeOp>(*value.getUsers().begin());
    if (!quantize)
      continue;
    Type elem = cast<RankedTensorType>(quantize.getType()).getElementType();
    auto type = cast<RankedTensorType>(arg.getType()).clone(elem);
    arg.setType(type);
    quantize.replaceAllUsesWith(cloneReshapes(b, reshapes, arg));
    quantize->erase();
    for (Operation *reshape : llvm::reverse(reshapes))
      reshape->erase();
    func.setArgAttr(arg.getArgNumber(), attrName, TypeAttr::get(type));
  }
  // Results: where the function has one return.
  SmallVector<func::ReturnOp> returns;
  func.walk([&](func::ReturnOp ret) { returns.push_back(ret); });
  SmallVector<Type> results(func.getResultTypes());
  if (returns.size() == 1) {
    for (OpOperand &operand : returns.front()->getOpOperands()) {
      // dequantize -> reshapes -> return, each the only use of the one before.
      SmallVector<Operation *> reshapes;
      Value value = operand.get();
      while (isReshape(value.getDefiningOp()) && value.hasOneUse()) {
        reshapes.push_back(value.getDefiningOp());
        value = reshapes.back()->getOperand(0);
      }
      auto dequantize = value.getDefiningOp<DequantizeOp>();
      if (!dequantize || !value.hasOneUse())
        continue;
      std::reverse(reshapes.begin(), reshapes.end());
      Value quantized = cloneReshapes(b, reshapes, dequantize.getInput());
      operand.set(quantized);
      results[operand.getOperandNumber()] = quantized.getType();
      for (Operation *reshape : llvm::reverse(reshapes))
        reshape->erase();
      dequantize->erase();
    }
  }
  func.setType(FunctionType::get(ctx, entry.getArgumentTypes(), results));
  for (auto [i, type] : llvm::enumerate(results))
    if (isa<quant::QuantizedType>(getElementTypeOrSelf(type)))
      func.setResultAttr(i, attrName, TypeAttr::get(type));
}

namespace {
struct ConvertQNNToTosaPass final
    : qnn::impl::ConvertQNNToTosaPassBase<ConvertQNNToTosaPass> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (integerIO)
      for (auto func : module.getOps<func::FuncOp>())
        makeIntegerBoundary(func, module);
    WalkResult checked = module.walk([](Operation *op) {
      if (!isa_and_nonnull<QNNDialect>(op->getDialect()))
        return WalkResult::advance();
      std::string why = whyNotExportableToTosa(op);
      if (why.empty())
        return WalkResult::advance();
      op->emitOpError("cannot be exported to TOSA: ") << why;
      return WalkResult::interrupt();
    });
    if (checked.wasInterrupted())
      return signalPassFailure();
    MLIRContext *ctx = &getContext();
    QuantStorageTypeConverter converter;
    RewritePatternSet patterns(ctx);
    ConversionTarget target(*ctx);
    populateQNNToTosaPatterns(converter, patterns);
    populateQNNTypeConversionPatternsAndLegality(converter, patterns, target);
    target.addLegalDialect<tosa::TosaDialect>();
    if (failed(applyFullConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
