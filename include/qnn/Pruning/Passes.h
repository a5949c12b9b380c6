//===- Passes.h - QNN pruning passes ----------------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_PRUNING_PASSES_H
#define QNN_PRUNING_PASSES_H

#include "qnn/Dialect/QNN/IR/QNNDialect.h"
#include "qnn/Samples/Samples.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::qnn {
namespace prune {
/// Where a sparsity= fraction applies (Auto: Global, except Layer for
/// pattern=channel).
enum class Scope { Auto, Global, Layer };
/// How weights are scored.
enum class Criterion { Magnitude, Activation };
} // namespace prune

#define GEN_PASS_DECL
#include "qnn/Pruning/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnn/Pruning/Passes.h.inc"

/// --prune with criterion=activation measuring the inputs on samples in
/// memory, shared with the other passes of a pipeline (SampleSource);
/// `options.data` must be empty.
std::unique_ptr<Pass> createPrunePass(PrunePassOptions options,
                                      SampleSource samples);

} // namespace mlir::qnn

#endif // QNN_PRUNING_PASSES_H
