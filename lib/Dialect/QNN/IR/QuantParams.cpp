//===- QuantParams.cpp - Parameters of uniform quantized types ------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qnn;

std::optional<QuantParams> QuantParams::get(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  auto quantized = dyn_cast<quant::QuantizedType>(type);
  if (!quantized)
    return std::nullopt;
  QuantParams params;
  if (auto uniform = dyn_cast<quant::UniformQuantizedType>(type)) {
    params.scales.push_back(uniform.getScale());
    params.zeroPoints.push_back(uniform.getZeroPoint());
  } else if (auto perAxis =
                 dyn_cast<quant::UniformQuantizedPerAxisType>(type)) {
    params.scales.assign(perAxis.getScales().begin(),
                         perAxis.getScales().end());
    params.zeroPoints.assign(perAxis.getZeroPoints().begin(),
                             perAxis.getZeroPoints().end());
    params.axis = perAxis.getQuantizedDimension();
  } else {
    return std::nullopt;
  }
  params.storageBits = quantized.getStorageTypeIntegralWidth();
  params.isSigned = quantized.isSigned();
  params.range = {quantized.getStorageTypeMin(), quantized.getStorageTypeMax()};
  params.expressedType = quantized.getExpressedType();
  return params;
}

bool QuantParams::isAccumulator() const {
  return storageBits == 32 && isSigned &&
         llvm::all_of(zeroPoints, [](int64_t z) { return z == 0; });
}

int64_t mlir::qnn::channelOf(int64_t linearIndex, ArrayRef<int64_t> shape,
                             int64_t axis) {
  int64_t stride = 1;
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d > axis; --d)
    stride *= shape[d];
  return (linearIndex / stride) % shape[axis];
}

LogicalResult mlir::qnn::verifyQuantizedTensorType(
    function_ref<InFlightDiagnostic()> emitError, StringRef name, Type type,
    QuantRole role) {
  std::optional<QuantParams> params = QuantParams::get(type);
  if (!params)
    return emitError() << name << " must have a uniform quantized element type";

  if (!params->expressedType.isF32())
    return emitError() << name << " expressed type must be f32, got "
                       << params->expressedType;

  for (double scale : params->scales)
    if (!std::isfinite(scale) || !(scale > 0.0))
      return emitError() << name << " scale " << scale
                         << " must be finite and positive";

  bool isStorageWidth = params->storageBits >= 2 && params->storageBits <= 16;
  bool isAccumulator = params->storageBits == 32 && params->isSigned;
  switch (role) {
  case QuantRole::Storage:
    if (!isStorageWidth)
      return emitError() << name
                         << " storage width must be in [2, 16] bits, got "
                         << params->storageBits;
    break;
  case QuantRole::Accumulator:
    if (!isAccumulator)
      return emitError() << name
                         << " must be an i32 accumulator, got storage of "
                         << params->storageBits << " bits";
    break;
  case QuantRole::Any:
    if (!isStorageWidth && !isAccumulator)
      return emitError() << name
                         << " storage width must be in [2, 16] bits or a "
                            "signed 32-bit accumulator, got "
                         << params->storageBits << " bits";
    break;
  }

  for (int64_t zp : params->zeroPoints) {
    if (role == QuantRole::Accumulator && zp != 0)
      return emitError() << name << " zero point must be 0, got " << zp;
    // 32-bit storage is an accumulator type (docs/Semantics.md): its
    // offset-free arithmetic has no room for a zero point.
    if (isAccumulator && zp != 0)
      return emitError() << name
                         << " zero point must be 0 for 32-bit storage, got "
                         << zp;
    if (zp < params->range.min || zp > params->range.max)
      return emitError() << name << " zero point " << zp
                         << " is outside the storage range ["
                         << params->range.min << ", " << params->range.max
                         << "]";
  }

  if (params->axis) {
    auto shaped = dyn_cast<ShapedType>(type);
    if (!shaped || !shaped.hasRank())
      return success();
    int64_t axis = *params->axis;
    if (axis < 0 || axis >= shaped.getRank())
      return emitError() << name << " quantized dimension " << axis
                         << " is out of range for rank " << shaped.getRank();
    int64_t size = shaped.getDimSize(axis);
    auto count = static_cast<int64_t>(params->scales.size());
    if (!ShapedType::isDynamic(size) && size != count)
      return emitError() << name << " has " << count
                         << " scales but quantized dimension " << axis
                         << " has size " << size;
  }
  return success();
}

std::string mlir::qnn::rangeScaleProblem(double lo, double hi) {
  double width = std::max(hi, 0.0) - std::min(lo, 0.0);
  if (width == 0.0)
    return "";
  auto widest = static_cast<float>(width / 127.0);
  auto finest = static_cast<float>(width / 65535.0);
  if (std::isnormal(widest) && std::isnormal(finest))
    return "";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::format("the range [%g, %g] gives a scale of %g", lo, hi,
                     std::isnormal(widest) ? width / 65535.0 : width / 127.0)
     << ", which is not a normal positive binary32";
  return text;
}

ref::Rounding mlir::qnn::toReference(Rounding rounding) {
  switch (rounding) {
  case Rounding::HalfToEven:
    return ref::Rounding::HalfToEven;
  case Rounding::HalfAwayFromZero:
    return ref::Rounding::HalfAwayFromZero;
  case Rounding::DoubleRound:
    return ref::Rounding::DoubleRound;
  case Rounding::SingleRound:
    return ref::Rounding::SingleRound;
  case Rounding::TosaDoubleRound:
    return ref::Rounding::TosaDoubleRound;
  }
  llvm_unreachable("unknown rounding mode");
}
