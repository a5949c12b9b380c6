// RUN: qnn-opt %s --split-input-file --quantize | FileCheck %s
// RUN: qnn-opt %s --split-input-file --prune="sparsity=0.5" | FileCheck %s --check-prefix=PRUNE

/// torch-mlir's linear layer: the [N, K] weight through linalg.transpose.
/// The transpose is done at compile time: the same integer weights as the
/// matmul_per_channel case of quantize.mlir, whose weight this is
/// transposed.
// CHECK-LABEL: func.func @transposed_constant
// CHECK:         qnn.constant dense<{{\[\[}}64, -127], [19, 64], [-127, 32]]> : tensor<3x2xi8>
// CHECK:         qnn.matmul
// CHECK-NOT:     = linalg.matmul
// PRUNE-LABEL: func.func @transposed_constant
// PRUNE:         %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, -5.000000e-01], [0.000000e+00, 0.000000e+00], [-2.000000e+00, 0.000000e+00]]> : tensor<3x2xf32>
// PRUNE:         %[[P:.*]] = qnn.pruned %[[W]] pattern(#qnn.unstructured)
// PRUNE:         linalg.matmul ins(%{{.*}}, %[[P]] :
func.func @transposed_constant(%in: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %x = qnn.stats %in min = [-1.0], max = [3.0] : tensor<2x3xf32>
  %w = arith.constant dense<[[1.0, 0.3, -2.0], [-0.5, 0.25, 0.125]]> : tensor<2x3xf32>
  %et = tensor.empty() : tensor<3x2xf32>
  %wt = linalg.transpose ins(%w : tensor<2x3xf32>) outs(%et : tensor<3x2xf32>) permutation = [1, 0]
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %wt : tensor<2x3xf32>, tensor<3x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %s = qnn.stats %y min = [0.0], max = [6.0] : tensor<2x2xf32>
  return %s : tensor<2x2xf32>
}

// -----

/// A x B^T through the matmul's indexing maps (the weight kept [N, K]):
/// the same weights again. Pruning writes them back in the operand's own
/// [N, K] layout.
// CHECK-LABEL: func.func @transpose_b_maps
// CHECK:         qnn.constant dense<{{\[\[}}64, -127], [19, 64], [-127, 32]]> : tensor<3x2xi8>
// CHECK:         qnn.matmul
// CHECK-NOT:     = linalg.matmul
// PRUNE-LABEL: func.func @transpose_b_maps
// PRUNE:         arith.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, -2.000000e+00], [-5.000000e-01, 0.000000e+00, 0.000000e+00]]> : tensor<2x3xf32>
func.func @transpose_b_maps(%in: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %x = qnn.stats %in min = [-1.0], max = [3.0] : tensor<2x3xf32>
  %w = arith.constant dense<[[1.0, 0.3, -2.0], [-0.5, 0.25, 0.125]]> : tensor<2x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<2x3xf32>, tensor<2x3xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %s = qnn.stats %y min = [0.0], max = [6.0] : tensor<2x2xf32>
  return %s : tensor<2x2xf32>
}

// -----

/// torch-mlir's ReLU, a compare and a select, is a clamp at 0 fused into
/// the layer: the output's range starts at 0 (zero point -128 for [0, 6])
/// and no float op is left.
// CHECK-LABEL: func.func @select_relu
// CHECK:         qnn.matmul
// CHECK:         qnn.requantize {{.*}} -> tensor<2x2x!quant.uniform<i8:f32, 0.023529412224888802:-128>>
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     arith.select
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @select_relu(%in: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %x = qnn.stats %in min = [-1.0], max = [3.0] : tensor<2x3xf32>
  %w = arith.constant dense<[[1.0, -0.5], [0.3, 0.25], [-2.0, 0.125]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%y : tensor<2x2xf32>) outs(%e : tensor<2x2xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.cmpf ugt, %a, %zero : f32
    %s = arith.select %c, %a, %zero : f32
    linalg.yield %s : f32
  } -> tensor<2x2xf32>
  %s = qnn.stats %r min = [-2.0], max = [6.0] : tensor<2x2xf32>
  return %s : tensor<2x2xf32>
}

// -----

/// A select that keeps the bound when the compare holds is not a clamp at
/// that bound: left in float.
// CHECK-LABEL: func.func @select_not_a_clamp
// CHECK:         qnn.matmul
// CHECK:         linalg.generic
// CHECK:         arith.select
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @select_not_a_clamp(%in: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %x = qnn.stats %in min = [-1.0], max = [3.0] : tensor<2x3xf32>
  %w = arith.constant dense<[[1.0, -0.5], [0.3, 0.25], [-2.0, 0.125]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %s0 = qnn.stats %y min = [-2.0], max = [6.0] : tensor<2x2xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%s0 : tensor<2x2xf32>) outs(%e : tensor<2x2xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.cmpf ugt, %a, %zero : f32
    %s = arith.select %c, %zero, %a : f32
    linalg.yield %s : f32
  } -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

/// torch-mlir's linear layer on 3-D input: a batch_matmul whose weight is
/// the [N, K] constant transposed (here by a copying linalg.generic) and
/// broadcast over the batch by another. The broadcast weights are one
/// K x N matrix for every batch: the same integer weights as above, shared.
/// Pruning marks them before the broadcast.
// CHECK-LABEL: func.func @broadcast_linear
// CHECK:         %[[W:.*]] = qnn.constant dense<{{\[\[}}64, -127], [19, 64], [-127, 32]]> : tensor<3x2xi8>
// CHECK:         qnn.matmul %{{.*}}, %[[W]] {{.*}} : (tensor<?x4x3x!quant.uniform<{{.*}}>>, tensor<3x2x!quant.uniform<{{.*}}>>) -> tensor<?x4x2x!quant.uniform<i32
// CHECK-NOT:     linalg.batch_matmul
// PRUNE-LABEL: func.func @broadcast_linear
// PRUNE:         %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, -5.000000e-01], [0.000000e+00, 0.000000e+00], [-2.000000e+00, 0.000000e+00]]> : tensor<3x2xf32>
// PRUNE:         %[[P:.*]] = qnn.pruned %[[W]] pattern(#qnn.unstructured) : tensor<3x2xf32>
// PRUNE:         %[[B:.*]] = linalg.generic {{.*}} ins(%[[P]] : tensor<3x2xf32>) outs(%{{.*}} : tensor<?x3x2xf32>)
// PRUNE:         linalg.batch_matmul ins(%{{.*}}, %[[B]] :
#perm = affine_map<(d0, d1) -> (d1, d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#bc = affine_map<(d0, d1, d2) -> (d1, d2)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @broadcast_linear(%in: tensor<?x4x3xf32>) -> tensor<?x4x2xf32> {
  %c0 = arith.constant 0 : index
  %x = qnn.stats %in min = [-1.0], max = [3.0] : tensor<?x4x3xf32>
  %n = tensor.dim %x, %c0 : tensor<?x4x3xf32>
  %w = arith.constant dense<[[1.0, 0.3, -2.0], [-0.5, 0.25, 0.125]]> : tensor<2x3xf32>
  %et = tensor.empty() : tensor<3x2xf32>
  %wt = linalg.generic {indexing_maps = [#perm, #id2], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<2x3xf32>) outs(%et : tensor<3x2xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<3x2xf32>
  %eb = tensor.empty(%n) : tensor<?x3x2xf32>
  %wb = linalg.generic {indexing_maps = [#bc, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%wt : tensor<3x2xf32>) outs(%eb : tensor<?x3x2xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<?x3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%n) : tensor<?x4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<?x4x2xf32>) -> tensor<?x4x2xf32>
  %y = linalg.batch_matmul ins(%x, %wb : tensor<?x4x3xf32>, tensor<?x3x2xf32>) outs(%init : tensor<?x4x2xf32>) -> tensor<?x4x2xf32>
  %s = qnn.stats %y min = [0.0], max = [6.0] : tensor<?x4x2xf32>
  return %s : tensor<?x4x2xf32>
}

// -----

/// A matmul printed as a linalg.generic (a contraction with matmul maps and
/// a multiply-add body) is specialized into linalg.matmul and quantized.
// CHECK-LABEL: func.func @generic_matmul
// CHECK:         qnn.matmul
// CHECK-NOT:     linalg.generic {{.*}}"reduction"
#ga = affine_map<(m, n, k) -> (m, k)>
#gb = affine_map<(m, n, k) -> (k, n)>
#gc = affine_map<(m, n, k) -> (m, n)>
func.func @generic_matmul(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<2x4xf32>
  %w = arith.constant dense<[[0.5, -0.25, 1.0], [0.75, 0.3, -0.6], [-1.2, 0.05, 0.9], [0.1, -0.8, 0.4]]> : tensor<4x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = linalg.generic {indexing_maps = [#ga, #gb, #gc], iterator_types = ["parallel", "parallel", "reduction"]} ins(%sx, %w : tensor<2x4xf32>, tensor<4x3xf32>) outs(%f : tensor<2x3xf32>) {
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  %sy = qnn.stats %y min = [-3.0], max = [3.0] : tensor<2x3xf32>
  return %sy : tensor<2x3xf32>
}
