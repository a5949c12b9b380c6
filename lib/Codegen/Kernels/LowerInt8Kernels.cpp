//===- LowerInt8Kernels.cpp - Register-blocked int8 matmul kernels --------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// C[M, N] (i32) += A[M, K] (i8) x W[K, N] (constant i8), for L int32 lanes
// per vector (16 zmm, 8 ymm), D reduction steps per instruction and
// G = ceil(K / D):
//
//   Wp[p][g][Dj + t] = W[Dg + t][pL + j]   (zero past K and N)
//
// VNNI (vpdpbusd, D = 4) multiplies unsigned by signed bytes:
//   Au[m][k]   = A[m][k] xor 0x80 = A[m][k] + 128 as u8 (0 past K)
//   corr[p][j] = -128 * sum_k W[k][pL + j]
//   C[m][n]   += corr[n] + sum_k Au[m][k] W[k][n]
// AVX2 (vpmaddwd, D = 2) multiplies 16-bit values and adds pairs, exactly:
//   Au[m][k]   = sext(A[m][k]) as i16 (0 past K), Wp in i16
//   C[m][n]   += sum_k Au[m][k] W[k][n]
//
// One instruction adds, to each of L int32 lanes, the dot product of D
// activations (one 32-bit word broadcast to every lane) with the lane's D
// packed weights. A tile of MR rows by NP panels keeps MR * NP accumulators
// in registers across the whole reduction: each weight vector loaded serves
// MR rows, each broadcast NP panels. Panels are the outer loop, so a block
// of NP panels stays in cache while every row passes. The loops carry only
// vectors, which is why this runs after bufferization: buffer deallocation
// cannot reason about the intrinsic calls inside loops that carry buffers.
//
//===----------------------------------------------------------------------===//

#include "KernelFusion.h"

#include "qnn/Codegen/Passes.h"
#include "qnn/Codegen/Target.h"
#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Remarks.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/Support/FormatVariadic.h"

#include <bitset>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNLOWERINT8KERNELSPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

/// Writes the first `valid` lanes of `value` at (row, column) of `dest`:
/// all of them in bounds, or masked.
static void writeLanes(OpBuilder &b, Location loc, Value value, Value dest,
                       Value row, Value column, int64_t valid) {
  auto type = cast<VectorType>(value.getType());
  bool partial = valid < type.getDimSize(0);
  if (valid == 1 && partial && type.getElementTypeBitWidth() < 32) {
    // LLVM 22's x86 backend turns a one-lane masked store of a truncated
    // vector into a store of the untruncated lane (4 bytes for an i8): it
    // overwrote the next row's first outputs. One lane is one store.
    Value lane = vector::ExtractOp::create(b, loc, value, ArrayRef<int64_t>{0});
    memref::StoreOp::create(b, loc, lane, dest, ValueRange{row, column});
    return;
  }
  vector::TransferWriteOp::create(b, loc, value, dest, ValueRange{row, column},
                                  ArrayRef<bool>{!partial});
}

/// The buffer `value` is a view of.
static Value rootBuffer(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

namespace {

/// The register tile and instruction of one kernel family.
struct KernelShape {
  /// int32 lanes per vector: 16 (zmm) or 8 (ymm).
  int64_t lanes;
  /// Rows and panels of the register tile.
  int64_t rows, panels;
  /// Reduction steps one instruction adds per lane: 4 bytes (vpdpbusd) or
  /// 2 16-bit values (vpmaddwd).
  int64_t depth;
  /// vpdpbusd multiplies unsigned activations: their sign bit is flipped
  /// and 128 * colsum(W) taken back off. vpmaddwd multiplies signed 16-bit
  /// values: the activations are sign-extended.
  bool unsignedActivations;
  /// VNNI: acc = intrinsic(acc, a, w); AVX2: acc += intrinsic(a, w).
  StringRef intrinsic;
  /// Rows of the sparse kernels' tile, one panel wide: each kept weight
  /// tile or gather step meets this many rows.
  int64_t sparseRows;
  /// Rows of the dense tile when its weights are indices (SubByteTable)
  /// into one table, and into tables per lane: the expansion keeps 3 more
  /// vectors live (shifts, mask, table), and per-lane tables are loaded
  /// per panel (and the column offsets kept), for which 16 ymm registers
  /// have no room beside 6 rows, nor 32 zmm beside 6 rows by 4 panels.
  int64_t subByteRows, tableRows;
  /// Above how many rows such weights are expanded once per block of
  /// panels rather than in each tile: where, in one-off runs at M = 16 to
  /// 512, the expansion in each tile cost more than reading the expanded
  /// block back from L2.
  int64_t expandAboveRows;
  /// What one dense tile of indices costs in tiles of bytes when the
  /// lowering weighs the sparse kernels against it: on zmm 1.7-2x faster
  /// at M = 1, where the weights' bytes bound the time, 3-9% slower from
  /// M = 16 on; on ymm and AVX2 0.8-1.2x at M = 1 (`make bench`,
  /// docs/Performance.md).
  double subByteTileCost;
  /// The gather kernel's shuffle and the activation bytes it picks from: 64
  /// for vpermb; 16 for vpshufb, which picks within each 128-bit lane, from
  /// the window repeated into every lane.
  int64_t windowBytes;
  StringRef shuffle;
  /// What one gather step costs in dense tiles (a shuffle and a
  /// multiply-add per row, two loads per step), measured by `make bench`
  /// on 2:4 and 90% unstructured weights (docs/Performance.md): the gather
  /// kernel runs where its steps cost less than the dense tiles.
  double gatherStepCost;

  /// Activations per window.
  int64_t windowElements() const {
    return windowBytes / (unsignedActivations ? 1 : 2);
  }

  /// The element type of the packed weights and copied activations.
  Type elementType(OpBuilder &b) const {
    return unsignedActivations ? b.getI8Type() : b.getI16Type();
  }
};

/// Dense weights stored as `bits`-bit indices (4 or 2; 8: as bytes) and
/// looked up in registers with a byte shuffle, which reads each 16-byte
/// lane of the operand (4 columns of 4 reduction steps for vpdpbusd, 8 of
/// 2 for vpmaddwd, before their extension to 16 bits) from its own 16
/// table entries. 4-bit: the entries are the values of the lane's columns
/// (at most 16); 2-bit: at most 4 values per lane or, with 4 columns a
/// lane, each column's at most 4 values at 4 x its place in the lane, which
/// the kernel adds to the index (`columnOffsets`: per-channel codebooks).
/// Where one table serves every lane it is a constant (`shared`), else
/// `tables` [panels][operand bytes] is a global the kernel loads per panel.
/// A tile of V values takes B = V * bits / 8 bytes: byte b holds, in bits
/// [bits * c, bits * (c + 1)), the index of value c * B + b; the kernel
/// repeats the B bytes 8 / bits times, shifts copy c right by bits * c and
/// masks the index.
struct SubByteTable {
  int64_t bits = 8;
  bool columnOffsets = false, shared = false;
  /// Distinct values in the widest table.
  int64_t widest = 0;
  SmallVector<int8_t> tables;
  /// Each column's index of each byte value.
  std::vector<std::array<uint8_t, 256>> indexOf;

  bool isPacked() const { return bits < 8; }
};

/// The packed weights and corrections of one weight global, shared by the
/// matmuls that use it. Kept tiles: `weights` holds the kept tiles only
/// ([T, depth * L]), `groups` each one's reduction group ([T] i32) and
/// `starts` each panel's first ([panels + 1] i32). Gather: `weights` holds
/// the steps' operands ([S, depth * L]), `indices` the activation bytes
/// each lane picks ([S, 4 * L] i8), `groups` each step's window.
struct PackedWeights {
  memref::GlobalOp weights, correction, groups, starts, indices;
  /// Dense weights stored as indices (`weights` [panels, G, B] bytes),
  /// with `tables` unless one table serves all.
  SubByteTable subByte;
  memref::GlobalOp tables;
};

/// Where the accumulators start: C's own values, a per-column bias
/// ([N] memref) or one value.
struct KernelStart {
  Value bias, value;
};

/// An elementwise linalg.generic on the kernel's result (see
/// KernelFusion.h), computed on L-lane vectors of accumulators at (row,
/// column) of the [M, N] result.
class Epilogue {
public:
  /// `operands`: the generic's inputs as [M, N], [N] or 0-d memrefs (the
  /// accumulator's entry unused); `output`: its [M, N] output.
  Epilogue(linalg::GenericOp op, unsigned accInput, SmallVector<Value> operands,
           Value output)
      : op(op), accInput(accInput), operands(std::move(operands)),
        output(output) {}

  /// The generic's result at (row, column) from the accumulators `acc`.
  /// `columnValues` caches what is the same for every row of one panel.
  Value apply(OpBuilder &b, Location loc, Value acc, Value row, Value column,
              bool partial, DenseMap<unsigned, Value> &columnValues) const {
    auto lanes = cast<VectorType>(acc.getType()).getDimSize(0);
    auto vectorOf = [&](Type t) { return VectorType::get({lanes}, t); };
    Block &body = op.getRegion().front();
    IRMapping values;
    for (auto [i, arg] : llvm::enumerate(body.getArguments().drop_back())) {
      if (i == accInput) {
        values.map(arg, acc);
        continue;
      }
      EpilogueOperand kind = epilogueOperand(op, i);
      if (kind == EpilogueOperand::Full) {
        values.map(arg, read(b, loc, operands[i], vectorOf(arg.getType()),
                             {row, column}, partial));
        continue;
      }
      Value &cached = columnValues[i];
      if (!cached) {
        if (kind == EpilogueOperand::Column) {
          cached = read(b, loc, operands[i], vectorOf(arg.getType()), {column},
                        partial);
        } else {
          Value one = memref::LoadOp::create(b, loc, operands[i]);
          cached =
              vector::BroadcastOp::create(b, loc, vectorOf(arg.getType()), one);
        }
      }
      values.map(arg, cached);
    }
    for (Operation &inner : body.without_terminator()) {
      // Scalars from outside the body become vectors of that value.
      for (Value used : inner.getOperands()) {
        if (values.contains(used))
          continue;
        values.map(used, splat(b, loc, used, vectorOf(used.getType())));
      }
      if (auto constant = dyn_cast<arith::ConstantOp>(inner)) {
        values.map(constant.getResult(), splat(b, loc, constant.getResult(),
                                               vectorOf(constant.getType())));
        continue;
      }
      if (auto toInt = dyn_cast<arith::FPToSIOp>(inner); toInt && lanes == 16) {
        if (Value converted = roundClampConvert(b, loc, toInt, values)) {
          values.map(toInt.getResult(), converted);
          continue;
        }
      }
      Operation *vectorized = b.clone(inner, values);
      for (Value result : vectorized->getResults())
        result.setType(vectorOf(result.getType()));
    }
    Value yielded = body.getTerminator()->getOperand(0);
    if (!values.contains(yielded))
      return splat(b, loc, yielded, vectorOf(yielded.getType()));
    return values.lookup(yielded);
  }

  Value getOutput() const { return output; }

private:
  /// `fptosi(min(max(roundeven(x), lo), hi))` without NaN (the clamps'
  /// `nnan`, see roundAndStore), on 16 lanes: the clamps moved before the
  /// rounding (the same for integer bounds) and the rounding done by the
  /// conversion, `vcvtps2dq` with its own round-to-nearest-even
  /// ({rn-sae}, whatever the rounding mode): one instruction less per
  /// vector. Null where `toInt` is not that.
  Value roundClampConvert(OpBuilder &b, Location loc, arith::FPToSIOp toInt,
                          const IRMapping &values) const {
    auto min = toInt.getIn().getDefiningOp<arith::MinimumFOp>();
    auto max = min ? min.getLhs().getDefiningOp<arith::MaximumFOp>()
                   : arith::MaximumFOp();
    auto round = max ? max.getLhs().getDefiningOp<math::RoundEvenOp>()
                     : math::RoundEvenOp();
    auto noNaN = [](arith::ArithFastMathInterface op) {
      return bitEnumContainsAll(op.getFastMathFlagsAttr().getValue(),
                                arith::FastMathFlags::nnan);
    };
    if (!round || !noNaN(min) || !noNaN(max) ||
        !toInt.getType().isInteger(32) || !toInt.getIn().getType().isF32() ||
        !holdsIntegers(max.getRhs()) || !holdsIntegers(min.getRhs()) ||
        !values.contains(round.getOperand()) ||
        !values.contains(max.getRhs()) || !values.contains(min.getRhs()))
      return {};
    auto flags = min.getFastmath();
    Value atLeast =
        arith::MaximumFOp::create(b, loc, values.lookup(round.getOperand()),
                                  values.lookup(max.getRhs()), flags);
    Value clamped = arith::MinimumFOp::create(
        b, loc, atLeast, values.lookup(min.getRhs()), flags);
    auto type = VectorType::get({16}, b.getI32Type());
    Value passThrough = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(type, b.getI32IntegerAttr(0)));
    Value allLanes = arith::ConstantOp::create(b, loc, b.getI16IntegerAttr(-1));
    constexpr int32_t kNearestNoExceptions = 8;
    Value mode = arith::ConstantOp::create(
        b, loc, b.getI32IntegerAttr(kNearestNoExceptions));
    return LLVM::CallIntrinsicOp::create(
               b, loc, type,
               b.getStringAttr("llvm.x86.avx512.mask.cvtps2dq.512"),
               ValueRange{clamped, passThrough, allLanes, mode})
        .getResult(0);
  }

  /// Whether the float `bound`, in the generic's body, is a whole number
  /// wherever it is read: a constant, or an input that is a constant
  /// global (a per-channel table) of whole numbers. Clamps moved before a
  /// rounding give the same result only for such bounds.
  bool holdsIntegers(Value bound) const {
    auto whole = [](const APFloat &v) { return v.isInteger(); };
    Attribute constant;
    if (matchPattern(bound, m_Constant(&constant))) {
      if (auto scalar = dyn_cast<FloatAttr>(constant))
        return whole(scalar.getValue());
      auto elements = dyn_cast<DenseFPElementsAttr>(constant);
      return elements && llvm::all_of(elements.getValues<APFloat>(), whole);
    }
    auto arg = dyn_cast<BlockArgument>(bound);
    if (!arg || arg.getOwner() != &op.getRegion().front() ||
        arg.getArgNumber() >= operands.size() || !operands[arg.getArgNumber()])
      return false;
    auto get = rootBuffer(operands[arg.getArgNumber()])
                   .getDefiningOp<memref::GetGlobalOp>();
    auto global = get ? SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
                            get, get.getNameAttr())
                      : memref::GlobalOp();
    auto table = global && global.getConstant()
                     ? dyn_cast_or_null<DenseFPElementsAttr>(
                           global.getConstantInitValue())
                     : DenseFPElementsAttr();
    return table && llvm::all_of(table.getValues<APFloat>(), whole);
  }

  /// A vector of `type` from `source` at `indices`; lanes past its end
  /// (a partial panel) read 0 and are never written.
  static Value read(OpBuilder &b, Location loc, Value source, VectorType type,
                    ValueRange indices, bool partial) {
    Value padding = arith::ConstantOp::create(
        b, loc, cast<TypedAttr>(b.getZeroAttr(type.getElementType())));
    return vector::TransferReadOp::create(b, loc, type, source, indices,
                                          padding, ArrayRef<bool>{!partial});
  }

  /// `value`, a scalar, in every lane: a constant stays a constant.
  static Value splat(OpBuilder &b, Location loc, Value value, VectorType type) {
    Attribute constant;
    if (matchPattern(value, m_Constant(&constant)) &&
        isa<IntegerAttr, FloatAttr>(constant))
      return arith::ConstantOp::create(b, loc,
                                       DenseElementsAttr::get(type, constant));
    return vector::BroadcastOp::create(b, loc, type, value);
  }

  // Ops are handles; reading the body does not change it.
  mutable linalg::GenericOp op;
  unsigned accInput;
  SmallVector<Value> operands;
  Value output;
};

/// Where the kernel reads its activation operands: a 1-D buffer in which
/// group g (of `depth` operands) of tap t of row m starts at
///   rowBase(m) + tapOffset(t) + g * depth,
/// the weights' group being t * groupsPerTap + g; the gather kernel's
/// window w (of E operands) at rowBase(m) + tapOffset(t) + w * E for window
/// t * windowsPerTap + w. A matmul (or a copied im2col) has one tap and rows
/// `rowStride` apart; a convolution read in place has one tap per filter
/// position over its [N, Hp, Wp, C] input.
struct Activations {
  Value buffer;
  int64_t taps = 1, groupsPerTap = 0, windowsPerTap = 0;
  /// Rows `rowStride` apart, or 0: a convolution read in place, whose
  /// output is [OH, OW] per image over an input of [Hp, Wp, C].
  int64_t rowStride = 0;
  int64_t outH = 0, outW = 0, inH = 0, inW = 0, channels = 0;
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1, filterW = 1;
};

/// Builds the loops of one kernel at the builder's insertion point.
class KernelBuilder {
public:
  /// `groups` and `starts` (null: dense) are the sparse weights' tables,
  /// `indices` the gather kernel's, `subByte` the dense weights' table
  /// (PackedWeights).
  KernelBuilder(OpBuilder &b, Location loc, KernelShape shape,
                Activations activations, Value packed, Value correction,
                Value groups, Value starts, Value indices,
                const SubByteTable &subByte, Value tables, Value c, int64_t n,
                KernelStart start, const Epilogue *epilogue)
      : b(b), loc(loc), shape(shape), act(activations), packed(packed),
        correction(correction), groups(groups), starts(starts),
        indices(indices), subByte(subByte), tables(tables), c(c), n(n),
        start(start), epilogue(epilogue) {}

  /// All of C: blocks of NP full panels, the remaining full panels, then
  /// the partial panel, each over every row. Sparse: one panel at a time,
  /// each with its own kept tiles or gather steps.
  void build(Value m, std::optional<int64_t> staticM) {
    int64_t full = n / shape.lanes;
    if (starts) {
      if (full > 0)
        forLoop(index(0), index(full), 1,
                [&](Value panel) { allRows(m, staticM, panel, 1, false); });
      if (n % shape.lanes)
        allRows(m, staticM, index(full), 1, true);
      return;
    }
    // The buffer of expanded weights, where M may be large enough: of no
    // panel where a dynamic M turns out not to be.
    if (subByte.isPacked() && (!staticM || *staticM > shape.expandAboveRows)) {
      int64_t groupCount = cast<MemRefType>(packed.getType()).getDimSize(1);
      int64_t operandSize = shape.depth * shape.lanes;
      Type element = shape.elementType(b);
      auto alignment = b.getI64IntegerAttr(64);
      if (staticM) {
        expanded = memref::AllocOp::create(
            b, loc,
            MemRefType::get({shape.panels, groupCount, operandSize}, element),
            alignment);
      } else {
        Value many = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, m,
                                           index(shape.expandAboveRows));
        Value count = arith::SelectOp::create(b, loc, many, index(shape.panels),
                                              index(0));
        expanded = memref::AllocOp::create(
            b, loc,
            MemRefType::get({ShapedType::kDynamic, groupCount, operandSize},
                            element),
            ValueRange{count}, alignment);
      }
    }
    int64_t blocks = full / shape.panels;
    // Operands are built one statement at a time: the order of evaluation
    // of call arguments differs between compilers, the IR must not.
    if (blocks > 0) {
      Value first = index(0);
      Value end = index(blocks * shape.panels);
      forLoop(first, end, shape.panels, [&](Value panel) {
        denseRows(m, staticM, panel, shape.panels, false);
      });
    }
    if (int64_t rest = full % shape.panels)
      denseRows(m, staticM, index(blocks * shape.panels), rest, false);
    if (n % shape.lanes)
      denseRows(m, staticM, index(full), 1, true);
    if (expanded)
      memref::DeallocOp::create(b, loc, expanded);
  }

private:
  /// allRows for dense weights. Weights stored as indices are expanded in
  /// registers by each tile up to `expandAboveRows` rows; for more rows
  /// each weight vector is expanded once into `expanded` first, which every
  /// tile then reads as the bytes kernel does.
  void denseRows(Value m, std::optional<int64_t> staticM, Value panel,
                 int64_t panels, bool partial) {
    if (!expanded) {
      allRows(m, staticM, panel, panels, partial);
      return;
    }
    auto expandFirst = [&] {
      expandBlock(panel, panels);
      fromExpanded = true;
      allRows(m, staticM, panel, panels, partial);
      fromExpanded = false;
    };
    if (staticM) {
      expandFirst();
      return;
    }
    Value many = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, m,
                                       index(shape.expandAboveRows));
    auto branches = scf::IfOp::create(b, loc, many, /*withElseRegion=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(branches.thenBlock()->getTerminator());
    expandFirst();
    b.setInsertionPoint(branches.elseBlock()->getTerminator());
    allRows(m, staticM, panel, panels, partial);
  }

  /// The weight operands of `panels` panels from `panel`, expanded into
  /// `expanded`.
  void expandBlock(Value panel, int64_t panels) {
    auto operandType =
        VectorType::get({shape.depth * shape.lanes}, shape.elementType(b));
    Value groupCount = index(cast<MemRefType>(packed.getType()).getDimSize(1));
    for (int64_t q = 0; q < panels; ++q) {
      Value at = add(panel, q);
      forLoop(index(0), groupCount, 1, [&](Value g) {
        Value weights = expandIndices(b, loc, at, g, operandType);
        vector::StoreOp::create(b, loc, weights, expanded,
                                ValueRange{index(q), g, index(0)});
      });
    }
  }

  /// `panels` panels from `panel` over every row: tiles of MR rows, then
  /// the remaining rows (one tile when M is static, else one at a time).
  void allRows(Value m, std::optional<int64_t> staticM, Value panel,
               int64_t panels, bool partial) {
    int64_t mr = starts ? shape.sparseRows
                 : subByte.isPacked() && !fromExpanded
                     ? (subByte.shared ? shape.subByteRows : shape.tableRows)
                     : shape.rows;
    Value tileRows = index(mr);
    Value rest = arith::RemUIOp::create(b, loc, m, tileRows);
    Value fullRows = arith::SubIOp::create(b, loc, m, rest);
    forLoop(index(0), fullRows, mr,
            [&](Value row) { tile(row, mr, panel, panels, partial); });
    if (staticM) {
      if (int64_t rest = *staticM % mr)
        tile(fullRows, rest, panel, panels, partial);
      return;
    }
    // The last M mod MR rows as one tile of that many rows, so that the
    // weights pass once more, not once per row.
    SmallVector<int64_t> counts;
    for (int64_t rows = 1; rows < mr; ++rows)
      counts.push_back(rows);
    auto cases = scf::IndexSwitchOp::create(
        b, loc, TypeRange{}, arith::SubIOp::create(b, loc, m, fullRows), counts,
        counts.size());
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&cases.getDefaultRegion().emplaceBlock());
    scf::YieldOp::create(b, loc);
    for (auto [rows, region] : llvm::zip(counts, cases.getCaseRegions())) {
      b.setInsertionPointToStart(&region.emplaceBlock());
      tile(fullRows, rows, panel, panels, partial);
      scf::YieldOp::create(b, loc);
    }
  }

  /// C[row : row + rows, panel * L : (panel + panels) * L] += the tile's
  /// products. `partial`: the one panel runs past N (masked).
  void tile(Value row, int64_t rows, Value panel, int64_t panels,
            bool partial) {
    int64_t lanes = shape.lanes;
    auto accType = VectorType::get({lanes}, b.getI32Type());
    Type element = shape.elementType(b);
    auto operandType = VectorType::get({shape.depth * lanes}, element);
    Value zero = index(0);
    SmallVector<Value> rowAt, panelAt, columnAt;
    for (int64_t r = 0; r < rows; ++r)
      rowAt.push_back(add(row, r));
    for (int64_t q = 0; q < panels; ++q) {
      panelAt.push_back(add(panel, q));
      columnAt.push_back(
          arith::MulIOp::create(b, loc, panelAt[q], index(lanes)));
    }

    // The accumulators' start: C, or the bias and fill value, the same
    // for every row of a panel.
    SmallVector<Value> panelStart;
    for (int64_t q = 0; q < panels; ++q) {
      Value first;
      if (start.bias) {
        Value padding =
            arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
        first = vector::TransferReadOp::create(b, loc, accType, start.bias,
                                               ValueRange{columnAt[q]}, padding,
                                               ArrayRef<bool>{!partial});
      } else if (start.value) {
        first = vector::BroadcastOp::create(b, loc, accType, start.value);
      }
      if (first && correction) {
        Value offset = vector::LoadOp::create(b, loc, accType, correction,
                                              ValueRange{panelAt[q], zero});
        first = arith::AddIOp::create(b, loc, first, offset);
      }
      panelStart.push_back(first);
    }
    SmallVector<Value> accs;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t q = 0; q < panels; ++q) {
        if (panelStart[q]) {
          accs.push_back(panelStart[q]);
          continue;
        }
        Value first = vector::TransferReadOp::create(
            b, loc, accType, c, ValueRange{rowAt[r], columnAt[q]},
            arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0))
                .getResult(),
            ArrayRef<bool>{!partial});
        if (correction) {
          Value offset = vector::LoadOp::create(b, loc, accType, correction,
                                                ValueRange{panelAt[q], zero});
          first = arith::AddIOp::create(b, loc, first, offset);
        }
        accs.push_back(first);
      }

    // Each row's first operand, then the reduction: one loop over the
    // groups, or one per filter tap around one over its channel groups.
    SmallVector<Value> bases;
    for (int64_t r = 0; r < rows; ++r)
      bases.push_back(rowBase(rowAt[r]));
    auto reduce = [&](OpBuilder &nested, Location l, ValueRange weights,
                      Value offset, ValueRange iters) {
      SmallVector<Value> next;
      for (int64_t r = 0; r < rows; ++r) {
        // One reduction group of activations (32 bits), broadcast to
        // every lane.
        Value at = arith::AddIOp::create(nested, l, bases[r], offset);
        Value group = vector::LoadOp::create(
            nested, l, VectorType::get({shape.depth}, element), act.buffer,
            ValueRange{at});
        Value word = vector::ExtractOp::create(
            nested, l,
            vector::BitCastOp::create(
                nested, l, VectorType::get({1}, b.getI32Type()), group),
            ArrayRef<int64_t>{0});
        Value splat = vector::BitCastOp::create(
            nested, l, operandType,
            vector::BroadcastOp::create(nested, l, accType, word));
        for (int64_t q = 0; q < panels; ++q)
          next.push_back(
              multiplyAdd(nested, l, iters[r * panels + q], splat, weights[q]));
      }
      return next;
    };
    Value one = index(1);
    Value depth = index(shape.depth);
    // A filter row's taps read one contiguous run of C * KW operands when
    // the filter's columns are not dilated (C a multiple of D when read in
    // place): one loop over them all, the taps' groups being consecutive
    // in the packed weights too. There, two groups per iteration where
    // they pair up: the loop's own instructions and exit weighed (7% of
    // a 3x3 convolution over 64 channels, one-off runs).
    int64_t tapsPerRun = act.taps > 1 && act.dilationW == 1 ? act.filterW : 1;
    int64_t groupsPerRun = tapsPerRun * act.groupsPerTap;
    int64_t unroll = act.taps > 1 && groupsPerRun % 2 == 0 ? 2 : 1;
    auto overGroups = [&](OpBuilder &outer, Location l, Value firstGroup,
                          Value runOffset, ValueRange iters) {
      return scf::ForOp::create(
          outer, l, zero, index(groupsPerRun), index(unroll), iters,
          [&](OpBuilder &nested, Location il, Value gi, ValueRange inner) {
            SmallVector<Value> accsNow(inner);
            for (int64_t u = 0; u < unroll; ++u) {
              Value gu = arith::AddIOp::create(
                  nested, il, gi,
                  arith::ConstantIndexOp::create(nested, il, u));
              Value g = arith::AddIOp::create(nested, il, firstGroup, gu);
              Value within = arith::MulIOp::create(nested, il, gu, depth);
              Value offset =
                  arith::AddIOp::create(nested, il, runOffset, within);
              SmallVector<Value> weights;
              for (int64_t q = 0; q < panels; ++q)
                weights.push_back(
                    denseWeights(nested, il, panelAt[q], q, g, operandType));
              accsNow = reduce(nested, il, weights, offset, accsNow);
            }
            scf::YieldOp::create(nested, il, accsNow);
          });
    };
    scf::ForOp loop;
    auto tableEntry = [&](OpBuilder &at, Location l, Value table,
                          Value i) -> Value {
      Value entry = memref::LoadOp::create(at, l, table, ValueRange{i});
      return arith::IndexCastOp::create(at, l, at.getIndexType(), entry);
    };
    if (indices) {
      // The panel's gather steps, each picking every row's activations
      // from one window.
      Value first = tableEntry(b, loc, starts, panelAt[0]);
      Value last = tableEntry(b, loc, starts, add(panelAt[0], 1));
      auto picksType = VectorType::get({4 * lanes}, b.getI8Type());
      loop = scf::ForOp::create(
          b, loc, first, last, one, accs,
          [&](OpBuilder &nested, Location l, Value step, ValueRange iters) {
            Value window = tableEntry(nested, l, groups, step);
            Value offset = unitOffset(nested, l, window, shape.windowElements(),
                                      act.windowsPerTap);
            Value picks = vector::LoadOp::create(nested, l, picksType, indices,
                                                 ValueRange{step, zero});
            Value weights = vector::LoadOp::create(
                nested, l, operandType, packed, ValueRange{step, zero});
            // Rows a static stride apart are one address plus constants,
            // which the loads fold.
            Value first = arith::AddIOp::create(nested, l, bases[0], offset);
            SmallVector<Value> next;
            for (int64_t r = 0; r < rows; ++r) {
              Value at;
              if (act.rowStride) {
                Value down = arith::ConstantIndexOp::create(nested, l,
                                                            r * act.rowStride);
                at = arith::AddIOp::create(nested, l, first, down);
              } else {
                at = arith::AddIOp::create(nested, l, bases[r], offset);
              }
              Value operand = gathered(nested, l, at, picks, operandType);
              next.push_back(
                  multiplyAdd(nested, l, iters[r], operand, weights));
            }
            scf::YieldOp::create(nested, l, next);
          });
    } else if (starts) {
      // The panel's kept tiles, each at its group's activations.
      Value first = tableEntry(b, loc, starts, panelAt[0]);
      Value last = tableEntry(b, loc, starts, add(panelAt[0], 1));
      loop = scf::ForOp::create(
          b, loc, first, last, one, accs,
          [&](OpBuilder &nested, Location l, Value kept, ValueRange iters) {
            Value g = tableEntry(nested, l, groups, kept);
            Value offset =
                unitOffset(nested, l, g, shape.depth, act.groupsPerTap);
            Value weights = vector::LoadOp::create(
                nested, l, operandType, packed, ValueRange{kept, zero});
            scf::YieldOp::create(nested, l,
                                 reduce(nested, l, weights, offset, iters));
          });
    } else if (act.taps == 1) {
      loop = overGroups(b, loc, zero, zero, accs);
    } else {
      // Runs of `tapsPerRun` taps: filter rows, or single taps.
      Value runs = index(act.taps / tapsPerRun);
      loop = scf::ForOp::create(
          b, loc, zero, runs, one, accs,
          [&](OpBuilder &nested, Location l, Value run, ValueRange iters) {
            Value firstGroup = arith::MulIOp::create(
                nested, l, run,
                arith::ConstantIndexOp::create(nested, l, groupsPerRun));
            Value firstTap = arith::MulIOp::create(
                nested, l, run,
                arith::ConstantIndexOp::create(nested, l, tapsPerRun));
            auto inner = overGroups(nested, l, firstGroup,
                                    tapOffset(nested, firstTap), iters);
            scf::YieldOp::create(nested, l, inner.getResults());
          });
    }

    // Out of the registers: through the epilogue into its output, or
    // into C.
    SmallVector<DenseMap<unsigned, Value>> columnValues(panels);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t q = 0; q < panels; ++q) {
        Value result = loop.getResult(r * panels + q);
        Value dest = c;
        if (epilogue) {
          result = epilogue->apply(b, loc, result, rowAt[r], columnAt[q],
                                   partial, columnValues[q]);
          dest = epilogue->getOutput();
        }
        write(result, dest, rowAt[r], columnAt[q], partial);
      }
  }

  /// Writes `value` at (row, column) of `dest`, only its first N mod L
  /// lanes if `partial`.
  void write(Value value, Value dest, Value row, Value column, bool partial) {
    writeLanes(b, loc, value, dest, row, column,
               partial ? n % shape.lanes : shape.lanes);
  }

  /// The offset of row `row`'s first operand in the activations.
  Value rowBase(Value row) {
    if (act.rowStride)
      return arith::MulIOp::create(b, loc, row, index(act.rowStride));
    // Output pixel (n, oh, ow) reads from input pixel (n, oh * sh, ow * sw)
    // on.
    Value pixels = index(act.outH * act.outW);
    Value image = arith::DivUIOp::create(b, loc, row, pixels);
    Value inImage = arith::RemUIOp::create(b, loc, row, pixels);
    Value outW = index(act.outW);
    Value oh = arith::DivUIOp::create(b, loc, inImage, outW);
    Value ow = arith::RemUIOp::create(b, loc, inImage, outW);
    auto mulAdd = [&](Value x, int64_t a, Value y, int64_t c) -> Value {
      Value xa = arith::MulIOp::create(b, loc, x, index(a));
      Value yc = arith::MulIOp::create(b, loc, y, index(c));
      return arith::AddIOp::create(b, loc, xa, yc);
    };
    Value h = mulAdd(image, act.inH, oh, act.strideH);
    Value w = mulAdd(h, act.inW, ow, act.strideW);
    return arith::MulIOp::create(b, loc, w, index(act.channels));
  }

  /// The offset of filter tap `t` = (kh, kw) from a row's base:
  /// (kh * dh * Wp + kw * dw) * C.
  Value tapOffset(OpBuilder &nested, Value t) {
    auto constant = [&](int64_t v) {
      return arith::ConstantIndexOp::create(nested, loc, v);
    };
    Value kh = arith::DivUIOp::create(nested, loc, t, constant(act.filterW));
    Value kw = arith::RemUIOp::create(nested, loc, t, constant(act.filterW));
    Value rowsDown = arith::MulIOp::create(
        nested, loc, kh, constant(act.dilationH * act.inW * act.channels));
    Value across = arith::MulIOp::create(
        nested, loc, kw, constant(act.dilationW * act.channels));
    return arith::AddIOp::create(nested, loc, rowsDown, across);
  }

  /// The offset from a row's base of unit `u` (a reduction group of
  /// `size` = depth operands, or a gather window of E): its place in its
  /// tap of `perTap` units, plus the tap's offset.
  Value unitOffset(OpBuilder &nested, Location l, Value u, int64_t size,
                   int64_t perTap) {
    Value sizeValue = arith::ConstantIndexOp::create(nested, l, size);
    if (act.taps == 1)
      return arith::MulIOp::create(nested, l, u, sizeValue);
    Value perTapValue = arith::ConstantIndexOp::create(nested, l, perTap);
    Value t = arith::DivUIOp::create(nested, l, u, perTapValue);
    Value ui = arith::RemUIOp::create(nested, l, u, perTapValue);
    Value within = arith::MulIOp::create(nested, l, ui, sizeValue);
    return arith::AddIOp::create(nested, l, tapOffset(nested, t), within);
  }

  /// The dense weights of group `g` of `panel`, the `q`th of its block:
  /// loaded, expanded from their indices (SubByteTable), or loaded from
  /// where expandBlock put them.
  Value denseWeights(OpBuilder &nested, Location l, Value panel, int64_t q,
                     Value g, VectorType operandType) {
    Value zero = arith::ConstantIndexOp::create(nested, l, 0);
    if (fromExpanded)
      return vector::LoadOp::create(
          nested, l, operandType, expanded,
          ValueRange{arith::ConstantIndexOp::create(nested, l, q), g, zero});
    if (!subByte.isPacked())
      return vector::LoadOp::create(nested, l, operandType, packed,
                                    ValueRange{panel, g, zero});
    return expandIndices(nested, l, panel, g, operandType);
  }

  /// The operand of group `g` of `panel` expanded from its indices.
  Value expandIndices(OpBuilder &nested, Location l, Value panel, Value g,
                      VectorType operandType) {
    Value zero = arith::ConstantIndexOp::create(nested, l, 0);
    Type i8 = nested.getI8Type(), i32 = nested.getI32Type();
    int64_t values = operandType.getNumElements();
    int64_t copies = 8 / subByte.bits, tileBytes = values / copies;
    Value bytes =
        vector::LoadOp::create(nested, l, VectorType::get({tileBytes}, i8),
                               packed, ValueRange{panel, g, zero});
    SmallVector<int64_t> repeat;
    for (int64_t i = 0; i < values; ++i)
      repeat.push_back(i % tileBytes);
    Value repeated = vector::ShuffleOp::create(nested, l, bytes, bytes, repeat);
    // Copy c moves its field down: a shift of whole words, since each copy
    // is whole words and the mask drops what crosses a byte.
    auto wordsType = VectorType::get({values / 4}, i32);
    SmallVector<int32_t> shifts;
    for (int64_t w = 0; w < values / 4; ++w)
      shifts.push_back(
          static_cast<int32_t>(subByte.bits * (4 * w / tileBytes)));
    auto bytesType = VectorType::get({values}, i8);
    Value words = vector::BitCastOp::create(nested, l, wordsType, repeated);
    Value shifted = arith::ShRUIOp::create(
        nested, l, words,
        arith::ConstantOp::create(
            nested, l, DenseElementsAttr::get(wordsType, ArrayRef(shifts))));
    Value fields = arith::AndIOp::create(
        nested, l, vector::BitCastOp::create(nested, l, bytesType, shifted),
        arith::ConstantOp::create(
            nested, l,
            DenseElementsAttr::get(
                bytesType, nested.getI8IntegerAttr((1 << subByte.bits) - 1))));
    if (subByte.columnOffsets) {
      // Column j of a lane reads entries 4 j to 4 j + 3.
      SmallVector<int8_t> offsets;
      for (int64_t i = 0; i < values; ++i)
        offsets.push_back(static_cast<int8_t>(4 * (i % 16 / shape.depth)));
      fields = arith::OrIOp::create(
          nested, l, fields,
          arith::ConstantOp::create(
              nested, l, DenseElementsAttr::get(bytesType, ArrayRef(offsets))));
    }
    Value table;
    if (subByte.shared)
      table = arith::ConstantOp::create(
          nested, l,
          DenseElementsAttr::get(bytesType,
                                 ArrayRef(subByte.tables).take_front(values)));
    else
      table = vector::LoadOp::create(nested, l, bytesType, tables,
                                     ValueRange{panel, zero});
    StringRef lookup = values == 64   ? "llvm.x86.avx512.pshuf.b.512"
                       : values == 32 ? "llvm.x86.avx2.pshuf.b"
                                      : "llvm.x86.ssse3.pshuf.b.128";
    Value looked = LLVM::CallIntrinsicOp::create(nested, l, bytesType,
                                                 nested.getStringAttr(lookup),
                                                 ValueRange{table, fields})
                       .getResult(0);
    if (operandType.getElementType() == i8)
      return looked;
    return arith::ExtSIOp::create(nested, l, operandType, looked);
  }

  /// acc plus the instruction's products of operands `a` and weights `w`.
  Value multiplyAdd(OpBuilder &nested, Location l, Value acc, Value a,
                    Value w) {
    auto accType = VectorType::get({shape.lanes}, nested.getI32Type());
    StringAttr intrinsic = nested.getStringAttr(shape.intrinsic);
    if (shape.unsignedActivations)
      return LLVM::CallIntrinsicOp::create(nested, l, accType, intrinsic,
                                           ValueRange{acc, a, w})
          .getResult(0);
    Value products = LLVM::CallIntrinsicOp::create(nested, l, accType,
                                                   intrinsic, ValueRange{a, w})
                         .getResult(0);
    return arith::AddIOp::create(nested, l, acc, products);
  }

  /// The operand whose bytes are those of the window at `at` that `picks`
  /// names: the window's bytes (repeated into every 128-bit lane for
  /// vpshufb), shuffled.
  Value gathered(OpBuilder &nested, Location l, Value at, Value picks,
                 VectorType operandType) {
    Type i8 = nested.getI8Type();
    Value window = vector::LoadOp::create(
        nested, l,
        VectorType::get({shape.windowElements()}, shape.elementType(nested)),
        act.buffer, ValueRange{at});
    Value bytes = window;
    if (!shape.unsignedActivations)
      bytes = vector::BitCastOp::create(
          nested, l, VectorType::get({shape.windowBytes}, i8), window);
    int64_t operandBytes = 4 * shape.lanes;
    if (shape.windowBytes < operandBytes) {
      SmallVector<int64_t> repeat;
      for (int64_t i = 0; i < operandBytes; ++i)
        repeat.push_back(i % shape.windowBytes);
      bytes = vector::ShuffleOp::create(nested, l, bytes, bytes, repeat);
    }
    Value shuffled =
        LLVM::CallIntrinsicOp::create(
            nested, l, VectorType::get({operandBytes}, i8),
            nested.getStringAttr(shape.shuffle), ValueRange{bytes, picks})
            .getResult(0);
    if (shuffled.getType() == operandType)
      return shuffled;
    return vector::BitCastOp::create(nested, l, operandType, shuffled);
  }

  /// scf.for from `lb` to `ub` by `step` with `body` at the builder's
  /// insertion point inside it.
  void forLoop(Value lb, Value ub, int64_t step,
               function_ref<void(Value)> body) {
    auto loop = scf::ForOp::create(b, loc, lb, ub, index(step));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    body(loop.getInductionVar());
  }

  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value v, int64_t c) {
    return c == 0 ? v : arith::AddIOp::create(b, loc, v, index(c)).getResult();
  }

  OpBuilder &b;
  Location loc;
  KernelShape shape;
  Activations act;
  Value packed, correction, groups, starts, indices;
  const SubByteTable &subByte;
  Value tables, c;
  /// Dense weights stored as indices, expanded per block of panels
  /// (denseRows), and whether the tiles being built read them.
  Value expanded;
  bool fromExpanded = false;
  int64_t n;
  KernelStart start;
  const Epilogue *epilogue;
};

} // namespace

/// What one kept tile costs in dense tiles: the kept tiles kernel pays
/// from 60% of the tiles kept down, measured by `make bench`
/// (docs/Performance.md).
static constexpr double kKeptTileCost = 1 / 0.6;

static KernelShape kernelShapeFor(Int8ISA isa) {
  if (isa == Int8ISA::AVX512VBMI || isa == Int8ISA::AVX512VNNI) {
    // 24 accumulators + 4 weight vectors + 1 broadcast of 32 zmm.
    KernelShape zmm{/*lanes=*/16,
                    /*rows=*/6,
                    /*panels=*/4,
                    /*depth=*/4,
                    /*unsignedActivations=*/true,
                    "llvm.x86.avx512.vpdpbusd.512",
                    /*sparseRows=*/12,
                    /*subByteRows=*/6,
                    /*tableRows=*/4,
                    /*expandAboveRows=*/64,
                    /*subByteTileCost=*/0.6,
                    /*windowBytes=*/16,
                    "llvm.x86.avx512.pshuf.b.512",
                    /*gatherStepCost=*/2.4};
    if (isa == Int8ISA::AVX512VBMI) {
      zmm.windowBytes = 64;
      zmm.shuffle = "llvm.x86.avx512.permvar.qi.512";
      zmm.gatherStepCost = 2.2;
    }
    return zmm;
  }
  // 12 accumulators + 2 weight vectors + 1 broadcast of 16 ymm.
  if (isa == Int8ISA::AVXVNNI)
    return {/*lanes=*/8,
            /*rows=*/6,
            /*panels=*/2,
            /*depth=*/4,
            /*unsignedActivations=*/true,
            "llvm.x86.avx512.vpdpbusd.256",
            /*sparseRows=*/12,
            /*subByteRows=*/4,
            /*tableRows=*/4,
            /*expandAboveRows=*/8,
            /*subByteTileCost=*/1.0,
            /*windowBytes=*/16,
            "llvm.x86.avx2.pshuf.b",
            /*gatherStepCost=*/1.8};
  // 8 accumulators + 2 weight vectors + 1 broadcast + 2 products of 16 ymm.
  return {/*lanes=*/8,
          /*rows=*/4,
          /*panels=*/2,
          /*depth=*/2,
          /*unsignedActivations=*/false,
          "llvm.x86.avx2.pmadd.wd",
          /*sparseRows=*/8,
          /*subByteRows=*/3,
          /*tableRows=*/3,
          /*expandAboveRows=*/6,
          /*subByteTileCost=*/1.0,
          /*windowBytes=*/16,
          "llvm.x86.avx2.pshuf.b",
          /*gatherStepCost=*/1.5};
}

/// The constant initial value of the global `value` is read from, if any.
static std::pair<memref::GlobalOp, DenseIntElementsAttr>
constantGlobal(Value value, SymbolTable &symbols) {
  auto get = value.getDefiningOp<memref::GetGlobalOp>();
  if (!get)
    return {};
  auto global = symbols.lookup<memref::GlobalOp>(get.getName());
  if (!global || !global.getConstant())
    return {};
  return {global, dyn_cast_or_null<DenseIntElementsAttr>(
                      global.getConstantInitValue())};
}

namespace {
/// The [K, N] weights in the kernel's layout, Wp[p][g][depth * j + t] =
/// W[depth * g + t][p * L + j] (0 past K and N), with the vpdpbusd
/// correction -128 * colsum(W) per column.
struct PackedValues {
  int64_t panels, groups, tileSize;
  SmallVector<int64_t> packed;
  SmallVector<int32_t> correction;

  ArrayRef<int64_t> tile(int64_t panel, int64_t group) const {
    return ArrayRef<int64_t>(packed).slice((panel * groups + group) * tileSize,
                                           tileSize);
  }
  bool isKept(int64_t panel, int64_t group) const {
    return llvm::any_of(tile(panel, group), [](int64_t w) { return w != 0; });
  }
  int64_t keptTiles() const {
    int64_t kept = 0;
    for (int64_t p = 0; p < panels; ++p)
      for (int64_t g = 0; g < groups; ++g)
        kept += isKept(p, g);
    return kept;
  }
};
} // namespace

static PackedValues packValues(DenseIntElementsAttr weights,
                               const KernelShape &shape) {
  // Row-major [..., N] values are the [K, N] matrix of the reduction.
  auto type = cast<ShapedType>(weights.getType());
  int64_t n = type.getShape().back(), k = type.getNumElements() / n;
  int64_t lanes = shape.lanes, depth = shape.depth;
  PackedValues result;
  result.groups = (k + depth - 1) / depth;
  result.panels = (n + lanes - 1) / lanes;
  result.tileSize = depth * lanes;
  result.packed.assign(result.panels * result.groups * result.tileSize, 0);
  result.correction.assign(result.panels * lanes, 0);
  int64_t at = 0;
  for (const APInt &value : weights.getValues<APInt>()) {
    int64_t kk = at / n, col = at % n, w = value.getSExtValue();
    ++at;
    int64_t panel = col / lanes, j = col % lanes;
    result.packed[((panel * result.groups + kk / depth) * lanes + j) * depth +
                  kk % depth] = w;
    // Modulo 2^32, like the accumulation it corrects.
    int32_t &sum = result.correction[panel * lanes + j];
    sum = static_cast<int32_t>(static_cast<uint32_t>(sum) -
                               static_cast<uint32_t>(128 * w));
  }
  return result;
}

/// The narrowest indices `weights` fit (SubByteTable), if any.
static SubByteTable subByteTable(DenseIntElementsAttr weights,
                                 const KernelShape &shape) {
  auto type = cast<ShapedType>(weights.getType());
  int64_t n = type.getShape().back();
  int64_t operandBytes = shape.depth * shape.lanes;
  int64_t perLane = 16 / shape.depth;
  int64_t panels = (n + shape.lanes - 1) / shape.lanes;
  int64_t columns = panels * shape.lanes;
  std::vector<std::bitset<256>> seen(columns);
  int64_t at = 0;
  for (const APInt &value : weights.getValues<APInt>())
    seen[at++ % n].set(static_cast<uint8_t>(value.getSExtValue()));
  std::bitset<256> all;
  size_t widestLane = 0, widestColumn = 0;
  for (int64_t first = 0; first < columns; first += perLane) {
    std::bitset<256> lane;
    for (int64_t col = first; col < first + perLane; ++col) {
      lane |= seen[col];
      widestColumn = std::max(widestColumn, seen[col].count());
    }
    widestLane = std::max(widestLane, lane.count());
    all |= lane;
  }
  // The form that stores the fewest bytes: the weights' and the tables'
  // (none where one table serves all).
  int64_t groups = (type.getNumElements() / n + shape.depth - 1) / shape.depth;
  int64_t tiles = panels * groups;
  auto stored = [&](int64_t bits, bool shared) {
    return tiles * operandBytes * bits / 8 +
           (shared ? 0 : panels * operandBytes);
  };
  SubByteTable table;
  int64_t best = tiles * operandBytes * (shape.unsignedActivations ? 1 : 2);
  auto consider = [&](int64_t bits, bool offsets, bool fits, bool shared) {
    if (fits && stored(bits, shared) < best) {
      best = stored(bits, shared);
      table.bits = bits;
      table.columnOffsets = offsets;
    }
  };
  consider(4, false, widestLane <= 16, all.count() <= 16);
  consider(2, true, perLane == 4 && widestColumn <= 4, false);
  consider(2, false, widestLane <= 4, all.count() <= 4);
  if (!table.isPacked())
    return {};
  auto sorted = [](const std::bitset<256> &set) {
    SmallVector<int8_t> values;
    for (int v = -128; v < 128; ++v)
      if (set[static_cast<uint8_t>(v)])
        values.push_back(static_cast<int8_t>(v));
    return values;
  };
  // One table for all where the values of all lanes fit it.
  bool global = !table.columnOffsets &&
                all.count() <= (static_cast<size_t>(1) << table.bits);
  table.widest = static_cast<int64_t>(global                ? all.count()
                                      : table.columnOffsets ? widestColumn
                                                            : widestLane);
  table.tables.assign(panels * operandBytes, 0);
  table.indexOf.assign(columns, {});
  for (int64_t first = 0; first < columns; first += perLane) {
    int8_t *entries = &table.tables[first / perLane * 16];
    auto fill = [&](const std::bitset<256> &set, int64_t offset, int64_t from,
                    int64_t to) {
      SmallVector<int8_t> values = sorted(set);
      for (auto [i, v] : llvm::enumerate(values)) {
        entries[offset + i] = v;
        for (int64_t col = from; col < to; ++col)
          table.indexOf[col][static_cast<uint8_t>(v)] = static_cast<uint8_t>(i);
      }
    };
    if (table.columnOffsets) {
      for (int64_t j = 0; j < perLane; ++j)
        fill(seen[first + j], 4 * j, first + j, first + j + 1);
    } else {
      std::bitset<256> lane = all;
      if (!global) {
        lane.reset();
        for (int64_t col = first; col < first + perLane; ++col)
          lane |= seen[col];
      }
      fill(lane, 0, first, first + perLane);
    }
  }
  table.shared = true;
  for (int64_t i = 16; i < static_cast<int64_t>(table.tables.size()); ++i)
    table.shared &= table.tables[i] == table.tables[i % 16];
  return table;
}

/// The dense tiles of `values` as `table`'s indices (SubByteTable). The
/// zeros past K and N take whatever index 0 names: they multiply zero
/// activations or fill columns nobody reads.
static SmallVector<int8_t> packIndices(const PackedValues &values,
                                       const SubByteTable &table,
                                       const KernelShape &shape) {
  int64_t tileBytes = values.tileSize * table.bits / 8;
  SmallVector<int8_t> bytes(values.packed.size() * table.bits / 8, 0);
  for (auto [i, w] : llvm::enumerate(values.packed)) {
    int64_t tile = i / values.tileSize, within = i % values.tileSize;
    int64_t panel = tile / values.groups;
    int64_t column = panel * shape.lanes + within / shape.depth;
    uint8_t index = table.indexOf[column][static_cast<uint8_t>(w)];
    int64_t shift = table.bits * (within / tileBytes);
    int8_t &byte = bytes[tile * tileBytes + within % tileBytes];
    byte = static_cast<int8_t>(byte | (index << shift));
  }
  return bytes;
}

namespace {
/// The nonzeros of each column of [K, N] weights, as the gather kernel
/// reads them. The reduction splits into windows of E activations, tap by
/// tap: k = t * C + c (C the reduction steps per tap, K for a matmul) lies
/// in window t * ceil(C / E) + c / E at position c mod E. Step s of a panel
/// adds, in each lane j, `depth` nonzeros of column pL + j that lie in the
/// step's window: operands[s][depth * j + i] = w, and the bytes of that
/// operand's activation in the window are picks[s][..] (0 and a zero weight
/// where the lane has fewer nonzeros than the step's others).
struct GatherValues {
  SmallVector<int64_t> operands;
  SmallVector<int8_t> picks;
  SmallVector<int32_t> windows, starts = {0};
  int64_t nonzeros = 0;

  int64_t steps() const { return windows.size(); }
};
} // namespace

static GatherValues gatherValues(DenseIntElementsAttr weights,
                                 const KernelShape &shape,
                                 int64_t perTapSteps) {
  auto type = cast<ShapedType>(weights.getType());
  int64_t n = type.getShape().back();
  int64_t lanes = shape.lanes, depth = shape.depth;
  int64_t size = shape.windowElements();
  int64_t bytes = shape.unsignedActivations ? 1 : 2;
  int64_t perTap = (perTapSteps + size - 1) / size;
  // Each column's nonzeros as (window, position, value), by k.
  struct Entry {
    int64_t window, position, value;
  };
  SmallVector<SmallVector<Entry>> columns(n);
  int64_t at = 0;
  for (const APInt &value : weights.getValues<APInt>()) {
    int64_t kk = at / n, col = at % n, w = value.getSExtValue();
    ++at;
    if (w == 0)
      continue;
    int64_t tap = kk / perTapSteps, c = kk % perTapSteps;
    columns[col].push_back({tap * perTap + c / size, c % size, w});
  }
  GatherValues result;
  int64_t panels = (n + lanes - 1) / lanes;
  for (int64_t p = 0; p < panels; ++p) {
    // Walk the panel's columns window by window.
    SmallVector<size_t> next(lanes, 0);
    while (true) {
      int64_t window = std::numeric_limits<int64_t>::max();
      for (int64_t j = 0; j < lanes && p * lanes + j < n; ++j)
        if (next[j] < columns[p * lanes + j].size())
          window = std::min(window, columns[p * lanes + j][next[j]].window);
      if (window == std::numeric_limits<int64_t>::max())
        break;
      SmallVector<SmallVector<Entry>> inWindow(lanes);
      int64_t most = 0;
      for (int64_t j = 0; j < lanes && p * lanes + j < n; ++j) {
        auto &column = columns[p * lanes + j];
        while (next[j] < column.size() && column[next[j]].window == window)
          inWindow[j].push_back(column[next[j]++]);
        most = std::max<int64_t>(most, inWindow[j].size());
        result.nonzeros += inWindow[j].size();
      }
      for (int64_t step = 0; step < (most + depth - 1) / depth; ++step) {
        result.windows.push_back(static_cast<int32_t>(window));
        for (int64_t j = 0; j < lanes; ++j)
          for (int64_t i = 0; i < depth; ++i) {
            size_t e = step * depth + i;
            bool real = e < inWindow[j].size();
            result.operands.push_back(real ? inWindow[j][e].value : 0);
            int64_t position = real ? inWindow[j][e].position : 0;
            for (int64_t byte = 0; byte < bytes; ++byte)
              result.picks.push_back(
                  static_cast<int8_t>(position * bytes + byte));
          }
      }
    }
    result.starts.push_back(static_cast<int32_t>(result.windows.size()));
  }
  return result;
}

namespace {
/// How a layer's weights are stored: which kernel runs them.
enum class WeightStorage { Dense, Tiles, Gather };
} // namespace

/// `values` as new constant globals named after `global` (PackedWeights):
/// every tile, only the kept ones and their tables, or `gather`'s steps.
static PackedWeights
emitPacked(OpBuilder &b, SymbolTable &symbols, memref::GlobalOp global,
           const PackedValues &values, const GatherValues &gather,
           const SubByteTable &subByte, const KernelShape &shape,
           WeightStorage storage) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(global);
  auto makeGlobal = [&](StringRef suffix, DenseElementsAttr value) {
    auto tensorType = cast<RankedTensorType>(value.getType());
    auto made = memref::GlobalOp::create(
        b, global.getLoc(), (global.getSymName() + suffix).str(),
        b.getStringAttr("private"),
        MemRefType::get(tensorType.getShape(), tensorType.getElementType()),
        value, /*constant=*/true, b.getI64IntegerAttr(64));
    symbols.insert(made);
    return made;
  };
  auto i32Table = [&](StringRef suffix, ArrayRef<int32_t> table) {
    auto type = RankedTensorType::get({static_cast<int64_t>(table.size())},
                                      b.getI32Type());
    return makeGlobal(suffix, DenseElementsAttr::get(type, table));
  };
  Type element = shape.elementType(b);
  unsigned bits = element.getIntOrFloatBitWidth();
  SmallVector<APInt> tiles;
  PackedWeights result;
  if (storage == WeightStorage::Gather) {
    for (int64_t w : gather.operands)
      tiles.push_back(APInt(bits, w, /*isSigned=*/true));
    SmallVector<int32_t> windows(gather.windows);
    SmallVector<int8_t> picks(gather.picks);
    // No nonzero at all: one unread step, as globals cannot be empty.
    if (windows.empty()) {
      tiles.assign(values.tileSize, APInt(bits, 0));
      picks.assign(4 * shape.lanes, 0);
      windows.push_back(0);
    }
    int64_t steps = windows.size();
    result.groups = i32Table("_windows", windows);
    result.starts = i32Table("_starts", gather.starts);
    result.indices = makeGlobal(
        "_picks",
        DenseElementsAttr::get(
            RankedTensorType::get({steps, 4 * shape.lanes}, b.getI8Type()),
            ArrayRef<int8_t>(picks)));
    result.weights = makeGlobal(
        "_gather",
        DenseElementsAttr::get(
            RankedTensorType::get({steps, values.tileSize}, element), tiles));
  } else if (storage == WeightStorage::Tiles) {
    SmallVector<int32_t> groups, starts = {0};
    for (int64_t p = 0; p < values.panels; ++p) {
      for (int64_t g = 0; g < values.groups; ++g) {
        if (!values.isKept(p, g))
          continue;
        for (int64_t w : values.tile(p, g))
          tiles.push_back(APInt(bits, w, /*isSigned=*/true));
        groups.push_back(static_cast<int32_t>(g));
      }
      starts.push_back(static_cast<int32_t>(groups.size()));
    }
    // No kept tile at all: one unread tile, as globals cannot be empty.
    if (groups.empty()) {
      tiles.assign(values.tileSize, APInt(bits, 0));
      groups.push_back(0);
    }
    result.groups = i32Table("_groups", groups);
    result.starts = i32Table("_starts", starts);
    result.weights = makeGlobal(
        "_sparse",
        DenseElementsAttr::get(
            RankedTensorType::get(
                {static_cast<int64_t>(tiles.size()) / values.tileSize,
                 values.tileSize},
                element),
            tiles));
  } else if (subByte.isPacked()) {
    SmallVector<int8_t> bytes = packIndices(values, subByte, shape);
    result.weights = makeGlobal(
        "_packed",
        DenseElementsAttr::get(
            RankedTensorType::get({values.panels, values.groups,
                                   values.tileSize * subByte.bits / 8},
                                  b.getI8Type()),
            ArrayRef<int8_t>(bytes)));
    if (!subByte.shared)
      result.tables = makeGlobal(
          "_tables", DenseElementsAttr::get(
                         RankedTensorType::get({values.panels, values.tileSize},
                                               b.getI8Type()),
                         ArrayRef<int8_t>(subByte.tables)));
  } else {
    for (int64_t w : values.packed)
      tiles.push_back(APInt(bits, w, /*isSigned=*/true));
    result.weights = makeGlobal(
        "_packed",
        DenseElementsAttr::get(
            RankedTensorType::get(
                {values.panels, values.groups, values.tileSize}, element),
            tiles));
  }
  if (!shape.unsignedActivations)
    return result;
  result.correction = makeGlobal(
      "_colsum",
      DenseElementsAttr::get(
          RankedTensorType::get({values.panels, shape.lanes}, b.getI32Type()),
          ArrayRef<int32_t>(values.correction)));
  return result;
}

/// `chunk` activation bytes of `source` at `indices`, as the kernel's
/// operands: sign bits flipped (u8 for vpdpbusd) or sign-extended to i16
/// (vpmaddwd). Reads past the source's bounds give 0 either way, or, if
/// set, `past` converted.
static Value readOperands(OpBuilder &b, Location loc, const KernelShape &shape,
                          Value source, ValueRange indices, int64_t chunk,
                          bool inBounds,
                          std::optional<int64_t> past = std::nullopt) {
  auto bytesType = VectorType::get({chunk}, b.getI8Type());
  int64_t zero = shape.unsignedActivations ? -128 : 0;
  Value padding = arith::ConstantOp::create(
      b, loc, b.getI8IntegerAttr(past.value_or(zero)));
  Value bytes = vector::TransferReadOp::create(
      b, loc, bytesType, source, indices, padding, ArrayRef<bool>{inBounds});
  if (!shape.unsignedActivations)
    return arith::ExtSIOp::create(
        b, loc, VectorType::get({chunk}, b.getI16Type()), bytes);
  Value signBits = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(bytesType, b.getI8IntegerAttr(-128)));
  return arith::XOrIOp::create(b, loc, bytes, signBits);
}

/// A new [M, depth * G] buffer for the kernel's activations.
static Value allocateOperands(OpBuilder &b, Location loc,
                              const KernelShape &shape, Value m,
                              int64_t groups) {
  auto type = MemRefType::get({ShapedType::kDynamic, shape.depth * groups},
                              shape.elementType(b));
  return memref::AllocOp::create(b, loc, type, ValueRange{m},
                                 b.getI64IntegerAttr(64));
}

/// The matmul's activations A [M, K] as the kernel's operands (readOperands)
/// in a new [M, depth * G] buffer whose columns past K are 0.
static Value copyActivations(OpBuilder &b, Location loc,
                             const KernelShape &shape, Value a, Value m,
                             int64_t k, int64_t groups) {
  Value au = allocateOperands(b, loc, shape, m, groups);
  constexpr int64_t chunk = 64;
  int64_t width = shape.depth * groups;
  auto c0 = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  auto rows = scf::ForOp::create(b, loc, c0, m, one);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(rows.getBody()->getTerminator());
  Value end = arith::ConstantIndexOp::create(b, loc, width);
  Value step = arith::ConstantIndexOp::create(b, loc, chunk);
  auto columns = scf::ForOp::create(b, loc, c0, end, step);
  b.setInsertionPoint(columns.getBody()->getTerminator());
  SmallVector<Value> at = {rows.getInductionVar(), columns.getInductionVar()};
  Value operands = readOperands(b, loc, shape, a, at, chunk, k % chunk == 0);
  vector::TransferWriteOp::create(b, loc, operands, au, at,
                                  ArrayRef<bool>{width % chunk == 0});
  return au;
}

/// The convolution's activations as the kernel's operands: row m = (n, oh,
/// ow) of the output holds, for each filter tap (kh, kw) in order, the C
/// input channels at (oh * sh + kh * dh, ow * sw + kw * dw) of the (already
/// padded) NHWC `input`; columns past K = KH * KW * C are 0.
static Value copyConvActivations(OpBuilder &b, Location loc,
                                 const KernelShape &shape,
                                 linalg::Conv2DNhwcHwcfOp conv, Value m,
                                 int64_t groups) {
  Value input = conv.getDpsInputs()[0];
  auto inType = cast<MemRefType>(input.getType());
  auto filterType = cast<MemRefType>(conv.getDpsInputs()[1].getType());
  auto outType = cast<MemRefType>(conv.getDpsInits()[0].getType());
  int64_t kh = filterType.getDimSize(0), kw = filterType.getDimSize(1);
  int64_t channels = inType.getDimSize(3);
  int64_t k = kh * kw * channels;
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());

  Value au = allocateOperands(b, loc, shape, m, groups);
  // Chunks of up to 64 channels; a partial one reads past C (0 once
  // converted) and spills zeros into the next tap's columns, which that
  // tap then overwrites.
  int64_t chunk = std::min<int64_t>(64, llvm::PowerOf2Ceil(channels));
  bool exact = channels % chunk == 0;
  auto index = [&](int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v).getResult();
  };
  OpBuilder::InsertionGuard guard(b);
  auto loop = [&](Value lb, Value ub, int64_t step) {
    Value stepValue = index(step);
    auto op = scf::ForOp::create(b, loc, lb, ub, stepValue);
    b.setInsertionPoint(op.getBody()->getTerminator());
    return op.getInductionVar();
  };
  Value zero = index(0);
  Value batches = memref::DimOp::create(b, loc, input, 0);
  Value batch = loop(zero, batches, 1);
  Value ohEnd = index(outType.getDimSize(1));
  Value oh = loop(zero, ohEnd, 1);
  Value owEnd = index(outType.getDimSize(2));
  Value ow = loop(zero, owEnd, 1);
  // x * c + y.
  auto mulAdd = [&](Value x, int64_t c, Value y) -> Value {
    Value factor = index(c);
    Value product = arith::MulIOp::create(b, loc, x, factor);
    return arith::AddIOp::create(b, loc, product, y);
  };
  Value row = mulAdd(mulAdd(batch, outType.getDimSize(1), oh),
                     outType.getDimSize(2), ow);
  if (k % shape.depth) {
    auto groupType = VectorType::get({shape.depth}, shape.elementType(b));
    Value zeros = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(groupType,
                               b.getIntegerAttr(shape.elementType(b), 0)));
    Value lastGroup = index(shape.depth * (groups - 1));
    vector::TransferWriteOp::create(
        b, loc, zeros, au, ValueRange{row, lastGroup}, ArrayRef<bool>{true});
  }
  Value tapHEnd = index(kh);
  Value tapH = loop(zero, tapHEnd, 1);
  Value tapWEnd = index(kw);
  Value tapW = loop(zero, tapWEnd, 1);
  Value channelsEnd = index(channels);
  Value c0 = loop(zero, channelsEnd, chunk);
  Value h = mulAdd(tapH, dilations[0], mulAdd(oh, strides[0], zero));
  Value w = mulAdd(tapW, dilations[1], mulAdd(ow, strides[1], zero));
  Value operands = readOperands(b, loc, shape, input,
                                ValueRange{batch, h, w, c0}, chunk, exact);
  Value column = mulAdd(mulAdd(tapH, kw, tapW), channels, c0);
  vector::TransferWriteOp::create(b, loc, operands, au, ValueRange{row, column},
                                  ArrayRef<bool>{exact});
  return au;
}

/// Activations copied one row per output row ([M, depth * groups]), read
/// through a 1-D view.
static Activations rowActivations(OpBuilder &b, Location loc, Value rows,
                                  int64_t groups) {
  auto type = cast<MemRefType>(rows.getType());
  Activations act;
  act.buffer = memref::CollapseShapeOp::create(
      b, loc, rows, SmallVector<ReassociationIndices>{{0, 1}});
  act.groupsPerTap = groups;
  act.rowStride = type.getDimSize(1);
  return act;
}

/// Whether `op` and the ops in it read and write no buffer's contents:
/// pure ops, allocations, sizes (memref.dim) and run-time checks
/// (cf.assert on sizes), which may run before or after a kernel.
static bool touchesNoBuffer(Operation *op) {
  WalkResult result = op->walk([](Operation *nested) {
    if (isMemoryEffectFree(nested) ||
        isa<memref::DimOp, cf::AssertOp, scf::YieldOp>(nested))
      return WalkResult::advance();
    auto effects = dyn_cast<MemoryEffectOpInterface>(nested);
    if (effects && effects.onlyHasEffect<MemoryEffects::Allocate>())
      return WalkResult::advance();
    // Regions are walked: scf.if itself has no effects of its own.
    if (nested->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
      return WalkResult::advance();
    return WalkResult::interrupt();
  });
  return !result.wasInterrupted();
}

/// A padded convolution input as bufferization leaves it: a buffer of its
/// own filled with one value (linalg.map), the unpadded source copied into
/// its interior (linalg.copy into a subview).
struct PaddedInput {
  linalg::MapOp fill;
  memref::SubViewOp interior;
  linalg::CopyOp copy;
  /// What is copied in.
  Value source;
  /// The padding, an i8 value.
  int64_t value = 0;
  int64_t top = 0, left = 0;
};

/// `input` of `conv` as a PaddedInput, if the kernel can write its
/// converted form directly: nothing else reads the buffer, and what runs
/// between the copy and `conv` writes only buffers of its own.
static std::optional<PaddedInput> findPaddedInput(Value input,
                                                  Operation *conv) {
  if (!input.getDefiningOp<memref::AllocOp>())
    return std::nullopt;
  PaddedInput padded;
  for (Operation *user : input.getUsers()) {
    if (auto map = dyn_cast<linalg::MapOp>(user); map && !padded.fill)
      padded.fill = map;
    else if (auto view = dyn_cast<memref::SubViewOp>(user);
             view && !padded.interior)
      padded.interior = view;
    else if (user != conv && !isa<memref::DeallocOp, memref::DimOp>(user))
      return std::nullopt;
  }
  if (!padded.fill || !padded.interior || !padded.interior->hasOneUse() ||
      !padded.fill.getInputs().empty())
    return std::nullopt;
  padded.copy = dyn_cast<linalg::CopyOp>(*padded.interior->user_begin());
  IntegerAttr fillValue;
  if (!padded.copy || padded.copy.getOutputs()[0] != padded.interior ||
      !matchPattern(padded.fill.getBody()->getTerminator()->getOperand(0),
                    m_Constant(&fillValue)))
    return std::nullopt;
  padded.value = fillValue.getValue().getSExtValue();
  for (Operation *op : {padded.fill.getOperation(), padded.copy.getOperation()})
    if (op->getBlock() != conv->getBlock() || !op->isBeforeInBlock(conv))
      return std::nullopt;
  if (!padded.fill->isBeforeInBlock(padded.copy))
    return std::nullopt;
  // The interior: offsets [0, top, left, 0], unit strides, the source's
  // sizes, every image (the batch is not padded); the source's rows of
  // W x C contiguous.
  ArrayRef<int64_t> offsets = padded.interior.getStaticOffsets();
  Value source = padded.source = padded.copy.getInputs()[0];
  auto sourceType = dyn_cast<MemRefType>(source.getType());
  auto paddedAlloc = input.getDefiningOp<memref::AllocOp>();
  if (!sourceType || sourceType.getRank() != 4 || offsets.size() != 4 ||
      !isEqualConstantIntOrValue(padded.interior.getMixedSizes()[0],
                                 paddedAlloc.getMixedSizes()[0]) ||
      offsets[0] != 0 || offsets[3] != 0 || ShapedType::isDynamic(offsets[1]) ||
      ShapedType::isDynamic(offsets[2]) ||
      !llvm::all_of(padded.interior.getStaticStrides(),
                    [](int64_t v) { return v == 1; }) ||
      llvm::any_of(sourceType.getShape().drop_front(), ShapedType::isDynamic) ||
      sourceType.getDimSize(3) !=
          cast<MemRefType>(input.getType()).getDimSize(3) ||
      !memref::CollapseShapeOp::isGuaranteedCollapsible(sourceType,
                                                        {{0}, {1}, {2, 3}}))
    return std::nullopt;
  padded.top = offsets[1];
  padded.left = offsets[2];
  // Between the copy and the convolution, writes to other buffers only:
  // the source must be a buffer whose aliases can be told.
  Value sourceRoot = rootBuffer(source);
  if (!sourceRoot.getDefiningOp<memref::AllocOp>() &&
      !isa<BlockArgument>(sourceRoot))
    return std::nullopt;
  for (Operation *op = padded.copy->getNextNode(); op && op != conv;
       op = op->getNextNode()) {
    if (touchesNoBuffer(op))
      continue;
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    if (!linalgOp)
      return std::nullopt;
    for (Value init : linalgOp.getDpsInits()) {
      Value root = rootBuffer(init);
      if (root == sourceRoot || !root.getDefiningOp<memref::AllocOp>())
        return std::nullopt;
    }
  }
  return padded;
}

/// Converts the padded input of a convolution straight into `converted`
/// (1-D, the padded size): the padding value everywhere, then each source
/// row of W x C values at its place. A chunk that runs past a row's end
/// writes the padding value there, which the next row then overwrites.
static void convertPaddedInput(OpBuilder &b, Location loc,
                               const KernelShape &shape,
                               const PaddedInput &padded, Value converted,
                               Value total, MemRefType paddedType) {
  constexpr int64_t chunk = 64;
  auto index = [&](int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v).getResult();
  };
  Value zero = index(0);
  Value one = index(1);
  Type element = shape.elementType(b);
  // The padding value as the kernel's operand: sign bit flipped (u8) or
  // sign-extended (i16).
  int64_t fill = padded.value;
  if (shape.unsignedActivations)
    fill = fill < 0 ? fill + 128 : fill - 128;
  Value fillVector = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(VectorType::get({chunk}, element),
                             b.getIntegerAttr(element, fill)));
  OpBuilder::InsertionGuard guard(b);
  Block *after = b.getInsertionBlock();
  Block::iterator point = b.getInsertionPoint();
  auto fillLoop = scf::ForOp::create(b, loc, zero, total, index(chunk));
  b.setInsertionPoint(fillLoop.getBody()->getTerminator());
  Value at = fillLoop.getInductionVar();
  vector::TransferWriteOp::create(b, loc, fillVector, converted, ValueRange{at},
                                  ArrayRef<bool>{false});
  b.setInsertionPoint(after, point);

  Value source = padded.source;
  auto sourceType = cast<MemRefType>(source.getType());
  Value rows = memref::CollapseShapeOp::create(
      b, loc, source, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
  int64_t height = sourceType.getDimSize(1);
  int64_t width = sourceType.getDimSize(2) * sourceType.getDimSize(3);
  int64_t paddedH = paddedType.getDimSize(1);
  int64_t paddedRow = paddedType.getDimSize(2) * paddedType.getDimSize(3);
  Value images = memref::DimOp::create(b, loc, source, 0);
  auto imageLoop = scf::ForOp::create(b, loc, zero, images, one);
  b.setInsertionPoint(imageLoop.getBody()->getTerminator());
  Value heightEnd = index(height);
  auto rowLoop = scf::ForOp::create(b, loc, zero, heightEnd, one);
  b.setInsertionPoint(rowLoop.getBody()->getTerminator());
  Value widthEnd = index(width);
  auto chunkLoop = scf::ForOp::create(b, loc, zero, widthEnd, index(chunk));
  b.setInsertionPoint(chunkLoop.getBody()->getTerminator());
  Value image = imageLoop.getInductionVar();
  Value row = rowLoop.getInductionVar();
  Value column = chunkLoop.getInductionVar();
  bool exact = width % chunk == 0;
  Value operands =
      readOperands(b, loc, shape, rows, ValueRange{image, row, column}, chunk,
                   exact, padded.value);
  // ((image * Hp + row + top) * Wp + left) * C + column.
  Value imageRows = arith::MulIOp::create(b, loc, image, index(paddedH));
  Value rowBelowTop = arith::AddIOp::create(b, loc, row, index(padded.top));
  Value paddedRowIndex = arith::AddIOp::create(b, loc, imageRows, rowBelowTop);
  Value rowStart =
      arith::MulIOp::create(b, loc, paddedRowIndex, index(paddedRow));
  Value columnAfterLeft = arith::AddIOp::create(
      b, loc, column, index(padded.left * paddedType.getDimSize(3)));
  Value offset = arith::AddIOp::create(b, loc, rowStart, columnAfterLeft);
  vector::TransferWriteOp::create(b, loc, operands, converted,
                                  ValueRange{offset}, ArrayRef<bool>{exact});
}

/// Whether the convolution's input is read in place: whole groups of
/// channels (C a multiple of the instruction's depth) and a contiguous
/// input.
static bool readsInPlace(linalg::Conv2DNhwcHwcfOp conv,
                         const KernelShape &shape) {
  auto inType = cast<MemRefType>(conv.getDpsInputs()[0].getType());
  return inType.getDimSize(3) % shape.depth == 0 &&
         memref::CollapseShapeOp::isGuaranteedCollapsible(inType,
                                                          {{0, 1, 2, 3}});
}

/// The convolution's activations. Read in place (readsInPlace), the input
/// is converted once as it is, each filter tap read at its offset: KH * KW
/// times less to copy than the im2col gather, which the other convolutions
/// take. `slack` more elements are allocated past the converted input,
/// which the gather kernel's windows may overrun.
static Activations convActivations(OpBuilder &b, Location loc,
                                   const KernelShape &shape,
                                   linalg::Conv2DNhwcHwcfOp conv, Value m,
                                   int64_t groups, int64_t slack) {
  Value input = conv.getDpsInputs()[0];
  auto inType = cast<MemRefType>(input.getType());
  auto filterType = cast<MemRefType>(conv.getDpsInputs()[1].getType());
  auto outType = cast<MemRefType>(conv.getDpsInits()[0].getType());
  int64_t channels = inType.getDimSize(3);
  SmallVector<ReassociationIndices> all = {{0, 1, 2, 3}};
  if (!readsInPlace(conv, shape))
    return rowActivations(
        b, loc, copyConvActivations(b, loc, shape, conv, m, groups), groups);

  // Found first: the padded buffer must have no other users.
  std::optional<PaddedInput> padded = findPaddedInput(input, conv);
  int64_t imageSize = inType.getDimSize(1) * inType.getDimSize(2) * channels;
  Value images = memref::DimOp::create(b, loc, input, 0);
  Value total = arith::MulIOp::create(
      b, loc, images, arith::ConstantIndexOp::create(b, loc, imageSize));
  auto type = MemRefType::get({ShapedType::kDynamic}, shape.elementType(b));
  Value allocated = total;
  if (slack)
    allocated = arith::AddIOp::create(
        b, loc, total, arith::ConstantIndexOp::create(b, loc, slack));
  Value converted = memref::AllocOp::create(b, loc, type, ValueRange{allocated},
                                            b.getI64IntegerAttr(64));
  constexpr int64_t chunk = 64;
  // Whole chunks when one image is.
  bool exact = imageSize % chunk == 0;
  if (padded) {
    // The padded buffer is never written: the kernel's own copy is.
    convertPaddedInput(b, loc, shape, *padded, converted, total, inType);
    padded->copy->erase();
    padded->interior->erase();
    padded->fill->erase();
  } else {
    OpBuilder::InsertionGuard guard(b);
    Value flat = memref::CollapseShapeOp::create(b, loc, input, all);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value step = arith::ConstantIndexOp::create(b, loc, chunk);
    auto loop = scf::ForOp::create(b, loc, zero, total, step);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    Value at = loop.getInductionVar();
    Value operands =
        readOperands(b, loc, shape, flat, ValueRange{at}, chunk, exact);
    vector::TransferWriteOp::create(b, loc, operands, converted, ValueRange{at},
                                    ArrayRef<bool>{exact});
  }

  Activations act;
  act.buffer = converted;
  act.taps = filterType.getDimSize(0) * filterType.getDimSize(1);
  act.groupsPerTap = channels / shape.depth;
  act.outH = outType.getDimSize(1);
  act.outW = outType.getDimSize(2);
  act.inH = inType.getDimSize(1);
  act.inW = inType.getDimSize(2);
  act.channels = channels;
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
  act.strideH = strides[0];
  act.strideW = strides[1];
  act.dilationH = dilations[0];
  act.dilationW = dilations[1];
  act.filterW = filterType.getDimSize(1);
  return act;
}

/// Whether `op` on buffers is what the kernels compute: i8 x i8 -> i32, a
/// static [K, N] (or filter) weight, a matmul with the default maps and
/// signed extension, a convolution static but for the batch. The mark
/// alone does not say so: it may come from elsewhere than
/// qnn-select-int8-kernels.
static bool hasKernelForm(linalg::LinalgOp op) {
  auto a = dyn_cast<MemRefType>(op.getDpsInputs()[0].getType());
  auto w = dyn_cast<MemRefType>(op.getDpsInputs()[1].getType());
  auto c = dyn_cast<MemRefType>(op.getDpsInits()[0].getType());
  if (!a || !w || !c || !a.getElementType().isInteger(8) ||
      !w.getElementType().isInteger(8) || !c.getElementType().isInteger(32) ||
      !w.hasStaticShape() || w.getNumElements() == 0)
    return false;
  auto staticButFirst = [](MemRefType t) {
    return llvm::none_of(t.getShape().drop_front(), ShapedType::isDynamic);
  };
  if (auto matmul = dyn_cast<linalg::MatmulOp>(op.getOperation()))
    return matmul.getCast() == linalg::TypeFn::cast_signed &&
           matmul.getIndexingMapsArray() ==
               matmul.getDefaultIndexingMaps(op.getContext()) &&
           staticButFirst(a) && staticButFirst(c);
  return isa<linalg::Conv2DNhwcHwcfOp, linalg::DepthwiseConv2DNhwcHwcOp>(
             op.getOperation()) &&
         staticButFirst(a) && staticButFirst(c);
}

/// The marked ops (qnn-select-int8-kernels) that the kernel of `op`, whose
/// accumulator buffer is `c`, computes in its registers.
struct KernelParts {
  /// The broadcast or fill that starts C, fused.
  Operation *init = nullptr;
  /// The elementwise op on C, fused, with C its input `accInput`.
  linalg::GenericOp epilogue;
  unsigned accInput = 0;
  /// Why a marked op is not fused, for the remark.
  std::string problem;
};

/// Whether every op strictly between `first` and `last` (same block) leaves
/// memory alone, but for allocating: `first` can move down to `last`.
static bool onlyAllocationsBetween(Operation *first, Operation *last) {
  for (Operation *op = first->getNextNode(); op && op != last;
       op = op->getNextNode())
    if (!touchesNoBuffer(op))
      return false;
  return true;
}

static KernelParts findKernelParts(linalg::LinalgOp op, SymbolTable &symbols,
                                   bool isConv) {
  StringRef mark = QNNDialect::KernelPartAttrHelper::getNameStr();
  Value c = op.getDpsInits()[0];
  KernelParts parts;
  SmallVector<Operation *> marked;
  bool ownBuffer = isa_and_nonnull<memref::AllocOp>(c.getDefiningOp());
  for (Operation *user : c.getUsers()) {
    if (user->hasAttr(mark))
      marked.push_back(user);
    else if (user != op && !isa<memref::DeallocOp, memref::DimOp>(user))
      ownBuffer = false;
  }
  bool otherReader = false;
  // The kernel writes all of C unless it has an epilogue, so its start
  // values need not be stored if nothing reads them before; it may never
  // hold the result only if it is the kernel's own buffer.
  for (Operation *user : marked) {
    if (user->getBlock() != op->getBlock()) {
      parts.problem = "not in the kernel's block";
      otherReader = true;
      continue;
    }
    auto generic = dyn_cast<linalg::GenericOp>(user);
    if (user->getAttrOfType<StringAttr>(mark) == kKernelInit &&
        isKernelInit(user) && user->isBeforeInBlock(op) &&
        cast<linalg::LinalgOp>(user).getDpsInits()[0] == c) {
      // A bias read later than the broadcast must not change: a constant.
      auto broadcast = dyn_cast<linalg::BroadcastOp>(user);
      if (!ownBuffer && !onlyAllocationsBetween(user, op))
        parts.problem = "memory is accessed between the bias and the kernel";
      else if (broadcast &&
               !constantGlobal(broadcast.getInput(), symbols).first)
        parts.problem = "the bias is not a constant";
      else
        parts.init = user;
      continue;
    }
    OpOperand *read = nullptr;
    if (generic && llvm::count(generic->getOperands(), c) == 1)
      for (OpOperand *input : generic.getDpsInputOperands())
        if (input->get() == c)
          read = input;
    if (user->getAttrOfType<StringAttr>(mark) == kKernelEpilogue && read &&
        op->isBeforeInBlock(user) && generic.hasPureBufferSemantics() &&
        ownBuffer && !parts.epilogue) {
      unsigned accInput = read->getOperandNumber();
      std::string why = whyNotEpilogue(generic, accInput);
      if (why.empty() && !onlyAllocationsBetween(op, generic))
        why = "memory is accessed between the kernel and the epilogue";
      // A convolution's full-size operands are read as [pixels, channels].
      SmallVector<ReassociationIndices> pixelsIntoRows = {{0, 1, 2}, {3}};
      for (auto [i, operand] : llvm::enumerate(generic->getOperands()))
        if (why.empty() && isConv && i != accInput &&
            cast<MemRefType>(operand.getType()).getRank() == 4 &&
            !memref::CollapseShapeOp::isGuaranteedCollapsible(
                cast<MemRefType>(operand.getType()), pixelsIntoRows))
          why = "an operand is not contiguous";
      if (!why.empty()) {
        parts.problem = why;
        otherReader = true;
        continue;
      }
      parts.epilogue = generic;
      parts.accInput = accInput;
      continue;
    }
    parts.problem = "the accumulator buffer has other users";
    otherReader = true;
  }
  // A marked op left alone may read C, which the kernel then must write.
  if (otherReader && parts.epilogue)
    parts.epilogue = {};
  return parts;
}

/// A constant global next to `global` named `<global>_<suffix>`.
static memref::GlobalOp makeConstantGlobal(OpBuilder &b, SymbolTable &symbols,
                                           memref::GlobalOp global,
                                           StringRef suffix,
                                           DenseElementsAttr value) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(global);
  auto tensorType = cast<RankedTensorType>(value.getType());
  auto type =
      MemRefType::get(tensorType.getShape(), tensorType.getElementType());
  auto made = memref::GlobalOp::create(
      b, global.getLoc(), (global.getSymName() + "_" + suffix).str(),
      b.getStringAttr("private"), type, value,
      /*constant=*/true, b.getI64IntegerAttr(64));
  symbols.insert(made);
  return made;
}

/// The depthwise filter `weights` ([KH, KW, C] i8) as [KH * KW, C'] i32,
/// C' = C rounded up to whole vectors of `lanes`, zero past C: one vector
/// load per tap and channel block, already sign-extended.
static memref::GlobalOp packDepthwise(OpBuilder &b, SymbolTable &symbols,
                                      memref::GlobalOp global,
                                      DenseIntElementsAttr weights,
                                      int64_t lanes) {
  auto type = cast<ShapedType>(weights.getType());
  int64_t channels = type.getShape().back();
  int64_t taps = type.getNumElements() / channels;
  int64_t padded = llvm::divideCeil(channels, lanes) * lanes;
  SmallVector<int32_t> values(taps * padded, 0);
  for (auto [i, w] : llvm::enumerate(weights.getValues<APInt>()))
    values[i / channels * padded + i % channels] =
        static_cast<int32_t>(w.getSExtValue());
  return makeConstantGlobal(
      b, symbols, global, "taps",
      DenseElementsAttr::get(
          RankedTensorType::get({taps, padded}, b.getI32Type()),
          ArrayRef<int32_t>(values)));
}

/// The channel a depthwise VNNI operand's lane holds (docs/Lowering.md):
/// within a block of 4L channels, interleaving 4 filter rows by 128-bit
/// lanes leaves lane 4k + i of operand j with channel 16k + 4j + i.
static int64_t interleavedChannel(int64_t j, int64_t lane) {
  return 16 * (lane / 4) + 4 * j + lane % 4;
}

/// The depthwise filter for vpdpbusd: filter rows in groups of 4 (zero
/// past KH), one channel's 4 rows in each 32-bit lane, in the channel
/// order of interleavedChannel. Blocks of 4L channels (zero past C):
///   taps[((b * G + g) * KW + kw) * 4 + j][4 * lane + t]
///     = W[4g + t][kw][4L * b + interleavedChannel(j, lane)]
///   correction[b * 4 + j][lane] = -128 * (sum over taps of that channel)
/// the second undoing the sign flip of the activations.
static std::pair<memref::GlobalOp, memref::GlobalOp>
packDepthwiseVNNI(OpBuilder &b, SymbolTable &symbols, memref::GlobalOp global,
                  DenseIntElementsAttr weights, int64_t lanes) {
  auto type = cast<ShapedType>(weights.getType());
  int64_t filterH = type.getDimSize(0), filterW = type.getDimSize(1),
          channels = type.getDimSize(2);
  int64_t width = 4 * lanes, blocks = llvm::divideCeil(channels, width),
          groups = llvm::divideCeil(filterH, 4);
  SmallVector<int64_t> w;
  for (const APInt &v : weights.getValues<APInt>())
    w.push_back(v.getSExtValue());
  SmallVector<int8_t> taps(blocks * groups * filterW * 4 * width, 0);
  SmallVector<int32_t> correction(blocks * 4 * lanes, 0);
  for (int64_t block = 0; block < blocks; ++block)
    for (int64_t j = 0; j < 4; ++j)
      for (int64_t lane = 0; lane < lanes; ++lane) {
        int64_t channel = width * block + interleavedChannel(j, lane);
        if (channel >= channels)
          continue;
        int64_t sum = 0;
        for (int64_t kh = 0; kh < filterH; ++kh)
          for (int64_t kw = 0; kw < filterW; ++kw) {
            int64_t value = w[(kh * filterW + kw) * channels + channel];
            int64_t row = ((block * groups + kh / 4) * filterW + kw) * 4 + j;
            taps[row * width + 4 * lane + kh % 4] = static_cast<int8_t>(value);
            sum += value;
          }
        correction[(block * 4 + j) * lanes + lane] =
            static_cast<int32_t>(-128 * sum);
      }
  auto tapsType = RankedTensorType::get({blocks * groups * filterW * 4, width},
                                        b.getI8Type());
  auto correctionType =
      RankedTensorType::get({blocks * 4, lanes}, b.getI32Type());
  return {makeConstantGlobal(b, symbols, global, "vnni_taps",
                             DenseElementsAttr::get(tapsType, ArrayRef(taps))),
          makeConstantGlobal(
              b, symbols, global, "vnni_correction",
              DenseElementsAttr::get(correctionType, ArrayRef(correction)))};
}

namespace {
/// What both depthwise kernels read of the op: sizes, strides, dilations
/// and the input as one flat buffer: the op's own (already padded), or
/// the source its padded buffer was copied from (`padded`), whose border
/// the kernel then supplies itself.
struct DepthwiseGeometry {
  DepthwiseGeometry(OpBuilder &b, Location loc,
                    linalg::DepthwiseConv2DNhwcHwcOp op,
                    const PaddedInput *padded = nullptr)
      : loc(loc), strides(op.getStrides().getValues<int64_t>()),
        dilations(op.getDilations().getValues<int64_t>()) {
    Value input = padded ? padded->source : op.getDpsInputs()[0];
    auto inType = cast<MemRefType>(input.getType());
    auto filterType = cast<MemRefType>(op.getDpsInputs()[1].getType());
    auto outType = cast<MemRefType>(op.getDpsInits()[0].getType());
    channels = inType.getDimSize(3);
    inH = inType.getDimSize(1);
    inW = inType.getDimSize(2);
    outH = outType.getDimSize(1);
    outW = outType.getDimSize(2);
    filterH = filterType.getDimSize(0);
    filterW = filterType.getDimSize(1);
    if (padded) {
      top = padded->top;
      left = padded->left;
      padValue = padded->value;
      bordered = true;
    }
    flat = memref::CollapseShapeOp::create(
        b, loc, input, SmallVector<ReassociationIndices>{{0, 1, 2, 3}});
  }

  Value index(OpBuilder &b, int64_t v) const {
    return arith::ConstantIndexOp::create(b, loc, v);
  }

  /// Where output pixel `ow` of output row `row` (n * OH + oh) starts its
  /// window: image n and the input row and column of its first tap, before
  /// the input's first (as negative values) or past its last where the
  /// window covers padding.
  struct Corner {
    Value image, ih, iw;
  };
  Corner windowCorner(OpBuilder &b, Value row, Value ow) const {
    Corner corner;
    corner.image = arith::DivUIOp::create(b, loc, row, index(b, outH));
    Value oh = arith::RemUIOp::create(b, loc, row, index(b, outH));
    auto scaledLess = [&](Value x, int64_t scale, int64_t less) -> Value {
      Value scaled = arith::MulIOp::create(b, loc, x, index(b, scale));
      return arith::SubIOp::create(b, loc, scaled, index(b, less));
    };
    corner.ih = scaledLess(oh, strides[0], top);
    corner.iw = scaledLess(ow, strides[1], left);
    return corner;
  }

  /// The flat offset of channel `column` of the input pixel at `corner`.
  Value windowStart(OpBuilder &b, const Corner &corner, Value column) const {
    auto mulAdd = [&](Value x, int64_t a, Value y) -> Value {
      Value xa = arith::MulIOp::create(b, loc, x, index(b, a));
      return arith::AddIOp::create(b, loc, xa, y);
    };
    Value h = mulAdd(corner.image, inH, corner.ih);
    Value w = mulAdd(h, inW, corner.iw);
    return mulAdd(w, channels, column);
  }

  /// Whether `first` .. `first` + `last` lie in [0, size).
  Value inRange(OpBuilder &b, Value first, int64_t last, int64_t size) const {
    Value notBefore = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                            first, index(b, 0));
    Value notPast = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                          first, index(b, size - last));
    return arith::AndIOp::create(b, loc, notBefore, notPast);
  }

  /// Whether every tap of `count` output pixels from `corner` on reads the
  /// input, none the padding.
  Value inside(OpBuilder &b, const Corner &corner, int64_t count) const {
    int64_t lastRow = (filterH - 1) * dilations[0];
    int64_t lastColumn =
        (count - 1) * strides[1] + (filterW - 1) * dilations[1];
    return arith::AndIOp::create(b, loc, inRange(b, corner.ih, lastRow, inH),
                                 inRange(b, corner.iw, lastColumn, inW));
  }

  /// Whether input pixel (corner.ih + kh * dilation, corner.iw + across)
  /// is in the input rather than the padding.
  Value tapInside(OpBuilder &b, const Corner &corner, int64_t kh,
                  int64_t across) const {
    Value ih =
        arith::AddIOp::create(b, loc, corner.ih, index(b, kh * dilations[0]));
    Value iw = arith::AddIOp::create(b, loc, corner.iw, index(b, across));
    return arith::AndIOp::create(b, loc, inRange(b, ih, 0, inH),
                                 inRange(b, iw, 0, inW));
  }

  /// The flat offset of input pixel (kh * dilation, across) from a window
  /// start, `across` counted in input columns.
  int64_t tapOffset(int64_t kh, int64_t across) const {
    return (kh * dilations[0] * inW + across) * channels;
  }

  /// Calls `body(column, valid)` for every block of `width` channels, the
  /// last `valid` < width of them real where C is not a multiple.
  void forEachChannelBlock(OpBuilder &b, int64_t width,
                           function_ref<void(Value, int64_t)> body) const {
    int64_t full = channels / width * width;
    if (full > 0) {
      auto blocks = scf::ForOp::create(b, loc, index(b, 0), index(b, full),
                                       index(b, width));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(blocks.getBody()->getTerminator());
      body(blocks.getInductionVar(), width);
    }
    if (channels % width)
      body(index(b, full), channels % width);
  }

  /// Calls `body(row, ow, count)` for every output row (n, oh) of the `m`
  /// output pixels: runs of `perRun` pixels, the rest one at a time. With
  /// padding, the pixels whose windows start in the left padding come one
  /// at a time first, so that the runs' windows stay inside the image's
  /// columns where they can.
  void forEachPixelRun(OpBuilder &b, Value m, int64_t perRun,
                       function_ref<void(Value, Value, int64_t)> body) const {
    Value rows = arith::DivUIOp::create(b, loc, m, index(b, outW));
    auto rowLoop = scf::ForOp::create(b, loc, index(b, 0), rows, index(b, 1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(rowLoop.getBody()->getTerminator());
    Value row = rowLoop.getInductionVar();
    int64_t first = std::min<int64_t>(llvm::divideCeil(left, strides[1]), outW);
    for (int64_t ow = 0; ow < first; ++ow)
      body(row, index(b, ow), 1);
    int64_t end = first + (outW - first) / perRun * perRun;
    if (end > first) {
      auto runs = scf::ForOp::create(b, loc, index(b, first), index(b, end),
                                     index(b, perRun));
      OpBuilder::InsertionGuard inner(b);
      b.setInsertionPoint(runs.getBody()->getTerminator());
      body(row, runs.getInductionVar(), perRun);
    }
    for (int64_t ow = end; ow < outW; ++ow)
      body(row, index(b, ow), 1);
  }

  /// The flat output pixel of `ow` + `j` in output row `row`.
  Value outputPixel(OpBuilder &b, Value row, Value ow, int64_t j) const {
    Value first = arith::AddIOp::create(
        b, loc, arith::MulIOp::create(b, loc, row, index(b, outW)), ow);
    return arith::AddIOp::create(b, loc, first, index(b, j));
  }

  Location loc;
  SmallVector<int64_t> strides, dilations;
  int64_t channels, inH, inW, outH, outW, filterH, filterW;
  /// Padding before the input's first row and column, and its value (i8).
  int64_t top = 0, left = 0, padValue = 0;
  /// Whether windows may cover padding the input does not hold.
  bool bordered = false;
  Value flat;
};
} // namespace

/// The accumulators' start for the lanes of `column` on: the bias, the
/// one start value, or (neither) C's own values at output pixel `pixel`.
static Value accumulatorStart(OpBuilder &b, Location loc, KernelStart start,
                              VectorType accType, Value c, Value pixel,
                              Value column, bool inBounds) {
  Value zero = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
  if (start.value)
    return vector::BroadcastOp::create(b, loc, accType, start.value);
  if (start.bias)
    return vector::TransferReadOp::create(b, loc, accType, start.bias,
                                          ValueRange{column}, zero,
                                          ArrayRef<bool>{inBounds});
  return vector::TransferReadOp::create(b, loc, accType, c,
                                        ValueRange{pixel, column}, zero,
                                        ArrayRef<bool>{inBounds});
}

/// Writes `result`, the accumulators of output pixel `pixel` at `column`
/// (`valid` lanes real), through the epilogue if there is one.
static void finishPixel(OpBuilder &b, Location loc, Value result, Value c,
                        Value pixel, Value column, int64_t valid,
                        const Epilogue *epilogue,
                        DenseMap<unsigned, Value> &columnValues) {
  int64_t lanes = cast<VectorType>(result.getType()).getDimSize(0);
  Value dest = c;
  if (epilogue) {
    result = epilogue->apply(b, loc, result, pixel, column, valid < lanes,
                             columnValues);
    dest = epilogue->getOutput();
  }
  writeLanes(b, loc, result, dest, pixel, column, valid);
}

/// A depthwise convolution on int8 at the builder's insertion point,
/// without VNNI: no instruction multiplies bytes lane by lane into int32,
/// so each tap's channels are sign-extended and multiplied in int32,
/// exactly. Channel blocks of L lanes are the outer loop: their KH x KW
/// weight vectors stay in registers while every output pixel (`m` of
/// them, the rows of `c`) passes, its accumulator started from the bias
/// and finished by the epilogue in registers as the matmul kernels do.
static void buildDepthwise(OpBuilder &b, Location loc,
                           linalg::DepthwiseConv2DNhwcHwcOp op, int64_t lanes,
                           Value packed, Value c, Value m, KernelStart start,
                           const Epilogue *epilogue) {
  DepthwiseGeometry geo(b, loc, op);
  auto accType = VectorType::get({lanes}, b.getI32Type());
  auto bytesType = VectorType::get({lanes}, b.getI8Type());
  geo.forEachChannelBlock(b, lanes, [&](Value column, int64_t valid) {
    bool inBounds = valid == lanes;
    SmallVector<Value> weights;
    for (int64_t t = 0; t < geo.filterH * geo.filterW; ++t)
      weights.push_back(vector::LoadOp::create(
          b, loc, accType, packed, ValueRange{geo.index(b, t), column}));
    Value zero8 = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0));
    // Runs of output pixels: input vectors loaded once per filter row,
    // shared by the taps that read them.
    geo.forEachPixelRun(b, m, 4, [&](Value row, Value ow, int64_t count) {
      Value base = geo.windowStart(b, geo.windowCorner(b, row, ow), column);
      SmallVector<Value> accs, at;
      for (int64_t j = 0; j < count; ++j) {
        at.push_back(geo.outputPixel(b, row, ow, j));
        accs.push_back(accumulatorStart(b, loc, start, accType, c, at[j],
                                        column, inBounds));
      }
      for (int64_t kh = 0; kh < geo.filterH; ++kh) {
        // Sign-extended input vectors of this filter row by column offset.
        llvm::DenseMap<int64_t, Value> loaded;
        for (int64_t j = 0; j < count; ++j)
          for (int64_t kw = 0; kw < geo.filterW; ++kw) {
            int64_t across = j * geo.strides[1] + kw * geo.dilations[1];
            Value &x = loaded[across];
            if (!x) {
              Value address = arith::AddIOp::create(
                  b, loc, base, geo.index(b, geo.tapOffset(kh, across)));
              // Lanes past C read the next pixel's channels, times a
              // weight of 0.
              Value bytes = vector::TransferReadOp::create(
                  b, loc, bytesType, geo.flat, ValueRange{address}, zero8,
                  ArrayRef<bool>{inBounds});
              x = arith::ExtSIOp::create(b, loc, accType, bytes);
            }
            Value product = arith::MulIOp::create(
                b, loc, x, weights[kh * geo.filterW + kw]);
            accs[j] = arith::AddIOp::create(b, loc, accs[j], product);
          }
      }
      DenseMap<unsigned, Value> columnValues;
      for (int64_t j = 0; j < count; ++j)
        finishPixel(b, loc, accs[j], c, at[j], column, valid, epilogue,
                    columnValues);
    });
  });
}

/// Within each 128-bit lane, the bytes (`pair` = 1) or 16-bit pairs
/// (`pair` = 2) of `x` from `from` on interleaved with those of `y`, as
/// vpunpck[lh]bw and vpunpck[lh]wd do.
static Value interleaveLanes(OpBuilder &b, Location loc, Value x, Value y,
                             int64_t from, int64_t pair) {
  int64_t width = cast<VectorType>(x.getType()).getDimSize(0);
  SmallVector<int64_t> mask;
  for (int64_t lane = 0; lane < width; lane += 16)
    for (int64_t q = 0; q < 8 / pair; ++q)
      for (int64_t source = 0; source < 2; ++source)
        for (int64_t byte = 0; byte < pair; ++byte)
          mask.push_back(source * width + lane + (from + q) * pair + byte);
  return vector::ShuffleOp::create(b, loc, x, y, mask);
}

/// A depthwise convolution for vpdpbusd (D = 4). Its 4 bytes per lane
/// must be 4 taps of one channel, while NHWC holds a pixel's channels side
/// by side: 4 input rows' vectors of 4L channels (the rows of one filter
/// column, in groups of 4) are interleaved by 128-bit lanes, two rounds of
/// unpacks, into 4 operands whose lanes hold the channels in the order of
/// interleavedChannel; the filter is packed in that order
/// (packDepthwiseVNNI). Each output pixel's 4 accumulators are put back in
/// channel order once, after all taps, then started from the bias and
/// finished by the epilogue. One interleaved input column serves every
/// output pixel of a run that reads it. With `padded`, the kernel reads
/// the unpadded source and puts the padding value where a window leaves
/// it (runs that do not leave it test nothing): the padded copy goes.
static void buildDepthwiseVNNI(OpBuilder &b, Location loc,
                               linalg::DepthwiseConv2DNhwcHwcOp op,
                               const KernelShape &shape, Value taps,
                               Value correction, Value c, Value m,
                               KernelStart start, const Epilogue *epilogue,
                               const PaddedInput *padded) {
  DepthwiseGeometry geo(b, loc, op, padded);
  int64_t lanes = shape.lanes, width = 4 * lanes;
  int64_t groups = llvm::divideCeil(geo.filterH, 4);
  auto accType = VectorType::get({lanes}, b.getI32Type());
  auto bytesType = VectorType::get({width}, b.getI8Type());
  StringAttr intrinsic = b.getStringAttr(shape.intrinsic);
  // The 4 accumulators in channel order (the inverse of
  // interleavedChannel), as shuffles of their concatenations.
  SmallVector<int64_t> concat;
  for (int64_t i = 0; i < 2 * lanes; ++i)
    concat.push_back(i);
  // inOrder[v][l]: the source (j * L + lane) of channel v * L + l.
  SmallVector<SmallVector<int64_t>> inOrder(4, SmallVector<int64_t>(lanes));
  for (int64_t j = 0; j < 4; ++j)
    for (int64_t lane = 0; lane < lanes; ++lane) {
      int64_t channel = interleavedChannel(j, lane);
      inOrder[channel / lanes][channel % lanes] = j * lanes + lane;
    }

  geo.forEachChannelBlock(b, width, [&](Value column, int64_t valid) {
    Value block = arith::DivUIOp::create(b, loc, column, geo.index(b, width));
    Value zero = geo.index(b, 0);
    // The `perBlock` rows of `packed` of this channel block.
    auto loadRows = [&](Value packed, VectorType type, int64_t perBlock,
                        SmallVector<Value> &into) {
      Value first =
          arith::MulIOp::create(b, loc, block, geo.index(b, perBlock));
      for (int64_t i = 0; i < perBlock; ++i) {
        Value at = arith::AddIOp::create(b, loc, first, geo.index(b, i));
        into.push_back(
            vector::LoadOp::create(b, loc, type, packed, ValueRange{at, zero}));
      }
    };
    // weights[(g * KW + kw) * 4 + j], corrections[j].
    SmallVector<Value> weights, corrections;
    loadRows(taps, bytesType, groups * geo.filterW * 4, weights);
    loadRows(correction, accType, 4, corrections);
    Value zero8 = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0));
    Value signBits = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(bytesType, b.getI8IntegerAttr(-128)));
    bool inBounds = valid == width;

    Value padBytes = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(bytesType, b.getI8IntegerAttr(geo.padValue)));

    // The taps of `count` output pixels from `corner` on into `accs`; with
    // `border`, each input vector read only where it is in the input, the
    // padding value elsewhere.
    auto multiplyAddRun = [&](const DepthwiseGeometry::Corner &corner,
                              int64_t count, bool border,
                              SmallVector<SmallVector<Value>> &accs) {
      Value base = geo.windowStart(b, corner, column);
      auto readRow = [&](int64_t kh, int64_t across) -> Value {
        auto read = [&](OpBuilder &builder) -> Value {
          Value address = arith::AddIOp::create(
              builder, loc, base,
              geo.index(builder, geo.tapOffset(kh, across)));
          // Lanes past C read the next pixel's channels, times a weight
          // of 0.
          return vector::TransferReadOp::create(
              builder, loc, bytesType, geo.flat, ValueRange{address}, zero8,
              ArrayRef<bool>{inBounds});
        };
        if (!border)
          return read(b);
        auto choice = scf::IfOp::create(
            b, loc, geo.tapInside(b, corner, kh, across),
            [&](OpBuilder &then, Location l) {
              scf::YieldOp::create(then, l, read(then));
            },
            [&](OpBuilder &otherwise, Location l) {
              scf::YieldOp::create(otherwise, l, padBytes);
            });
        return choice.getResult(0);
      };
      for (int64_t g = 0; g < groups; ++g) {
        // The 4 operands of each input column the run reads.
        llvm::DenseMap<int64_t, SmallVector<Value>> interleaved;
        auto operands = [&](int64_t across) -> ArrayRef<Value> {
          SmallVector<Value> &ops = interleaved[across];
          if (!ops.empty())
            return ops;
          SmallVector<Value> rows;
          for (int64_t t = 0; t < 4; ++t) {
            int64_t kh = 4 * g + t;
            if (kh >= geo.filterH) {
              // A filter row past KH: its weights are 0.
              rows.push_back(rows.front());
              continue;
            }
            rows.push_back(
                arith::XOrIOp::create(b, loc, readRow(kh, across), signBits));
          }
          Value low01 = interleaveLanes(b, loc, rows[0], rows[1], 0, 1);
          Value high01 = interleaveLanes(b, loc, rows[0], rows[1], 8, 1);
          Value low23 = interleaveLanes(b, loc, rows[2], rows[3], 0, 1);
          Value high23 = interleaveLanes(b, loc, rows[2], rows[3], 8, 1);
          ops = {interleaveLanes(b, loc, low01, low23, 0, 2),
                 interleaveLanes(b, loc, low01, low23, 4, 2),
                 interleaveLanes(b, loc, high01, high23, 0, 2),
                 interleaveLanes(b, loc, high01, high23, 4, 2)};
          return ops;
        };
        for (int64_t p = 0; p < count; ++p)
          for (int64_t kw = 0; kw < geo.filterW; ++kw) {
            ArrayRef<Value> x =
                operands(p * geo.strides[1] + kw * geo.dilations[1]);
            for (int64_t j = 0; j < 4; ++j)
              accs[p][j] =
                  LLVM::CallIntrinsicOp::create(
                      b, loc, accType, intrinsic,
                      ValueRange{accs[p][j], x[j],
                                 weights[(g * geo.filterW + kw) * 4 + j]})
                      .getResult(0);
          }
      }
    };

    geo.forEachPixelRun(b, m, 4, [&](Value row, Value ow, int64_t count) {
      DepthwiseGeometry::Corner corner = geo.windowCorner(b, row, ow);
      SmallVector<SmallVector<Value>> accs(count, corrections);
      if (geo.bordered) {
        // Runs whose windows cover no padding take the loads without
        // tests; the accumulators leave the scf.if as its results.
        SmallVector<Type> types(count * 4, accType);
        auto choice =
            scf::IfOp::create(b, loc, types, geo.inside(b, corner, count),
                              /*withElseRegion=*/true);
        for (bool border : {false, true}) {
          Region &region =
              border ? choice.getElseRegion() : choice.getThenRegion();
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(&region.front());
          SmallVector<SmallVector<Value>> own(count, corrections);
          multiplyAddRun(corner, count, border, own);
          SmallVector<Value> flatAccs;
          for (ArrayRef<Value> pixel : own)
            llvm::append_range(flatAccs, pixel);
          scf::YieldOp::create(b, loc, flatAccs);
        }
        for (int64_t p = 0; p < count; ++p)
          for (int64_t j = 0; j < 4; ++j)
            accs[p][j] = choice.getResult(p * 4 + j);
      } else {
        multiplyAddRun(corner, count, false, accs);
      }
      DenseMap<int64_t, DenseMap<unsigned, Value>> columnValues;
      for (int64_t p = 0; p < count; ++p) {
        Value pixel = geo.outputPixel(b, row, ow, p);
        Value low =
            vector::ShuffleOp::create(b, loc, accs[p][0], accs[p][1], concat);
        Value high =
            vector::ShuffleOp::create(b, loc, accs[p][2], accs[p][3], concat);
        for (int64_t v = 0; v * lanes < valid; ++v) {
          int64_t real = std::min(lanes, valid - v * lanes);
          Value at =
              arith::AddIOp::create(b, loc, column, geo.index(b, v * lanes));
          Value sum = vector::ShuffleOp::create(b, loc, low, high, inOrder[v]);
          Value first = accumulatorStart(b, loc, start, accType, c, pixel, at,
                                         real == lanes);
          sum = arith::AddIOp::create(b, loc, sum, first);
          finishPixel(b, loc, sum, c, pixel, at, real, epilogue,
                      columnValues[v]);
        }
      }
    });
  });
}

/// Erases `buffer` if it is an allocation that is only freed and asked
/// for its sizes (which its allocation gives).
static void eraseIfUnused(OpBuilder &b, Value buffer) {
  auto alloc = buffer.getDefiningOp<memref::AllocOp>();
  auto removable = [](Operation *user) {
    auto dim = dyn_cast<memref::DimOp>(user);
    return isa<memref::DeallocOp>(user) || (dim && dim.getConstantIndex());
  };
  if (!alloc || !llvm::all_of(alloc->getUsers(), removable))
    return;
  for (Operation *user : llvm::make_early_inc_range(alloc->getUsers())) {
    if (auto dim = dyn_cast<memref::DimOp>(user)) {
      b.setInsertionPoint(dim);
      OpFoldResult size = alloc.getMixedSizes()[*dim.getConstantIndex()];
      Value value = isa<Value>(size)
                        ? cast<Value>(size)
                        : arith::ConstantIndexOp::create(
                              b, dim.getLoc(), *getConstantIntValue(size))
                              .getResult();
      dim.replaceAllUsesWith(value);
    }
    user->erase();
  }
  alloc->erase();
}

namespace {

struct QNNLowerInt8KernelsPass final
    : qnn::impl::QNNLowerInt8KernelsPassBase<QNNLowerInt8KernelsPass> {
  using QNNLowerInt8KernelsPassBase::QNNLowerInt8KernelsPassBase;

  /// How `op`'s weights are stored and run (`sparse-kernels`), said in a
  /// remark whenever they hold zeros. `gather` is set where the gather
  /// kernel was considered: at most half the weights nonzero, or forced.
  WeightStorage chooseStorage(Operation *op, const PackedValues &values,
                              const std::optional<GatherValues> &gather,
                              const SubByteTable &subByte,
                              const KernelShape &shape) const {
    int64_t total = values.panels * values.groups;
    int64_t kept = values.keptTiles();
    WeightStorage storage = WeightStorage::Dense;
    if (sparse == SparseKernels::Tiles)
      storage = WeightStorage::Tiles;
    else if (sparse == SparseKernels::Gather)
      storage = WeightStorage::Gather;
    else if (sparse == SparseKernels::Auto) {
      double best = total * (subByte.isPacked() ? shape.subByteTileCost : 1.0);
      // From 60% of the tiles kept down, as measured.
      if (kept * kKeptTileCost <= best) {
        storage = WeightStorage::Tiles;
        best = kept * kKeptTileCost;
      }
      if (gather && gather->steps() * shape.gatherStepCost < best)
        storage = WeightStorage::Gather;
    }
    bool indices = storage == WeightStorage::Dense && subByte.isPacked();
    bool sparseConsidered =
        kept < total || gather || storage != WeightStorage::Dense;
    if (!sparseConsidered && !indices)
      return storage;
    auto fraction = [&](int64_t part) {
      return static_cast<double>(part) / total;
    };
    std::string message =
        llvm::formatv("int8 kernel: {0}",
                      storage == WeightStorage::Dense   ? "dense"
                      : storage == WeightStorage::Tiles ? "kept tiles"
                                                        : "gather")
            .str();
    if (sparseConsidered)
      message +=
          llvm::formatv("; weight tiles of {0}x{1}: {2} of {3} kept "
                        "({4:P0})",
                        shape.depth, shape.lanes, kept, total, fraction(kept))
              .str();
    if (gather)
      message += llvm::formatv(", gather steps: {0} ({1:P0})", gather->steps(),
                               fraction(gather->steps()))
                     .str();
    // What the object file stores, as emitPacked writes it: the operands,
    // and the tables that say where they go (column sums aside, the same
    // for all).
    int64_t tileBytes = values.tileSize * (shape.unsignedActivations ? 1 : 2);
    int64_t panelTable = 4 * (values.panels + 1);
    if (indices) {
      std::string into =
          subByte.columnOffsets
              ? llvm::formatv("each column's values (at most {0})",
                              subByte.widest)
                    .str()
          : subByte.shared
              ? llvm::formatv("{0} values", subByte.widest).str()
              : llvm::formatv("a table per {0} columns (at most {1} values)",
                              16 / shape.depth, subByte.widest)
                    .str();
      message += llvm::formatv(
          "; weights as {0}-bit indices into {1}, expanded in the kernel; "
          "stores {2} bytes of weights",
          subByte.bits, into, total * values.tileSize * subByte.bits / 8);
      if (!subByte.shared)
        message +=
            llvm::formatv(" and {0} of tables", values.panels * values.tileSize)
                .str();
      message += llvm::formatv(" (as bytes: {0})", total * tileBytes).str();
    } else if (storage == WeightStorage::Tiles) {
      int64_t stored = std::max<int64_t>(kept, 1);
      message += llvm::formatv(
          "; stores {0} bytes of weights and {1} of tables (dense: {2})",
          stored * tileBytes, 4 * stored + panelTable, total * tileBytes);
    } else if (storage == WeightStorage::Gather) {
      int64_t stored = std::max<int64_t>(gather->steps(), 1);
      message += llvm::formatv(
          "; stores {0} bytes of weights and {1} of tables (dense: {2})",
          stored * tileBytes, stored * (4 * shape.lanes + 4) + panelTable,
          total * tileBytes);
    }
    if (sparse == SparseKernels::Never)
      message += "; sparse-kernels=never";
    else if (sparse != SparseKernels::Auto)
      message += storage == WeightStorage::Tiles ? "; sparse-kernels=tiles"
                                                 : "; sparse-kernels=gather";
    remark::analysis(op->getLoc(), remark::RemarkOpts::name("kernel").category(
                                       "qnn-int8-kernels"))
        << message;
    return storage;
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    StringRef mark = QNNDialect::KernelAttrHelper::getNameStr();
    SmallVector<linalg::LinalgOp> marked;
    module.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(mark))
        marked.push_back(op);
    });

    // By weight global, kernel family and reduction steps per tap.
    llvm::DenseMap<std::tuple<Operation *, Int8ISA, int64_t>, PackedWeights>
        packs;
    llvm::SetVector<Operation *> replaced;
    OpBuilder b(&getContext());
    for (linalg::LinalgOp op : marked) {
      auto name = op->getAttrOfType<StringAttr>(mark);
      op->removeAttr(mark);
      std::optional<Int8ISA> family =
          name ? symbolizeInt8ISA(name.getValue()) : std::nullopt;
      auto [global, weights] = constantGlobal(op.getDpsInputs()[1], symbols);
      auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(op.getOperation());
      auto depthwise =
          dyn_cast<linalg::DepthwiseConv2DNhwcHwcOp>(op.getOperation());
      auto cType = dyn_cast<MemRefType>(op.getDpsInits()[0].getType());
      bool pixelRows = conv || depthwise;
      // A convolution's output rows are its N x OH x OW pixels.
      SmallVector<ReassociationIndices> pixelsIntoRows = {{0, 1, 2}, {3}};
      StringRef problem;
      if (!family || *family == Int8ISA::Portable)
        problem = "no such kernel";
      else if (!op.hasPureBufferSemantics() || !cType)
        problem = "not on buffers";
      else if (!hasKernelForm(op))
        problem = "not i8 x i8 -> i32 with static weights, default maps and "
                  "static sizes but the first";
      else if (!weights)
        problem = "weights not a constant global";
      else if (pixelRows && !memref::CollapseShapeOp::isGuaranteedCollapsible(
                                cType, pixelsIntoRows))
        problem = "output not contiguous";
      else if (depthwise &&
               !memref::CollapseShapeOp::isGuaranteedCollapsible(
                   cast<MemRefType>(op.getDpsInputs()[0].getType()),
                   {{0, 1, 2, 3}}))
        problem = "input not contiguous";
      if (!problem.empty()) {
        remark::analysis(
            op.getLoc(),
            remark::RemarkOpts::name("kernel").category("qnn-int8-kernels"))
            << (Twine("int8 kernel '") + (name ? name.getValue() : "") +
                "' not built (" + problem + "): portable lowering")
                   .str();
        continue;
      }
      KernelShape shape = kernelShapeFor(*family);
      auto type = cast<ShapedType>(weights.getType());
      int64_t n = type.getShape().back(), k = type.getNumElements() / n;
      // The reduction steps per tap: a convolution read in place reads its
      // channels tap by tap, the others one row of K.
      bool inPlace = conv && readsInPlace(conv, shape);
      int64_t perTapSteps = inPlace ? type.getDimSize(2) : k;
      // The VNNI depthwise kernel computes blocks of 4L channels: below
      // one block, most of its work would be lost lanes, and the int32
      // kernel's blocks of L are as fast (the digits CNN's 16 channels).
      bool vnniDepthwise = depthwise && shape.unsignedActivations &&
                           type.getShape().back() >= 4 * shape.lanes;
      PackedWeights &pack =
          packs[std::make_tuple(global.getOperation(), *family, perTapSteps)];
      if (!pack.weights && depthwise) {
        if (vnniDepthwise)
          std::tie(pack.weights, pack.correction) =
              packDepthwiseVNNI(b, symbols, global, weights, shape.lanes);
        else
          pack.weights =
              packDepthwise(b, symbols, global, weights, shape.lanes);
      }
      if (!pack.weights) {
        PackedValues values = packValues(weights, shape);
        int64_t nonzeros =
            llvm::count_if(values.packed, [](int64_t w) { return w != 0; });
        std::optional<GatherValues> gather;
        if (2 * nonzeros <= k * n || sparse == SparseKernels::Gather)
          gather = gatherValues(weights, shape, perTapSteps);
        SubByteTable subByte;
        if (subByteWeights)
          subByte = subByteTable(weights, shape);
        WeightStorage storage =
            chooseStorage(op, values, gather, subByte, shape);
        if (storage != WeightStorage::Dense)
          subByte = SubByteTable();
        pack = emitPacked(b, symbols, global, values,
                          gather ? *gather : GatherValues(), subByte, shape,
                          storage);
        pack.subByte = std::move(subByte);
      }
      replaced.insert(global);

      KernelParts parts = findKernelParts(op, symbols, pixelRows);
      // The VNNI depthwise kernel reads the unpadded source of a padded
      // input itself.
      std::optional<PaddedInput> padded;
      if (vnniDepthwise) {
        padded = findPaddedInput(op.getDpsInputs()[0], op);
        if (padded &&
            !memref::CollapseShapeOp::isGuaranteedCollapsible(
                cast<MemRefType>(padded->source.getType()), {{0, 1, 2, 3}}))
          padded.reset();
      }
      // The depthwise kernel reads its input while it writes the
      // epilogue's output: they must not be one buffer.
      Value readInput = padded ? padded->source : op.getDpsInputs()[0];
      if (depthwise && parts.epilogue &&
          rootBuffer(parts.epilogue.getDpsInits()[0]) ==
              rootBuffer(readInput)) {
        parts.epilogue = {};
        parts.problem = "the epilogue writes over the input";
      }
      if (!parts.problem.empty())
        remark::analysis(
            op.getLoc(),
            remark::RemarkOpts::name("kernel").category("qnn-int8-kernels"))
            << "int8 kernel: bias or epilogue not fused (" + parts.problem +
                   ")";

      int64_t groups = (k + shape.depth - 1) / shape.depth;
      // The gather kernel's windows are whole in a copied row: its width is
      // a multiple of the window.
      bool gather = pack.indices != nullptr;
      int64_t window = shape.windowElements();
      int64_t copiedGroups =
          gather ? llvm::divideCeil(k, window) * window / shape.depth : groups;
      Location loc = op.getLoc();
      // With an epilogue the kernel runs where the epilogue did: its
      // operands are defined by then, and nothing between touches memory.
      b.setInsertionPoint(parts.epilogue ? parts.epilogue.getOperation()
                                         : op.getOperation());
      Value cFull = op.getDpsInits()[0];
      auto asRows = [&](Value v) -> Value {
        return pixelRows
                   ? memref::CollapseShapeOp::create(b, loc, v, pixelsIntoRows)
                         .getResult()
                   : v;
      };
      Value c = asRows(cFull);
      std::optional<int64_t> staticM;
      if (!cType.isDynamicDim(0))
        staticM = cType.getNumElements() / n;
      // M from the activations: C may go.
      Value m = memref::DimOp::create(b, loc, op.getDpsInputs()[0], 0);
      if (pixelRows) {
        Value pixels = arith::ConstantIndexOp::create(
            b, loc, cType.getDimSize(1) * cType.getDimSize(2));
        m = arith::MulIOp::create(b, loc, m, pixels);
      }
      auto getGlobal = [&](memref::GlobalOp g) {
        return memref::GetGlobalOp::create(b, loc, g.getType(), g.getSymName());
      };
      KernelStart start;
      if (auto broadcast = dyn_cast_or_null<linalg::BroadcastOp>(parts.init))
        start.bias = broadcast.getInput();
      else if (auto fill = dyn_cast_or_null<linalg::FillOp>(parts.init))
        start.value = fill.getInputs()[0];
      std::optional<Epilogue> epilogue;
      if (parts.epilogue) {
        SmallVector<Value> operands;
        for (auto [i, input] : llvm::enumerate(parts.epilogue.getDpsInputs())) {
          if (i == parts.accInput)
            operands.emplace_back();
          else if (epilogueOperand(parts.epilogue, i) == EpilogueOperand::Full)
            operands.push_back(asRows(input));
          else
            operands.push_back(input);
        }
        epilogue.emplace(parts.epilogue, parts.accInput, std::move(operands),
                         asRows(parts.epilogue.getDpsInits()[0]));
      }
      if (vnniDepthwise) {
        buildDepthwiseVNNI(b, loc, depthwise, shape, getGlobal(pack.weights),
                           getGlobal(pack.correction), c, m, start,
                           epilogue ? &*epilogue : nullptr,
                           padded ? &*padded : nullptr);
        if (padded) {
          padded->copy->erase();
          padded->interior->erase();
          padded->fill->erase();
        }
      } else if (depthwise) {
        buildDepthwise(b, loc, depthwise, shape.lanes, getGlobal(pack.weights),
                       c, m, start, epilogue ? &*epilogue : nullptr);
      } else {
        Activations act =
            conv ? convActivations(b, loc, shape, conv, m, copiedGroups,
                                   gather ? window : 0)
                 : rowActivations(b, loc,
                                  copyActivations(b, loc, shape,
                                                  op.getDpsInputs()[0], m, k,
                                                  copiedGroups),
                                  copiedGroups);
        act.windowsPerTap = llvm::divideCeil(perTapSteps, window);
        Value packed = getGlobal(pack.weights);
        Value correction =
            pack.correction ? getGlobal(pack.correction) : Value();
        Value scratch = act.buffer;
        if (auto flat = scratch.getDefiningOp<memref::CollapseShapeOp>())
          scratch = flat.getSrc();
        Value groupTable = pack.groups ? getGlobal(pack.groups) : Value();
        Value startTable = pack.starts ? getGlobal(pack.starts) : Value();
        Value picks = gather ? getGlobal(pack.indices) : Value();
        KernelBuilder(b, loc, shape, act, packed, correction, groupTable,
                      startTable, picks, pack.subByte,
                      pack.tables ? getGlobal(pack.tables) : Value(), c, n,
                      start, epilogue ? &*epilogue : nullptr)
            .build(m, staticM);
        memref::DeallocOp::create(b, loc, scratch);
      }
      Value weightsRead = op.getDpsInputs()[1];
      Value input = op.getDpsInputs()[0];
      op->erase();
      if (Operation *get = weightsRead.getDefiningOp(); get && get->use_empty())
        get->erase();
      if (parts.init)
        parts.init->erase();
      if (parts.epilogue)
        parts.epilogue->erase();
      // C, now only collapsed (the collapse unused) and freed, goes.
      if (Operation *collapse = c.getDefiningOp(); c != cFull && c.use_empty())
        collapse->erase();
      eraseIfUnused(b, cFull);
      eraseIfUnused(b, input);
    }

    // The unpacked weights, once no function reads them, would only grow
    // the object file.
    for (Operation *global : replaced)
      if (SymbolTable::symbolKnownUseEmpty(global, module))
        symbols.erase(global);
  }
};

} // namespace
