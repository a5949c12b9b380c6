// A small float TOSA network with recorded ranges (qnn.stats): a 3x3
// convolution with bias and ReLU6, a strided depthwise convolution, and a
// fully-connected layer; batch 2, static shapes.
func.func @net(%x: tensor<2x6x6x2xf32>) -> tensor<2x5xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<2x6x6x2xf32>
  %w1 = "tosa.const"() {values = dense<[[[[0.5, -0.5], [0.25, 0.1], [-0.3, 0.2]], [[0.1, 0.9], [-0.7, 0.3], [0.2, -0.2]], [[0.4, 0.4], [-0.1, 0.6], [0.8, -0.9]]], [[[-0.5, 0.5], [0.3, -0.1], [0.3, 0.7]], [[-0.1, -0.9], [0.7, 0.2], [-0.2, 0.2]], [[0.6, -0.4], [0.1, 0.6], [-0.8, 0.5]]], [[[0.2, 0.3], [-0.4, 0.5], [0.6, -0.7]], [[0.8, -0.9], [0.1, 0.2], [-0.3, 0.4]], [[0.5, 0.6], [-0.7, 0.8], [0.9, -0.1]]], [[[-0.2, -0.3], [0.4, -0.5], [-0.6, 0.7]], [[-0.8, 0.9], [-0.1, -0.2], [0.3, -0.4]], [[-0.5, -0.6], [0.7, -0.8], [-0.9, 0.1]]]]> : tensor<4x3x3x2xf32>} : () -> tensor<4x3x3x2xf32>
  %b1 = "tosa.const"() {values = dense<[0.1, -0.2, 0.3, 0.05]> : tensor<4xf32>} : () -> tensor<4xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c1 = tosa.conv2d %sx, %w1, %b1, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<2x6x6x2xf32>, tensor<4x3x3x2xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x6x6x4xf32>
  %r1 = tosa.clamp %c1 {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<2x6x6x4xf32>) -> tensor<2x6x6x4xf32>
  %s1 = qnn.stats %r1 min = [0.0], max = [4.0] : tensor<2x6x6x4xf32>
  %w2 = "tosa.const"() {values = dense<[[[[0.5], [-0.25], [0.75], [1.0]], [[0.1], [0.2], [-0.3], [0.4]]], [[[-0.5], [0.6], [0.7], [-0.8]], [[0.9], [-1.0], [0.3], [0.2]]]]> : tensor<2x2x4x1xf32>} : () -> tensor<2x2x4x1xf32>
  %b2 = "tosa.const"() {values = dense<[0.0, 0.1, -0.1, 0.2]> : tensor<4xf32>} : () -> tensor<4xf32>
  %c2 = tosa.depthwise_conv2d %s1, %w2, %b2, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>} : (tensor<2x6x6x4xf32>, tensor<2x2x4x1xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x3x3x4xf32>
  %s2 = qnn.stats %c2 min = [-6.0], max = [6.0] : tensor<2x3x3x4xf32>
  %shape = tosa.const_shape {values = dense<[1, 2, 36]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %s2, %shape : (tensor<2x3x3x4xf32>, !tosa.shape<3>) -> tensor<1x2x36xf32>
  %w3 = "tosa.const"() {values = dense<0.125> : tensor<1x36x5xf32>} : () -> tensor<1x36x5xf32>
  %m = tosa.matmul %f, %w3, %zp, %zp : (tensor<1x2x36xf32>, tensor<1x36x5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x5xf32>
  %s3 = qnn.stats %m min = [-8.0], max = [8.0] : tensor<1x2x5xf32>
  %oshape = tosa.const_shape {values = dense<[2, 5]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %o = tosa.reshape %s3, %oshape : (tensor<1x2x5xf32>, !tosa.shape<2>) -> tensor<2x5xf32>
  return %o : tensor<2x5xf32>
}
