// RUN: qnn-opt %s --split-input-file --qnn-check-tosa-input --verify-diagnostics | FileCheck %s
// The passes and pipeline that convert TOSA check first, instead of
// letting upstream's tosa-to-linalg abort the compiler.
// RUN: not qnn-opt %s --split-input-file --quantize -o /dev/null 2>&1 | FileCheck %s --check-prefix=STOP
// RUN: not qnn-opt %s --split-input-file --qnn-to-llvm -o /dev/null 2>&1 | FileCheck %s --check-prefix=STOP
// RUN: not qnn-opt %s --split-input-file --qnn-tosa-to-linalg -o /dev/null 2>&1 | FileCheck %s --check-prefix=STOP
// STOP: error: 'tosa.matmul' op on quantized element types (!quant.uniform) cannot be converted
// STOP: error: 'tosa.const' op on quantized element types (!quant.uniform) cannot be converted

/// Float TOSA and TOSA integer ops with explicit zero points pass.
// CHECK-LABEL: func.func @float_and_integer_tosa
// CHECK:         tosa.matmul
// CHECK:         tosa.add
func.func @float_and_integer_tosa(%a: tensor<1x4x8xi8>, %b: tensor<1x8x2xi8>, %x: tensor<1x4xf32>) -> (tensor<1x4x2xi32>, tensor<1x4xf32>) {
  %zp = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x8xi8>, tensor<1x8x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  %1 = tosa.add %x, %x : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  return %0, %1 : tensor<1x4x2xi32>, tensor<1x4xf32>
}

// -----

/// TOSA on !quant.uniform element types (from an older exporter).
func.func @negative_quantized_tosa(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5:3>>, %b: tensor<1x8x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x2x!quant.uniform<i32:f32, 0.125>> {
  %azp = "tosa.const"() {values = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %bzp = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  // expected-error@+1 {{'tosa.matmul' op on quantized element types (!quant.uniform) cannot be converted: upstream's tosa-to-linalg takes TOSA integer ops with explicit zero points, and qnn does not raise this form into qnn ops yet}}
  %0 = tosa.matmul %a, %b, %azp, %bzp : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5:3>>, tensor<1x8x2x!quant.uniform<i8:f32, 0.25>>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2x!quant.uniform<i32:f32, 0.125>>
  return %0 : tensor<1x4x2x!quant.uniform<i32:f32, 0.125>>
}

// -----

/// A quantized constant is reported too (it comes first).
func.func @negative_quantized_tosa_const() -> tensor<3x!quant.uniform<i8:f32, 0.25>> {
  // expected-error@+1 {{'tosa.const' op on quantized element types}}
  %w = "tosa.const"() {values = dense<1> : tensor<3xi8>} : () -> tensor<3x!quant.uniform<i8:f32, 0.25>>
  return %w : tensor<3x!quant.uniform<i8:f32, 0.25>>
}
