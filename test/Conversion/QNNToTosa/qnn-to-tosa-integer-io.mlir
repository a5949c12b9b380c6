// RUN: qnn-opt %s --convert-qnn-to-tosa=integer-io | FileCheck %s

// A linear layer: rows and weights become batch-1 operands of tosa.matmul,
// the bias a broadcast add. With integer-io the quantize of the argument
// and the dequantize of the result leave the function, which takes and
// returns int8 and records each quantized type.
// CHECK-LABEL: func.func @linear
// CHECK-SAME: (%{{.*}}: tensor<1x3xi8> {qnn.quantized_type = tensor<1x3x!quant.uniform<i8:f32, 1.000000e-01:5>>}) -> (tensor<1x2xi8> {qnn.quantized_type = tensor<1x2x!quant.uniform<i8:f32, 2.000000e-01:-1>>})
// CHECK-NOT: qnn.
// CHECK-DAG: tosa.reshape %{{.*}} -> tensor<1x1x3xi8>
// CHECK-DAG: tosa.reshape %{{.*}} -> tensor<1x3x2xi8>
// CHECK: %[[C:.*]] = tosa.matmul %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x1x3xi8>, tensor<1x3x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x1x2xi32>
// CHECK: tosa.add %[[C]], %{{.*}} : (tensor<1x1x2xi32>, tensor<1x1x2xi32>) -> tensor<1x1x2xi32>
// CHECK: return
!x = !quant.uniform<i8:f32, 0.1:5>
!w = !quant.uniform<i8:f32, 0.5>
!acc = !quant.uniform<i32:f32, 0.05>
!y = !quant.uniform<i8:f32, 0.2:-1>
func.func @linear(%f: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %x = qnn.quantize %f : tensor<1x3xf32> -> tensor<1x3x!x>
  %w = qnn.constant dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> -> tensor<3x2x!w>
  %b = qnn.constant dense<[7, -7]> : tensor<2xi32> -> tensor<2x!acc>
  %acc = qnn.matmul %x, %w bias(%b) : (tensor<1x3x!x>, tensor<3x2x!w>, tensor<2x!acc>) -> tensor<1x2x!acc>
  %y = qnn.requantize %acc rounding = single_round : tensor<1x2x!acc> -> tensor<1x2x!y>
  %d = qnn.dequantize %y : tensor<1x2x!y> -> tensor<1x2xf32>
  return %d : tensor<1x2xf32>
}
