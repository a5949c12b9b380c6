// RUN: qnn-opt %s --split-input-file --qnn-tile-and-vectorize --remarks-filter=qnn-tile-and-vectorize --remark-policy=all --verify-diagnostics -o /dev/null

/// The tile and vector sizes chosen for each op are analysis remarks
/// (category qnn-tile-and-vectorize). K = 32 is tiled by 16, M and N fit.
func.func @matmul_tiles(%a: tensor<4x32xi16>, %b: tensor<32x16xi16>, %c: tensor<4x16xi32>) -> tensor<4x16xi32> {
  // expected-remark@+1 {{[Analysis] tiles | Category:qnn-tile-and-vectorize | Remark="linalg.matmul as contraction tiles of [0, 0, 16] (0: not tiled), vector sizes [4, 16, 16]"}}
  %r = linalg.matmul ins(%a, %b : tensor<4x32xi16>, tensor<32x16xi16>) outs(%c : tensor<4x16xi32>) -> tensor<4x16xi32>
  return %r : tensor<4x16xi32>
}

// -----

/// Convolutions are tiled to one output row and divisors of the output.
func.func @conv_tiles(%x: tensor<1x6x6x8xi16>, %w: tensor<3x3x8x4xi16>, %init: tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32> {
  // expected-remark@+1 {{Remark="linalg.conv_2d_nhwc_hwcf as convolution tiles of [1, 1, 4, 4, 1, 0, 8] (0: not tiled), vector sizes []"}}
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x6x6x8xi16>, tensor<3x3x8x4xi16>) outs(%init : tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32>
  return %r : tensor<1x4x4x4xi32>
}
