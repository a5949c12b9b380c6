// A two-layer MLP (16 -> 8 -> ReLU -> 4) in linalg on tensors, as a frontend
// exports it, with calibration ranges recorded by qnn.stats.
//
// The weights are small random values and the ranges were observed by running
// this float model in numpy on 256 uniform [0, 1) inputs; `make demo`
// re-calibrates them in the compiler on its own samples:
//
//   qnn-opt --qnn-calibrate="data=calib.npy" --quantize --canonicalize examples/models/mlp.mlir

#map_bias = affine_map<(d0, d1) -> (d1)>
#map_id = affine_map<(d0, d1) -> (d0, d1)>

func.func @forward(%input: tensor<1x16xf32>) -> tensor<1x4xf32> {
  %zero = arith.constant 0.0 : f32
  %w1 = arith.constant dense<[[0.0006, 0.1494, -0.1371, -0.4453, -0.2273, -0.4958, 0.0301, 0.6701], [-0.2461, -0.3102, 0.2449, 0.1784, 0.0527, -0.4652, -0.0146, 0.3477], [-0.6721, -0.2288, -0.9506, -0.6448, -0.9209, -0.1175, -0.6337, 0.1356], [0.0784, -0.0935, -1.2584, -0.2693, -0.0243, 0.0567, -0.7651, -0.2389], [-0.4893, -0.4044, 0.5304, -0.4038, -0.0163, 0.4422, -0.2918, -0.0559], [0.0552, 0.0319, -0.6125, 0.0381, 0.6794, -0.7736, 0.4297, 0.0597], [-0.3207, 1.0002, 0.3811, -0.5996, 0.0373, 0.2883, -0.0944, 0.3415], [-0.0333, 0.3336, 0.7193, -0.3378, 0.1016, -0.2317, 0.0636, -0.5936], [-0.2897, -0.0981, 0.4494, 0.5726, -0.6618, -0.3973, 0.3235, -0.9962], [-0.2316, -0.0486, 0.6285, 0.3447, -0.1636, -0.1843, -0.1251, 0.7618], [-0.2140, -0.1518, 0.1763, -0.0604, -0.0986, -0.5570, -0.0058, -0.2218], [0.5831, 0.3265, -0.0121, 0.3342, -0.1699, 0.5261, -0.0027, 0.2917], [-0.6454, 0.1733, -0.8441, -1.0177, -0.1522, -0.4500, 0.0820, 1.1224], [-0.4159, -0.3120, 0.1027, 0.2465, -0.0882, -0.1030, 0.3512, 0.2600], [-0.5168, -0.0396, 0.0176, -0.5272, 0.1299, -0.4290, 0.4860, 0.0964], [0.0447, -0.2955, -0.0593, -0.9989, -0.5657, 0.1814, -1.0643, 0.4233]]> : tensor<16x8xf32>
  %b1 = arith.constant dense<[-0.1746, 0.0757, -0.0845, 0.0779, 0.0131, -0.1537, 0.1249, 0.1442]> : tensor<8xf32>
  %w2 = arith.constant dense<[[-0.0329, -0.1370, -0.0799, -0.4876], [0.5493, -0.2714, -0.0256, -0.3966], [-0.3130, -0.6389, 0.6285, -0.0770], [0.4830, 0.0067, -0.3472, -0.1633], [-0.2801, 0.0040, -0.1876, -0.1500], [-0.6893, -0.4034, 0.8270, -0.3356], [-0.5270, 0.1687, 0.7036, -0.7270], [-0.1043, -0.3160, -0.8805, 0.3675]]> : tensor<8x4xf32>

  %x = qnn.stats %input min = [0.0], max = [1.0] : tensor<1x16xf32>
  %e1 = tensor.empty() : tensor<1x8xf32>
  %acc1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x8xf32>) -> tensor<1x8xf32>
  %mm1 = linalg.matmul ins(%x, %w1 : tensor<1x16xf32>, tensor<16x8xf32>)
                       outs(%acc1 : tensor<1x8xf32>) -> tensor<1x8xf32>
  %h = qnn.stats %mm1 min = [-3.3778], max = [3.0854] : tensor<1x8xf32>
  // Bias and ReLU stay in float in this version of --quantize.
  %relu = linalg.generic {indexing_maps = [#map_id, #map_bias, #map_id],
                          iterator_types = ["parallel", "parallel"]}
      ins(%h, %b1 : tensor<1x8xf32>, tensor<8xf32>) outs(%e1 : tensor<1x8xf32>) {
  ^bb0(%v: f32, %b: f32, %out: f32):
    %sum = arith.addf %v, %b : f32
    %r = arith.maximumf %sum, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x8xf32>
  %a = qnn.stats %relu min = [0.0], max = [3.2296] : tensor<1x8xf32>

  %e2 = tensor.empty() : tensor<1x4xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x4xf32>) -> tensor<1x4xf32>
  %mm2 = linalg.matmul ins(%a, %w2 : tensor<1x8xf32>, tensor<8x4xf32>)
                       outs(%acc2 : tensor<1x4xf32>) -> tensor<1x4xf32>
  %y = qnn.stats %mm2 min = [-2.8512], max = [1.0706] : tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}
