// RUN: qnn-opt %s --split-input-file --qnn-lower-int8-kernels --remarks-filter=qnn-int8-kernels --remark-policy=all --verify-diagnostics | FileCheck %s
// RUN: qnn-opt %s --split-input-file --qnn-lower-int8-kernels=sparse-kernels=never | FileCheck %s --check-prefix=NEVER
// RUN: not qnn-opt %s --split-input-file --qnn-lower-int8-kernels=sparse-kernels=sometimes 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: for the --sparse-kernels option: Cannot find option named 'sometimes'!

/// 2 of the 4 ymm tiles (4 reduction steps x 8 columns) hold a nonzero:
/// only they are stored, each with its reduction group, and each panel
/// has the index of its first tile. The kernel runs one panel at a time,
/// over that panel's tiles only; the column sums stay dense.
// CHECK-LABEL: memref.global "private" constant @w_groups : memref<2xi32> = dense<[1, 0]>
// CHECK:       memref.global "private" constant @w_starts : memref<3xi32> = dense<[0, 1, 2]>
// CHECK:       memref.global "private" constant @w_sparse : memref<2x32xi8> = dense<{{\[\[}}5, 6, 7, 1, 6, 7, 1, 2,
// CHECK:       memref.global "private" constant @w_colsum : memref<2x8xi32>
// CHECK-NOT:   @w :
// CHECK-LABEL: func.func @half_kept(
// CHECK-DAG:     memref.get_global @w_sparse
// CHECK-DAG:     memref.get_global @w_groups
// CHECK-DAG:     memref.get_global @w_starts
// CHECK:         scf.for %[[P:.*]] = %{{.*}} to %{{.*}} step
// CHECK:           %[[FIRST:.*]] = memref.load %{{.*}}[%[[P]]] : memref<3xi32>
// CHECK:           memref.load %{{.*}}[%{{.*}}] : memref<3xi32>
// CHECK:           scf.for %[[T:.*]] = {{.*}} iter_args({{.*}}) -> (vector<8xi32>, vector<8xi32>, vector<8xi32>)
// CHECK:             memref.load %{{.*}}[%[[T]]] : memref<2xi32>
// CHECK:             vector.load %{{.*}}[%[[T]], %{{.*}}] : memref<2x32xi8>, vector<32xi8>
// CHECK-COUNT-3:     llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"
// CHECK-NOT:         llvm.call_intrinsic
// CHECK:             scf.yield
// NEVER-LABEL: memref.global "private" constant @w_packed : memref<2x2x32xi8>
// NEVER-NOT:   @w_sparse
memref.global "private" constant @w : memref<8x16xi8> = dense<[[0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 1], [0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 4, 5, 6, 7, 1, 2], [0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 5, 6, 7, 1, 2, 3], [0, 0, 0, 0, 0, 0, 0, 0, 4, 5, 6, 7, 1, 2, 3, 4], [5, 6, 7, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0], [6, 7, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0], [7, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7, 1, 0, 0, 0, 0, 0, 0, 0, 0]]>
func.func @half_kept(%a: memref<3x8xi8>, %c: memref<3x16xi32>) {
  %w = memref.get_global @w : memref<8x16xi8>
  // expected-remark @below {{int8 kernel: sparse weights, 2 of 4 weight tiles of 4x8 kept (50%), sparse from 60% down}}
  linalg.matmul {qnn.kernel = "avx-vnni"} ins(%a, %w : memref<3x8xi8>, memref<8x16xi8>) outs(%c : memref<3x16xi32>)
  return
}

// -----

/// 3 of 4 tiles kept: the dense kernel, and the remark says why.
// CHECK-LABEL: memref.global "private" constant @w_packed : memref<2x2x32xi8>
// CHECK-NOT:   @w_sparse
memref.global "private" constant @w : memref<8x16xi8> = dense<[[1, 2, 3, 4, 5, 6, 7, 1, 1, 2, 3, 4, 5, 6, 7, 1], [2, 3, 4, 5, 6, 7, 1, 2, 2, 3, 4, 5, 6, 7, 1, 2], [3, 4, 5, 6, 7, 1, 2, 3, 3, 4, 5, 6, 7, 1, 2, 3], [4, 5, 6, 7, 1, 2, 3, 4, 4, 5, 6, 7, 1, 2, 3, 4], [5, 6, 7, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0], [6, 7, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0], [7, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7, 1, 0, 0, 0, 0, 0, 0, 0, 0]]>
func.func @mostly_kept(%a: memref<3x8xi8>, %c: memref<3x16xi32>) {
  %w = memref.get_global @w : memref<8x16xi8>
  // expected-remark @below {{int8 kernel: dense weights, 3 of 4 weight tiles of 4x8 kept (75%), sparse from 60% down}}
  linalg.matmul {qnn.kernel = "avx-vnni"} ins(%a, %w : memref<3x8xi8>, memref<8x16xi8>) outs(%c : memref<3x16xi32>)
  return
}

// -----

/// All-zero weights: no tile kept, every panel's loop is empty and the
/// result is the bias. zmm tiles are 4 x 16; a dynamic M runs tiles of 12
/// rows, then the rest.
// CHECK-LABEL: memref.global "private" constant @w_groups : memref<1xi32> = dense<0>
// CHECK:       memref.global "private" constant @w_starts : memref<3xi32> = dense<0>
// CHECK:       memref.global "private" constant @w_sparse : memref<1x64xi8> = dense<0>
// CHECK-LABEL: func.func @all_zero(
// CHECK:         scf.for {{.*}} iter_args({{.*}}) -> ({{(vector<16xi32>, )+}}vector<16xi32>)
// CHECK-COUNT-12:  llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         scf.index_switch
memref.global "private" constant @w : memref<6x20xi8> = dense<0>
func.func @all_zero(%a: memref<?x6xi8>, %c: memref<?x20xi32>) {
  %w = memref.get_global @w : memref<6x20xi8>
  // expected-remark @below {{int8 kernel: sparse weights, 0 of 4 weight tiles of 4x16 kept (0%), sparse from 60% down}}
  linalg.matmul {qnn.kernel = "avx512-vnni"} ins(%a, %w : memref<?x6xi8>, memref<6x20xi8>) outs(%c : memref<?x20xi32>)
  return
}
