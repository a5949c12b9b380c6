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

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::qnn {

#define GEN_PASS_DECL
#include "qnn/Quantization/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnn/Quantization/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_QUANTIZATION_PASSES_H
