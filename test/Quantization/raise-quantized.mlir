// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-import-quant-casts,qnn-raise-quantized))' | FileCheck %s
// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-import-quant-casts,qnn-raise-quantized))' \
// RUN:   --remarks-filter=quantize --remark-policy=all -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// A QDQ linear layer (u8 input, i8 weights per output channel, a float
// bias and a ReLU, i8 output) is the integer layer: the stored weights are
// the ones the weights' qcast gives (round(w / s): 0.5 / 0.0095 -> 53), the
// bias is rounded to the accumulator's scale (0.1 / (0.0125 * 0.0095) ->
// 842), the ReLU is the output's range, and the requantize rounds half to
// even as QuantizeLinear does.
// CHECK-LABEL: func.func @linear
// CHECK-SAME: (%[[X:.*]]: tensor<2x4xf32>)
// CHECK: %[[XQ:.*]] = qnn.quantize %[[X]] : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32, 1.250000e-02:128>>
// CHECK: %[[W:.*]] = qnn.constant dense<{{\[\[}}53, -38, 125], [79, 46, -75], [-126, 8, 112], [11, -123, 50]]> : tensor<4x3xi8>
// CHECK: %[[B:.*]] = qnn.constant dense<[842, -615, 2000]> : tensor<3xi32>
// CHECK: %[[ACC:.*]] = qnn.matmul %[[XQ]], %[[W]] bias(%[[B]])
// CHECK: %[[Y:.*]] = qnn.requantize %[[ACC]] rounding = half_to_even : {{.*}} -> tensor<2x3x!quant.uniform<i8:f32, 1.000000e-02:-128>>
// CHECK: %[[D:.*]] = qnn.dequantize %[[Y]]
// CHECK-NOT: linalg.matmul
// CHECK: return %[[D]]
// REMARK: remark: [Passed] raise | Category:quantize | Function=linear | Remark="'linear/linalg.matmul#0': raised from QDQ to qnn.matmul"
#id = affine_map<(d0, d1) -> (d0, d1)>
#ch = affine_map<(d0, d1) -> (d1)>
func.func @linear(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %xq = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<u8:f32, 0.0125:128>>
  %xd = quant.dcast %xq : tensor<2x4x!quant.uniform<u8:f32, 0.0125:128>> to tensor<2x4xf32>
  %w = arith.constant dense<[[0.5, -0.25, 1.0], [0.75, 0.3, -0.6], [-1.2, 0.05, 0.9], [0.1, -0.8, 0.4]]> : tensor<4x3xf32>
  %wq = quant.qcast %w : tensor<4x3xf32> to tensor<4x3x!quant.uniform<i8<-127:127>:f32:1, {0.0095,0.0065,0.008}>>
  %wd = quant.dcast %wq : tensor<4x3x!quant.uniform<i8<-127:127>:f32:1, {0.0095,0.0065,0.008}>> to tensor<4x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = linalg.matmul ins(%xd, %wd : tensor<2x4xf32>, tensor<4x3xf32>) outs(%f : tensor<2x3xf32>) -> tensor<2x3xf32>
  %b = arith.constant dense<[0.1, -0.05, 0.2]> : tensor<3xf32>
  %r = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel"]} ins(%y, %b : tensor<2x3xf32>, tensor<3xf32>) outs(%e : tensor<2x3xf32>) {
  ^bb0(%a: f32, %bb: f32, %o: f32):
    %s = arith.addf %a, %bb : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x3xf32>
  %yq = quant.qcast %r : tensor<2x3xf32> to tensor<2x3x!quant.uniform<i8:f32, 0.01:-128>>
  %yd = quant.dcast %yq : tensor<2x3x!quant.uniform<i8:f32, 0.01:-128>> to tensor<2x3xf32>
  return %yd : tensor<2x3xf32>
}

// -----

// An NHWC convolution on per-channel weights (axis 3 of HWCF), padded in
// float with zeros: qnn.conv2d with the padding.
// CHECK-LABEL: func.func @conv
// CHECK: qnn.conv2d {{.*}} {padding = array<i64: 1, 1, 0, 0>, {{.*}}} : (tensor<1x3x3x2x!quant.uniform<i8:f32, 2.000000e-02:5>>, tensor<3x1x2x2x!quant.uniform<i8<-127:127>:f32:3, {1.000000e-02,2.000000e-02}>>
// CHECK: qnn.requantize {{.*}} -> tensor<1x3x3x2x!quant.uniform<i8:f32, 5.000000e-02>>
// CHECK-NOT: linalg.conv
func.func @conv(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32> {
  %xq = quant.qcast %x : tensor<1x3x3x2xf32> to tensor<1x3x3x2x!quant.uniform<i8:f32, 0.02:5>>
  %xd = quant.dcast %xq : tensor<1x3x3x2x!quant.uniform<i8:f32, 0.02:5>> to tensor<1x3x3x2xf32>
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %xd low[0, 1, 0, 0] high[0, 1, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x3x3x2xf32> to tensor<1x5x3x2xf32>
  %w = arith.constant dense<[[[[0.5, -0.3], [0.2, 0.9]]], [[[-0.7, 0.1], [0.4, -0.2]]], [[[0.05, 0.6], [-0.9, 0.3]]]]> : tensor<3x1x2x2xf32>
  %wq = quant.qcast %w : tensor<3x1x2x2xf32> to tensor<3x1x2x2x!quant.uniform<i8<-127:127>:f32:3, {0.01,0.02}>>
  %wd = quant.dcast %wq : tensor<3x1x2x2x!quant.uniform<i8<-127:127>:f32:3, {0.01,0.02}>> to tensor<3x1x2x2xf32>
  %e = tensor.empty() : tensor<1x3x3x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%p, %wd : tensor<1x5x3x2xf32>, tensor<3x1x2x2xf32>) outs(%f : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %yq = quant.qcast %y : tensor<1x3x3x2xf32> to tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>>
  %yd = quant.dcast %yq : tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>> to tensor<1x3x3x2xf32>
  return %yd : tensor<1x3x3x2xf32>
}

// -----

// Left in float, with the reason: the float result is also returned (not
// only quantized), and weights quantized per axis along K.
// CHECK-LABEL: func.func @not_raised
// CHECK-COUNT-2: linalg.matmul
// REMARK: remark: [Missed] raise | Category:quantize | Function=not_raised | Remark="'not_raised/linalg.matmul#0' on dequantized weights not raised: its result feeds other than one per-tensor qnn.quantize"
// REMARK: remark: [Missed] raise | Category:quantize | Function=not_raised | Remark="'not_raised/linalg.matmul#1' on dequantized weights not raised: the weights are quantized per axis along other than the output channels"
func.func @not_raised(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %xq = quant.qcast %x : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.1>>
  %xd = quant.dcast %xq : tensor<2x2x!quant.uniform<i8:f32, 0.1>> to tensor<2x2xf32>
  %w = arith.constant dense<[[0.5, -0.3], [0.2, 0.9]]> : tensor<2x2xf32>
  %wq = quant.qcast %w : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.01>>
  %wd = quant.dcast %wq : tensor<2x2x!quant.uniform<i8:f32, 0.01>> to tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%xd, %wd : tensor<2x2xf32>, tensor<2x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  %yq = quant.qcast %y : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.05>>
  %yd = quant.dcast %yq : tensor<2x2x!quant.uniform<i8:f32, 0.05>> to tensor<2x2xf32>
  %vq = quant.qcast %w : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32:0, {0.01, 0.02}>>
  %vd = quant.dcast %vq : tensor<2x2x!quant.uniform<i8:f32:0, {0.01, 0.02}>> to tensor<2x2xf32>
  %z = linalg.matmul ins(%xd, %vd : tensor<2x2xf32>, tensor<2x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  %zq = quant.qcast %z : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.05>>
  %zd = quant.dcast %zq : tensor<2x2x!quant.uniform<i8:f32, 0.05>> to tensor<2x2xf32>
  return %yd, %y, %zd : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// linalg.quantized_matmul with constant zero points becomes qnn.matmul on
// scale-1 types (the same integers); a zero point that is a value, or an
// accumulator that is not zero, leaves it as it is, with the reason.
// CHECK-LABEL: func.func @linalg_quantized
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xi8>, %[[Z:.*]]: i32)
// CHECK: %[[AQ:.*]] = quant.scast %[[A]] : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32, 1.000000e+00:1>>
// CHECK: %[[B:.*]] = qnn.constant dense<{{\[\[}}3, 2], [2, 3], [4, 1]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32, 1.000000e+00:-2>>
// CHECK: %[[C:.*]] = qnn.matmul %[[AQ]], %[[B]] {qnn.layer = "linalg_quantized/linalg.quantized_matmul#0"}
// CHECK: quant.scast %[[C]] : tensor<2x2x!quant.uniform<i32:f32, 1.000000e+00>> to tensor<2x2xi32>
// CHECK-COUNT-2: linalg.quantized_matmul
// REMARK: Remark="'linalg_quantized/linalg.quantized_matmul#0': raised to qnn.matmul"
// REMARK: Remark="'linalg_quantized/linalg.quantized_matmul#1' not raised: its zero points are not constants in [-128, 127]"
// REMARK: Remark="'linalg_quantized/linalg.quantized_matmul#2' not raised: it accumulates into a tensor other than zeros"
func.func @linalg_quantized(%a: tensor<2x3xi8>, %z: i32) -> (tensor<2x2xi32>, tensor<2x2xi32>, tensor<2x2xi32>) {
  %b = arith.constant dense<[[3, 2], [2, 3], [4, 1]]> : tensor<3x2xi8>
  %za = arith.constant 1 : i32
  %zb = arith.constant -2 : i32
  %zero = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  %e = tensor.empty() : tensor<2x2xi32>
  %f = linalg.fill ins(%zero : i32) outs(%e : tensor<2x2xi32>) -> tensor<2x2xi32>
  %g = linalg.fill ins(%one : i32) outs(%e : tensor<2x2xi32>) -> tensor<2x2xi32>
  %c = linalg.quantized_matmul ins(%a, %b, %za, %zb : tensor<2x3xi8>, tensor<3x2xi8>, i32, i32) outs(%f : tensor<2x2xi32>) -> tensor<2x2xi32>
  %d = linalg.quantized_matmul ins(%a, %b, %z, %zb : tensor<2x3xi8>, tensor<3x2xi8>, i32, i32) outs(%f : tensor<2x2xi32>) -> tensor<2x2xi32>
  %h = linalg.quantized_matmul ins(%a, %b, %za, %zb : tensor<2x3xi8>, tensor<3x2xi8>, i32, i32) outs(%g : tensor<2x2xi32>) -> tensor<2x2xi32>
  return %c, %d, %h : tensor<2x2xi32>, tensor<2x2xi32>, tensor<2x2xi32>
}

// -----

// Raising must not change the numbers, so these stay in float, with the
// reason: i16 x i16 products whose sum can pass the int32 accumulator, a
// float bias the accumulator's scale (0.5 x 0.25) cannot carry, and 32-bit
// storage.
// CHECK-LABEL: func.func @kept_exact
// CHECK-COUNT-3: linalg.matmul
// REMARK: Remark="'kept_exact/linalg.matmul#0' on dequantized weights not raised: the int32 accumulator could overflow"
// REMARK: Remark="'kept_exact/linalg.matmul#1' on dequantized weights not raised: its float bias is not a multiple of the accumulator's scale (input scale x weight scale) to within 5% of an output step"
// REMARK: Remark="'kept_exact/linalg.matmul#2' on dequantized weights not raised: storage wider than 16 bits"
#id = affine_map<(d0, d1) -> (d0, d1)>
#ch = affine_map<(d0, d1) -> (d1)>
func.func @kept_exact(%x: tensor<2x4xf32>, %x32: tensor<2x4x!quant.uniform<i32:f32, 0.01>>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %w = arith.constant dense<[[0.9, -0.9], [0.8, -0.7], [-0.9, 0.6], [0.9, 0.9]]> : tensor<4x2xf32>
  %xq = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i16:f32, 0.00005>>
  %xd = quant.dcast %xq : tensor<2x4x!quant.uniform<i16:f32, 0.00005>> to tensor<2x4xf32>
  %wq = quant.qcast %w : tensor<4x2xf32> to tensor<4x2x!quant.uniform<i16:f32, 0.00003>>
  %wd = quant.dcast %wq : tensor<4x2x!quant.uniform<i16:f32, 0.00003>> to tensor<4x2xf32>
  %y0 = linalg.matmul ins(%xd, %wd : tensor<2x4xf32>, tensor<4x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  %q0 = quant.qcast %y0 : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.05>>
  %d0 = quant.dcast %q0 : tensor<2x2x!quant.uniform<i8:f32, 0.05>> to tensor<2x2xf32>
  %x1q = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %x1d = quant.dcast %x1q : tensor<2x4x!quant.uniform<i8:f32, 0.5>> to tensor<2x4xf32>
  %w1q = quant.qcast %w : tensor<4x2xf32> to tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  %w1d = quant.dcast %w1q : tensor<4x2x!quant.uniform<i8:f32, 0.25>> to tensor<4x2xf32>
  %y1 = linalg.matmul ins(%x1d, %w1d : tensor<2x4xf32>, tensor<4x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  %b = arith.constant dense<[0.1, -0.05]> : tensor<2xf32>
  %r1 = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel"]} ins(%y1, %b : tensor<2x2xf32>, tensor<2xf32>) outs(%e : tensor<2x2xf32>) {
  ^bb0(%a: f32, %bb: f32, %o: f32):
    %s = arith.addf %a, %bb : f32
    linalg.yield %s : f32
  } -> tensor<2x2xf32>
  %q1 = quant.qcast %r1 : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.01>>
  %d1 = quant.dcast %q1 : tensor<2x2x!quant.uniform<i8:f32, 0.01>> to tensor<2x2xf32>
  %x2d = qnn.dequantize %x32 : tensor<2x4x!quant.uniform<i32:f32, 0.01>> -> tensor<2x4xf32>
  %y2 = linalg.matmul ins(%x2d, %w1d : tensor<2x4xf32>, tensor<4x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  %q2 = quant.qcast %y2 : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.05>>
  %d2 = quant.dcast %q2 : tensor<2x2x!quant.uniform<i8:f32, 0.05>> to tensor<2x2xf32>
  return %d0, %d1, %d2 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// A quantized convolution whose output has fewer rows than the input's
// windows (linalg reads the first ones only) stays as it is.
// CHECK-LABEL: func.func @short_output
// CHECK: linalg.conv_2d_nhwc_hwcf_q
// REMARK: Remark="'short_output/linalg.conv_2d_nhwc_hwcf_q#0' not raised: its output has fewer rows or columns than the input's windows (qnn.conv2d computes every window)"
func.func @short_output(%x: tensor<1x3x1x1xi8>) -> tensor<1x2x1x1xi32> {
  %k = arith.constant dense<1> : tensor<1x1x1x1xi8>
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x2x1x1xi32>
  %f = linalg.fill ins(%z : i32) outs(%e : tensor<1x2x1x1xi32>) -> tensor<1x2x1x1xi32>
  %c = linalg.conv_2d_nhwc_hwcf_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %k, %z, %z : tensor<1x3x1x1xi8>, tensor<1x1x1x1xi8>, i32, i32) outs(%f : tensor<1x2x1x1xi32>) -> tensor<1x2x1x1xi32>
  return %c : tensor<1x2x1x1xi32>
}

// -----

// Strides and dilations left out are 1; spatial sizes that are not static
// keep the op (qnn.conv2d needs them).
// CHECK-LABEL: func.func @implicit_attrs
// CHECK: qnn.conv2d
// CHECK-NOT: strides =
// CHECK-SAME: -> tensor<1x4x4x3x!quant.uniform<i32:f32, 1.000000e+00>>
// CHECK: linalg.depthwise_conv_2d_nhwc_hwc_q
// REMARK: Remark="'implicit_attrs/linalg.conv_2d_nhwc_fhwc_q#0': raised to qnn.conv2d"
// REMARK: Remark="'implicit_attrs/linalg.depthwise_conv_2d_nhwc_hwc_q#0' not raised: sizes other than the batch are dynamic (qnn.conv2d needs them)"
func.func @implicit_attrs(%img: tensor<1x5x5x2xi8>, %dyn: tensor<1x?x5x2xi8>, %dw: tensor<2x2x2xi8>) -> (tensor<1x4x4x3xi32>, tensor<1x4x4x2xi32>) {
  %za = arith.constant 3 : i32
  %zb = arith.constant -7 : i32
  %zero = arith.constant 0 : i32
  %k = arith.constant dense<3> : tensor<3x2x2x2xi8>
  %e0 = tensor.empty() : tensor<1x4x4x3xi32>
  %f0 = linalg.fill ins(%zero : i32) outs(%e0 : tensor<1x4x4x3xi32>) -> tensor<1x4x4x3xi32>
  %c0 = linalg.conv_2d_nhwc_fhwc_q ins(%img, %k, %za, %zb : tensor<1x5x5x2xi8>, tensor<3x2x2x2xi8>, i32, i32) outs(%f0 : tensor<1x4x4x3xi32>) -> tensor<1x4x4x3xi32>
  %e1 = tensor.empty() : tensor<1x4x4x2xi32>
  %f1 = linalg.fill ins(%zero : i32) outs(%e1 : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  %c1 = linalg.depthwise_conv_2d_nhwc_hwc_q ins(%dyn, %dw, %za, %zb : tensor<1x?x5x2xi8>, tensor<2x2x2xi8>, i32, i32) outs(%f1 : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  return %c0, %c1 : tensor<1x4x4x3xi32>, tensor<1x4x4x2xi32>
}

// -----

// An accumulator that starts from a bias per row (the broadcast written
// through a transposed output map) is no per-channel bias: not a layer.
// CHECK-LABEL: func.func @row_bias
// CHECK: linalg.matmul
// CHECK-NOT: qnn.matmul
func.func @row_bias(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %b = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1, d0)>], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<2xf32>) outs(%e : tensor<2x2xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<2x2xf32>
  %xq = quant.qcast %x : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.1>>
  %xd = quant.dcast %xq : tensor<2x2x!quant.uniform<i8:f32, 0.1>> to tensor<2x2xf32>
  %w = arith.constant dense<[[0.5, -0.3], [0.2, 0.9]]> : tensor<2x2xf32>
  %wq = quant.qcast %w : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.01>>
  %wd = quant.dcast %wq : tensor<2x2x!quant.uniform<i8:f32, 0.01>> to tensor<2x2xf32>
  %y = linalg.matmul ins(%xd, %wd : tensor<2x2xf32>, tensor<2x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %yq = quant.qcast %y : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32, 0.05>>
  %yd = quant.dcast %yq : tensor<2x2x!quant.uniform<i8:f32, 0.05>> to tensor<2x2xf32>
  return %yd : tensor<2x2xf32>
}
