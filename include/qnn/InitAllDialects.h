//===- InitAllDialects.h - Register the qnn dialects ------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_INITALLDIALECTS_H
#define QNN_INITALLDIALECTS_H

#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/IR/DialectRegistry.h"

namespace mlir::qnn {

/// Adds every dialect qnn defines to `registry`.
inline void registerAllDialects(DialectRegistry &registry) {
  registry.insert<QNNDialect>();
}

} // namespace mlir::qnn

#endif // QNN_INITALLDIALECTS_H
