// An int8 TOSA fully-connected layer (tosa.matmul with zero-point operands,
// as TFLite-to-TOSA emits it) runs through --qnn-to-llvm with TOSA's
// definition: C[b][m][n] = sum_k (A[b][m][k] - a_zp) * (B[b][k][n] - b_zp).
// RUN: %npy write %t.a.npy i1 1,2,4 1,2,3,4,-128,127,0,-1
// RUN: qnn-run %s --entry fc --input %t.a.npy --output %t.c.npy
// RUN: %npy print %t.c.npy | FileCheck %s
// a_zp = -1: A - a_zp = [[2, 3, 4, 5], [-127, 128, 1, 0]]; b_zp = 0.
// row 0: (2 + 12 - 28 + 50, -4 + 15 + 32 - 55, 6 - 18 + 36 + 60) = (36, -12, 84)
// row 1: (-127 + 512 - 7, 254 + 640 + 8, -381 - 768 + 9) = (378, 902, -1140)
// CHECK: 36 -12 84 378 902 -1140
func.func @fc(%a: tensor<1x2x4xi8>) -> tensor<1x2x3xi32> {
  %b = "tosa.const"() {values = dense<[[[1, -2, 3], [4, 5, -6], [-7, 8, 9], [10, -11, 12]]]> : tensor<1x4x3xi8>} : () -> tensor<1x4x3xi8>
  %az = "tosa.const"() {values = dense<-1> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %c = tosa.matmul %a, %b, %az, %bz : (tensor<1x2x4xi8>, tensor<1x4x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x2x3xi32>
  return %c : tensor<1x2x3xi32>
}
