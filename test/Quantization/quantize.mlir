// RUN: qnn-opt %s --split-input-file --quantize --verify-diagnostics | FileCheck %s
// RUN: qnn-opt %s --split-input-file --verify-diagnostics \
// RUN:   --pass-pipeline='builtin.module(quantize{weight-granularity=per-tensor activations=symmetric rounding=double_round})' \
// RUN:   | FileCheck %s --check-prefix=OPTS
// RUN: qnn-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(quantize{activations=symmetric})' | FileCheck %s --check-prefix=SYM
// RUN: not qnn-opt %s --split-input-file --quantize="rounding=bogus" 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not qnn-opt %s --split-input-file --quantize="weight-granularity=per-row" 2>&1 | FileCheck %s --check-prefix=BADGRAN

// BADOPT: for the --rounding option: Cannot find option named 'bogus'!
// BADGRAN: for the --weight-granularity option: Cannot find option named 'per-row'!

/// [Pattern: matmul] IN: stats -> linalg.matmul(constant weights) -> stats
/// OUT: quantize -> qnn.matmul(qnn.constant) -> requantize -> dequantize.
/// Input range [-1, 3]: scale 4/255, zero point round(-128 + 63.75) = -64.
/// Output range [0, 6]: scale 6/255, zero point -128. Weight columns have
/// max |w| 2 and 0.5: scales 2/127 and 0.5/127; 1 / (2/127) = 63.5 -> 64.
// CHECK-LABEL: func.func @matmul_per_channel
// CHECK-SAME:    (%[[IN:.*]]: tensor<2x3xf32>)
// CHECK:         %[[X:.*]] = qnn.stats %[[IN]]
// CHECK:         %[[XQ:.*]] = qnn.quantize %[[X]] : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.015686275437474251:-64>>
// CHECK:         %[[W:.*]] = qnn.constant dense<{{\[\[}}64, -127], [19, 64], [-127, 32]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8<-127:127>:f32:1, {0.015748031437397003,0.0039370078593492508}>>
// CHECK:         %[[ACC:.*]] = qnn.matmul %[[XQ]], %[[W]] {qnn.layer = "matmul_per_channel/linalg.matmul#0"} : {{.*}} -> tensor<2x2x!quant.uniform<i32:f32:1, {2.4702795872501293E-4,6.1756989681253233E-5}>>
// CHECK:         %[[YQ:.*]] = qnn.requantize %[[ACC]] rounding = half_to_even : {{.*}} -> tensor<2x2x!quant.uniform<i8:f32, 0.023529412224888802:-128>>
// CHECK:         %[[Y:.*]] = qnn.dequantize %[[YQ]] : tensor<2x2x!quant.uniform<i8:f32, 0.023529412224888802:-128>> -> tensor<2x2xf32>
// CHECK:         %[[S:.*]] = qnn.stats %[[Y]]
// CHECK:         return %[[S]]
// CHECK-NOT:     linalg.matmul
// OPTS-LABEL: func.func @matmul_per_channel
// OPTS:         qnn.quantize %{{.*}} -> tensor<2x3x!quant.uniform<i8:f32, 0.023622047156095505>>
// OPTS:         qnn.constant dense<{{\[\[}}64, -32], [19, 16], [-127, 8]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8<-127:127>:f32, 0.015748031437397003>>
// OPTS:         qnn.requantize %{{.*}} rounding = double_round : {{.*}} -> tensor<2x2x!quant.uniform<i8:f32, 0.04724409431219101>>
func.func @matmul_per_channel(%in: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %x = qnn.stats %in min = [-1.0], max = [3.0] : tensor<2x3xf32>
  %w = arith.constant dense<[[1.0, -0.5], [0.3, 0.25], [-2.0, 0.125]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %s = qnn.stats %y min = [0.0], max = [6.0] : tensor<2x2xf32>
  return %s : tensor<2x2xf32>
}

// -----

/// The stats may also sit beside the value (the value is the stats' input),
/// and the accumulator may be a zero constant. A range that excludes zero is
/// widened to contain it: [2, 4] -> [0, 4]. An all-zero weight column gets
/// scale 1.
// CHECK-LABEL: func.func @stats_beside_value_zero_column
// CHECK:         qnn.quantize %{{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.015686275437474251:-128>>
// CHECK:         qnn.constant dense<{{\[\[}}127, 0], [-64, 0]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32:1, {0.0039370078593492508,1.000000e+00}>>
func.func @stats_beside_value_zero_column(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [2.0], max = [4.0] : tensor<1x2xf32>
  %w = arith.constant dense<[[0.5, 0.0], [-0.25, 0.0]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %sy = qnn.stats %y min = [-1.0], max = [1.0] : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

/// Without a range for the input the pass stops and says how to get one.
func.func @negative_no_input_stats(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[0.5, 1.0], [-0.25, 2.0]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  // expected-error@+1 {{no calibration range for the input of this matmul; run --qnn-calibrate or record it with qnn.stats}}
  %y = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %sy = qnn.stats %y min = [-1.0], max = [1.0] : tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @negative_no_result_stats(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %w = arith.constant dense<[[0.5, 1.0], [-0.25, 2.0]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  // expected-error@+1 {{no calibration range for the result of this matmul}}
  %y = linalg.matmul ins(%sx, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

/// Matmuls qnn cannot quantize stay in float, with a remark naming why.
// CHECK-LABEL: func.func @negative_kept_in_float
// CHECK-COUNT-3: linalg.matmul
// CHECK-NOT:     qnn.matmul
func.func @negative_kept_in_float(%x: tensor<1x2xf32>, %w: tensor<2x2xf32>, %acc: tensor<1x2xf32>) -> (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xi32>) {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  // expected-remark@+1 {{kept in float: the weights are not a constant}}
  %0 = linalg.matmul ins(%sx, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %c = arith.constant dense<[[0.5, 1.0], [-0.25, 2.0]]> : tensor<2x2xf32>
  // expected-remark@+1 {{kept in float: the accumulator starts from neither zero nor a per-channel constant}}
  %1 = linalg.matmul ins(%sx, %c : tensor<1x2xf32>, tensor<2x2xf32>) outs(%acc : tensor<1x2xf32>) -> tensor<1x2xf32>
  %xi = arith.constant dense<1> : tensor<1x2xi8>
  %ci = arith.constant dense<2> : tensor<2x2xi8>
  %ai = arith.constant dense<0> : tensor<1x2xi32>
  // expected-remark@+1 {{kept in float: quantize handles f32 tensor operands}}
  %2 = linalg.matmul ins(%xi, %ci : tensor<1x2xi8>, tensor<2x2xi8>) outs(%ai : tensor<1x2xi32>) -> tensor<1x2xi32>
  return %0, %1, %2 : tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xi32>
}

// -----

/// A transposed-A matmul (user-defined indexing maps) is not handled yet
/// (A x B^T is: quantize-frontend-forms.mlir).
// CHECK-LABEL: func.func @negative_transposed_a
// CHECK:         linalg.matmul
func.func @negative_transposed_a(%x: tensor<2x1xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<2x1xf32>
  %c = arith.constant dense<[[0.5, 1.0], [-0.25, 2.0]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  // expected-remark@+1 {{kept in float: matmul maps other than A x B and A x B^T are not handled yet}}
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%sx, %c : tensor<2x1xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.stats %0 min = [-1.0], max = [1.0] : tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

/// Non-finite weights cannot be quantized.
func.func @negative_nan_weight(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %c = arith.constant dense<[[0.5, 0x7FC00000], [-0.25, 2.0]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  // expected-error@+1 {{weight element 1 is NaN; quantize needs finite weights}}
  %0 = linalg.matmul ins(%sx, %c : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.stats %0 min = [-1.0], max = [1.0] : tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

func.func @negative_inf_weight(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %c = arith.constant dense<[[0.5, 1.0], [0xFF800000, 2.0]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  // expected-error@+1 {{weight element 2 is infinite; quantize needs finite weights}}
  %0 = linalg.matmul ins(%sx, %c : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.stats %0 min = [-1.0], max = [1.0] : tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

/// [Pattern: epilogue] A bias + ReLU generic after the matmul folds: the bias
/// becomes int32 at the accumulator scale of each channel (input 2/255 times
/// weight 1/127 and 0.5/127: 0.5 / 6.1757e-5 = 8096, -0.25 / 3.0878e-5 =
/// -8096), ReLU is the output range [0, 2] from the stats after the generic
/// (zero point -128: no clamp left).
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @fold_bias_relu
// CHECK-DAG:     %[[B:.*]] = qnn.constant dense<[8096, -8096]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {{.*}}>>
// CHECK:         %[[ACC:.*]] = qnn.matmul %{{.*}}, %{{.*}} bias(%[[B]])
// CHECK:         %[[R:.*]] = qnn.requantize %[[ACC]] {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.0078431377187371254:-128>>
// CHECK:         qnn.dequantize %[[R]]
// CHECK-NOT:     linalg.generic
func.func @fold_bias_relu(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %w = arith.constant dense<[[1.0, 0.5], [-1.0, 0.5]]> : tensor<2x2xf32>
  %bias = arith.constant dense<[0.5, -0.25]> : tensor<2xf32>
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %mm = linalg.matmul ins(%sx, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %e = tensor.empty() : tensor<1x2xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<1x2xf32>, tensor<2xf32>) outs(%e : tensor<1x2xf32>) {
  ^bb0(%v: f32, %b: f32, %o: f32):
    %s = arith.addf %v, %b : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x2xf32>
  %sy = qnn.stats %y min = [0.0], max = [2.0] : tensor<1x2xf32>
  return %sy : tensor<1x2xf32>
}

// -----

/// [Pattern: epilogue] ReLU6 as a separate generic with the stats still
/// wider than 6: the output range is cut to [0, 6] and a clamp keeps it.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @fold_relu6
// CHECK:         qnn.requantize {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.023529412224888802:-128>>
// CHECK-NOT:     qnn.clamp
// CHECK-NOT:     linalg.generic
func.func @fold_relu6(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %w = arith.constant dense<[[1.0, 0.5], [-1.0, 0.5]]> : tensor<2x2xf32>
  %lo = arith.constant 0.0 : f32
  %hi = arith.constant 6.0 : f32
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %mm = linalg.matmul ins(%sx, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %e = tensor.empty() : tensor<1x2xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm : tensor<1x2xf32>) outs(%e : tensor<1x2xf32>) {
  ^bb0(%v: f32, %o: f32):
    %a = arith.maximumf %v, %lo : f32
    %b = arith.minimumf %a, %hi : f32
    linalg.yield %b : f32
  } -> tensor<1x2xf32>
  %sy = qnn.stats %y min = [-3.0], max = [9.0] : tensor<1x2xf32>
  return %sy : tensor<1x2xf32>
}

// -----

/// A generic whose body is not a bias, max or min (here tanh) is not folded:
/// the matmul is requantized to its own range and the generic stays float,
/// with a remark.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @negative_fold_unknown_body
// CHECK:         qnn.matmul
// CHECK:         linalg.generic
// CHECK:           math.tanh
func.func @negative_fold_unknown_body(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %w = arith.constant dense<[[1.0, 0.5], [-1.0, 0.5]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %mm = linalg.matmul ins(%sx, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %smm = qnn.stats %mm min = [-2.0], max = [2.0] : tensor<1x2xf32>
  %e = tensor.empty() : tensor<1x2xf32>
  // expected-remark@+1 {{kept in float: qnn has no integer form of linalg.generic; it runs in f32 on the dequantized values}}
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%smm : tensor<1x2xf32>) outs(%e : tensor<1x2xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  } -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

/// [Pattern: epilogue] With symmetric activations a ReLU range [0, 2] keeps
/// zero point 0, so the ReLU becomes qnn.clamp min = 0 (the zero point).
#id = affine_map<(d0, d1) -> (d0, d1)>
// SYM-LABEL: func.func @fold_relu_symmetric
// SYM:         %[[R:.*]] = qnn.requantize {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.015748031437397003>>
// SYM:         qnn.clamp %[[R]] min = 0, max = 127
func.func @fold_relu_symmetric(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %w = arith.constant dense<[[1.0, 0.5], [-1.0, 0.5]]> : tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %mm = linalg.matmul ins(%sx, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %e = tensor.empty() : tensor<1x2xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm : tensor<1x2xf32>) outs(%e : tensor<1x2xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.maximumf %v, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x2xf32>
  %sy = qnn.stats %y min = [0.0], max = [2.0] : tensor<1x2xf32>
  return %sy : tensor<1x2xf32>
}

// -----

/// [Pattern: convolution] A zero tensor.pad, conv_2d_nhwc_hwcf and a bias +
/// ReLU generic become one qnn.conv2d with padding, per-channel weights
/// (axis 3, the output channels) and an int32 bias.
#id4 = affine_map<(n, h, w, c) -> (n, h, w, c)>
#ch = affine_map<(n, h, w, c) -> (c)>
// CHECK-LABEL: func.func @conv_pad_bias_relu
// CHECK-SAME:    (%[[X:.*]]: tensor<1x4x4x2xf32>)
// CHECK:         %[[XQ:.*]] = qnn.quantize %{{.*}} : tensor<1x4x4x2xf32> -> tensor<1x4x4x2x!quant.uniform<i8:f32
// CHECK:         qnn.conv2d %[[XQ]], %{{.*}} bias(%{{.*}}) {padding = array<i64: 1, 1, 1, 1>, qnn.layer = "{{[^"]*}}"} : {{.*}}tensor<3x3x2x3x!quant.uniform<i8<-127:127>:f32:3, {{.*}} -> tensor<1x4x4x3x!quant.uniform<i32:f32:3,
// CHECK-NOT:     tensor.pad
// CHECK-NOT:     linalg.conv
// CHECK-NOT:     linalg.generic
func.func @conv_pad_bias_relu(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x4x4x2xf32>
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %sx low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x2xf32> to tensor<1x6x6x2xf32>
  %w = arith.constant dense<0.5> : tensor<3x3x2x3xf32>
  %bias = arith.constant dense<[0.1, -0.2, 0.3]> : tensor<3xf32>
  %init = arith.constant dense<0.0> : tensor<1x4x4x3xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p, %w : tensor<1x6x6x2xf32>, tensor<3x3x2x3xf32>) outs(%init : tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %e = tensor.empty() : tensor<1x4x4x3xf32>
  %y = linalg.generic {indexing_maps = [#id4, #ch, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c, %bias : tensor<1x4x4x3xf32>, tensor<3xf32>) outs(%e : tensor<1x4x4x3xf32>) {
  ^bb0(%v: f32, %b: f32, %o: f32):
    %s = arith.addf %v, %b : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x4x4x3xf32>
  %sy = qnn.stats %y min = [0.0], max = [9.0] : tensor<1x4x4x3xf32>
  return %sy : tensor<1x4x4x3xf32>
}

// -----

/// [Pattern: convolution] A strided depthwise convolution: the [KH, KW, C]
/// filter becomes [KH, KW, 1, C] with groups = C.
// CHECK-LABEL: func.func @depthwise_strided
// CHECK:         qnn.conv2d {{.*}} {groups = 2 : i64, qnn.layer = "{{[^"]*}}", strides = array<i64: 2, 2>} : {{.*}}tensor<3x3x1x2x!quant.uniform<i8<-127:127>:f32:3,
// CHECK-NOT:     linalg.depthwise
func.func @depthwise_strided(%x: tensor<1x5x5x2xf32>) -> tensor<1x2x2x2xf32> {
  %sx = qnn.stats %x min = [0.0], max = [2.0] : tensor<1x5x5x2xf32>
  %w = arith.constant dense<[[[1.0, -1.0], [0.5, 0.5], [0.0, 2.0]], [[1.0, -1.0], [0.5, 0.5], [0.0, 2.0]], [[1.0, -1.0], [0.5, 0.5], [0.0, 2.0]]]> : tensor<3x3x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2x2x2xf32>
  %c = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%sx, %w : tensor<1x5x5x2xf32>, tensor<3x3x2xf32>) outs(%init : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %sc = qnn.stats %c min = [-6.0], max = [12.0] : tensor<1x2x2x2xf32>
  return %sc : tensor<1x2x2x2xf32>
}

// -----

/// A padding that is not zero stays in float; the conv then quantizes the
/// padded tensor, which needs its own range.
func.func @negative_conv_nonzero_padding(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x4x4x1xf32>
  %one = arith.constant 1.0 : f32
  %p = tensor.pad %sx low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %one : f32
  } : tensor<1x4x4x1xf32> to tensor<1x6x6x1xf32>
  %w = arith.constant dense<0.5> : tensor<3x3x1x1xf32>
  %init = arith.constant dense<0.0> : tensor<1x4x4x1xf32>
  // expected-error@+1 {{no calibration range for the input of this convolution; run --qnn-calibrate or record it with qnn.stats}}
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p, %w : tensor<1x6x6x1xf32>, tensor<3x3x1x1xf32>) outs(%init : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %sc = qnn.stats %c min = [0.0], max = [9.0] : tensor<1x4x4x1xf32>
  return %sc : tensor<1x4x4x1xf32>
}
