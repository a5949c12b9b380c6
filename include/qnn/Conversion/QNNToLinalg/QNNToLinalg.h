//===- QNNToLinalg.h - Lower qnn ops to linalg ------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CONVERSION_QNNTOLINALG_QNNTOLINALG_H
#define QNN_CONVERSION_QNNTOLINALG_QNNTOLINALG_H

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::qnn {

/// Converts quantized element types to their signless storage integers
/// (`!quant.uniform<u8:f32, ...>` -> `i8`), in tensors and alone; every other
/// type is legal as it is.
class QuantStorageTypeConverter : public TypeConverter {
public:
  QuantStorageTypeConverter();
};

/// Patterns that lower every qnn op to linalg/arith/math/tensor ops on
/// storage-typed tensors, bit-exactly as docs/Semantics.md defines.
void populateQNNToLinalgConversionPatterns(const TypeConverter &converter,
                                           RewritePatternSet &patterns);

/// Marks the ops of `target` legal once no quantized type remains, and adds
/// the patterns that convert function signatures, calls, returns and tensor
/// data-movement ops (reshapes, slices) on quantized tensors.
void populateQNNTypeConversionPatternsAndLegality(
    const TypeConverter &converter, RewritePatternSet &patterns,
    ConversionTarget &target);

} // namespace mlir::qnn

#endif // QNN_CONVERSION_QNNTOLINALG_QNNTOLINALG_H
