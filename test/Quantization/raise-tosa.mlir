// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-raise-quantized))' | FileCheck %s
// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-raise-quantized))' \
// RUN:   --remarks-filter=quantize --remark-policy=all -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// A TFLite-legalized convolution: OHWI weights become HWCF, channel c's
// scale is multiplier_c * 2^-shift_c (2^30 * 2^-40 = 2^-10, 3 * 2^29 *
// 2^-39 = 1.5 * 2^-10), the input has scale 1 and its zero point, the bias
// keeps its integers, DOUBLE_ROUND with shifts above 31 is
// tosa_double_round, and the clamp stays on the stored integers.
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x3x2xi8>)
// CHECK: %[[XQ:.*]] = quant.scast %[[X]] : tensor<1x3x3x2xi8> to tensor<1x3x3x2x!quant.uniform<i8:f32, 1.000000e+00:-1>>
// CHECK: %[[W:.*]] = qnn.constant dense<{{\[\[\[}}[1, 2], [-2, 0]], {{\[\[}}3, -1], [4, 1]]], {{\[\[\[}}-5, 0], [6, 3]], {{\[\[}}7, -3], [-8, 2]]]]> : tensor<2x2x2x2xi8> -> tensor<2x2x2x2x!quant.uniform<i8:f32:3, {9.765625E-4,0.00146484375}>>
// CHECK: %[[B:.*]] = qnn.constant dense<[10, -20]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {9.765625E-4,0.00146484375}>>
// CHECK: %[[ACC:.*]] = qnn.conv2d %[[XQ]], %[[W]] bias(%[[B]]) {qnn.layer = "conv/tosa.conv2d#0"} : {{.*}} -> tensor<1x2x2x2x!quant.uniform<i32:f32:3, {9.765625E-4,0.00146484375}>>
// CHECK: %[[Y:.*]] = qnn.requantize %[[ACC]] rounding = tosa_double_round : {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 1.000000e+00:-5>>
// CHECK: %[[R:.*]] = qnn.clamp %[[Y]] min = -5, max = 127
// CHECK: %[[S:.*]] = quant.scast %[[R]] : tensor<1x2x2x2x!quant.uniform<i8:f32, 1.000000e+00:-5>> to tensor<1x2x2x2xi8>
// CHECK: return %[[S]]
// REMARK: remark: [Passed] raise | Category:quantize | Function=conv | Remark="'conv/tosa.conv2d#0': raised from tosa.conv2d to qnn.conv2d"
func.func @conv(%x: tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8> {
  %w = "tosa.const"() {values = dense<[[[[1, -2], [3, 4]], [[-5, 6], [7, -8]]], [[[2, 0], [-1, 1]], [[0, 3], [-3, 2]]]]> : tensor<2x2x2x2xi8>} : () -> tensor<2x2x2x2xi8>
  %b = "tosa.const"() {values = dense<[10, -20]> : tensor<2xi32>} : () -> tensor<2xi32>
  %xz = "tosa.const"() {values = dense<-1> : tensor<1xi8>} : () -> tensor<1xi8>
  %wz = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %acc = tosa.conv2d %x, %w, %b, %xz, %wz {acc_type = i32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x3x3x2xi8>, tensor<2x2x2x2xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x2x2x2xi32>
  %m = "tosa.const"() {values = dense<[1073741824, 1610612736]> : tensor<2xi32>} : () -> tensor<2xi32>
  %s = "tosa.const"() {values = dense<[40, 40]> : tensor<2xi8>} : () -> tensor<2xi8>
  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %oz = "tosa.const"() {values = dense<-5> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = tosa.rescale %acc, %m, %s, %iz, %oz {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = true, input_unsigned = false, output_unsigned = false} : (tensor<1x2x2x2xi32>, tensor<2xi32>, tensor<2xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x2x2x2xi8>
  %r = tosa.clamp %y {min_val = -5 : i8, max_val = 127 : i8} : (tensor<1x2x2x2xi8>) -> tensor<1x2x2x2xi8>
  return %r : tensor<1x2x2x2xi8>
}

// -----

// Depthwise with channel multiplier 2: [KH, KW, C, M] is [KH, KW, 1, C * M]
// with one group per input channel; a bias of one value is every channel's;
// SINGLE_ROUND with a 16-bit multiplier (2^14 * 2^-20 = 2^-6).
// CHECK-LABEL: func.func @depthwise
// CHECK: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1, 2, 3, 4]]]]> : tensor<1x1x1x4xi8> -> tensor<1x1x1x4x!quant.uniform<i8:f32, 1.562500e-02>>
// CHECK: %[[B:.*]] = qnn.constant dense<7> : tensor<4xi32> -> tensor<4x!quant.uniform<i32:f32, 1.562500e-02>>
// CHECK: qnn.conv2d %{{.*}}, %[[W]] bias(%[[B]]) {groups = 2 : i64, qnn.layer = "depthwise/tosa.depthwise_conv2d#0", strides = array<i64: 2, 2>}
// CHECK: qnn.requantize %{{.*}} rounding = single_round : {{.*}} -> tensor<1x3x3x4x!quant.uniform<i8:f32, 1.000000e+00:3>>
func.func @depthwise(%x: tensor<1x5x5x2xi8>) -> tensor<1x3x3x4xi8> {
  %w = "tosa.const"() {values = dense<[[[[1, 2], [3, 4]]]]> : tensor<1x1x2x2xi8>} : () -> tensor<1x1x2x2xi8>
  %b = "tosa.const"() {values = dense<7> : tensor<1xi32>} : () -> tensor<1xi32>
  %z = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %acc = tosa.depthwise_conv2d %x, %w, %b, %z, %z {acc_type = i32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>} : (tensor<1x5x5x2xi8>, tensor<1x1x2x2xi8>, tensor<1xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x3x3x4xi32>
  %m = "tosa.const"() {values = dense<16384> : tensor<1xi16>} : () -> tensor<1xi16>
  %s = "tosa.const"() {values = dense<20> : tensor<1xi8>} : () -> tensor<1xi8>
  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %oz = "tosa.const"() {values = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = tosa.rescale %acc, %m, %s, %iz, %oz {scale32 = false, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x3x3x4xi32>, tensor<1xi16>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x3x3x4xi8>
  return %y : tensor<1x3x3x4xi8>
}

// -----

// A fully-connected layer: a constant right-hand side of one batch is a
// shared K x N weight. DOUBLE_ROUND whose shifts are all 31 or less rounds
// once: single_round.
// CHECK-LABEL: func.func @fully_connected
// CHECK: qnn.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32, 5.000000e-01:1>>
// CHECK: qnn.matmul {{.*}} -> tensor<1x4x2x!quant.uniform<i32:f32, 5.000000e-01>>
// CHECK: qnn.requantize %{{.*}} rounding = single_round
func.func @fully_connected(%a: tensor<1x4x3xi8>) -> tensor<1x4x2xi8> {
  %b = "tosa.const"() {values = dense<[[[1, 2], [3, 4], [5, 6]]]> : tensor<1x3x2xi8>} : () -> tensor<1x3x2xi8>
  %az = "tosa.const"() {values = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "tosa.const"() {values = dense<1> : tensor<1xi8>} : () -> tensor<1xi8>
  %acc = tosa.matmul %a, %b, %az, %bz : (tensor<1x4x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  %m = "tosa.const"() {values = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %s = "tosa.const"() {values = dense<31> : tensor<1xi8>} : () -> tensor<1xi8>
  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %oz = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = tosa.rescale %acc, %m, %s, %iz, %oz {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x4x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x4x2xi8>
  return %y : tensor<1x4x2xi8>
}

// -----

// What stays TOSA, each with its reason.
// CHECK-LABEL: func.func @not_raised
// CHECK-COUNT-5: tosa.rescale
// CHECK-NOT: qnn.
// REMARK: remark: [Missed] raise | Category:quantize | Function=not_raised | Remark="'not_raised/tosa.matmul#0' (tosa.matmul) not raised: INEXACT_ROUND has no exact definition to keep"
// REMARK: Remark="'not_raised/tosa.matmul#1' (tosa.matmul) not raised: multiplier 1048576 with shift 40 under DOUBLE_ROUND is not normalized: the ratio would round differently"
// REMARK: Remark="'not_raised/tosa.matmul#2' (tosa.matmul) not raised: its multipliers and shifts are not constants, one per channel or one for all"
// REMARK: Remark="'not_raised/tosa.matmul#3' (tosa.matmul) not raised: the rescale is not a signed i32 -> i8 or i16 one"
// REMARK: Remark="'not_raised/tosa.matmul#4' (tosa.matmul) not raised: its i32 result does not feed one tosa.rescale alone"
func.func @not_raised(%a: tensor<1x4x3xi8>, %m_arg: tensor<1xi32>) -> (tensor<1x4x2xi8>, tensor<1x4x2xi8>, tensor<1x4x2xi8>, tensor<1x4x2xui8>, tensor<1x4x2xi8>, tensor<1x4x2xi32>) {
  %b = "tosa.const"() {values = dense<[[[1, 2], [3, 4], [5, 6]]]> : tensor<1x3x2xi8>} : () -> tensor<1x3x2xi8>
  %z = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %uz = "tosa.const"() {values = dense<0> : tensor<1xui8>} : () -> tensor<1xui8>
  %m = "tosa.const"() {values = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %small = "tosa.const"() {values = dense<1048576> : tensor<1xi32>} : () -> tensor<1xi32>
  %s = "tosa.const"() {values = dense<40> : tensor<1xi8>} : () -> tensor<1xi8>
  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %acc0 = tosa.matmul %a, %b, %z, %z : (tensor<1x4x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  %y0 = tosa.rescale %acc0, %m, %s, %iz, %z {scale32 = true, rounding_mode = INEXACT_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x4x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x4x2xi8>
  %acc1 = tosa.matmul %a, %b, %z, %z : (tensor<1x4x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  %y1 = tosa.rescale %acc1, %small, %s, %iz, %z {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x4x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x4x2xi8>
  %acc2 = tosa.matmul %a, %b, %z, %z : (tensor<1x4x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  %y2 = tosa.rescale %acc2, %m_arg, %s, %iz, %z {scale32 = true, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x4x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x4x2xi8>
  %acc3 = tosa.matmul %a, %b, %z, %z : (tensor<1x4x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  %y3 = tosa.rescale %acc3, %m, %s, %iz, %uz {scale32 = true, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = true} : (tensor<1x4x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xui8>) -> tensor<1x4x2xui8>
  %acc4 = tosa.matmul %a, %b, %z, %z : (tensor<1x4x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  %y4 = tosa.rescale %acc4, %m, %s, %iz, %z {scale32 = true, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x4x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x4x2xi8>
  return %y0, %y1, %y2, %y3, %y4, %acc4 : tensor<1x4x2xi8>, tensor<1x4x2xi8>, tensor<1x4x2xi8>, tensor<1x4x2xui8>, tensor<1x4x2xi8>, tensor<1x4x2xi32>
}

// -----

// More that stays TOSA: spatial sizes that are not static (qnn.conv2d needs
// them), weights whose channels do not match the input, an unranked result.
// CHECK-LABEL: func.func @dynamic_spatial
// CHECK: tosa.conv2d
// CHECK-NOT: qnn.
// REMARK: Remark="'dynamic_spatial/tosa.conv2d#0' (tosa.conv2d) not raised: sizes other than the batch are dynamic"
func.func @dynamic_spatial(%x: tensor<1x?x?x2xi8>) -> tensor<1x?x?x2xi8> {
  %w = "tosa.const"() {values = dense<1> : tensor<2x2x2x2xi8>} : () -> tensor<2x2x2x2xi8>
  %b = "tosa.const"() {values = dense<[10, -20]> : tensor<2xi32>} : () -> tensor<2xi32>
  %z = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %acc = tosa.conv2d %x, %w, %b, %z, %z {acc_type = i32, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>} : (tensor<1x?x?x2xi8>, tensor<2x2x2x2xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x?x?x2xi32>
  %m = "tosa.const"() {values = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %s = "tosa.const"() {values = dense<36> : tensor<1xi8>} : () -> tensor<1xi8>
  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %y = tosa.rescale %acc, %m, %s, %iz, %z {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x?x?x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x?x?x2xi8>
  return %y : tensor<1x?x?x2xi8>
}

// -----

// CHECK-LABEL: func.func @depthwise_channels_mismatch
// CHECK: tosa.depthwise_conv2d
// REMARK: Remark="'depthwise_channels_mismatch/tosa.depthwise_conv2d#0' (tosa.depthwise_conv2d) not raised: its weights' channels do not match its input and result"
func.func @depthwise_channels_mismatch(%x: tensor<1x5x5x2xi8>) -> tensor<1x5x5x4xi8> {
  %w = "tosa.const"() {values = dense<[[[[1, 2, 3, 4]]]]> : tensor<1x1x1x4xi8>} : () -> tensor<1x1x1x4xi8>
  %b = "tosa.const"() {values = dense<7> : tensor<1xi32>} : () -> tensor<1xi32>
  %z = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %acc = tosa.depthwise_conv2d %x, %w, %b, %z, %z {acc_type = i32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x5x5x2xi8>, tensor<1x1x1x4xi8>, tensor<1xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x5x5x4xi32>
  %m = "tosa.const"() {values = dense<16384> : tensor<1xi16>} : () -> tensor<1xi16>
  %s = "tosa.const"() {values = dense<20> : tensor<1xi8>} : () -> tensor<1xi8>
  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %y = tosa.rescale %acc, %m, %s, %iz, %z {scale32 = false, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x5x5x4xi32>, tensor<1xi16>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x5x5x4xi8>
  return %y : tensor<1x5x5x4xi8>
}

// -----

// CHECK-LABEL: func.func @unranked_result
// CHECK: tosa.rescale
// REMARK: Remark="'unranked_result/tosa.matmul#0' (tosa.matmul) not raised: the rescale's result is unranked"
func.func @unranked_result(%a: tensor<1x4x3xi8>) -> tensor<*xi8> {
  %b = "tosa.const"() {values = dense<[[[1, 2], [3, 4], [5, 6]]]> : tensor<1x3x2xi8>} : () -> tensor<1x3x2xi8>
  %z = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %m = "tosa.const"() {values = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %s = "tosa.const"() {values = dense<31> : tensor<1xi8>} : () -> tensor<1xi8>
  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %acc = tosa.matmul %a, %b, %z, %z : (tensor<1x4x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  %y = tosa.rescale %acc, %m, %s, %iz, %z {scale32 = true, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x4x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<*xi8>
  return %y : tensor<*xi8>
}
