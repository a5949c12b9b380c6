//===- PruneSchemes.h - Which weights --prune removes -----------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The arithmetic of pruning, apart from the IR: a weight seen as K rows (the
// reduction; a convolution's KH x KW x C_in, C_in innermost) by N columns
// (output channels), the groups a pattern removes together, their scores,
// and the choice of which to remove, per layer or across layers.
// docs/Prune.md states the rules.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_PRUNING_PRUNESCHEMES_H
#define QNN_PRUNING_PRUNESCHEMES_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::qnn::prune {

/// What --prune removes together.
struct Pattern {
  enum class Kind { Unstructured, NOfM, Block, Channel };
  Kind kind = Kind::Unstructured;
  /// N:M: at most `n` of every `m` consecutive weights along K are kept.
  int64_t n = 0, m = 0;
  /// Block: `blockK` rows along K by `blockN` output channels.
  int64_t blockK = 1, blockN = 1;

  /// Parses `unstructured`, `N:M`, `block:RxC` or `channel`; sets `error`
  /// and returns nullopt for anything else.
  static std::optional<Pattern> parse(llvm::StringRef text, std::string &error);
  /// The option text that parses back to this pattern.
  std::string str() const;
};

/// A weight as K x N, row-major. `innerRows` is the length of the innermost
/// run of K (C_in of a convolution, K of a matmul): N:M groups and blocks
/// must not straddle two runs.
struct WeightView {
  int64_t rows = 0, cols = 0, innerRows = 0;
};

/// Why `pattern` cannot tile `view` (the layer then stays dense); empty when
/// it can.
std::string whyNotTileable(const Pattern &pattern, const WeightView &view);

/// The groups of a weight that `pattern` keeps or removes together
/// (elements, blocks, output channels, or the N:M windows) and the group of
/// each element.
struct Groups {
  Pattern pattern;
  WeightView view;
  int64_t count() const;
  int64_t groupOf(int64_t element) const;
};

/// Each group's score from the elements' importance (|w|, or |w| times the
/// RMS of the input it multiplies): the L2 norm over the group (a single
/// element's importance for unstructured). For inputs of unit variance
/// (or of the measured RMS), that is the RMS the group adds to the layer's
/// outputs, so scores compare across layers. Not for N:M (see keepNOfM).
std::vector<double> groupScores(const Groups &groups,
                                ArrayRef<double> importance);

/// How many groups to remove, or below which score.
struct Selection {
  /// Remove floor(sparsity x groups) groups, the lowest scores first (ties:
  /// the earlier group first).
  std::optional<double> sparsity;
  /// Remove every group scoring below this.
  std::optional<double> threshold;
};

/// Removal decisions for each layer's groups. With `global`, one ranking
/// over all layers' scores (floor(sparsity x all groups) removed); else each
/// layer on its own.
std::vector<std::vector<bool>>
selectRemoved(ArrayRef<std::vector<double>> scores, const Selection &selection,
              bool global);

/// N:M: in every window of `m` consecutive rows of a column, keeps the `n`
/// most important elements (ties: the earlier row). Returns kept per
/// element.
std::vector<bool> keepNOfM(const Groups &groups, ArrayRef<double> importance);

/// Kept per element, from the removed groups.
std::vector<bool> keptElements(const Groups &groups,
                               const std::vector<bool> &removed);

} // namespace mlir::qnn::prune

#endif // QNN_PRUNING_PRUNESCHEMES_H
