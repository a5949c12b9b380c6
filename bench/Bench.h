//===- Bench.h - Shared pieces of qnn-bench ---------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_BENCH_BENCH_H
#define QNN_BENCH_BENCH_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace qnnbench {

/// An implementation under test: `run` computes the product once into its
/// own buffers; `check` compares them with the reference and returns "" when
/// bit-exact, else a short description of the mismatch.
struct Impl {
  std::string name;
  std::function<void()> run;
  std::function<std::string()> check;
  /// Where set, the seconds of the last run that count: a JIT-compiled
  /// entry's own time, as a caller of the compiled code sees it, without
  /// the runner copying its results into new arrays.
  std::function<double()> lastSeconds = nullptr;
};

/// C[m][n] = sum_k A[m][k] * B[k][n] on int8 data, row-major.
struct MatmulProblem {
  int64_t m, k, n;
  std::vector<int8_t> a, b;
  std::vector<int32_t> expected;
};

/// One NHWC int8 convolution with an HWCF filter, stride 1, padding 1.
struct ConvProblem {
  int64_t n, h, w, c, kh, kw, f;
  std::vector<int8_t> input, filter;
  std::vector<int32_t> expected;

  /// The exact convolution of `in` (an int32 copy of an input) with the
  /// filter, by the reference.
  std::vector<int32_t> reference(const std::vector<int32_t> &in) const;
};

/// Peers, each returning no implementation when unusable here.
std::vector<Impl> oneDNNMatmul(const MatmulProblem &p);
std::vector<Impl> xnnpackMatmul(const MatmulProblem &p);
std::vector<Impl> oneDNNConv(const ConvProblem &p);

/// Throughput of register-only multiply-add loops, in GOPS (2 ops per
/// multiply-accumulate): exact s16 vpmaddwd, u8 x s8 vpmaddubsw, f32 FMA,
/// and the exact u8 x s8 vpdpbusd on zmm and ymm (0 where this CPU lacks
/// it).
struct Ceilings {
  double vpmaddwd, vpmaddubsw, fma, vpdpbusdZmm, vpdpbusdYmm;
};
Ceilings measureCeilings();

/// The vpdpbusd loops (CeilingsVNNI.cpp, compiled for VNNI): seconds for
/// `iterations` of 14 independent instructions; the ymm one VEX-encoded
/// (AVX-VNNI) or EVEX-encoded (AVX512-VNNI + VL).
double vpdpbusdZmmLoop(long iterations);
double vpdpbusdYmmLoop(long iterations, bool vex);

/// Compares int32 outputs; "" when identical.
std::string compareExact(const int32_t *got, const std::vector<int32_t> &want);

} // namespace qnnbench

#endif // QNN_BENCH_BENCH_H
