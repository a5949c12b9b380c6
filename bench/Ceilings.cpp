//===- Ceilings.cpp - The machine's int8 and f32 multiply-add ceilings ----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Register-only loops with independent accumulators (12, or 6 for the
// three-instruction u8 x s8 chain), so that throughput, not latency, bounds
// them. Ops count 2 per multiply-accumulate:
//   vpmaddwd + vpaddd (ymm): 16 s16 products summed in pairs -> 32 ops;
//   vpmaddubsw + vpmaddwd(ones) + vpaddd: 32 u8 x s8 products -> 64 ops
//     per 32 bytes (the product pairs saturate to s16: not exact in general);
//   vfmadd231ps (ymm): 8 fused multiply-adds -> 16 ops;
//   vpdpbusd: 64 (zmm) or 32 (ymm) u8 x s8 products -> 128 or 64 ops,
//     with 14 accumulators (CeilingsVNNI.cpp), run where the CPU has it.
//
//===----------------------------------------------------------------------===//

#include "Bench.h"

#include <chrono>

#include <cpuid.h>

using namespace qnnbench;

static double seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

static double vpmaddwdLoop(long iterations) {
  auto start = std::chrono::steady_clock::now();
  asm volatile(
      "vpxor %%ymm0, %%ymm0, %%ymm0\n"
      "vpcmpeqw %%ymm14, %%ymm14, %%ymm14\n"
      "vpcmpeqw %%ymm15, %%ymm15, %%ymm15\n"
      "1:\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm12\n vpaddd %%ymm12, %%ymm0, %%ymm0\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm13\n vpaddd %%ymm13, %%ymm1, %%ymm1\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm12\n vpaddd %%ymm12, %%ymm2, %%ymm2\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm13\n vpaddd %%ymm13, %%ymm3, %%ymm3\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm12\n vpaddd %%ymm12, %%ymm4, %%ymm4\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm13\n vpaddd %%ymm13, %%ymm5, %%ymm5\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm12\n vpaddd %%ymm12, %%ymm6, %%ymm6\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm13\n vpaddd %%ymm13, %%ymm7, %%ymm7\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm12\n vpaddd %%ymm12, %%ymm8, %%ymm8\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm13\n vpaddd %%ymm13, %%ymm9, %%ymm9\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm12\n vpaddd %%ymm12, %%ymm10, %%ymm10\n"
      "vpmaddwd %%ymm14, %%ymm15, %%ymm13\n vpaddd %%ymm13, %%ymm11, %%ymm11\n"
      "dec %0\n jnz 1b\n"
      : "+r"(iterations)
      :
      : "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7", "ymm8",
        "ymm9", "ymm10", "ymm11", "ymm12", "ymm13", "ymm14", "ymm15", "cc");
  return seconds(start);
}

static double vpmaddubswLoop(long iterations) {
  auto start = std::chrono::steady_clock::now();
  asm volatile("vpcmpeqw %%ymm14, %%ymm14, %%ymm14\n"
               "vpabsb %%ymm14, %%ymm14\n"
               "vpcmpeqw %%ymm15, %%ymm15, %%ymm15\n"
               "vpsrlw $15, %%ymm15, %%ymm15\n"
               "1:\n"
               "vpmaddubsw %%ymm14, %%ymm14, %%ymm8\n vpmaddwd %%ymm15, "
               "%%ymm8, %%ymm8\n vpaddd %%ymm8, %%ymm0, %%ymm0\n"
               "vpmaddubsw %%ymm14, %%ymm14, %%ymm9\n vpmaddwd %%ymm15, "
               "%%ymm9, %%ymm9\n vpaddd %%ymm9, %%ymm1, %%ymm1\n"
               "vpmaddubsw %%ymm14, %%ymm14, %%ymm10\n vpmaddwd %%ymm15, "
               "%%ymm10, %%ymm10\n vpaddd %%ymm10, %%ymm2, %%ymm2\n"
               "vpmaddubsw %%ymm14, %%ymm14, %%ymm11\n vpmaddwd %%ymm15, "
               "%%ymm11, %%ymm11\n vpaddd %%ymm11, %%ymm3, %%ymm3\n"
               "vpmaddubsw %%ymm14, %%ymm14, %%ymm12\n vpmaddwd %%ymm15, "
               "%%ymm12, %%ymm12\n vpaddd %%ymm12, %%ymm4, %%ymm4\n"
               "vpmaddubsw %%ymm14, %%ymm14, %%ymm13\n vpmaddwd %%ymm15, "
               "%%ymm13, %%ymm13\n vpaddd %%ymm13, %%ymm5, %%ymm5\n"
               "dec %0\n jnz 1b\n"
               : "+r"(iterations)
               :
               : "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm8", "ymm9",
                 "ymm10", "ymm11", "ymm12", "ymm13", "ymm14", "ymm15", "cc");
  return seconds(start);
}

static double fmaLoop(long iterations) {
  auto start = std::chrono::steady_clock::now();
  asm volatile("vxorps %%ymm14, %%ymm14, %%ymm14\n"
               "vxorps %%ymm15, %%ymm15, %%ymm15\n"
               "1:\n"
               "vfmadd231ps %%ymm14, %%ymm15, %%ymm0\n vfmadd231ps %%ymm14, "
               "%%ymm15, %%ymm1\n"
               "vfmadd231ps %%ymm14, %%ymm15, %%ymm2\n vfmadd231ps %%ymm14, "
               "%%ymm15, %%ymm3\n"
               "vfmadd231ps %%ymm14, %%ymm15, %%ymm4\n vfmadd231ps %%ymm14, "
               "%%ymm15, %%ymm5\n"
               "vfmadd231ps %%ymm14, %%ymm15, %%ymm6\n vfmadd231ps %%ymm14, "
               "%%ymm15, %%ymm7\n"
               "vfmadd231ps %%ymm14, %%ymm15, %%ymm8\n vfmadd231ps %%ymm14, "
               "%%ymm15, %%ymm9\n"
               "vfmadd231ps %%ymm14, %%ymm15, %%ymm10\n vfmadd231ps %%ymm14, "
               "%%ymm15, %%ymm11\n"
               "dec %0\n jnz 1b\n"
               : "+r"(iterations)
               :
               : "ymm0", "ymm1", "ymm2", "ymm3", "ymm4", "ymm5", "ymm6", "ymm7",
                 "ymm8", "ymm9", "ymm10", "ymm11", "ymm14", "ymm15", "cc");
  return seconds(start);
}

/// CPUID leaf 7: AVX512-VNNI (sub-leaf 0, ECX bit 11), AVX-VNNI (sub-leaf
/// 1, EAX bit 4); with the OS saving the zmm/ymm state (XCR0).
/// Which vpdpbusd forms this CPU runs (CPUID leaf 7 and the OS's saved
/// register state, XCR0): zmm needs AVX512-VNNI (with F, BW, VL); ymm
/// EVEX-encoded needs the same, VEX-encoded AVX-VNNI.
struct VNNISupport {
  bool zmm = false, ymmEvex = false, ymmVex = false;
};
static VNNISupport vnniSupport() {
  VNNISupport has;
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27)))
    return has;
  unsigned lo, hi;
  asm("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  bool avxState = (lo & 0x6) == 0x6, zmmState = (lo & 0xe6) == 0xe6;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
    return has;
  bool avx512 = (b & (1u << 16)) && (b & (1u << 30)) && (b & (1u << 31));
  has.zmm = has.ymmEvex = zmmState && avx512 && (c & (1u << 11));
  has.ymmVex =
      avxState && __get_cpuid_count(7, 1, &a, &b, &c, &d) && (a & (1u << 4));
  return has;
}

Ceilings qnnbench::measureCeilings() {
  const long iterations = 20000000;
  Ceilings best{0, 0, 0, 0, 0};
  VNNISupport vnni = vnniSupport();
  for (int round = 0; round < 5; ++round) {
    best.vpmaddwd = std::max(best.vpmaddwd, iterations * 12.0 * 32 /
                                                vpmaddwdLoop(iterations) / 1e9);
    best.vpmaddubsw =
        std::max(best.vpmaddubsw,
                 iterations * 6.0 * 64 / vpmaddubswLoop(iterations) / 1e9);
    best.fma =
        std::max(best.fma, iterations * 12.0 * 16 / fmaLoop(iterations) / 1e9);
    if (vnni.zmm)
      best.vpdpbusdZmm =
          std::max(best.vpdpbusdZmm,
                   iterations * 14.0 * 128 / vpdpbusdZmmLoop(iterations) / 1e9);
    if (vnni.ymmVex || vnni.ymmEvex)
      best.vpdpbusdYmm = std::max(
          best.vpdpbusdYmm,
          iterations * 14.0 * 64 /
              vpdpbusdYmmLoop(iterations, /*vex=*/!vnni.ymmEvex) / 1e9);
  }
  return best;
}
