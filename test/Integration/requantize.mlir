// Each rounding mode rounds the ties of q * 1/2 and q * 1/4 its own way
// (the table of docs/Semantics.md), through lowered, JIT-compiled code.
// RUN: %npy write %t.q.npy i4 2,2 5,-5,10,-10
// RUN: qnn-run %s --entry modes --input %t.q.npy --output %t.e.npy --output %t.a.npy --output %t.d.npy --output %t.s.npy --output %t.t.npy
// RUN: %npy print %t.e.npy | FileCheck %s --check-prefix=EVEN
// RUN: %npy print %t.a.npy | FileCheck %s --check-prefix=AWAY
// RUN: %npy print %t.d.npy | FileCheck %s --check-prefix=DOUBLE
// RUN: %npy print %t.s.npy | FileCheck %s --check-prefix=SINGLE
// RUN: %npy print %t.t.npy | FileCheck %s --check-prefix=TOSA-DOUBLE

// Row 0 has scale 0.5 (5 * 0.5 = 2.5), row 1 scale 0.25 (10 * 0.25 = 2.5).
// EVEN:   2 -2 2 -2
// AWAY:   3 -3 3 -3
// DOUBLE: 3 -2 3 -3
// SINGLE: 3 -2 3 -2
// Ratio 0.5 is multiplier 2^30 with shift 31: TOSA's second rounding needs a
// shift above 31, so row 0 rounds as single_round; ratio 0.25 (shift 32) adds
// 2^30 away from zero: (-10 * 2^30 + 2^31 - 2^30) >> 32 = -3.
// TOSA-DOUBLE: 3 -2 3 -3

!acc = !quant.uniform<i32:f32:0, {0.5, 0.25}>
!out = !quant.uniform<i8:f32, 1.0>
func.func @modes(%q: tensor<2x2x!acc>) -> (tensor<2x2x!out>, tensor<2x2x!out>, tensor<2x2x!out>, tensor<2x2x!out>, tensor<2x2x!out>) {
  %e = qnn.requantize %q rounding = half_to_even : tensor<2x2x!acc> -> tensor<2x2x!out>
  %a = qnn.requantize %q rounding = half_away_from_zero : tensor<2x2x!acc> -> tensor<2x2x!out>
  %d = qnn.requantize %q rounding = double_round : tensor<2x2x!acc> -> tensor<2x2x!out>
  %s = qnn.requantize %q rounding = single_round : tensor<2x2x!acc> -> tensor<2x2x!out>
  %t = qnn.requantize %q rounding = tosa_double_round : tensor<2x2x!acc> -> tensor<2x2x!out>
  return %e, %a, %d, %s, %t : tensor<2x2x!out>, tensor<2x2x!out>, tensor<2x2x!out>, tensor<2x2x!out>, tensor<2x2x!out>
}
