// A quantized layer for ahead-of-time compilation: int8 activations,
// per-channel int8 weights with an int32 bias, a TFLite-style fixed-point
// requantization, ReLU, and float at both ends.
//
//   qnn-opt --qnn-to-llvm model.mlir | mlir-translate --mlir-to-llvmir > model.ll
//   clang-22 -O3 -c model.ll -o model.o && clang-22 main.c model.o -o classify

!x = !quant.uniform<i8:f32, 0.05:-10>
!w = !quant.uniform<i8<-127:127>:f32:1, {0.02, 0.01, 0.04}>
!acc = !quant.uniform<i32:f32:1, {0.001, 0.0005, 0.002}>
!y = !quant.uniform<i8:f32, 0.1:-128>

func.func @classify(%input: tensor<?x4xf32>) -> tensor<?x3xf32> {
  %x = qnn.quantize %input : tensor<?x4xf32> -> tensor<?x4x!x>
  %w = qnn.constant dense<[[100, -50, 10], [-20, 127, 0], [30, 30, -127], [0, -60, 90]]>
         : tensor<4x3xi8> -> tensor<4x3x!w>
  %b = qnn.constant dense<[500, -1000, 250]> : tensor<3xi32>
         -> tensor<3x!quant.uniform<i32:f32:0, {0.001, 0.0005, 0.002}>>
  %acc = qnn.matmul %x, %w bias(%b)
      : (tensor<?x4x!x>, tensor<4x3x!w>, tensor<3x!quant.uniform<i32:f32:0, {0.001, 0.0005, 0.002}>>)
      -> tensor<?x3x!acc>
  %r = qnn.requantize %acc rounding = double_round : tensor<?x3x!acc> -> tensor<?x3x!y>
  %relu = qnn.clamp %r min = -128, max = 127 : tensor<?x3x!y>
  %out = qnn.dequantize %relu : tensor<?x3x!y> -> tensor<?x3xf32>
  return %out : tensor<?x3xf32>
}
