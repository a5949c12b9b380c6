// linalg's quantized ops as frontends emit them (zero points as operands),
// for linalg-quantized-ops.test: a matmul on constant weights, a batch
// matmul on two activations, and a strided NHWC convolution.
func.func @forward(%a: tensor<3x5xi8>, %x: tensor<2x3x5xi8>, %y: tensor<2x5x4xi8>, %img: tensor<1x5x5x2xi8>)
    -> (tensor<3x4xi32>, tensor<2x3x4xi32>, tensor<1x2x2x3xi32>) {
  %za = arith.constant 3 : i32
  %zb = arith.constant -7 : i32
  %zero = arith.constant 0 : i32
  %w = arith.constant dense<[[12, -5, 127, -128], [0, 44, -90, 17], [-33, 8, 61, -2], [100, -100, 5, 9], [-1, 70, -64, 33]]> : tensor<5x4xi8>
  %e0 = tensor.empty() : tensor<3x4xi32>
  %f0 = linalg.fill ins(%zero : i32) outs(%e0 : tensor<3x4xi32>) -> tensor<3x4xi32>
  %mm = linalg.quantized_matmul ins(%a, %w, %za, %zb : tensor<3x5xi8>, tensor<5x4xi8>, i32, i32) outs(%f0 : tensor<3x4xi32>) -> tensor<3x4xi32>
  %e1 = tensor.empty() : tensor<2x3x4xi32>
  %f1 = linalg.fill ins(%zero : i32) outs(%e1 : tensor<2x3x4xi32>) -> tensor<2x3x4xi32>
  %bmm = linalg.quantized_batch_matmul ins(%x, %y, %zb, %za : tensor<2x3x5xi8>, tensor<2x5x4xi8>, i32, i32) outs(%f1 : tensor<2x3x4xi32>) -> tensor<2x3x4xi32>
  %k = arith.constant dense<[[[[1, -2, 3], [4, 5, -6]], [[-7, 8, 9], [10, -11, 12]]], [[[13, 14, -15], [-16, 17, 18]], [[19, -20, 21], [22, 23, -24]]]]> : tensor<2x2x2x3xi8>
  %e2 = tensor.empty() : tensor<1x2x2x3xi32>
  %f2 = linalg.fill ins(%zero : i32) outs(%e2 : tensor<1x2x2x3xi32>) -> tensor<1x2x2x3xi32>
  %conv = linalg.conv_2d_nhwc_hwcf_q {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%img, %k, %za, %zb : tensor<1x5x5x2xi8>, tensor<2x2x2x3xi8>, i32, i32) outs(%f2 : tensor<1x2x2x3xi32>) -> tensor<1x2x2x3xi32>
  return %mm, %bmm, %conv : tensor<3x4xi32>, tensor<2x3x4xi32>, tensor<1x2x2x3xi32>
}

// The other quantized convolutions tosa-to-linalg-named and frontends emit:
// FHWC filters (constant), a depthwise HWC filter that is an input, and a
// depthwise HWCM filter (channel multiplier 2, constant).
func.func @convs(%img: tensor<1x5x5x2xi8>, %dw: tensor<3x3x2xi8>)
    -> (tensor<1x2x2x3xi32>, tensor<1x3x3x2xi32>, tensor<1x4x4x2x2xi32>) {
  %za = arith.constant 3 : i32
  %zb = arith.constant -7 : i32
  %zero = arith.constant 0 : i32
  %k = arith.constant dense<[[[[1, -2], [3, 4]], [[5, -6], [-7, 8]]], [[[9, 10], [-11, 12]], [[13, 14], [-15, -16]]], [[[17, -18], [19, 20]], [[-21, 22], [23, -24]]]]> : tensor<3x2x2x2xi8>
  %e0 = tensor.empty() : tensor<1x2x2x3xi32>
  %f0 = linalg.fill ins(%zero : i32) outs(%e0 : tensor<1x2x2x3xi32>) -> tensor<1x2x2x3xi32>
  %c0 = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%img, %k, %za, %zb : tensor<1x5x5x2xi8>, tensor<3x2x2x2xi8>, i32, i32) outs(%f0 : tensor<1x2x2x3xi32>) -> tensor<1x2x2x3xi32>
  %e1 = tensor.empty() : tensor<1x3x3x2xi32>
  %f1 = linalg.fill ins(%zero : i32) outs(%e1 : tensor<1x3x3x2xi32>) -> tensor<1x3x3x2xi32>
  %c1 = linalg.depthwise_conv_2d_nhwc_hwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%img, %dw, %zb, %za : tensor<1x5x5x2xi8>, tensor<3x3x2xi8>, i32, i32) outs(%f1 : tensor<1x3x3x2xi32>) -> tensor<1x3x3x2xi32>
  %m = arith.constant dense<[[[[1, -1], [2, -2]], [[3, 30], [-4, 40]]], [[[5, -50], [6, 60]], [[-7, 7], [8, -8]]]]> : tensor<2x2x2x2xi8>
  %e2 = tensor.empty() : tensor<1x4x4x2x2xi32>
  %f2 = linalg.fill ins(%zero : i32) outs(%e2 : tensor<1x4x4x2x2xi32>) -> tensor<1x4x4x2x2xi32>
  %c2 = linalg.depthwise_conv_2d_nhwc_hwcm_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%img, %m, %za, %zb : tensor<1x5x5x2xi8>, tensor<2x2x2x2xi8>, i32, i32) outs(%f2 : tensor<1x4x4x2x2xi32>) -> tensor<1x4x4x2x2xi32>
  return %c0, %c1, %c2 : tensor<1x2x2x3xi32>, tensor<1x3x3x2xi32>, tensor<1x4x4x2x2xi32>
}
