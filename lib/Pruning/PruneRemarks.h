//===- PruneRemarks.h - How --prune names its decisions ---------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_LIB_PRUNING_PRUNEREMARKS_H
#define QNN_LIB_PRUNING_PRUNEREMARKS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Remarks.h"

namespace mlir::qnn::prune {

/// A decision of --prune (the pass and the channel removal after it) as an
/// optimization remark named `name` in `op`'s function, category "prune":
/// `qnn-opt --remarks-filter=prune --remark-policy=all` prints them.
inline remark::RemarkOpts decision(StringRef name, Operation *op) {
  auto func = op->getParentOfType<func::FuncOp>();
  return remark::RemarkOpts::name(name).category("prune").function(
      func ? func.getName() : StringRef());
}

} // namespace mlir::qnn::prune

#endif // QNN_LIB_PRUNING_PRUNEREMARKS_H
