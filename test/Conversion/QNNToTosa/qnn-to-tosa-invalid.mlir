// RUN: qnn-opt %s --split-input-file --convert-qnn-to-tosa --verify-diagnostics

// What TOSA cannot express exactly is an error naming the op.

func.func @float_boundary(%f: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error@+1 {{'qnn.quantize' op cannot be exported to TOSA: it converts between float and integers}}
  %q = qnn.quantize %f : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

func.func @float_rounding(%acc: tensor<4x!quant.uniform<i32:f32, 0.001>>) -> tensor<4x!quant.uniform<i8:f32, 0.05>> {
  // expected-error@+1 {{'qnn.requantize' op cannot be exported to TOSA: rounding 'half_to_even' is not TOSA's: tosa.rescale rounds as 'single_round' or 'tosa_double_round' (quantize with rounding=single_round or rounding=tosa_double_round)}}
  %r = qnn.requantize %acc rounding = half_to_even : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i8:f32, 0.05>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.05>>
}

// -----

func.func @tflite_rounding(%acc: tensor<4x!quant.uniform<i32:f32, 0.001>>) -> tensor<4x!quant.uniform<i8:f32, 0.05>> {
  // expected-error@+1 {{rounding 'double_round' is not TOSA's}}
  %r = qnn.requantize %acc rounding = double_round : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i8:f32, 0.05>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.05>>
}

// -----

func.func @weight_zero_points(%x: tensor<1x2x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x2x!quant.uniform<i32:f32:1, {0.5, 0.25}>> {
  %w = qnn.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:2}>>
  // expected-error@+1 {{'qnn.matmul' op cannot be exported to TOSA: per-channel weight zero points (TOSA has one)}}
  %acc = qnn.matmul %x, %w : (tensor<1x2x!quant.uniform<i8:f32, 1.0>>, tensor<2x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:2}>>) -> tensor<1x2x!quant.uniform<i32:f32:1, {0.5, 0.25}>>
  return %acc : tensor<1x2x!quant.uniform<i32:f32:1, {0.5, 0.25}>>
}

// -----

func.func @grouped(%x: tensor<1x1x1x4x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x1x2x!quant.uniform<i32:f32, 0.5>> {
  %w = qnn.constant dense<1> : tensor<1x1x2x2xi8> -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5>>
  // expected-error@+1 {{'qnn.conv2d' op cannot be exported to TOSA: a grouped convolution (groups = 2) that is not depthwise}}
  %acc = qnn.conv2d %x, %w {groups = 2 : i64} : (tensor<1x1x1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x1x2x!quant.uniform<i32:f32, 0.5>>
  return %acc : tensor<1x1x1x2x!quant.uniform<i32:f32, 0.5>>
}

// -----

func.func @add(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  // expected-error@+1 {{'qnn.add' op cannot be exported to TOSA: it rounds a binary32 sum}}
  %c = qnn.add %a, %b : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %c : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

func.func @sub_byte() -> tensor<2x2x!quant.uniform<i4:f32, 0.5>> {
  // expected-error@+1 {{'qnn.constant' op cannot be exported to TOSA: sub-byte storage has no TOSA form in the integer profile}}
  %w = qnn.constant packed dense<[225, 115]> : tensor<2xui8> -> tensor<2x2x!quant.uniform<i4:f32, 0.5>>
  return %w : tensor<2x2x!quant.uniform<i4:f32, 0.5>>
}

// -----

func.func @dilated_pool(%x: tensor<1x5x5x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>> {
  // expected-error@+1 {{'qnn.max_pool2d' op cannot be exported to TOSA: dilated pooling windows}}
  %p = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, dilations = array<i64: 2, 2>} : tensor<1x5x5x1x!quant.uniform<i8:f32, 0.5>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  return %p : tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

func.func @unsigned_pool(%x: tensor<1x2x2x1x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.5:128>> {
  // expected-error@+1 {{'qnn.max_pool2d' op cannot be exported to TOSA: unsigned storage}}
  %p = qnn.max_pool2d %x {kernel = array<i64: 2, 2>} : tensor<1x2x2x1x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.5:128>>
  return %p : tensor<1x1x1x1x!quant.uniform<u8:f32, 0.5:128>>
}

// -----

func.func @i16_zero_point(%acc: tensor<4x!quant.uniform<i32:f32, 0.001>>) -> tensor<4x!quant.uniform<i16:f32, 0.05:100>> {
  // expected-error@+1 {{'qnn.requantize' op cannot be exported to TOSA: an i16 or i32 value with a zero point other than 0 (TOSA allows zero points on i8 only)}}
  %r = qnn.requantize %acc rounding = single_round : tensor<4x!quant.uniform<i32:f32, 0.001>> -> tensor<4x!quant.uniform<i16:f32, 0.05:100>>
  return %r : tensor<4x!quant.uniform<i16:f32, 0.05:100>>
}

// -----

func.func @windows_before_the_input(%x: tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0:3>>) -> tensor<1x2x1x1x!quant.uniform<i32:f32, 0.5>> {
  %w = qnn.constant dense<2> : tensor<1x1x1x1xi8> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
  // expected-error@+1 {{'qnn.conv2d' op cannot be exported to TOSA: windows that TOSA cannot size exactly without cropping the whole input}}
  %acc = qnn.conv2d %x, %w {strides = array<i64: 2, 1>, padding = array<i64: 3, 0, 0, 0>} : (tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0:3>>, tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x1x1x!quant.uniform<i32:f32, 0.5>>
  return %acc : tensor<1x2x1x1x!quant.uniform<i32:f32, 0.5>>
}
