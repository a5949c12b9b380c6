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
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <mutex>

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

/// What is wrong with `cpu` and `features` for `triple`: an unknown CPU or
/// feature name would otherwise only make LLVM warn and compile for a
/// baseline CPU. Empty when both are known (or the triple's target is not
/// in this LLVM, which then cannot compile for it either).
static std::string checkTarget(StringRef triple, StringRef cpu,
                               StringRef features) {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargetMCs();
  });
  llvm::Triple parsed(triple);
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(parsed, error);
  if (!target)
    return "";
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      target->createMCSubtargetInfo(parsed, "", ""));
  if (!info)
    return "";
  if (!info->isCPUStringValid(cpu))
    return ("unknown CPU '" + cpu + "' for " + triple +
            " (for example x86-64-v3, znver4, sapphirerapids, or host)")
        .str();
  llvm::SmallVector<StringRef> names;
  features.split(names, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef name : names) {
    StringRef bare = name.trim();
    if (!bare.consume_front("+") && !bare.consume_front("-"))
      return ("target feature '" + name +
              "' must start with '+' or '-' (e.g. '+avx2')")
          .str();
    if (!llvm::any_of(
            info->getAllProcessorFeatures(),
            [&](const llvm::SubtargetFeatureKV &kv) { return bare == kv.Key; }))
      return ("unknown target feature '" + bare + "' for " + triple).str();
  }
  return "";
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
    auto triple = module->getAttrOfType<StringAttr>(
        LLVM::LLVMDialect::getTargetTripleAttrName());
    if (std::string problem =
            checkTarget(triple ? triple.getValue() : "", cpuName, featureList);
        !problem.empty()) {
      emitError(module.getLoc()) << "qnn-set-target: " << problem;
      return signalPassFailure();
    }
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
