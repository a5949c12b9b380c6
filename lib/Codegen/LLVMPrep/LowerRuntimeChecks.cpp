//===- LowerRuntimeChecks.cpp - Failed checks call a recoverable hook -----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/FunctionCallUtils.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNLOWERRUNTIMECHECKSPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

static constexpr StringLiteral kHook = "qnn_runtime_check_failed";

namespace {
struct QNNLowerRuntimeChecksPass final
    : qnn::impl::QNNLowerRuntimeChecksPassBase<QNNLowerRuntimeChecksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<cf::AssertOp> asserts;
    module.walk([&](cf::AssertOp op) { asserts.push_back(op); });
    if (asserts.empty())
      return;
    MLIRContext *ctx = &getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    OpBuilder builder(ctx);
    builder.setInsertionPointToStart(module.getBody());
    auto hook = module.lookupSymbol<LLVM::LLVMFuncOp>(kHook);
    if (!hook)
      hook = LLVM::LLVMFuncOp::create(
          builder, module.getLoc(), kHook,
          LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx), {ptr}));
    // One global per distinct message.
    llvm::StringMap<std::string> globals;
    IRRewriter rewriter(ctx);
    for (cf::AssertOp op : asserts) {
      // ^before: ... cf.cond_br %ok, ^after, ^failed
      // ^failed: llvm.call @qnn_runtime_check_failed(msg); llvm.unreachable
      // ^after:  the ops that followed the assert
      Block *before = op->getBlock();
      rewriter.setInsertionPoint(op);
      Block *after = rewriter.splitBlock(before, std::next(op->getIterator()));
      Block *failed = rewriter.createBlock(after);
      rewriter.setInsertionPointToStart(failed);
      auto [it, isNew] = globals.try_emplace(
          op.getMsg(), ("qnn_check_message_" + Twine(globals.size())).str());
      Value message =
          isNew ? LLVM::createGlobalString(op.getLoc(), rewriter, it->second,
                                           (op.getMsg() + Twine('\0')).str(),
                                           LLVM::Linkage::Internal)
                : LLVM::AddressOfOp::create(rewriter, op.getLoc(), ptr,
                                            it->second)
                      .getResult();
      LLVM::CallOp::create(rewriter, op.getLoc(), hook, ValueRange{message});
      // The hook does not return: what the check guards must not run.
      LLVM::UnreachableOp::create(rewriter, op.getLoc());
      rewriter.setInsertionPoint(op);
      cf::CondBranchOp::create(rewriter, op.getLoc(), op.getArg(), after,
                               failed);
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
