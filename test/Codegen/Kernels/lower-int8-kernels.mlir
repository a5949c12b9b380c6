// RUN: qnn-opt %s --split-input-file --qnn-lower-int8-kernels=sub-byte-weights=false --remarks-filter=qnn-int8-kernels --remark-policy=all --verify-diagnostics | FileCheck %s

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

// -----

/// The bias broadcast and the epilogue are computed in the registers: the
/// accumulators start from the bias (+ the correction), the requantize runs
/// on them after the reduction and writes i8; the int32 buffer goes. The
/// last panel has one column: a scalar store (LLVM 22 miscompiles a
/// one-lane masked store of a truncated vector).
// CHECK-LABEL: func.func @fused(
// CHECK-NOT:     memref<?x33xi32>
// CHECK-NOT:     linalg.
// CHECK:         %[[BIAS:.*]] = memref.get_global @bias : memref<33xi32>
// CHECK:         vector.transfer_read %[[BIAS]][%{{.*}}], %{{.*}} {in_bounds = [true]} : memref<33xi32>, vector<16xi32>
// CHECK:         scf.for {{.*}} iter_args
// CHECK:           llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         arith.sitofp {{.*}} : vector<16xi32> to vector<16xf32>
// CHECK:         arith.mulf {{.*}} : vector<16xf32>
// CHECK:         arith.fptosi {{.*}} : vector<16xf32> to vector<16xi8>
// CHECK:         vector.transfer_write {{.*}} {in_bounds = [true]} : vector<16xi8>, memref<?x33xi8>
// CHECK:         vector.transfer_read %[[BIAS]][%{{.*}}], %{{.*}} : memref<33xi32>, vector<16xi32>
// CHECK:         vector.extract {{.*}}[0] : i8 from vector<16xi8>
// CHECK:         memref.store {{.*}} : memref<?x33xi8>
// CHECK-NOT:     memref<?x33xi32>
// CHECK-NOT:     linalg.
// CHECK:         return
memref.global "private" constant @w : memref<64x33xi8> = dense<3>
memref.global "private" constant @bias : memref<33xi32> = dense<7>
memref.global "private" constant @scale : memref<33xf32> = dense<0.5>
func.func @fused(%a: memref<?x64xi8>, %out: memref<?x33xi8>) {
  %c0 = arith.constant 0 : index
  %m = memref.dim %a, %c0 : memref<?x64xi8>
  %w = memref.get_global @w : memref<64x33xi8>
  %bias = memref.get_global @bias : memref<33xi32>
  %scale = memref.get_global @scale : memref<33xf32>
  %c = memref.alloc(%m) : memref<?x33xi32>
  linalg.broadcast ins(%bias : memref<33xi32>) outs(%c : memref<?x33xi32>) dimensions = [0] {qnn.kernel_part = "init"}
  linalg.matmul {qnn.kernel = "avx512-vnni"} ins(%a, %w : memref<?x64xi8>, memref<64x33xi8>) outs(%c : memref<?x33xi32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%c, %scale : memref<?x33xi32>, memref<33xf32>) outs(%out : memref<?x33xi8>) attrs = {qnn.kernel_part = "epilogue"} {
  ^bb0(%in: i32, %s: f32, %o: i8):
    %f = arith.sitofp %in : i32 to f32
    %p = arith.mulf %f, %s : f32
    %i = arith.fptosi %p : f32 to i8
    linalg.yield %i : i8
  }
  memref.dealloc %c : memref<?x33xi32>
  return
}

// -----

/// A convolution's epilogue reads its [N, OH, OW, C] operands as [pixels,
/// C]; a fill is a start value for every accumulator.
// CHECK-LABEL: func.func @fused_conv(
// CHECK-NOT:     memref<?x3x3x16xi32>
// CHECK:         %[[OUT:.*]] = memref.collapse_shape %{{.*}} {{\[\[}}0, 1, 2], [3]] : memref<?x3x3x16xi16> into memref<?x16xi16>
// CHECK:         vector.broadcast %{{.*}} : i32 to vector<16xi32>
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         arith.trunci {{.*}} : vector<16xi32> to vector<16xi16>
// CHECK:         vector.transfer_write {{.*}}, %[[OUT]]
// CHECK-NOT:     linalg.
memref.global "private" constant @f : memref<3x3x8x16xi8> = dense<1>
func.func @fused_conv(%x: memref<?x5x5x8xi8>, %y: memref<?x3x3x16xi16>) {
  %c0 = arith.constant 0 : index
  %c5 = arith.constant 5 : i32
  %n = memref.dim %x, %c0 : memref<?x5x5x8xi8>
  %w = memref.get_global @f : memref<3x3x8x16xi8>
  %c = memref.alloc(%n) : memref<?x3x3x16xi32>
  linalg.fill {qnn.kernel_part = "init"} ins(%c5 : i32) outs(%c : memref<?x3x3x16xi32>)
  linalg.conv_2d_nhwc_hwcf {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<?x5x5x8xi8>, memref<3x3x8x16xi8>) outs(%c : memref<?x3x3x16xi32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : memref<?x3x3x16xi32>) outs(%y : memref<?x3x3x16xi16>) attrs = {qnn.kernel_part = "epilogue"} {
  ^bb0(%in: i32, %o: i16):
    %t = arith.trunci %in : i32 to i16
    linalg.yield %t : i16
  }
  memref.dealloc %c : memref<?x3x3x16xi32>
  return
}

// -----

/// The accumulator buffer is also read elsewhere: the epilogue stays a
/// separate op (C holds the result); the bias still starts the registers.
// CHECK-LABEL: func.func @shared_result(
// CHECK:         vector.transfer_read %{{.*}} : memref<16xi32>, vector<16xi32>
// CHECK:         vector.transfer_write {{.*}} : vector<16xi32>, memref<4x16xi32>
// CHECK-NOT:     linalg.broadcast
// CHECK:         linalg.generic
// CHECK:         memref.copy
memref.global "private" constant @w : memref<8x16xi8> = dense<1>
memref.global "private" constant @bias : memref<16xi32> = dense<2>
func.func @shared_result(%a: memref<4x8xi8>, %out: memref<4x16xi32>, %copy: memref<4x16xi32>) {
  %w = memref.get_global @w : memref<8x16xi8>
  %bias = memref.get_global @bias : memref<16xi32>
  %c = memref.alloc() : memref<4x16xi32>
  linalg.broadcast ins(%bias : memref<16xi32>) outs(%c : memref<4x16xi32>) dimensions = [0] {qnn.kernel_part = "init"}
  // expected-remark@+1 {{int8 kernel: bias or epilogue not fused (the accumulator buffer has other users)}}
  linalg.matmul {qnn.kernel = "avx512-vnni"} ins(%a, %w : memref<4x8xi8>, memref<8x16xi8>) outs(%c : memref<4x16xi32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%c : memref<4x16xi32>) outs(%out : memref<4x16xi32>) attrs = {qnn.kernel_part = "epilogue"} {
  ^bb0(%in: i32, %o: i32):
    linalg.yield %in : i32
  }
  memref.copy %c, %copy : memref<4x16xi32> to memref<4x16xi32>
  memref.dealloc %c : memref<4x16xi32>
  return
}

// -----

/// Whole groups of channels (C = 8): no im2col. The padded input is
/// converted once, straight from its source: the padding value (3, sign
/// flipped: -125) everywhere, then each source row of W x C bytes at its
/// place; the kernel reads each filter tap at its offset, one loop per tap
/// around one over the tap's channel groups. The padded buffer goes.
// CHECK-LABEL: func.func @padded_conv(
// CHECK-NOT:     linalg.map
// CHECK-NOT:     linalg.copy
// CHECK-NOT:     memref<1x7x7x8xi8>
// CHECK:         %[[CONV:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?xi8>
// CHECK:         %[[FILL:.*]] = arith.constant dense<-125> : vector<64xi8>
// CHECK:         scf.for
// CHECK:           vector.transfer_write %[[FILL]], %[[CONV]]
// CHECK:         memref.collapse_shape %{{.*}} {{\[\[}}0], [1], [2, 3]] : memref<1x5x5x8xi8> into memref<1x5x40xi8>
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             scf.for
// CHECK:               arith.xori
// CHECK:               vector.transfer_write {{.*}}, %[[CONV]]
// CHECK:         scf.for {{.*}} iter_args
// CHECK:           scf.for {{.*}} iter_args
// CHECK:             vector.load %[[CONV]][%{{.*}}] : memref<?xi8>, vector<4xi8>
// CHECK:             llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK-NOT:     linalg.
// CHECK:         memref.dealloc %[[CONV]]
memref.global "private" constant @f : memref<3x3x8x16xi8> = dense<1>
func.func @padded_conv(%x: memref<1x5x5x8xi8>, %y: memref<1x5x5x16xi32>) {
  %pad = arith.constant 3 : i8
  %w = memref.get_global @f : memref<3x3x8x16xi8>
  %p = memref.alloc() : memref<1x7x7x8xi8>
  linalg.map outs(%p : memref<1x7x7x8xi8>) (%init: i8) {
    linalg.yield %pad : i8
  }
  %in = memref.subview %p[0, 1, 1, 0] [1, 5, 5, 8] [1, 1, 1, 1] : memref<1x7x7x8xi8> to memref<1x5x5x8xi8, strided<[392, 56, 8, 1], offset: 64>>
  linalg.copy ins(%x : memref<1x5x5x8xi8>) outs(%in : memref<1x5x5x8xi8, strided<[392, 56, 8, 1], offset: 64>>)
  linalg.conv_2d_nhwc_hwcf {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : memref<1x7x7x8xi8>, memref<3x3x8x16xi8>) outs(%y : memref<1x5x5x16xi32>)
  memref.dealloc %p : memref<1x7x7x8xi8>
  return
}

// -----

/// Depthwise on VNNI: the filter packed for vpdpbusd in blocks of 64
/// channels (72 -> 128, zero past C): per block and filter column 4
/// operands of 4 filter rows by channel (24 = 2 blocks x 1 group of rows
/// x 3 columns x 4), and the -128 * sum(W) corrections in the same channel
/// order, loaded once per block. Output rows in runs of 4 pixels: each
/// input row vector read once per column (3 rows x 6 columns), its sign
/// bits flipped, two rounds of unpacks, then 4 pixels x 3 columns x 4
/// operands multiply-adds; the 4 accumulators back in channel order,
/// started from C (no bias). The last block writes only its 8 real
/// channels, masked.
// CHECK-LABEL: memref.global "private" constant @d_vnni_taps : memref<24x64xi8>
// CHECK-LABEL: memref.global "private" constant @d_vnni_correction : memref<8x16xi32>
// CHECK-LABEL: func.func @depthwise(
// CHECK:         scf.for
// CHECK-COUNT-12:  vector.load %{{.*}} : memref<24x64xi8>, vector<64xi8>
// CHECK-COUNT-4:   vector.load %{{.*}} : memref<8x16xi32>, vector<16xi32>
// CHECK:           scf.for
// CHECK:             scf.for
// CHECK-COUNT-3:       arith.xori {{.*}} : vector<64xi8>
// CHECK-COUNT-48:      llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:               vector.shuffle {{.*}} : vector<32xi32>, vector<32xi32>
// CHECK:               vector.transfer_read %{{.*}} : memref<?x72xi32>, vector<16xi32>
// CHECK:               vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<16xi32>, memref<?x72xi32>
// CHECK:         vector.transfer_write {{.*}}] : vector<16xi32>, memref<?x72xi32>
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwc
memref.global "private" constant @d : memref<3x3x72xi8> = dense<1>
func.func @depthwise(%x: memref<?x7x7x72xi8>, %y: memref<?x5x5x72xi32>) {
  %w = memref.get_global @d : memref<3x3x72xi8>
  linalg.depthwise_conv_2d_nhwc_hwc {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<?x7x7x72xi8>, memref<3x3x72xi8>) outs(%y : memref<?x5x5x72xi32>)
  return
}

// -----

/// Below one block of 64 channels (24 here) the VNNI kernel would lose
/// most of its lanes: the int32 kernel takes it, on 16 lanes.
// CHECK-LABEL: memref.global "private" constant @d_taps : memref<9x32xi32>
// CHECK-LABEL: func.func @narrow_depthwise(
// CHECK-NOT:     vpdpbusd
// CHECK-COUNT-18: arith.muli {{.*}} : vector<16xi32>
memref.global "private" constant @d : memref<3x3x24xi8> = dense<1>
func.func @narrow_depthwise(%x: memref<?x7x7x24xi8>, %y: memref<?x5x5x24xi32>) {
  %w = memref.get_global @d : memref<3x3x24xi8>
  linalg.depthwise_conv_2d_nhwc_hwc {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<?x7x7x24xi8>, memref<3x3x24xi8>) outs(%y : memref<?x5x5x24xi32>)
  return
}

// -----

/// Depthwise without VNNI (AVX2): the filter sign-extended to
/// [KH * KW, C'] i32 (C' = C rounded up to 8: 24); channel blocks of 8
/// outer, their 9 weight vectors loaded once; output rows of 4 pixels (the
/// rest one by one), each input vector loaded once per filter row and
/// shared by the taps that read it (6 per row for 4 pixels of a 3-wide
/// filter).
// CHECK-LABEL: memref.global "private" constant @d_taps : memref<9x24xi32>
// CHECK-LABEL: func.func @depthwise_avx2(
// CHECK:         scf.for
// CHECK-COUNT-9:   vector.load %{{.*}} : memref<9x24xi32>, vector<8xi32>
// CHECK:           scf.for
// CHECK:             scf.for
// CHECK-COUNT-18:      arith.muli {{.*}} : vector<8xi32>
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwc
memref.global "private" constant @d : memref<3x3x24xi8> = dense<1>
func.func @depthwise_avx2(%x: memref<?x7x7x24xi8>, %y: memref<?x5x5x24xi32>) {
  %w = memref.get_global @d : memref<3x3x24xi8>
  linalg.depthwise_conv_2d_nhwc_hwc {qnn.kernel = "avx2", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<?x7x7x24xi8>, memref<3x3x24xi8>) outs(%y : memref<?x5x5x24xi32>)
  return
}

// -----

/// A padded depthwise input: the VNNI kernel reads the unpadded source
/// and the padded buffer, its fill and its copy go. Runs whose windows
/// stay inside the source read without tests (the scf.if's first branch);
/// the others read each input vector only where it is inside, the padding
/// value (-5) elsewhere.
// CHECK-LABEL: func.func @padded_depthwise(
// CHECK-NOT:     linalg.map
// CHECK-NOT:     linalg.copy
// CHECK:         %[[PAD:.*]] = arith.constant dense<-5> : vector<64xi8>
// CHECK:         scf.if
// CHECK-COUNT-48:  llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         } else {
// CHECK:           scf.if
// CHECK:             vector.transfer_read
// CHECK:           } else {
// CHECK-NEXT:        scf.yield %[[PAD]] : vector<64xi8>
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwc
memref.global "private" constant @d : memref<3x3x64xi8> = dense<1>
func.func @padded_depthwise(%x: memref<1x5x5x64xi8>, %y: memref<1x5x5x64xi32>) {
  %pad = arith.constant -5 : i8
  %w = memref.get_global @d : memref<3x3x64xi8>
  %p = memref.alloc() : memref<1x7x7x64xi8>
  linalg.map outs(%p : memref<1x7x7x64xi8>) (%init: i8) {
    linalg.yield %pad : i8
  }
  %in = memref.subview %p[0, 1, 1, 0] [1, 5, 5, 64] [1, 1, 1, 1] : memref<1x7x7x64xi8> to memref<1x5x5x64xi8, strided<[3136, 448, 64, 1], offset: 512>>
  linalg.copy ins(%x : memref<1x5x5x64xi8>) outs(%in : memref<1x5x5x64xi8, strided<[3136, 448, 64, 1], offset: 512>>)
  linalg.depthwise_conv_2d_nhwc_hwc {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : memref<1x7x7x64xi8>, memref<3x3x64xi8>) outs(%y : memref<1x5x5x64xi32>)
  memref.dealloc %p : memref<1x7x7x64xi8>
  return
}

// -----

/// A padded batch (one image copied into two): the source does not hold
/// every image the kernel reads, so the padded buffer stays.
// CHECK-LABEL: func.func @batch_padded_depthwise(
// CHECK:         linalg.map
// CHECK:         linalg.copy
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
memref.global "private" constant @d : memref<3x3x64xi8> = dense<1>
func.func @batch_padded_depthwise(%x: memref<1x5x5x64xi8>, %y: memref<2x5x5x64xi32>) {
  %pad = arith.constant -5 : i8
  %w = memref.get_global @d : memref<3x3x64xi8>
  %p = memref.alloc() : memref<2x7x7x64xi8>
  linalg.map outs(%p : memref<2x7x7x64xi8>) (%init: i8) {
    linalg.yield %pad : i8
  }
  %in = memref.subview %p[0, 1, 1, 0] [1, 5, 5, 64] [1, 1, 1, 1] : memref<2x7x7x64xi8> to memref<1x5x5x64xi8, strided<[3136, 448, 64, 1], offset: 512>>
  linalg.copy ins(%x : memref<1x5x5x64xi8>) outs(%in : memref<1x5x5x64xi8, strided<[3136, 448, 64, 1], offset: 512>>)
  linalg.depthwise_conv_2d_nhwc_hwc {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : memref<2x7x7x64xi8>, memref<3x3x64xi8>) outs(%y : memref<2x5x5x64xi32>)
  memref.dealloc %p : memref<2x7x7x64xi8>
  return
}

// -----

/// Padded in the channels too (3 -> 4): the source's rows are not the
/// padded rows' interiors, so the padded buffer stays and is converted as
/// it is.
// CHECK-LABEL: func.func @channel_padded_conv(
// CHECK:         linalg.map
// CHECK:         linalg.copy
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
memref.global "private" constant @f : memref<3x3x4x16xi8> = dense<1>
func.func @channel_padded_conv(%x: memref<1x5x5x3xi8>, %y: memref<1x5x5x16xi32>) {
  %pad = arith.constant 0 : i8
  %w = memref.get_global @f : memref<3x3x4x16xi8>
  %p = memref.alloc() : memref<1x7x7x4xi8>
  linalg.map outs(%p : memref<1x7x7x4xi8>) (%init: i8) {
    linalg.yield %pad : i8
  }
  %in = memref.subview %p[0, 1, 1, 0] [1, 5, 5, 3] [1, 1, 1, 1] : memref<1x7x7x4xi8> to memref<1x5x5x3xi8, strided<[196, 28, 4, 1], offset: 32>>
  linalg.copy ins(%x : memref<1x5x5x3xi8>) outs(%in : memref<1x5x5x3xi8, strided<[196, 28, 4, 1], offset: 32>>)
  linalg.conv_2d_nhwc_hwcf {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : memref<1x7x7x4xi8>, memref<3x3x4x16xi8>) outs(%y : memref<1x5x5x16xi32>)
  memref.dealloc %p : memref<1x7x7x4xi8>
  return
}

// -----

/// A convolution read in place (C = 8: 2 groups per tap): one loop per
/// filter row, over its 3 taps' 6 consecutive groups, two groups per
/// iteration (6 rows x 1 panel, twice).
// CHECK-LABEL: func.func @row_runs(
// CHECK:         scf.for %{{.*}} = %{{.*}} to %c3{{.*}} step %c1
// CHECK:           scf.for %{{.*}} = %{{.*}} to %c6{{.*}} step %c2
// CHECK-COUNT-12:    llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK-NOT:         llvm.call_intrinsic
// CHECK:             scf.yield
memref.global "private" constant @f8 : memref<3x3x8x16xi8> = dense<1>
func.func @row_runs(%x: memref<1x7x7x8xi8>, %y: memref<1x5x5x16xi32>) {
  %w = memref.get_global @f8 : memref<3x3x8x16xi8>
  linalg.conv_2d_nhwc_hwcf {qnn.kernel = "avx512-vnni", dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x7x7x8xi8>, memref<3x3x8x16xi8>) outs(%y : memref<1x5x5x16xi32>)
  return
}

// -----

/// A requantize epilogue as roundAndStore writes it without NaN: rounding
/// to nearest even, clamps with `nnan`, conversion. With whole-number
/// bounds (a constant and a constant table) the clamps come first and the
/// conversion rounds ({rn-sae}: rounding 8); with a bound of 1.5 that would
/// change the result (1.2 rounds to 1, clamps to 1.5, converts to 1), so
/// the body stays as it is.
// CHECK-LABEL: func.func @round_in_conversion(
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK:         arith.maximumf {{.*}} fastmath<nnan,nsz> : vector<16xf32>
// CHECK:         arith.minimumf {{.*}} fastmath<nnan,nsz> : vector<16xf32>
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.mask.cvtps2dq.512"
// CHECK-LABEL: func.func @half_bound(
// CHECK:         llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK-NOT:     cvtps2dq
// CHECK:         math.roundeven {{.*}} : vector<16xf32>
// CHECK:         arith.fptosi {{.*}} : vector<16xf32> to vector<16xi32>
memref.global "private" constant @w : memref<64x16xi8> = dense<3>
memref.global "private" constant @hi : memref<16xf32> = dense<127.0>
memref.global "private" constant @half : memref<16xf32> = dense<1.5>
func.func @round_in_conversion(%a: memref<?x64xi8>, %out: memref<?x16xi32>) {
  %c0 = arith.constant 0 : index
  %m = memref.dim %a, %c0 : memref<?x64xi8>
  %w = memref.get_global @w : memref<64x16xi8>
  %hi = memref.get_global @hi : memref<16xf32>
  %c = memref.alloc(%m) : memref<?x16xi32>
  linalg.matmul {qnn.kernel = "avx512-vnni"} ins(%a, %w : memref<?x64xi8>, memref<64x16xi8>) outs(%c : memref<?x16xi32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%c, %hi : memref<?x16xi32>, memref<16xf32>) outs(%out : memref<?x16xi32>) attrs = {qnn.kernel_part = "epilogue"} {
  ^bb0(%in: i32, %h: f32, %o: i32):
    %lo = arith.constant -128.0 : f32
    %s = arith.constant 0.25 : f32
    %f = arith.sitofp %in : i32 to f32
    %p = arith.mulf %f, %s : f32
    %r = math.roundeven %p : f32
    %x = arith.maximumf %r, %lo fastmath<nnan,nsz> : f32
    %y = arith.minimumf %x, %h fastmath<nnan,nsz> : f32
    %i = arith.fptosi %y : f32 to i32
    linalg.yield %i : i32
  }
  memref.dealloc %c : memref<?x16xi32>
  return
}
func.func @half_bound(%a: memref<?x64xi8>, %out: memref<?x16xi32>) {
  %c0 = arith.constant 0 : index
  %m = memref.dim %a, %c0 : memref<?x64xi8>
  %w = memref.get_global @w : memref<64x16xi8>
  %half = memref.get_global @half : memref<16xf32>
  %c = memref.alloc(%m) : memref<?x16xi32>
  linalg.matmul {qnn.kernel = "avx512-vnni"} ins(%a, %w : memref<?x64xi8>, memref<64x16xi8>) outs(%c : memref<?x16xi32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%c, %half : memref<?x16xi32>, memref<16xf32>) outs(%out : memref<?x16xi32>) attrs = {qnn.kernel_part = "epilogue"} {
  ^bb0(%in: i32, %h: f32, %o: i32):
    %hi = arith.constant 127.0 : f32
    %s = arith.constant 0.25 : f32
    %f = arith.sitofp %in : i32 to f32
    %p = arith.mulf %f, %s : f32
    %r = math.roundeven %p : f32
    %x = arith.maximumf %r, %h fastmath<nnan,nsz> : f32
    %y = arith.minimumf %x, %hi fastmath<nnan,nsz> : f32
    %i = arith.fptosi %y : f32 to i32
    linalg.yield %i : i32
  }
  memref.dealloc %c : memref<?x16xi32>
  return
}
