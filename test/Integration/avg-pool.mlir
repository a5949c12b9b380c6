// qnn.avg_pool2d through lowered, JIT-compiled code: the real values'
// average (q - zp), rounded half away from zero (the default) or half to
// even, with and without padded taps counted, signed and unsigned storage.
// RUN: %npy write %t.x.npy i4 1,2,6,1 3,4,-1,0,0,1,2,1,6,1,1,0
// RUN: qnn-run %s --entry ties --input %t.x.npy --output %t.away.npy --output %t.even.npy
// RUN: %npy print %t.away.npy | FileCheck %s --check-prefix=AWAY
// RUN: %npy print %t.even.npy | FileCheck %s --check-prefix=EVEN
// RUN: %npy write %t.p.npy i4 1,2,2,1 1,2,3,4
// RUN: qnn-run %s --entry padded --input %t.p.npy --output %t.excl.npy --output %t.incl.npy
// RUN: %npy print %t.excl.npy | FileCheck %s --check-prefix=EXCLUDED
// RUN: %npy print %t.incl.npy | FileCheck %s --check-prefix=INCLUDED
// RUN: %npy write %t.u.npy i4 1,2,2,1 200,100,130,131
// RUN: qnn-run %s --entry unsigned --input %t.u.npy --output %t.v.npy
// RUN: %npy print %t.v.npy | FileCheck %s --check-prefix=UNSIGNED

// Zero point 1; 2x2 windows at stride 2 hold q - zp = [2, 3, 1, 0] (mean
// 1.5), [-2, -1, 5, 0] (0.5) and [-1, 0, 0, -1] (-0.5).
// AWAY: dtype i4 shape (1, 1, 3, 1)
// AWAY-NEXT: 3 2 0
// EVEN: dtype i4 shape (1, 1, 3, 1)
// EVEN-NEXT: 3 1 1
!t = !quant.uniform<i8:f32, 0.5:1>
func.func @ties(%x: tensor<1x2x6x1xi32>) -> (tensor<1x1x3x1xi32>, tensor<1x1x3x1xi32>) {
  %q = arith.trunci %x : tensor<1x2x6x1xi32> to tensor<1x2x6x1xi8>
  %c = quant.scast %q : tensor<1x2x6x1xi8> to tensor<1x2x6x1x!t>
  %a = qnn.avg_pool2d %c {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x2x6x1x!t> -> tensor<1x1x3x1x!t>
  %e = qnn.avg_pool2d %c rounding = half_to_even {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x2x6x1x!t> -> tensor<1x1x3x1x!t>
  %as = quant.scast %a : tensor<1x1x3x1x!t> to tensor<1x1x3x1xi8>
  %es = quant.scast %e : tensor<1x1x3x1x!t> to tensor<1x1x3x1xi8>
  %ar = arith.extsi %as : tensor<1x1x3x1xi8> to tensor<1x1x3x1xi32>
  %er = arith.extsi %es : tensor<1x1x3x1xi8> to tensor<1x1x3x1xi32>
  return %ar, %er : tensor<1x1x3x1xi32>, tensor<1x1x3x1xi32>
}

// [[1, 2], [3, 4]] padded on the top and left: the windows hold {1},
// {1, 2}, {1, 3} and {1, 2, 3, 4} inside the input. Counting only those:
// 1, 1.5, 2, 2.5; counting the padded taps as zeros: 0.25, 0.75, 1, 2.5.
// EXCLUDED: dtype i4 shape (1, 2, 2, 1)
// EXCLUDED-NEXT: 1 2 2 3
// INCLUDED: dtype i4 shape (1, 2, 2, 1)
// INCLUDED-NEXT: 0 1 1 3
!z = !quant.uniform<i8:f32, 1.0>
func.func @padded(%x: tensor<1x2x2x1xi32>) -> (tensor<1x2x2x1xi32>, tensor<1x2x2x1xi32>) {
  %q = arith.trunci %x : tensor<1x2x2x1xi32> to tensor<1x2x2x1xi8>
  %c = quant.scast %q : tensor<1x2x2x1xi8> to tensor<1x2x2x1x!z>
  %a = qnn.avg_pool2d %c {kernel = array<i64: 2, 2>, padding = array<i64: 1, 0, 1, 0>} : tensor<1x2x2x1x!z> -> tensor<1x2x2x1x!z>
  %b = qnn.avg_pool2d %c {kernel = array<i64: 2, 2>, padding = array<i64: 1, 0, 1, 0>, count_include_pad} : tensor<1x2x2x1x!z> -> tensor<1x2x2x1x!z>
  %as = quant.scast %a : tensor<1x2x2x1x!z> to tensor<1x2x2x1xi8>
  %bs = quant.scast %b : tensor<1x2x2x1x!z> to tensor<1x2x2x1xi8>
  %ar = arith.extsi %as : tensor<1x2x2x1xi8> to tensor<1x2x2x1xi32>
  %br = arith.extsi %bs : tensor<1x2x2x1xi8> to tensor<1x2x2x1xi32>
  return %ar, %br : tensor<1x2x2x1xi32>, tensor<1x2x2x1xi32>
}

// u8 with zero point 128: q - zp = 72, -28, 2, 3, mean 12.25 -> 12 -> 140.
// UNSIGNED: dtype i4 shape (1, 1, 1, 1)
// UNSIGNED-NEXT: 140
!u = !quant.uniform<u8:f32, 0.1:128>
func.func @unsigned(%x: tensor<1x2x2x1xi32>) -> tensor<1x1x1x1xi32> {
  %q = arith.trunci %x : tensor<1x2x2x1xi32> to tensor<1x2x2x1xi8>
  %c = quant.scast %q : tensor<1x2x2x1xi8> to tensor<1x2x2x1x!u>
  %p = qnn.avg_pool2d %c {kernel = array<i64: 2, 2>} : tensor<1x2x2x1x!u> -> tensor<1x1x1x1x!u>
  %s = quant.scast %p : tensor<1x1x1x1x!u> to tensor<1x1x1x1xi8>
  %r = arith.extui %s : tensor<1x1x1x1xi8> to tensor<1x1x1x1xi32>
  return %r : tensor<1x1x1x1xi32>
}
