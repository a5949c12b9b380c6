//===- Passes.h - QNN calibration passes ------------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CALIBRATION_PASSES_H
#define QNN_CALIBRATION_PASSES_H

#include "qnn/Calibration/Observers.h"
#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::qnn {

#define GEN_PASS_DECL
#include "qnn/Calibration/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnn/Calibration/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_CALIBRATION_PASSES_H
