//===- QNNToTosa.h - qnn integer ops as TOSA int8 ---------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CONVERSION_QNNTOTOSA_QNNTOTOSA_H
#define QNN_CONVERSION_QNNTOTOSA_QNNTOTOSA_H

#include "mlir/Transforms/DialectConversion.h"

#include <string>

namespace mlir::qnn {

/// Why `op` (a qnn op) has no TOSA form that computes the same integers, or
/// empty when convert-qnn-to-tosa can export it.
std::string whyNotExportableToTosa(Operation *op);

/// Patterns that rewrite exportable qnn ops (and quant.scast) into TOSA on
/// storage types; `converter` maps quantized tensors to their storage.
void populateQNNToTosaPatterns(const TypeConverter &converter,
                               RewritePatternSet &patterns);

} // namespace mlir::qnn

#endif // QNN_CONVERSION_QNNTOTOSA_QNNTOTOSA_H
