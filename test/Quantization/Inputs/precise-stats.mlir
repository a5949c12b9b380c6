// Ranges at the limits of binary64.
func.func @precise(%x: tensor<2xf32>) -> tensor<2xf32> {
  %s = qnn.stats %x axis = 0 min = [1.0e-300, 0.123456789012345], max = [1.0e300, 0.123456789012346] : tensor<2xf32>
  return %s : tensor<2xf32>
}

// -----

func.func @huge(%in: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %x = qnn.stats %in min = [-1.0e300], max = [1.0e300] : tensor<2x3xf32>
  %w = arith.constant dense<1.0> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %s = qnn.stats %y min = [0.0], max = [6.0] : tensor<2x2xf32>
  return %s : tensor<2x2xf32>
}
