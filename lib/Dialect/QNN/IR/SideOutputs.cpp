//===- SideOutputs.cpp - Files passes write beside the IR -----------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/SideOutputs.h"

#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::qnn;

MLIR_DEFINE_EXPLICIT_TYPE_ID(mlir::qnn::SideOutputInterface)

namespace {
struct PendingSideOutputs final : SideOutputInterface {
  PendingSideOutputs(Dialect *dialect, PendingOutputs &pending)
      : SideOutputInterface(dialect), pending(pending) {}
  void hold(std::unique_ptr<OutputFile> file) const override {
    pending.hold(std::move(file));
  }
  PendingOutputs &pending;
};

/// Attaches the collector to each context's qnn dialect.
struct SideOutputsExtension final
    : DialectExtension<SideOutputsExtension, QNNDialect> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(SideOutputsExtension)

  explicit SideOutputsExtension(PendingOutputs &pending) : pending(&pending) {}
  void apply(MLIRContext *, QNNDialect *dialect) const override {
    dialect->addInterface(
        std::make_unique<PendingSideOutputs>(dialect, *pending));
  }
  PendingOutputs *pending;
};
} // namespace

void mlir::qnn::registerSideOutputs(DialectRegistry &registry,
                                    PendingOutputs &pending) {
  registry.insert<QNNDialect>();
  registry.addExtension(TypeID::get<SideOutputsExtension>(),
                        std::make_unique<SideOutputsExtension>(pending));
}

llvm::Error mlir::qnn::writeSideOutput(
    MLIRContext *context, llvm::StringRef path,
    llvm::function_ref<void(llvm::raw_ostream &)> write) {
  auto named = [&](llvm::Error error) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": " +
                                       llvm::toString(std::move(error)));
  };
  // Standard output cannot be taken back: written at once, and flushed so
  // that it does not interleave with the IR qnn-opt prints later.
  if (path == "-") {
    write(llvm::outs());
    llvm::outs().flush();
    return llvm::Error::success();
  }
  auto file = OutputFile::open(path);
  if (!file)
    return named(file.takeError());
  write((*file)->os());
  auto *dialect = context->getLoadedDialect<QNNDialect>();
  const auto *collector =
      dialect ? dialect->getRegisteredInterface<SideOutputInterface>()
              : nullptr;
  if (!collector) {
    if (llvm::Error error = (*file)->commit())
      return named(std::move(error));
    return llvm::Error::success();
  }
  collector->hold(std::move(*file));
  return llvm::Error::success();
}
