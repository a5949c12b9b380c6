// An integer layer end to end: matmul with zero points, per-channel weights
// and a bias, requantize and ReLU, on a dynamic batch (and M = 1, K = 3).
// RUN: %npy write %t.a.npy u1 2,1,3 130,126,128,255,0,128
// RUN: qnn-run %s --entry layer --input %t.a.npy --output %t.acc.npy --output %t.y.npy
// RUN: %npy print %t.acc.npy | FileCheck %s --check-prefix=ACC
// RUN: %npy print %t.y.npy | FileCheck %s --check-prefix=Y

// a - 128 = [[2, -2, 0]], [[127, -128, 0]]; w - zp = [[1, 1], [3, 3], [5, 5]].
// acc = a.w + bias = [2 - 6 + 10, 2 - 6 - 10] and [127 - 384 + 10, 127 - 384 - 10].
// ACC: dtype i4 shape (2, 1, 2)
// ACC-NEXT: 6 -14 -247 -267
// y = clamp(round(acc * scale_acc / 1.0) + 0, 0, 127) with acc scales
// 0.5 * {1, 0.5}: 3, -3.5 -> ReLU 0; -123.5 -> 0; -66.75 -> 0.
// Y: dtype i1 shape (2, 1, 2)
// Y-NEXT: 3 0 0 0

!a = !quant.uniform<u8:f32, 0.5:128>
!w = !quant.uniform<i8:f32:1, {1.0, 0.5:1}>
!acc = !quant.uniform<i32:f32:2, {0.5, 0.25}>
!bias = !quant.uniform<i32:f32:0, {0.5, 0.25}>
!y = !quant.uniform<i8:f32, 1.0>
func.func @layer(%a: tensor<?x1x3x!a>) -> (tensor<?x1x2x!acc>, tensor<?x1x2x!y>) {
  %w = qnn.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!w>
  %b = qnn.constant dense<[10, -10]> : tensor<2xi32> -> tensor<2x!bias>
  %acc = qnn.matmul %a, %w bias(%b) : (tensor<?x1x3x!a>, tensor<3x2x!w>, tensor<2x!bias>) -> tensor<?x1x2x!acc>
  %r = qnn.requantize %acc rounding = half_to_even : tensor<?x1x2x!acc> -> tensor<?x1x2x!y>
  %y = qnn.clamp %r min = 0, max = 127 : tensor<?x1x2x!y>
  return %acc, %y : tensor<?x1x2x!acc>, tensor<?x1x2x!y>
}
