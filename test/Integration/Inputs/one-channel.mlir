// A layer with a single output channel (16x1 weights).
func.func @forward(%in: tensor<2x16xf32>) -> tensor<2x1xf32> {
  %x = qnn.stats %in min = [-1.0], max = [1.0] : tensor<2x16xf32>
  %w = arith.constant dense<0.25> : tensor<16x1xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x1xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x1xf32>) -> tensor<2x1xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x16xf32>, tensor<16x1xf32>) outs(%init : tensor<2x1xf32>) -> tensor<2x1xf32>
  %s = qnn.stats %y min = [-4.0], max = [4.0] : tensor<2x1xf32>
  return %s : tensor<2x1xf32>
}
