//===- IntegerPooling.h - Float pooling of quantized values -----*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Pooling left in float between quantized layers, moved to the integers:
// max pooling of dequantized values is the dequantization of the max
// pooling of the stored integers (dequantization is non-decreasing), so
// linalg.pooling_nhwc_max(qnn.dequantize(q)) becomes
// qnn.dequantize(qnn.max_pool2d(q)), exactly; an unpadded average pooling
// (pooling_nhwc_sum, then a division by the window size) becomes
// qnn.avg_pool2d, rounded once with `averageRounding`. --quantize applies
// them after rewriting the layers.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_QUANTIZATION_INTEGERPOOLING_H
#define QNN_QUANTIZATION_INTEGERPOOLING_H

#include "qnn/Dialect/QNN/IR/QNNAttrs.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {

void populateIntegerPoolingPatterns(RewritePatternSet &patterns,
                                    Rounding averageRounding);

} // namespace mlir::qnn

#endif // QNN_QUANTIZATION_INTEGERPOOLING_H
