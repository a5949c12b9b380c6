//===- InitAllPasses.h - Register the qnn passes ----------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_INITALLPASSES_H
#define QNN_INITALLPASSES_H

#include "qnn/Codegen/Passes.h"
#include "qnn/Conversion/Passes.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"
#include "qnn/Pipelines/Pipelines.h"
#include "qnn/Pruning/Passes.h"
#include "qnn/Quantization/Passes.h"

namespace mlir::qnn {

/// Registers every qnn pass and pipeline with the global registry, for
/// qnn-opt, the mlir-opt plugin and downstream tools alike.
inline void registerAllPasses() {
  registerQNNPasses();
  registerQNNConversionPasses();
  registerQNNCodegenPasses();
  registerQNNPipelines();
  registerQNNQuantizationPasses();
  registerQNNPruningPasses();
}

} // namespace mlir::qnn

#endif // QNN_INITALLPASSES_H
