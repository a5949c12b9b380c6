// An entry whose static batch is 0: no sample can run through it.
func.func @forward(%x: tensor<0x3xf32>) -> tensor<0x2xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<0x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<0x2xf32>) -> tensor<0x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<0x3xf32>, tensor<3x2xf32>) outs(%init : tensor<0x2xf32>) -> tensor<0x2xf32>
  return %y : tensor<0x2xf32>
}
