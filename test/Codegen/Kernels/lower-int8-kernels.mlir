// RUN: qnn-opt %s --split-input-file --qnn-lower-int8-kernels --remarks-filter=qnn-int8-kernels --remark-policy=all --verify-diagnostics | FileCheck %s

/// The weights are packed at compile time in panels of 8 columns (ymm) by
/// groups of 4 reduction steps, zero past K and N; the corrections are
/// -128 * colsum(W). The unpacked global goes. The activations are copied
/// with their sign bit flipped into a buffer of ceil(K / 4) * 4 columns.
/// M = 3 is one tile of 3 rows over the one partial panel.
// CHECK-LABEL: memref.global "private" constant @w_packed : memref<1x2x32xi8> = dense<{{\[\[\[}}1, 3, 5, 7, 2, 4, 6, 8, 0, {{.*}}], [9, 0, 0, 0, 10, 0, 0, 0, 0, {{.*}}]]]>
// CHECK:       memref.global "private" constant @w_colsum : memref<1x8xi32> = dense<{{\[\[}}-3200, -3840, 0, 0, 0, 0, 0, 0]]>
// CHECK-NOT:   @w :
// CHECK-LABEL: func.func @ymm(
// CHECK:         %[[AU:.*]] = memref.alloc({{.*}}) {alignment = 64 : i64} : memref<?x8xi8>
// CHECK:         arith.xori {{.*}} : vector<64xi8>
// CHECK-DAG:     memref.get_global @w_packed
// CHECK-DAG:     memref.get_global @w_colsum
// CHECK:         scf.for {{.*}} iter_args({{.*}}) -> (vector<8xi32>, vector<8xi32>, vector<8xi32>)
// CHECK-COUNT-3:   llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.256"
// CHECK-NOT:       llvm.call_intrinsic
// CHECK:           scf.yield
// CHECK-COUNT-3: vector.transfer_write {{.*}} : vector<8xi32>, memref<3x2xi32>
// CHECK:         memref.dealloc %[[AU]]
// CHECK-NOT:     linalg.matmul
memref.global "private" constant @w : memref<5x2xi8> = dense<[[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]>
func.func @ymm(%a: memref<3x5xi8>, %c: memref<3x2xi32>) {
  %w = memref.get_global @w : memref<5x2xi8>
  linalg.matmul {qnn.kernel = "avx-vnni"} ins(%a, %w : memref<3x5xi8>, memref<5x2xi8>) outs(%c : memref<3x2xi32>)
  return
}

// -----

/// zmm: K = 70 in 18 groups, N = 50 in 3 full panels and a partial one. A
/// dynamic M runs tiles of 6 rows by the 3 full panels (18 accumulators),
/// then the last M mod 6 rows as one tile of that many rows; the same for
/// the partial panel, whose reads and writes of C are masked.
// CHECK-LABEL: memref.global "private" constant @w_packed : memref<4x18x64xi8>
// CHECK:       memref.global "private" constant @w_colsum : memref<4x16xi32> = dense<{{\[\[}}-26880,
// CHECK-LABEL: func.func @zmm(
// CHECK:         memref.alloc({{.*}}) {alignment = 64 : i64} : memref<?x72xi8>
// CHECK:         scf.for
// CHECK:           scf.for {{.*}} iter_args({{.*}}) -> ({{(vector<16xi32>, )+}}vector<16xi32>)
// CHECK-COUNT-18:    llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         scf.index_switch
// CHECK:         case 1 {
// CHECK-COUNT-3:   llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         case 5 {
// CHECK-COUNT-15:  llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         vector.transfer_read %{{.*}}, %{{.*}} : memref<?x50xi32>, vector<16xi32>
// CHECK:         memref.dealloc
memref.global "private" constant @w : memref<70x50xi8> = dense<3>
func.func @zmm(%a: memref<?x70xi8>, %c: memref<?x50xi32>) {
  %w = memref.get_global @w : memref<70x50xi8>
  linalg.matmul {qnn.kernel = "avx512-vnni"} ins(%a, %w : memref<?x70xi8>, memref<70x50xi8>) outs(%c : memref<?x50xi32>)
  return
}

// -----

/// Two matmuls on one weight global share its packed form.
// CHECK-LABEL: memref.global "private" constant @w_packed
// CHECK-NEXT:  memref.global "private" constant @w_colsum
// CHECK-NOT:   memref.global
// CHECK-LABEL: func.func @shared(
// CHECK-COUNT-2: memref.get_global @w_packed
memref.global "private" constant @w : memref<8x16xi8> = dense<1>
func.func @shared(%a: memref<2x8xi8>, %c: memref<2x16xi32>, %d: memref<2x16xi32>) {
  %w = memref.get_global @w : memref<8x16xi8>
  linalg.matmul {qnn.kernel = "avx512-vnni"} ins(%a, %w : memref<2x8xi8>, memref<8x16xi8>) outs(%c : memref<2x16xi32>)
  linalg.matmul {qnn.kernel = "avx512-vnni"} ins(%a, %w : memref<2x8xi8>, memref<8x16xi8>) outs(%d : memref<2x16xi32>)
  return
}

// -----

/// Weights that are not a constant global keep the portable lowering; the
/// mark goes.
// CHECK-LABEL: func.func @argument_weights(
// CHECK:         linalg.matmul ins(
func.func @argument_weights(%a: memref<3x5xi8>, %w: memref<5x2xi8>, %c: memref<3x2xi32>) {
  // expected-remark@+1 {{int8 kernel 'avx-vnni' not built (weights not a constant global): portable lowering}}
  linalg.matmul {qnn.kernel = "avx-vnni"} ins(%a, %w : memref<3x5xi8>, memref<5x2xi8>) outs(%c : memref<3x2xi32>)
  return
}

// -----

memref.global "private" @mutable : memref<5x2xi8> = dense<1>
// CHECK-LABEL: func.func @mutable_weights(
// CHECK:         linalg.matmul ins(
func.func @mutable_weights(%a: memref<3x5xi8>, %c: memref<3x2xi32>) {
  %w = memref.get_global @mutable : memref<5x2xi8>
  // expected-remark@+1 {{int8 kernel 'avx-vnni' not built (weights not a constant global): portable lowering}}
  linalg.matmul {qnn.kernel = "avx-vnni"} ins(%a, %w : memref<3x5xi8>, memref<5x2xi8>) outs(%c : memref<3x2xi32>)
  return
}

// -----

/// A convolution is a matmul of its N x OH x OW output pixels by K = KH x
/// KW x C (45, in 12 groups): the copy of the activations gathers each
/// pixel's taps (im2col) in chunks of 8 >= C = 5 channels, zeroes the last
/// group's padding column first, and the kernel writes the output
/// collapsed to [pixels, F].
// CHECK-LABEL: memref.global "private" constant @f_packed : memref<2x12x64xi8>
// CHECK-LABEL: func.func @conv(
// CHECK:         %[[Y:.*]] = memref.collapse_shape %{{.*}} {{\[\[}}0, 1, 2], [3]] : memref<?x5x5x17xi32> into memref<?x17xi32>
// CHECK:         %[[AU:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x48xi8>
// CHECK:         vector.transfer_write %{{.*}}, %[[AU]][%{{.*}}, %c44] {in_bounds = [true]} : vector<4xi8>, memref<?x48xi8>
// CHECK:         vector.transfer_read %{{.*}} : memref<?x11x11x5xi8>, vector<8xi8>
// CHECK:         arith.xori {{.*}} : vector<8xi8>
// CHECK:         vector.transfer_write %{{.*}}, %[[AU]]{{.*}} : vector<8xi8>, memref<?x48xi8>
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         vector.transfer_write %{{.*}}, %[[Y]]
// CHECK:         memref.dealloc %[[AU]]
// CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
memref.global "private" constant @f : memref<3x3x5x17xi8> = dense<1>
func.func @conv(%x: memref<?x11x11x5xi8>, %y: memref<?x5x5x17xi32>) {
  %w = memref.get_global @f : memref<3x3x5x17xi8>
  linalg.conv_2d_nhwc_hwcf {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : memref<?x11x11x5xi8>, memref<3x3x5x17xi8>) outs(%y : memref<?x5x5x17xi32>)
  return
}

// -----

/// AVX2: vpmaddwd on 16-bit operands, groups of 2 reduction steps (K = 5 in
/// 3), the activations sign-extended, no correction; 4 rows by 2 panels.
// CHECK-LABEL: memref.global "private" constant @w_packed : memref<1x3x16xi16> = dense<{{\[\[\[}}1, 3, 2, 4, 0, {{.*}}], [5, 7, 6, 8, 0, {{.*}}], [9, 0, 10, 0, 0, {{.*}}]]]>
// CHECK-NOT:   @w_colsum
// CHECK-LABEL: func.func @avx2(
// CHECK:         %[[AU:.*]] = memref.alloc({{.*}}) {alignment = 64 : i64} : memref<?x6xi16>
// CHECK:         arith.extsi {{.*}} : vector<64xi8> to vector<64xi16>
// CHECK:         scf.for {{.*}} iter_args({{.*}}) -> (vector<8xi32>, vector<8xi32>, vector<8xi32>, vector<8xi32>)
// CHECK:           %[[P:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"({{.*}}) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// CHECK:           arith.addi %{{.*}}, %[[P]] : vector<8xi32>
// CHECK:         memref.dealloc %[[AU]]
memref.global "private" constant @w : memref<5x2xi8> = dense<[[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]>
func.func @avx2(%a: memref<?x5xi8>, %c: memref<?x2xi32>) {
  %w = memref.get_global @w : memref<5x2xi8>
  linalg.matmul {qnn.kernel = "avx2"} ins(%a, %w : memref<?x5xi8>, memref<5x2xi8>) outs(%c : memref<?x2xi32>)
  return
}

// -----

/// The mark alone is not trusted: unsigned extension (or transposed maps,
/// other types, dynamic sizes) keeps the portable lowering.
memref.global "private" constant @w : memref<5x2xi8> = dense<1>
// CHECK-LABEL: func.func @unsigned_cast(
// CHECK:         linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(
func.func @unsigned_cast(%a: memref<3x5xi8>, %c: memref<3x2xi32>) {
  %w = memref.get_global @w : memref<5x2xi8>
  // expected-remark@+1 {{int8 kernel 'avx2' not built (not i8 x i8 -> i32 with static weights, default maps and static sizes but the first): portable lowering}}
  linalg.matmul {qnn.kernel = "avx2", cast = #linalg.type_fn<cast_unsigned>} ins(%a, %w : memref<3x5xi8>, memref<5x2xi8>) outs(%c : memref<3x2xi32>)
  return
}
