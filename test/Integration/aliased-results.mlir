// Two results that are the same buffer: qnn-run copies both before freeing
// it (it once freed the buffer after the first copy and read freed memory
// for the second).
// RUN: %npy write %t.x.npy f4 2 1.5,-2
// RUN: qnn-run %s --input %t.x.npy --output %t.a.npy --output %t.b.npy
// RUN: %npy print %t.a.npy | FileCheck %s
// RUN: %npy print %t.b.npy | FileCheck %s
// CHECK: dtype f4 shape (2,)
// CHECK-NEXT: 3 -4
func.func @forward(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %e = tensor.empty() : tensor<2xf32>
  %y = linalg.add ins(%x, %x : tensor<2xf32>, tensor<2xf32>) outs(%e : tensor<2xf32>) -> tensor<2xf32>
  return %y, %y : tensor<2xf32>, tensor<2xf32>
}
