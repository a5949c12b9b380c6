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
