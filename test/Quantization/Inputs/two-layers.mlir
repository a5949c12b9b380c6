// Two matmuls with hand-written ranges and a static batch of 4: "a" is the
// identity, exact at any weight width; "b" scales its second column by 0.1,
// which 2-bit per-tensor weights ({-1, 0, 1} x 1.0) round to 0.
func.func @forward(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %wa = arith.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %wb = arith.constant dense<[[1.0, 0.0], [0.0, 0.1]]> : tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %xs = qnn.stats %x min = [0.0], max = [1.0] : tensor<4x2xf32>
  %a = linalg.matmul ins(%xs, %wa : tensor<4x2xf32>, tensor<2x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32> loc("a")
  %as = qnn.stats %a min = [0.0], max = [1.0] : tensor<4x2xf32>
  %b = linalg.matmul ins(%as, %wb : tensor<4x2xf32>, tensor<2x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32> loc("b")
  %bs = qnn.stats %b min = [0.0], max = [1.0] : tensor<4x2xf32>
  return %bs : tensor<4x2xf32>
}
