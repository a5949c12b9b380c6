// K = 0: a layer whose matmul sums nothing, so its output is the bias.
#id = affine_map<(m, n) -> (m, n)>
#ch = affine_map<(m, n) -> (n)>
func.func @forward(%in: tensor<4x0xf32>) -> tensor<4x3xf32> {
  %x = qnn.stats %in min = [-1.0], max = [1.0] : tensor<4x0xf32>
  %w = arith.constant dense<> : tensor<0x3xf32>
  %bias = arith.constant dense<[0.5, -0.25, 1.0]> : tensor<3xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %r = linalg.matmul ins(%x, %w : tensor<4x0xf32>, tensor<0x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  %y = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel"]}
      ins(%r, %bias : tensor<4x3xf32>, tensor<3xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%v: f32, %b: f32, %o: f32):
    %s = arith.addf %v, %b : f32
    linalg.yield %s : f32
  } -> tensor<4x3xf32>
  %s = qnn.stats %y min = [-1.0], max = [1.0] : tensor<4x3xf32>
  return %s : tensor<4x3xf32>
}
