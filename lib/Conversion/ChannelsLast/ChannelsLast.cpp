//===- ChannelsLast.cpp - NCHW models in qnn's NHWC layout ----------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Each channels-first op becomes T_nchw(op_nhwc(T_nhwc(x))). The transposes
// then move: those that leave a layer sink through the ops after it, those
// that enter a layer's accumulator rise through what builds it (empty,
// fill, a broadcast bias), until linalg.transpose's own canonicalization
// folds each adjacent pair to nothing. Every move computes the same values;
// it only changes which layout an intermediate tensor is stored in.
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/ChannelsLast/ChannelsLast.h"

#include "qnn/Conversion/Passes.h"
#include "qnn/Layers/FloatContraction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNCHANNELSLASTPASS
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

/// NCHW -> NHWC and back, as linalg.transpose permutations.
static constexpr int64_t kToChannelsLast[] = {0, 2, 3, 1};
static constexpr int64_t kToChannelsFirst[] = {0, 3, 1, 2};

/// `value` with its dimensions permuted (result dimension i is dimension
/// perm[i]). A float constant is transposed at compile time; anything else
/// gets a linalg.transpose into a fresh tensor.empty.
static Value permuted(OpBuilder &b, Location loc, Value value,
                      ArrayRef<int64_t> perm) {
  if (DenseFPElementsAttr constant = foldedConstant(value))
    return arith::ConstantOp::create(b, loc, transposeConstant(constant, perm));
  DenseIntElementsAttr integers;
  if (matchPattern(value, m_Constant(&integers)))
    return arith::ConstantOp::create(b, loc, transposeConstant(integers, perm));
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  Value init = tensor::EmptyOp::create(
      b, loc, applyPermutation(sizes, perm),
      cast<RankedTensorType>(value.getType()).getElementType());
  return linalg::TransposeOp::create(b, loc, value, init, perm)->getResult(0);
}

/// A tensor.empty shaped like `value` permuted by `perm`.
static Value permutedEmpty(OpBuilder &b, Location loc, Value value,
                           ArrayRef<int64_t> perm) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  return tensor::EmptyOp::create(
      b, loc, applyPermutation(sizes, perm),
      cast<RankedTensorType>(value.getType()).getElementType());
}

/// An op the rewrite to NHWC takes: a channels-first op on tensors.
static bool isChannelsFirst(Operation *op) {
  return isa<linalg::Conv2DNchwFchwOp, linalg::DepthwiseConv2DNchwChwOp,
             linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op) &&
         cast<linalg::LinalgOp>(op).hasPureTensorSemantics();
}

/// Whether `op` has one user apart from the tensor.dim ops that ask for its
/// sizes (building a transpose asks; the dims fold away later).
static bool hasOneUserBesidesDims(Operation *op) {
  return llvm::count_if(op->getUsers(), [](Operation *user) {
           return !isa<tensor::DimOp>(user);
         }) == 1;
}

/// Carries the attributes other dialects (qnn's layer names and
/// statistics) put on `from` over to its rewrite. Linalg's own, such as
/// the indexing maps a named op memoizes, describe the old op and stay.
static void copyDiscardableAttrs(Operation *from, Operation *to) {
  for (NamedAttribute attr : from->getDiscardableAttrs())
    if (!attr.getName().strref().starts_with("linalg."))
      to->setAttr(attr.getName(), attr.getValue());
}

/// The indexing map that reads y where `map` read x = T(y).
static AffineMap readThroughTranspose(linalg::TransposeOp transpose,
                                      AffineMap map) {
  // y's dimension k is x's dimension inverse[k].
  return AffineMap::getPermutationMap(
             invertPermutationVector(transpose.getPermutation()),
             transpose.getContext())
      .compose(map);
}

/// Whether `perm` takes NCHW to NHWC: such transposes enter layers and
/// rise; all others leave them and sink. One direction per kind keeps the
/// moves through a pad from undoing each other.
static bool entersLayer(ArrayRef<int64_t> perm) {
  return perm == ArrayRef(kToChannelsLast);
}

/// pad(x) padded with a constant, the padding permuted by `perm`, on
/// `source` (x permuted by `perm`).
static FailureOr<Value> permutedPad(PatternRewriter &rewriter,
                                    tensor::PadOp pad, Value source,
                                    ArrayRef<int64_t> perm) {
  Value padValue = pad.getConstantPaddingValue();
  if (!padValue)
    return failure();
  // A constant yielded from inside the region is moved out with it.
  if (padValue.getParentRegion() == &pad.getRegion()) {
    Operation *def = padValue.getDefiningOp();
    if (!def || !def->hasTrait<OpTrait::ConstantLike>())
      return failure();
    padValue = rewriter.clone(*def)->getResult(0);
  }
  SmallVector<OpFoldResult> low = applyPermutation(pad.getMixedLowPad(), perm),
                            high =
                                applyPermutation(pad.getMixedHighPad(), perm);
  // The old type permuted: a static size the old type declares (where a
  // padding amount is a value) stays static.
  RankedTensorType type = pad.getResultType();
  auto newPad =
      tensor::PadOp::create(rewriter, pad.getLoc(),
                            type.clone(applyPermutation(type.getShape(), perm)),
                            source, low, high, padValue, pad.getNofold());
  copyDiscardableAttrs(pad, newPad);
  return newPad.getResult();
}

namespace {

/// A channels-first named op as its channels-last form between transposes:
/// the image and the accumulator to NHWC, the second input (filter) by
/// `filterPerm` (empty: unchanged, a pooling window), the result back.
template <typename NchwOp, typename NhwcOp>
struct ToChannelsLast final : OpRewritePattern<NchwOp> {
  ToChannelsLast(MLIRContext *ctx, ArrayRef<int64_t> filterPerm)
      : OpRewritePattern<NchwOp>(ctx), filterPerm(filterPerm) {}

  LogicalResult matchAndRewrite(NchwOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "not on tensors");
    Location loc = op.getLoc();
    Value image = permuted(rewriter, loc, op.getInputs()[0], kToChannelsLast);
    Value filter = op.getInputs()[1];
    if (!filterPerm.empty())
      filter = permuted(rewriter, loc, filter, filterPerm);
    Value init = permuted(rewriter, loc, op.getOutputs()[0], kToChannelsLast);
    auto nhwc = NhwcOp::create(rewriter, loc, TypeRange{init.getType()},
                               ValueRange{image, filter}, ValueRange{init},
                               op.getStrides(), op.getDilations());
    copyDiscardableAttrs(op, nhwc);
    rewriter.replaceOp(
        op, permuted(rewriter, loc, nhwc->getResult(0), kToChannelsFirst));
    return success();
  }

  SmallVector<int64_t> filterPerm;
};

/// An elementwise linalg.generic reading a transposed tensor whole runs in
/// that tensor's layout instead, and its results are transposed after it:
/// g(T(y), z) = T(g'(y, z read through T's permutation)).
struct SinkTransposeThroughElementwise final
    : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    // The loops are reordered: a body that reads its indices would change.
    if (!op.hasPureTensorSemantics() || op.getNumReductionLoops() != 0 ||
        op.hasIndexSemantics())
      return failure();
    for (OpOperand &init : op.getDpsInitsMutable())
      if (!op.getMatchingIndexingMap(&init).isIdentity())
        return failure();
    auto wholeTranspose = [&](OpOperand *input) {
      auto transpose = input->get().getDefiningOp<linalg::TransposeOp>();
      return transpose && op.getMatchingIndexingMap(input).isIdentity()
                 ? transpose
                 : linalg::TransposeOp();
    };
    SmallVector<int64_t> perm;
    for (OpOperand *input : op.getDpsInputOperands())
      if (linalg::TransposeOp transpose = wholeTranspose(input)) {
        perm = llvm::to_vector(transpose.getPermutation());
        break;
      }
    if (perm.empty())
      return rewriter.notifyMatchFailure(op, "no input is a transpose");

    MLIRContext *ctx = op.getContext();
    Location loc = op.getLoc();
    int64_t rank = op.getNumLoops();
    // Loop i of the old op is loop perm[i] of the new one.
    AffineMap oldLoops = AffineMap::getPermutationMap(perm, ctx);
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, ctx);
    SmallVector<int64_t> inverse = invertPermutationVector(perm);
    SmallVector<Value> inputs, inits;
    SmallVector<AffineMap> maps;
    for (OpOperand *input : op.getDpsInputOperands()) {
      AffineMap map = op.getMatchingIndexingMap(input).compose(oldLoops);
      // Every transposed input is read in its stored layout (those
      // transposed like the pivot, whole, with the identity map).
      if (auto transpose = input->get().getDefiningOp<linalg::TransposeOp>()) {
        inputs.push_back(transpose.getInput());
        maps.push_back(readThroughTranspose(transpose, map));
      } else {
        inputs.push_back(input->get());
        maps.push_back(map);
      }
    }
    for (OpOperand &init : op.getDpsInitsMutable()) {
      inits.push_back(op.payloadUsesValueFromOperand(&init)
                          ? permuted(rewriter, loc, init.get(), inverse)
                          : permutedEmpty(rewriter, loc, init.get(), inverse));
      maps.push_back(identity);
    }
    auto generic = linalg::GenericOp::create(
        rewriter, loc, ValueRange(inits).getTypes(), inputs, inits, maps,
        op.getIteratorTypesArray());
    rewriter.inlineRegionBefore(op.getRegion(), generic.getRegion(),
                                generic.getRegion().begin());
    copyDiscardableAttrs(op, generic);
    SmallVector<Value> results;
    for (Value result : generic.getResults())
      results.push_back(permuted(rewriter, loc, result, perm));
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// A reduction (a global average pool, say), or any linalg.generic that
/// reads a transposed input other than whole, reads it through its
/// indexing map instead.
struct AbsorbTransposeIntoMap final : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    bool reduction = op.getNumReductionLoops() != 0;
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    bool changed = false;
    for (OpOperand *input : op.getDpsInputOperands()) {
      auto transpose = input->get().getDefiningOp<linalg::TransposeOp>();
      // Elementwise reads of a whole transposed tensor sink it instead.
      if (!transpose ||
          (!reduction && op.getMatchingIndexingMap(input).isIdentity()))
        continue;
      int64_t index = input->getOperandNumber();
      maps[index] = readThroughTranspose(transpose, maps[index]);
      rewriter.modifyOpInPlace(op, [&] { input->set(transpose.getInput()); });
      changed = true;
    }
    if (!changed)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
    });
    return success();
  }
};

/// pad(T(y)) = T(pad'(y)), for transposes that leave a layer.
struct SinkTransposeThroughPad final : OpRewritePattern<tensor::PadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::PadOp pad,
                                PatternRewriter &rewriter) const override {
    auto transpose = pad.getSource().getDefiningOp<linalg::TransposeOp>();
    if (!transpose || entersLayer(transpose.getPermutation()))
      return failure();
    ArrayRef<int64_t> perm = transpose.getPermutation();
    FailureOr<Value> newPad = permutedPad(rewriter, pad, transpose.getInput(),
                                          invertPermutationVector(perm));
    if (failed(newPad))
      return failure();
    rewriter.replaceOp(pad, permuted(rewriter, pad.getLoc(), *newPad, perm));
    return success();
  }
};

/// T(pad(x)) = pad'(T(x)), for transposes that enter a layer: a
/// convolution's zero padding ends up next to it in NHWC, where the layer
/// takes it as its padding.
struct RiseTransposeThroughPad final : OpRewritePattern<linalg::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::TransposeOp transpose,
                                PatternRewriter &rewriter) const override {
    auto pad = transpose.getInput().getDefiningOp<tensor::PadOp>();
    ArrayRef<int64_t> perm = transpose.getPermutation();
    if (!pad || !hasOneUserBesidesDims(pad) ||
        !transpose.hasPureTensorSemantics() || !entersLayer(perm))
      return failure();
    Value source =
        permuted(rewriter, transpose.getLoc(), pad.getSource(), perm);
    FailureOr<Value> newPad = permutedPad(rewriter, pad, source, perm);
    if (failed(newPad))
      return failure();
    rewriter.replaceOp(transpose, *newPad);
    return success();
  }
};

/// concat(T(a), T(b), dim) = T(concat(a, b, perm[dim])).
struct SinkTransposeThroughConcat final : OpRewritePattern<tensor::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ConcatOp concat,
                                PatternRewriter &rewriter) const override {
    SmallVector<Value> sources;
    ArrayRef<int64_t> perm;
    for (Value input : concat.getInputs()) {
      auto transpose = input.getDefiningOp<linalg::TransposeOp>();
      if (!transpose || (!perm.empty() && transpose.getPermutation() != perm))
        return failure();
      perm = transpose.getPermutation();
      sources.push_back(transpose.getInput());
    }
    // The old type permuted back (it may be more static than inferred).
    RankedTensorType type = concat.getResultType();
    auto newConcat = tensor::ConcatOp::create(
        rewriter, concat.getLoc(),
        type.clone(
            applyPermutation(type.getShape(), invertPermutationVector(perm))),
        rewriter.getI64IntegerAttr(perm[concat.getDim()]), sources);
    copyDiscardableAttrs(concat, newConcat);
    rewriter.replaceOp(concat, permuted(rewriter, concat.getLoc(),
                                        newConcat.getResult(), perm));
    return success();
  }
};

/// The transpose of what builds a layer's accumulator is built transposed:
/// a tensor.empty, a linalg.fill, or a linalg.generic that only broadcasts
/// (a bias; torch-mlir writes a convolution's bias so).
struct RiseTransposeThroughInit final : OpRewritePattern<linalg::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::TransposeOp transpose,
                                PatternRewriter &rewriter) const override {
    if (!transpose.hasPureTensorSemantics())
      return failure();
    Value source = transpose.getInput();
    ArrayRef<int64_t> perm = transpose.getPermutation();
    Location loc = transpose.getLoc();
    if (source.getDefiningOp<tensor::EmptyOp>()) {
      rewriter.replaceOp(transpose, permutedEmpty(rewriter, loc, source, perm));
      return success();
    }
    if (auto fill = source.getDefiningOp<linalg::FillOp>()) {
      if (!fill.hasPureTensorSemantics())
        return failure();
      Value init = permuted(rewriter, loc, fill.getOutputs()[0], perm);
      rewriter.replaceOpWithNewOp<linalg::FillOp>(transpose,
                                                  fill.getInputs()[0], init);
      return success();
    }
    auto generic = source.getDefiningOp<linalg::GenericOp>();
    if (!generic || !hasOneUserBesidesDims(generic) ||
        generic.getNumResults() != 1 || !generic.hasPureTensorSemantics() ||
        generic.getNumReductionLoops() != 0 || generic.hasIndexSemantics())
      return failure();
    OpOperand *init = generic.getDpsInitOperand(0);
    int64_t rank = generic.getNumLoops();
    if (!generic.getMatchingIndexingMap(init).isIdentity() ||
        generic.payloadUsesValueFromOperand(init))
      return failure();
    for (OpOperand *input : generic.getDpsInputOperands())
      if (generic.getMatchingIndexingMap(input).getNumResults() >= rank)
        return failure();
    // Loop j of the old op is loop inverse[j] of the new one.
    MLIRContext *ctx = transpose.getContext();
    AffineMap oldLoops =
        AffineMap::getPermutationMap(invertPermutationVector(perm), ctx);
    SmallVector<AffineMap> maps;
    for (OpOperand *input : generic.getDpsInputOperands())
      maps.push_back(generic.getMatchingIndexingMap(input).compose(oldLoops));
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
    Value newInit = permutedEmpty(rewriter, loc, init->get(), perm);
    auto newGeneric = linalg::GenericOp::create(
        rewriter, generic.getLoc(), TypeRange{newInit.getType()},
        generic.getInputs(), ValueRange{newInit}, maps,
        generic.getIteratorTypesArray());
    // Cloned: the old op may still answer tensor.dim queries until they
    // fold.
    rewriter.cloneRegionBefore(generic.getRegion(), newGeneric.getRegion(),
                               newGeneric.getRegion().begin());
    copyDiscardableAttrs(generic, newGeneric);
    rewriter.replaceOp(transpose, newGeneric->getResults());
    return success();
  }
};

/// A transpose that only moves unit dimensions (a [N, C, 1, 1] squeeze-
/// excite scale, a one-channel image) moves no data: it is a collapse of
/// the unit dimensions and an expand to the new places, which reshape
/// canonicalization folds into the reshapes around it.
struct UnitTransposeAsReshape final : OpRewritePattern<linalg::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::TransposeOp transpose,
                                PatternRewriter &rewriter) const override {
    if (!transpose.hasPureTensorSemantics())
      return failure();
    auto resultType = cast<RankedTensorType>(transpose->getResult(0).getType());
    auto sourceType = cast<RankedTensorType>(transpose.getInput().getType());
    SmallVector<int64_t> kept;
    int64_t last = -1;
    for (auto [i, p] : llvm::enumerate(transpose.getPermutation())) {
      if (resultType.getDimSize(i) == 1)
        continue;
      if (p < last)
        return failure();
      last = p;
      kept.push_back(resultType.getDimSize(i));
    }
    std::optional<SmallVector<ReassociationIndices>> collapsing =
        getReassociationIndicesForCollapse(sourceType.getShape(), kept);
    std::optional<SmallVector<ReassociationIndices>> expanding =
        getReassociationIndicesForCollapse(resultType.getShape(), kept);
    if (!collapsing || !expanding)
      return failure();
    Location loc = transpose.getLoc();
    Value source = transpose.getInput();
    SmallVector<OpFoldResult> sizes =
        applyPermutation(tensor::getMixedSizes(rewriter, loc, source),
                         transpose.getPermutation());
    Value collapsed =
        tensor::CollapseShapeOp::create(rewriter, loc, source, *collapsing);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        transpose, resultType, collapsed, *expanding, sizes);
    return success();
  }
};

/// A flatten of a transposed activation into a linear layer with constant
/// weights: the flatten reads the activation in its stored order and the
/// weights' rows are permuted to match, at compile time.
struct FlattenIntoLinearWeights final : OpRewritePattern<linalg::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::MatmulOp matmul,
                                PatternRewriter &rewriter) const override {
    auto collapse =
        matmul.getInputs()[0].getDefiningOp<tensor::CollapseShapeOp>();
    if (!collapse || !hasOneUserBesidesDims(collapse))
      return failure();
    auto transpose = collapse.getSrc().getDefiningOp<linalg::TransposeOp>();
    if (!transpose)
      return failure();
    // [batch, d1, ..., dn] flattened to [batch, d1 * ... * dn], the batch
    // left in place by the transpose.
    ArrayRef<int64_t> perm = transpose.getPermutation();
    SmallVector<ReassociationIndices> groups =
        collapse.getReassociationIndices();
    auto flatType = cast<RankedTensorType>(collapse.getSrc().getType());
    if (groups.size() != 2 || groups[0].size() != 1 || perm[0] != 0 ||
        !llvm::all_of(flatType.getShape().drop_front(),
                      [](int64_t d) { return !ShapedType::isDynamic(d); }))
      return failure();
    std::string whyNot;
    std::optional<FloatContraction> c = matchFloatContraction(matmul, whyNot);
    if (!c || c->pattern)
      return failure();

    // Row r of the old flatten (x = T(y) in row-major order) is row r' of
    // the flatten of y.
    auto sourceType = cast<RankedTensorType>(transpose.getInput().getType());
    ArrayRef<int64_t> xShape = flatType.getShape(),
                      yShape = sourceType.getShape();
    SmallVector<int64_t> xStrides = computeStrides(xShape.drop_front());
    SmallVector<int64_t> yStrides = computeStrides(yShape.drop_front());
    int64_t rows = c->weights.getType().getDimSize(0);
    int64_t cols = c->weights.getType().getDimSize(1);
    DenseElementsAttr permutedRows = c->weights;
    if (!c->weights.isSplat()) {
      auto values = llvm::to_vector(c->weights.getValues<APFloat>());
      SmallVector<APFloat> out(values);
      for (int64_t r = 0; r < rows; ++r) {
        SmallVector<int64_t> x = delinearize(r, xStrides);
        int64_t row = 0;
        for (size_t i = 0; i < x.size(); ++i)
          row += x[i] * yStrides[perm[i + 1] - 1];
        for (int64_t n = 0; n < cols; ++n)
          out[row * cols + n] = values[r * cols + n];
      }
      permutedRows =
          DenseElementsAttr::get(c->weights.getType(), ArrayRef(out));
    }
    Location loc = matmul.getLoc();
    Value weights = arith::ConstantOp::create(rewriter, loc, permutedRows);
    Value flat = tensor::CollapseShapeOp::create(rewriter, collapse.getLoc(),
                                                 transpose.getInput(), groups);
    auto linear = linalg::MatmulOp::create(
        rewriter, loc, matmul.getResultTypes(), ValueRange{flat, weights},
        matmul.getOutputs());
    copyDiscardableAttrs(matmul, linear);
    rewriter.replaceOp(matmul, linear->getResults());
    return success();
  }
};

struct QNNChannelsLastPass final
    : qnn::impl::QNNChannelsLastPassBase<QNNChannelsLastPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    int64_t rewritten = 0;
    func.walk([&](Operation *op) { rewritten += isChannelsFirst(op); });
    if (!rewritten)
      return;
    // The transposes move first; those left that only move unit
    // dimensions become reshapes after (earlier, they would stop moving).
    RewritePatternSet patterns(&getContext()), reshapes(&getContext());
    populateChannelsLastPatterns(patterns);
    populateUnitTransposeAsReshapePatterns(reshapes);
    if (failed(applyPatternsGreedily(func, std::move(patterns))) ||
        failed(applyPatternsGreedily(func, std::move(reshapes))))
      func.emitWarning("qnn-channels-last: the layout rewrite did not "
                       "converge; transposes may be left between layers");
    int64_t left = 0;
    func.walk([&](linalg::TransposeOp) { ++left; });
    remark::analysis(func.getLoc(), remark::RemarkOpts::name("layout")
                                        .category("channels-last")
                                        .function(func.getName()))
        << llvm::formatv("{0} channels-first ops now NHWC; {1} layout "
                         "changes (linalg.transpose) left",
                         rewritten, left)
               .str();
  }
};
} // namespace

void mlir::qnn::populateChannelsLastPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns
      .add<ToChannelsLast<linalg::Conv2DNchwFchwOp, linalg::Conv2DNhwcFhwcOp>>(
          ctx, ArrayRef<int64_t>{0, 2, 3, 1});
  patterns.add<ToChannelsLast<linalg::DepthwiseConv2DNchwChwOp,
                              linalg::DepthwiseConv2DNhwcHwcOp>>(
      ctx, ArrayRef<int64_t>{1, 2, 0});
  patterns
      .add<ToChannelsLast<linalg::PoolingNchwMaxOp, linalg::PoolingNhwcMaxOp>,
           ToChannelsLast<linalg::PoolingNchwSumOp, linalg::PoolingNhwcSumOp>>(
          ctx, ArrayRef<int64_t>{});
  patterns.add<SinkTransposeThroughElementwise, AbsorbTransposeIntoMap,
               SinkTransposeThroughPad, SinkTransposeThroughConcat,
               RiseTransposeThroughInit, FlattenIntoLinearWeights>(ctx);
  patterns.add<RiseTransposeThroughPad>(ctx);
  linalg::TransposeOp::getCanonicalizationPatterns(patterns, ctx);
  tensor::DimOp::getCanonicalizationPatterns(patterns, ctx);
  memref::populateResolveRankedShapedTypeResultDimsPatterns(patterns);
}

void mlir::qnn::populateUnitTransposeAsReshapePatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<UnitTransposeAsReshape>(ctx);
  tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, ctx);
  tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, ctx);
  tensor::DimOp::getCanonicalizationPatterns(patterns, ctx);
}

bool mlir::qnn::containsChannelsFirstOps(Operation *root) {
  return root
      ->walk([](Operation *op) {
        return isChannelsFirst(op) ? WalkResult::interrupt()
                                   : WalkResult::advance();
      })
      .wasInterrupted();
}
