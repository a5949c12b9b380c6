// RUN: qnn-opt %s --split-input-file --convert-qnn-to-linalg --verify-diagnostics | FileCheck %s

/// quantize -> an elementwise generic: binary32 divide, round half to even,
/// NaN to the zero point, clamp to [qmin - zp, qmax - zp], add zp, truncate.
// CHECK-LABEL: func.func @quantize_per_tensor
// CHECK-SAME:    (%[[X:.*]]: tensor<4xf32>) -> tensor<4xi8>
// CHECK:         linalg.generic {{.*}} ins(%[[X]] : tensor<4xf32>)
// CHECK-DAG:       %[[S:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG:       %[[LO:.*]] = arith.constant -1.250000e+02 : f32
// CHECK-DAG:       %[[HI:.*]] = arith.constant 1.300000e+02 : f32
// CHECK-DAG:       %[[ZP:.*]] = arith.constant -3 : i32
// CHECK:           %[[T:.*]] = arith.divf %{{.*}}, %[[S]] : f32
// CHECK:           %[[R:.*]] = math.roundeven %[[T]] : f32
// CHECK:           %[[NAN:.*]] = arith.cmpf uno, %[[R]], %[[R]] : f32
// CHECK:           %[[F:.*]] = arith.select %[[NAN]]
// CHECK:           %[[C1:.*]] = arith.maximumf %[[F]], %[[LO]] : f32
// CHECK:           %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f32
// CHECK:           %[[I:.*]] = arith.fptosi %[[C2]] : f32 to i32
// CHECK:           %[[Q:.*]] = arith.addi %[[I]], %[[ZP]] : i32
// CHECK:           arith.trunci %[[Q]] : i32 to i8
func.func @quantize_per_tensor(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

/// Per-axis scales and zero points are constant tensors read along the axis;
/// half_away_from_zero uses math.round; u4 lives in an i8 container.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @quantize_per_axis_u4
// CHECK-SAME:    -> tensor<2x3xi8>
// CHECK-DAG:     %[[SCALES:.*]] = arith.constant dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>
// CHECK-DAG:     %[[ZPS:.*]] = arith.constant dense<[8, 7]> : tensor<2xi32>
// CHECK:         linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]], #[[ROW]], #[[ROW]], #[[ID]]]
// CHECK:           math.round
func.func @quantize_per_axis_u4(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<u4:f32:0, {0.1:8, 0.2:7}>> {
  %q = qnn.quantize %x rounding = half_away_from_zero : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u4:f32:0, {0.1:8, 0.2:7}>>
  return %q : tensor<2x3x!quant.uniform<u4:f32:0, {0.1:8, 0.2:7}>>
}

// -----

/// dequantize -> (float(ext(q) - zp)) * scale; unsigned storage extends
/// with zeros.
// CHECK-LABEL: func.func @dequantize_u8
// CHECK:         arith.extui %{{.*}} : i8 to i32
// CHECK:         arith.subi
// CHECK:         arith.sitofp %{{.*}} : i32 to f32
// CHECK:         arith.mulf
func.func @dequantize_u8(%q: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4xf32> {
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<4xf32>
  return %x : tensor<4xf32>
}

// -----

/// requantize in the float modes: float(q - zin) * float(ratio), rounded.
/// An integer times a finite multiplier is never NaN: no NaN test, and the
/// clamps carry nnan/nsz (plain vmaxps/vminps).
// CHECK-LABEL: func.func @requantize_float
// CHECK:         %[[M:.*]] = arith.constant 2.000000e-02 : f32
// CHECK:         arith.sitofp
// CHECK:         arith.mulf %{{.*}}, %[[M]] : f32
// CHECK:         math.roundeven
// CHECK-NOT:     arith.cmpf
// CHECK:         arith.maximumf {{.*}} fastmath<nnan,nsz> : f32
// CHECK:         arith.minimumf {{.*}} fastmath<nnan,nsz> : f32
func.func @requantize_float(%acc: tensor<4x!quant.uniform<i32:f32, 0.001>>) -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>> {
  %r = qnn.requantize %acc rounding = half_to_even : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
}

// -----

/// double_round: per-channel multipliers and right shifts (TFLite), the
/// 64-bit doubling high multiply with its nudge, then RoundingDivideByPOT.
/// 0.001 / 0.05 = 0.02 = 0.64 * 2^-5: multiplier round(0.64 * 2^31).
// CHECK-LABEL: func.func @requantize_double_round
// CHECK:         arith.constant dense<[5, 4]> : tensor<2xi32>
// CHECK:         linalg.generic
// CHECK:           arith.constant 1374389535 : i32
// CHECK:         arith.muli %{{.*}}, %{{.*}} : i64
// CHECK:         arith.constant 1073741824 : i64
// CHECK:         arith.divsi %{{.*}}, %{{.*}} : i64
// CHECK:         arith.shrsi %{{.*}}, %{{.*}} : i32
func.func @requantize_double_round(%acc: tensor<3x2x!quant.uniform<i32:f32:1, {0.001, 0.002}>>) -> tensor<3x2x!quant.uniform<i8:f32, 0.05:-4>> {
  %r = qnn.requantize %acc rounding = double_round : tensor<3x2x!quant.uniform<i32:f32:1, {0.001, 0.002}>> -> tensor<3x2x!quant.uniform<i8:f32, 0.05:-4>>
  return %r : tensor<3x2x!quant.uniform<i8:f32, 0.05:-4>>
}

// -----

/// single_round: (x * multiplier + 2^(shift-1)) >> shift in 64 bits (TOSA).
// CHECK-LABEL: func.func @requantize_single_round
// CHECK:         arith.constant 1374389535 : i32
// CHECK:         arith.constant 36 : i64
// CHECK:         arith.muli %{{.*}}, %{{.*}} : i64
// CHECK:         arith.shli
// CHECK:         arith.shrsi %{{.*}}, %{{.*}} : i64
func.func @requantize_single_round(%acc: tensor<4x!quant.uniform<i32:f32, 0.001>>) -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>> {
  %r = qnn.requantize %acc rounding = single_round : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
}

// -----

/// tosa_double_round: single_round's multiplier and shift; above shift 31
/// the rounding term gains 2^30, added for x >= 0 and subtracted otherwise.
// CHECK-LABEL: func.func @requantize_tosa_double_round
// CHECK-DAG:     arith.constant 1374389535 : i32
// CHECK-DAG:     arith.constant 36 : i64
// CHECK-DAG:     arith.constant 1073741824 : i64
// CHECK:         arith.muli %{{.*}}, %{{.*}} : i64
// CHECK:         arith.cmpi sge
// CHECK:         arith.select
// CHECK:         arith.shrsi %{{.*}}, %{{.*}} : i64
func.func @requantize_tosa_double_round(%acc: tensor<4x!quant.uniform<i32:f32, 0.001>>) -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>> {
  %r = qnn.requantize %acc rounding = tosa_double_round : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.05:-4>>
}

// -----

/// A shift of 31 or less has no second rounding: no nudge table.
// CHECK-LABEL: func.func @requantize_tosa_double_round_small_shift
// CHECK-NOT:     arith.select
// CHECK:         return
func.func @requantize_tosa_double_round_small_shift(%acc: tensor<4x!quant.uniform<i32:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 1.0>> {
  %r = qnn.requantize %acc rounding = tosa_double_round : tensor<4x!quant.uniform<i32:f32, 0.5>> -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return %r : tensor<4x!quant.uniform<i8:f32, 1.0>>
}

// -----

/// matmul: the activation's zero point is subtracted into i16 at run time,
/// the constant weights' at compile time; linalg.matmul starts from the
/// broadcast bias.
// CHECK-LABEL: func.func @matmul_constant_weights_bias
// CHECK-SAME:    (%[[A:.*]]: tensor<2x3xi8>, %[[B:.*]]: tensor<2xi32>)
// CHECK:         %[[AZ:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<2x3xi8>)
// CHECK:           arith.subi
// CHECK:           arith.trunci %{{.*}} : i32 to i16
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[\[}}1, 1], [3, 3], [5, 5]]> : tensor<3x2xi16>
// CHECK:         %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<2xi32>) outs(%{{.*}} : tensor<2x2xi32>) dimensions = [0]
// CHECK:         linalg.matmul ins(%[[AZ]], %[[W]] : tensor<2x3xi16>, tensor<3x2xi16>) outs(%[[INIT]] : tensor<2x2xi32>)
func.func @matmul_constant_weights_bias(%a: tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>, %b: tensor<2x!quant.uniform<i32:f32:0, {0.5, 0.25}>>) -> tensor<2x2x!quant.uniform<i32:f32:1, {0.5, 0.25}>> {
  %w = qnn.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32:1, {1.0, 0.5:1}>>
  %acc = qnn.matmul %a, %w bias(%b) : (tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>, tensor<3x2x!quant.uniform<i8:f32:1, {1.0, 0.5:1}>>, tensor<2x!quant.uniform<i32:f32:0, {0.5, 0.25}>>) -> tensor<2x2x!quant.uniform<i32:f32:1, {0.5, 0.25}>>
  return %acc : tensor<2x2x!quant.uniform<i32:f32:1, {0.5, 0.25}>>
}

// -----

/// A batched lhs with a shared rhs folds the batch into the rows; 16-bit
/// storage subtracts into i32.
// CHECK-LABEL: func.func @matmul_batch_shared_rhs
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<?x4x8xi32> into tensor<?x8xi32>
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x8xi32>, tensor<8x2xi32>)
// CHECK:         tensor.expand_shape
func.func @matmul_batch_shared_rhs(%a: tensor<?x4x8x!quant.uniform<i16:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<?x4x2x!quant.uniform<i32:f32, 0.25>> {
  %acc = qnn.matmul %a, %w : (tensor<?x4x8x!quant.uniform<i16:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<?x4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<?x4x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

/// A batched rhs uses linalg.batch_matmul.
// CHECK-LABEL: func.func @matmul_batched_rhs
// CHECK:         linalg.batch_matmul
func.func @matmul_batched_rhs(%a: tensor<2x4x8x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x8x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x4x3x!quant.uniform<i32:f32, 0.25>> {
  %acc = qnn.matmul %a, %w : (tensor<2x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<2x8x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x4x3x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<2x4x3x!quant.uniform<i32:f32, 0.25>>
}

// -----

/// conv2d: the zero-point-free input is padded with 0, then the named conv.
// CHECK-LABEL: func.func @conv_padded_strided
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i16
// CHECK:         tensor.pad %{{.*}} low[0, 1, 2, 0] high[0, 1, 0, 0]
// CHECK:           tensor.yield %[[ZERO]] : i16
// CHECK:         linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
func.func @conv_padded_strided(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:3>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x4x4x!quant.uniform<i32:f32, 0.125>> {
  %acc = qnn.conv2d %x, %w {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 2, 0>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:3>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x4x4x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x4x4x!quant.uniform<i32:f32, 0.125>>
}

// -----

// CHECK-LABEL: func.func @conv_depthwise
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0], [1], [2, 3]] : tensor<3x3x1x4xi16> into tensor<3x3x4xi16>
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<2> : tensor<2xi64>
func.func @conv_depthwise(%x: tensor<1x9x9x4x!quant.uniform<i8:f32, 1.0>>, %w: tensor<3x3x1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x5x5x4x!quant.uniform<i32:f32, 0.5>> {
  %acc = qnn.conv2d %x, %w {dilations = array<i64: 2, 2>, groups = 4} : (tensor<1x9x9x4x!quant.uniform<i8:f32, 1.0>>, tensor<3x3x1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x5x5x4x!quant.uniform<i32:f32, 0.5>>
  return %acc : tensor<1x5x5x4x!quant.uniform<i32:f32, 0.5>>
}

// -----

// CHECK-LABEL: func.func @conv_depthwise_multiplier
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwcm
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x3x3x2x2xi32> into tensor<1x3x3x4xi32>
func.func @conv_depthwise_multiplier(%x: tensor<1x5x5x2x!quant.uniform<i8:f32, 1.0>>, %w: tensor<3x3x1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x4x!quant.uniform<i32:f32, 0.5>> {
  %acc = qnn.conv2d %x, %w {groups = 2} : (tensor<1x5x5x2x!quant.uniform<i8:f32, 1.0>>, tensor<3x3x1x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x4x!quant.uniform<i32:f32, 0.5>>
  return %acc : tensor<1x3x3x4x!quant.uniform<i32:f32, 0.5>>
}

// -----

// CHECK-LABEL: func.func @conv_grouped
// CHECK:         linalg.transpose ins(%{{.*}} : tensor<3x3x2x2x3xi16>) outs(%{{.*}} : tensor<2x3x3x3x2xi16>) permutation = [3, 4, 0, 1, 2]
// CHECK:         linalg.conv_2d_nhwgc_gfhwc
func.func @conv_grouped(%x: tensor<1x5x5x4x!quant.uniform<i8:f32, 0.5:3>>, %w: tensor<3x3x2x6x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x6x!quant.uniform<i32:f32, 0.25>> {
  %acc = qnn.conv2d %x, %w {groups = 2} : (tensor<1x5x5x4x!quant.uniform<i8:f32, 0.5:3>>, tensor<3x3x2x6x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x6x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<1x3x3x6x!quant.uniform<i32:f32, 0.25>>
}

// -----

/// add, clamp, constant, stats, pruned, scast, codebook.
// CHECK-LABEL: func.func @the_rest
// CHECK-NOT:     qnn.
// CHECK:         arith.addf
// CHECK:         arith.maxsi
// CHECK:         arith.minsi
// CHECK:         tensor.extract %{{.*}}[%{{.*}}] : tensor<4xf32>
func.func @the_rest(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %x: tensor<4xf32>, %i: tensor<4xi2>, %t: tensor<4xf32>) -> (tensor<4xi8>, tensor<4xf32>, tensor<4xf32>) {
  %s = qnn.add %a, %a : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %c = qnn.clamp %s min = 0, max = 100 : tensor<4x!quant.uniform<i8:f32, 0.5>>
  %st = qnn.stats %x min = [0.0], max = [1.0] : tensor<4xf32>
  %p = qnn.pruned %st pattern(#qnn.unstructured) : tensor<4xf32> -> tensor<4xf32>
  %raw = quant.scast %c : tensor<4x!quant.uniform<i8:f32, 0.5>> to tensor<4xi8>
  %l = qnn.codebook_lookup %i, %t : tensor<4xi2>, tensor<4xf32> -> tensor<4xf32>
  return %raw, %p, %l : tensor<4xi8>, tensor<4xf32>, tensor<4xf32>
}

// -----

/// Compressed storage has no lowering yet: an error, not a generic
/// legalization failure.
func.func @negative_sparse_pruned(%w: tensor<16x8xi8>) -> tensor<16x8xi8, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>> {
  // expected-error@+1 {{'qnn.pruned' op in compressed storage cannot be lowered: qnn's sparse kernels store pruned weights their own way from the dense constant; keep the weight dense (qnn.pruned without an encoding)}}
  %p = qnn.pruned %w pattern(#qnn.unstructured) : tensor<16x8xi8> -> tensor<16x8xi8, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
  return %p : tensor<16x8xi8, #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>>
}

// -----

/// A contraction whose int32 accumulation can leave the int32 range gets a
/// warning: 16-bit operands overflow from a single product pair on.
func.func @warn_accumulator_wraps(%a: tensor<2x4x!quant.uniform<i16:f32, 0.5>>, %w: tensor<4x2x!quant.uniform<i16:f32, 0.5>>) -> tensor<2x2x!quant.uniform<i32:f32, 0.25>> {
  // expected-warning@+1 {{int32 accumulation can wrap: 4 products of |a - za| <= 32768 and |b - zb| <= 32768 reach 4.295e+09 > 2^31 - 1; results wrap modulo 2^32}}
  %acc = qnn.matmul %a, %w : (tensor<2x4x!quant.uniform<i16:f32, 0.5>>, tensor<4x2x!quant.uniform<i16:f32, 0.5>>) -> tensor<2x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<2x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

/// The bias counts: products that fit, plus a constant bias near the top
/// of int32, can wrap (2 * 128 * 128 + 2147483640 > 2^31 - 1).
func.func @warn_bias_accumulator_wraps(%a: tensor<1x2x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x!quant.uniform<i32:f32, 0.25>> {
  %bias = qnn.constant dense<2147483640> : tensor<1xi32> -> tensor<1x!quant.uniform<i32:f32, 0.25>>
  // expected-warning@+1 {{int32 accumulation can wrap: 2 products of |a - za| <= 128 and |b - zb| <= 128 plus a bias of magnitude up to 2147483640 reach 2.148e+09 > 2^31 - 1; results wrap modulo 2^32}}
  %acc = qnn.matmul %a, %w bias(%bias) : (tensor<1x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x1x!quant.uniform<i8:f32, 0.5>>, tensor<1x!quant.uniform<i32:f32, 0.25>>) -> tensor<1x1x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<1x1x!quant.uniform<i32:f32, 0.25>>
}

// -----

/// 8-bit operands wrap only beyond K = 33025 (u8 with zero point 0 against
/// i8 with zero point -128: 255 * 255 per product).
func.func @warn_conv_accumulator_wraps(%x: tensor<1x3x3x4000x!quant.uniform<u8:f32, 0.5>>, %w: tensor<3x3x4000x1x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<1x1x1x1x!quant.uniform<i32:f32, 0.25>> {
  // expected-warning@+1 {{int32 accumulation can wrap: 36000 products of |a - za| <= 255 and |b - zb| <= 255}}
  %acc = qnn.conv2d %x, %w : (tensor<1x3x3x4000x!quant.uniform<u8:f32, 0.5>>, tensor<3x3x4000x1x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<1x1x1x1x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<1x1x1x1x!quant.uniform<i32:f32, 0.25>>
}

// -----

/// Convolutions need static spatial and channel sizes.
func.func @negative_dynamic_conv(%x: tensor<1x?x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x?x6x4x!quant.uniform<i32:f32, 0.125>> {
  // expected-error@+1 {{'qnn.conv2d' op with dynamic spatial, channel or filter sizes cannot be lowered by convert-qnn-to-linalg; only the batch may be dynamic}}
  %acc = qnn.conv2d %x, %w : (tensor<1x?x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x?x6x4x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x?x6x4x!quant.uniform<i32:f32, 0.125>>
}

// -----

/// So do poolings, their result included (its sizes are not the input's).
func.func @negative_dynamic_pool_result(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x?x?x3x!quant.uniform<i8:f32, 0.5>> {
  // expected-error@+1 {{'qnn.max_pool2d' op with dynamic spatial, channel or filter sizes cannot be lowered by convert-qnn-to-linalg; only the batch may be dynamic}}
  %p = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>> -> tensor<1x?x?x3x!quant.uniform<i8:f32, 0.5>>
  return %p : tensor<1x?x?x3x!quant.uniform<i8:f32, 0.5>>
}

// -----

func.func @negative_dynamic_avg_pool(%x: tensor<1x?x8x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x?x4x3x!quant.uniform<i8:f32, 0.5>> {
  // expected-error@+1 {{'qnn.avg_pool2d' op with dynamic spatial, channel or filter sizes cannot be lowered by convert-qnn-to-linalg; only the batch may be dynamic}}
  %p = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x?x8x3x!quant.uniform<i8:f32, 0.5>> -> tensor<1x?x4x3x!quant.uniform<i8:f32, 0.5>>
  return %p : tensor<1x?x4x3x!quant.uniform<i8:f32, 0.5>>
}

// -----

/// Unranked quantized tensors become unranked tensors of their storage
/// (upstream's Quant tests pass them through functions).
// CHECK-LABEL: func.func @unranked_quantized
// CHECK-SAME:    (%[[A:.*]]: tensor<*xi8>) -> tensor<*xi8>
// CHECK:         return %[[A]] : tensor<*xi8>
func.func @unranked_quantized(%a: tensor<*x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<*x!quant.uniform<i8:f32, 0.5:3>> {
  return %a : tensor<*x!quant.uniform<i8:f32, 0.5:3>>
}

// -----

/// A function whose type is not a builtin FunctionType (llvm.func) is left
/// alone (its type was once cast to FunctionType: found by qnn-fuzz-opt).
// CHECK-LABEL: llvm.func @llvm_function
// CHECK:         llvm.return
llvm.func @llvm_function(%a: f32) -> f32 {
  llvm.return %a : f32
}

// -----

/// [Pattern: int8 constant weights] u8 activations (zero point 100) against
/// constant symmetric int8 weights: the product runs on the stored bytes,
/// the activations' sign bit flipped (a - 128, zero point -28), and
/// -(-28) * colsum(w) = [-28, 224] joins the bias [10, -20] in the
/// accumulator's start.
// CHECK-LABEL: func.func @int8_constant_weights
// CHECK-DAG:     %[[START:.*]] = arith.constant dense<[-18, 204]> : tensor<2xi32>
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[\[}}1, -2], [3, 4], [-5, 6]]> : tensor<3x2xi8>
// CHECK-DAG:     %[[A:.*]] = linalg.generic
// CHECK-DAG:       arith.xori %{{.*}}, %{{.*}} : i8
// CHECK:         %[[INIT:.*]] = linalg.broadcast ins(%[[START]]
// CHECK:         linalg.matmul ins(%[[A]], %{{.*}} : tensor<2x3xi8>, tensor<3x2xi8>) outs(%[[INIT]] : tensor<2x2xi32>)
func.func @int8_constant_weights(%a: tensor<2x3x!quant.uniform<u8:f32, 0.5:100>>) -> tensor<2x2x!quant.uniform<i32:f32:1, {0.25, 0.125}>> {
  %w = qnn.constant dense<[[1, -2], [3, 4], [-5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8<-127:127>:f32:1, {0.5, 0.25}>>
  %bias = qnn.constant dense<[10, -20]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {0.25, 0.125}>>
  %c = qnn.matmul %a, %w bias(%bias) : (tensor<2x3x!quant.uniform<u8:f32, 0.5:100>>, tensor<3x2x!quant.uniform<i8<-127:127>:f32:1, {0.5, 0.25}>>, tensor<2x!quant.uniform<i32:f32:0, {0.25, 0.125}>>) -> tensor<2x2x!quant.uniform<i32:f32:1, {0.25, 0.125}>>
  return %c : tensor<2x2x!quant.uniform<i32:f32:1, {0.25, 0.125}>>
}

// -----

/// Weights with a zero point need the activations' row sums: the general
/// form (zero points subtracted into i16) is kept.
// CHECK-LABEL: func.func @negative_int8_asymmetric_weights
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<2x3xi16>, tensor<3x2xi16>)
func.func @negative_int8_asymmetric_weights(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x2x!quant.uniform<i32:f32, 0.25>> {
  %w = qnn.constant dense<[[1, -2], [3, 4], [-5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!quant.uniform<i8:f32, 0.5:3>>
  %c = qnn.matmul %a, %w : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<2x2x!quant.uniform<i32:f32, 0.25>>
  return %c : tensor<2x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

/// [Pattern: int8 constant weights] A convolution with one group takes the
/// same path: u8 activations (zero point 130) flipped to signed bytes (zero
/// point 2), padded with that zero point so that the padding adds nothing,
/// and -2 * colsum(w) = -2 * [9, -2] joins the bias [1, 2].
// CHECK-LABEL: func.func @int8_constant_filter
// CHECK:         arith.xori %{{.*}}, %{{.*}} : i8
// CHECK:         %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<3x3x1x2xi8>
// CHECK:         %[[START:.*]] = arith.constant dense<[-17, 6]> : tensor<2xi32>
// CHECK:         %[[PADVALUE:.*]] = arith.constant 2 : i8
// CHECK:         %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:           tensor.yield %[[PADVALUE]] : i8
// CHECK:         %[[INIT:.*]] = linalg.broadcast ins(%[[START]] : tensor<2xi32>)
// CHECK:         linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[PADDED]], %[[W]] : tensor<1x6x6x1xi8>, tensor<3x3x1x2xi8>) outs(%[[INIT]] : tensor<1x4x4x2xi32>)
func.func @int8_constant_filter(%x: tensor<1x4x4x1x!quant.uniform<u8:f32, 0.5:130>>) -> tensor<1x4x4x2x!quant.uniform<i32:f32, 0.125>> {
  %w = qnn.constant dense<[[[[1, -2]], [[1, -2]], [[1, -2]]], [[[1, -2]], [[1, -2]], [[1, -2]]], [[[1, -2]], [[1, -2]], [[1, 14]]]]> : tensor<3x3x1x2xi8> -> tensor<3x3x1x2x!quant.uniform<i8:f32, 0.25>>
  %b = qnn.constant dense<[1, 2]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.125>>
  %acc = qnn.conv2d %x, %w bias(%b) {padding = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x1x!quant.uniform<u8:f32, 0.5:130>>, tensor<3x3x1x2x!quant.uniform<i8:f32, 0.25>>, tensor<2x!quant.uniform<i32:f32, 0.125>>) -> tensor<1x4x4x2x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x4x2x!quant.uniform<i32:f32, 0.125>>
}

// -----

/// [Pattern: int8 constant weights] A depthwise convolution (groups = C,
/// no multiplier) too: i8 input padded with the zero point (-3), filter
/// [KH, KW, 1, C] as [KH, KW, C] bytes, 3 * colsum(w) = 3 * [2, -1] in the
/// start.
// CHECK-LABEL: func.func @int8_depthwise
// CHECK-NOT:     arith.extsi
// CHECK:         %[[START:.*]] = arith.constant dense<[6, -3]> : tensor<2xi32>
// CHECK:         %[[PADDED:.*]] = tensor.pad
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[\[\[}}1, -1], [1, 0]], {{\[\[}}0, 0], [0, 0]]]> : tensor<2x2x2xi8>
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}} ins(%[[PADDED]], %[[W]] : tensor<1x4x4x2xi8>, tensor<2x2x2xi8>)
func.func @int8_depthwise(%x: tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<1x3x3x2x!quant.uniform<i32:f32, 0.125>> {
  %w = qnn.constant dense<[[[[1, -1]], [[1, 0]]], [[[0, 0]], [[0, 0]]]]> : tensor<2x2x1x2xi8> -> tensor<2x2x1x2x!quant.uniform<i8:f32, 0.25>>
  %acc = qnn.conv2d %x, %w {padding = array<i64: 0, 1, 0, 1>, groups = 2} : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5:-3>>, tensor<2x2x1x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x3x3x2x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x3x3x2x!quant.uniform<i32:f32, 0.125>>
}

// -----

/// A rank-3 matmul with weights shared by every batch, and its requantize:
/// the batch folds into the rows before the layer and comes back after the
/// requantize, so the matmul feeds its epilogue directly.
// CHECK-LABEL: func.func @batched_rows_shared_weights
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<2x3x4xi8> into tensor<6x4xi8>
// CHECK:         %[[MM:.*]] = linalg.matmul
// CHECK-SAME:      -> tensor<6x2xi32>
// CHECK:         %[[RQ:.*]] = linalg.generic {{.*}} ins(%[[MM]], {{.*}} outs(%{{.*}} : tensor<6x2xi8>)
// CHECK:         %[[CL:.*]] = linalg.generic {{.*}} ins(%[[RQ]] : tensor<6x2xi8>)
// CHECK:         tensor.expand_shape %[[CL]] {{\[\[}}0, 1], [2]] output_shape [2, 3, 2] : tensor<6x2xi8> into tensor<2x3x2xi8>
!x = !quant.uniform<i8:f32, 0.5:1>
!w = !quant.uniform<i8:f32:1, {0.25, 0.5}>
!acc = !quant.uniform<i32:f32:2, {0.125, 0.25}>
!y = !quant.uniform<i8:f32, 1.0:-3>
func.func @batched_rows_shared_weights(%x: tensor<2x3x4x!x>) -> tensor<2x3x2x!y> {
  %w = qnn.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8> -> tensor<4x2x!w>
  %acc = qnn.matmul %x, %w : (tensor<2x3x4x!x>, tensor<4x2x!w>) -> tensor<2x3x2x!acc>
  %y = qnn.requantize %acc rounding = single_round : tensor<2x3x2x!acc> -> tensor<2x3x2x!y>
  %r = qnn.clamp %y min = -3, max = 100 : tensor<2x3x2x!y>
  return %r : tensor<2x3x2x!y>
}

// -----

/// A chain whose result type is not static stays on rank 3.
// CHECK-LABEL: func.func @batched_rows_dynamic_result
// CHECK:         linalg.matmul
// CHECK:         tensor.expand_shape {{.*}} into tensor<2x3x2xi32>
// CHECK:         linalg.generic
!x = !quant.uniform<i8:f32, 0.5:1>
!w = !quant.uniform<i8:f32, 0.25>
!acc = !quant.uniform<i32:f32, 0.125>
!y = !quant.uniform<i8:f32, 1.0:-3>
func.func @batched_rows_dynamic_result(%x: tensor<2x3x4x!x>) -> tensor<?x3x2x!y> {
  %w = qnn.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi8> -> tensor<4x2x!w>
  %acc = qnn.matmul %x, %w : (tensor<2x3x4x!x>, tensor<4x2x!w>) -> tensor<2x3x2x!acc>
  %y = qnn.requantize %acc rounding = single_round : tensor<2x3x2x!acc> -> tensor<?x3x2x!y>
  return %y : tensor<?x3x2x!y>
}
