// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not=llvm.alloca

// Regression: non-unrolled vector-to-scf lowering put memref.alloca inside
// the convolution's loops; on a 1x56x56x64 layer the stack grew on every
// iteration until the JIT-compiled code crashed. No alloca may remain.
// CHECK-LABEL: llvm.func @conv(
!a = !quant.uniform<i8:f32, 1.0>
!acc = !quant.uniform<i32:f32, 1.0>
func.func @conv(%x: tensor<1x56x56x64x!a>, %w: tensor<3x3x64x16x!a>) -> tensor<1x56x56x16x!acc> {
  %c = qnn.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x56x56x64x!a>, tensor<3x3x64x16x!a>) -> tensor<1x56x56x16x!acc>
  return %c : tensor<1x56x56x16x!acc>
}
