// qnn.max_pool2d through lowered, JIT-compiled code: the largest stored
// integer of each window, padded taps never winning (signed storage), and
// unsigned storage compared as unsigned.
// RUN: %npy write %t.x.npy i4 1,3,3,2 1,-5,3,7,-128,2,4,0,-2,9,5,-1,0,0,6,8,-3,127
// RUN: qnn-run %s --entry signed --input %t.x.npy --output %t.s.npy
// RUN: %npy print %t.s.npy | FileCheck %s --check-prefix=SIGNED
// RUN: %npy write %t.u.npy i4 1,2,2,1 1,200,3,255
// RUN: qnn-run %s --entry unsigned --input %t.u.npy --output %t.v.npy
// RUN: %npy print %t.v.npy | FileCheck %s --check-prefix=UNSIGNED

// Channel 0 is [[1, 3, -128], [4, -2, 5], [0, 6, -3]], channel 1
// [[-5, 7, 2], [0, 9, -1], [0, 8, 127]]; 2x2 windows at stride 1, padded
// by one row at the bottom and one column on the right.
// SIGNED: dtype i4 shape (1, 3, 3, 2)
// SIGNED-NEXT: 4 9 5 9 5 2 6 9 6 127 5 127 6 8 6 127 -3 127
func.func @signed(%x: tensor<1x3x3x2xi32>) -> tensor<1x3x3x2xi32> {
  %q = arith.trunci %x : tensor<1x3x3x2xi32> to tensor<1x3x3x2xi8>
  %c = quant.scast %q : tensor<1x3x3x2xi8> to tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5:-3>>
  %p = qnn.max_pool2d %c {kernel = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>}
      : tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5:-3>>
  %s = quant.scast %p : tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5:-3>> to tensor<1x3x3x2xi8>
  %r = arith.extsi %s : tensor<1x3x3x2xi8> to tensor<1x3x3x2xi32>
  return %r : tensor<1x3x3x2xi32>
}

// 200 and 255 are above 127 unsigned (below it as signed bytes).
// UNSIGNED: dtype i4 shape (1, 1, 1, 1)
// UNSIGNED-NEXT: 255
func.func @unsigned(%x: tensor<1x2x2x1xi32>) -> tensor<1x1x1x1xi32> {
  %q = arith.trunci %x : tensor<1x2x2x1xi32> to tensor<1x2x2x1xi8>
  %c = quant.scast %q : tensor<1x2x2x1xi8> to tensor<1x2x2x1x!quant.uniform<u8:f32, 0.1:128>>
  %p = qnn.max_pool2d %c {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<1x2x2x1x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.1:128>>
  %s = quant.scast %p : tensor<1x1x1x1x!quant.uniform<u8:f32, 0.1:128>> to tensor<1x1x1x1xi8>
  %r = arith.extui %s : tensor<1x1x1x1xi8> to tensor<1x1x1x1xi32>
  return %r : tensor<1x1x1x1xi32>
}
