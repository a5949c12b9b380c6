//===- QuantParams.h - Parameters of uniform quantized types ----*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One view over upstream's per-tensor and per-axis `!quant.uniform` types, so
// verifiers, folders and lowerings index scales and zero points by channel
// without switching on the two type classes everywhere.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_IR_QUANTPARAMS_H
#define QNN_DIALECT_QNN_IR_QUANTPARAMS_H

#include "qnn/Dialect/QNN/IR/QNNAttrs.h"
#include "qnn/Reference/Semantics.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Types.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace mlir::qnn {

/// Scales, zero points and storage of a uniform quantized element type. Per
/// tensor, `scales` and `zeroPoints` hold one entry and `axis` is empty.
struct QuantParams {
  llvm::SmallVector<double> scales;
  llvm::SmallVector<int64_t> zeroPoints;
  std::optional<int64_t> axis;
  unsigned storageBits = 0;
  bool isSigned = true;
  ref::StorageRange range{0, 0};
  Type expressedType;

  /// Reads the parameters of a `!quant.uniform` element type or of a shaped
  /// type with such elements; nullopt for anything else.
  static std::optional<QuantParams> get(Type type);

  bool isPerAxis() const { return axis.has_value(); }
  double scale(int64_t channel) const {
    return scales[isPerAxis() ? channel : 0];
  }
  int64_t zeroPoint(int64_t channel) const {
    return zeroPoints[isPerAxis() ? channel : 0];
  }
  /// True for a signed 32-bit storage with every zero point 0.
  bool isAccumulator() const;
};

/// The index along `axis` of the element at row-major `linearIndex` in a
/// tensor of static `shape`.
int64_t channelOf(int64_t linearIndex, llvm::ArrayRef<int64_t> shape,
                  int64_t axis);

/// What a quantized operand is used for; decides the storage rule checked.
enum class QuantRole {
  /// Weights and activations: storage of 2 to 16 bits.
  Storage,
  /// matmul/conv results and biases: i32 storage with zero point 0.
  Accumulator,
  /// Either of the above.
  Any,
};

/// Checks the invariants of a quantized tensor type that upstream's type
/// verifier leaves to the op: finite positive scales, zero points inside the
/// storage range, the storage width of `role`, an f32 expressed type, and a
/// per-axis dimension in range whose size matches the number of scales.
/// `name` starts each message ("result", "rhs", ...).
LogicalResult
verifyQuantizedTensorType(llvm::function_ref<InFlightDiagnostic()> emitError,
                          llvm::StringRef name, Type type, QuantRole role);

/// Why the calibration range [lo, hi] cannot give quantization parameters:
/// the scales it implies for 8- to 16-bit storage, from
/// (max(hi, 0) - min(lo, 0)) / 65535 to that width / 127, are not all
/// normal positive binary32 values (1e300 overflows, 1e-300 underflows).
/// Empty when they are, or when the width is 0 (a documented fallback).
std::string rangeScaleProblem(double lo, double hi);

/// Converts the dialect's rounding enum to the reference library's.
ref::Rounding toReference(Rounding rounding);

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_IR_QUANTPARAMS_H
