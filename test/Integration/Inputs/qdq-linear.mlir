// A QDQ linear layer (u8 input, per-channel i8 weights, float bias, ReLU,
// i8 output) for qdq-linear.test.
#id = affine_map<(d0, d1) -> (d0, d1)>
#ch = affine_map<(d0, d1) -> (d1)>
func.func @forward(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf32>
  %xq = quant.qcast %x : tensor<?x4xf32> to tensor<?x4x!quant.uniform<u8:f32, 0.0125:128>>
  %xd = quant.dcast %xq : tensor<?x4x!quant.uniform<u8:f32, 0.0125:128>> to tensor<?x4xf32>
  %w = arith.constant dense<[[0.5, -0.25, 1.0], [0.75, 0.3, -0.6], [-1.2, 0.05, 0.9], [0.1, -0.8, 0.4]]> : tensor<4x3xf32>
  %wq = quant.qcast %w : tensor<4x3xf32> to tensor<4x3x!quant.uniform<i8<-127:127>:f32:1, {0.0095,0.0065,0.008}>>
  %wd = quant.dcast %wq : tensor<4x3x!quant.uniform<i8<-127:127>:f32:1, {0.0095,0.0065,0.008}>> to tensor<4x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%n) : tensor<?x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x3xf32>) -> tensor<?x3xf32>
  %y = linalg.matmul ins(%xd, %wd : tensor<?x4xf32>, tensor<4x3xf32>) outs(%f : tensor<?x3xf32>) -> tensor<?x3xf32>
  %b = arith.constant dense<[0.1, -0.05, 0.2]> : tensor<3xf32>
  %r = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel"]} ins(%y, %b : tensor<?x3xf32>, tensor<3xf32>) outs(%e : tensor<?x3xf32>) {
  ^bb0(%a: f32, %bb: f32, %o: f32):
    %s = arith.addf %a, %bb : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<?x3xf32>
  %yq = quant.qcast %r : tensor<?x3xf32> to tensor<?x3x!quant.uniform<i8:f32, 0.01:-128>>
  %yd = quant.dcast %yq : tensor<?x3x!quant.uniform<i8:f32, 0.01:-128>> to tensor<?x3xf32>
  return %yd : tensor<?x3xf32>
}
