//===- Report.cpp - Per-layer quantization report -------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// --qnn-report reads what quantization left in the IR: the integer layers
// (their operand types carry the scales and zero points, their constants the
// stored bytes, `qnn.layer` / `qnn.sqnr` the name and measured error) and
// the float contractions left. It changes nothing.
//
//===----------------------------------------------------------------------===//

#include "qnn/Quantization/Passes.h"

#include "qnn/Dialect/QNN/IR/QuantParams.h"
#include "qnn/Dialect/QNN/IR/SideOutputs.h"
#include "qnn/Layers/FloatContraction.h"
#include "qnn/Quantization/LayerErrors.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <cmath>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNREPORTPASS
#include "qnn/Quantization/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {
struct LayerReport {
  std::string name;
  std::string op;
  bool quantized = false;
  /// Scales and zero points of the input, weights and output (quantized
  /// layers; the output is the requantize's result).
  std::optional<QuantParams> input, weights, output;
  /// How the weights are stored: "int", "packed", "codebook", "float" or
  /// "not constant".
  std::string storage;
  /// Weight and bias bytes as float32 and as stored.
  int64_t floatBytes = 0, storedBytes = 0;
  /// How many weights.
  int64_t weightCount = 0;
  std::optional<double> sqnr;
  /// Pruned weights (qnn.pruned): the pattern, and the fraction of weights
  /// that are not (real) zeros. Pruned weights are stored dense so far.
  std::string pattern;
  std::optional<double> density;
  /// Why a contraction stayed float when --quantize could not take it.
  std::string keptInFloat;
};
} // namespace

/// "unstructured", "2:4", "block 4x1" or "channel", for a pattern on
/// weights in qnn's layout (K innermost at rank - 2, channels last).
static std::string patternText(SparsityPatternAttrInterface pattern) {
  if (auto nm = dyn_cast<NOfMAttr>(pattern))
    return llvm::formatv("{0}:{1}", nm.getN(), nm.getM()).str();
  if (auto block = dyn_cast<BlockAttr>(pattern)) {
    ArrayRef<int64_t> shape = block.getShape();
    return llvm::formatv("block {0}x{1}",
                         shape.size() >= 2 ? shape[shape.size() - 2] : 1,
                         shape.back())
        .str();
  }
  if (isa<ChannelAttr>(pattern))
    return "channel";
  return "unstructured";
}

/// The fraction of non-zero quantized weights: stored integers other than
/// their zero point (a codebook's entries are symmetric).
static std::optional<double> densityOf(Value weights) {
  auto type = cast<ShapedType>(weights.getType());
  if (!type.hasStaticShape() || type.getNumElements() == 0)
    return std::nullopt;
  int64_t total = type.getNumElements();
  int64_t nonZero = 0;
  if (auto constant = weights.getDefiningOp<ConstantOp>()) {
    QuantParams params = *QuantParams::get(weights.getType());
    auto shape = cast<ShapedType>(weights.getType()).getShape();
    for (auto [i, q] : llvm::enumerate(constant.getStoredValues()))
      nonZero += q != params.zeroPoint(params.isPerAxis()
                                           ? channelOf(i, shape, *params.axis)
                                           : 0);
  } else if (auto lookup = weights.getDefiningOp<CodebookLookupOp>()) {
    auto table = lookup.getCentroids().getDefiningOp<ConstantOp>();
    DenseIntElementsAttr indices;
    if (!table || !matchPattern(lookup.getIndices(), m_Constant(&indices)))
      return std::nullopt;
    SmallVector<int64_t> entries = table.getStoredValues();
    int64_t perRow = cast<ShapedType>(table.getType()).getShape().back();
    ArrayRef<int64_t> shape = indices.getType().getShape();
    int64_t i = 0;
    for (const APInt &index : indices.getValues<APInt>()) {
      int64_t row =
          lookup.getAxis() ? channelOf(i, shape, *lookup.getAxis()) : 0;
      ++i;
      nonZero += entries[row * perRow + index.getZExtValue()] != 0;
    }
  } else {
    return std::nullopt;
  }
  return double(nonZero) / double(total);
}

static double densityOf(DenseFPElementsAttr values) {
  if (values.isSplat() || values.empty())
    return values.isSplat() && !values.getSplatValue<APFloat>().isZero();
  int64_t nonZero = 0;
  for (const APFloat &v : values.getValues<APFloat>())
    nonZero += !v.isZero();
  return double(nonZero) / double(values.getNumElements());
}

static int64_t numElements(Value value) {
  auto type = cast<ShapedType>(value.getType());
  return type.hasStaticShape() ? type.getNumElements() : 0;
}

/// Bytes of a constant's stored elements (a packed qnn.constant stores
/// bytes already; other sub-byte storage takes a byte per value).
static int64_t constantBytes(ElementsAttr value) {
  unsigned bits = value.getElementType().getIntOrFloatBitWidth();
  return value.getNumElements() * ((bits + 7) / 8);
}

/// The stored bytes of a weight operand and how it is stored.
static std::pair<int64_t, std::string> storedWeights(Value weights) {
  Operation *def = weights.getDefiningOp();
  if (auto constant = dyn_cast_or_null<ConstantOp>(def))
    return {constantBytes(constant.getValue()),
            constant.getPacked() ? "packed" : "int"};
  if (auto lookup = dyn_cast_or_null<CodebookLookupOp>(def)) {
    // Indices count packed (bits per index), the table as stored.
    int64_t bits = lookup.getIndices().getType().getElementTypeBitWidth();
    int64_t indexBytes = (numElements(lookup.getIndices()) * bits + 7) / 8;
    int64_t tableBytes = 0;
    if (auto table = lookup.getCentroids().getDefiningOp<ConstantOp>())
      tableBytes = constantBytes(table.getValue());
    else if (auto table =
                 lookup.getCentroids().getDefiningOp<arith::ConstantOp>())
      tableBytes = constantBytes(cast<ElementsAttr>(table.getValue()));
    return {indexBytes + tableBytes, "codebook"};
  }
  return {0, "not constant"};
}

/// A layer's name: `qnn.layer`, else its name location, else its position.
static std::string layerName(Operation *op, llvm::StringMap<unsigned> &counts) {
  if (auto name = QNNDialect::LayerAttrHelper(op->getContext()).getAttr(op))
    return name.str();
  if (auto loc = dyn_cast<NameLoc>(op->getLoc()))
    return loc.getName().str();
  auto func = op->getParentOfType<func::FuncOp>();
  std::string key = (func ? func.getName().str() + "/" : "") +
                    op->getName().getStringRef().str();
  return key + "#" + std::to_string(counts[key]++);
}

static LayerReport quantizedLayer(Operation *op,
                                  llvm::StringMap<unsigned> &counts) {
  LayerReport r;
  r.name = layerName(op, counts);
  r.quantized = true;
  Value input = op->getOperand(0), weights = op->getOperand(1);
  Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
  r.op = isa<MatmulOp>(op) ? "matmul" : "conv2d";
  r.input = QuantParams::get(input.getType());
  r.weights = QuantParams::get(weights.getType());
  for (Operation *user : op->getUsers())
    if (auto requantize = dyn_cast<RequantizeOp>(user))
      r.output = QuantParams::get(requantize.getType());
  if (auto pruned = weights.getDefiningOp<PrunedOp>()) {
    r.pattern = patternText(pruned.getPattern());
    weights = pruned.getInput();
    r.density = densityOf(weights);
  }
  std::tie(r.storedBytes, r.storage) = storedWeights(weights);
  r.weightCount = numElements(weights);
  r.floatBytes = 4 * r.weightCount;
  if (bias) {
    r.floatBytes += 4 * numElements(bias);
    r.storedBytes += 4 * numElements(bias);
  }
  if (auto sqnr = QNNDialect::SqnrAttrHelper(op->getContext()).getAttr(op))
    r.sqnr = sqnr.getValueAsDouble();
  return r;
}

static LayerReport floatLayer(const FloatContraction &c,
                              llvm::StringMap<unsigned> &counts) {
  LayerReport r;
  r.name = layerName(c.op, counts);
  r.op = c.isConv ? "conv2d" : "matmul";
  r.storage = "float";
  r.weightCount = c.weights.getNumElements();
  r.floatBytes = r.storedBytes = 4 * r.weightCount;
  if (c.pattern) {
    r.pattern = patternText(c.pattern);
    r.density = densityOf(c.weights);
  }
  return r;
}

/// A contraction --quantize cannot take (a remark said why): counted, in
/// float, with its weights' size when static.
static LayerReport unhandledLayer(Operation *op, StringRef why,
                                  llvm::StringMap<unsigned> &counts) {
  LayerReport r;
  r.name = layerName(op, counts);
  r.op = op->getName().getStringRef().str();
  r.storage = "float";
  r.keptInFloat = why.str();
  auto weights = dyn_cast<RankedTensorType>(
      cast<linalg::LinalgOp>(op).getDpsInputs().back().getType());
  if (weights && weights.hasStaticShape())
    r.weightCount = weights.getNumElements();
  r.floatBytes = r.storedBytes = 4 * r.weightCount;
  return r;
}

static std::string decibels(std::optional<double> db) {
  if (!db)
    return "not measured";
  if (std::isinf(*db))
    return *db > 0 ? "inf" : "-inf";
  return llvm::formatv("{0:F2} dB", *db).str();
}

static llvm::json::Value sqnrJson(std::optional<double> db) {
  if (!db)
    return nullptr;
  if (std::isinf(*db))
    return *db > 0 ? "inf" : "-inf";
  return *db;
}

static llvm::json::Object paramsJson(const QuantParams &p) {
  llvm::json::Object o{{"bits", p.storageBits},
                       {"signed", p.isSigned},
                       {"scales", llvm::json::Array(p.scales)},
                       {"zero_points", llvm::json::Array(p.zeroPoints)}};
  if (p.axis)
    o["axis"] = *p.axis;
  return o;
}

/// "i8 per-channel sym", "i8 per-channel asym" (a zero point per channel),
/// "i8 zp -3", "f32".
static std::string schemeText(const std::optional<QuantParams> &p) {
  if (!p)
    return "f32";
  std::string s = (p->isSigned ? "i" : "u") + std::to_string(p->storageBits);
  if (p->isPerAxis())
    s += " per-channel";
  bool symmetric =
      llvm::all_of(p->zeroPoints, [](int64_t z) { return z == 0; });
  if (symmetric)
    return s + " sym";
  if (p->isPerAxis())
    return s + " asym";
  return s + " zp " + std::to_string(p->zeroPoints[0]);
}

namespace {
struct Totals {
  int64_t layers = 0, quantized = 0, floatBytes = 0, storedBytes = 0;
  std::optional<double> outputSqnr;
};
} // namespace

static llvm::json::Value reportJson(ArrayRef<LayerReport> layers,
                                    const Totals &totals) {
  llvm::json::Array array;
  for (const LayerReport &r : layers) {
    llvm::json::Object o{{"name", r.name},
                         {"op", r.op},
                         {"quantized", r.quantized},
                         {"weight_storage", r.storage},
                         {"weight_count", r.weightCount},
                         {"bytes_float", r.floatBytes},
                         {"bytes_stored", r.storedBytes},
                         {"sqnr_db", sqnrJson(r.sqnr)}};
    if (!r.pattern.empty()) {
      o["pruned"] = r.pattern;
      o["density"] = r.density ? llvm::json::Value(*r.density) : nullptr;
    }
    if (!r.keptInFloat.empty())
      o["kept_in_float"] = r.keptInFloat;
    if (r.input)
      o["input"] = paramsJson(*r.input);
    if (r.weights)
      o["weights"] = paramsJson(*r.weights);
    if (r.output)
      o["output"] = paramsJson(*r.output);
    array.push_back(std::move(o));
  }
  return llvm::json::Object{
      {"format", "qnn-report"},
      {"version", 1},
      {"layers", std::move(array)},
      {"totals",
       llvm::json::Object{{"layers", totals.layers},
                          {"quantized", totals.quantized},
                          {"bytes_float", totals.floatBytes},
                          {"bytes_stored", totals.storedBytes},
                          {"output_sqnr_db", sqnrJson(totals.outputSqnr)}}}};
}

static void printTable(llvm::raw_ostream &os, ArrayRef<LayerReport> layers,
                       const Totals &totals) {
  // Name, op, weights, input and output left-aligned; sizes and SQNR right.
  SmallVector<size_t> widths{5, 6, 7, 6, 5, 6, 9, 6, 4};
  SmallVector<SmallVector<std::string>> rows{{"layer", "op", "weights",
                                              "pruned", "input", "output",
                                              "f32 bytes", "stored", "SQNR"}};
  for (const LayerReport &r : layers) {
    std::string weights = r.quantized ? schemeText(r.weights) : "f32";
    if (r.storage == "packed" || r.storage == "codebook")
      weights += " " + r.storage;
    std::string pruned = "-";
    if (!r.pattern.empty())
      pruned = r.pattern +
               (r.density ? llvm::formatv(", density {0:F2}", *r.density).str()
                          : "");
    rows.push_back({r.name, r.op, weights, pruned,
                    r.quantized ? schemeText(r.input) : "f32",
                    r.quantized ? schemeText(r.output) : "f32",
                    std::to_string(r.floatBytes), std::to_string(r.storedBytes),
                    r.quantized ? decibels(r.sqnr) : "-"});
  }
  // The pruning column only when something is pruned.
  if (llvm::all_of(layers,
                   [](const LayerReport &r) { return r.pattern.empty(); })) {
    widths.erase(widths.begin() + 3);
    for (auto &row : rows)
      row.erase(row.begin() + 3);
  }
  size_t leftAligned = rows[0].size() - 3;
  for (const auto &row : rows)
    for (auto [width, cell] : llvm::zip(widths, row))
      width = std::max(width, cell.size());
  for (const auto &row : rows) {
    for (auto [i, cell] : llvm::enumerate(row)) {
      if (i)
        os << "  ";
      if (i < leftAligned)
        os << llvm::left_justify(cell, widths[i]);
      else
        os << llvm::right_justify(cell, widths[i]);
    }
    os << "\n";
  }
  double ratio =
      totals.storedBytes ? double(totals.floatBytes) / totals.storedBytes : 0.0;
  os << llvm::formatv("total: {0} of {1} layers quantized, {2} -> {3} bytes "
                      "({4:F2}x smaller), results' SQNR {5}\n",
                      totals.quantized, totals.layers, totals.floatBytes,
                      totals.storedBytes, ratio, decibels(totals.outputSqnr));
}

/// Writes `path` ('-': standard output) as a side output (SideOutputs.h).
static LogicalResult
writeReport(ModuleOp module, StringRef path,
            llvm::function_ref<void(llvm::raw_ostream &)> f) {
  if (llvm::Error error = writeSideOutput(module.getContext(), path, f))
    return emitError(module.getLoc())
           << "qnn-report: " << llvm::toString(std::move(error));
  return success();
}

namespace {
struct QNNReportPass final : qnn::impl::QNNReportPassBase<QNNReportPass> {
  using QNNReportPassBase::QNNReportPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty() && table.empty()) {
      emitError(module.getLoc(),
                "qnn-report: give file=REPORT.json, table=FILE or "
                "table=- (standard output)");
      return signalPassFailure();
    }
    std::vector<LayerReport> layers;
    llvm::StringMap<unsigned> counts;
    Totals totals;
    module.walk([&](Operation *op) {
      if (isa<MatmulOp, Conv2DOp>(op)) {
        layers.push_back(quantizedLayer(op, counts));
      } else if (isa<linalg::LinalgOp>(op)) {
        std::string whyNot;
        if (std::optional<FloatContraction> c =
                matchFloatContraction(op, whyNot))
          layers.push_back(floatLayer(*c, counts));
        else if (!whyNot.empty())
          layers.push_back(unhandledLayer(op, whyNot, counts));
      } else if (auto func = dyn_cast<func::FuncOp>(op)) {
        if (auto sqnr = QNNDialect::OutputSqnrAttrHelper(func->getContext())
                            .getAttr(func))
          totals.outputSqnr = sqnr.getValueAsDouble();
      }
    });
    for (const LayerReport &r : layers) {
      ++totals.layers;
      totals.quantized += r.quantized;
      totals.floatBytes += r.floatBytes;
      totals.storedBytes += r.storedBytes;
    }
    if (!file.empty() &&
        failed(writeReport(module, file, [&](llvm::raw_ostream &os) {
          os << llvm::formatv("{0:2}", reportJson(layers, totals)) << "\n";
        })))
      return signalPassFailure();
    if (!table.empty() &&
        failed(writeReport(module, table, [&](llvm::raw_ostream &os) {
          printTable(os, layers, totals);
        })))
      return signalPassFailure();
    markAllAnalysesPreserved();
  }
};
} // namespace
