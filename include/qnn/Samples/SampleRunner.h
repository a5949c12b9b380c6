//===- SampleRunner.h - Run the model being compiled ------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Passes that run the model on samples reach an execution engine through
// SampleRunnerInterface, a dialect interface of the qnn dialect, instead of
// linking one: the pass libraries stay IR-only, and a compiler that only
// quantizes from recorded ranges links no JIT. qnn-opt and the plugin
// attach qnn's JIT (qnn::registerJITSampleRunner, QNNExecution); a compiler
// with an engine of its own can attach that instead.
//
// The model runs as a copy in a context of its own, with the values a pass
// observes appended to the entry's results, so nothing touches the module
// being compiled.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_SAMPLES_SAMPLERUNNER_H
#define QNN_SAMPLES_SAMPLERUNNER_H

#include "qnn/Samples/Samples.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectInterface.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/TypeID.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir::qnn {

/// What an entry function takes or returns: a tensor of `dtype` with
/// `shape` (-1 for a dynamic size). `type` is the MLIR type, for messages.
struct TensorSignature {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  std::string type;
};

/// Reads the signature of a tensor type; fails for element types that have
/// no .npy dtype.
llvm::Expected<TensorSignature> signatureOf(Type type);

/// An entry function compiled to run on host arrays.
class CompiledModel {
public:
  virtual ~CompiledModel();

  virtual ArrayRef<TensorSignature> inputs() const = 0;
  virtual ArrayRef<TensorSignature> outputs() const = 0;

  /// Calls the entry on `inputs` (checked against the signature: count,
  /// dtype, rank and static sizes) and returns its results. `seconds`
  /// receives the time of the call itself.
  virtual llvm::Expected<std::vector<NpyArray>>
  run(std::vector<NpyArray> &inputs, double *seconds = nullptr) = 0;

  /// Keeps the context the model's IR lives in until the model is gone.
  void ownContext(std::unique_ptr<MLIRContext> context);

private:
  // Destroyed after the derived class's members, which may use it.
  std::unique_ptr<MLIRContext> ownedContext;
};

/// Compiles modules to run on host arrays.
class SampleRunnerInterface
    : public DialectInterface::Base<SampleRunnerInterface> {
public:
  explicit SampleRunnerInterface(Dialect *dialect) : Base(dialect) {}

  /// Compiles the function `entry` of `module` (float or quantized, before
  /// or after qnn-to-llvm). The module's context must outlive the result.
  virtual llvm::Expected<std::unique_ptr<CompiledModel>>
  compile(OwningOpRef<ModuleOp> module, StringRef entry) const = 0;
};

/// The runner attached to `context`'s qnn dialect, or null.
const SampleRunnerInterface *getSampleRunner(MLIRContext *context);

/// Copies `module` into a context of its own, appends `observed` (values of
/// `func`) to the copy's entry results and compiles it with the runner of
/// the module's context. Null, with an error on `func` prefixed with `pass`,
/// when there is no runner or compiling fails.
std::unique_ptr<CompiledModel> compileObserving(ModuleOp module,
                                                func::FuncOp func,
                                                ArrayRef<Value> observed,
                                                StringRef pass);

/// Runs every batch of `samples` and hands result `i >= firstObserved` to
/// `observe(i - firstObserved, values, count)`, without padded rows. A
/// non-finite observed value is an error naming the sample and the value
/// (`names[i - firstObserved]`).
LogicalResult
runSamples(CompiledModel &model, const Samples &samples,
           llvm::function_ref<void(size_t, const float *, int64_t)> observe,
           size_t firstObserved, ArrayRef<std::string> names, func::FuncOp func,
           StringRef pass);

} // namespace mlir::qnn

MLIR_DECLARE_EXPLICIT_TYPE_ID(mlir::qnn::SampleRunnerInterface)

#endif // QNN_SAMPLES_SAMPLERUNNER_H
