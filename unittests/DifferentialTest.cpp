//===- DifferentialTest.cpp - Lowered code against the reference ----------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Random (seeded, reproducible) shapes, scales, zero points and values for
// every qnn op: each case is written as IR, lowered with qnn-to-llvm,
// JIT-compiled and run, and every output element is compared bit for bit
// with the scalar reference of docs/Semantics.md. QNN_DIFF_SEED overrides
// the seed, QNN_DIFF_CASES the number of cases per test.
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Target.h"
#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"
#include "qnn/Reference/Semantics.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FormatVariadic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <sstream>

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// Every rounding mode of qnn.requantize, with its keyword.
struct RoundingKeyword {
  const char *keyword;
  ref::Rounding mode;
};
constexpr RoundingKeyword kRoundings[] = {
    {"half_to_even", ref::Rounding::HalfToEven},
    {"half_away_from_zero", ref::Rounding::HalfAwayFromZero},
    {"double_round", ref::Rounding::DoubleRound},
    {"single_round", ref::Rounding::SingleRound},
    {"tosa_double_round", ref::Rounding::TosaDoubleRound}};
constexpr int kNumRoundings = static_cast<int>(std::size(kRoundings));

unsigned envOr(const char *name, unsigned fallback) {
  const char *value = std::getenv(name);
  return value ? static_cast<unsigned>(std::strtoul(value, nullptr, 10))
               : fallback;
}

/// A random quantization: storage, scales and zero points per channel.
struct Quant {
  unsigned bits = 8;
  bool isSigned = true;
  bool narrow = false;
  std::vector<double> scales;
  std::vector<int64_t> zps;
  int axis = -1;

  ref::StorageRange range() const {
    ref::StorageRange r = ref::StorageRange::forInteger(bits, isSigned);
    if (narrow)
      r.min += 1;
    return r;
  }
  double scale(int64_t c) const { return scales[axis < 0 ? 0 : c]; }
  int64_t zp(int64_t c) const { return zps[axis < 0 ? 0 : c]; }

  /// The !quant.uniform spelling; scales printed to round-trip exactly.
  std::string type() const {
    std::string storage = (isSigned ? "i" : "u") + std::to_string(bits);
    if (narrow)
      storage += "<" + std::to_string(range().min) + ":" +
                 std::to_string(range().max) + ">";
    auto param = [&](size_t i) {
      return llvm::formatv("{0:e17}:{1}", scales[i], zps[i]).str();
    };
    if (axis < 0)
      return "!quant.uniform<" + storage + ":f32, " + param(0) + ">";
    std::string list;
    for (size_t i = 0; i < scales.size(); ++i)
      list += (i ? ", " : "") + param(i);
    return "!quant.uniform<" + storage + ":f32:" + std::to_string(axis) +
           ", {" + list + "}>";
  }
};

class DifferentialTest : public ::testing::Test {
protected:
  DifferentialTest() : rng(envOr("QNN_DIFF_SEED", 20261122)) {
    DialectRegistry registry;
    mlir::registerAllDialects(registry);
    qnn::registerAllDialects(registry);
    context.appendDialectRegistry(registry);
  }

  unsigned cases() const { return envOr("QNN_DIFF_CASES", 6); }

  int64_t uniformInt(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  }
  /// Zeroes weights of the row-major [K, N] int8 `weights` at random, as
  /// pruning leaves them: aligned blocks of `rows` x `columns` (which the
  /// kept tiles kernel skips) or single weights (which the gather kernel
  /// skips), none, half, 90% or all of them, chosen per call. Returns the
  /// sparse-kernel setting to test with: either sparse kernel always (for
  /// any weights) or the automatic choice.
  SparseKernels prune(NpyArray &weights, int64_t k, int64_t n, int64_t rows,
                      int64_t columns) {
    const int64_t removedPerMille[] = {0, 500, 900, 1000};
    int64_t removed = removedPerMille[uniformInt(0, 3)];
    if (uniformInt(0, 1))
      rows = columns = 1;
    for (int64_t r = 0; r < k; r += rows)
      for (int64_t c = 0; c < n; c += columns) {
        if (uniformInt(0, 999) >= removed)
          continue;
        for (int64_t i = r; i < std::min(k, r + rows); ++i)
          for (int64_t j = c; j < std::min(n, c + columns); ++j)
            weights.data[i * n + j] = 0;
      }
    const SparseKernels modes[] = {SparseKernels::Auto, SparseKernels::Tiles,
                                   SparseKernels::Gather};
    return modes[uniformInt(0, 2)];
  }
  /// Maps the int8 [..., n] `weights` onto few values, which the int8
  /// kernels store as 4- or 2-bit indices into tables, by `form` (below
  /// kAlphabets; others leave them): 4-bit or 2-bit two's complement, 16
  /// or 3 values spread over [-127, 127] (the 3 without 0, which the
  /// padding past K and N then cannot use), 17 values (per lane few
  /// enough, in all too many for one table), or 1 to 4 values of each
  /// column's own (a codebook per channel: 2-bit indices into each
  /// column's entries of a table per lane of 4 columns, or 4-bit ones).
  /// Returns whether it did.
  bool restrictAlphabet(NpyArray &weights, int64_t n, int64_t form) {
    std::vector<int8_t> alphabet;
    switch (form) {
    case 0:
      for (int v = -8; v < 8; ++v)
        alphabet.push_back(static_cast<int8_t>(v));
      break;
    case 1:
      alphabet = {-2, -1, 0, 1};
      break;
    case 2:
      for (int i = 0; i < 16; ++i)
        alphabet.push_back(static_cast<int8_t>(i == 15 ? 127 : -127 + 17 * i));
      break;
    case 3:
      alphabet = {-127, 5, 127};
      break;
    case 4:
      for (int i = 0; i < 17; ++i)
        alphabet.push_back(static_cast<int8_t>(-127 + 15 * i));
      break;
    case 5: {
      std::vector<std::vector<int8_t>> columns(n);
      for (auto &column : columns)
        for (int64_t i = uniformInt(1, 4); i > 0; --i)
          column.push_back(static_cast<int8_t>(uniformInt(-127, 127)));
      for (size_t i = 0; i < weights.data.size(); ++i) {
        const auto &column = columns[i % n];
        weights.data[i] = static_cast<char>(
            column[uniformInt(0, static_cast<int64_t>(column.size()) - 1)]);
      }
      return true;
    }
    default:
      return false;
    }
    for (char &byte : weights.data)
      byte = static_cast<char>(
          alphabet[uniformInt(0, static_cast<int64_t>(alphabet.size()) - 1)]);
    return true;
  }
  static constexpr int64_t kAlphabets = 6;
  double logUniform(double lo, double hi) {
    return std::exp(std::uniform_real_distribution<double>(std::log(lo),
                                                           std::log(hi))(rng));
  }

  /// A random storage quantization with `channels` channels along `axis`
  /// (-1: per tensor). Scales are binary32 values, as qnn writes them.
  Quant randomQuant(int axis, int64_t channels, bool allowWide = true) {
    Quant q;
    const unsigned widths[] = {8, 8, 8, 4, 16, 2};
    q.bits = widths[uniformInt(0, allowWide ? 5 : 2)];
    q.isSigned = uniformInt(0, 2) != 0;
    q.narrow = q.isSigned && q.bits == 8 && uniformInt(0, 3) == 0;
    q.axis = axis;
    for (int64_t c = 0; c < (axis < 0 ? 1 : channels); ++c) {
      q.scales.push_back(static_cast<float>(logUniform(1e-3, 2.0)));
      ref::StorageRange r = q.range();
      // Extreme zero points now and then.
      int64_t pick = uniformInt(0, 4);
      q.zps.push_back(pick == 0   ? r.min
                      : pick == 1 ? r.max
                                  : uniformInt(r.min, r.max));
    }
    return q;
  }

  Quant accumulator(const Quant &in, const Quant &weights, int axis) {
    Quant acc;
    acc.bits = 32;
    acc.axis = weights.axis < 0 ? -1 : axis;
    for (double s : weights.scales) {
      acc.scales.push_back(in.scales[0] * s);
      acc.zps.push_back(0);
    }
    return acc;
  }

  /// Symmetric int8 weights (zero points 0), per tensor or per `axis`.
  Quant symmetricWeights(int axis, int64_t channels) {
    Quant q;
    q.isSigned = true;
    q.narrow = uniformInt(0, 1);
    q.axis = uniformInt(0, 1) ? axis : -1;
    for (int64_t c = 0; c < (q.axis < 0 ? 1 : channels); ++c) {
      q.scales.push_back(static_cast<float>(logUniform(1e-3, 2.0)));
      q.zps.push_back(0);
    }
    return q;
  }

  NpyArray randomStorage(const Quant &q, std::vector<int64_t> shape) {
    NpyArray a;
    a.shape = std::move(shape);
    a.dtype = q.bits == 16 ? (q.isSigned ? DType::I16 : DType::U16)
                           : (q.isSigned ? DType::I8 : DType::U8);
    a.data.resize(a.numElements() * dtypeSize(a.dtype));
    ref::StorageRange r = q.range();
    for (int64_t i = 0; i < a.numElements(); ++i) {
      int64_t v = uniformInt(0, 9) == 0 ? (uniformInt(0, 1) ? r.min : r.max)
                                        : uniformInt(r.min, r.max);
      if (q.bits == 16)
        a.as<int16_t>()[i] = static_cast<int16_t>(v);
      else
        a.data[i] = static_cast<char>(v);
    }
    return a;
  }

  static int64_t readInt(const NpyArray &a, int64_t i) {
    switch (a.dtype) {
    case DType::I8:
      return a.as<int8_t>()[i];
    case DType::U8:
      return a.as<uint8_t>()[i];
    case DType::I16:
      return a.as<int16_t>()[i];
    case DType::U16:
      return a.as<uint16_t>()[i];
    case DType::I32:
      return a.as<int32_t>()[i];
    case DType::I64:
      return a.as<int64_t>()[i];
    default:
      ADD_FAILURE() << "not an integer array";
      return 0;
    }
  }

  void checkInt8Matmul(RunnerOptions &options, int64_t m, int64_t k, int64_t nn,
                       bool dynamicM, int64_t alphabet);
  void checkInt8Layer(std::string ir, const std::string &shape,
                      const Quant &qacc, ArrayRef<int32_t> acc,
                      const std::vector<NpyArray> &inputs,
                      const RunnerOptions &options);

  /// Parses, lowers, runs `@f` on `inputs`.
  std::vector<NpyArray> run(const std::string &ir, std::vector<NpyArray> inputs,
                            const RunnerOptions &options = {}) {
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(ir, &context);
    EXPECT_TRUE(module) << ir;
    if (!module)
      return {};
    auto runner = Runner::create(std::move(module), "f", options);
    if (!runner) {
      ADD_FAILURE() << llvm::toString(runner.takeError()) << "\n" << ir;
      return {};
    }
    auto outputs = (*runner)->run(inputs);
    if (!outputs) {
      ADD_FAILURE() << llvm::toString(outputs.takeError());
      return {};
    }
    return std::move(*outputs);
  }

  static std::string shapeText(const std::vector<int64_t> &shape) {
    std::string text;
    for (int64_t d : shape)
      text += (d < 0 ? std::string("?") : std::to_string(d)) + "x";
    return text;
  }

  static int64_t channelAt(int64_t i, const std::vector<int64_t> &shape,
                           int axis) {
    if (axis < 0)
      return 0;
    int64_t stride = 1;
    for (size_t d = shape.size() - 1; static_cast<int>(d) > axis; --d)
      stride *= shape[d];
    return (i / stride) % shape[axis];
  }

  std::mt19937_64 rng;
  MLIRContext context;
};

TEST_F(DifferentialTest, Quantize) {
  const char *modes[] = {"half_to_even", "half_away_from_zero"};
  for (unsigned n = 0; n < cases(); ++n) {
    std::vector<int64_t> shape = {uniformInt(1, 5), uniformInt(1, 37)};
    int axis = static_cast<int>(uniformInt(-1, 1));
    Quant q = randomQuant(axis, axis < 0 ? 1 : shape[axis]);
    int mode = static_cast<int>(uniformInt(0, 1));
    NpyArray x;
    x.shape = shape;
    x.data.resize(x.numElements() * 4);
    for (int64_t i = 0; i < x.numElements(); ++i) {
      int64_t c = channelAt(i, shape, axis);
      float v;
      switch (uniformInt(0, 5)) {
      case 0: // an exact tie
        v = static_cast<float>((uniformInt(-300, 300) + 0.5) * q.scale(c));
        break;
      case 1: // far out of range
        v = static_cast<float>(uniformInt(-1, 1) * 1e6);
        break;
      case 2:
        v = uniformInt(0, 1) ? NAN : (uniformInt(0, 1) ? INFINITY : -INFINITY);
        break;
      default:
        v = static_cast<float>(std::normal_distribution<double>(0, 100)(rng) *
                               q.scale(c));
      }
      x.as<float>()[i] = v;
    }
    std::string t = "tensor<" + shapeText(shape);
    std::string ir = "func.func @f(%x: " + t + "f32>) -> " + t + q.type() +
                     "> {\n  %q = qnn.quantize %x rounding = " + modes[mode] +
                     " : " + t + "f32> -> " + t + q.type() +
                     ">\n  return %q : " + t + q.type() + ">\n}\n";
    auto out = run(ir, {x});
    ASSERT_EQ(out.size(), 1u);
    for (int64_t i = 0; i < x.numElements(); ++i) {
      int64_t c = channelAt(i, shape, axis);
      int64_t expected = ref::quantize(
          x.as<float>()[i], q.scale(c), q.zp(c), q.range(),
          mode ? ref::Rounding::HalfAwayFromZero : ref::Rounding::HalfToEven);
      int64_t got = readInt(out[0], i);
      // Sub-byte storage comes back in a byte; compare the stored bits.
      if (q.bits < 8) {
        // Sign- or zero-extend the low `bits` bits (without shifting a
        // negative value, which is undefined behaviour).
        auto low = static_cast<uint64_t>(got) & ((uint64_t(1) << q.bits) - 1);
        uint64_t sign = uint64_t(1) << (q.bits - 1);
        got = q.isSigned ? static_cast<int64_t>(low ^ sign) -
                               static_cast<int64_t>(sign)
                         : static_cast<int64_t>(low);
      }
      ASSERT_EQ(got, expected)
          << "element " << i << " x = " << x.as<float>()[i] << "\n"
          << ir;
    }
  }
}

TEST_F(DifferentialTest, Dequantize) {
  for (unsigned n = 0; n < cases(); ++n) {
    std::vector<int64_t> shape = {uniformInt(1, 4), uniformInt(1, 33)};
    int axis = static_cast<int>(uniformInt(-1, 1));
    Quant q = randomQuant(axis, axis < 0 ? 1 : shape[axis]);
    if (q.bits < 8)
      q.bits = 8; // sub-byte inputs would need the caller to sign-extend
    NpyArray in = randomStorage(q, shape);
    std::string t = "tensor<" + shapeText(shape);
    std::string ir = "func.func @f(%q: " + t + q.type() + ">) -> " + t +
                     "f32> {\n  %x = qnn.dequantize %q : " + t + q.type() +
                     "> -> " + t + "f32>\n  return %x : " + t + "f32>\n}\n";
    auto out = run(ir, {in});
    ASSERT_EQ(out.size(), 1u);
    for (int64_t i = 0; i < in.numElements(); ++i) {
      int64_t c = channelAt(i, shape, axis);
      float expected = ref::dequantize(readInt(in, i), q.scale(c), q.zp(c));
      float got = out[0].as<float>()[i];
      ASSERT_EQ(std::memcmp(&got, &expected, 4), 0)
          << "element " << i << ": " << got << " vs " << expected;
    }
  }
}

TEST_F(DifferentialTest, RequantizeEveryMode) {
  for (unsigned n = 0; n < 2 * cases(); ++n) {
    int m = static_cast<int>(n % kNumRoundings);
    std::vector<int64_t> shape = {uniformInt(1, 5), uniformInt(1, 19)};
    bool perAxis = uniformInt(0, 1);
    int64_t channels = perAxis ? shape[1] : 1;
    Quant in;
    in.bits = 32;
    in.axis = perAxis ? 1 : -1;
    Quant out = randomQuant(-1, 1, /*allowWide=*/false);
    for (int64_t c = 0; c < channels; ++c) {
      // Ratios from 1e-6 to a few units (left shifts for double_round).
      double ratio = logUniform(1e-6, 8.0);
      in.scales.push_back(ratio * out.scales[0]);
      in.zps.push_back(0);
    }
    NpyArray acc;
    acc.dtype = DType::I32;
    acc.shape = shape;
    acc.data.resize(acc.numElements() * 4);
    for (int64_t i = 0; i < acc.numElements(); ++i) {
      int64_t pick = uniformInt(0, 9);
      acc.as<int32_t>()[i] =
          pick == 0   ? std::numeric_limits<int32_t>::min()
          : pick == 1 ? std::numeric_limits<int32_t>::max()
          : pick < 5  ? static_cast<int32_t>(uniformInt(-200, 200))
                      : static_cast<int32_t>(uniformInt(-(1 << 24), 1 << 24));
    }
    std::string t = "tensor<" + shapeText(shape);
    std::string ir =
        "func.func @f(%a: " + t + in.type() + ">) -> " + t + out.type() +
        "> {\n  %r = qnn.requantize %a rounding = " + kRoundings[m].keyword +
        " : " + t + in.type() + "> -> " + t + out.type() +
        ">\n  return %r : " + t + out.type() + ">\n}\n";
    // A ratio too large for a fixed-point mode is a verifier error; skip.
    bool representable = true;
    for (int64_t c = 0; c < channels; ++c)
      representable &= ref::isFloatRounding(kRoundings[m].mode) ||
                       ref::computeFixedPointMultiplier(
                           in.scale(c) / out.scale(0), kRoundings[m].mode)
                           .has_value();
    if (!representable)
      continue;
    auto result = run(ir, {acc});
    ASSERT_EQ(result.size(), 1u);
    for (int64_t i = 0; i < acc.numElements(); ++i) {
      int64_t c = channelAt(i, shape, in.axis);
      std::optional<int64_t> expected =
          ref::requantize(acc.as<int32_t>()[i], in.scale(c), 0, out.scale(0),
                          out.zp(0), out.range(), kRoundings[m].mode);
      ASSERT_EQ(readInt(result[0], i), *expected)
          << kRoundings[m].keyword << " element " << i
          << " q = " << acc.as<int32_t>()[i] << "\n"
          << ir;
    }
  }
}

/// Requantizing into 32-bit storage saturates at both ends in every mode:
/// the float modes' bounds are not exact in binary32 (2^31 - 1 rounds up to
/// 2^31), which once turned saturation at the top into INT32_MIN.
TEST_F(DifferentialTest, RequantizeToI32Saturates) {
  const double ratios[] = {4.0, 1.5, 1.0, 0.25, 1000.0};
  for (int m = 0; m < kNumRoundings; ++m) {
    for (double ratio : ratios) {
      Quant in, out;
      in.bits = out.bits = 32;
      in.scales = {1.0};
      in.zps = {0};
      out.scales = {1.0 / ratio};
      out.zps = {0};
      if (!ref::isFloatRounding(kRoundings[m].mode) &&
          !ref::computeFixedPointMultiplier(ratio, kRoundings[m].mode))
        continue;
      NpyArray acc;
      acc.dtype = DType::I32;
      acc.shape = {24};
      acc.data.resize(24 * 4);
      const int32_t fixed[] = {std::numeric_limits<int32_t>::max(),
                               std::numeric_limits<int32_t>::min(),
                               1073741824,
                               -1073741824,
                               5,
                               -5,
                               0,
                               536870912};
      for (int64_t i = 0; i < 24; ++i)
        acc.as<int32_t>()[i] =
            i < 8 ? fixed[i]
                  : static_cast<int32_t>(
                        uniformInt(std::numeric_limits<int32_t>::min(),
                                   std::numeric_limits<int32_t>::max()));
      std::string t = "tensor<24x";
      std::string ir =
          "func.func @f(%a: " + t + in.type() + ">) -> " + t + out.type() +
          "> {\n  %r = qnn.requantize %a rounding = " + kRoundings[m].keyword +
          " : " + t + in.type() + "> -> " + t + out.type() +
          ">\n  return %r : " + t + out.type() + ">\n}\n";
      auto result = run(ir, {acc});
      ASSERT_EQ(result.size(), 1u);
      for (int64_t i = 0; i < 24; ++i) {
        std::optional<int64_t> expected =
            ref::requantize(acc.as<int32_t>()[i], 1.0, 0, 1.0 / ratio, 0,
                            out.range(), kRoundings[m].mode);
        ASSERT_EQ(readInt(result[0], i), *expected)
            << kRoundings[m].keyword << " ratio " << ratio
            << " q = " << acc.as<int32_t>()[i];
      }
    }
  }
}

TEST_F(DifferentialTest, Add) {
  for (unsigned n = 0; n < cases(); ++n) {
    std::vector<int64_t> shape = {uniformInt(1, 3), uniformInt(1, 41)};
    Quant a = randomQuant(-1, 1, false), b = randomQuant(-1, 1, false),
          c = randomQuant(-1, 1, false);
    NpyArray x = randomStorage(a, shape), y = randomStorage(b, shape);
    std::string t = "tensor<" + shapeText(shape);
    std::string ir = "func.func @f(%a: " + t + a.type() + ">, %b: " + t +
                     b.type() + ">) -> " + t + c.type() +
                     "> {\n  %c = qnn.add %a, %b : " + t + a.type() + ">, " +
                     t + b.type() + "> -> " + t + c.type() +
                     ">\n  return %c : " + t + c.type() + ">\n}\n";
    auto out = run(ir, {x, y});
    ASSERT_EQ(out.size(), 1u);
    for (int64_t i = 0; i < x.numElements(); ++i)
      ASSERT_EQ(readInt(out[0], i),
                ref::add(readInt(x, i), a.scales[0], a.zps[0], readInt(y, i),
                         b.scales[0], b.zps[0], c.scales[0], c.zps[0],
                         c.range()))
          << "element " << i << "\n"
          << ir;
  }
}

/// Matmul (optionally batched, with a shared or batched rhs, a dynamic
/// batch, per-channel weights and a bias), checked on the i32 accumulator.
TEST_F(DifferentialTest, Matmul) {
  for (unsigned n = 0; n < 2 * cases(); ++n) {
    int64_t m = uniformInt(0, 3) == 0 ? 1 : uniformInt(1, 13);
    int64_t k = uniformInt(1, 70), nn = uniformInt(1, 37);
    int64_t batch = uniformInt(0, 1) ? uniformInt(1, 3) : 0;
    bool batchedRhs = batch && uniformInt(0, 1);
    bool dynamicBatch = batch && uniformInt(0, 1);
    bool perChannel = uniformInt(0, 1);
    bool withBias = uniformInt(0, 1);
    // Constant weights and bias, as --quantize writes them; half of them
    // symmetric and signed, the int8 fast path of the lowering.
    bool constant = !batchedRhs && uniformInt(0, 1);
    Quant qa = randomQuant(-1, 1, false);
    int rhsRank = batchedRhs ? 3 : 2;
    Quant qb = randomQuant(perChannel ? rhsRank - 1 : -1, nn, false);
    if (constant && uniformInt(0, 1)) {
      qb.isSigned = true;
      for (int64_t &z : qb.zps)
        z = 0;
    }
    int accRank = batch ? 3 : 2;
    Quant qacc = accumulator(qa, qb, accRank - 1);
    Quant qbias = accumulator(qa, qb, 0);

    std::vector<int64_t> aShape =
        batch ? std::vector<int64_t>{batch, m, k} : std::vector<int64_t>{m, k};
    std::vector<int64_t> bShape = batchedRhs
                                      ? std::vector<int64_t>{batch, k, nn}
                                      : std::vector<int64_t>{k, nn};
    std::vector<int64_t> cShape = batch ? std::vector<int64_t>{batch, m, nn}
                                        : std::vector<int64_t>{m, nn};
    auto typed = [&](std::vector<int64_t> shape, const Quant &q) {
      if (dynamicBatch && shape.size() == 3)
        shape[0] = -1;
      return "tensor<" + shapeText(shape) + q.type() + ">";
    };
    std::string aT = typed(aShape, qa), bT = typed(bShape, qb),
                cT = typed(cShape, qacc),
                biasT =
                    "tensor<" + std::to_string(nn) + "x" + qbias.type() + ">";
    NpyArray a = randomStorage(qa, aShape), b = randomStorage(qb, bShape);
    NpyArray bias;
    bias.dtype = DType::I32;
    bias.shape = {nn};
    bias.data.resize(nn * 4);
    for (int64_t j = 0; j < nn; ++j)
      bias.as<int32_t>()[j] = static_cast<int32_t>(uniformInt(-100000, 100000));

    std::string body, params = "%a: " + aT;
    if (constant) {
      // qnn.constant spells the stored integers of the storage type.
      auto dense = [&](const NpyArray &array, const std::string &type) {
        std::string text = "dense<[";
        for (int64_t i = 0; i < array.numElements(); ++i)
          text += (i ? ", " : "") + std::to_string(readInt(array, i));
        return text + "]> : tensor<" + std::to_string(array.numElements()) +
               "x" + type + ">";
      };
      std::string storage =
          (qb.isSigned ? "i" : "ui") + std::to_string(qb.bits);
      body = "  %b = qnn.constant dense<[";
      for (int64_t r = 0; r < k; ++r) {
        body += (r ? ", [" : "[");
        for (int64_t c = 0; c < nn; ++c)
          body += (c ? ", " : "") + std::to_string(readInt(b, r * nn + c));
        body += "]";
      }
      body +=
          "]> : tensor<" + shapeText(bShape) + storage + "> -> " + bT + "\n";
      if (withBias)
        body += "  %bias = qnn.constant " + dense(bias, "i32") + " -> " +
                biasT + "\n";
    } else {
      params += ", %b: " + bT + (withBias ? ", %bias: " + biasT : "");
    }
    std::string ir = "func.func @f(" + params + ") -> " + cT + " {\n" + body +
                     "  %c = qnn.matmul %a, %b" +
                     (withBias ? " bias(%bias)" : "") + " : (" + aT + ", " +
                     bT + (withBias ? ", " + biasT : "") + ") -> " + cT +
                     "\n  return %c : " + cT + "\n}\n";
    std::vector<NpyArray> inputs = {a};
    if (!constant) {
      inputs.push_back(b);
      if (withBias)
        inputs.push_back(bias);
    }
    auto out = run(ir, inputs);
    ASSERT_EQ(out.size(), 1u);

    std::vector<int32_t> av(m * k), bv(k * nn), zb(nn), cv(m * nn);
    for (int64_t j = 0; j < nn; ++j)
      zb[j] = static_cast<int32_t>(qb.zp(j));
    for (int64_t bi = 0; bi < std::max<int64_t>(batch, 1); ++bi) {
      for (int64_t i = 0; i < m * k; ++i)
        av[i] = static_cast<int32_t>(readInt(a, bi * m * k + i));
      for (int64_t i = 0; i < k * nn; ++i)
        bv[i] = static_cast<int32_t>(
            readInt(b, (batchedRhs ? bi * k * nn : 0) + i));
      ref::matmul(av.data(), bv.data(), withBias ? bias.as<int32_t>() : nullptr,
                  cv.data(), m, k, nn, static_cast<int32_t>(qa.zps[0]),
                  zb.data(),
                  /*zbPerChannel=*/true);
      for (int64_t i = 0; i < m * nn; ++i)
        ASSERT_EQ(readInt(out[0], bi * m * nn + i), cv[i])
            << "batch " << bi << " element " << i << "\n"
            << ir;
    }
  }
}

/// The kernel families this machine can execute: its best, then each
/// below it, forced through the target features.
static std::vector<std::pair<Int8ISA, Target>> hostKernelFamilies() {
  Target host = resolveTarget("host", "host");
  std::vector<std::pair<Int8ISA, Target>> families;
  for (const char *removed :
       {"", ",-avx512vbmi", ",-avx512bw", ",-avx512vnni,-avxvnni"}) {
    Target target{host.cpu, host.features + removed};
    Int8ISA isa = int8ISAFor(target);
    if (families.empty() || families.back().first != isa)
      families.emplace_back(isa, target);
  }
  return families;
}

/// Runs `body` with the runner options of each kernel family this machine
/// executes (hostKernelFamilies), until a fatal failure.
static void
forEachKernelFamily(llvm::function_ref<void(RunnerOptions &)> body) {
  for (auto &[isa, target] : hostKernelFamilies()) {
    SCOPED_TRACE(stringifyInt8ISA(isa).str());
    RunnerOptions options;
    options.lowering.targetCPU = target.cpu;
    options.lowering.targetFeatures = target.features;
    body(options);
    if (::testing::Test::HasFatalFailure())
      return;
  }
}

/// The stored bytes of `array` as a dense hex literal.
static std::string hexBytes(const NpyArray &array) {
  std::string hex = "\"0x";
  for (char c : array.data)
    hex += llvm::formatv("{0:X-2}", static_cast<uint8_t>(c)).str();
  return hex + "\"";
}

/// `values` as a dense literal of i32.
static std::string denseI32(ArrayRef<int32_t> values) {
  return "dense<[" +
         llvm::join(llvm::map_range(
                        values, [](int32_t v) { return std::to_string(v); }),
                    ", ") +
         "]> : tensor<" + std::to_string(values.size()) + "xi32>";
}

/// Finishes and checks an int8 kernel's layer: `ir` (a function body up to
/// `%c`, the accumulator of type `shape` + `qacc`, channels last) returns
/// `%c` itself or, half of the time, `%c` requantized to a random 8-bit
/// type in a random rounding mode: the epilogue the kernel computes in its
/// registers. Compares with `acc`, the reference accumulators.
void DifferentialTest::checkInt8Layer(std::string ir, const std::string &shape,
                                      const Quant &qacc, ArrayRef<int32_t> acc,
                                      const std::vector<NpyArray> &inputs,
                                      const RunnerOptions &options) {
  std::string cT = shape + qacc.type() + ">";
  int mode = static_cast<int>(uniformInt(0, 2 * kNumRoundings - 1));
  Quant out = randomQuant(-1, 1, /*allowWide=*/false);
  out.bits = 8;
  // A scale that leaves some outputs inside the range, some saturated.
  out.scales[0] = static_cast<float>(qacc.scales[0] * logUniform(10, 1e5));
  bool representable = true;
  for (size_t c = 0; mode < kNumRoundings && c < qacc.scales.size(); ++c)
    representable &= ref::isFloatRounding(kRoundings[mode].mode) ||
                     ref::computeFixedPointMultiplier(
                         qacc.scales[c] / out.scales[0], kRoundings[mode].mode)
                         .has_value();
  bool requantize = mode < kNumRoundings && representable;
  std::string resultT = requantize ? shape + out.type() + ">" : cT;
  if (requantize)
    ir += std::string("  %r = qnn.requantize %c rounding = ") +
          kRoundings[mode].keyword + " : " + cT + " -> " + resultT + "\n";
  ir =
      ir + "  return " + (requantize ? "%r" : "%c") + " : " + resultT + "\n}\n";
  ir.replace(ir.find("!result"), std::strlen("!result"), resultT);
  auto result = run(ir, inputs, options);
  ASSERT_EQ(result.size(), 1u);
  int64_t channels = qacc.axis < 0 ? 1 : qacc.scales.size();
  for (size_t i = 0; i < acc.size(); ++i) {
    if (!requantize) {
      ASSERT_EQ(readInt(result[0], i), acc[i]) << "element " << i << "\n" << ir;
      continue;
    }
    double scale = qacc.scales[channels == 1 ? 0 : i % channels];
    std::optional<int64_t> expected =
        ref::requantize(acc[i], scale, 0, out.scales[0], out.zps[0],
                        out.range(), kRoundings[mode].mode);
    ASSERT_EQ(readInt(result[0], i), *expected)
        << kRoundings[mode].keyword << " element " << i << " q = " << acc[i]
        << "\n"
        << ir;
  }
}

/// One int8 matmul M x K x N with random symmetric weights (`alphabet`:
/// restricted as restrictAlphabet does, if below kAlphabets) through the
/// int8 kernels with `options` (its sparse-kernels mode set here), against the
/// reference. Weights that are not restricted, and half of those that are, are
/// also pruned (DifferentialTest::prune, which picks the sparse kernels' mode);
/// the rest run on the dense kernel.
void DifferentialTest::checkInt8Matmul(RunnerOptions &options, int64_t m,
                                       int64_t k, int64_t nn, bool dynamicM,
                                       int64_t alphabet) {
  bool withBias = uniformInt(0, 1);
  Quant qa = randomQuant(-1, 1, false);
  qa.bits = 8;
  Quant qb = symmetricWeights(1, nn);
  Quant qacc = accumulator(qa, qb, 1), qbias = accumulator(qa, qb, 0);
  NpyArray a = randomStorage(qa, {m, k}), b = randomStorage(qb, {k, nn});
  if (restrictAlphabet(b, nn, alphabet) && uniformInt(0, 1))
    options.lowering.sparseKernels = SparseKernels::Never;
  else
    options.lowering.sparseKernels = prune(b, k, nn, 4, 8);
  std::vector<int32_t> bias(nn);
  for (int32_t &v : bias)
    v = static_cast<int32_t>(uniformInt(-100000, 100000));

  std::string rows = dynamicM ? "?" : std::to_string(m);
  std::string aT = "tensor<" + rows + "x" + std::to_string(k) + "x" +
                   qa.type() + ">",
              bT = "tensor<" + shapeText({k, nn}) + qb.type() + ">",
              cShape = "tensor<" + rows + "x" + std::to_string(nn) + "x",
              cT = cShape + qacc.type() + ">",
              biasT = "tensor<" + std::to_string(nn) + "x" + qbias.type() + ">";
  std::string ir = "func.func @f(%a: " + aT + ") -> !result {\n";
  ir += "  %b = qnn.constant dense<" + hexBytes(b) + "> : tensor<" +
        shapeText({k, nn}) + "i8> -> " + bT + "\n";
  if (withBias)
    ir += "  %bias = qnn.constant " + denseI32(bias) + " -> " + biasT + "\n";
  ir += "  %c = qnn.matmul %a, %b" +
        std::string(withBias ? " bias(%bias)" : "") + " : (" + aT + ", " + bT +
        (withBias ? ", " + biasT : "") + ") -> " + cT + "\n";

  std::vector<int32_t> av(m * k), bv(k * nn), zb(nn, 0), cv(m * nn);
  for (int64_t i = 0; i < m * k; ++i)
    av[i] = static_cast<int32_t>(readInt(a, i));
  for (int64_t i = 0; i < k * nn; ++i)
    bv[i] = static_cast<int32_t>(readInt(b, i));
  ref::matmul(av.data(), bv.data(), withBias ? bias.data() : nullptr, cv.data(),
              m, k, nn, static_cast<int32_t>(qa.zps[0]), zb.data(),
              /*zbPerChannel=*/true);
  checkInt8Layer(ir, cShape, qacc, cv, {a}, options);
}

/// The int8 matmul kernels against the reference, on every kernel family
/// this machine can execute, with the shapes that exercise their tails: M
/// around the 6-row tile (static and dynamic), K not a multiple of 4, N
/// around the 8- and 16-column panels, extreme bytes; weights with pruned
/// blocks or single weights, through the dense kernel and the kept tiles
/// and gather kernels (12-row tiles), or of few values, as 4- and 2-bit
/// indices.
TEST_F(DifferentialTest, Int8KernelsMatmul) {
  forEachKernelFamily([&](RunnerOptions &options) {
    for (unsigned n = 0; n < 2 * cases(); ++n) {
      const int64_t ms[] = {0, 1, 5, 6, 7, 13, 18};
      int64_t m = n < 7 ? ms[n] : uniformInt(1, 20);
      int64_t k = uniformInt(0, 1) ? uniformInt(1, 9) : uniformInt(10, 300);
      const int64_t ns[] = {1, 7, 8, 9, 16, 17, 33, 64, 65, 100};
      int64_t nn = ns[uniformInt(0, 9)];
      checkInt8Matmul(options, m, k, nn, uniformInt(0, 1),
                      uniformInt(0, 2 * kAlphabets));
      if (HasFatalFailure())
        return;
    }
  });
}

/// Weights of few values on every kernel family: each form of tables
/// (restrictAlphabet), expanded in each tile (few rows) and once per block
/// of panels (more rows than 64, the most any family expands in tiles).
TEST_F(DifferentialTest, Int8KernelsSubByteWeights) {
  forEachKernelFamily([&](RunnerOptions &options) {
    for (int64_t alphabet = 0; alphabet < kAlphabets; ++alphabet) {
      SCOPED_TRACE("alphabet " + std::to_string(alphabet));
      const int64_t ms[] = {1, 5, 70};
      int64_t m = ms[uniformInt(0, 2)];
      int64_t k = uniformInt(0, 1) ? uniformInt(1, 9) : uniformInt(10, 300);
      const int64_t ns[] = {7, 16, 33, 65, 100};
      checkInt8Matmul(options, m, k, ns[uniformInt(0, 4)], uniformInt(0, 1),
                      alphabet);
      if (HasFatalFailure())
        return;
    }
  });
}

/// Convolutions with one group on the int8 kernels (an implicit matmul
/// over N x OH x OW pixels), on every kernel family this machine runs:
/// channel counts around the 64-byte copy chunks, K = KH * KW * C not a
/// multiple of 4, padding (filled with the zero point), strides,
/// dilations, a dynamic batch; filters with pruned blocks or single
/// weights, through the dense kernel and both sparse ones; every third a
/// depthwise convolution (its own kernels, padding read in place).
TEST_F(DifferentialTest, Int8KernelsConv) {
  forEachKernelFamily([&](RunnerOptions &options) {
    for (unsigned n = 0; n < 2 * cases(); ++n) {
      ref::Conv2DShape s;
      s.batch = uniformInt(1, 2);
      s.inH = uniformInt(3, 9);
      s.inW = uniformInt(3, 9);
      // 72 and 128: several 64-byte gather windows per tap, read in place.
      const int64_t cs[] = {1, 3, 4, 5, 16, 33, 64, 70, 72, 128};
      s.inC = cs[uniformInt(0, 9)];
      const int64_t fs[] = {1, 8, 17, 32, 40};
      s.outC = fs[uniformInt(0, 4)];
      s.kH = uniformInt(1, 3);
      s.kW = uniformInt(1, 3);
      s.strideH = uniformInt(1, 2);
      s.strideW = uniformInt(1, 2);
      s.dilationH = uniformInt(1, 2);
      s.dilationW = uniformInt(1, 2);
      s.padTop = uniformInt(0, 2);
      s.padBottom = uniformInt(0, 2);
      s.padLeft = uniformInt(0, 2);
      s.padRight = uniformInt(0, 2);
      // First, a padded input read in place whose rows are not whole
      // 64-byte chunks, padded with 0 (which the conversion maps to 128).
      if (n == 0) {
        s.inC = 4;
        s.inW = 5;
        s.padLeft = s.padRight = 1;
      }
      // Every third a depthwise convolution, its filter up to 5 rows
      // high (two groups of 4 for vpdpbusd) and channels around the VNNI
      // kernel's blocks of 4L (192: MobileNet's).
      bool depthwise = n % 3 == 2;
      if (depthwise) {
        const int64_t dcs[] = {1, 5, 16, 33, 64, 70, 192};
        s.inC = dcs[uniformInt(0, 6)];
        s.kH = uniformInt(1, 5);
        s.inH = uniformInt(5, 9);
        s.outC = s.inC;
        s.groups = s.inC;
      }
      if (s.outH() < 1 || s.outW() < 1)
        continue;
      bool dynamicBatch = uniformInt(0, 1);
      bool withBias = uniformInt(0, 1);
      Quant qx = randomQuant(-1, 1, false);
      qx.bits = 8;
      if (n == 0 || uniformInt(0, 3) == 0)
        qx.zps[0] = 0;
      Quant qw = symmetricWeights(3, s.outC);
      Quant qacc = accumulator(qx, qw, 3), qbias = accumulator(qx, qw, 0);
      std::vector<int64_t> xShape = {s.batch, s.inH, s.inW, s.inC};
      std::vector<int64_t> wShape = {s.kH, s.kW, depthwise ? 1 : s.inC, s.outC};
      std::vector<int64_t> yShape = {s.batch, s.outH(), s.outW(), s.outC};
      NpyArray x = randomStorage(qx, xShape), w = randomStorage(qw, wShape);
      if (restrictAlphabet(w, s.outC, uniformInt(0, 2 * kAlphabets)) &&
          uniformInt(0, 1))
        options.lowering.sparseKernels = SparseKernels::Never;
      else
        options.lowering.sparseKernels =
            prune(w, w.numElements() / s.outC, s.outC, 4, 8);
      std::vector<int32_t> bias(s.outC);
      for (int32_t &v : bias)
        v = static_cast<int32_t>(uniformInt(-5000, 5000));
      auto typed = [&](std::vector<int64_t> shape, const Quant &q) {
        if (dynamicBatch)
          shape[0] = -1;
        return "tensor<" + shapeText(shape) + q.type() + ">";
      };
      std::string xT = typed(xShape, qx), yT = typed(yShape, qacc);
      std::string yShapeText =
          "tensor<" + (dynamicBatch ? "?x" : std::to_string(s.batch) + "x") +
          shapeText({s.outH(), s.outW(), s.outC});
      std::string wT = "tensor<" + shapeText(wShape) + qw.type() + ">";
      std::string bT =
          "tensor<" + std::to_string(s.outC) + "x" + qbias.type() + ">";
      std::string attrs = llvm::formatv(
          "{{strides = array<i64: {0}, {1}>, dilations = array<i64: {2}, "
          "{3}>, padding = array<i64: {4}, {5}, {6}, {7}>, groups = {8}}",
          s.strideH, s.strideW, s.dilationH, s.dilationW, s.padTop, s.padBottom,
          s.padLeft, s.padRight, depthwise ? s.inC : 1);
      std::string ir = "func.func @f(%x: " + xT + ") -> !result {\n";
      ir += "  %w = qnn.constant dense<" + hexBytes(w) + "> : tensor<" +
            shapeText(wShape) + "i8> -> " + wT + "\n";
      if (withBias)
        ir += "  %b = qnn.constant " + denseI32(bias) + " -> " + bT + "\n";
      ir += "  %c = qnn.conv2d %x, %w" +
            std::string(withBias ? " bias(%b)" : "") + " " + attrs + " : (" +
            xT + ", " + wT + (withBias ? ", " + bT : "") + ") -> " + yT + "\n";

      std::vector<int32_t> xv(x.numElements()), wv(w.numElements()),
          zw(s.outC, 0), yv(s.batch * s.outH() * s.outW() * s.outC);
      for (int64_t i = 0; i < x.numElements(); ++i)
        xv[i] = static_cast<int32_t>(readInt(x, i));
      for (int64_t i = 0; i < w.numElements(); ++i)
        wv[i] = static_cast<int32_t>(readInt(w, i));
      ref::conv2d(xv.data(), wv.data(), withBias ? bias.data() : nullptr,
                  yv.data(), s, static_cast<int32_t>(qx.zps[0]), zw.data(),
                  /*zfPerChannel=*/true);
      checkInt8Layer(ir, yShapeText, qacc, yv, {x}, options);
      if (HasFatalFailure())
        return;
    }
  });
}

/// Conv2d in every form: strides, dilations, padding, groups 1, grouped,
/// depthwise with a multiplier, per-channel filters, a bias.
TEST_F(DifferentialTest, Conv2D) {
  for (unsigned n = 0; n < 2 * cases(); ++n) {
    ref::Conv2DShape s;
    s.batch = uniformInt(1, 2);
    s.inH = uniformInt(3, 9);
    s.inW = uniformInt(3, 9);
    int kind = static_cast<int>(n % 3); // 0 plain, 1 depthwise, 2 grouped
    int64_t groups = kind == 0 ? 1 : (kind == 1 ? 0 : 2);
    if (kind == 1) {
      s.inC = uniformInt(1, 6);
      groups = s.inC;
      s.outC = s.inC * uniformInt(1, 2);
    } else {
      s.inC = groups * uniformInt(1, 4);
      s.outC = groups * uniformInt(1, 4);
    }
    s.groups = groups;
    s.kH = uniformInt(1, 3);
    s.kW = uniformInt(1, 3);
    s.strideH = uniformInt(1, 2);
    s.strideW = uniformInt(1, 2);
    s.dilationH = uniformInt(1, 2);
    s.dilationW = uniformInt(1, 2);
    s.padTop = uniformInt(0, 2);
    s.padBottom = uniformInt(0, 2);
    s.padLeft = uniformInt(0, 2);
    s.padRight = uniformInt(0, 2);
    if (s.outH() < 1 || s.outW() < 1)
      continue;
    bool perChannel = uniformInt(0, 1);
    bool withBias = uniformInt(0, 1);
    Quant qx = randomQuant(-1, 1, false);
    Quant qw = randomQuant(perChannel ? 3 : -1, s.outC, false);
    Quant qacc = accumulator(qx, qw, 3), qbias = accumulator(qx, qw, 0);
    std::vector<int64_t> xShape = {s.batch, s.inH, s.inW, s.inC};
    std::vector<int64_t> wShape = {s.kH, s.kW, s.inC / groups, s.outC};
    std::vector<int64_t> yShape = {s.batch, s.outH(), s.outW(), s.outC};
    NpyArray x = randomStorage(qx, xShape), w = randomStorage(qw, wShape);
    NpyArray bias;
    bias.dtype = DType::I32;
    bias.shape = {s.outC};
    bias.data.resize(s.outC * 4);
    for (int64_t j = 0; j < s.outC; ++j)
      bias.as<int32_t>()[j] = static_cast<int32_t>(uniformInt(-5000, 5000));
    std::string xT = "tensor<" + shapeText(xShape) + qx.type() + ">";
    std::string wT = "tensor<" + shapeText(wShape) + qw.type() + ">";
    std::string yT = "tensor<" + shapeText(yShape) + qacc.type() + ">";
    std::string bT =
        "tensor<" + std::to_string(s.outC) + "x" + qbias.type() + ">";
    std::string attrs = llvm::formatv(
        "{{strides = array<i64: {0}, {1}>, dilations = array<i64: {2}, {3}>, "
        "padding = array<i64: {4}, {5}, {6}, {7}>, groups = {8}}",
        s.strideH, s.strideW, s.dilationH, s.dilationW, s.padTop, s.padBottom,
        s.padLeft, s.padRight, groups);
    std::string ir = "func.func @f(%x: " + xT + ", %w: " + wT +
                     (withBias ? ", %b: " + bT : "") + ") -> " + yT +
                     " {\n  %y = qnn.conv2d %x, %w" +
                     (withBias ? " bias(%b)" : "") + " " + attrs + " : (" + xT +
                     ", " + wT + (withBias ? ", " + bT : "") + ") -> " + yT +
                     "\n  return %y : " + yT + "\n}\n";
    std::vector<NpyArray> inputs = {x, w};
    if (withBias)
      inputs.push_back(bias);
    auto out = run(ir, inputs);
    ASSERT_EQ(out.size(), 1u);

    std::vector<int32_t> xv(x.numElements()), wv(w.numElements()), zw(s.outC),
        yv(s.batch * s.outH() * s.outW() * s.outC);
    for (int64_t i = 0; i < x.numElements(); ++i)
      xv[i] = static_cast<int32_t>(readInt(x, i));
    for (int64_t i = 0; i < w.numElements(); ++i)
      wv[i] = static_cast<int32_t>(readInt(w, i));
    for (int64_t f = 0; f < s.outC; ++f)
      zw[f] = static_cast<int32_t>(qw.zp(f));
    ref::conv2d(xv.data(), wv.data(), withBias ? bias.as<int32_t>() : nullptr,
                yv.data(), s, static_cast<int32_t>(qx.zps[0]), zw.data(),
                /*zfPerChannel=*/true);
    for (size_t i = 0; i < yv.size(); ++i)
      ASSERT_EQ(readInt(out[0], i), yv[i]) << "element " << i << "\n" << ir;
  }
}

} // namespace
