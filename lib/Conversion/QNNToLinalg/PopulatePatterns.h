//===- PopulatePatterns.h - convert-qnn-to-linalg patterns ------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_LIB_CONVERSION_QNNTOLINALG_POPULATEPATTERNS_H
#define QNN_LIB_CONVERSION_QNNTOLINALG_POPULATEPATTERNS_H

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::qnn::detail {

/// quantize, dequantize, requantize, add, clamp, constant, stats, pruned,
/// codebook_lookup.
void populateElementwisePatterns(const TypeConverter &converter,
                                 RewritePatternSet &patterns);

/// max_pool2d and avg_pool2d.
void populatePoolingPatterns(const TypeConverter &converter,
                             RewritePatternSet &patterns);

/// matmul and conv2d.
void populateContractionPatterns(const TypeConverter &converter,
                                 RewritePatternSet &patterns);

} // namespace mlir::qnn::detail

#endif // QNN_LIB_CONVERSION_QNNTOLINALG_POPULATEPATTERNS_H
