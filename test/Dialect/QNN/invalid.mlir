// RUN: qnn-opt %s --split-input-file --verify-diagnostics

// One case per verifier rule of the qnn dialect, in the order of
// lib/Dialect/QNN/IR/QNNOps.cpp, QuantParams.cpp and QNNAttrs.cpp, then the
// discardable attributes of QNNDialect.cpp.

//===----------------------------------------------------------------------===//
// qnn.constant
//===----------------------------------------------------------------------===//

func.func @negative_constant_float_result() {
  // expected-error@+1 {{result #0 must be ranked tensor of uniform quantized type}}
  %0 = qnn.constant dense<[1, 2]> : tensor<2xi8> -> tensor<2xf32>
  return
}

// -----

func.func @negative_constant_float_value() {
  // expected-error@+1 {{Invalid attribute `value` in property conversion}}
  %0 = "qnn.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_wrong_storage_width() {
  // expected-error@+1 {{value must hold i8 or si8 storage integers, got 'i16'}}
  %0 = qnn.constant dense<[1, 2]> : tensor<2xi16> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_signedness() {
  // expected-error@+1 {{value must hold i8 or si8 storage integers, got 'ui8'}}
  %0 = qnn.constant dense<[1, 2]> : tensor<2xui8> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_shape_mismatch() {
  // expected-error@+1 {{value shape 'tensor<2xi8>' does not match the result shape}}
  %0 = qnn.constant dense<[1, 2]> : tensor<2xi8> -> tensor<3x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_outside_narrow_range() {
  // expected-error@+1 {{stored value -128 at index 1 is outside the storage range [-127, 127]}}
  %0 = qnn.constant dense<[1, -128]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_packed_i8() {
  // expected-error@+1 {{packed storage needs 1, 2 or 4 storage bits, not 8}}
  %0 = qnn.constant packed dense<[1, 2]> : tensor<2xui8> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_packed_byte_count() {
  // expected-error@+1 {{packed value must be 2 bytes (tensor<2xui8>) for 3 values of 4 bits, got 'tensor<3xui8>'}}
  %0 = qnn.constant packed dense<[1, 2, 3]> : tensor<3xui8> -> tensor<3x!quant.uniform<i4:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_packed_dynamic(%n: index) {
  // expected-error@+1 {{packed storage needs a static result shape}}
  %0 = qnn.constant packed dense<[1]> : tensor<1xui8> -> tensor<?x!quant.uniform<i4:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_packed_unused_bits() {
  // 3 values of 4 bits: the high nibble of the second byte is unused.
  // expected-error@+1 {{unused high bits of the last packed byte must be 0}}
  %0 = qnn.constant packed dense<[33, 19]> : tensor<2xui8> -> tensor<3x!quant.uniform<i4:f32, 0.5>>
  return
}

// -----

func.func @negative_constant_packed_outside_range() {
  // 0x8 is -8, outside the narrow range [-7, 7].
  // expected-error@+1 {{stored value -8 at index 1 is outside the storage range [-7, 7]}}
  %0 = qnn.constant packed dense<[129]> : tensor<1xui8> -> tensor<2x!quant.uniform<i4<-7:7>:f32, 0.5>>
  return
}

//===----------------------------------------------------------------------===//
// Quantized type rules shared by every op (QuantParams.cpp)
//===----------------------------------------------------------------------===//

// -----

func.func @negative_expressed_type_not_f32(%x: tensor<4x!quant.uniform<i8:f16, 0.5>>) {
  // expected-error@+1 {{input expressed type must be f32, got 'f16'}}
  %0 = qnn.dequantize %x : tensor<4x!quant.uniform<i8:f16, 0.5>> -> tensor<4xf32>
  return
}

// -----

func.func @negative_storage_width_one_bit(%x: tensor<4xf32>) {
  // expected-error@+1 {{result storage width must be in [2, 16] bits, got 1}}
  %0 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i1:f32, 0.5>>
  return
}

// -----

func.func @negative_storage_width_any_role(%x: tensor<4x!quant.uniform<u32:f32, 0.5>>) {
  // expected-error@+1 {{input storage width must be in [2, 16] bits or a signed 32-bit accumulator, got 32 bits}}
  %0 = qnn.dequantize %x : tensor<4x!quant.uniform<u32:f32, 0.5>> -> tensor<4xf32>
  return
}

// -----

func.func @negative_accumulator_not_i32(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result must be an i32 accumulator, got storage of 16 bits}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i16:f32, 0.25>>
  return
}

// -----

func.func @negative_accumulator_zero_point(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result zero point must be 0, got 3}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25:3>>
  return
}

// -----

func.func @negative_i32_zero_point(%a: tensor<3x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error@+1 {{result zero point must be 0 for 32-bit storage, got 5}}
  %0 = qnn.requantize %a rounding = double_round : tensor<3x!quant.uniform<i8:f32, 1.0>> -> tensor<3x!quant.uniform<i32:f32, 1.0:5>>
  return
}

// -----

func.func @negative_zero_point_outside_storage(%x: tensor<4xf32>) {
  // expected-error@+1 {{result zero point 300 is outside the storage range [-128, 127]}}
  %0 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:300>>
  return
}

// -----

func.func @negative_per_axis_zero_point_outside_storage(%x: tensor<2xf32>) {
  // expected-error@+1 {{result zero point 16 is outside the storage range [0, 15]}}
  %0 = qnn.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<u4:f32:0, {0.5:3, 0.5:16}>>
  return
}

// -----

func.func @negative_quantized_dimension_out_of_range(%x: tensor<2x2xf32>) {
  // expected-error@+1 {{result quantized dimension 2 is out of range for rank 2}}
  %0 = qnn.quantize %x : tensor<2x2xf32> -> tensor<2x2x!quant.uniform<i8:f32:2, {0.5, 0.5}>>
  return
}

// -----

func.func @negative_scale_count_mismatch(%x: tensor<2x4xf32>) {
  // expected-error@+1 {{result has 3 scales but quantized dimension 0 has size 2}}
  %0 = qnn.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5}>>
  return
}

//===----------------------------------------------------------------------===//
// qnn.quantize / qnn.dequantize / qnn.requantize
//===----------------------------------------------------------------------===//

// -----

func.func @negative_quantize_fixed_point_rounding(%x: tensor<4xf32>) {
  // expected-error@+1 {{rounding mode 'double_round' applies only to qnn.requantize}}
  %0 = qnn.quantize %x rounding = double_round : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_quantize_f16_input(%x: tensor<4xf16>) {
  // expected-error@+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %0 = qnn.quantize %x : tensor<4xf16> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_quantize_shape_mismatch(%x: tensor<4xf32>) {
  // expected-error@+1 {{requires the same shape for all operands and results}}
  %0 = qnn.quantize %x : tensor<4xf32> -> tensor<5x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_dequantize_float_input(%x: tensor<4xf32>) {
  // expected-error@+1 {{operand #0 must be ranked tensor of uniform quantized type}}
  %0 = qnn.dequantize %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @negative_requantize_axes_differ(%x: tensor<2x2x!quant.uniform<i32:f32:0, {0.5, 0.5}>>) {
  // expected-error@+1 {{input and result are quantized along different dimensions (0 vs 1)}}
  %0 = qnn.requantize %x rounding = half_to_even : tensor<2x2x!quant.uniform<i32:f32:0, {0.5, 0.5}>> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.5}>>
  return
}

// -----

func.func @negative_requantize_scale_counts_differ(%x: tensor<?x4x!quant.uniform<i32:f32:0, {0.5, 0.5}>>) {
  // expected-error@+1 {{input has 2 scales but the result has 3}}
  %0 = qnn.requantize %x rounding = half_to_even : tensor<?x4x!quant.uniform<i32:f32:0, {0.5, 0.5}>> -> tensor<?x4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5}>>
  return
}

// -----

func.func @negative_requantize_ratio_too_large_double_round(%x: tensor<4x!quant.uniform<i32:f32, 1.0e10>>) {
  // expected-error@+1 {{scale ratio 1.000000e+10 is too large for 'double_round' (must be < 2^30)}}
  %0 = qnn.requantize %x rounding = double_round : tensor<4x!quant.uniform<i32:f32, 1.0e10>> -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

func.func @negative_requantize_ratio_too_large_single_round(%x: tensor<4x!quant.uniform<i32:f32, 1.0e9>>) {
  // expected-error@+1 {{scale ratio 1.000000e+09 is too large for 'single_round' (must be < 2^29)}}
  %0 = qnn.requantize %x rounding = single_round : tensor<4x!quant.uniform<i32:f32, 1.0e9>> -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

func.func @negative_requantize_ratio_too_large_tosa_double_round(%x: tensor<4x!quant.uniform<i32:f32, 1.0e9>>) {
  // expected-error@+1 {{scale ratio 1.000000e+09 is too large for 'tosa_double_round' (must be < 2^29)}}
  %0 = qnn.requantize %x rounding = tosa_double_round : tensor<4x!quant.uniform<i32:f32, 1.0e9>> -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

func.func @negative_requantize_ratio_overflows_binary32(%x: tensor<4x!quant.uniform<i32:f32, 1.0e30>>) {
  // expected-error@+1 {{scale ratio 1.000000e+60 overflows binary32}}
  %0 = qnn.requantize %x rounding = half_to_even : tensor<4x!quant.uniform<i32:f32, 1.0e30>> -> tensor<4x!quant.uniform<i8:f32, 1.0e-30>>
  return
}

//===----------------------------------------------------------------------===//
// qnn.matmul
//===----------------------------------------------------------------------===//

// -----

func.func @negative_matmul_lhs_per_axis(%a: tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.5}>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{lhs must be quantized per tensor}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.5}>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_lhs_rank(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{lhs must have rank 2 or 3, got 1}}
  %0 = qnn.matmul %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_rhs_rank(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{rhs must have rank 2 or 3, got 4}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_batched_rhs_unbatched_lhs(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<5x4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{a batched rhs needs a batched lhs}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<5x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_result_rank(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result rank 3 must equal the lhs rank 2}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_contraction_mismatch(%a: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %b: tensor<8x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{contraction sizes differ: lhs has 16 columns, rhs has 8 rows}}
  %0 = qnn.matmul %a, %b : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<8x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_batch_mismatch(%a: tensor<2x2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<3x4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{batch sizes differ: 2 vs 3}}
  %0 = qnn.matmul %a, %b : (tensor<2x2x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_result_shape(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result shape 'tensor<2x4x!quant.uniform<i32:f32, 2.500000e-01>>' does not match the operands' [batch x] M x N}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_rhs_axis_not_n(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5, 0.5}>>) {
  // expected-error@+1 {{rhs must be quantized per axis along its last (N) dimension, got dimension 0}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5, 0.5}>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_result_per_axis_for_per_tensor_weights(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result must be quantized per tensor like the weights}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i32:f32:1, {0.25, 0.25, 0.25}>>
  return
}

// -----

func.func @negative_matmul_result_scale(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error@+1 {{result scale 2.000000e-01 must equal the product of the input and weight scales, 1.250000e-01}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.2>>
  return
}

// -----

func.func @negative_matmul_result_per_tensor_for_per_axis_weights(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) {
  // expected-error@+1 {{result must be quantized per axis along dimension 1 like the per-channel weights}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) -> tensor<2x2x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_result_scale_count(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x?x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) {
  // expected-error@+1 {{result has 3 scales but the weights have 2}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x?x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) -> tensor<2x?x!quant.uniform<i32:f32:1, {0.25, 0.125, 0.125}>>
  return
}

// -----

func.func @negative_matmul_result_channel_scale(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) {
  // expected-error@+1 {{result scale 2.500000e-01 of channel 1 must equal the product of the input and weight scales, 1.250000e-01}}
  %0 = qnn.matmul %a, %b : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) -> tensor<2x2x!quant.uniform<i32:f32:1, {0.25, 0.25}>>
  return
}

// -----

func.func @negative_matmul_bias_shape(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>, %bias: tensor<4x!quant.uniform<i32:f32, 0.25>>) {
  // expected-error@+1 {{bias must be a 1-D tensor of 3 elements, got 'tensor<4x!quant.uniform<i32:f32, 2.500000e-01>>'}}
  %0 = qnn.matmul %a, %b bias(%bias) : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i32:f32, 0.25>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_bias_not_accumulator(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>, %bias: tensor<3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error@+1 {{bias must be an i32 accumulator, got storage of 8 bits}}
  %0 = qnn.matmul %a, %b bias(%bias) : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_matmul_bias_scale(%a: tensor<2x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x3x!quant.uniform<i8:f32, 0.5>>, %bias: tensor<3x!quant.uniform<i32:f32, 0.5>>) {
  // expected-error@+1 {{bias scale 5.000000e-01 must equal the product of the input and weight scales, 2.500000e-01}}
  %0 = qnn.matmul %a, %b bias(%bias) : (tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x!quant.uniform<i32:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i32:f32, 0.25>>
  return
}

//===----------------------------------------------------------------------===//
// qnn.conv2d
//===----------------------------------------------------------------------===//

// -----

func.func @negative_conv_rank(%x: tensor<8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{input, filter and result must have rank 4 (NHWC, HWCF, NHWC)}}
  %0 = qnn.conv2d %x, %w : (tensor<8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_input_per_axis(%x: tensor<1x8x8x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>>, %w: tensor<3x3x2x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{input must be quantized per tensor}}
  %0 = qnn.conv2d %x, %w : (tensor<1x8x8x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>>, tensor<3x3x2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_strides(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{strides must be two positive integers}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 0, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_dilations(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{dilations must be two positive integers}}
  %0 = qnn.conv2d %x, %w {dilations = array<i64: 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_padding(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{padding must be four non-negative integers [top, bottom, left, right]}}
  %0 = qnn.conv2d %x, %w {padding = array<i64: 1, 1, -1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_groups_zero(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{groups must be positive, got 0}}
  %0 = qnn.conv2d %x, %w {groups = 0} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_groups_input_channels(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x1x6x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{groups 3 does not divide the input channels 4}}
  %0 = qnn.conv2d %x, %w {groups = 3} : (tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x1x6x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x6x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_groups_output_channels(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x2x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{groups 2 does not divide the filter's output channels 3}}
  %0 = qnn.conv2d %x, %w {groups = 2} : (tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x3x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_filter_channels(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{filter has 4 input channels per group, expected 2}}
  %0 = qnn.conv2d %x, %w {groups = 2} : (tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_filter_too_large(%x: tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{the dilated filter is larger than the padded input}}
  %0 = qnn.conv2d %x, %w {dilations = array<i64: 2, 2>} : (tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_result_shape(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result shape 'tensor<1x8x8x4x!quant.uniform<i32:f32, 2.500000e-01>>' does not match [N, OH, OW, F] = [1, 6, 6, 4]}}
  %0 = qnn.conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x8x8x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_filter_axis(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5}>>) {
  // expected-error@+1 {{filter must be quantized per axis along its output channels (dimension 3), got dimension 0}}
  %0 = qnn.conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5}>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

func.func @negative_conv_result_scale(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result scale 5.000000e-01 must equal the product of the input and weight scales, 2.500000e-01}}
  %0 = qnn.conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.5>>
  return
}

// -----

func.func @negative_conv_bias_shape(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<3x!quant.uniform<i32:f32, 0.25>>) {
  // expected-error@+1 {{bias must be a 1-D tensor of 4 elements}}
  %0 = qnn.conv2d %x, %w bias(%b) : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x!quant.uniform<i32:f32, 0.25>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.25>>
  return
}

//===----------------------------------------------------------------------===//
// qnn.add / qnn.clamp
//===----------------------------------------------------------------------===//

// -----

func.func @negative_add_per_axis(%a: tensor<2x!quant.uniform<i8:f32:0, {0.5, 0.5}>>, %b: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{lhs must be quantized per tensor}}
  %0 = qnn.add %a, %b : tensor<2x!quant.uniform<i8:f32:0, {0.5, 0.5}>>, tensor<2x!quant.uniform<i8:f32, 0.5>> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_add_accumulator(%a: tensor<2x!quant.uniform<i32:f32, 0.5>>, %b: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{lhs storage width must be in [2, 16] bits, got 32}}
  %0 = qnn.add %a, %b : tensor<2x!quant.uniform<i32:f32, 0.5>>, tensor<2x!quant.uniform<i8:f32, 0.5>> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_add_fixed_point_rounding(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{rounding mode 'single_round' applies only to qnn.requantize}}
  %0 = qnn.add %a, %a rounding = single_round : tensor<2x!quant.uniform<i8:f32, 0.5>>, tensor<2x!quant.uniform<i8:f32, 0.5>> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_add_shapes(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>, %b: tensor<3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{requires the same shape for all operands and results}}
  %0 = qnn.add %a, %b : tensor<2x!quant.uniform<i8:f32, 0.5>>, tensor<3x!quant.uniform<i8:f32, 0.5>> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_clamp_min_above_max(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{min 5 is greater than max 3}}
  %0 = qnn.clamp %a min = 5, max = 3 : tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_clamp_outside_storage(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{bounds [-200, 127] are outside the storage range [-128, 127]}}
  %0 = qnn.clamp %a min = -200, max = 127 : tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

//===----------------------------------------------------------------------===//
// qnn.stats
//===----------------------------------------------------------------------===//

// -----

func.func @negative_stats_count_mismatch(%x: tensor<4xf32>) {
  // expected-error@+1 {{has 1 minima but 2 maxima}}
  %0 = qnn.stats %x min = [0.0], max = [1.0, 2.0] : tensor<4xf32>
  return
}

// -----

func.func @negative_stats_axis_out_of_range(%x: tensor<4x2xf32>) {
  // expected-error@+1 {{axis 2 is out of range for rank 2}}
  %0 = qnn.stats %x axis = 2 min = [0.0, 0.0], max = [1.0, 1.0] : tensor<4x2xf32>
  return
}

// -----

func.func @negative_stats_axis_size(%x: tensor<4x2xf32>) {
  // expected-error@+1 {{has 3 ranges but dimension 1 has size 2}}
  %0 = qnn.stats %x axis = 1 min = [0.0, 0.0, 0.0], max = [1.0, 1.0, 1.0] : tensor<4x2xf32>
  return
}

// -----

func.func @negative_stats_several_ranges_without_axis(%x: tensor<4x2xf32>) {
  // expected-error@+1 {{needs exactly one range without an axis, got 2}}
  %0 = qnn.stats %x min = [0.0, 0.0], max = [1.0, 1.0] : tensor<4x2xf32>
  return
}

// -----

func.func @negative_stats_not_finite(%x: tensor<4xf32>) {
  // expected-error@+1 {{range 0 is not finite}}
  %0 = qnn.stats %x min = [0.0], max = [0x7FF0000000000000] : tensor<4xf32>
  return
}

// -----

func.func @negative_stats_min_above_max(%x: tensor<4xf32>) {
  // expected-error@+1 {{range 0 has min 2.000000e+00 greater than max 1.000000e+00}}
  %0 = qnn.stats %x min = [2.0], max = [1.0] : tensor<4xf32>
  return
}

//===----------------------------------------------------------------------===//
// qnn.max_pool2d
//===----------------------------------------------------------------------===//

func.func @negative_max_pool_changes_type(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result element type '!quant.uniform<i8:f32, 2.500000e-01>' must be the input's, '!quant.uniform<i8:f32, 5.000000e-01>'}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

func.func @negative_max_pool_rank(%x: tensor<4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{input and result must have rank 4 (NHWC)}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<3x3x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_max_pool_kernel(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{kernel must be two positive integers [KH, KW]}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 0, 2>} : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x3x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_max_pool_strides(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{strides must be two positive integers}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 0, 1>} : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_max_pool_padding(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{padding must be four non-negative integers [top, bottom, left, right]}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_max_pool_shape(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result shape 'tensor<1x3x3x1x!quant.uniform<i8:f32, 5.000000e-01>>' does not match [N, OH, OW, C] = [1, 2, 2, 1]}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_max_pool_too_large(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{the dilated kernel is larger than the padded input}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 3, 3>} : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_max_pool_axis(%x: tensor<1x2x2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) {
  // expected-error@+1 {{input must be quantized per tensor or per channel (dimension 3), got dimension 1}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 1, 1>} : tensor<1x2x2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>> -> tensor<1x2x2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
  return
}

// -----

// Dilated taps at rows -1 and 4 of a 3-row input.
func.func @negative_max_pool_window_of_padding(%x: tensor<1x3x1x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{a window reads only padding; every window must hold an input element}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 1>, dilations = array<i64: 5, 1>, padding = array<i64: 1, 2, 0, 0>} : tensor<1x3x1x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_max_pool_float(%x: tensor<1x2x2x1xf32>) {
  // expected-error@+1 {{must be ranked tensor of}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 1, 1>} : tensor<1x2x2x1xf32> -> tensor<1x2x2x1xf32>
  return
}

// -----

func.func @negative_avg_pool_padding_as_large_as_kernel(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{a window reads only padding; every window must hold an input element}}
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, padding = array<i64: 0, 2, 0, 0>} : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x5x3x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_avg_pool_fixed_point_rounding(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{rounding mode 'double_round' applies only to qnn.requantize}}
  %0 = qnn.avg_pool2d %x rounding = double_round {kernel = array<i64: 2, 2>} : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @negative_avg_pool_shape(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{result shape 'tensor<1x4x4x1x!quant.uniform<i8:f32, 5.000000e-01>>' does not match [N, OH, OW, C] = [1, 3, 3, 1]}}
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>} : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.pruned and the sparsity patterns
//===----------------------------------------------------------------------===//

// -----

#CSR = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>
func.func @negative_pruned_sparse_input(%w: tensor<4x4xi8, #CSR>) {
  // expected-error@+1 {{input must be a dense tensor (no encoding)}}
  %0 = qnn.pruned %w pattern(#qnn.unstructured) : tensor<4x4xi8, #CSR> -> tensor<4x4xi8, #CSR>
  return
}

// -----

func.func @negative_pruned_type_change(%w: tensor<4x4xi8>) {
  // expected-error@+1 {{result 'tensor<4x4xi16>' must have the input's shape and element type}}
  %0 = qnn.pruned %w pattern(#qnn.unstructured) : tensor<4x4xi8> -> tensor<4x4xi16>
  return
}

// -----

func.func @negative_pruned_scalar(%w: tensor<i8>) {
  // expected-error@+1 {{a sparsity pattern needs a tensor of rank >= 1}}
  %0 = qnn.pruned %w pattern(#qnn.unstructured) : tensor<i8> -> tensor<i8>
  return
}

// -----

func.func @negative_pruned_n_of_m_axis(%w: tensor<4x4xi8>) {
  // expected-error@+1 {{pattern axis 2 is out of range for rank 2}}
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 2>) : tensor<4x4xi8> -> tensor<4x4xi8>
  return
}

// -----

func.func @negative_pruned_channel_axis(%w: tensor<4x4xi8>) {
  // expected-error@+1 {{pattern axis 3 is out of range for rank 2}}
  %0 = qnn.pruned %w pattern(#qnn.channel<axis = 3>) : tensor<4x4xi8> -> tensor<4x4xi8>
  return
}

// -----

func.func @negative_pruned_n_of_m_size(%w: tensor<4x6xi8>) {
  // expected-error@+1 {{dimension 1 of size 6 is not a multiple of m = 4}}
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 1>) : tensor<4x6xi8> -> tensor<4x6xi8>
  return
}

// -----

func.func @negative_pruned_block_rank(%w: tensor<16x8xi8>) {
  // expected-error@+1 {{block rank 1 does not match tensor rank 2}}
  %0 = qnn.pruned %w pattern(#qnn.block<[4]>) : tensor<16x8xi8> -> tensor<16x8xi8>
  return
}

// -----

func.func @negative_pruned_block_divides(%w: tensor<16x8xi8>) {
  // expected-error@+1 {{block size 3 does not divide dimension 0 of size 16}}
  %0 = qnn.pruned %w pattern(#qnn.block<[3, 2]>) : tensor<16x8xi8> -> tensor<16x8xi8>
  return
}

// -----

#CSR = #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>
func.func @negative_pruned_wrong_storage(%w: tensor<16x8xi8>) {
  // expected-error@+1 {{does not store #qnn.n_of_m<n = 2, m = 4, axis = 0>; expected #sparse_tensor.encoding<{ map = (d0, d1) -> (d1 : dense, d0 floordiv 4 : dense, d0 mod 4 : structured[2, 4]) }>}}
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 0>) : tensor<16x8xi8> -> tensor<16x8xi8, #CSR>
  return
}

// -----

func.func @negative_pruned_constant_breaks_pattern() {
  %w = arith.constant dense<[[1, 0, 2, 0], [1, 0, 2, 3]]> : tensor<2x4xi8>
  // expected-error@+1 {{constant input breaks #qnn.n_of_m<n = 2, m = 4, axis = 1>: element [1, 3] is one non-zero too many}}
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 1>) : tensor<2x4xi8> -> tensor<2x4xi8>
  return
}

// -----

func.func @negative_pruned_quantized_constant_breaks_pattern() {
  %w = qnn.constant dense<[[1, 0], [1, 5]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  // expected-error@+1 {{constant input breaks #qnn.n_of_m<n = 1, m = 2, axis = 0>: element [1, 0] is one non-zero too many}}
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 1, m = 2, axis = 0>) : tensor<2x2x!quant.uniform<i8:f32, 0.5>> -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// A quantized weight's zero is its zero point (3): stored 3s are zeros,
// stored 0s are not.
func.func @negative_pruned_asymmetric_constant_breaks_pattern() {
  %w = qnn.constant dense<[[3, 0], [3, 5]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 0.5:3>>
  // expected-error@+1 {{constant input breaks #qnn.n_of_m<n = 1, m = 2, axis = 0>: element [1, 1] is one non-zero too many}}
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 1, m = 2, axis = 0>) : tensor<2x2x!quant.uniform<i8:f32, 0.5:3>> -> tensor<2x2x!quant.uniform<i8:f32, 0.5:3>>
  return
}

// -----

// Per channel: column 1's zero point is -2, so its stored 0 is not zero.
func.func @negative_pruned_per_channel_constant_breaks_pattern() {
  %w = qnn.constant dense<[[0, 0], [0, 1]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5:0, 0.5:-2}>>
  // expected-error@+1 {{constant input breaks #qnn.n_of_m<n = 1, m = 2, axis = 0>: element [1, 1] is one non-zero too many}}
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 1, m = 2, axis = 0>) : tensor<2x2x!quant.uniform<i8:f32:1, {0.5:0, 0.5:-2}>> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5:0, 0.5:-2}>>
  %1 = qnn.constant dense<[[0, -2], [1, -2]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5:0, 0.5:-2}>>
  %2 = qnn.pruned %1 pattern(#qnn.n_of_m<n = 1, m = 2, axis = 0>) : tensor<2x2x!quant.uniform<i8:f32:1, {0.5:0, 0.5:-2}>> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5:0, 0.5:-2}>>
  return
}

// -----

// Packed storage is read value by value: [1, 0, 2, 3] as i4.
func.func @negative_pruned_packed_constant_breaks_pattern() {
  %w = qnn.constant packed dense<[1, 50]> : tensor<2xui8> -> tensor<4x!quant.uniform<i4:f32, 0.5>>
  // expected-error@+1 {{constant input breaks #qnn.n_of_m<n = 2, m = 4, axis = 0>: element [3] is one non-zero too many}}
  %0 = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 0>) : tensor<4x!quant.uniform<i4:f32, 0.5>> -> tensor<4x!quant.uniform<i4:f32, 0.5>>
  return
}

// -----

// expected-error@+1 {{n:m pattern needs n >= 1, got 0}}
func.func private @negative_n_of_m_zero() attributes {p = #qnn.n_of_m<n = 0, m = 4, axis = 0>}

// -----

// expected-error@+1 {{n:m pattern needs n < m, got 4:4}}
func.func private @negative_n_of_m_n_equals_m() attributes {p = #qnn.n_of_m<n = 4, m = 4, axis = 0>}

// -----

// expected-error@+1 {{n:m pattern needs m <= 64, got 128}}
func.func private @negative_n_of_m_large_m() attributes {p = #qnn.n_of_m<n = 2, m = 128, axis = 0>}

// -----

// expected-error@+1 {{n:m pattern axis must be non-negative, got -1}}
func.func private @negative_n_of_m_negative_axis() attributes {p = #qnn.n_of_m<n = 2, m = 4, axis = -1>}

// -----

// An empty block shape cannot be written (the parser needs one size); the
// rule is tested in unittests/DialectTest.cpp.

// -----

// expected-error@+1 {{block sizes must be positive, got 0}}
func.func private @negative_block_zero() attributes {p = #qnn.block<[4, 0]>}

// -----

// expected-error@+1 {{channel pattern axis must be non-negative, got -1}}
func.func private @negative_channel_negative_axis() attributes {p = #qnn.channel<axis = -1>}

//===----------------------------------------------------------------------===//
// qnn.codebook_lookup
//===----------------------------------------------------------------------===//

// -----

func.func @negative_codebook_index_width(%i: tensor<4xi16>, %t: tensor<65536xf32>) {
  // expected-error@+1 {{index width must be in [1, 8] bits, got 16}}
  %0 = qnn.codebook_lookup %i, %t : tensor<4xi16>, tensor<65536xf32> -> tensor<4xf32>
  return
}

// -----

func.func @negative_codebook_result_shape(%i: tensor<4xi2>, %t: tensor<4xf32>) {
  // expected-error@+1 {{result shape must equal the indices' shape}}
  %0 = qnn.codebook_lookup %i, %t : tensor<4xi2>, tensor<4xf32> -> tensor<5xf32>
  return
}

// -----

func.func @negative_codebook_result_type(%i: tensor<4xi2>, %t: tensor<4xf32>) {
  // expected-error@+1 {{result element type must be 'f32' (the centroids' element type)}}
  %0 = qnn.codebook_lookup %i, %t : tensor<4xi2>, tensor<4xf32> -> tensor<4xf16>
  return
}

// -----

func.func @negative_codebook_per_axis_quantized_table(%i: tensor<4xi1>, %t: tensor<2x!quant.uniform<i8:f32:0, {0.5, 0.5}>>) {
  // expected-error@+1 {{per-axis quantized centroids need `axis` and must be quantized along their rows (dimension 0)}}
  %0 = qnn.codebook_lookup %i, %t : tensor<4xi1>, tensor<2x!quant.uniform<i8:f32:0, {0.5, 0.5}>> -> tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.5}>>
  return
}

// -----

func.func @negative_codebook_table_quantized_along_entries(%i: tensor<4x2xi1>, %t: tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.5}>>) {
  // expected-error@+1 {{per-axis quantized centroids need `axis` and must be quantized along their rows (dimension 0)}}
  %0 = qnn.codebook_lookup %i, %t axis = 1 : tensor<4x2xi1>, tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.5}>> -> tensor<4x2x!quant.uniform<i8:f32:1, {0.5, 0.5}>>
  return
}

// -----

func.func @negative_codebook_per_row_result_axis(%i: tensor<4x2xi1>, %t: tensor<2x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) {
  // expected-error@+1 {{result element type must be '!quant.uniform<i8:f32:1, {5.000000e-01,2.500000e-01}>' (the centroids' element type, quantized along `axis`)}}
  %0 = qnn.codebook_lookup %i, %t axis = 1 : tensor<4x2xi1>, tensor<2x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<4x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  return
}

// -----

func.func @negative_codebook_integer_table(%i: tensor<4xi1>, %t: tensor<2xi8>) {
  // expected-error@+1 {{centroids must have a uniform quantized element type}}
  %0 = qnn.codebook_lookup %i, %t : tensor<4xi1>, tensor<2xi8> -> tensor<4xi8>
  return
}

// -----

func.func @negative_codebook_axis_range(%i: tensor<4x2xi1>, %t: tensor<2x2xf32>) {
  // expected-error@+1 {{axis 2 is out of range for rank 2}}
  %0 = qnn.codebook_lookup %i, %t axis = 2 : tensor<4x2xi1>, tensor<2x2xf32> -> tensor<4x2xf32>
  return
}

// -----

func.func @negative_codebook_per_axis_rank(%i: tensor<4x2xi1>, %t: tensor<2xf32>) {
  // expected-error@+1 {{per-axis centroids must have rank 2 [channels, entries]}}
  %0 = qnn.codebook_lookup %i, %t axis = 1 : tensor<4x2xi1>, tensor<2xf32> -> tensor<4x2xf32>
  return
}

// -----

func.func @negative_codebook_rows(%i: tensor<4x8xi1>, %t: tensor<4x2xf32>) {
  // expected-error@+1 {{has 4 centroid rows but dimension 1 has size 8}}
  %0 = qnn.codebook_lookup %i, %t axis = 1 : tensor<4x8xi1>, tensor<4x2xf32> -> tensor<4x8xf32>
  return
}

// -----

func.func @negative_codebook_per_tensor_rank(%i: tensor<4x2xi1>, %t: tensor<2x2xf32>) {
  // expected-error@+1 {{centroids must have rank 1 without an axis}}
  %0 = qnn.codebook_lookup %i, %t : tensor<4x2xi1>, tensor<2x2xf32> -> tensor<4x2xf32>
  return
}

// -----

func.func @negative_codebook_size(%i: tensor<4xi4>, %t: tensor<8xf32>) {
  // expected-error@+1 {{codebook of 4-bit indices needs 16 centroids per row, got 8}}
  %0 = qnn.codebook_lookup %i, %t : tensor<4xi4>, tensor<8xf32> -> tensor<4xf32>
  return
}

// -----

func.func @negative_layer_name_empty(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.layer' must be a non-empty string, got ""}}
  %0 = arith.negf %a {qnn.layer = ""} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_layer_name_type(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.layer' must be a non-empty string, got 3 : i64}}
  %0 = arith.negf %a {qnn.layer = 3} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_sqnr_f32(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.sqnr' must be an f64 SQNR in dB (not NaN), got 4.000000e+01 : f32}}
  %0 = arith.negf %a {qnn.sqnr = 40.0 : f32} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_sqnr_nan(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.sqnr' must be an f64 SQNR in dB (not NaN)}}
  %0 = arith.negf %a {qnn.sqnr = 0x7FF8000000000000 : f64} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// expected-error@+1 {{'qnn.output_sqnr' must be an f64 SQNR in dB (not NaN), got "high"}}
func.func @negative_output_sqnr_type() attributes {qnn.output_sqnr = "high"} {
  return
}

// -----

func.func @negative_output_sqnr_not_function(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.output_sqnr' belongs on a function}}
  %0 = arith.negf %a {qnn.output_sqnr = 30.0 : f64} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// expected-error@+1 {{'qnn.signature' must be a string holding a function type, got "tensor<2xf32>"}}
func.func @negative_signature_not_function_type() attributes {qnn.signature = "tensor<2xf32>"} {
  return
}

// -----

func.func @negative_signature_not_on_function(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.signature' belongs on a function}}
  %0 = arith.negf %a {qnn.signature = "() -> ()"} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_vector_sizes_type(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.vector_sizes' must be an i64 array, got [4, 16]}}
  %0 = arith.negf %a {qnn.vector_sizes = [4, 16]} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_vectorize_type(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.vectorize' must be a string, got unit}}
  %0 = arith.negf %a {qnn.vectorize} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_kernel_not_on_matmul(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.kernel' belongs on a linalg.matmul, linalg.conv_2d_nhwc_hwcf or linalg.depthwise_conv_2d_nhwc_hwc}}
  %0 = arith.negf %a {qnn.kernel = "avx512-vnni"} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_kernel_unknown(%a: tensor<2x4xi8>, %b: tensor<4x3xi8>, %c: tensor<2x3xi32>) -> tensor<2x3xi32> {
  // expected-error@+1 {{'qnn.kernel' must be "avx512-vnni-vbmi", "avx512-vnni", "avx-vnni" or "avx2", got "sse"}}
  %0 = linalg.matmul {qnn.kernel = "sse"} ins(%a, %b : tensor<2x4xi8>, tensor<4x3xi8>) outs(%c : tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @negative_kernel_part_unknown(%b: tensor<3xi32>, %c: tensor<2x3xi32>) -> tensor<2x3xi32> {
  // expected-error@+1 {{'qnn.kernel_part' must be "init" or "epilogue", got "prologue"}}
  %0 = linalg.broadcast ins(%b : tensor<3xi32>) outs(%c : tensor<2x3xi32>) dimensions = [0] {qnn.kernel_part = "prologue"}
  return %0 : tensor<2x3xi32>
}

// -----

func.func @negative_kernel_part_init_on_generic(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'qnn.kernel_part' = "init" belongs on a linalg.broadcast or linalg.fill}}
  %0 = arith.negf %a {qnn.kernel_part = "init"} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @negative_kernel_part_epilogue_on_fill(%c: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %z = arith.constant 0 : i32
  // expected-error@+1 {{'qnn.kernel_part' = "epilogue" belongs on a linalg.generic}}
  %0 = linalg.fill {qnn.kernel_part = "epilogue"} ins(%z : i32) outs(%c : tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @negative_unknown_attribute(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{unknown qnn attribute 'qnn.layers'}}
  %0 = arith.negf %a {qnn.layers = "fc1"} : tensor<2xf32>
  return %0 : tensor<2xf32>
}
