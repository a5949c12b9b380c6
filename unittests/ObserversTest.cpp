//===- ObserversTest.cpp - Calibration range methods ----------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/Observers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using namespace mlir::qnn::calib;

namespace {

std::pair<double, double>
rangeOf(const ObserverOptions &options,
        const std::vector<std::vector<float>> &batches) {
  Observer observer(options);
  for (const auto &batch : batches)
    observer.observe(batch);
  if (observer.needsSecondPass())
    for (const auto &batch : batches)
      observer.observeAgain(batch);
  return observer.range();
}

TEST(ObserversTest, MinMax) {
  auto [lo, hi] = rangeOf({}, {{1, -2, 3}, {0.5f, 7}});
  EXPECT_EQ(lo, -2);
  EXPECT_EQ(hi, 7);
}

TEST(ObserversTest, MovingAverageStartsWithTheFirstBatch) {
  ObserverOptions o;
  o.method = Method::MovingAverage;
  o.momentum = 0.5;
  auto [lo, hi] = rangeOf(o, {{-4, 5}, {-8, 7}, {-10, 0}});
  EXPECT_DOUBLE_EQ(lo, ((-4 * 0.5) + (-8 * 0.5)) * 0.5 + -10 * 0.5);
  EXPECT_DOUBLE_EQ(hi, ((5 * 0.5) + (7 * 0.5)) * 0.5 + 0 * 0.5);
}

TEST(ObserversTest, MeanStdClippedToTheObservedRange) {
  ObserverOptions o;
  o.method = Method::MeanStd;
  o.stddevs = 1;
  auto [lo, hi] = rangeOf(o, {{1, 2, 3, 4}});
  double mean = 2.5, std = std::sqrt(1.25);
  EXPECT_DOUBLE_EQ(lo, mean - std);
  EXPECT_DOUBLE_EQ(hi, mean + std);
  o.stddevs = 10;
  auto [lo2, hi2] = rangeOf(o, {{1, 2, 3, 4}});
  EXPECT_EQ(lo2, 1);
  EXPECT_EQ(hi2, 4);
}

TEST(ObserversTest, PercentileDropsOutliers) {
  ObserverOptions o;
  o.method = Method::Percentile;
  o.percentile = 99;
  std::vector<float> values;
  for (int i = 0; i < 1000; ++i)
    values.push_back(static_cast<float>(i) / 1000);
  values.push_back(1000); // one outlier
  auto [lo, hi] = rangeOf(o, {values});
  EXPECT_GE(lo, -0.01);
  EXPECT_LT(hi, 2.0); // the outlier is not kept
}

TEST(ObserversTest, EntropyClipsALongTail) {
  // A Gaussian bulk with a few far outliers: the KL threshold lands well
  // inside the maximum and covers the bulk.
  std::mt19937 rng(1);
  std::normal_distribution<float> normal(0, 1);
  std::vector<float> values;
  for (int i = 0; i < 100000; ++i)
    values.push_back(normal(rng));
  values.push_back(100);
  values.push_back(-80);
  ObserverOptions o;
  o.method = Method::Entropy;
  auto [lo, hi] = rangeOf(o, {values});
  EXPECT_LT(hi, 50);
  EXPECT_GT(hi, 3);
  EXPECT_DOUBLE_EQ(lo, -hi);
}

TEST(ObserversTest, EntropyOfNonNegativeValuesStartsAtZero) {
  std::vector<float> values;
  for (int i = 0; i < 5000; ++i)
    values.push_back(static_cast<float>(i % 100) / 10);
  ObserverOptions o;
  o.method = Method::Entropy;
  auto [lo, hi] = rangeOf(o, {values});
  EXPECT_EQ(lo, 0);
  EXPECT_GT(hi, 0);
}

} // namespace
