//===- TensorNames.h - Stable names for tensors -----------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Calibration statistics are keyed by tensor names that a user can also
// produce elsewhere (PyTorch observers, another run): docs/Calibration.md
// defines them. A value's name comes from its producer:
//   - a function argument: "<function>/arg<N>";
//   - an op with a name location (`loc("fc1")`): that name, plus ":<N>" for
//     result N > 0;
//   - any other op: "<function>/<op name>#<K>", the K-th op of that name in
//     the function in walk order, plus ":<N>" for result N > 0;
//   - a name already taken in the function gets "#2", "#3", ... in walk
//     order (so names are unique: tosa-to-linalg gives every op it makes for
//     one TOSA op that op's location).
// qnn.stats ops are transparent: a stats result has its input's name.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_TRANSFORMS_TENSORNAMES_H
#define QNN_DIALECT_QNN_TRANSFORMS_TENSORNAMES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"

#include <string>

namespace mlir::qnn {

/// Names the values of one function (computed once per function).
class TensorNamer {
public:
  explicit TensorNamer(func::FuncOp func);
  /// The name of a value of the function (empty for one it does not have).
  std::string name(Value value) const;

private:
  llvm::DenseMap<Value, std::string> names;
};

/// A layer's name, as skip lists and reports use it: its `qnn.layer`
/// attribute (--quantize sets it), else its name location, else the tensor
/// name of its result.
std::string layerName(Operation *op, const TensorNamer &namer);

/// A pass's `skip=` list of layer names, checked against the layers the
/// pass finds.
class SkipList {
public:
  explicit SkipList(ArrayRef<std::string> names);
  /// Records a layer named `name` and says whether it is listed.
  bool skips(StringRef name);
  /// An error at `loc` (prefixed `pass: `) for a listed name that no layer
  /// recorded has, naming the layers.
  LogicalResult verifyAllFound(Location loc, StringRef pass) const;

private:
  SmallVector<std::string> names;
  llvm::StringSet<> listed, found;
  SmallVector<std::string> layers;
};

/// The tensors calibration observes and quantization needs ranges for: the
/// activation input and the result of every matmul and convolution
/// quantization rewrites in `func` (FloatContraction.h), and the end of the
/// bias/clamp epilogue quantization folds into it (Epilogue.h), in program
/// order, keyed by name. Values are looked through qnn.stats, so they are the
/// tensors as computed.
llvm::MapVector<Value, std::string> calibrationPoints(func::FuncOp func);

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_TENSORNAMES_H
