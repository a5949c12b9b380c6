//===- TileAndVectorize.cpp - Tile linalg ops and vectorize the tiles -----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Upstream's linalg vectorizer turns one linalg op into vector ops of the
// op's full size; tiling first keeps vectors register-sized. Partial tiles
// of matmuls and elementwise ops are masked; convolutions use tile sizes
// that divide their static output so every tile is full (the 1-D
// convolution vectorizer does not mask).
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNTILEANDVECTORIZEPASS
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

/// The largest divisor of `size` that is at most `limit`.
static int64_t divisorAtMost(int64_t size, int64_t limit) {
  for (int64_t d = std::min(size, limit); d > 1; --d)
    if (size % d == 0)
      return d;
  return 1;
}

/// Tiles `op` with `tileSizes` (0: not tiled) and vectorizes the tile with
/// `vectorSizes` (masking where the tile may be partial). Returns failure
/// only when tiling fails; a tile the vectorizer rejects stays scalar.
static LogicalResult tileAndVectorize(RewriterBase &rewriter,
                                      linalg::LinalgOp op,
                                      ArrayRef<int64_t> tileSizes,
                                      ArrayRef<int64_t> vectorSizes) {
  rewriter.setInsertionPoint(op);
  SmallVector<OpFoldResult> sizes;
  for (int64_t s : tileSizes)
    sizes.push_back(rewriter.getIndexAttr(s));
  scf::SCFTilingOptions options;
  options.setTileSizes(sizes);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  for (Operation *tile : tiled->tiledOps) {
    rewriter.setInsertionPoint(tile);
    // Spell out "no scalable dimension" per dimension: with an empty list
    // the vectorizer builds mask types that differ from (but print like) the
    // ones the vector.mask verifier expects.
    SmallVector<bool> scalable(vectorSizes.size(), false);
    FailureOr<linalg::VectorizationResult> vectorized =
        linalg::vectorize(rewriter, tile, vectorSizes, scalable);
    if (succeeded(vectorized))
      rewriter.replaceOp(tile, vectorized->replacements);
  }
  return success();
}

/// Tile and vector sizes for an op whose loops want `desired` sizes: a loop
/// at most that long is not tiled and uses its own length.
static void chooseSizes(linalg::LinalgOp op, ArrayRef<int64_t> desired,
                        SmallVectorImpl<int64_t> &tileSizes,
                        SmallVectorImpl<int64_t> &vectorSizes) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (auto [range, want] : llvm::zip(ranges, desired)) {
    if (!ShapedType::isDynamic(range) && range <= want) {
      tileSizes.push_back(0);
      vectorSizes.push_back(range);
    } else {
      tileSizes.push_back(want);
      vectorSizes.push_back(want);
    }
  }
}

/// LLVM packs a vector of i4 into half as many bytes while a memref gives
/// each i4 element a byte: vectorized and scalar code would disagree about
/// the memory, so ops on sub-byte integers (codebook indices) stay scalar.
static bool touchesSubByteElements(linalg::LinalgOp op) {
  auto subByte = [](Type type) {
    Type elem = getElementTypeOrSelf(type);
    return elem.isIntOrFloat() && elem.getIntOrFloatBitWidth() % 8 != 0;
  };
  return llvm::any_of(op->getOperandTypes(), subByte) ||
         llvm::any_of(op->getResultTypes(), subByte);
}

namespace {

struct QNNTileAndVectorizePass final
    : qnn::impl::QNNTileAndVectorizePassBase<QNNTileAndVectorizePass> {
  using QNNTileAndVectorizePassBase::QNNTileAndVectorizePassBase;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && !touchesSubByteElements(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op.getOperation()))
        vectorizeMatmul(rewriter, op);
      else if (isa<linalg::Conv2DNhwcHwcfOp, linalg::DepthwiseConv2DNhwcHwcOp>(
                   op.getOperation()))
        vectorizeConv(rewriter, op);
      else if (op.getNumReductionLoops() == 0 && op.getNumLoops() > 0)
        vectorizeElementwise(rewriter, op);
    }
  }

  void vectorizeMatmul(RewriterBase &rewriter, linalg::LinalgOp op) {
    SmallVector<int64_t> desired = {matmulTileM, matmulTileN, matmulTileK};
    if (isa<linalg::BatchMatmulOp>(op.getOperation()))
      desired.insert(desired.begin(), 1);
    SmallVector<int64_t> tiles, vectors;
    chooseSizes(op, desired, tiles, vectors);
    (void)tileAndVectorize(rewriter, op, tiles, vectors);
  }

  void vectorizeElementwise(RewriterBase &rewriter, linalg::LinalgOp op) {
    SmallVector<int64_t> desired(op.getNumLoops(), 1);
    desired.back() = elementwiseTile;
    SmallVector<int64_t> tiles, vectors;
    chooseSizes(op, desired, tiles, vectors);
    (void)tileAndVectorize(rewriter, op, tiles, vectors);
  }

  /// Loops: (n, oh, ow, f, kh, kw, c) for conv_2d_nhwc_hwcf and
  /// (n, oh, ow, c, kh, kw) for depthwise_conv_2d_nhwc_hwc. Tiles are one
  /// output row and one filter row (so the 2-D op decomposes to 1-D), and
  /// divisors of the static output width and channels; each tile is then
  /// decomposed and vectorized.
  void vectorizeConv(RewriterBase &rewriter, linalg::LinalgOp op) {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    if (llvm::any_of(llvm::drop_begin(ranges), ShapedType::isDynamic))
      return;
    bool depthwise = isa<linalg::DepthwiseConv2DNhwcHwcOp>(op.getOperation());
    SmallVector<int64_t> tiles(ranges.size(), 0);
    tiles[0] = 1;                            // n
    tiles[1] = 1;                            // oh
    tiles[2] = divisorAtMost(ranges[2], 8);  // ow
    tiles[3] = divisorAtMost(ranges[3], 16); // f or c
    tiles[4] = 1;                            // kh
    if (!depthwise)
      tiles[6] = divisorAtMost(ranges[6], 32); // c
    rewriter.setInsertionPoint(op);
    SmallVector<OpFoldResult> sizes;
    for (int64_t s : tiles)
      sizes.push_back(rewriter.getIndexAttr(s));
    scf::SCFTilingOptions options;
    options.setTileSizes(sizes);
    FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled))
      return;
    rewriter.replaceOp(op, tiled->replacements);
    for (Operation *tile : tiled->tiledOps) {
      // One output row and one filter row: a 1-D convolution.
      PatternRewriter patternRewriter(tile->getContext());
      patternRewriter.setInsertionPoint(tile);
      FailureOr<linalg::LinalgOp> conv1d = decompose(patternRewriter, tile);
      if (failed(conv1d))
        continue;
      rewriter.setInsertionPoint(*conv1d);
      FailureOr<linalg::VectorizationResult> vectorized =
          linalg::vectorize(rewriter, *conv1d);
      if (succeeded(vectorized))
        rewriter.replaceOp(*conv1d, vectorized->replacements);
    }
  }

  static FailureOr<linalg::LinalgOp> decompose(PatternRewriter &rewriter,
                                               Operation *tile) {
    if (auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(tile)) {
      linalg::DownscaleSizeOneWindowed2DConvolution<linalg::Conv2DNhwcHwcfOp,
                                                    linalg::Conv1DNwcWcfOp>
          pattern(tile->getContext());
      auto result = pattern.returningMatchAndRewrite(conv, rewriter);
      if (failed(result))
        return failure();
      return cast<linalg::LinalgOp>(result->getOperation());
    }
    if (auto conv = dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(tile)) {
      linalg::DownscaleDepthwiseConv2DNhwcHwcOp pattern(tile->getContext());
      auto result = pattern.returningMatchAndRewrite(conv, rewriter);
      if (failed(result))
        return failure();
      return cast<linalg::LinalgOp>(result->getOperation());
    }
    return failure();
  }
};

} // namespace
