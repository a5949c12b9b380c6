//===- Runner.h - JIT-compile and run a qnn module --------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The in-process engine behind qnn-run and calibration: lowers a module
// (float, quantized or already lowered) with qnn-to-llvm, JIT-compiles it with
// MLIR's ExecutionEngine for this machine, and calls one entry function on
// host arrays.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_EXECUTION_RUNNER_H
#define QNN_EXECUTION_RUNNER_H

#include "qnn/Execution/Npy.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace mlir::qnn {

/// What an entry function takes or returns: a tensor of `dtype` with
/// `shape` (-1 for a dynamic size). `type` is the MLIR type, for messages.
struct TensorSignature {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  std::string type;
};

struct RunnerOptions {
  /// Passed to qnn-to-llvm.
  std::string targetCPU = "host";
  std::string targetFeatures = "host";
  bool vectorize = true;
  /// LLVM optimization level of the JIT (0-3).
  unsigned optLevel = 3;
};

class Runner {
public:
  /// Compiles `module` for calling `entry`. Fails with a message naming the
  /// problem: a missing entry, a non-tensor argument, a lowering error.
  static llvm::Expected<std::unique_ptr<Runner>>
  create(OwningOpRef<ModuleOp> module, llvm::StringRef entry,
         const RunnerOptions &options = {});
  ~Runner();

  const std::vector<TensorSignature> &inputs() const { return inputTypes; }
  const std::vector<TensorSignature> &outputs() const { return outputTypes; }

  /// Calls the entry on `inputs` (checked against the signature: count,
  /// dtype, rank and static sizes) and returns its results. `seconds`
  /// receives the time of the call itself.
  llvm::Expected<std::vector<NpyArray>> run(std::vector<NpyArray> &inputs,
                                            double *seconds = nullptr);

private:
  Runner() = default;

  OwningOpRef<ModuleOp> module;
  std::unique_ptr<ExecutionEngine> engine;
  std::string entry;
  std::vector<TensorSignature> inputTypes, outputTypes;
};

/// Reads the signature of a tensor type; fails for element types that have
/// no .npy dtype.
llvm::Expected<TensorSignature> signatureOf(Type type);

} // namespace mlir::qnn

#endif // QNN_EXECUTION_RUNNER_H
