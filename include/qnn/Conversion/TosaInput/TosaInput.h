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

#ifndef QNN_CONVERSION_TOSAINPUT_TOSAINPUT_H
#define QNN_CONVERSION_TOSAINPUT_TOSAINPUT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::qnn {

/// Adds, to a pass manager on func.func, the passes that turn float TOSA
/// into linalg, tensor and arith ops (then canonicalize and CSE).
void addTosaToLinalgPasses(OpPassManager &funcPM);

/// True when `root` holds a TOSA op.
bool containsTosa(Operation *root);

/// The dialects the conversion produces, and a module pipeline that
/// converts every function.
void getTosaToLinalgDependentDialects(DialectRegistry &registry);
OpPassManager tosaToLinalgModulePipeline();

/// Base of the passes that take float TOSA input (calibrate, quantize):
/// declares the dialects the conversion creates, and converts a module that
/// holds TOSA ops before the pass starts. Use it in place of the
/// ODS-generated base: `struct P final : TosaInputPass<P, impl::PBase>`.
template <typename DerivedT, template <typename> class PassBaseT>
class TosaInputPass : public PassBaseT<DerivedT> {
public:
  using Base = PassBaseT<DerivedT>;
  using Base::Base;

  void getDependentDialects(DialectRegistry &registry) const override {
    Base::getDependentDialects(registry);
    getTosaToLinalgDependentDialects(registry);
  }

protected:
  /// Converts the TOSA ops of `module` to linalg, as a nested pipeline of
  /// this pass; succeeds at once when there are none.
  LogicalResult convertTosaInput(ModuleOp module) {
    if (!containsTosa(module))
      return success();
    OpPassManager pm = tosaToLinalgModulePipeline();
    return this->runPipeline(pm, module);
  }
};

} // namespace mlir::qnn

#endif // QNN_CONVERSION_TOSAINPUT_TOSAINPUT_H
