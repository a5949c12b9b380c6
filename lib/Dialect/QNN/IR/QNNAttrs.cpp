//===- QNNAttrs.cpp - QNN attributes and sparsity patterns ----------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNNAttrs.h"
#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::qnn;
using sparse_tensor::LevelFormat;
using sparse_tensor::LevelType;
using sparse_tensor::SparseTensorEncodingAttr;

#include "qnn/Dialect/QNN/IR/QNNEnums.cpp.inc"
#include "qnn/Dialect/QNN/IR/QNNInterfaces.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "qnn/Dialect/QNN/IR/QNNAttrs.cpp.inc"

void QNNDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "qnn/Dialect/QNN/IR/QNNAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

static LogicalResult
verifyRankAtLeastOne(function_ref<InFlightDiagnostic()> emitError,
                     ArrayRef<int64_t> shape) {
  if (shape.empty())
    return emitError() << "a sparsity pattern needs a tensor of rank >= 1";
  return success();
}

static LogicalResult
verifyAxisInRange(function_ref<InFlightDiagnostic()> emitError, int64_t axis,
                  ArrayRef<int64_t> shape) {
  if (failed(verifyRankAtLeastOne(emitError, shape)))
    return failure();
  if (axis >= static_cast<int64_t>(shape.size()))
    return emitError() << "pattern axis " << axis
                       << " is out of range for rank " << shape.size();
  return success();
}

/// Builds an encoding from per-level expressions and formats.
static SparseTensorEncodingAttr buildEncoding(MLIRContext *ctx, unsigned rank,
                                              ArrayRef<AffineExpr> levels,
                                              ArrayRef<LevelType> formats) {
  AffineMap dimToLvl = AffineMap::get(rank, 0, levels, ctx);
  return SparseTensorEncodingAttr::get(
      ctx, formats, dimToLvl, sparse_tensor::inferLvlToDim(dimToLvl, ctx));
}

static SparseTensorEncodingAttr innermostCompressed(MLIRContext *ctx,
                                                    unsigned rank) {
  SmallVector<AffineExpr> levels;
  SmallVector<LevelType> formats;
  for (unsigned d = 0; d < rank; ++d) {
    levels.push_back(getAffineDimExpr(d, ctx));
    formats.push_back(d + 1 == rank ? LevelType(LevelFormat::Compressed)
                                    : LevelType(LevelFormat::Dense));
  }
  return buildEncoding(ctx, rank, levels, formats);
}

/// Visits every line along `axis` of a static `shape`, calling `fn` with the
/// linear index of the line's first element and the stride along `axis`.
static void forEachLine(ArrayRef<int64_t> shape, int64_t axis,
                        function_ref<void(int64_t, int64_t)> fn) {
  int64_t stride = 1;
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d > axis; --d)
    stride *= shape[d];
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < stride; ++i)
      fn(o * shape[axis] * stride + i, stride);
}

//===----------------------------------------------------------------------===//
// UnstructuredAttr
//===----------------------------------------------------------------------===//

LogicalResult
UnstructuredAttr::verifyShape(function_ref<InFlightDiagnostic()> emitError,
                              ArrayRef<int64_t> shape) const {
  return verifyRankAtLeastOne(emitError, shape);
}

std::optional<int64_t>
UnstructuredAttr::findViolation(ArrayRef<int64_t>,
                                function_ref<bool(int64_t)>) const {
  return std::nullopt;
}

SparseTensorEncodingAttr
UnstructuredAttr::getStorageEncoding(ArrayRef<int64_t> shape) const {
  return innermostCompressed(getContext(), shape.size());
}

//===----------------------------------------------------------------------===//
// NOfMAttr
//===----------------------------------------------------------------------===//

LogicalResult NOfMAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               int64_t n, int64_t m, int64_t axis) {
  if (n < 1)
    return emitError() << "n:m pattern needs n >= 1, got " << n;
  if (n >= m)
    return emitError() << "n:m pattern needs n < m, got " << n << ":" << m;
  if (m > 64)
    return emitError() << "n:m pattern needs m <= 64, got " << m;
  if (axis < 0)
    return emitError() << "n:m pattern axis must be non-negative, got " << axis;
  return success();
}

LogicalResult
NOfMAttr::verifyShape(function_ref<InFlightDiagnostic()> emitError,
                      ArrayRef<int64_t> shape) const {
  if (failed(verifyAxisInRange(emitError, getAxis(), shape)))
    return failure();
  int64_t size = shape[getAxis()];
  if (!ShapedType::isDynamic(size) && size % getM() != 0)
    return emitError() << "dimension " << getAxis() << " of size " << size
                       << " is not a multiple of m = " << getM();
  return success();
}

std::optional<int64_t>
NOfMAttr::findViolation(ArrayRef<int64_t> shape,
                        function_ref<bool(int64_t)> isNonZero) const {
  std::optional<int64_t> violation;
  int64_t size = shape[getAxis()];
  forEachLine(shape, getAxis(), [&](int64_t start, int64_t stride) {
    for (int64_t group = 0; group < size && !violation; group += getM()) {
      int64_t count = 0;
      for (int64_t j = group; j < group + getM(); ++j) {
        int64_t index = start + j * stride;
        if (isNonZero(index) && ++count > getN()) {
          violation = index;
          break;
        }
      }
    }
  });
  return violation;
}

SparseTensorEncodingAttr
NOfMAttr::getStorageEncoding(ArrayRef<int64_t> shape) const {
  MLIRContext *ctx = getContext();
  unsigned rank = shape.size();
  SmallVector<AffineExpr> levels;
  SmallVector<LevelType> formats;
  for (unsigned d = 0; d < rank; ++d) {
    if (static_cast<int64_t>(d) == getAxis())
      continue;
    levels.push_back(getAffineDimExpr(d, ctx));
    formats.push_back(LevelFormat::Dense);
  }
  AffineExpr axis = getAffineDimExpr(getAxis(), ctx);
  levels.push_back(axis.floorDiv(getM()));
  formats.push_back(LevelFormat::Dense);
  levels.push_back(axis % getM());
  formats.push_back(*sparse_tensor::buildLevelType(
      LevelFormat::NOutOfM, /*ordered=*/true, /*unique=*/true, getN(), getM()));
  return buildEncoding(ctx, rank, levels, formats);
}

//===----------------------------------------------------------------------===//
// BlockAttr
//===----------------------------------------------------------------------===//

LogicalResult BlockAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                ArrayRef<int64_t> shape) {
  if (shape.empty())
    return emitError() << "block shape must not be empty";
  for (int64_t size : shape)
    if (size < 1)
      return emitError() << "block sizes must be positive, got " << size;
  return success();
}

LogicalResult
BlockAttr::verifyShape(function_ref<InFlightDiagnostic()> emitError,
                       ArrayRef<int64_t> shape) const {
  if (getShape().size() != shape.size())
    return emitError() << "block rank " << getShape().size()
                       << " does not match tensor rank " << shape.size();
  for (auto [dim, pair] : llvm::enumerate(llvm::zip(getShape(), shape))) {
    auto [block, size] = pair;
    if (!ShapedType::isDynamic(size) && size % block != 0)
      return emitError() << "block size " << block
                         << " does not divide dimension " << dim << " of size "
                         << size;
  }
  return success();
}

std::optional<int64_t>
BlockAttr::findViolation(ArrayRef<int64_t>, function_ref<bool(int64_t)>) const {
  // A kept block may hold zeros: the pattern constrains storage, not values.
  return std::nullopt;
}

SparseTensorEncodingAttr
BlockAttr::getStorageEncoding(ArrayRef<int64_t> shape) const {
  MLIRContext *ctx = getContext();
  unsigned rank = shape.size();
  SmallVector<AffineExpr> levels;
  SmallVector<LevelType> formats;
  // Block coordinates first (the last one compressed), then the dense
  // coordinates inside a block. A block size of 1 needs no inner level.
  for (unsigned d = 0; d < rank; ++d) {
    AffineExpr dim = getAffineDimExpr(d, ctx);
    levels.push_back(getShape()[d] > 1 ? dim.floorDiv(getShape()[d]) : dim);
    formats.push_back(d + 1 == rank ? LevelType(LevelFormat::Compressed)
                                    : LevelType(LevelFormat::Dense));
  }
  for (unsigned d = 0; d < rank; ++d) {
    if (getShape()[d] == 1)
      continue;
    levels.push_back(getAffineDimExpr(d, ctx) % getShape()[d]);
    formats.push_back(LevelFormat::Dense);
  }
  return buildEncoding(ctx, rank, levels, formats);
}

//===----------------------------------------------------------------------===//
// ChannelAttr
//===----------------------------------------------------------------------===//

LogicalResult ChannelAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                  int64_t axis) {
  if (axis < 0)
    return emitError() << "channel pattern axis must be non-negative, got "
                       << axis;
  return success();
}

LogicalResult
ChannelAttr::verifyShape(function_ref<InFlightDiagnostic()> emitError,
                         ArrayRef<int64_t> shape) const {
  return verifyAxisInRange(emitError, getAxis(), shape);
}

std::optional<int64_t>
ChannelAttr::findViolation(ArrayRef<int64_t>,
                           function_ref<bool(int64_t)>) const {
  // A kept channel may hold zeros: the pattern constrains storage, not values.
  return std::nullopt;
}

SparseTensorEncodingAttr
ChannelAttr::getStorageEncoding(ArrayRef<int64_t> shape) const {
  MLIRContext *ctx = getContext();
  unsigned rank = shape.size();
  SmallVector<AffineExpr> levels{getAffineDimExpr(getAxis(), ctx)};
  SmallVector<LevelType> formats{LevelFormat::Compressed};
  for (unsigned d = 0; d < rank; ++d) {
    if (static_cast<int64_t>(d) == getAxis())
      continue;
    levels.push_back(getAffineDimExpr(d, ctx));
    formats.push_back(LevelFormat::Dense);
  }
  return buildEncoding(ctx, rank, levels, formats);
}
