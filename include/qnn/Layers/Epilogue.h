//===- Epilogue.h - The bias and clamp after a contraction ------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// After a float matmul or convolution, a model usually adds a bias and
// applies ReLU or a clamp, in one linalg.generic or a few. Quantization
// folds them: the bias into the int32 accumulator, the clamp into the
// requantized range. Calibration must observe the end of that chain, so both
// use this matcher.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_LAYERS_EPILOGUE_H
#define QNN_LAYERS_EPILOGUE_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

#include <limits>

namespace mlir::qnn {

/// The elementwise ops after a contraction that quantization folds.
struct Epilogue {
  /// One value per output channel (the last dimension), if a bias is added.
  DenseFPElementsAttr bias;
  /// The clamp bounds (ReLU: [0, +inf)); infinite when absent.
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  /// The ops folded, in order, and the value that ends the chain (the
  /// contraction's result when nothing follows).
  SmallVector<Operation *> ops;
  Value end;
  /// The tensor.collapse_shape / expand_shape ops in the chain (each keeps
  /// the last dimension), in order: the quantized result is reshaped alike.
  SmallVector<Operation *> reshapes;
};

/// Follows `result` (looking through qnn.stats) through single-use
/// elementwise linalg.generic ops whose bodies are a bias add, a max with a
/// constant, a min with a constant, in any order that adds the bias first,
/// through a bias added as linalg.add of a linalg.broadcast constant, and
/// through reshapes that keep the last dimension when an op after them
/// folds.
Epilogue matchEpilogue(Value result);

} // namespace mlir::qnn

#endif // QNN_LAYERS_EPILOGUE_H
