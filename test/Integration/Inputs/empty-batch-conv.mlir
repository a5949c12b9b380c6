// A convolution of an empty batch.
func.func @forward(%x: tensor<0x4x4x2xf32>) -> tensor<0x2x2x3xf32> {
  %w = arith.constant dense<0.5> : tensor<3x3x2x3xf32>
  %init = arith.constant dense<0.0> : tensor<0x2x2x3xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<0x4x4x2xf32>, tensor<3x3x2x3xf32>) outs(%init : tensor<0x2x2x3xf32>) -> tensor<0x2x2x3xf32>
  return %c : tensor<0x2x2x3xf32>
}
