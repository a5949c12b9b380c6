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

/// Adds every dialect qnn defines to `registry`, and the upstream dialects
/// whose types and attributes appear in qnn IR (`!quant.uniform`,
/// `#sparse_tensor.encoding`): a function signature can name them before any
/// qnn op has loaded the qnn dialect and its dependencies.
inline void registerAllDialects(DialectRegistry &registry) {
  registry.insert<QNNDialect, quant::QuantDialect,
                  sparse_tensor::SparseTensorDialect, arith::ArithDialect>();
}

} // namespace mlir::qnn

#endif // QNN_INITALLDIALECTS_H
