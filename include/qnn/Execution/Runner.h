//===- Runner.h - JIT-compile and run a qnn module --------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The in-process engine behind qnn-run and the passes that run the model:
// lowers a module (float, quantized or already lowered) with qnn-to-llvm,
// JIT-compiles it with MLIR's ExecutionEngine for this machine, and calls
// one entry function on host arrays. registerJITSampleRunner attaches it to
// the qnn dialect as the SampleRunnerInterface of calibration and
// measurement.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_EXECUTION_RUNNER_H
#define QNN_EXECUTION_RUNNER_H

#include "qnn/Pipelines/Pipelines.h"
#include "qnn/Samples/SampleRunner.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir {
class DialectRegistry;
class ExecutionEngine;
} // namespace mlir

namespace mlir::qnn {

class ModelHeap;

struct RunnerOptions {
  RunnerOptions() { lowering.runtimeChecks = "shapes"; }

  /// How a module that is not lowered yet is lowered (target CPU and
  /// features, vectorization, run-time checks: by default that linalg
  /// operand sizes agree; a failed check is an error from run()).
  QNNToLLVMOptions lowering;
  /// LLVM optimization level of the JIT (0-3).
  unsigned optLevel = 3;
};

class Runner final : public CompiledModel {
public:
  /// Compiles `module` for calling `entry`. Fails with a message naming the
  /// problem: a missing entry, a non-tensor argument, a lowering error.
  static llvm::Expected<std::unique_ptr<Runner>>
  create(OwningOpRef<ModuleOp> module, llvm::StringRef entry,
         const RunnerOptions &options = {});
  ~Runner() override;

  ArrayRef<TensorSignature> inputs() const override { return inputTypes; }
  ArrayRef<TensorSignature> outputs() const override { return outputTypes; }

  llvm::Expected<std::vector<NpyArray>> run(std::vector<NpyArray> &inputs,
                                            double *seconds = nullptr) override;

private:
  Runner() = default;

  OwningOpRef<ModuleOp> module;
  std::unique_ptr<ExecutionEngine> engine;
  std::string entry;
  /// The entry's packed C interface, `_mlir_ciface_<entry>`.
  void (*entryPoint)(void **) = nullptr;
  std::vector<TensorSignature> inputTypes, outputTypes;
  /// The buffers the model allocates, reused from one run to the next.
  std::unique_ptr<ModelHeap> heap;
};

/// Attaches the JIT runner (host CPU, default lowering) to the qnn dialect
/// as its SampleRunnerInterface.
void registerJITSampleRunner(DialectRegistry &registry);

} // namespace mlir::qnn

#endif // QNN_EXECUTION_RUNNER_H
