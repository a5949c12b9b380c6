// RUN: qnn-opt %s --split-input-file --convert-qnn-to-tosa | FileCheck %s

// A convolution: HWCF filters become OHWI through tosa.transpose, zero
// points become operands, the requantize a rescale with qnn's multipliers
// and shifts (ratio 2^-10 and 1.5 * 2^-10: 2^30 and 3 * 2^29, shift 40),
// the clamp a clamp on the stored integers.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8>
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{.*}}> : tensor<2x2x2x2xi8>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[10, -20]> : tensor<2xi32>}>
// CHECK-DAG: %[[XZ:.*]] = "tosa.const"() <{values = dense<-1> : tensor<1xi8>}>
// CHECK: %[[OHWI:.*]] = tosa.transpose %[[W]] {perms = array<i32: 3, 0, 1, 2>}
// CHECK: %[[ACC:.*]] = tosa.conv2d %[[X]], %[[OHWI]], %[[B]], %[[XZ]], %{{.*}} {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>}
// CHECK-DAG: "tosa.const"() <{values = dense<[1073741824, 1610612736]> : tensor<2xi32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<40> : tensor<2xi8>}>
// CHECK: %[[Y:.*]] = tosa.rescale %[[ACC]], {{.*}} {input_unsigned = false, output_unsigned = false, per_channel = true, rounding_mode = DOUBLE_ROUND, scale32 = true}
// CHECK: %[[R:.*]] = tosa.clamp %[[Y]] {max_val = 127 : i8, min_val = -5 : i8}
// CHECK: return %[[R]] : tensor<1x2x2x2xi8>
!in = !quant.uniform<i8:f32, 1.0:-1>
!w = !quant.uniform<i8:f32:3, {9.765625E-4, 0.00146484375}>
!acc = !quant.uniform<i32:f32:3, {9.765625E-4, 0.00146484375}>
!bias = !quant.uniform<i32:f32:0, {9.765625E-4, 0.00146484375}>
!out = !quant.uniform<i8:f32, 1.0:-5>
func.func @conv(%x: tensor<1x3x3x2x!in>) -> tensor<1x2x2x2x!out> {
  %w = qnn.constant dense<[[[[1, 2], [-2, 0]], [[3, -1], [4, 1]]], [[[-5, 0], [6, 3]], [[7, -3], [-8, 2]]]]> : tensor<2x2x2x2xi8> -> tensor<2x2x2x2x!w>
  %b = qnn.constant dense<[10, -20]> : tensor<2xi32> -> tensor<2x!bias>
  %acc = qnn.conv2d %x, %w bias(%b) : (tensor<1x3x3x2x!in>, tensor<2x2x2x2x!w>, tensor<2x!bias>) -> tensor<1x2x2x2x!acc>
  %y = qnn.requantize %acc rounding = tosa_double_round : tensor<1x2x2x2x!acc> -> tensor<1x2x2x2x!out>
  %r = qnn.clamp %y min = -5, max = 127 : tensor<1x2x2x2x!out>
  return %r : tensor<1x2x2x2x!out>
}

// -----

// Depthwise (one input channel per group), stride 2 on 5 rows with one
// row of padding after: qnn's last window ends before the padding, TOSA
// sizes windows exactly, so the padding goes; the 1x1 filter [1, 1, 1, 4]
// is [1, 1, 2, 2] (channel multiplier 2). No bias: zeros.
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT: tosa.slice
// CHECK-DAG: tosa.reshape %{{.*}}, %{{.*}} : (tensor<1x1x1x4xi8>, !tosa.shape<4>) -> tensor<1x1x2x2xi8>
// CHECK-DAG: "tosa.const"() <{values = dense<0> : tensor<4xi32>}>
// CHECK: tosa.depthwise_conv2d {{.*}} {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x5x5x2xi8>, tensor<1x1x2x2xi8>, tensor<4xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x3x3x4xi32>
// CHECK: tosa.rescale {{.*}}rounding_mode = SINGLE_ROUND
!in = !quant.uniform<i8:f32, 1.0>
!w = !quant.uniform<i8:f32, 0.5>
!acc = !quant.uniform<i32:f32, 0.5>
!out = !quant.uniform<i8:f32, 1.0:3>
func.func @depthwise(%x: tensor<1x5x5x2x!in>) -> tensor<1x3x3x4x!out> {
  %w = qnn.constant dense<[[[[1, 2, 3, 4]]]]> : tensor<1x1x1x4xi8> -> tensor<1x1x1x4x!w>
  %acc = qnn.conv2d %x, %w {groups = 2 : i64, strides = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>} : (tensor<1x5x5x2x!in>, tensor<1x1x1x4x!w>) -> tensor<1x3x3x4x!acc>
  %y = qnn.requantize %acc rounding = single_round : tensor<1x3x3x4x!acc> -> tensor<1x3x3x4x!out>
  return %y : tensor<1x3x3x4x!out>
}

// -----

// A 3x3 window with stride 2 on 4 rows and no padding after: the last row
// is cropped off the input.
// CHECK-LABEL: func.func @crop
// CHECK: tosa.slice %{{.*}} : (tensor<1x4x4x1xi8>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x3x3x1xi8>
// CHECK: tosa.max_pool2d %{{.*}} {kernel = array<i64: 3, 3>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x3x3x1xi8>) -> tensor<1x1x1x1xi8>
!q = !quant.uniform<i8:f32, 0.5:-3>
func.func @crop(%x: tensor<1x4x4x1x!q>) -> tensor<1x1x1x1x!q> {
  %p = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<1x4x4x1x!q> -> tensor<1x1x1x1x!q>
  return %p : tensor<1x1x1x1x!q>
}

// -----

// A narrow-range output (i8<-127:127>): tosa.rescale saturates to the
// storage type, a clamp to the range.
// CHECK-LABEL: func.func @narrow_range
// CHECK: %[[R:.*]] = tosa.rescale
// CHECK: tosa.clamp %[[R]] {max_val = 127 : i8, min_val = -127 : i8}
func.func @narrow_range(%acc: tensor<4x!quant.uniform<i32:f32, 1.0>>) -> tensor<4x!quant.uniform<i8<-127:127>:f32, 1.0>> {
  %r = qnn.requantize %acc rounding = single_round : tensor<4x!quant.uniform<i32:f32, 1.0>> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 1.0>>
  return %r : tensor<4x!quant.uniform<i8<-127:127>:f32, 1.0>>
}
