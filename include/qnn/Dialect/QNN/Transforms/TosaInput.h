//===- TosaInput.h - Float TOSA models as linalg on tensors -----*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Calibration and quantization work on linalg on tensors. A TOSA model is
// converted first, by the same upstream passes the qnn-to-llvm pipeline
// runs, so a TOSA and a linalg export of one model are calibrated and
// quantized alike. Locations survive the conversion, so the tensor names of
// a TOSA model are its ops' name locations.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_TRANSFORMS_TOSAINPUT_H
#define QNN_DIALECT_QNN_TRANSFORMS_TOSAINPUT_H

#include "mlir/Pass/PassManager.h"

namespace mlir::qnn {

/// Adds, to a pass manager on func.func, the passes that turn float TOSA
/// into linalg, tensor and arith ops (then canonicalize and CSE).
void addTosaToLinalgPasses(OpPassManager &funcPM);

/// True when `root` holds a TOSA op.
bool containsTosa(Operation *root);

/// For the passes that take TOSA input (calibrate, quantize): the dialects
/// the conversion produces, and a module pipeline that converts every
/// function.
void getTosaToLinalgDependentDialects(DialectRegistry &registry);
OpPassManager tosaToLinalgModulePipeline();

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_TOSAINPUT_H
