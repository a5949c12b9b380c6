//===- Samples.h - Sample inputs of a model ---------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The passes that run the model being compiled (calibration, measured
// quantization error, and later pruning by activation importance) take its
// inputs as Samples: one array per entry argument whose leading dimension
// is the sample. They come from .npy files (`data=`) or, through the C++
// API, from tensors in memory. Samples run batch after batch at the entry's
// batch size (all at once for a dynamic batch); a partial last batch is
// filled with repeated samples whose rows are left out.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_SAMPLES_SAMPLES_H
#define QNN_SAMPLES_SAMPLES_H

#include "qnn/Support/Npy.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

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

/// Checks in-memory samples against the entry's arguments: float32,
/// matching trailing sizes, the same sample count, finite values (a NaN or
/// infinity is an error naming `sources[i]`, the origin of argument i, and
/// the sample). Errors go on `func`, prefixed with `pass`.
LogicalResult verifySamples(func::FuncOp func, const Samples &samples,
                            ArrayRef<std::string> sources, StringRef pass);

/// Reads the data files and checks them with verifySamples. With one
/// argument, several files are concatenated; with N arguments, file i feeds
/// argument i.
std::optional<Samples> loadSamples(func::FuncOp func,
                                   ArrayRef<std::string> data, StringRef pass);

/// Where a pass's samples come from: arrays given in memory when the pass
/// was made (shared by its clones and by the passes of one pipeline, not
/// copied), else its `data=` files.
class SampleSource {
public:
  /// None in memory: the files.
  SampleSource() = default;
  /// In memory; the count is the first array's leading dimension.
  explicit SampleSource(Samples samples);

  bool inMemory() const { return given != nullptr; }

  /// An error on `func`, naming `pass`, if samples are both in memory and
  /// in `data` files.
  LogicalResult checkNotBoth(func::FuncOp func, ArrayRef<std::string> data,
                             StringRef pass) const;

  /// The samples for `func`: those in memory, checked (verifySamples, errors
  /// naming "in-memory samples of argument i"), or the files of `data` read
  /// into `loaded` (loadSamples). Null after an error on `func`.
  const Samples *get(func::FuncOp func, ArrayRef<std::string> data,
                     StringRef pass, std::optional<Samples> &loaded) const;

private:
  std::shared_ptr<const Samples> given;
};

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

/// A non-finite value in an output: the sample it belongs to, and whether
/// it is NaN (else infinite).
struct NonFinite {
  int64_t sample;
  bool isNaN;
};

/// The first non-finite float among the real rows of `out`, an output of a
/// batch of `batch` rows whose first `valid` are samples `firstSample`
/// onwards (validElements); none when all are finite.
std::optional<NonFinite> findNonFinite(const NpyArray &out, int64_t batch,
                                       int64_t valid, int64_t firstSample);

} // namespace mlir::qnn

#endif // QNN_SAMPLES_SAMPLES_H
