// RUN: qnn-opt %s --split-input-file --quantize --verify-diagnostics | FileCheck %s

/// TOSA input is converted to linalg first (the upstream passes
/// qnn-to-llvm runs); a conv2d with its bias and a ReLU6 clamp becomes one
/// integer convolution with the bias in int32 and the clamp in the
/// requantized range ([0, 2] is inside [0, 6]: no qnn.clamp needed).
// CHECK-LABEL: func.func @tosa_conv2d_bias_clamp
// CHECK-NOT:     tosa.
// CHECK:         %[[X:.*]] = qnn.quantize %{{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0039215688593685627:-128>>
// CHECK:         %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}127, 32, -127], [-127, 127, 16]]]]> : tensor<1x1x2x3xi8>
// CHECK:         %[[B:.*]] = qnn.constant dense<[6477, -6477, 9716]> : tensor<3xi32>
// CHECK:         %[[C:.*]] = qnn.conv2d %[[X]], %[[W]] bias(%[[B]])
// CHECK:         %[[R:.*]] = qnn.requantize %[[C]] {{.*}} -> tensor<1x4x4x3x!quant.uniform<i8:f32, 0.0078431377187371254:-128>>
// CHECK-NEXT:    qnn.dequantize %[[R]]
// CHECK-NOT:     = linalg.
func.func @tosa_conv2d_bias_clamp(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %sx = qnn.stats %x min = [0.0], max = [1.0] : tensor<1x4x4x2xf32>
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.5]]], [[[0.25, 1.0]]], [[[-1.0, 0.125]]]]> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<[0.1, -0.2, 0.3]> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.conv2d %sx, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %r = tosa.clamp %c {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %sr = qnn.stats %r min = [0.0], max = [2.0] : tensor<1x4x4x3xf32>
  return %sr : tensor<1x4x4x3xf32>
}

// -----

/// tosa.depthwise_conv2d (multiplier 1) with padding: the zero pad folds
/// into the qnn op and the depthwise form is groups = channels.
// CHECK-LABEL: func.func @tosa_depthwise_padded
// CHECK:         qnn.conv2d {{.*}} {groups = 2 : i64, padding = array<i64: 1, 1, 1, 1>, qnn.layer = "{{[^"]*}}"}
// CHECK-SAME:      -> tensor<1x3x3x2x!quant.uniform<i32:f32:3
// CHECK-NOT:     linalg.depthwise
func.func @tosa_depthwise_padded(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x3x3x2xf32>
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x3x2x1xf32>} : () -> tensor<3x3x2x1xf32>
  %b = "tosa.const"() {values = dense<[0.0, 1.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.depthwise_conv2d %sx, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x3x3x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x3x3x2xf32>
  %sc = qnn.stats %c min = [-4.0], max = [5.0] : tensor<1x3x3x2xf32>
  return %sc : tensor<1x3x3x2xf32>
}

// -----

/// TOSA's fully connected form: reshape to 1 x B x K, tosa.matmul with a
/// 1 x K x N weight, a 1 x 1 x N bias, reshape back, ReLU. The weight is
/// shared by the batch (K x N), the bias folds, and the ReLU after the
/// reshape folds too: the integer result is reshaped, and no float op is
/// left.
// CHECK-LABEL: func.func @tosa_fully_connected
// CHECK:         %[[E:.*]] = qnn.quantize %{{.*}} : tensor<1x?x2xf32> -> tensor<1x?x2x!quant.uniform<i8:f32, 0.0078431377187371254:-1>>
// CHECK:         %[[M:.*]] = qnn.matmul %[[E]], %{{.*}} bias(%{{.*}}) {qnn.layer = "{{[^"]*}}"} : (tensor<1x?x2x!quant.uniform<i8:f32, {{.*}}>>, tensor<2x3x!quant.uniform<i8<-127:127>:f32:1
// CHECK:         %[[R:.*]] = qnn.requantize %[[M]]
// CHECK:         %[[F:.*]] = tensor.collapse_shape %[[R]] {{.*}} into tensor<?x3x!quant.uniform<i8:f32, 0.011764706112444401:-128>>
// CHECK:         qnn.dequantize %[[F]]
// CHECK-NOT:     = linalg.
func.func @tosa_fully_connected(%x: tensor<?x2xf32>) -> tensor<?x3xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<?x2xf32>
  %s3 = tosa.const_shape {values = dense<[1, -1, 2]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %x3 = tosa.reshape %sx, %s3 : (tensor<?x2xf32>, !tosa.shape<3>) -> tensor<1x?x2xf32>
  %w = "tosa.const"() {values = dense<[[[1.0, -1.0, 0.5], [0.25, 2.0, -0.5]]]> : tensor<1x2x3xf32>} : () -> tensor<1x2x3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %m = tosa.matmul %x3, %w, %zp, %zp : (tensor<1x?x2xf32>, tensor<1x2x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x3xf32>
  %b = "tosa.const"() {values = dense<[[[0.5, 0.0, -0.5]]]> : tensor<1x1x3xf32>} : () -> tensor<1x1x3xf32>
  %a = tosa.add %m, %b : (tensor<1x?x3xf32>, tensor<1x1x3xf32>) -> tensor<1x?x3xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %a, %s2 : (tensor<1x?x3xf32>, !tosa.shape<2>) -> tensor<?x3xf32>
  %r = tosa.clamp %y {min_val = 0.0 : f32, max_val = 3.40282347E+38 : f32} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %sr = qnn.stats %r min = [0.0], max = [3.0] : tensor<?x3xf32>
  return %sr : tensor<?x3xf32>
}

// -----

/// linalg.conv_2d_nhwc_fhwc accumulating into a broadcast bias (what
/// tosa-to-linalg-named writes): the weights are transposed to HWCF at
/// compile time and the bias folds into int32.
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_fhwc_bias_init
// CHECK:         qnn.constant dense<{{\[\[\[\[}}127, -127]]]]> : tensor<1x1x1x2xi8>
// CHECK:         qnn.constant dense<[127, -63]> : tensor<2xi32>
// CHECK:         qnn.conv2d
// CHECK-NOT:     = linalg.
func.func @conv_fhwc_bias_init(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2x2x1xf32>
  %w = arith.constant dense<[[[[1.0]]], [[[-2.0]]]]> : tensor<2x1x1x1xf32>
  %b = arith.constant dense<[0.0078125, -0.0078125]> : tensor<2xf32>
  %e = tensor.empty() : tensor<1x2x2x2xf32>
  %init = linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<2xf32>) outs(%e : tensor<1x2x2x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x2x2x2xf32>
  %c = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%sx, %w : tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>) outs(%init : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %sc = qnn.stats %c min = [-2.0], max = [2.0] : tensor<1x2x2x2xf32>
  return %sc : tensor<1x2x2x2xf32>
}

// -----

/// A bias added as linalg.broadcast + linalg.add folds like a generic one.
// CHECK-LABEL: func.func @broadcast_add_bias
// CHECK:         qnn.matmul %{{.*}}, %{{.*}} bias(%{{.*}})
// CHECK-NOT:     = linalg.
func.func @broadcast_add_bias(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<4x2xf32>
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[1.0, 0.5], [-1.0, 0.25]]> : tensor<2x2xf32>
  %b = arith.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %e = tensor.empty() : tensor<4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %m = linalg.matmul ins(%sx, %w : tensor<4x2xf32>, tensor<2x2xf32>) outs(%acc : tensor<4x2xf32>) -> tensor<4x2xf32>
  %wide = linalg.broadcast ins(%b : tensor<2xf32>) outs(%e : tensor<4x2xf32>) dimensions = [0]
  %y = linalg.add ins(%m, %wide : tensor<4x2xf32>, tensor<4x2xf32>) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %sy = qnn.stats %y min = [-2.0], max = [2.0] : tensor<4x2xf32>
  return %sy : tensor<4x2xf32>
}

// -----

/// A depthwise convolution with channel multiplier 2 stays in float.
// CHECK-LABEL: func.func @negative_depthwise_multiplier
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
func.func @negative_depthwise_multiplier(%x: tensor<1x3x3x1xf32>) -> tensor<1x1x1x1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x3x3x1xf32>
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<0.5> : tensor<3x3x1x2xf32>
  %e = tensor.empty() : tensor<1x1x1x1x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1x1x1x2xf32>) -> tensor<1x1x1x1x2xf32>
  // expected-remark@+1 {{kept in float: a depthwise channel multiplier other than 1 is not handled yet}}
  %c = linalg.depthwise_conv_2d_nhwc_hwcm {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%sx, %w : tensor<1x3x3x1xf32>, tensor<3x3x1x2xf32>) outs(%acc : tensor<1x1x1x1x2xf32>) -> tensor<1x1x1x1x2xf32>
  return %c : tensor<1x1x1x1x2xf32>
}
