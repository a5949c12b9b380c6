// linalg.quantized_matmul (zero points as operands, as frontends emit it)
// runs through --qnn-to-llvm with upstream's definition, raised into
// qnn.matmul (the default) and through upstream's lowering (--raise=false):
//   C = sum_k (A[m][k] - za) * (B[k][n] - zb), in i32.
// RUN: %npy write %t.a.npy i1 2,3 1,2,3,-128,127,0
// RUN: qnn-run %s --entry qmm --input %t.a.npy --output %t.c.npy
// RUN: %npy print %t.c.npy | FileCheck %s
// RUN: qnn-run %s --raise=false --entry qmm --input %t.a.npy --output %t.u.npy
// RUN: %npy print %t.u.npy | FileCheck %s
// za = 1, zb = -2: A - za = [[0, 1, 2], [-129, 126, -1]],
// B - zb = [[5, 4], [4, 5], [6, 3]]:
// row 0: (0 + 4 + 12, 0 + 5 + 6) = (16, 11)
// row 1: (-645 + 504 - 6, -516 + 630 - 3) = (-147, 111)
// CHECK: 16 11 -147 111
func.func @qmm(%a: tensor<2x3xi8>) -> tensor<2x2xi32> {
  %b = arith.constant dense<[[3, 2], [2, 3], [4, 1]]> : tensor<3x2xi8>
  %za = arith.constant 1 : i32
  %zb = arith.constant -2 : i32
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<2x2xi32>
  %f = linalg.fill ins(%zero : i32) outs(%e : tensor<2x2xi32>) -> tensor<2x2xi32>
  %c = linalg.quantized_matmul ins(%a, %b, %za, %zb : tensor<2x3xi8>, tensor<3x2xi8>, i32, i32) outs(%f : tensor<2x2xi32>) -> tensor<2x2xi32>
  return %c : tensor<2x2xi32>
}
