// RUN: qnn-opt %s --split-input-file --convert-qnn-to-linalg | FileCheck %s

/// qnn.max_pool2d: linalg max pooling on the stored bytes, started from the
/// storage minimum (the batch stays dynamic).
// CHECK-LABEL: func.func @max_pool
// CHECK:         %[[MIN:.*]] = arith.constant -128 : i8
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[MIN]] : i8)
// CHECK:         linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<?x4x4x2xi8>, tensor<2x2xi8>) outs(%[[INIT]] : tensor<?x2x2x2xi8>)
func.func @max_pool(%x: tensor<?x4x4x2x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<?x2x2x2x!quant.uniform<i8:f32, 0.5:-3>> {
  %m = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<?x4x4x2x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?x2x2x2x!quant.uniform<i8:f32, 0.5:-3>>
  return %m : tensor<?x2x2x2x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

/// Unsigned storage compares unsigned; padding reads the storage minimum.
// CHECK-LABEL: func.func @max_pool_unsigned_padded
// CHECK:         tensor.pad
// CHECK:           tensor.yield %{{.*}} : i8
// CHECK:         linalg.pooling_nhwc_max_unsigned
func.func @max_pool_unsigned_padded(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>> {
  %m = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>} : tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>>
  return %m : tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:128>>
}

// -----

/// qnn.avg_pool2d: q - zp in i32, padded with the real zero, a window sum,
/// then a rounded division by the count of taps inside the input (from the
/// output position) and the zero point added back.
// CHECK-LABEL: func.func @avg_pool_padded
// CHECK:         linalg.generic
// CHECK:           arith.extsi %{{.*}} : i8 to i32
// CHECK:           arith.subi
// CHECK:         tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:         linalg.pooling_nhwc_sum {{.*}} ins(%{{.*}}, %{{.*}} : tensor<?x6x6x2xi32>, tensor<3x3xi32>)
// CHECK:         linalg.generic
// CHECK:           linalg.index 1 : index
// CHECK:           linalg.index 2 : index
// CHECK:           arith.divsi
// CHECK:           arith.trunci %{{.*}} : i32 to i8
func.func @avg_pool_padded(%x: tensor<?x4x4x2x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<?x4x4x2x!quant.uniform<i8:f32, 0.5:-3>> {
  %a = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>} : tensor<?x4x4x2x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<?x4x4x2x!quant.uniform<i8:f32, 0.5:-3>>
  return %a : tensor<?x4x4x2x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

/// Without padding (or counting it) the count is the window size, and half
/// to even rounds from a floor division.
// CHECK-LABEL: func.func @avg_pool_even
// CHECK-NOT:     linalg.index
// CHECK:         arith.constant 4 : i32
// CHECK:         arith.floordivsi
func.func @avg_pool_even(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>> {
  %a = qnn.avg_pool2d %x rounding = half_to_even {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>>
  return %a : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5>>
}
