//===- Raising.h - Shared pieces of the raising of quantized IR -*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What raising QDQ layers, linalg's quantized ops and TOSA int8 layers into
// qnn ops shares: the remark options and the view of stored integers as
// quantized values.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_LIB_QUANTIZATION_RAISING_H
#define QNN_LIB_QUANTIZATION_RAISING_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Remarks.h"

namespace mlir::qnn::detail {

/// Remark options of a raising decision about `op` (category `quantize`).
remark::RemarkOpts raiseDecision(Operation *op);

/// `value` (signless integer storage) as a tensor of `elem`, a quantized
/// type on the same storage: a qnn.constant for a constant, else a
/// quant.scast.
Value asQuantized(OpBuilder &b, Location loc, Value value, Type elem);

/// `value`, i8 storage, as !quant.uniform<i8:f32, 1.0:zeroPoint>: the scale
/// 1 makes the real values the integer program's (value - zero point).
Value withZeroPoint(OpBuilder &b, Location loc, Value value, int64_t zeroPoint);

} // namespace mlir::qnn::detail

#endif // QNN_LIB_QUANTIZATION_RAISING_H
