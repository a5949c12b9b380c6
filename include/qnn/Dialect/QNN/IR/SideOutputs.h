//===- SideOutputs.h - Files passes write beside the IR ---------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Some passes write files beside the IR they transform: calibration
// statistics (`export=`), the report (`file=`, `table=`). A failing run must
// not replace them, and a pass cannot know whether a later pass will fail.
// A driver that can tell attaches a collector to the qnn dialect
// (registerSideOutputs): the passes hand it their written files and the
// driver puts them in place after the whole pipeline has succeeded (qnn-opt
// does). Without a collector (stock mlir-opt with the plugin, a downstream
// PassManager) each file is put in place when its pass finishes.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_IR_SIDEOUTPUTS_H
#define QNN_DIALECT_QNN_IR_SIDEOUTPUTS_H

#include "qnn/Support/OutputFile.h"

#include "mlir/IR/DialectInterface.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/TypeID.h"

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::qnn {

/// Holds written side outputs until the driver commits them.
class SideOutputInterface : public DialectInterface::Base<SideOutputInterface> {
public:
  explicit SideOutputInterface(Dialect *dialect) : Base(dialect) {}
  virtual void hold(std::unique_ptr<OutputFile> file) const = 0;
};

/// Attaches `pending` to the qnn dialect of every context made from
/// `registry`; the driver commits it after a successful run.
void registerSideOutputs(DialectRegistry &registry, PendingOutputs &pending);

/// Writes the side output `path` with `write`: held for the driver's commit
/// when `context` has a collector, put in place at once otherwise; "-"
/// (standard output) is written at once. Errors name the path.
llvm::Error
writeSideOutput(MLIRContext *context, llvm::StringRef path,
                llvm::function_ref<void(llvm::raw_ostream &)> write);

} // namespace mlir::qnn

MLIR_DECLARE_EXPLICIT_TYPE_ID(mlir::qnn::SideOutputInterface)

#endif // QNN_DIALECT_QNN_IR_SIDEOUTPUTS_H
