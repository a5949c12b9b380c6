// RUN: qnn-opt %s --split-input-file --qnn-tile-and-vectorize --canonicalize | FileCheck %s

/// A matmul is tiled [4, 16, 16] and each tile becomes masked vector reads
/// and a vector.contract (lowered later to outer products).
// CHECK-LABEL: func.func @matmul
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             scf.for
// CHECK:               vector.create_mask {{.*}} : vector<4x16xi1>
// CHECK:               vector.transfer_read {{.*}} : tensor<?x?xi16>, vector<4x16xi16>
// CHECK:               vector.contract {{.*}} : vector<4x16xi16>, vector<16x16xi16> into vector<4x16xi32>
// CHECK-NOT:     linalg.matmul
func.func @matmul(%a: tensor<37x70xi16>, %b: tensor<70x21xi16>, %c: tensor<37x21xi32>) -> tensor<37x21xi32> {
  %r = linalg.matmul ins(%a, %b : tensor<37x70xi16>, tensor<70x21xi16>) outs(%c : tensor<37x21xi32>) -> tensor<37x21xi32>
  return %r : tensor<37x21xi32>
}

// -----

/// An elementwise op is tiled 16 wide along its innermost dimension.
// CHECK-LABEL: func.func @elementwise
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             vector.transfer_read {{.*}} vector<1x16xf32>
// CHECK:             math.roundeven {{.*}} : vector<1x16xf32>
// CHECK:             vector.transfer_write
func.func @elementwise(%x: tensor<3x40xf32>) -> tensor<3x40xf32> {
  %e = tensor.empty() : tensor<3x40xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<3x40xf32>) outs(%e : tensor<3x40xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.roundeven %in : f32
    linalg.yield %v : f32
  } -> tensor<3x40xf32>
  return %r : tensor<3x40xf32>
}

// -----

/// A 2-D convolution is tiled to one output row and one filter row with
/// tiles that divide its static sizes, decomposed to 1-D and vectorized.
// CHECK-LABEL: func.func @conv
// CHECK:         scf.for
// CHECK:           vector.transfer_read
// CHECK-NOT:       linalg.conv_2d_nhwc_hwcf
// CHECK:           vector.transfer_write
func.func @conv(%x: tensor<1x10x10x8xi16>, %w: tensor<3x3x8x16xi16>, %c: tensor<1x8x8x16xi32>) -> tensor<1x8x8x16xi32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x10x10x8xi16>, tensor<3x3x8x16xi16>) outs(%c : tensor<1x8x8x16xi32>) -> tensor<1x8x8x16xi32>
  return %r : tensor<1x8x8x16xi32>
}

// -----

/// Ops on sub-byte integers stay scalar: LLVM packs vector<16xi4> into 8
/// bytes, but memrefs give each i4 a byte.
// CHECK-LABEL: func.func @negative_sub_byte
// CHECK:         linalg.generic
// CHECK-NOT:     vector.
func.func @negative_sub_byte(%x: tensor<40xi4>) -> tensor<40xi8> {
  %e = tensor.empty() : tensor<40xi8>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<40xi4>) outs(%e : tensor<40xi8>) {
  ^bb0(%in: i4, %out: i8):
    %v = arith.extsi %in : i4 to i8
    linalg.yield %v : i8
  } -> tensor<40xi8>
  return %r : tensor<40xi8>
}
