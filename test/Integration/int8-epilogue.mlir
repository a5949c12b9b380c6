// An int8 matmul whose epilogue reads a whole second tensor (a residual),
// clamps and narrows: the kernel computes it in registers, reading the
// residual at each tile; N = 17 leaves a one-lane last panel. The same
// numbers from the kernel and from the portable lowering.
// RUN: %npy write %t.a.npy i1 3,8 1,1,1,1,1,1,1,1,2,2,2,2,2,2,2,2,3,3,3,3,3,3,3,3
// RUN: %npy write %t.r.npy i4 3,17 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,150
// RUN: qnn-opt %s --qnn-to-llvm --remarks-filter=qnn-int8-kernels 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
// With run-time checks (qnn-run's default), which read the sizes, too.
// RUN: qnn-opt %s --qnn-to-llvm="runtime-checks=shapes" --remarks-filter=qnn-int8-kernels 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
// RUN: qnn-run %s --entry f --input %t.a.npy --input %t.r.npy --output %t.y.npy
// RUN: %npy print %t.y.npy | FileCheck %s
// RUN: qnn-run %s --entry f --vectorize=false --input %t.a.npy --input %t.r.npy --output %t.s.npy
// RUN: %npy print %t.s.npy | FileCheck %s

// REMARK: int8 matmul K=8 N=17: {{.*}} kernel from its bias with its epilogue in registers

// Row m: 5 + 8 * (m + 1) + r, clamped to 127 (the last: 29 + 150).
// CHECK: dtype i1 shape (3, 17)
// CHECK-NEXT: 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 127

func.func @f(%a: tensor<3x8xi8>, %r: tensor<3x17xi32>) -> tensor<3x17xi8> {
  %w = arith.constant dense<1> : tensor<8x17xi8>
  %bias = arith.constant dense<5> : tensor<17xi32>
  %lo = arith.constant -128 : i32
  %hi = arith.constant 127 : i32
  %e = tensor.empty() : tensor<3x17xi32>
  %init = linalg.broadcast ins(%bias : tensor<17xi32>) outs(%e : tensor<3x17xi32>) dimensions = [0]
  %acc = linalg.matmul ins(%a, %w : tensor<3x8xi8>, tensor<8x17xi8>) outs(%init : tensor<3x17xi32>) -> tensor<3x17xi32>
  %o = tensor.empty() : tensor<3x17xi8>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %r : tensor<3x17xi32>, tensor<3x17xi32>) outs(%o : tensor<3x17xi8>) {
  ^bb0(%in: i32, %res: i32, %out: i8):
    %s = arith.addi %in, %res : i32
    %c = arith.maxsi %s, %lo : i32
    %d = arith.minsi %c, %hi : i32
    %t = arith.trunci %d : i32 to i8
    linalg.yield %t : i8
  } -> tensor<3x17xi8>
  return %y : tensor<3x17xi8>
}
