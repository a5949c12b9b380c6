//===- qnn-bench.cpp - qnn's int8 kernels beside their peers --------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// For each problem, every implementation runs on the same inputs, round
// robin, several rounds; the median time per run is reported with GOPS
// (2 ops per multiply-accumulate) and qnn's speed relative to each peer.
// Every output is checked against the exact int32 reference first. Run it
// pinned to one core (scripts/bench.sh does): absolute times on a shared
// machine drift, the ratios within one run are what to read.
//
//===----------------------------------------------------------------------===//

#include "Bench.h"

#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"
#include "qnn/InitAllPasses.h"
#include "qnn/Reference/Semantics.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <random>

using namespace mlir;
using namespace qnnbench;
namespace cl = llvm::cl;

static cl::opt<unsigned> rounds("rounds", cl::desc("Timed rounds per problem"),
                                cl::init(5));
static cl::opt<double> minSeconds("min-seconds",
                                  cl::desc("Least time of one measurement"),
                                  cl::init(0.05));
static cl::opt<std::string>
    targetCPU("target-cpu",
              cl::desc("CPU qnn compiles for ('host': this machine's)"),
              cl::init("host"));
static cl::opt<std::string> targetFeatures(
    "target-features",
    cl::desc("Target features qnn compiles for, e.g. '-avx512vbmi' ('host': "
             "this machine's with target-cpu=host)"),
    cl::init("host"));
static cl::opt<bool> convOnly("conv-only", cl::desc("Only the convolution"),
                              cl::init(false));
static cl::opt<bool> quick("quick",
                           cl::desc("Only 256^3 and the 1x768x3072 layer"),
                           cl::init(false));
static cl::opt<bool>
    sparseOnly("sparse-only",
               cl::desc("Only the pruned matmuls and MLP blocks"),
               cl::init(false));
static cl::opt<bool>
    subByteOnly("sub-byte-only",
                cl::desc("Only the matmuls on 4- and 2-bit weights"),
                cl::init(false));

namespace {

/// One JIT-compiled entry `f` that takes (A, B) and returns C; the inputs
/// are kept in the .npy form the runner wants.
struct JitImpl {
  std::unique_ptr<qnn::Runner> runner;
  std::vector<qnn::NpyArray> inputs;
  std::vector<qnn::NpyArray> outputs;
  /// The entry's time in the last run.
  double seconds = 0;
};

qnn::NpyArray array(qnn::DType dtype, std::vector<int64_t> shape,
                    const void *data, size_t bytes) {
  qnn::NpyArray a;
  a.dtype = dtype;
  a.shape = std::move(shape);
  a.data.assign(static_cast<const char *>(data),
                static_cast<const char *>(data) + bytes);
  return a;
}

Impl jitImpl(MLIRContext &ctx, const std::string &name, const std::string &ir,
             std::vector<qnn::NpyArray> inputs,
             const std::vector<int32_t> &expected, bool isFloat,
             const std::string &upstreamPipeline = "",
             qnn::SparseKernels sparse = qnn::SparseKernels::Auto,
             const std::string &qnnPipeline = "", bool subByteWeights = true) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(ir, &ctx);
  if (!module)
    llvm::report_fatal_error(("cannot parse the IR of " + name).c_str());
  // A user's qnn-opt command (--prune, --quantize) before the lowering.
  if (!qnnPipeline.empty()) {
    PassManager pm(&ctx);
    if (failed(parsePassPipeline(qnnPipeline, pm)) || failed(pm.run(*module)))
      llvm::report_fatal_error(
          ("'" + qnnPipeline + "' failed for " + name).c_str());
  }
  if (!upstreamPipeline.empty()) {
    // The schedule, if the IR has one (a nested module), then dropped.
    if (!module->getOps<ModuleOp>().empty()) {
      PassManager pm(&ctx);
      if (failed(parsePassPipeline("transform-interpreter", pm)) ||
          failed(pm.run(*module)))
        llvm::report_fatal_error(
            ("transform schedule failed for " + name).c_str());
    }
    for (auto nested : llvm::make_early_inc_range(module->getOps<ModuleOp>()))
      nested.erase();
    PassManager lower(&ctx);
    if (failed(parsePassPipeline(upstreamPipeline, lower)) ||
        failed(lower.run(*module)))
      llvm::report_fatal_error(("lowering failed for " + name).c_str());
  }
  // Timed as compiled for speed: no run-time checks.
  qnn::RunnerOptions options;
  options.lowering.runtimeChecks = "none";
  options.lowering.sparseKernels = sparse;
  options.lowering.subByteWeights = subByteWeights;
  options.lowering.targetCPU = targetCPU;
  options.lowering.targetFeatures = targetFeatures;
  auto runner = qnn::Runner::create(std::move(module), "f", options);
  if (!runner)
    llvm::report_fatal_error(llvm::toString(runner.takeError()).c_str());
  auto state = std::make_shared<JitImpl>();
  state->runner = std::move(*runner);
  state->inputs = std::move(inputs);
  Impl impl;
  impl.name = name;
  impl.run = [state]() {
    auto out = state->runner->run(state->inputs, &state->seconds);
    if (!out)
      llvm::report_fatal_error(llvm::toString(out.takeError()).c_str());
    state->outputs = std::move(*out);
  };
  impl.lastSeconds = [state]() { return state->seconds; };
  impl.check = [state, &expected, isFloat]() -> std::string {
    if (expected.empty())
      return "not compared";
    const qnn::NpyArray &out = state->outputs.at(0);
    if (!isFloat)
      return compareExact(out.as<int32_t>(), expected);
    size_t wrong = 0;
    for (size_t i = 0; i < expected.size(); ++i)
      wrong += out.as<float>()[i] != static_cast<float>(expected[i]);
    return wrong ? "f32 rounding: " + std::to_string(wrong) + " differ"
                 : std::string();
  };
  return impl;
}

/// Upstream's lowering after the transform schedule: bufferize, vectors to
/// LLVM; the C interface and signature come from the function's attributes.
const char *kUpstreamLowering =
    "func.func(canonicalize, cse), one-shot-bufferize{"
    "bufferize-function-boundaries function-boundary-type-conversion="
    "identity-layout-map}, buffer-deallocation-pipeline, "
    "convert-bufferization-to-memref, func.func(convert-linalg-to-loops), "
    "convert-vector-to-scf{full-unroll=true}, expand-strided-metadata, "
    "lower-affine, "
    "convert-scf-to-cf, qnn-set-target, convert-vector-to-llvm, "
    "finalize-memref-to-llvm, convert-math-to-llvm, convert-arith-to-llvm, "
    "convert-index-to-llvm, convert-func-to-llvm, convert-cf-to-llvm, "
    "convert-ub-to-llvm, reconcile-unrealized-casts";

/// An expert's transform schedule for linalg.matmul: 4x16 register tiles
/// over K steps of 1, vectorized and lowered to outer products.
std::string upstreamMatmulIR(const MatmulProblem &p, const char *elem,
                             const char *acc, const char *zero) {
  return llvm::formatv(R"mlir(
func.func @f(%a: tensor<{0}x{1}x{3}>, %b: tensor<{1}x{2}x{3}>) -> tensor<{0}x{2}x{4}>
    attributes {{llvm.emit_c_interface, qnn.signature = "(tensor<{0}x{1}x{3}>, tensor<{1}x{2}x{3}>) -> tensor<{0}x{2}x{4}>"} {
  %z = arith.constant {5} : {4}
  %e = tensor.empty() : tensor<{0}x{2}x{4}>
  %c = linalg.fill ins(%z : {4}) outs(%e : tensor<{0}x{2}x{4}>) -> tensor<{0}x{2}x{4}>
  %r = linalg.matmul ins(%a, %b : tensor<{0}x{1}x{3}>, tensor<{1}x{2}x{3}>) outs(%c : tensor<{0}x{2}x{4}>) -> tensor<{0}x{2}x{4}>
  return %r : tensor<{0}x{2}x{4}>
}
module attributes {{transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {{transform.readonly}) {
    %mm = transform.structured.match ops{{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l0, %l1, %l2 = transform.structured.tile_using_for %mm tile_sizes [{6}, 16, 1] : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    %fill = transform.structured.match ops{{["linalg.fill"]} in %root : (!transform.any_op) -> !transform.any_op
    %tf, %f0, %f1 = transform.structured.tile_using_for %fill tile_sizes [{6}, 16] : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    %func = transform.structured.match ops{{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    %v = transform.structured.vectorize_children_and_apply_patterns %func : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %v {{
      transform.apply_patterns.vector.lower_contraction lowering_strategy = "outerproduct"
      transform.apply_patterns.vector.lower_outerproduct
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.vector.lower_transfer max_transfer_rank = 1
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.yield
  }
}
)mlir",
                       p.m, p.k, p.n, elem, acc, zero,
                       std::min<int64_t>(p.m, 4))
      .str();
}

/// `values` (little-endian) as a dense hex literal of `count` elements of
/// `type`.
template <typename T>
static std::string hexLiteral(const std::vector<T> &values, const char *type) {
  std::string hex = "dense<\"0x";
  for (T v : values)
    for (size_t byte = 0; byte < sizeof(T); ++byte)
      hex += llvm::formatv(
                 "{0:X-2}",
                 static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * byte)))
                 .str();
  return hex + "\"> : tensor<" + std::to_string(values.size()) + "x" + type +
         ">";
}

/// The matmul with constant weights as upstream's sparsifier compiles it:
/// W [K, N] in CSR (32-bit positions and coordinates, assembled from
/// constants), by rows of W or, `byColumns`, by rows of its transpose.
std::string upstreamSparseMatmulIR(const MatmulProblem &p, bool byColumns) {
  std::vector<int32_t> positions = {0}, coordinates;
  std::vector<int8_t> values;
  int64_t outer = byColumns ? p.n : p.k, inner = byColumns ? p.k : p.n;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int8_t w = byColumns ? p.b[i * p.n + o] : p.b[o * p.n + i];
      if (w == 0)
        continue;
      coordinates.push_back(static_cast<int32_t>(i));
      values.push_back(w);
    }
    positions.push_back(static_cast<int32_t>(coordinates.size()));
  }
  std::string a = llvm::formatv("tensor<{0}x{1}xi8>", p.m, p.k).str();
  std::string c = llvm::formatv("tensor<{0}x{1}xi32>", p.m, p.n).str();
  std::string w = llvm::formatv("tensor<{0}x{1}xi8, #W>", p.k, p.n).str();
  std::string pos = llvm::formatv("tensor<{0}xi32>", positions.size()).str();
  std::string crd = llvm::formatv("tensor<{0}xi32>", coordinates.size()).str();
  std::string val = llvm::formatv("tensor<{0}xi8>", values.size()).str();
  return std::string("#W = #sparse_tensor.encoding<{ map = ") +
         (byColumns ? "(d0, d1) -> (d1 : dense, d0 : compressed)"
                    : "(d0, d1) -> (d0 : dense, d1 : compressed)") +
         ", posWidth = 32, crdWidth = 32 }>\n" + "func.func @f(%a: " + a +
         ") -> " + c +
         " attributes {llvm.emit_c_interface, qnn.signature = \"(" + a +
         ") -> " + c + "\"} {\n" + "  %pos = arith.constant " +
         hexLiteral(positions, "i32") + "\n" + "  %crd = arith.constant " +
         hexLiteral(coordinates, "i32") + "\n" + "  %val = arith.constant " +
         hexLiteral(values, "i8") + "\n" +
         "  %w = sparse_tensor.assemble (%pos, %crd), %val : (" + pos + ", " +
         crd + "), " + val + " to " + w + "\n" +
         "  %z = arith.constant 0 : i32\n" + "  %e = tensor.empty() : " + c +
         "\n" + "  %c = linalg.fill ins(%z : i32) outs(%e : " + c + ") -> " +
         c + "\n" + "  %r = linalg.matmul ins(%a, %w : " + a + ", " + w +
         ") outs(%c : " + c + ") -> " + c + "\n" + "  return %r : " + c +
         "\n}\n";
}

/// Upstream's sparse compiler, vectorized for 16 lanes, without its run-time
/// library (the weights are assembled in place).
const char *kSparsifier = "sparsifier{enable-runtime-library=false vl=16}";

std::string qnnMatmulIR(const MatmulProblem &p) {
  return llvm::formatv(
             R"mlir(
!a = !quant.uniform<i8:f32, 1.0>
!acc = !quant.uniform<i32:f32, 1.0>
func.func @f(%a: tensor<{0}x{1}x!a>, %b: tensor<{1}x{2}x!a>) -> tensor<{0}x{2}x!acc> {
  %c = qnn.matmul %a, %b : (tensor<{0}x{1}x!a>, tensor<{1}x{2}x!a>) -> tensor<{0}x{2}x!acc>
  return %c : tensor<{0}x{2}x!acc>
}
)mlir",
             p.m, p.k, p.n)
      .str();
}

/// The matmul as `--quantize` writes a linear layer: constant symmetric int8
/// weights (the form the int8 kernels take), the activations an argument.
std::string qnnConstantWeightsMatmulIR(const MatmulProblem &p) {
  std::string hex = "0x";
  for (int8_t v : p.b)
    hex += llvm::formatv("{0:X-2}", static_cast<uint8_t>(v)).str();
  return llvm::formatv(
             R"mlir(
!a = !quant.uniform<i8:f32, 1.0>
!acc = !quant.uniform<i32:f32, 1.0>
func.func @f(%a: tensor<{0}x{1}x!a>) -> tensor<{0}x{2}x!acc> {
  %b = qnn.constant dense<"{3}"> : tensor<{1}x{2}xi8> -> tensor<{1}x{2}x!a>
  %c = qnn.matmul %a, %b : (tensor<{0}x{1}x!a>, tensor<{1}x{2}x!a>) -> tensor<{0}x{2}x!acc>
  return %c : tensor<{0}x{2}x!acc>
}
)mlir",
             p.m, p.k, p.n, hex)
      .str();
}

/// The convolution as `--quantize` writes it: a constant symmetric filter.
std::string qnnConstantFilterConvIR(const ConvProblem &p) {
  std::string hex = "0x";
  for (int8_t v : p.filter)
    hex += llvm::formatv("{0:X-2}", static_cast<uint8_t>(v)).str();
  return llvm::formatv(
             R"mlir(
!a = !quant.uniform<i8:f32, 1.0>
!acc = !quant.uniform<i32:f32, 1.0>
func.func @f(%x: tensor<{0}x{1}x{2}x{3}x!a>) -> tensor<{0}x{1}x{2}x{6}x!acc> {
  %w = qnn.constant dense<"{7}"> : tensor<{4}x{5}x{3}x{6}xi8> -> tensor<{4}x{5}x{3}x{6}x!a>
  %c = qnn.conv2d %x, %w {{padding = array<i64: 1, 1, 1, 1>} : (tensor<{0}x{1}x{2}x{3}x!a>, tensor<{4}x{5}x{3}x{6}x!a>) -> tensor<{0}x{1}x{2}x{6}x!acc>
  return %c : tensor<{0}x{1}x{2}x{6}x!acc>
}
)mlir",
             p.n, p.h, p.w, p.c, p.kh, p.kw, p.f, hex)
      .str();
}

std::string qnnConvIR(const ConvProblem &p) {
  return llvm::formatv(
             R"mlir(
!a = !quant.uniform<i8:f32, 1.0>
!acc = !quant.uniform<i32:f32, 1.0>
func.func @f(%x: tensor<{0}x{1}x{2}x{3}x!a>, %w: tensor<{4}x{5}x{3}x{6}x!a>) -> tensor<{0}x{1}x{2}x{6}x!acc> {
  %c = qnn.conv2d %x, %w {{padding = array<i64: 1, 1, 1, 1>} : (tensor<{0}x{1}x{2}x{3}x!a>, tensor<{4}x{5}x{3}x{6}x!a>) -> tensor<{0}x{1}x{2}x{6}x!acc>
  return %c : tensor<{0}x{1}x{2}x{6}x!acc>
}
)mlir",
             p.n, p.h, p.w, p.c, p.kh, p.kw, p.f)
      .str();
}

/// `values` as a dense f32 literal (hex, little-endian).
static std::string hexFloats(const std::vector<float> &values) {
  std::string hex = "\"0x";
  for (float v : values) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    for (int byte = 0; byte < 4; ++byte)
      hex += llvm::formatv("{0:X-2}", (bits >> (8 * byte)) & 0xFF).str();
  }
  return hex + "\"";
}

/// A float MLP block as a frontend gives it: x [M, D] -> matmul [D, D] +
/// bias -> ReLU -> matmul [D, D], the ranges recorded with qnn.stats so that
/// --quantize needs no samples.
static std::string floatBlockIR(int64_t m, int64_t d, std::mt19937 &rng) {
  std::normal_distribution<float> normal(0.0f, 1.0f / std::sqrt(float(d)));
  auto randomValues = [&](size_t count) {
    std::vector<float> v(count);
    for (float &x : v)
      x = normal(rng);
    return v;
  };
  return llvm::formatv(R"mlir(
#id = affine_map<(d0, d1) -> (d0, d1)>
#chan = affine_map<(d0, d1) -> (d1)>
func.func @f(%x: tensor<{0}x{1}xf32>) -> tensor<{0}x{1}xf32> {{
  %zero = arith.constant 0.0 : f32
  %xs = qnn.stats %x min = [-3.0], max = [3.0] : tensor<{0}x{1}xf32>
  %w1 = arith.constant dense<{2}> : tensor<{1}x{1}xf32>
  %b1 = arith.constant dense<{3}> : tensor<{1}xf32>
  %w2 = arith.constant dense<{4}> : tensor<{1}x{1}xf32>
  %e = tensor.empty() : tensor<{0}x{1}xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<{0}x{1}xf32>) -> tensor<{0}x{1}xf32>
  %h = linalg.matmul ins(%xs, %w1 : tensor<{0}x{1}xf32>, tensor<{1}x{1}xf32>) outs(%f : tensor<{0}x{1}xf32>) -> tensor<{0}x{1}xf32>
  %r = linalg.generic {{indexing_maps = [#id, #chan, #id], iterator_types = ["parallel", "parallel"]}
      ins(%h, %b1 : tensor<{0}x{1}xf32>, tensor<{1}xf32>) outs(%e : tensor<{0}x{1}xf32>) {{
    ^bb0(%a: f32, %b: f32, %o: f32):
      %s = arith.addf %a, %b : f32
      %m = arith.maximumf %s, %zero : f32
      linalg.yield %m : f32
  } -> tensor<{0}x{1}xf32>
  %rs = qnn.stats %r min = [0.0], max = [4.0] : tensor<{0}x{1}xf32>
  %e2 = tensor.empty() : tensor<{0}x{1}xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<{0}x{1}xf32>) -> tensor<{0}x{1}xf32>
  %y = linalg.matmul ins(%rs, %w2 : tensor<{0}x{1}xf32>, tensor<{1}x{1}xf32>) outs(%f2 : tensor<{0}x{1}xf32>) -> tensor<{0}x{1}xf32>
  %ys = qnn.stats %y min = [-4.0], max = [4.0] : tensor<{0}x{1}xf32>
  return %ys : tensor<{0}x{1}xf32>
}
)mlir",
                       m, d, hexFloats(randomValues(d * d)),
                       hexFloats(randomValues(d)),
                       hexFloats(randomValues(d * d)))
      .str();
}

/// Random int8 operands of an M x K x N matmul; without `zeroWeights`, no
/// weight is 0.
MatmulProblem randomProblem(int64_t m, int64_t k, int64_t n, std::mt19937 &rng,
                            bool zeroWeights) {
  std::uniform_int_distribution<int> byte(-128, 127);
  MatmulProblem p{m, k, n, {}, {}, {}};
  p.a.resize(m * k);
  p.b.resize(k * n);
  for (auto &v : p.a)
    v = static_cast<int8_t>(byte(rng));
  for (auto &v : p.b)
    v = static_cast<int8_t>(zeroWeights ? byte(rng) : byte(rng) | 1);
  return p;
}

/// The exact int32 result of `p`, from the reference semantics.
void computeExpected(MatmulProblem &p) {
  std::vector<int32_t> a32(p.a.begin(), p.a.end()), b32(p.b.begin(), p.b.end());
  p.expected.resize(p.m * p.n);
  int32_t zb = 0;
  mlir::qnn::ref::matmul(a32.data(), b32.data(), nullptr, p.expected.data(),
                         p.m, p.k, p.n, 0, &zb, false);
}

/// Times every implementation round robin and prints the table.
void measure(const std::string &title, double ops, std::vector<Impl> impls) {
  llvm::outs() << "\n== " << title << " (" << llvm::format("%.1f", ops / 1e6)
               << " Mop)\n";
  std::vector<std::string> verdicts;
  std::vector<int> reps;
  for (Impl &impl : impls) {
    impl.run(); // warm up, and produce the output to check
    verdicts.push_back(impl.check());
    auto start = std::chrono::steady_clock::now();
    impl.run();
    double once =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    reps.push_back(
        std::max(1, static_cast<int>(minSeconds / std::max(once, 1e-7))));
  }
  std::vector<std::vector<double>> times(impls.size());
  for (unsigned r = 0; r < rounds; ++r)
    for (size_t i = 0; i < impls.size(); ++i) {
      double counted = 0;
      auto start = std::chrono::steady_clock::now();
      for (int k = 0; k < reps[i]; ++k) {
        impls[i].run();
        if (impls[i].lastSeconds)
          counted += impls[i].lastSeconds();
      }
      if (!impls[i].lastSeconds)
        counted = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - start)
                      .count();
      times[i].push_back(counted / reps[i]);
    }
  std::vector<double> median;
  for (auto &t : times) {
    std::sort(t.begin(), t.end());
    median.push_back(t[t.size() / 2]);
  }
  llvm::outs() << llvm::format("  %-28s %10s %8s %10s  %s\n",
                               "implementation (qnn/this > 1: qnn faster)",
                               "ms", "GOPS", "qnn/this", "output");
  for (size_t i = 0; i < impls.size(); ++i)
    llvm::outs() << llvm::format(
        "  %-28s %10.3f %8.1f %10.2f  %s\n", impls[i].name.c_str(),
        median[i] * 1e3, ops / median[i] / 1e9, median[i] / median[0],
        verdicts[i].empty() ? "exact" : verdicts[i].c_str());
}

} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(
      argc, argv, "qnn-bench: int8 matmul and conv, side by side\n");
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  qnn::registerAllDialects(registry);
  registerAllPasses();
  qnn::registerAllPasses();
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();

  Ceilings ceilings = measureCeilings();
  llvm::outs() << "machine ceilings (register-only loops, one core):\n"
               << llvm::format("  s16 vpmaddwd (exact)        %7.1f GOPS\n",
                               ceilings.vpmaddwd)
               << llvm::format("  u8xs8 vpmaddubsw (saturates) %6.1f GOPS\n",
                               ceilings.vpmaddubsw)
               << llvm::format("  f32 FMA                     %7.1f GOPS\n",
                               ceilings.fma);
  if (ceilings.vpdpbusdZmm > 0)
    llvm::outs() << llvm::format("  u8xs8 vpdpbusd zmm (exact)  %7.1f GOPS\n",
                                 ceilings.vpdpbusdZmm);
  if (ceilings.vpdpbusdYmm > 0)
    llvm::outs() << llvm::format("  u8xs8 vpdpbusd ymm (exact)  %7.1f GOPS\n",
                                 ceilings.vpdpbusdYmm);

  std::vector<std::array<int64_t, 3>> shapes = {
      {256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}, {1, 768, 3072},
      {16, 768, 3072}, {128, 768, 768}, {64, 3072, 768}};
  if (quick)
    shapes = {{256, 256, 256}, {1, 768, 3072}};
  if (convOnly || sparseOnly || subByteOnly)
    shapes.clear();
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(-128, 127);

  for (auto [m, k, n] : shapes) {
    MatmulProblem p = randomProblem(m, k, n, rng, /*zeroWeights=*/true);
    computeExpected(p);

    auto i8Inputs = [&, m = m, k = k, n = n] {
      return std::vector<qnn::NpyArray>{
          array(qnn::DType::I8, {m, k}, p.a.data(), p.a.size()),
          array(qnn::DType::I8, {k, n}, p.b.data(), p.b.size())};
    };
    std::vector<float> af(p.a.begin(), p.a.end()), bf(p.b.begin(), p.b.end());
    std::vector<Impl> impls;
    impls.push_back(jitImpl(ctx, "qnn int8 const weights",
                            qnnConstantWeightsMatmulIR(p), {i8Inputs().front()},
                            p.expected, false));
    impls.push_back(jitImpl(ctx, "qnn int8 weights as argument", qnnMatmulIR(p),
                            i8Inputs(), p.expected, false));
    impls.push_back(jitImpl(ctx, "upstream MLIR i8 (transform)",
                            upstreamMatmulIR(p, "i8", "i32", "0"), i8Inputs(),
                            p.expected, false, kUpstreamLowering));
    impls.push_back(
        jitImpl(ctx, "upstream MLIR f32 (transform)",
                upstreamMatmulIR(p, "f32", "f32", "0.0"),
                {array(qnn::DType::F32, {m, k}, af.data(), af.size() * 4),
                 array(qnn::DType::F32, {k, n}, bf.data(), bf.size() * 4)},
                p.expected, true, kUpstreamLowering));
    for (Impl &impl : oneDNNMatmul(p))
      impls.push_back(std::move(impl));
    for (Impl &impl : xnnpackMatmul(p))
      impls.push_back(std::move(impl));
    measure(llvm::formatv("matmul M x K x N = {0} x {1} x {2}", m, k, n).str(),
            2.0 * m * k * n, std::move(impls));
  }

  // Pruned weights, the same matrix for every implementation: aligned
  // blocks of 4 reduction steps by 16 columns (one zmm tile of the kept
  // tiles kernel, two ymm tiles), single weights (unstructured), or 2 of
  // every 4 along K (2:4), removed at random. The dense kernel and oneDNN
  // run it as the dense matrix it also is.
  struct Pruning {
    const char *name;
    int64_t rows, columns;
    double sparsity;
  };
  const Pruning prunings[] = {
      {"4x16 blocks", 4, 16, 0.5}, {"4x16 blocks", 4, 16, 0.7},
      {"4x16 blocks", 4, 16, 0.9}, {"unstructured", 1, 1, 0.7},
      {"unstructured", 1, 1, 0.9}, {"2:4", 0, 0, 0.5}};
  std::vector<std::array<int64_t, 3>> sparseShapes = {{512, 512, 512},
                                                      {1, 768, 3072}};
  if (convOnly || subByteOnly)
    sparseShapes.clear();
  for (auto [m, k, n] : sparseShapes)
    for (const Pruning &pruning : prunings) {
      // No zero weight but the pruned ones.
      MatmulProblem p = randomProblem(m, k, n, rng, /*zeroWeights=*/false);
      if (pruning.rows == 0) {
        // 2:4: two of each 4 weights along K, per column.
        std::vector<int64_t> order = {0, 1, 2, 3};
        for (int64_t r = 0; r + 4 <= k; r += 4)
          for (int64_t c = 0; c < n; ++c) {
            std::shuffle(order.begin(), order.end(), rng);
            p.b[(r + order[0]) * n + c] = 0;
            p.b[(r + order[1]) * n + c] = 0;
          }
      } else {
        int64_t across = n / pruning.columns;
        std::vector<int64_t> blocks(k / pruning.rows * across);
        for (size_t i = 0; i < blocks.size(); ++i)
          blocks[i] = static_cast<int64_t>(i);
        std::shuffle(blocks.begin(), blocks.end(), rng);
        blocks.resize(static_cast<size_t>(pruning.sparsity * blocks.size()));
        for (int64_t block : blocks) {
          int64_t r = block / across * pruning.rows;
          int64_t c = block % across * pruning.columns;
          for (int64_t i = r; i < r + pruning.rows; ++i)
            std::fill_n(p.b.begin() + i * n + c, pruning.columns, 0);
        }
      }
      computeExpected(p);
      std::vector<qnn::NpyArray> input = {
          array(qnn::DType::I8, {m, k}, p.a.data(), p.a.size())};
      std::vector<Impl> impls;
      impls.push_back(jitImpl(ctx, "qnn int8 (sparse-kernels=auto)",
                              qnnConstantWeightsMatmulIR(p), input, p.expected,
                              false));
      impls.push_back(jitImpl(ctx, "qnn int8 dense kernel",
                              qnnConstantWeightsMatmulIR(p), input, p.expected,
                              false, "", qnn::SparseKernels::Never));
      impls.push_back(jitImpl(ctx, "qnn int8 kept tiles kernel",
                              qnnConstantWeightsMatmulIR(p), input, p.expected,
                              false, "", qnn::SparseKernels::Tiles));
      impls.push_back(jitImpl(ctx, "qnn int8 gather kernel",
                              qnnConstantWeightsMatmulIR(p), input, p.expected,
                              false, "", qnn::SparseKernels::Gather));
      impls.push_back(jitImpl(ctx, "upstream --sparsifier, CSR of W",
                              upstreamSparseMatmulIR(p, false), input,
                              p.expected, false, kSparsifier));
      impls.push_back(jitImpl(ctx, "upstream --sparsifier, CSR of W^T",
                              upstreamSparseMatmulIR(p, true), input,
                              p.expected, false, kSparsifier));
      for (Impl &impl : oneDNNMatmul(p))
        impls.push_back(std::move(impl));
      // GOPS count the dense problem's operations: the sparse kernels'
      // figures are their effective rates.
      measure(llvm::formatv("pruned matmul {0} x {1} x {2}, {3:P0} {4}", m, k,
                            n, pruning.sparsity, pruning.name)
                  .str(),
              2.0 * m * k * n, std::move(impls));
    }

  // Weights of 16 or 4 values (4- and 2-bit quantization), or of 4 values
  // of each column's own (2-bit k-means per channel): the kernel expands
  // their indices in registers, against the same matrix stored as bytes
  // and oneDNN on it.
  struct Alphabet {
    const char *name;
    int lo, hi;
    bool perColumn;
  };
  const Alphabet alphabets[] = {{"4-bit", -8, 7, false},
                                {"2-bit", -2, 1, false},
                                {"2-bit codebooks per column", 0, 3, true}};
  std::vector<std::array<int64_t, 3>> subByteShapes = {
      {512, 512, 512}, {16, 768, 3072}, {1, 768, 3072}, {1, 3072, 768}};
  if (convOnly || sparseOnly)
    subByteShapes.clear();
  for (auto [m, k, n] : subByteShapes)
    for (const Alphabet &alphabet : alphabets) {
      MatmulProblem p = randomProblem(m, k, n, rng, /*zeroWeights=*/true);
      std::uniform_int_distribution<int> value(alphabet.lo, alphabet.hi);
      std::vector<std::array<int8_t, 4>> codebooks(n);
      for (auto &codebook : codebooks)
        for (int8_t &entry : codebook)
          entry = static_cast<int8_t>(byte(rng));
      for (size_t i = 0; i < p.b.size(); ++i)
        p.b[i] = alphabet.perColumn ? codebooks[i % n][value(rng)]
                                    : static_cast<int8_t>(value(rng));
      computeExpected(p);
      std::vector<qnn::NpyArray> input = {
          array(qnn::DType::I8, {m, k}, p.a.data(), p.a.size())};
      std::vector<Impl> impls;
      impls.push_back(jitImpl(
          ctx, llvm::formatv("qnn int8, {0} indices", alphabet.name).str(),
          qnnConstantWeightsMatmulIR(p), input, p.expected, false));
      impls.push_back(jitImpl(ctx, "qnn int8, weights as bytes",
                              qnnConstantWeightsMatmulIR(p), input, p.expected,
                              false, "", qnn::SparseKernels::Auto, "",
                              /*subByteWeights=*/false));
      for (Impl &impl : oneDNNMatmul(p))
        impls.push_back(std::move(impl));
      measure(llvm::formatv("matmul {0} x {1} x {2}, {3} weights", m, k, n,
                            alphabet.name)
                  .str(),
              2.0 * m * k * n, std::move(impls));
    }

  // Channel pruning end to end: a float MLP block quantized as it is, and
  // with half of its first layer's channels pruned, which --prune removes
  // from the shapes (half the work in both layers), or keeps as zeros.
  std::vector<std::array<int64_t, 2>> blockShapes = {{512, 512}, {1, 768}};
  if (convOnly || subByteOnly)
    blockShapes.clear();
  for (auto [m, d] : blockShapes) {
    std::string ir = floatBlockIR(m, d, rng);
    std::vector<float> x(m * d);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (float &v : x)
      v = normal(rng);
    auto input = [&, m = m, d = d] {
      return std::vector<qnn::NpyArray>{
          array(qnn::DType::F32, {m, d}, x.data(), x.size() * 4)};
    };
    static const std::vector<int32_t> notCompared;
    std::vector<Impl> impls;
    const char *prune = "prune{pattern=channel sparsity=0.5},quantize";
    const char *zeros =
        "prune{pattern=channel sparsity=0.5 remove-channels=false},quantize";
    impls.push_back(jitImpl(ctx, "qnn int8, 50% channels removed", ir, input(),
                            notCompared, false, "", qnn::SparseKernels::Auto,
                            prune));
    impls.push_back(jitImpl(ctx, "qnn int8, channels as zeros", ir, input(),
                            notCompared, false, "", qnn::SparseKernels::Auto,
                            zeros));
    impls.push_back(jitImpl(ctx, "qnn int8, unpruned", ir, input(), notCompared,
                            false, "", qnn::SparseKernels::Auto, "quantize"));
    measure(llvm::formatv("MLP block {0} x {1} -> {1} -> {1}, ReLU, pruned "
                          "channels of the first layer",
                          m, d)
                .str(),
            4.0 * m * d * d, std::move(impls));
  }
  if (sparseOnly || subByteOnly)
    return 0;

  ConvProblem c{1, 56, 56, 64, 3, 3, 64, {}, {}, {}};
  c.input.resize(c.n * c.h * c.w * c.c);
  c.filter.resize(c.kh * c.kw * c.c * c.f);
  for (auto &v : c.input)
    v = static_cast<int8_t>(byte(rng));
  for (auto &v : c.filter)
    v = static_cast<int8_t>(byte(rng));
  c.expected =
      c.reference(std::vector<int32_t>(c.input.begin(), c.input.end()));
  std::vector<Impl> convImpls;
  convImpls.push_back(jitImpl(ctx, "qnn int8 conv2d const filter",
                              qnnConstantFilterConvIR(c),
                              {array(qnn::DType::I8, {c.n, c.h, c.w, c.c},
                                     c.input.data(), c.input.size())},
                              c.expected, false));
  convImpls.push_back(jitImpl(ctx, "qnn int8 conv2d filter as arg",
                              qnnConvIR(c),
                              {array(qnn::DType::I8, {c.n, c.h, c.w, c.c},
                                     c.input.data(), c.input.size()),
                               array(qnn::DType::I8, {c.kh, c.kw, c.c, c.f},
                                     c.filter.data(), c.filter.size())},
                              c.expected, false));
  for (Impl &impl : oneDNNConv(c))
    convImpls.push_back(std::move(impl));
  measure("conv2d 1x56x56x64 -> 64, 3x3, pad 1",
          2.0 * c.n * c.h * c.w * c.f * c.kh * c.kw * c.c,
          std::move(convImpls));
  return 0;
}
