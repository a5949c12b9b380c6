// RUN: qnn-opt %s --split-input-file | qnn-opt --split-input-file | FileCheck %s
// RUN: qnn-opt %s --split-input-file --mlir-print-op-generic | qnn-opt --split-input-file | FileCheck %s

// Tests that every qnn op, attribute and rounding mode survives a round trip
// through the custom and the generic syntax.

// CHECK-LABEL: func.func @quantize_per_tensor_i8
// CHECK-SAME:    (%[[X:.*]]: tensor<4xf32>)
// CHECK:         %[[Q:.*]] = qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-3>>
// CHECK:         qnn.dequantize %[[Q]] : tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<4xf32>
func.func @quantize_per_tensor_i8(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
  %d = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @quantize_per_channel_u4_half_away
// CHECK:         qnn.quantize %{{.*}} rounding = half_away_from_zero : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u4:f32:0, {1.000000e-01:8,2.000000e-01:7}>>
func.func @quantize_per_channel_u4_half_away(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<u4:f32:0, {0.1:8, 0.2:7}>> {
  %q = qnn.quantize %x rounding = half_away_from_zero : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u4:f32:0, {0.1:8, 0.2:7}>>
  return %q : tensor<2x3x!quant.uniform<u4:f32:0, {0.1:8, 0.2:7}>>
}

// -----

// CHECK-LABEL: func.func @quantize_dynamic_narrow_range
// CHECK:         qnn.quantize %{{.*}} : tensor<?x8xf32> -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 2.500000e-01>>
func.func @quantize_dynamic_narrow_range(%x: tensor<?x8xf32>) -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.25>> {
  %q = qnn.quantize %x : tensor<?x8xf32> -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.25>>
  return %q : tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.25>>
}

// -----

// CHECK-LABEL: func.func @constant_per_axis
// CHECK:         qnn.constant dense<{{\[\[}}1, -2], [3, 127]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {5.000000e-01,2.500000e-01}>>
func.func @constant_per_axis() -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>> {
  %w = qnn.constant dense<[[1, -2], [3, 127]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
  return %w : tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
}

// -----

/// Packed sub-byte storage: [1, -2, 3, 7] as i4 is 0xE1 0x73.
// CHECK-LABEL: func.func @constant_packed_i4
// CHECK:         qnn.constant packed dense<[225, 115]> : tensor<2xui8> -> tensor<2x2x!quant.uniform<i4:f32, 5.000000e-01>>
func.func @constant_packed_i4() -> tensor<2x2x!quant.uniform<i4:f32, 0.5>> {
  %w = qnn.constant packed dense<[225, 115]> : tensor<2xui8> -> tensor<2x2x!quant.uniform<i4:f32, 0.5>>
  return %w : tensor<2x2x!quant.uniform<i4:f32, 0.5>>
}

// -----

// CHECK-LABEL: func.func @requantize_each_mode
// CHECK:         qnn.requantize %{{.*}} rounding = half_to_even :
// CHECK:         qnn.requantize %{{.*}} rounding = half_away_from_zero :
// CHECK:         qnn.requantize %{{.*}} rounding = double_round :
// CHECK:         qnn.requantize %{{.*}} rounding = single_round :
// CHECK:         qnn.requantize %{{.*}} rounding = tosa_double_round :
func.func @requantize_each_mode(%acc: tensor<4x!quant.uniform<i32:f32, 0.001>>) {
  %0 = qnn.requantize %acc rounding = half_to_even : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
  %1 = qnn.requantize %acc rounding = half_away_from_zero : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
  %2 = qnn.requantize %acc rounding = double_round : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<u8:f32, 0.05:128>>
  %3 = qnn.requantize %acc rounding = single_round : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i16:f32, 0.0005>>
  %4 = qnn.requantize %acc rounding = tosa_double_round : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
  return
}

// -----

// CHECK-LABEL: func.func @matmul_per_channel_with_bias
// CHECK-SAME:    (%[[A:.*]]: tensor<4x16x{{.*}}>, %[[W:.*]]: tensor<16x2x{{.*}}>, %[[B:.*]]: tensor<2x{{.*}}>)
// CHECK:         qnn.matmul %[[A]], %[[W]] bias(%[[B]]) : (tensor<4x16x!quant.uniform<i8:f32, 5.000000e-01:3>>, tensor<16x2x!quant.uniform<i8:f32:1, {2.500000e-01,5.000000e-01}>>, tensor<2x!quant.uniform<i32:f32:0, {1.250000e-01,2.500000e-01}>>) -> tensor<4x2x!quant.uniform<i32:f32:1, {1.250000e-01,2.500000e-01}>>
func.func @matmul_per_channel_with_bias(%a: tensor<4x16x!quant.uniform<i8:f32, 0.5:3>>, %w: tensor<16x2x!quant.uniform<i8:f32:1, {0.25, 0.5}>>, %b: tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.25}>>) -> tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.25}>> {
  %acc = qnn.matmul %a, %w bias(%b) : (tensor<4x16x!quant.uniform<i8:f32, 0.5:3>>, tensor<16x2x!quant.uniform<i8:f32:1, {0.25, 0.5}>>, tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.25}>>) -> tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.25}>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.25}>>
}

// -----

// CHECK-LABEL: func.func @matmul_batched_dynamic
// CHECK:         qnn.matmul %{{.*}}, %{{.*}} : (tensor<?x4x16x!quant.uniform<u8:f32, 5.000000e-01:128>>, tensor<16x8x!quant.uniform<i4:f32, 2.500000e-01>>) -> tensor<?x4x8x!quant.uniform<i32:f32, 1.250000e-01>>
func.func @matmul_batched_dynamic(%a: tensor<?x4x16x!quant.uniform<u8:f32, 0.5:128>>, %w: tensor<16x8x!quant.uniform<i4:f32, 0.25>>) -> tensor<?x4x8x!quant.uniform<i32:f32, 0.125>> {
  %acc = qnn.matmul %a, %w : (tensor<?x4x16x!quant.uniform<u8:f32, 0.5:128>>, tensor<16x8x!quant.uniform<i4:f32, 0.25>>) -> tensor<?x4x8x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<?x4x8x!quant.uniform<i32:f32, 0.125>>
}

// -----

// CHECK-LABEL: func.func @conv2d_strided_padded
// CHECK:         qnn.conv2d %{{.*}}, %{{.*}} {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x8x3x{{.*}}>, tensor<3x3x3x4x{{.*}}>) -> tensor<1x4x4x4x!quant.uniform<i32:f32, 1.250000e-01>>
func.func @conv2d_strided_padded(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:3>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x4x4x!quant.uniform<i32:f32, 0.125>> {
  %acc = qnn.conv2d %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:3>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x4x4x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x4x4x!quant.uniform<i32:f32, 0.125>>
}

// -----

// CHECK-LABEL: func.func @conv2d_depthwise_dilated_bias
// CHECK:         qnn.conv2d %{{.*}}, %{{.*}} bias(%{{.*}}) {dilations = array<i64: 2, 2>, groups = 4 : i64} : (tensor<2x9x9x4x{{.*}}>, tensor<3x3x1x4x!quant.uniform<i8:f32:3, {{.*}}>>, tensor<4x{{.*}}>) -> tensor<2x5x5x4x!quant.uniform<i32:f32:3, {{.*}}>>
func.func @conv2d_depthwise_dilated_bias(%x: tensor<2x9x9x4x!quant.uniform<i8:f32, 1.0>>, %w: tensor<3x3x1x4x!quant.uniform<i8:f32:3, {0.5, 0.25, 0.125, 1.0}>>, %b: tensor<4x!quant.uniform<i32:f32:0, {0.5, 0.25, 0.125, 1.0}>>) -> tensor<2x5x5x4x!quant.uniform<i32:f32:3, {0.5, 0.25, 0.125, 1.0}>> {
  %acc = qnn.conv2d %x, %w bias(%b) {dilations = array<i64: 2, 2>, groups = 4} : (tensor<2x9x9x4x!quant.uniform<i8:f32, 1.0>>, tensor<3x3x1x4x!quant.uniform<i8:f32:3, {0.5, 0.25, 0.125, 1.0}>>, tensor<4x!quant.uniform<i32:f32:0, {0.5, 0.25, 0.125, 1.0}>>) -> tensor<2x5x5x4x!quant.uniform<i32:f32:3, {0.5, 0.25, 0.125, 1.0}>>
  return %acc : tensor<2x5x5x4x!quant.uniform<i32:f32:3, {0.5, 0.25, 0.125, 1.0}>>
}

// -----

// CHECK-LABEL: func.func @max_pool2d
// CHECK:         qnn.max_pool2d %{{.*}} {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x8x8x4x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<?x4x4x4x!quant.uniform<i8:f32, 5.000000e-01:-3>>
// CHECK:         qnn.max_pool2d %{{.*}} {dilations = array<i64: 2, 2>, kernel = array<i64: 2, 2>} : tensor<1x5x5x2x!quant.uniform<u8:f32:3, {1.000000e+00:1,2.000000e+00:2}>> -> tensor<1x3x3x2x!quant.uniform<u8:f32:3, {1.000000e+00:1,2.000000e+00:2}>>
func.func @max_pool2d(%x: tensor<?x8x8x4x!quant.uniform<i8:f32, 0.5:-3>>, %y: tensor<1x5x5x2x!quant.uniform<u8:f32:3, {1.0:1, 2.0:2}>>) {
  %0 = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : tensor<?x8x8x4x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?x4x4x4x!quant.uniform<i8:f32, 0.5:-3>>
  %1 = qnn.max_pool2d %y {kernel = array<i64: 2, 2>, dilations = array<i64: 2, 2>} : tensor<1x5x5x2x!quant.uniform<u8:f32:3, {1.0:1, 2.0:2}>> -> tensor<1x3x3x2x!quant.uniform<u8:f32:3, {1.0:1, 2.0:2}>>
  return
}

// -----

// CHECK-LABEL: func.func @avg_pool2d
// CHECK:         qnn.avg_pool2d %{{.*}} {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x8x8x4x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<?x4x4x4x!quant.uniform<i8:f32, 5.000000e-01:-3>>
// CHECK:         qnn.avg_pool2d %{{.*}} rounding = half_to_even {count_include_pad, kernel = array<i64: 2, 2>} : tensor<1x5x5x2x!quant.uniform<u8:f32, 1.000000e+00:1>> -> tensor<1x4x4x2x!quant.uniform<u8:f32, 1.000000e+00:1>>
func.func @avg_pool2d(%x: tensor<?x8x8x4x!quant.uniform<i8:f32, 0.5:-3>>, %y: tensor<1x5x5x2x!quant.uniform<u8:f32, 1.0:1>>) {
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : tensor<?x8x8x4x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?x4x4x4x!quant.uniform<i8:f32, 0.5:-3>>
  %1 = qnn.avg_pool2d %y rounding = half_to_even {kernel = array<i64: 2, 2>, count_include_pad} : tensor<1x5x5x2x!quant.uniform<u8:f32, 1.0:1>> -> tensor<1x4x4x2x!quant.uniform<u8:f32, 1.0:1>>
  return
}

// -----

// CHECK-LABEL: func.func @add_and_clamp
// CHECK:         %[[S:.*]] = qnn.add %{{.*}}, %{{.*}} : tensor<8x!quant.uniform<i8:f32, 5.000000e-01:1>>, tensor<8x!quant.uniform<i8:f32, 2.500000e-01>> -> tensor<8x!quant.uniform<i8:f32, 7.500000e-01:-2>>
// CHECK:         qnn.add %{{.*}}, %{{.*}} rounding = half_away_from_zero :
// CHECK:         qnn.clamp %[[S]] min = -2, max = 127 : tensor<8x!quant.uniform<i8:f32, 7.500000e-01:-2>>
func.func @add_and_clamp(%a: tensor<8x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<8x!quant.uniform<i8:f32, 0.25>>) -> tensor<8x!quant.uniform<i8:f32, 0.75:-2>> {
  %s = qnn.add %a, %b : tensor<8x!quant.uniform<i8:f32, 0.5:1>>, tensor<8x!quant.uniform<i8:f32, 0.25>> -> tensor<8x!quant.uniform<i8:f32, 0.75:-2>>
  %t = qnn.add %a, %b rounding = half_away_from_zero : tensor<8x!quant.uniform<i8:f32, 0.5:1>>, tensor<8x!quant.uniform<i8:f32, 0.25>> -> tensor<8x!quant.uniform<i8:f32, 0.75:-2>>
  %r = qnn.clamp %s min = -2, max = 127 : tensor<8x!quant.uniform<i8:f32, 0.75:-2>>
  return %r : tensor<8x!quant.uniform<i8:f32, 0.75:-2>>
}

// -----

// CHECK-LABEL: func.func @stats_per_tensor_and_per_axis
// CHECK:         qnn.stats %{{.*}} min = [-1.500000e+00], max = [2.000000e+00] : tensor<1x64xf32>
// CHECK:         qnn.stats %{{.*}} axis = 1 min = [-5.000000e-01, -1.000000e+00], max = [5.000000e-01, 7.500000e-01] : tensor<16x2xf32>
func.func @stats_per_tensor_and_per_axis(%x: tensor<1x64xf32>, %w: tensor<16x2xf32>) -> (tensor<1x64xf32>, tensor<16x2xf32>) {
  %0 = qnn.stats %x min = [-1.5], max = [2.0] : tensor<1x64xf32>
  %1 = qnn.stats %w axis = 1 min = [-0.5, -1.0], max = [0.5, 0.75] : tensor<16x2xf32>
  return %0, %1 : tensor<1x64xf32>, tensor<16x2xf32>
}

// -----

// CHECK-DAG: #[[NM:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d1 : dense, d0 floordiv 4 : dense, d0 mod 4 : structured[2, 4]) }>
// CHECK-DAG: #[[BSR:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 floordiv 4 : dense, d1 floordiv 2 : compressed, d0 mod 4 : dense, d1 mod 2 : dense) }>
// CHECK-DAG: #[[ROWS:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d1 : compressed, d0 : dense) }>
// CHECK-DAG: #[[CSR:.*]] = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>
// CHECK-LABEL: func.func @pruned_patterns
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.n_of_m<n = 2, m = 4, axis = 0>) : tensor<16x8xi8> -> tensor<16x8xi8>
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.n_of_m<n = 2, m = 4, axis = 0>) : tensor<16x8xi8> -> tensor<16x8xi8, #[[NM]]>
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.block<[4, 2]>) : tensor<16x8xf32> -> tensor<16x8xf32, #[[BSR]]>
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.channel<axis = 1>) : tensor<16x8xi8> -> tensor<16x8xi8, #[[ROWS]]>
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.unstructured) : tensor<16x8xi8> -> tensor<16x8xi8, #[[CSR]]>
#NM = #sparse_tensor.encoding<{ map = (d0, d1) -> (d1 : dense, d0 floordiv 4 : dense, d0 mod 4 : structured[2, 4]) }>
#BSR = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 floordiv 4 : dense, d1 floordiv 2 : compressed, d0 mod 4 : dense, d1 mod 2 : dense) }>
#ROWS = #sparse_tensor.encoding<{ map = (d0, d1) -> (d1 : compressed, d0 : dense) }>
#CSR = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>
func.func @pruned_patterns(%w: tensor<16x8xi8>, %f: tensor<16x8xf32>) {
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 0>) : tensor<16x8xi8> -> tensor<16x8xi8>
  %1 = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 0>) : tensor<16x8xi8> -> tensor<16x8xi8, #NM>
  %2 = qnn.pruned %f pattern(#qnn.block<[4, 2]>) : tensor<16x8xf32> -> tensor<16x8xf32, #BSR>
  %3 = qnn.pruned %w pattern(#qnn.channel<axis = 1>) : tensor<16x8xi8> -> tensor<16x8xi8, #ROWS>
  %4 = qnn.pruned %w pattern(#qnn.unstructured) : tensor<16x8xi8> -> tensor<16x8xi8, #CSR>
  return
}

// -----

// CHECK-LABEL: func.func @pruned_conv_filter_storage
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.n_of_m<n = 1, m = 2, axis = 2>) : tensor<3x3x8x4xi8> -> tensor<3x3x8x4xi8, #{{.*}}>
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.block<[1, 1, 4, 1]>) : tensor<3x3x8x4xi8> -> tensor<3x3x8x4xi8, #{{.*}}>
#NM4 = #sparse_tensor.encoding<{ map = (d0, d1, d2, d3) -> (d0 : dense, d1 : dense, d3 : dense, d2 floordiv 2 : dense, d2 mod 2 : structured[1, 2]) }>
#BLK4 = #sparse_tensor.encoding<{ map = (d0, d1, d2, d3) -> (d0 : dense, d1 : dense, d2 floordiv 4 : dense, d3 : compressed, d2 mod 4 : dense) }>
func.func @pruned_conv_filter_storage(%w: tensor<3x3x8x4xi8>) {
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 1, m = 2, axis = 2>) : tensor<3x3x8x4xi8> -> tensor<3x3x8x4xi8, #NM4>
  %1 = qnn.pruned %w pattern(#qnn.block<[1, 1, 4, 1]>) : tensor<3x3x8x4xi8> -> tensor<3x3x8x4xi8, #BLK4>
  return
}

// -----

// CHECK-LABEL: func.func @pruned_constant_satisfies_pattern
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.n_of_m<n = 2, m = 4, axis = 1>) : tensor<2x4xf32> -> tensor<2x4xf32>
func.func @pruned_constant_satisfies_pattern() -> tensor<2x4xf32> {
  %w = arith.constant dense<[[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 3.0, 0.0]]> : tensor<2x4xf32>
  %p = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 1>) : tensor<2x4xf32> -> tensor<2x4xf32>
  return %p : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @codebook_per_tensor_and_per_axis
// CHECK:         qnn.codebook_lookup %{{.*}}, %{{.*}} : tensor<16x8xi4>, tensor<16xf32> -> tensor<16x8xf32>
// CHECK:         qnn.codebook_lookup %{{.*}}, %{{.*}} axis = 1 : tensor<16x8xi2>, tensor<8x4xf32> -> tensor<16x8xf32>
// CHECK:         qnn.codebook_lookup %{{.*}}, %{{.*}} : tensor<16x8xi1>, tensor<2x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<16x8x!quant.uniform<i8:f32, 1.000000e-01>>
// CHECK:         qnn.codebook_lookup %{{.*}}, %{{.*}} axis = 1 : tensor<16x8xi1>, tensor<8x2x!quant.uniform<i8:f32:0, {{.*}}>> -> tensor<16x8x!quant.uniform<i8:f32:1, {{.*}}>>
func.func @codebook_per_tensor_and_per_axis(%i4: tensor<16x8xi4>, %t16: tensor<16xf32>, %i2: tensor<16x8xi2>, %t4: tensor<8x4xf32>, %i1: tensor<16x8xi1>, %tq: tensor<2x!quant.uniform<i8:f32, 0.1>>, %tr: tensor<8x2x!quant.uniform<i8:f32:0, {0.1,0.1,0.1,0.1,0.2,0.2,0.2,0.2}>>) {
  %0 = qnn.codebook_lookup %i4, %t16 : tensor<16x8xi4>, tensor<16xf32> -> tensor<16x8xf32>
  %1 = qnn.codebook_lookup %i2, %t4 axis = 1 : tensor<16x8xi2>, tensor<8x4xf32> -> tensor<16x8xf32>
  %2 = qnn.codebook_lookup %i1, %tq : tensor<16x8xi1>, tensor<2x!quant.uniform<i8:f32, 0.1>> -> tensor<16x8x!quant.uniform<i8:f32, 0.1>>
  %3 = qnn.codebook_lookup %i1, %tr axis = 1 : tensor<16x8xi1>, tensor<8x2x!quant.uniform<i8:f32:0, {0.1,0.1,0.1,0.1,0.2,0.2,0.2,0.2}>> -> tensor<16x8x!quant.uniform<i8:f32:1, {0.1,0.1,0.1,0.1,0.2,0.2,0.2,0.2}>>
  return
}

// -----

// CHECK-LABEL: func.func @constant_unsigned_storage
// CHECK:         qnn.constant dense<[0, 200, 255]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 1.000000e-01:128>>
// CHECK:         qnn.constant dense<[1, -1]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 1.250000e-01>>
func.func @constant_unsigned_storage() -> (tensor<3x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x!quant.uniform<i32:f32, 0.125>>) {
  %u = qnn.constant dense<[0, 200, 255]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.1:128>>
  %b = qnn.constant dense<[1, -1]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.125>>
  return %u, %b : tensor<3x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x!quant.uniform<i32:f32, 0.125>>
}
