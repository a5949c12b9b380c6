//===- PruneSchemes.cpp - Which weights --prune removes -------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Pruning/PruneSchemes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <numeric>
#include <tuple>

using namespace mlir::qnn::prune;

std::optional<Pattern> Pattern::parse(llvm::StringRef text,
                                      std::string &error) {
  Pattern p;
  auto positive = [](llvm::StringRef s, int64_t &v) {
    return !s.getAsInteger(10, v) && v > 0;
  };
  if (text == "unstructured")
    return p;
  if (text == "channel") {
    p.kind = Kind::Channel;
    return p;
  }
  if (text.consume_front("block:")) {
    auto [k, n] = text.split('x');
    p.kind = Kind::Block;
    if (!positive(k, p.blockK) || !positive(n, p.blockN)) {
      error = "a block is 'block:RxC' with positive R (along the reduction) "
              "and C (output channels), e.g. block:4x1";
      return std::nullopt;
    }
    if (p.blockK == 1 && p.blockN == 1) {
      error = "block:1x1 is pattern=unstructured";
      return std::nullopt;
    }
    return p;
  }
  if (text.contains(':')) {
    auto [n, m] = text.split(':');
    p.kind = Kind::NOfM;
    if (!positive(n, p.n) || !positive(m, p.m)) {
      error = "an N:M pattern takes positive integers, e.g. 2:4";
      return std::nullopt;
    }
    if (p.n >= p.m) {
      error = llvm::formatv("an N:M pattern keeps N of every M weights and "
                            "needs N < M, got {0}:{1}",
                            p.n, p.m);
      return std::nullopt;
    }
    if (p.m > 64) {
      error = llvm::formatv("an N:M pattern needs M <= 64, got {0}", p.m);
      return std::nullopt;
    }
    return p;
  }
  error = "unknown pattern '" + text.str() +
          "': expected unstructured, N:M (e.g. 2:4), block:RxC (e.g. "
          "block:4x1) or channel";
  return std::nullopt;
}

std::string Pattern::str() const {
  switch (kind) {
  case Kind::Unstructured:
    return "unstructured";
  case Kind::NOfM:
    return llvm::formatv("{0}:{1}", n, m);
  case Kind::Block:
    return llvm::formatv("block:{0}x{1}", blockK, blockN);
  case Kind::Channel:
    return "channel";
  }
  llvm_unreachable("unknown pattern kind");
}

std::string mlir::qnn::prune::whyNotTileable(const Pattern &p,
                                             const WeightView &v) {
  if (v.rows == 0 || v.cols == 0)
    return "the weight is empty";
  if (p.kind == Pattern::Kind::NOfM && v.innerRows % p.m != 0)
    return llvm::formatv("{0}:{1} needs the reduction's innermost size to be "
                         "a multiple of {1}, got {2}",
                         p.n, p.m, v.innerRows);
  if (p.kind == Pattern::Kind::Block && v.innerRows % p.blockK != 0)
    return llvm::formatv("block:{0}x{1} needs the reduction's innermost size "
                         "to be a multiple of {0}, got {2}",
                         p.blockK, p.blockN, v.innerRows);
  if (p.kind == Pattern::Kind::Block && v.cols % p.blockN != 0)
    return llvm::formatv("block:{0}x{1} needs the output channels to be a "
                         "multiple of {1}, got {2}",
                         p.blockK, p.blockN, v.cols);
  return "";
}

int64_t Groups::count() const {
  switch (pattern.kind) {
  case Pattern::Kind::Unstructured:
    return view.rows * view.cols;
  case Pattern::Kind::NOfM:
    return view.rows / pattern.m * view.cols;
  case Pattern::Kind::Block:
    return view.rows / pattern.blockK * (view.cols / pattern.blockN);
  case Pattern::Kind::Channel:
    return view.cols;
  }
  llvm_unreachable("unknown pattern kind");
}

int64_t Groups::groupOf(int64_t element) const {
  int64_t row = element / view.cols, col = element % view.cols;
  switch (pattern.kind) {
  case Pattern::Kind::Unstructured:
    return element;
  case Pattern::Kind::NOfM:
    return row / pattern.m * view.cols + col;
  case Pattern::Kind::Block:
    return row / pattern.blockK * (view.cols / pattern.blockN) +
           col / pattern.blockN;
  case Pattern::Kind::Channel:
    return col;
  }
  llvm_unreachable("unknown pattern kind");
}

std::vector<double> mlir::qnn::prune::groupScores(const Groups &groups,
                                                  ArrayRef<double> importance) {
  if (groups.pattern.kind == Pattern::Kind::Unstructured)
    return importance.vec();
  std::vector<double> sumSquares(groups.count(), 0.0);
  for (auto [i, s] : llvm::enumerate(importance))
    sumSquares[groups.groupOf(i)] += s * s;
  for (double &sum : sumSquares)
    sum = std::sqrt(sum);
  return sumSquares;
}

std::vector<std::vector<bool>>
mlir::qnn::prune::selectRemoved(ArrayRef<std::vector<double>> scores,
                                const Selection &selection, bool global) {
  std::vector<std::vector<bool>> removed;
  for (const std::vector<double> &layer : scores)
    removed.emplace_back(layer.size(), false);
  if (selection.threshold) {
    for (auto [layer, out] : llvm::zip(scores, removed))
      for (auto [s, r] : llvm::zip(layer, out))
        r = s < *selection.threshold;
    return removed;
  }
  // Ranks (layer, group) pairs by score; ties go to the earlier layer, then
  // the earlier group, so the result does not depend on the sort.
  auto removeLowest = [&](ArrayRef<std::pair<size_t, size_t>> candidates) {
    std::vector<std::pair<size_t, size_t>> order(candidates.begin(),
                                                 candidates.end());
    llvm::sort(order, [&](auto a, auto b) {
      return std::tie(scores[a.first][a.second], a) <
             std::tie(scores[b.first][b.second], b);
    });
    auto count = static_cast<size_t>(
        std::floor(*selection.sparsity * static_cast<double>(order.size())));
    for (size_t i = 0; i < count && i < order.size(); ++i)
      removed[order[i].first][order[i].second] = true;
  };
  std::vector<std::pair<size_t, size_t>> all;
  for (size_t l = 0; l < scores.size(); ++l) {
    std::vector<std::pair<size_t, size_t>> layer;
    layer.reserve(scores[l].size());
    for (size_t g = 0; g < scores[l].size(); ++g)
      layer.emplace_back(l, g);
    if (global)
      llvm::append_range(all, layer);
    else
      removeLowest(layer);
  }
  if (global)
    removeLowest(all);
  return removed;
}

std::vector<bool> mlir::qnn::prune::keepNOfM(const Groups &groups,
                                             ArrayRef<double> importance) {
  const WeightView &v = groups.view;
  int64_t m = groups.pattern.m, n = groups.pattern.n;
  std::vector<bool> kept(importance.size(), false);
  std::vector<int64_t> window(m);
  for (int64_t start = 0; start < v.rows; start += m)
    for (int64_t col = 0; col < v.cols; ++col) {
      std::iota(window.begin(), window.end(), start);
      // Most important first; ties to the earlier row.
      llvm::sort(window, [&](int64_t a, int64_t b) {
        double sa = importance[a * v.cols + col];
        double sb = importance[b * v.cols + col];
        return sa > sb || (sa == sb && a < b);
      });
      for (int64_t i = 0; i < n; ++i)
        kept[window[i] * v.cols + col] = true;
    }
  return kept;
}

std::vector<bool>
mlir::qnn::prune::keptElements(const Groups &groups,
                               const std::vector<bool> &removed) {
  int64_t size = groups.view.rows * groups.view.cols;
  std::vector<bool> kept(size);
  for (int64_t i = 0; i < size; ++i)
    kept[i] = !removed[groups.groupOf(i)];
  return kept;
}
