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

#include "qnn/Conversion/ChannelsLast/ChannelsLast.h"

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

/// A module pipeline that rewrites every function's NCHW convolutions and
/// pooling in NHWC (qnn-channels-last).
OpPassManager channelsLastModulePipeline();

/// True when `root` holds a quant.qcast or quant.dcast (a QDQ model), and
/// a module pipeline that imports them as qnn ops (qnn-import-quant-casts).
bool containsQuantCasts(Operation *root);

/// Rewrites each linalg.generic that is a contraction or a convolution into
/// the named op it computes (linalg.matmul, batch_matmul, a convolution),
/// where upstream's specialization recognizes it, so that the layer
/// matchers see the forms they take. Frontends print such generics.
void specializeGenericContractions(Operation *root);
OpPassManager importQuantCastsModulePipeline();

/// Base of the passes that take float models as frontends write them
/// (prune, calibrate, quantize): declares the dialects the conversions
/// create, and converts a module that holds TOSA ops to linalg, and NCHW
/// convolutions and pooling to NHWC, before the pass starts. Use it in place of
/// the ODS-generated base: `struct P final : TosaInputPass<P, impl::PBase>`.
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
  /// Converts the TOSA ops of `module` to linalg (importing quant casts on
  /// the way), or imports the quant casts of a linalg model, then rewrites
  /// channels-first ops in NHWC, as nested pipelines of this pass; does
  /// nothing where there is nothing to convert.
  LogicalResult convertInput(ModuleOp module) {
    if (containsTosa(module)) {
      OpPassManager pm = tosaToLinalgModulePipeline();
      if (failed(this->runPipeline(pm, module)))
        return failure();
    } else if (containsQuantCasts(module)) {
      OpPassManager pm = importQuantCastsModulePipeline();
      if (failed(this->runPipeline(pm, module)))
        return failure();
    }
    specializeGenericContractions(module);
    if (!containsChannelsFirstOps(module))
      return success();
    OpPassManager pm = channelsLastModulePipeline();
    return this->runPipeline(pm, module);
  }
};

} // namespace mlir::qnn

#endif // QNN_CONVERSION_TOSAINPUT_TOSAINPUT_H
