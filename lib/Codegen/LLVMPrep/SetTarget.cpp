//===- SetTarget.cpp - Record the target CPU and features -----------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Passes.h"
#include "qnn/Codegen/Target.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMAttrs.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/TargetParser/Host.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNSETTARGETPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
struct QNNSetTargetPass final
    : qnn::impl::QNNSetTargetPassBase<QNNSetTargetPass> {
  using QNNSetTargetPassBase::QNNSetTargetPassBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    Target target = resolveTarget(cpu, features);
    // The module's triple, so that mlir-translate output compiles for this
    // machine without clang's "overriding the module target triple".
    ModuleOp module = getOperation();
    if (!module->hasAttr(LLVM::LLVMDialect::getTargetTripleAttrName()))
      module->setAttr(
          LLVM::LLVMDialect::getTargetTripleAttrName(),
          StringAttr::get(ctx, llvm::sys::getDefaultTargetTriple()));
    auto triple = module->getAttrOfType<StringAttr>(
        LLVM::LLVMDialect::getTargetTripleAttrName());
    if (std::string problem =
            checkTarget(triple ? triple.getValue() : "", target);
        !problem.empty()) {
      emitError(module.getLoc()) << "qnn-set-target: " << problem;
      return signalPassFailure();
    }
    auto cpuAttr = StringAttr::get(ctx, target.cpu);
    auto featureAttr = LLVM::TargetFeaturesAttr::get(ctx, target.features);
    getOperation()->walk([&](Operation *op) {
      if (!isa<func::FuncOp, LLVM::LLVMFuncOp>(op))
        return;
      if (!op->hasAttr("target_cpu"))
        op->setAttr("target_cpu", cpuAttr);
      if (!op->hasAttr("target_features"))
        op->setAttr("target_features", featureAttr);
    });
  }
};
} // namespace
