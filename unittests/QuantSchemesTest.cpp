//===- QuantSchemesTest.cpp - k-means codebooks ---------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/QuantSchemes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using namespace mlir::qnn;

namespace {

TEST(KMeansCodebookTest, FindsSeparatedClusters) {
  std::vector<double> values{-3.1, -2.9, -3.0, 0.1, -0.1, 0.0, 5.0, 5.2, 4.8};
  Codebook book = kMeansCodebook(values, 3);
  ASSERT_EQ(book.centroids.size(), 3u);
  EXPECT_NEAR(book.centroids[0], -3.0, 1e-12);
  EXPECT_NEAR(book.centroids[1], 0.0, 1e-12);
  EXPECT_NEAR(book.centroids[2], 5.0, 1e-12);
  std::vector<unsigned> expected{0, 0, 0, 1, 1, 1, 2, 2, 2};
  EXPECT_EQ(std::vector<unsigned>(book.indices.begin(), book.indices.end()),
            expected);
}

TEST(KMeansCodebookTest, EachValueTakesItsNearestCentroid) {
  std::mt19937 rng(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> values(2000);
  for (double &v : values)
    v = normal(rng);
  Codebook book = kMeansCodebook(values, 16);
  ASSERT_EQ(book.centroids.size(), 16u);
  EXPECT_TRUE(std::is_sorted(book.centroids.begin(), book.centroids.end()));
  double error = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    double own = std::fabs(values[i] - book.centroids[book.indices[i]]);
    for (double c : book.centroids)
      EXPECT_LE(own, std::fabs(values[i] - c) + 1e-12);
    error += own * own;
  }
  // 16 levels fit a Gaussian far better than 16 evenly spaced ones over
  // [min, max] (the starting point).
  double lo = *std::min_element(values.begin(), values.end());
  double hi = *std::max_element(values.begin(), values.end());
  double step = (hi - lo) / 15, uniform = 0;
  for (double v : values) {
    double q = lo + std::round((v - lo) / step) * step;
    uniform += (v - q) * (v - q);
  }
  EXPECT_LT(error, 0.75 * uniform);
}

TEST(KMeansCodebookTest, IsDeterministic) {
  std::vector<double> values{0.3, -1.2, 2.5, 0.7, -0.4, 1.9, -2.2, 0.0};
  Codebook a = kMeansCodebook(values, 4), b = kMeansCodebook(values, 4);
  EXPECT_EQ(a.centroids, b.centroids);
  EXPECT_EQ(a.indices, b.indices);
}

TEST(KMeansCodebookTest, FewerDistinctValuesThanCentroids) {
  // Unused centroids keep their starting place; every value is exact.
  std::vector<double> values{1.0, 1.0, 3.0};
  Codebook book = kMeansCodebook(values, 4);
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(book.centroids[book.indices[i]], values[i]);
}

TEST(KMeansCodebookTest, ConstantAndEmptyInput) {
  Codebook zeros = kMeansCodebook({0.0, 0.0, 0.0}, 4);
  for (unsigned i : zeros.indices)
    EXPECT_EQ(zeros.centroids[i], 0.0);
  Codebook empty = kMeansCodebook({}, 2);
  EXPECT_EQ(empty.centroids.size(), 2u);
  EXPECT_TRUE(empty.indices.empty());
}

} // namespace
