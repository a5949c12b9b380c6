//===- QNNToLinalg.h - Lower qnn ops to linalg ------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CONVERSION_QNNTOLINALG_QNNTOLINALG_H
#define QNN_CONVERSION_QNNTOLINALG_QNNTOLINALG_H

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::qnn {

/// Converts quantized element types to signless integers that hold their
/// storage (`!quant.uniform<u8:f32, ...>` -> `i8`), in tensors and alone.
/// Storage narrower than a byte lives in an `i8` container (sign- or
/// zero-extended): LLVM packs `vector<16xi4>` into 8 bytes but gives each
/// scalar `i4` of a memref a byte, so sub-byte memrefs cannot be vectorized
/// consistently. Every other type is legal as it is.
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
