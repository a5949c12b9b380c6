// RUN: qnn-opt %s --split-input-file --quantize --verify-diagnostics | FileCheck %s

/// Max pooling between quantized layers moves to the stored integers:
/// pooling_nhwc_max(dequantize(q)) is dequantize(max_pool2d(q)) exactly. A
/// padding of -inf becomes the op's padding (padded taps never win).
// CHECK-LABEL: func.func @pool_between_layers
// CHECK:         %[[C:.*]] = qnn.conv2d
// CHECK:         %[[R:.*]] = qnn.requantize %[[C]]
// CHECK:         %[[P:.*]] = qnn.max_pool2d %[[R]] {kernel = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>, strides = array<i64: 2, 2>} : tensor<1x3x3x2x!quant.uniform<i8:f32, [[T:.*]]>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, [[T]]>>
// CHECK:         qnn.dequantize %[[P]]
// CHECK-NOT:     linalg.pooling_nhwc_max
func.func @pool_between_layers(%x: tensor<1x3x3x1xf32>) -> tensor<1x2x2x2xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x3x3x1xf32>
  %w = arith.constant dense<[[[[1.0, -1.0]]]]> : tensor<1x1x1x2xf32>
  %e = tensor.empty() : tensor<1x3x3x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%sx, %w : tensor<1x3x3x1xf32>, tensor<1x1x1x2xf32>) outs(%acc : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %sc = qnn.stats %c min = [-1.0], max = [1.0] : tensor<1x3x3x2xf32>
  %padded = tensor.pad %sc low[0, 0, 0, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %ninf : f32
  } : tensor<1x3x3x2xf32> to tensor<1x4x4x2xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %pe = tensor.empty() : tensor<1x2x2x2xf32>
  %pinit = linalg.fill ins(%ninf : f32) outs(%pe : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
      ins(%padded, %window : tensor<1x4x4x2xf32>, tensor<2x2xf32>) outs(%pinit : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %p : tensor<1x2x2x2xf32>
}

// -----

/// A padding of 0 can win (the values may be negative): the pooling stays
/// in float, with a remark.
// CHECK-LABEL: func.func @negative_pool_zero_padding
// CHECK:         linalg.pooling_nhwc_max
// CHECK-NOT:     qnn.max_pool2d
func.func @negative_pool_zero_padding(%x: tensor<1x3x3x1xf32>) -> tensor<1x2x2x2xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x3x3x1xf32>
  %w = arith.constant dense<[[[[1.0, -1.0]]]]> : tensor<1x1x1x2xf32>
  %e = tensor.empty() : tensor<1x3x3x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%sx, %w : tensor<1x3x3x1xf32>, tensor<1x1x1x2xf32>) outs(%acc : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %sc = qnn.stats %c min = [-1.0], max = [1.0] : tensor<1x3x3x2xf32>
  %padded = tensor.pad %sc low[0, 0, 0, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x3x3x2xf32> to tensor<1x4x4x2xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %pe = tensor.empty() : tensor<1x2x2x2xf32>
  %pinit = linalg.fill ins(%ninf : f32) outs(%pe : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  // expected-remark@+1 {{kept in float: the max pooling's padding or initial value can win over the dequantized values}}
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
      ins(%padded, %window : tensor<1x4x4x2xf32>, tensor<2x2xf32>) outs(%pinit : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %p : tensor<1x2x2x2xf32>
}

// -----

/// tosa-to-linalg's unpadded average pooling (a window sum, then a division
/// by its size) becomes qnn.avg_pool2d, rounded as the quantizer rounds.
#map = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @average_between_layers
// CHECK:         %[[R:.*]] = qnn.requantize
// CHECK:         %[[P:.*]] = qnn.avg_pool2d %[[R]] rounding = half_to_even {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x4x2x!quant.uniform<i8:f32, [[T:.*]]>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, [[T]]>>
// CHECK:         qnn.dequantize %[[P]]
// CHECK-NOT:     linalg.pooling_nhwc_sum
func.func @average_between_layers(%x: tensor<1x4x4x1xf32>) -> tensor<1x2x2x2xf32> {
  %zero = arith.constant 0.0 : f32
  %four = arith.constant 4.0 : f32
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x4x4x1xf32>
  %w = arith.constant dense<[[[[1.0, -1.0]]]]> : tensor<1x1x1x2xf32>
  %e = tensor.empty() : tensor<1x4x4x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%sx, %w : tensor<1x4x4x1xf32>, tensor<1x1x1x2xf32>) outs(%acc : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %sc = qnn.stats %c min = [-1.0], max = [1.0] : tensor<1x4x4x2xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %pe = tensor.empty() : tensor<1x2x2x2xf32>
  %pinit = linalg.fill ins(%zero : f32) outs(%pe : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %sum = linalg.pooling_nhwc_sum {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
      ins(%sc, %window : tensor<1x4x4x2xf32>, tensor<2x2xf32>) outs(%pinit : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %de = tensor.empty() : tensor<1x2x2x2xf32>
  %avg = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%sum : tensor<1x2x2x2xf32>) outs(%de : tensor<1x2x2x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.divf %in, %four : f32
    linalg.yield %d : f32
  } -> tensor<1x2x2x2xf32>
  return %avg : tensor<1x2x2x2xf32>
}
