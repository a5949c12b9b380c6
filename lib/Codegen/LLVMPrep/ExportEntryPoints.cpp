//===- ExportEntryPoints.cpp - C interfaces and signatures ----------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Passes.h"

#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNEXPORTENTRYPOINTSPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

namespace {
struct QNNExportEntryPointsPass final
    : qnn::impl::QNNExportEntryPointsPassBase<QNNExportEntryPointsPass> {
  void runOnOperation() override {
    qnn::QNNDialect::SignatureAttrHelper signature(&getContext());
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (!func.isPublic() || func.isExternal())
        continue;
      func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                    UnitAttr::get(&getContext()));
      if (signature.isAttrPresent(func))
        continue;
      // A string, not a TypeAttr: stock tools that do not register the quant
      // dialect (mlir-runner, mlir-translate) must still parse the module.
      std::string text;
      llvm::raw_string_ostream os(text);
      func.getFunctionType().print(os);
      signature.setAttr(func, StringAttr::get(&getContext(), text));
    }
  }
};
} // namespace
