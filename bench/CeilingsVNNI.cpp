//===- CeilingsVNNI.cpp - The vpdpbusd ceilings ---------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Compiled for AVX-512 VNNI and AVX-VNNI; called only where CPUID says the
// CPU has the instruction (Ceilings.cpp). 14 independent accumulators hide
// the instruction's latency. The ymm loop comes VEX-encoded (AVX-VNNI) and
// EVEX-encoded (AVX512-VNNI + VL): a CPU may have either.
//
//===----------------------------------------------------------------------===//

#include "Bench.h"

#include <chrono>

// clang-format off

using namespace qnnbench;

/// 14 independent vpdpbusd, `P` a prefix, `R` the register kind.
#define QNN_DP14(P, R) P "vpdpbusd %%" R "14, %%" R "15, %%" R "0\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "1\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "2\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "3\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "4\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "5\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "6\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "7\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "8\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "9\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "10\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "11\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "12\n" P "vpdpbusd %%" R "14, %%" R "15, %%" R "13\n"

// clang-format on

static double seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

double qnnbench::vpdpbusdZmmLoop(long iterations) {
  auto start = std::chrono::steady_clock::now();
  asm volatile("vpxord %%zmm14, %%zmm14, %%zmm14\n"
               "vpxord %%zmm15, %%zmm15, %%zmm15\n"
               "1:\n" QNN_DP14("", "zmm") "dec %0\n jnz 1b\n"
               : "+r"(iterations)
               :
               : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
                 "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
                 "xmm15", "cc");
  return seconds(start);
}

double qnnbench::vpdpbusdYmmLoop(long iterations, bool vex) {
  auto start = std::chrono::steady_clock::now();
  if (vex)
    asm volatile("vpxor %%ymm14, %%ymm14, %%ymm14\n"
                 "vpxor %%ymm15, %%ymm15, %%ymm15\n"
                 "1:\n" QNN_DP14("%{vex%} ", "ymm") "dec %0\n jnz 1b\n"
                 : "+r"(iterations)
                 :
                 : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                   "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",
                   "xmm14", "xmm15", "cc");
  else
    asm volatile("vpxor %%ymm14, %%ymm14, %%ymm14\n"
                 "vpxor %%ymm15, %%ymm15, %%ymm15\n"
                 "1:\n" QNN_DP14("", "ymm") "dec %0\n jnz 1b\n"
                 : "+r"(iterations)
                 :
                 : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                   "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13",
                   "xmm14", "xmm15", "cc");
  return seconds(start);
}
