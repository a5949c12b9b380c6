// A float layer whose entry also returns integers: its error cannot be
// measured as SQNR.
func.func @forward(%x: tensor<4x2xf32>) -> (tensor<4x2xf32>, tensor<4xi32>) {
  %w = arith.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %xs = qnn.stats %x min = [0.0], max = [1.0] : tensor<4x2xf32>
  %a = linalg.matmul ins(%xs, %w : tensor<4x2xf32>, tensor<2x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  %as = qnn.stats %a min = [0.0], max = [1.0] : tensor<4x2xf32>
  %i = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi32>
  return %as, %i : tensor<4x2xf32>, tensor<4xi32>
}
