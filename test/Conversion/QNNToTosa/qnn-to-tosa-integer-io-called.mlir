// A function something calls keeps its signature (and its float boundary,
// which is then an error naming the quantize).
// RUN: not qnn-opt %s --convert-qnn-to-tosa=integer-io 2>&1 | FileCheck %s
// CHECK: error: 'qnn.quantize' op cannot be exported to TOSA
!x = !quant.uniform<i8:f32, 0.1:5>
!y = !quant.uniform<i8:f32, 0.2:-1>
func.func private @helper(%f: tensor<1x3xf32>) -> tensor<1x3xf32> {
  %x = qnn.quantize %f : tensor<1x3xf32> -> tensor<1x3x!x>
  %y = qnn.requantize %x rounding = single_round : tensor<1x3x!x> -> tensor<1x3x!y>
  %d = qnn.dequantize %y : tensor<1x3x!y> -> tensor<1x3xf32>
  return %d : tensor<1x3xf32>
}
func.func @main(%f: tensor<1x3xf32>) -> tensor<1x3xf32> {
  %r = func.call @helper(%f) : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %r : tensor<1x3xf32>
}
