//===- TileAndVectorize.cpp - Tile linalg ops and vectorize the tiles -----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Upstream's linalg vectorizer turns one linalg op into vector ops of the
// op's full size; tiling first keeps vectors register-sized. The pass works
// in three steps:
//   1. tile every op, marking each tile with the vector sizes it wants;
//   2. canonicalize, with scf.for bound knowledge, so that unit tiles of
//      dynamic dimensions become static (min(1, ub - iv) is 1 inside the
//      loop): otherwise they would be masked, and a masked batch contraction
//      has no lowering;
//   3. vectorize each marked tile, masking the partial ones. Convolutions
//      use tiles that divide their static output, are reduced to 1-D and
//      vectorized without masks.
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Passes.h"

#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNTILEANDVECTORIZEPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

/// Marks a tile with the vector sizes to vectorize it with (dynamic
/// dimensions) and its kind.
static constexpr StringLiteral kVectorSizes =
    qnn::QNNDialect::VectorSizesAttrHelper::getNameStr();
static constexpr StringLiteral kKind =
    qnn::QNNDialect::VectorizeAttrHelper::getNameStr();

/// The largest divisor of `size` that is at most `limit`.
static int64_t divisorAtMost(int64_t size, int64_t limit) {
  for (int64_t d = std::min(size, limit); d > 1; --d)
    if (size % d == 0)
      return d;
  return 1;
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

/// "[a, b, c]" for a remark.
static std::string formatSizes(ArrayRef<int64_t> sizes) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(sizes, os);
  os << "]";
  return text;
}

/// Tiles `op` with `tileSizes` (0: not tiled) and marks the tiles with
/// `vectorSizes` and `kind`. A loop not tiled is marked with its own length.
static void tileAndMark(RewriterBase &rewriter, linalg::LinalgOp op,
                        ArrayRef<int64_t> tileSizes,
                        ArrayRef<int64_t> vectorSizes, StringRef kind) {
  rewriter.setInsertionPoint(op);
  SmallVector<OpFoldResult> sizes;
  for (int64_t s : tileSizes)
    sizes.push_back(rewriter.getIndexAttr(s));
  scf::SCFTilingOptions options;
  options.setTileSizes(sizes);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return;
  remark::analysis(op.getLoc(), remark::RemarkOpts::name("tiles").category(
                                    "qnn-tile-and-vectorize"))
      << (op->getName().getStringRef() + " as " + kind + " tiles of " +
          formatSizes(tileSizes) + " (0: not tiled), vector sizes " +
          formatSizes(vectorSizes))
             .str();
  rewriter.replaceOp(op, tiled->replacements);
  for (Operation *tile : tiled->tiledOps) {
    tile->setAttr(kVectorSizes, rewriter.getDenseI64ArrayAttr(vectorSizes));
    tile->setAttr(kKind, rewriter.getStringAttr(kind));
  }
}

/// Tile and vector sizes for loops that want `desired` sizes: a loop at most
/// that long is not tiled and uses its own length.
static void chooseSizes(linalg::LinalgOp op, ArrayRef<int64_t> desired,
                        SmallVectorImpl<int64_t> &tileSizes,
                        SmallVectorImpl<int64_t> &vectorSizes) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (auto [range, want] : llvm::zip(ranges, desired)) {
    bool whole = !ShapedType::isDynamic(range) && range <= want;
    tileSizes.push_back(whole ? 0 : want);
    vectorSizes.push_back(whole ? range : want);
  }
}

/// Reduces a row-tiled 2-D convolution to a 1-D one.
static FailureOr<linalg::LinalgOp> decomposeConv(PatternRewriter &rewriter,
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

namespace {

/// [Pattern: DropUnitBatch] IN: a marked batch_matmul tile with a static
/// batch of 1. OUT: linalg.matmul on the rank-reduced slices, marked with
/// the M, N, K part of the vector sizes, inserted back.
struct DropUnitBatch final : OpRewritePattern<linalg::BatchMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::BatchMatmulOp op,
                                PatternRewriter &rewriter) const override {
    auto sizes = op->getAttrOfType<DenseI64ArrayAttr>(kVectorSizes);
    if (!sizes || op.hasUserDefinedMaps() || !op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "not a marked batch tile");
    auto batchOf = [](Value v) {
      return cast<RankedTensorType>(v.getType()).getDimSize(0);
    };
    Value lhs = op.getInputs()[0], rhs = op.getInputs()[1],
          init = op.getOutputs()[0];
    if (batchOf(lhs) != 1 || batchOf(rhs) != 1 || batchOf(init) != 1)
      return rewriter.notifyMatchFailure(op, "batch is not a static 1");
    Location loc = op.getLoc();
    auto dropBatch = [&](Value v) -> Value {
      auto type = cast<RankedTensorType>(v.getType());
      auto reduced = RankedTensorType::get(type.getShape().drop_front(),
                                           type.getElementType());
      SmallVector<OpFoldResult> offsets(3, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
      SmallVector<OpFoldResult> extents =
          tensor::getMixedSizes(rewriter, loc, v);
      return tensor::ExtractSliceOp::create(rewriter, loc, reduced, v, offsets,
                                            extents, strides);
    };
    Value acc = dropBatch(init);
    auto matmul = linalg::MatmulOp::create(
        rewriter, loc, TypeRange{acc.getType()},
        ValueRange{dropBatch(lhs), dropBatch(rhs)}, ValueRange{acc});
    matmul->setAttr(kKind, op->getAttr(kKind));
    matmul->setAttr(kVectorSizes, rewriter.getDenseI64ArrayAttr(
                                      sizes.asArrayRef().drop_front()));
    SmallVector<OpFoldResult> offsets(3, rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> extents =
        tensor::getMixedSizes(rewriter, loc, init);
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, matmul.getResult(0), init, offsets, extents, strides);
    return success();
  }
};

struct QNNTileAndVectorizePass final
    : qnn::impl::QNNTileAndVectorizePassBase<QNNTileAndVectorizePass> {
  using QNNTileAndVectorizePassBase::QNNTileAndVectorizePassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<linalg::LinalgOp> ops;
    func.walk([&](linalg::LinalgOp op) {
      // An empty loop (a zero-sized tensor, K = 0) does no work: its scalar
      // loops run zero times, and tiling cannot size a tile of nothing.
      // Matmuls marked for an int8 kernel, and the ops the kernel computes
      // in its registers, are built after bufferization.
      if (op.hasPureTensorSemantics() && !touchesSubByteElements(op) &&
          !llvm::is_contained(op.getStaticLoopRanges(), 0) &&
          !op->hasAttr(qnn::QNNDialect::KernelAttrHelper::getNameStr()) &&
          !op->hasAttr(qnn::QNNDialect::KernelPartAttrHelper::getNameStr()))
        ops.push_back(op);
    });

    // 1. Tile and mark.
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op.getOperation()))
        tileMatmul(rewriter, op);
      else if (isa<linalg::Conv2DNhwcHwcfOp, linalg::DepthwiseConv2DNhwcHwcOp>(
                   op.getOperation()))
        tileConv(rewriter, op);
      else if (op.getNumReductionLoops() == 0 && op.getNumLoops() > 0)
        tileElementwise(rewriter, op);
    }

    // 2. Make unit tiles static, and drop the unit batch of batch matmul
    //    tiles (a masked batch contraction has no lowering).
    RewritePatternSet patterns(&getContext());
    scf::populateSCFForLoopCanonicalizationPatterns(patterns);
    patterns.add<DropUnitBatch>(&getContext());
    for (Dialect *dialect : getContext().getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName name : getContext().getRegisteredOperations())
      name.getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(func, std::move(patterns))))
      return signalPassFailure();

    // 3. Vectorize the marked tiles.
    SmallVector<linalg::LinalgOp> tiles;
    func.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kKind))
        tiles.push_back(op);
    });
    for (linalg::LinalgOp tile : tiles)
      vectorize(rewriter, tile);
  }

  void tileMatmul(RewriterBase &rewriter, linalg::LinalgOp op) {
    SmallVector<int64_t> desired = {matmulTileM, matmulTileN, matmulTileK};
    if (isa<linalg::BatchMatmulOp>(op.getOperation()))
      desired.insert(desired.begin(), 1);
    SmallVector<int64_t> tiles, vectors;
    chooseSizes(op, desired, tiles, vectors);
    tileAndMark(rewriter, op, tiles, vectors, "contraction");
  }

  void tileElementwise(RewriterBase &rewriter, linalg::LinalgOp op) {
    SmallVector<int64_t> desired(op.getNumLoops(), 1);
    desired.back() = elementwiseTile;
    SmallVector<int64_t> tiles, vectors;
    chooseSizes(op, desired, tiles, vectors);
    tileAndMark(rewriter, op, tiles, vectors, "elementwise");
  }

  /// Loops: (n, oh, ow, f, kh, kw, c) for conv_2d_nhwc_hwcf and
  /// (n, oh, ow, c, kh, kw) for depthwise_conv_2d_nhwc_hwc. Tiles are one
  /// output row and one filter row (so the 2-D op reduces to 1-D), and
  /// divisors of the static output width and channels.
  void tileConv(RewriterBase &rewriter, linalg::LinalgOp op) {
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    if (llvm::any_of(llvm::drop_begin(ranges), ShapedType::isDynamic))
      return;
    bool depthwise = isa<linalg::DepthwiseConv2DNhwcHwcOp>(op.getOperation());
    SmallVector<int64_t> tiles(ranges.size(), 0);
    tiles[0] = 1;                            // n
    tiles[1] = 1;                            // oh
    tiles[2] = divisorAtMost(ranges[2], 8);  // ow
    tiles[3] = divisorAtMost(ranges[3], 16); // f, or c for depthwise
    tiles[4] = 1;                            // kh
    if (!depthwise)
      tiles[6] = divisorAtMost(ranges[6], 32); // c
    tileAndMark(rewriter, op, tiles, {}, "convolution");
  }

  void vectorize(RewriterBase &rewriter, linalg::LinalgOp tile) {
    StringRef kind = tile->getAttrOfType<StringAttr>(kKind).getValue();
    auto desired = tile->getAttrOfType<DenseI64ArrayAttr>(kVectorSizes);
    tile->removeAttr(kKind);
    tile->removeAttr(kVectorSizes);

    if (kind == "convolution") {
      PatternRewriter patternRewriter(tile->getContext());
      patternRewriter.setInsertionPoint(tile);
      FailureOr<linalg::LinalgOp> conv1d = decomposeConv(patternRewriter, tile);
      if (failed(conv1d))
        return;
      rewriter.setInsertionPoint(*conv1d);
      FailureOr<linalg::VectorizationResult> vectorized =
          linalg::vectorize(rewriter, *conv1d);
      if (succeeded(vectorized))
        rewriter.replaceOp(*conv1d, vectorized->replacements);
      return;
    }

    // Static dimensions vectorize at their size, dynamic ones (partial
    // tiles) at the tile size with a mask.
    SmallVector<int64_t> sizes;
    for (auto [range, want] :
         llvm::zip(tile.getStaticLoopRanges(), desired.asArrayRef()))
      sizes.push_back(ShapedType::isDynamic(range) ? want : range);
    // Spell out "no scalable dimension" per dimension: with an empty list
    // the vectorizer builds mask types that differ from (but print like) the
    // ones the vector.mask verifier expects.
    SmallVector<bool> scalable(sizes.size(), false);
    rewriter.setInsertionPoint(tile);
    // Contractions become vector.contract (lowered to outer products), not
    // an elementwise product plus a multi_reduction.
    FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(
        rewriter, tile, sizes, scalable, /*vectorizeNDExtract=*/false,
        /*flatten1DDepthwiseConv=*/false,
        /*assumeDynamicDimsMatchVecSizes=*/false,
        /*createNamedContraction=*/kind == "contraction");
    if (succeeded(vectorized))
      rewriter.replaceOp(tile, vectorized->replacements);
  }
};

} // namespace
