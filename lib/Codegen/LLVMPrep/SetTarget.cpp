//===- SetTarget.cpp - Record the target CPU and features -----------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMAttrs.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNSETTARGETPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

/// This machine's features as "+name" / "-name", sorted for stable output.
static std::string hostFeatures() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  SmallVector<std::string> list;
  for (const auto &entry : features)
    list.push_back((entry.second ? "+" : "-") + entry.first().str());
  llvm::sort(list);
  return llvm::join(list, ",");
}

namespace {
struct QNNSetTargetPass final
    : qnn::impl::QNNSetTargetPassBase<QNNSetTargetPass> {
  using QNNSetTargetPassBase::QNNSetTargetPassBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    std::string cpuName =
        cpu == "host" ? llvm::sys::getHostCPUName().str() : cpu.getValue();
    std::string featureList =
        features == "host" ? hostFeatures() : features.getValue();
    // The module's triple, so that mlir-translate output compiles for this
    // machine without clang's "overriding the module target triple".
    ModuleOp module = getOperation();
    if (!module->hasAttr(LLVM::LLVMDialect::getTargetTripleAttrName()))
      module->setAttr(
          LLVM::LLVMDialect::getTargetTripleAttrName(),
          StringAttr::get(ctx, llvm::sys::getDefaultTargetTriple()));
    auto cpuAttr = StringAttr::get(ctx, cpuName);
    auto featureAttr = LLVM::TargetFeaturesAttr::get(ctx, featureList);
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
