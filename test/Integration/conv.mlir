// The ONNX ConvInteger example with padding (test_convinteger_with_padding):
// u8 input with zero point 1, a 2x2 filter of ones, pads 1 on every side.
// RUN: %npy write %t.x.npy u1 1,3,3,1 2,3,4,5,6,7,8,9,10
// RUN: qnn-run %s --entry conv --input %t.x.npy --output %t.y.npy
// RUN: %npy print %t.y.npy | FileCheck %s
// RUN: qnn-run %s --entry conv --vectorize=false --input %t.x.npy --output %t.s.npy
// RUN: %npy print %t.s.npy | FileCheck %s

// CHECK: dtype i4 shape (1, 4, 4, 1)
// CHECK-NEXT: 1 3 5 3 5 12 16 9 11 24 28 15 7 15 17 9

!x = !quant.uniform<u8:f32, 1.0:1>
!w = !quant.uniform<u8:f32, 1.0>
!acc = !quant.uniform<i32:f32, 1.0>
func.func @conv(%x: tensor<1x3x3x1x!x>) -> tensor<1x4x4x1x!acc> {
  %w = qnn.constant dense<1> : tensor<2x2x1x1xui8> -> tensor<2x2x1x1x!w>
  %y = qnn.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x3x3x1x!x>, tensor<2x2x1x1x!w>) -> tensor<1x4x4x1x!acc>
  return %y : tensor<1x4x4x1x!acc>
}
