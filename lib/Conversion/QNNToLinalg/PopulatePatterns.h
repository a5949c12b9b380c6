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

/// Rewrites each qnn.matmul of a static rank-3 lhs with weights shared by
/// every batch, and the requantize/clamp chain on its result, on rank 2:
/// the batch folds into the rows before the layer and comes back after
/// it, so the lowered matmul feeds its epilogue directly (the int8 kernel
/// computes it in registers) instead of through a reshape.
void flattenSharedWeightMatmuls(Operation *root);

} // namespace mlir::qnn::detail

#endif // QNN_LIB_CONVERSION_QNNTOLINALG_POPULATEPATTERNS_H
