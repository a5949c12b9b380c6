//===- PruneSchemesTest.cpp - Which weights --prune removes ---------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Pruning/PruneSchemes.h"

#include <gtest/gtest.h>

using namespace mlir::qnn::prune;

namespace {

TEST(PrunePattern, ParsesEachFormAndRoundTrips) {
  std::string error;
  for (const char *text :
       {"unstructured", "2:4", "1:8", "block:4x1", "block:1x16", "channel"}) {
    std::optional<Pattern> p = Pattern::parse(text, error);
    ASSERT_TRUE(p) << text << ": " << error;
    EXPECT_EQ(p->str(), text);
  }
  std::optional<Pattern> nm = Pattern::parse("2:4", error);
  EXPECT_EQ(nm->kind, Pattern::Kind::NOfM);
  EXPECT_EQ(nm->n, 2);
  EXPECT_EQ(nm->m, 4);
  std::optional<Pattern> block = Pattern::parse("block:4x2", error);
  EXPECT_EQ(block->blockK, 4);
  EXPECT_EQ(block->blockN, 2);
}

TEST(PrunePattern, RejectsMalformedText) {
  for (const char *text : {"", "4:2", "2:2", "0:4", "2:", ":4", "2:4:8", "1:65",
                           "block:", "block:4", "block:0x1", "block:1x1",
                           "block:-4x1", "Channel", "rows"}) {
    std::string error;
    EXPECT_FALSE(Pattern::parse(text, error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

TEST(PruneGroups, TileTheWeight) {
  // 8 x 4, blocks of 4 rows by 2 columns: 2 x 2 blocks.
  std::string error;
  Groups blocks{*Pattern::parse("block:4x2", error), {8, 4, 8}};
  EXPECT_EQ(blocks.count(), 4);
  EXPECT_EQ(blocks.groupOf(0), 0);     // row 0, col 0
  EXPECT_EQ(blocks.groupOf(3), 1);     // row 0, col 3
  EXPECT_EQ(blocks.groupOf(4 * 4), 2); // row 4, col 0
  EXPECT_EQ(blocks.groupOf(31), 3);    // row 7, col 3
  Groups channels{Pattern{Pattern::Kind::Channel}, {8, 4, 8}};
  EXPECT_EQ(channels.count(), 4);
  EXPECT_EQ(channels.groupOf(4 * 5 + 2), 2);
}

TEST(PruneGroups, TileabilityNamesTheProblem) {
  std::string error;
  Pattern nm = *Pattern::parse("2:4", error);
  EXPECT_EQ(whyNotTileable(nm, {72, 8, 8}), "");
  // A convolution with 3 input channels: runs of 3 along K.
  EXPECT_NE(whyNotTileable(nm, {27, 8, 3}), "");
  Pattern wide = *Pattern::parse("block:1x16", error);
  EXPECT_NE(whyNotTileable(wide, {64, 10, 64}).find("multiple of 16"),
            std::string::npos);
}

TEST(PruneScores, BlockScoreIsTheL2Norm) {
  std::string error;
  Groups g{*Pattern::parse("block:2x1", error), {2, 1, 2}};
  std::vector<double> scores = groupScores(g, {3.0, 4.0});
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_DOUBLE_EQ(scores[0], 5.0);
}

TEST(PruneSelection, FloorOfTheFractionLowestFirstTiesInOrder) {
  // 5 groups, sparsity 0.5: floor(2.5) = 2 removed; the tie at 1.0 goes to
  // the earlier group.
  std::vector<std::vector<double>> scores{{1.0, 3.0, 1.0, 0.5, 2.0}};
  auto removed = selectRemoved(scores, Selection{0.5, std::nullopt}, false);
  EXPECT_EQ(removed[0], (std::vector<bool>{true, false, false, true, false}));
  // A threshold removes strictly below it.
  removed = selectRemoved(scores, Selection{std::nullopt, 1.0}, false);
  EXPECT_EQ(removed[0], (std::vector<bool>{false, false, false, true, false}));
}

TEST(PruneSelection, GlobalRanksAcrossLayers) {
  std::vector<std::vector<double>> scores{{0.1, 0.2}, {5.0, 6.0}};
  auto global = selectRemoved(scores, Selection{0.5, std::nullopt}, true);
  EXPECT_EQ(global[0], (std::vector<bool>{true, true}));
  EXPECT_EQ(global[1], (std::vector<bool>{false, false}));
  auto perLayer = selectRemoved(scores, Selection{0.5, std::nullopt}, false);
  EXPECT_EQ(perLayer[0], (std::vector<bool>{true, false}));
  EXPECT_EQ(perLayer[1], (std::vector<bool>{true, false}));
}

TEST(PruneNOfM, KeepsTheLargestOfEachWindowTiesToTheEarlierRow) {
  std::string error;
  // 4 x 2, 2:4 down each column.
  Groups g{*Pattern::parse("2:4", error), {4, 2, 4}};
  std::vector<double> importance{1, 5, 2, 5, 2, 5, 0, 5};
  std::vector<bool> kept = keepNOfM(g, importance);
  // Column 0: [1, 2, 2, 0] keeps rows 1 and 2; column 1: all 5, rows 0, 1.
  EXPECT_EQ(kept, (std::vector<bool>{false, true, true, true, true, false,
                                     false, false}));
}

} // namespace
