//===- Pipelines.h - qnn pass pipelines -------------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_PIPELINES_PIPELINES_H
#define QNN_PIPELINES_PIPELINES_H

#include "qnn/Codegen/Target.h"
#include "qnn/Pruning/Passes.h"
#include "qnn/Quantization/Passes.h"
#include "qnn/Samples/Samples.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include <string>

namespace mlir::qnn {

struct QNNToLLVMOptions : PassPipelineOptions<QNNToLLVMOptions> {
  PassOptions::Option<std::string> targetCPU{
      *this, "target-cpu",
      llvm::cl::desc("CPU to generate code for ('host': this machine's)"),
      llvm::cl::init("host")};
  PassOptions::Option<std::string> targetFeatures{
      *this, "target-features",
      llvm::cl::desc(
          "Comma-separated LLVM target features such as "
          "'+avx2,+fma' ('host': this machine's with target-cpu=host, "
          "else the CPU's own)"),
      llvm::cl::init("host")};
  PassOptions::Option<std::string> runtimeChecks{
      *this, "runtime-checks",
      llvm::cl::desc("Checks compiled into the code: 'none', 'shapes' (linalg "
                     "operand sizes agree) or 'all' (also tensor indices "
                     "and slices); a failed check calls "
                     "qnn_runtime_check_failed(const char *message)"),
      llvm::cl::init("none")};
  PassOptions::Option<bool> raise{
      *this, "raise",
      llvm::cl::desc("Raise integer layers quantized elsewhere (TOSA int8, "
                     "linalg's quantized ops) into qnn ops first, so they run "
                     "on qnn's kernels with the same integers (off: "
                     "upstream's lowering of those ops)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc(
          "Tile and vectorize the integer kernels and epilogues "
          "and use the target's int8 matmul kernels (off: scalar loops, "
          "for debugging)"),
      llvm::cl::init(true)};
  PassOptions::Option<SparseKernels> sparseKernels{
      *this, "sparse-kernels",
      llvm::cl::desc("How the int8 kernels store and run pruned constant "
                     "weights"),
      llvm::cl::init(SparseKernels::Auto),
      llvm::cl::values(
          clEnumValN(SparseKernels::Auto, "auto",
                     "the kernel that runs the fewest instructions"),
          clEnumValN(SparseKernels::Never, "never", "always dense"),
          clEnumValN(SparseKernels::Tiles, "tiles",
                     "kept tiles only (for testing)"),
          clEnumValN(SparseKernels::Gather, "gather",
                     "each column's nonzeros, activations gathered (for "
                     "testing)"))};
  PassOptions::Option<bool> subByteWeights{
      *this, "sub-byte-weights",
      llvm::cl::desc("Store int8 kernels' dense weights of at most 16 (4) "
                     "distinct values as 4-bit (2-bit) indices, expanded in "
                     "registers"),
      llvm::cl::init(true)};
};

/// qnn-to-llvm: lowers a module of qnn ops and the float upstream ops
/// around them (func, linalg, tosa, tensor, arith, math, bufferization) to
/// the LLVM dialect, ready for mlir-runner, mlir-translate or the JIT.
void buildQNNToLLVMPipeline(OpPassManager &pm, const QNNToLLVMOptions &options);

/// From float to int8, as `qnn-opt --prune=... --qnn-calibrate=...
/// --quantize=...` runs it, for a compiler that embeds qnn: the option
/// structs are the ones those flags fill (docs/Prune.md,
/// docs/Calibration.md, docs/Quantize.md).
struct QNNQuantizePipelineOptions {
  /// Pruning first, if set; with criterion=activation, on `samples` when
  /// they are set, else on the files of `prune->data`.
  std::optional<PrunePassOptions> prune;
  /// Calibration, if set: on `samples` when they are set, else on the files
  /// of `calibrate->data`. Samples without `calibrate` calibrate with the
  /// default options. Without calibration, `--quantize` reads the ranges
  /// the model holds (qnn.stats).
  std::optional<QNNCalibratePassOptions> calibrate;
  /// Samples in memory: one float32 array per entry argument, the leading
  /// dimension the sample; held once for all the passes (and lost when the
  /// pipeline is printed as text). Running the model needs a sample runner
  /// attached to the context: qnn's JIT (qnn::registerJITSampleRunner,
  /// library QNNExecution) or the compiler's own
  /// (qnn/Samples/SampleRunner.h).
  std::optional<Samples> samples;
  QuantizePassOptions quantize;
  /// `--quantize` also measures each layer's error on `samples`, as its
  /// `data=` does (and `quantize.errorBudget` needs).
  bool measureOnSamples = false;
};

/// Adds the passes of `options` to `pm`, which must run on modules.
void buildQNNQuantizePipeline(OpPassManager &pm,
                              const QNNQuantizePipelineOptions &options);

/// Registers every qnn pipeline (qnn-to-llvm, qnn-tosa-to-linalg).
void registerQNNPipelines();

} // namespace mlir::qnn

#endif // QNN_PIPELINES_PIPELINES_H
