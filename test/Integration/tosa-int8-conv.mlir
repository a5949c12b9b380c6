// An int8 TOSA convolution (tosa.conv2d on i8 with an i32 bias and
// zero-point operands, OHWI weights, as TFLite-to-TOSA emits it) runs
// through --qnn-to-llvm with TOSA's definition:
//   out[n][oh][ow][f] = bias[f] + sum_{kh,kw,c} (in[n][oh+kh][ow+kw][c] - in_zp) * (w[f][kh][kw][c] - w_zp)
// RUN: %npy write %t.x.npy i1 1,3,3,2 1,2,3,4,-128,127,0,-1,5,-5,6,-6,7,-7,8,-8,100,-100
// RUN: qnn-run %s --entry conv --input %t.x.npy --output %t.y.npy
// RUN: %npy print %t.y.npy | FileCheck %s
// in_zp = -1. Pixel (0, 0), filter 0: the window (1, 2), (3, 4), (0, -1),
// (5, -5) minus in_zp is (2, 3), (4, 5), (1, 0), (6, -4); times (1, -2),
// (3, 4), (-5, 6), (7, -8): -4 + 32 - 5 + 74 = 97, plus the bias 10: 107.
// The rest from the same sum (by hand, and in numpy).
// CHECK: 107 -41 170 200 56 -87 1437 -542
func.func @conv(%x: tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi32> {
  %w = "tosa.const"() {values = dense<[[[[1, -2], [3, 4]], [[-5, 6], [7, -8]]], [[[2, 0], [-1, 1]], [[0, 3], [-3, 2]]]]> : tensor<2x2x2x2xi8>} : () -> tensor<2x2x2x2xi8>
  %b = "tosa.const"() {values = dense<[10, -20]> : tensor<2xi32>} : () -> tensor<2xi32>
  %xz = "tosa.const"() {values = dense<-1> : tensor<1xi8>} : () -> tensor<1xi8>
  %wz = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = tosa.conv2d %x, %w, %b, %xz, %wz {acc_type = i32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x3x3x2xi8>, tensor<2x2x2x2xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x2x2x2xi32>
  return %y : tensor<1x2x2x2xi32>
}
