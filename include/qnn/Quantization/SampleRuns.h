//===- SampleRuns.h - Run a float or quantized model on .npy samples -*- C++
//-*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Calibration and the measurements of --quantize run the entry function of
// the module being compiled on sample files. The module is copied into a
// separate context through bytecode, chosen values are appended to the
// entry's results, and the copy is JIT-compiled with qnn-run's engine, so
// nothing touches the module being compiled. Samples run batch after batch
// at the entry's batch size (all at once for a dynamic batch); a partial last
// batch is filled with repeated samples whose rows are left out.
//
// Errors are emitted on the entry function, prefixed with the pass name.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_QUANTIZATION_SAMPLERUNS_H
#define QNN_QUANTIZATION_SAMPLERUNS_H

#include "qnn/Execution/Npy.h"
#include "qnn/Execution/Runner.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir::qnn {

/// The samples for every entry argument, with a common sample count.
struct Samples {
  std::vector<NpyArray> perArgument;
  int64_t count = 0;
};

/// Elements of one sample of `a` (everything after the leading dimension).
int64_t sampleSize(const NpyArray &a);

/// Reads the data files and checks them against the entry's arguments:
/// float32, matching trailing sizes, finite values (a NaN or infinity is an
/// error naming the file and sample). With one argument, several files are
/// concatenated; with N arguments, file i feeds argument i.
std::optional<Samples> loadSamples(func::FuncOp func,
                                   ArrayRef<std::string> data, StringRef pass);

/// Copies `module` into `runContext`, appends `observed` (values of `func`)
/// to the copy's entry results, and JIT-compiles it. Null on error.
std::unique_ptr<Runner> buildObservingRunner(ModuleOp module, func::FuncOp func,
                                             ArrayRef<Value> observed,
                                             MLIRContext &runContext,
                                             StringRef pass);

/// Cuts the samples into batches of `batch` rows (all of them when
/// negative: a dynamic batch) and calls `fn(inputs, valid)` on each; a
/// partial last batch is filled with repeated samples, and `valid` counts
/// the real ones.
LogicalResult forEachBatch(
    const Samples &samples, int64_t batch,
    llvm::function_ref<LogicalResult(std::vector<NpyArray> &, int64_t)> fn);

/// The elements of `out` that belong to the `valid` real samples of a
/// batch of `batch` (all of them unless its leading dimension is the batch).
int64_t validElements(const NpyArray &out, int64_t batch, int64_t valid);

/// Runs every batch and hands result `i >= firstObserved` to
/// `observe(i - firstObserved, values, count)`, without padded rows.
LogicalResult
runSamples(Runner &runner, const Samples &samples,
           llvm::function_ref<void(size_t, const float *, int64_t)> observe,
           size_t firstObserved, func::FuncOp func, StringRef pass);

} // namespace mlir::qnn

#endif // QNN_QUANTIZATION_SAMPLERUNS_H
