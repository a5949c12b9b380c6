//===- Passes.h - QNN quantization passes -----------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_QUANTIZATION_PASSES_H
#define QNN_QUANTIZATION_PASSES_H

#include "qnn/Dialect/QNN/IR/QNNDialect.h"
#include "qnn/Quantization/Observers.h"
#include "qnn/Quantization/QuantizeContraction.h"
#include "qnn/Samples/Samples.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::qnn {

#define GEN_PASS_DECL
#include "qnn/Quantization/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnn/Quantization/Passes.h.inc"

/// qnn-calibrate on `samples` held in memory (one float32 array per entry
/// argument, the leading dimension the sample; `samples.count` need not be
/// set) instead of the files of `options.data`, which must be empty. They
/// are checked as files are: a mismatch or a non-finite value is an error
/// naming the argument.
std::unique_ptr<Pass> createQNNCalibratePass(QNNCalibratePassOptions options,
                                             Samples samples);
std::unique_ptr<Pass> createQNNCalibratePass(QNNCalibratePassOptions options,
                                             SampleSource samples);

/// --quantize that measures each layer's error (as `data=` does) on
/// samples in memory, shared with the other passes of a pipeline
/// (SampleSource); `options.data` must be empty.
std::unique_ptr<Pass> createQuantizePass(QuantizePassOptions options,
                                         SampleSource samples);

/// qnn-raise-quantized on one function: rewrites its layers quantized
/// elsewhere into qnn integer ops (TOSA int8, linalg's quantized ops and,
/// with `qdq`, QDQ layers) and returns how many; fails (with an error) only
/// where a layer cannot be rewritten after all.
FailureOr<int64_t> raiseQuantizedLayers(func::FuncOp func, bool qdq = true);

/// The TOSA part of it: tosa.conv2d, depthwise_conv2d and matmul on i8 with
/// constant zero points, followed by a tosa.rescale with constant
/// multipliers and shifts (and a clamp), become qnn.conv2d / qnn.matmul +
/// qnn.requantize (+ qnn.clamp) that compute the same integers. Returns how
/// many; a layer it cannot raise keeps its TOSA ops, with a remark.
FailureOr<int64_t> raiseTosaIntegerLayers(func::FuncOp func);

} // namespace mlir::qnn

#endif // QNN_QUANTIZATION_PASSES_H
