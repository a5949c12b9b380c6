//===- QNNOps.cpp - QNN operations and their verifiers --------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qnn;

//===----------------------------------------------------------------------===//
// Custom assembly directives
//===----------------------------------------------------------------------===//

/// `[a, b, ...]` of binary64 values, printed so that they parse back to the
/// same values (the default array printer rounds to six digits: 1e-300
/// printed as 0.0 and 1e300 as INF).
static ParseResult parseF64List(OpAsmParser &parser, DenseF64ArrayAttr &list) {
  SmallVector<double> values;
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
        return parser.parseFloat(values.emplace_back());
      }))
    return failure();
  list = DenseF64ArrayAttr::get(parser.getContext(), values);
  return success();
}

static void printF64List(OpAsmPrinter &printer, Operation *,
                         DenseF64ArrayAttr list) {
  printer << "[";
  llvm::interleaveComma(list.asArrayRef(), printer,
                        [&](double v) { printer.printFloat(APFloat(v)); });
  printer << "]";
}

#define GET_OP_CLASSES
#include "qnn/Dialect/QNN/IR/QNNOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared verification helpers
//===----------------------------------------------------------------------===//

/// Relative tolerance for "scale equals the product of scales": frontends
/// compute the product in binary32 or binary64, and lit tests write it in
/// decimal.
static constexpr double kScaleProductTolerance = 1e-6;

static LogicalResult verifyQuantized(Operation *op, StringRef name, Type type,
                                     QuantRole role) {
  return verifyQuantizedTensorType([op] { return op->emitOpError(); }, name,
                                   type, role);
}

static LogicalResult verifyPerTensor(Operation *op, StringRef name, Type type) {
  if (QuantParams::get(type)->isPerAxis())
    return op->emitOpError() << name << " must be quantized per tensor";
  return success();
}

static LogicalResult verifyFloatRounding(Operation *op, Rounding rounding) {
  if (!ref::isFloatRounding(toReference(rounding)))
    return op->emitOpError() << "rounding mode '" << stringifyRounding(rounding)
                             << "' applies only to qnn.requantize";
  return success();
}

/// Checks that dimension sizes agree where both are static.
static bool compatibleDims(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

static bool sameScale(double actual, double expected) {
  return std::fabs(actual - expected) <=
         kScaleProductTolerance * std::fabs(expected);
}

/// Checks an accumulator type (a matmul/conv result or bias) whose channel `c`
/// must have scale `inScale * weight.scale(c)`: per tensor when the weight is
/// per tensor, per axis `accAxis` otherwise.
static LogicalResult verifyAccumulatorScales(Operation *op, StringRef name,
                                             Type accType, double inScale,
                                             const QuantParams &weight,
                                             int64_t accAxis) {
  QuantParams acc = *QuantParams::get(accType);
  if (!weight.isPerAxis()) {
    if (acc.isPerAxis())
      return op->emitOpError()
             << name << " must be quantized per tensor like the weights";
    double expected = inScale * weight.scales[0];
    if (!sameScale(acc.scales[0], expected))
      return op->emitOpError() << name << " scale " << acc.scales[0]
                               << " must equal the product of the input and "
                                  "weight scales, "
                               << expected;
    return success();
  }
  if (!acc.isPerAxis() || *acc.axis != accAxis)
    return op->emitOpError()
           << name << " must be quantized per axis along dimension " << accAxis
           << " like the per-channel weights";
  if (acc.scales.size() != weight.scales.size())
    return op->emitOpError()
           << name << " has " << acc.scales.size()
           << " scales but the weights have " << weight.scales.size();
  for (auto [c, pair] : llvm::enumerate(llvm::zip(acc.scales, weight.scales))) {
    auto [accScale, weightScale] = pair;
    double expected = inScale * weightScale;
    if (!sameScale(accScale, expected))
      return op->emitOpError()
             << name << " scale " << accScale << " of channel " << c
             << " must equal the product of the input and weight scales, "
             << expected;
  }
  return success();
}

static LogicalResult verifyBias(Operation *op, Value bias, int64_t channels,
                                double inScale, const QuantParams &weight) {
  if (!bias)
    return success();
  if (failed(
          verifyQuantized(op, "bias", bias.getType(), QuantRole::Accumulator)))
    return failure();
  auto type = cast<RankedTensorType>(bias.getType());
  if (type.getRank() != 1 || !compatibleDims(type.getDimSize(0), channels))
    return op->emitOpError() << "bias must be a 1-D tensor of " << channels
                             << " elements, got " << type;
  return verifyAccumulatorScales(op, "bias", type, inScale, weight, 0);
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

/// The storage integer type of `params`: signless for signed storage,
/// unsigned for unsigned storage (so u8 200 prints as 200).
static IntegerType storageIntegerType(MLIRContext *ctx,
                                      const QuantParams &params) {
  return IntegerType::get(ctx, params.storageBits,
                          params.isSigned ? IntegerType::Signless
                                          : IntegerType::Unsigned);
}

static std::vector<uint8_t> packedBytesOf(DenseIntElementsAttr value) {
  std::vector<uint8_t> bytes;
  bytes.reserve(value.getNumElements());
  for (const APInt &v : value.getValues<APInt>())
    bytes.push_back(static_cast<uint8_t>(v.getZExtValue()));
  return bytes;
}

SmallVector<int64_t> ConstantOp::getStoredValues() {
  QuantParams params = *QuantParams::get(getOutput().getType());
  if (getPacked()) {
    auto type = cast<RankedTensorType>(getOutput().getType());
    std::vector<int64_t> values =
        ref::unpackStorage(packedBytesOf(getValue()), params.storageBits,
                           params.isSigned, type.getNumElements());
    return SmallVector<int64_t>(values.begin(), values.end());
  }
  SmallVector<int64_t> values;
  values.reserve(getValue().getNumElements());
  for (const APInt &v : getValue().getValues<APInt>())
    values.push_back(params.isSigned ? v.getSExtValue()
                                     : static_cast<int64_t>(v.getZExtValue()));
  return values;
}

std::optional<int64_t> ConstantOp::getSplatStoredValue() {
  DenseIntElementsAttr value = getValue();
  if (!value.isSplat())
    return std::nullopt;
  QuantParams params = *QuantParams::get(getOutput().getType());
  auto extend = [&](const APInt &v) {
    return params.isSigned ? v.getSExtValue()
                           : static_cast<int64_t>(v.getZExtValue());
  };
  if (!getPacked())
    return extend(value.getSplatValue<APInt>());
  // Packed: a splat byte is a splat constant when its lanes agree; with a
  // partial last byte, whose unused lanes must be 0, only a splat of 0 is.
  auto type = cast<RankedTensorType>(getOutput().getType());
  auto byte = static_cast<uint8_t>(value.getSplatValue<APInt>().getZExtValue());
  if ((type.getNumElements() * params.storageBits) % 8 != 0)
    return byte == 0 ? std::optional<int64_t>(0) : std::nullopt;
  std::vector<int64_t> lanes = ref::unpackStorage(
      {byte}, params.storageBits, params.isSigned, 8 / params.storageBits);
  if (!llvm::all_equal(lanes))
    return std::nullopt;
  return lanes.front();
}

DenseIntElementsAttr ConstantOp::getUnpackedValue() {
  if (!getPacked())
    return getValue();
  if (std::optional<int64_t> splat = getSplatStoredValue()) {
    auto type = cast<RankedTensorType>(getOutput().getType());
    QuantParams params = *QuantParams::get(type);
    return DenseIntElementsAttr::get(
        RankedTensorType::get(type.getShape(),
                              storageIntegerType(getContext(), params)),
        APInt(params.storageBits, static_cast<uint64_t>(*splat),
              /*isSigned=*/true, /*implicitTrunc=*/true));
  }
  auto type = cast<RankedTensorType>(getOutput().getType());
  QuantParams params = *QuantParams::get(type);
  IntegerType storage = storageIntegerType(getContext(), params);
  SmallVector<APInt> ints;
  for (int64_t v : getStoredValues())
    ints.push_back(APInt(params.storageBits, static_cast<uint64_t>(v),
                         /*isSigned=*/true, /*implicitTrunc=*/true));
  return DenseIntElementsAttr::get(
      RankedTensorType::get(type.getShape(), storage), ints);
}

ConstantOp mlir::qnn::createQuantizedConstant(OpBuilder &builder, Location loc,
                                              RankedTensorType type,
                                              DenseIntElementsAttr values) {
  QuantParams params = *QuantParams::get(type);
  // A splat stays a splat (unpacked: iN elements are valid storage too).
  if (!ref::isPackedWidth(params.storageBits) || !type.hasStaticShape() ||
      values.isSplat())
    return ConstantOp::create(builder, loc, type, values, /*packed=*/false);
  std::vector<int64_t> stored;
  for (const APInt &v : values.getValues<APInt>())
    stored.push_back(params.isSigned ? v.getSExtValue()
                                     : static_cast<int64_t>(v.getZExtValue()));
  std::vector<uint8_t> bytes = ref::packStorage(stored, params.storageBits);
  SmallVector<APInt> ints;
  for (uint8_t byte : bytes)
    ints.push_back(APInt(8, byte));
  // Unsigned bytes print as 0..255, easier to read against the bit layout.
  auto packedType =
      RankedTensorType::get({static_cast<int64_t>(bytes.size())},
                            builder.getIntegerType(8, /*isSigned=*/false));
  return ConstantOp::create(builder, loc, type,
                            DenseIntElementsAttr::get(packedType, ints),
                            /*packed=*/true);
}

LogicalResult ConstantOp::verify() {
  auto type = getOutput().getType();
  if (failed(verifyQuantized(*this, "result", type, QuantRole::Any)))
    return failure();
  ShapedType valueType = getValue().getType();
  QuantParams params = *QuantParams::get(type);
  auto intType = dyn_cast<IntegerType>(valueType.getElementType());
  if (getPacked()) {
    auto shaped = cast<RankedTensorType>(type);
    if (!ref::isPackedWidth(params.storageBits))
      return emitOpError() << "packed storage needs 1, 2 or 4 storage bits, "
                              "not "
                           << params.storageBits;
    if (!shaped.hasStaticShape())
      return emitOpError("packed storage needs a static result shape");
    int64_t bytes =
        ref::packedBytes(shaped.getNumElements(), params.storageBits);
    if (!intType || intType.getWidth() != 8 || valueType.getRank() != 1 ||
        valueType.getDimSize(0) != bytes)
      return emitOpError() << "packed value must be " << bytes
                           << " bytes (tensor<" << bytes << "xui8>) for "
                           << shaped.getNumElements() << " values of "
                           << params.storageBits << " bits, got " << valueType;
    int64_t usedBits = shaped.getNumElements() * params.storageBits;
    if (usedBits % 8 != 0) {
      auto last =
          (*std::prev(getValue().getValues<APInt>().end())).getZExtValue();
      if (last >> (usedBits % 8))
        return emitOpError("unused high bits of the last packed byte must "
                           "be 0");
    }
  } else {
    // Signless integers always work; unsigned storage may also use uiN so
    // the values print unsigned, and signed storage siN.
    bool signednessOk = intType && (intType.isSignless() ||
                                    intType.isUnsigned() == !params.isSigned);
    if (!signednessOk || intType.getWidth() != params.storageBits)
      return emitOpError() << "value must hold i" << params.storageBits
                           << " or " << (params.isSigned ? "si" : "ui")
                           << params.storageBits << " storage integers, got "
                           << valueType.getElementType();
    if (valueType.getShape() != type.getShape())
      return emitOpError() << "value shape " << valueType
                           << " does not match the result shape";
  }
  if (std::optional<int64_t> splat = getSplatStoredValue()) {
    if (*splat < params.range.min || *splat > params.range.max)
      return emitOpError() << "stored value " << *splat
                           << " (every element) is outside the storage range ["
                           << params.range.min << ", " << params.range.max
                           << "]";
    return success();
  }
  int64_t index = 0;
  for (int64_t v : getStoredValues()) {
    if (v < params.range.min || v > params.range.max)
      return emitOpError() << "stored value " << v << " at index " << index
                           << " is outside the storage range ["
                           << params.range.min << ", " << params.range.max
                           << "]";
    ++index;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// QuantizeOp / DequantizeOp / RequantizeOp
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  if (failed(verifyQuantized(*this, "result", getOutput().getType(),
                             QuantRole::Storage)))
    return failure();
  return verifyFloatRounding(*this, getRounding());
}

LogicalResult DequantizeOp::verify() {
  return verifyQuantized(*this, "input", getInput().getType(), QuantRole::Any);
}

LogicalResult RequantizeOp::verify() {
  if (failed(verifyQuantized(*this, "input", getInput().getType(),
                             QuantRole::Any)) ||
      failed(verifyQuantized(*this, "result", getOutput().getType(),
                             QuantRole::Any)))
    return failure();
  QuantParams in = *QuantParams::get(getInput().getType());
  QuantParams out = *QuantParams::get(getOutput().getType());
  if (in.isPerAxis() && out.isPerAxis() && *in.axis != *out.axis)
    return emitOpError() << "input and result are quantized along different "
                            "dimensions ("
                         << *in.axis << " vs " << *out.axis << ")";
  if (in.isPerAxis() && out.isPerAxis() &&
      in.scales.size() != out.scales.size())
    return emitOpError() << "input has " << in.scales.size()
                         << " scales but the result has " << out.scales.size();

  // Every channel's ratio must be usable by the rounding mode.
  ref::Rounding mode = toReference(getRounding());
  size_t channels = std::max(in.scales.size(), out.scales.size());
  for (size_t c = 0; c < channels; ++c) {
    double ratio = in.scale(c) / out.scale(c);
    if (ref::isFloatRounding(mode)) {
      if (!std::isfinite(static_cast<float>(ratio)))
        return emitOpError()
               << "scale ratio " << ratio << " overflows binary32";
      continue;
    }
    if (!ref::computeFixedPointMultiplier(ratio, mode))
      return emitOpError() << "scale ratio " << ratio << " is too large for '"
                           << stringifyRounding(getRounding())
                           << "' (must be < 2^"
                           << (mode == ref::Rounding::DoubleRound ? 30 : 29)
                           << ")";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::verify() {
  if (failed(verifyQuantized(*this, "lhs", getLhs().getType(),
                             QuantRole::Storage)) ||
      failed(verifyPerTensor(*this, "lhs", getLhs().getType())) ||
      failed(verifyQuantized(*this, "rhs", getRhs().getType(),
                             QuantRole::Storage)) ||
      failed(verifyQuantized(*this, "result", getOutput().getType(),
                             QuantRole::Accumulator)))
    return failure();

  auto lhs = cast<RankedTensorType>(getLhs().getType());
  auto rhs = cast<RankedTensorType>(getRhs().getType());
  auto out = cast<RankedTensorType>(getOutput().getType());
  if (lhs.getRank() != 2 && lhs.getRank() != 3)
    return emitOpError() << "lhs must have rank 2 or 3, got " << lhs.getRank();
  if (rhs.getRank() != 2 && rhs.getRank() != 3)
    return emitOpError() << "rhs must have rank 2 or 3, got " << rhs.getRank();
  if (rhs.getRank() == 3 && lhs.getRank() != 3)
    return emitOpError() << "a batched rhs needs a batched lhs";
  if (out.getRank() != lhs.getRank())
    return emitOpError() << "result rank " << out.getRank()
                         << " must equal the lhs rank " << lhs.getRank();

  bool batched = lhs.getRank() == 3;
  int64_t m = lhs.getDimSize(batched ? 1 : 0);
  int64_t k = lhs.getDimSize(batched ? 2 : 1);
  int64_t rk = rhs.getDimSize(rhs.getRank() - 2);
  int64_t n = rhs.getDimSize(rhs.getRank() - 1);
  if (!compatibleDims(k, rk))
    return emitOpError() << "contraction sizes differ: lhs has " << k
                         << " columns, rhs has " << rk << " rows";
  if (batched && rhs.getRank() == 3 &&
      !compatibleDims(lhs.getDimSize(0), rhs.getDimSize(0)))
    return emitOpError() << "batch sizes differ: " << lhs.getDimSize(0)
                         << " vs " << rhs.getDimSize(0);
  SmallVector<int64_t> expected;
  if (batched)
    expected.push_back(lhs.getDimSize(0));
  expected.append({m, n});
  for (auto [got, want] : llvm::zip(out.getShape(), expected))
    if (!compatibleDims(got, want))
      return emitOpError() << "result shape " << out
                           << " does not match the operands' [batch x] M x N";

  QuantParams lhsParams = *QuantParams::get(lhs);
  QuantParams rhsParams = *QuantParams::get(rhs);
  if (rhsParams.isPerAxis() && *rhsParams.axis != rhs.getRank() - 1)
    return emitOpError() << "rhs must be quantized per axis along its last "
                            "(N) dimension, got dimension "
                         << *rhsParams.axis;
  if (failed(verifyAccumulatorScales(*this, "result", out, lhsParams.scales[0],
                                     rhsParams, out.getRank() - 1)))
    return failure();
  return verifyBias(*this, getBias(), n, lhsParams.scales[0], rhsParams);
}

//===----------------------------------------------------------------------===//
// Conv2DOp
//===----------------------------------------------------------------------===//

bool Conv2DOp::hasStaticShapeExceptBatch() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto filter = cast<RankedTensorType>(getFilter().getType());
  return !llvm::any_of(input.getShape().drop_front(), ShapedType::isDynamic) &&
         filter.hasStaticShape();
}

/// Strides, dilations and padding of a sliding window (a convolution's
/// filter, a pooling kernel).
static LogicalResult verifyWindowAttrs(Operation *op, ArrayRef<int64_t> strides,
                                       ArrayRef<int64_t> dilations,
                                       ArrayRef<int64_t> padding) {
  if (strides.size() != 2 ||
      llvm::any_of(strides, [](int64_t s) { return s < 1; }))
    return op->emitOpError("strides must be two positive integers");
  if (dilations.size() != 2 ||
      llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return op->emitOpError("dilations must be two positive integers");
  if (padding.size() != 4 ||
      llvm::any_of(padding, [](int64_t p) { return p < 0; }))
    return op->emitOpError("padding must be four non-negative integers [top, "
                           "bottom, left, right]");
  return success();
}

/// The number of window positions along one spatial dimension (dynamic
/// when `in` or `k` is; 0 when the dilated window exceeds the padded
/// input).
static int64_t windowCount(int64_t in, int64_t k, int64_t padA, int64_t padB,
                           int64_t stride, int64_t dilation) {
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(k))
    return ShapedType::kDynamic;
  int64_t span = in + padA + padB - dilation * (k - 1) - 1;
  return span < 0 ? 0 : span / stride + 1;
}

bool mlir::qnn::everyWindowHoldsInput(ArrayRef<int64_t> inputShape,
                                      ArrayRef<int64_t> kernel,
                                      ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> dilations,
                                      ArrayRef<int64_t> padding) {
  for (int64_t d = 0; d < 2; ++d) {
    int64_t size = inputShape[d + 1], padLow = padding[2 * d];
    if (ShapedType::isDynamic(size))
      continue;
    int64_t count = windowCount(size, kernel[d], padLow, padding[2 * d + 1],
                                strides[d], dilations[d]);
    for (int64_t o = 0; o < count; ++o) {
      bool holds = false;
      for (int64_t j = 0; j < kernel[d] && !holds; ++j) {
        int64_t at = o * strides[d] - padLow + j * dilations[d];
        holds = at >= 0 && at < size;
      }
      if (!holds)
        return false;
    }
  }
  return true;
}

/// The rules qnn.max_pool2d and qnn.avg_pool2d share: same quantized
/// type in and out (per tensor or per channel), NHWC, the window's
/// attributes and the result shape.
static LogicalResult verifyPooling(Operation *op, ArrayRef<int64_t> kernel,
                                   ArrayRef<int64_t> strides,
                                   ArrayRef<int64_t> dilations,
                                   ArrayRef<int64_t> padding) {
  Type inputType = op->getOperand(0).getType();
  if (failed(verifyQuantized(op, "input", inputType, QuantRole::Storage)))
    return failure();
  auto input = cast<RankedTensorType>(inputType);
  auto out = cast<RankedTensorType>(op->getResult(0).getType());
  if (input.getElementType() != out.getElementType())
    return op->emitOpError()
           << "result element type " << out.getElementType()
           << " must be the input's, " << input.getElementType();
  if (input.getRank() != 4 || out.getRank() != 4)
    return op->emitOpError("input and result must have rank 4 (NHWC)");
  if (std::optional<int64_t> axis = QuantParams::get(input)->axis;
      axis && *axis != 3)
    return op->emitOpError() << "input must be quantized per tensor or per "
                                "channel (dimension 3), got dimension "
                             << *axis;
  if (kernel.size() != 2 ||
      llvm::any_of(kernel, [](int64_t k) { return k < 1; }))
    return op->emitOpError("kernel must be two positive integers [KH, KW]");
  if (failed(verifyWindowAttrs(op, strides, dilations, padding)))
    return failure();
  int64_t oh = windowCount(input.getDimSize(1), kernel[0], padding[0],
                           padding[1], strides[0], dilations[0]);
  int64_t ow = windowCount(input.getDimSize(2), kernel[1], padding[2],
                           padding[3], strides[1], dilations[1]);
  if (oh == 0 || ow == 0)
    return op->emitOpError(
        "the dilated kernel is larger than the padded input");
  int64_t expected[] = {input.getDimSize(0), oh, ow, input.getDimSize(3)};
  for (auto [got, want] : llvm::zip(out.getShape(), expected))
    if (!compatibleDims(got, want))
      return op->emitOpError()
             << "result shape " << out << " does not match [N, OH, OW, C] = ["
             << expected[0] << ", " << oh << ", " << ow << ", " << expected[3]
             << "]";
  if (!everyWindowHoldsInput(input.getShape(), kernel, strides, dilations,
                             padding))
    return op->emitOpError("a window reads only padding; every window must "
                           "hold an input element");
  return success();
}

LogicalResult MaxPool2DOp::verify() {
  return verifyPooling(*this, getKernel(), getStrides(), getDilations(),
                       getPadding());
}

LogicalResult AvgPool2DOp::verify() {
  int64_t noDilation[] = {1, 1};
  if (failed(verifyPooling(*this, getKernel(), getStrides(), noDilation,
                           getPadding())))
    return failure();
  return verifyFloatRounding(*this, getRounding());
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyQuantized(*this, "input", getInput().getType(),
                             QuantRole::Storage)) ||
      failed(verifyPerTensor(*this, "input", getInput().getType())) ||
      failed(verifyQuantized(*this, "filter", getFilter().getType(),
                             QuantRole::Storage)) ||
      failed(verifyQuantized(*this, "result", getOutput().getType(),
                             QuantRole::Accumulator)))
    return failure();

  auto input = cast<RankedTensorType>(getInput().getType());
  auto filter = cast<RankedTensorType>(getFilter().getType());
  auto out = cast<RankedTensorType>(getOutput().getType());
  if (input.getRank() != 4 || filter.getRank() != 4 || out.getRank() != 4)
    return emitOpError("input, filter and result must have rank 4 (NHWC, "
                       "HWCF, NHWC)");

  ArrayRef<int64_t> strides = getStrides(), dilations = getDilations(),
                    padding = getPadding();
  if (failed(verifyWindowAttrs(*this, strides, dilations, padding)))
    return failure();
  int64_t groups = getGroups();
  if (groups < 1)
    return emitOpError() << "groups must be positive, got " << groups;

  int64_t inC = input.getDimSize(3), fC = filter.getDimSize(2),
          fF = filter.getDimSize(3);
  if (!ShapedType::isDynamic(inC) && inC % groups != 0)
    return emitOpError() << "groups " << groups
                         << " does not divide the input channels " << inC;
  if (!ShapedType::isDynamic(fF) && fF % groups != 0)
    return emitOpError() << "groups " << groups
                         << " does not divide the filter's output channels "
                         << fF;
  if (!ShapedType::isDynamic(inC) && !compatibleDims(fC, inC / groups))
    return emitOpError() << "filter has " << fC
                         << " input channels per group, expected "
                         << inC / groups;

  int64_t oh = windowCount(input.getDimSize(1), filter.getDimSize(0),
                           padding[0], padding[1], strides[0], dilations[0]);
  int64_t ow = windowCount(input.getDimSize(2), filter.getDimSize(1),
                           padding[2], padding[3], strides[1], dilations[1]);
  if (oh == 0 || ow == 0)
    return emitOpError("the dilated filter is larger than the padded input");
  int64_t expected[] = {input.getDimSize(0), oh, ow, fF};
  for (auto [got, want] : llvm::zip(out.getShape(), expected))
    if (!compatibleDims(got, want))
      return emitOpError() << "result shape " << out << " does not match [N, "
                           << "OH, OW, F] = [" << expected[0] << ", " << oh
                           << ", " << ow << ", " << fF << "]";

  QuantParams inParams = *QuantParams::get(input);
  QuantParams filterParams = *QuantParams::get(filter);
  if (filterParams.isPerAxis() && *filterParams.axis != 3)
    return emitOpError() << "filter must be quantized per axis along its "
                            "output channels (dimension 3), got dimension "
                         << *filterParams.axis;
  if (failed(verifyAccumulatorScales(*this, "result", out, inParams.scales[0],
                                     filterParams, 3)))
    return failure();
  return verifyBias(*this, getBias(), fF, inParams.scales[0], filterParams);
}

//===----------------------------------------------------------------------===//
// AddOp / ClampOp
//===----------------------------------------------------------------------===//

LogicalResult AddOp::verify() {
  for (auto [name, value] : {std::pair<StringRef, Value>{"lhs", getLhs()},
                             {"rhs", getRhs()},
                             {"result", getOutput()}})
    if (failed(verifyQuantized(*this, name, value.getType(),
                               QuantRole::Storage)) ||
        failed(verifyPerTensor(*this, name, value.getType())))
      return failure();
  return verifyFloatRounding(*this, getRounding());
}

LogicalResult ClampOp::verify() {
  if (failed(verifyQuantized(*this, "input", getInput().getType(),
                             QuantRole::Any)))
    return failure();
  QuantParams params = *QuantParams::get(getInput().getType());
  auto [lo, hi] = getBounds();
  if (lo > hi)
    return emitOpError() << "min " << lo << " is greater than max " << hi;
  if (lo < params.range.min || hi > params.range.max)
    return emitOpError() << "bounds [" << lo << ", " << hi
                         << "] are outside the storage range ["
                         << params.range.min << ", " << params.range.max << "]";
  return success();
}

//===----------------------------------------------------------------------===//
// StatsOp
//===----------------------------------------------------------------------===//

LogicalResult
StatsOp::reifyResultShapes(OpBuilder &builder,
                           ReifiedRankedShapedTypeDims &reifiedReturnShapes) {
  // The result is the input: its sizes are the input's.
  auto type = cast<RankedTensorType>(getType());
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    sizes.push_back(
        type.isDynamicDim(d)
            ? OpFoldResult(
                  tensor::DimOp::create(builder, getLoc(), getInput(), d)
                      .getResult())
            : OpFoldResult(builder.getIndexAttr(type.getDimSize(d))));
  reifiedReturnShapes.push_back(sizes);
  return success();
}

LogicalResult StatsOp::verify() {
  ArrayRef<double> mins = getMin(), maxs = getMax();
  if (mins.size() != maxs.size())
    return emitOpError() << "has " << mins.size() << " minima but "
                         << maxs.size() << " maxima";
  auto type = cast<RankedTensorType>(getInput().getType());
  if (std::optional<int64_t> axis = getAxis()) {
    if (*axis < 0 || *axis >= type.getRank())
      return emitOpError() << "axis " << *axis << " is out of range for rank "
                           << type.getRank();
    int64_t size = type.getDimSize(*axis);
    if (!ShapedType::isDynamic(size) &&
        size != static_cast<int64_t>(mins.size()))
      return emitOpError() << "has " << mins.size() << " ranges but dimension "
                           << *axis << " has size " << size;
  } else if (mins.size() != 1) {
    return emitOpError() << "needs exactly one range without an axis, got "
                         << mins.size();
  }
  for (auto [i, pair] : llvm::enumerate(llvm::zip(mins, maxs))) {
    auto [lo, hi] = pair;
    if (!std::isfinite(lo) || !std::isfinite(hi))
      return emitOpError() << "range " << i << " is not finite";
    if (lo > hi)
      return emitOpError() << "range " << i << " has min " << lo
                           << " greater than max " << hi;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// PrunedOp
//===----------------------------------------------------------------------===//

static std::string formatIndex(int64_t linear, ArrayRef<int64_t> shape) {
  SmallVector<int64_t> index(shape.size());
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    index[d] = linear % shape[d];
    linear /= shape[d];
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(index, os);
  os << "]";
  return text;
}

LogicalResult PrunedOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getOutput().getType());
  if (in.getEncoding())
    return emitOpError("input must be a dense tensor (no encoding)");
  if (in.getShape() != out.getShape() ||
      in.getElementType() != out.getElementType())
    return emitOpError() << "result " << out
                         << " must have the input's shape and element type";
  SparsityPatternAttrInterface pattern = getPattern();
  if (failed(pattern.verifyShape([&] { return emitOpError(); }, in.getShape())))
    return failure();
  if (Attribute encoding = out.getEncoding()) {
    auto expected = pattern.getStorageEncoding(in.getShape());
    if (encoding != expected)
      return emitOpError() << "result encoding " << encoding
                           << " does not store " << pattern << "; expected "
                           << expected;
  }

  // A constant input must already satisfy the pattern. A quantized weight's
  // zero is the real zero: its zero point.
  Attribute constant;
  if (!in.hasStaticShape() || !matchPattern(getInput(), m_Constant(&constant)))
    return success();
  std::optional<int64_t> violation;
  if (auto quantized = getInput().getDefiningOp<ConstantOp>()) {
    std::optional<QuantParams> params = QuantParams::get(in);
    if (!params)
      return success();
    std::optional<int64_t> splat = quantized.getSplatStoredValue();
    SmallVector<int64_t> stored;
    if (!splat)
      stored = quantized.getStoredValues();
    // A malformed constant is its own verifier's to report.
    if (!splat && static_cast<int64_t>(stored.size()) != in.getNumElements())
      return success();
    violation = pattern.findViolation(in.getShape(), [&](int64_t i) {
      int64_t channel =
          params->isPerAxis() ? channelOf(i, in.getShape(), *params->axis) : 0;
      return (splat ? *splat : stored[i]) != params->zeroPoint(channel);
    });
  } else if (auto dense = dyn_cast<DenseElementsAttr>(constant);
             dense && isa<FloatType>(dense.getElementType())) {
    auto values = llvm::to_vector(dense.getValues<APFloat>());
    violation = pattern.findViolation(in.getShape(), [&](int64_t i) {
      return !values[dense.isSplat() ? 0 : i].isZero();
    });
  } else if (auto dense = dyn_cast<DenseElementsAttr>(constant);
             dense && dense.getElementType().isIntOrIndex()) {
    auto values = llvm::to_vector(dense.getValues<APInt>());
    violation = pattern.findViolation(in.getShape(), [&](int64_t i) {
      return !values[dense.isSplat() ? 0 : i].isZero();
    });
  }
  if (violation)
    return emitOpError() << "constant input breaks " << pattern << ": element "
                         << formatIndex(*violation, in.getShape())
                         << " is one non-zero too many";
  return success();
}

//===----------------------------------------------------------------------===//
// CodebookLookupOp
//===----------------------------------------------------------------------===//

LogicalResult CodebookLookupOp::verify() {
  auto indices = cast<RankedTensorType>(getIndices().getType());
  auto centroids = cast<RankedTensorType>(getCentroids().getType());
  auto out = cast<RankedTensorType>(getOutput().getType());
  unsigned bits = indices.getElementType().getIntOrFloatBitWidth();
  if (bits < 1 || bits > 8)
    return emitOpError() << "index width must be in [1, 8] bits, got " << bits;
  int64_t entries = int64_t(1) << bits;
  if (out.getShape() != indices.getShape())
    return emitOpError() << "result shape must equal the indices' shape";
  Type element = centroids.getElementType();
  auto perRow = dyn_cast<quant::UniformQuantizedPerAxisType>(element);
  if (!isa<FloatType>(element)) {
    if (failed(
            verifyQuantized(*this, "centroids", centroids, QuantRole::Storage)))
      return failure();
    // One scale per table row: the rows are the channels along `axis`.
    if (perRow && (!getAxis() || perRow.getQuantizedDimension() != 0))
      return emitOpError("per-axis quantized centroids need `axis` and must "
                         "be quantized along their rows (dimension 0)");
  }
  Type expected = element;
  if (perRow && getAxis())
    expected = quant::UniformQuantizedPerAxisType::get(
        perRow.getFlags(), perRow.getStorageType(), perRow.getExpressedType(),
        perRow.getScales(), perRow.getZeroPoints(), *getAxis(),
        perRow.getStorageTypeMin(), perRow.getStorageTypeMax());
  if (out.getElementType() != expected)
    return emitOpError() << "result element type must be " << expected
                         << " (the centroids' element type"
                         << (perRow ? ", quantized along `axis`)" : ")");
  if (std::optional<int64_t> axis = getAxis()) {
    if (*axis < 0 || *axis >= indices.getRank())
      return emitOpError() << "axis " << *axis << " is out of range for rank "
                           << indices.getRank();
    if (centroids.getRank() != 2)
      return emitOpError("per-axis centroids must have rank 2 [channels, "
                         "entries]");
    if (!compatibleDims(centroids.getDimSize(0), indices.getDimSize(*axis)))
      return emitOpError() << "has " << centroids.getDimSize(0)
                           << " centroid rows but dimension " << *axis
                           << " has size " << indices.getDimSize(*axis);
  } else if (centroids.getRank() != 1) {
    return emitOpError("centroids must have rank 1 without an axis");
  }
  int64_t tableSize = centroids.getDimSize(centroids.getRank() - 1);
  if (tableSize != entries)
    return emitOpError() << "codebook of " << bits << "-bit indices needs "
                         << entries << " centroids per row, got "
                         << (ShapedType::isDynamic(tableSize)
                                 ? std::string("?")
                                 : std::to_string(tableSize));
  return success();
}
