//===- Passes.h - QNN conversion passes -------------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CONVERSION_PASSES_H
#define QNN_CONVERSION_PASSES_H

#include "qnn/Conversion/QNNToLinalg/QNNToLinalg.h"
#include "qnn/Conversion/QNNToTosa/QNNToTosa.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::qnn {

#define GEN_PASS_DECL
#include "qnn/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnn/Conversion/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_CONVERSION_PASSES_H
