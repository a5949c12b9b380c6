// RUN: qnn-opt %s --split-input-file --prune="sparsity=0.5" | FileCheck %s --check-prefix=GLOBAL
// RUN: qnn-opt %s --split-input-file --prune="sparsity=0.5 scope=layer" | FileCheck %s --check-prefix=LAYER
// RUN: qnn-opt %s --split-input-file --prune="pattern=2:4" | FileCheck %s --check-prefix=NM
// RUN: qnn-opt %s --split-input-file --prune="pattern=block:2x1 sparsity=0.5" | FileCheck %s --check-prefix=BLOCK
// RUN: qnn-opt %s --split-input-file --prune="pattern=channel sparsity=0.5" | FileCheck %s --check-prefix=CHANNEL
// RUN: qnn-opt %s --split-input-file --prune="threshold=2.5" | FileCheck %s --check-prefix=THRESHOLD
// RUN: qnn-opt %s --prune="pattern=block:2x1 sparsity=0.5" -o /dev/null 2>&1 | FileCheck %s --check-prefix=EMPTY

/// Two matmuls, 8 weights each, then a third whose columns are the results.
/// |w| of @two: a = [[1, 2], [3, 4], [0.5, 6], [7, 0.25]],
///              b = [[8, 0.1], [0.2, 9], [10, 0.3], [0.4, 11]].

/// Global, 50% of all 16 weights: the 8 smallest are 0.1 0.2 0.25 0.3 0.4
/// 0.5 1 2, so a keeps 3 4 6 7 and b keeps its four large ones.
// GLOBAL-LABEL: func.func @two
// GLOBAL:         %[[A:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 0.000000e+00], [3.000000e+00, -4.000000e+00], [0.000000e+00, 6.000000e+00], [-7.000000e+00, 0.000000e+00]]> : tensor<4x2xf32>
// GLOBAL:         %[[PA:.*]] = qnn.pruned %[[A]] pattern(#qnn.unstructured) : tensor<4x2xf32> -> tensor<4x2xf32>
// GLOBAL:         linalg.matmul ins(%{{.*}}, %[[PA]] :
// GLOBAL:         %[[B:.*]] = arith.constant dense<{{\[}}[8.000000e+00, 0.000000e+00], [0.000000e+00, 9.000000e+00], [1.000000e+01, 0.000000e+00], [0.000000e+00, 1.100000e+01]]> : tensor<4x2xf32>
// GLOBAL:         qnn.pruned %[[B]] pattern(#qnn.unstructured)

/// Per layer, 4 of each layer's 8: a drops 0.25 0.5 1 2 (the same), b its
/// four small ones (the same here too).
// LAYER-LABEL: func.func @two
// LAYER:         arith.constant dense<{{\[}}[0.000000e+00, 0.000000e+00], [3.000000e+00, -4.000000e+00], [0.000000e+00, 6.000000e+00], [-7.000000e+00, 0.000000e+00]]>
// LAYER:         arith.constant dense<{{\[}}[8.000000e+00, 0.000000e+00], [0.000000e+00, 9.000000e+00], [1.000000e+01, 0.000000e+00], [0.000000e+00, 1.100000e+01]]>

/// 2:4 along K (the rows): column 0 of a, [1, 3, 0.5, 7], keeps 3 and 7;
/// column 1, [2, 4, 6, 0.25], keeps 4 and 6.
// NM-LABEL: func.func @two
// NM:         %[[A:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 0.000000e+00], [3.000000e+00, -4.000000e+00], [0.000000e+00, 6.000000e+00], [-7.000000e+00, 0.000000e+00]]>
// NM:         qnn.pruned %[[A]] pattern(#qnn.n_of_m<n = 2, m = 4, axis = 0>)

/// Blocks of 2 rows x 1 column, scored by their L2 norm: a's blocks
/// (column 0 rows 0-1: sqrt(10), rows 2-3: sqrt(49.25); column 1:
/// sqrt(20), sqrt(36.06)), b's (sqrt(64.04), sqrt(100.16); sqrt(81.01),
/// sqrt(121.09)). The 4 lowest of 8, globally, are a's.
// BLOCK-LABEL: func.func @two
// BLOCK:         arith.constant dense<0.000000e+00> : tensor<4x2xf32>
// BLOCK:         qnn.pruned %{{.*}} pattern(#qnn.block<[2, 1]>)
// BLOCK:         arith.constant dense<{{\[}}[8.000000e+00, 1.000000e-01], [2.000000e-01, 9.000000e+00], [1.000000e+01, 3.000000e-01], [4.000000e-01, 1.100000e+01]]>
// BLOCK:         qnn.pruned %{{.*}} pattern(#qnn.block<[2, 1]>)

/// A global ranking that empties a layer says so.
// EMPTY: warning: prune: every weight of '{{.*}}' was removed (its output is the bias alone)

/// Channels, per layer by default: a's column norms sqrt(59.25) and
/// sqrt(56.06): column 1 goes. b computes the results: left dense.
// CHANNEL-LABEL: func.func @two
// CHANNEL:         arith.constant dense<{{\[}}[1.000000e+00, 0.000000e+00], [3.000000e+00, 0.000000e+00], [-5.000000e-01, 0.000000e+00], [-7.000000e+00, 0.000000e+00]]>
// CHANNEL:         qnn.pruned %{{.*}} pattern(#qnn.channel<axis = 1>)
// CHANNEL-NOT:     qnn.pruned

/// Below 2.5: 1 2 0.5 0.25 of a, 0.1 0.2 0.3 0.4 of b.
// THRESHOLD-LABEL: func.func @two
// THRESHOLD:         arith.constant dense<{{\[}}[0.000000e+00, 0.000000e+00], [3.000000e+00, -4.000000e+00], [0.000000e+00, 6.000000e+00], [-7.000000e+00, 0.000000e+00]]>
// THRESHOLD:         arith.constant dense<{{\[}}[8.000000e+00, 0.000000e+00], [0.000000e+00, 9.000000e+00], [1.000000e+01, 0.000000e+00], [0.000000e+00, 1.100000e+01]]>
func.func @two(%x: tensor<3x4xf32>) -> tensor<3x2xf32> {
  %zero = arith.constant 0.0 : f32
  %a = arith.constant dense<[[1.0, -2.0], [3.0, -4.0], [-0.5, 6.0], [-7.0, 0.25]]> : tensor<4x2xf32>
  %b = arith.constant dense<[[8.0, 0.1], [0.2, 9.0], [10.0, 0.3], [0.4, 11.0]]> : tensor<4x2xf32>
  %e = tensor.empty() : tensor<3x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<3x2xf32>) -> tensor<3x2xf32>
  %h = linalg.matmul ins(%x, %a : tensor<3x4xf32>, tensor<4x2xf32>) outs(%acc : tensor<3x2xf32>) -> tensor<3x2xf32>
  %c = tensor.collapse_shape %h [[0, 1]] : tensor<3x2xf32> into tensor<6xf32>
  %h4 = tensor.expand_shape %c [[0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
  %x4 = tensor.concat dim(1) %h4, %h4 : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x4xf32>
  %y = linalg.matmul ins(%x4, %b : tensor<3x4xf32>, tensor<4x2xf32>) outs(%acc : tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

/// Channels that reach the results through pooling only are outputs too.
// CHANNEL-LABEL: func.func @pooled_output
// CHANNEL-NOT:     qnn.pruned
func.func @pooled_output(%x: tensor<1x2x2x4xf32>) -> tensor<1x1x1x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]]]> : tensor<1x1x4x2xf32>
  %e = tensor.empty() : tensor<1x2x2x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x2x2x4xf32>, tensor<1x1x4x2xf32>) outs(%acc : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %pe = tensor.empty() : tensor<1x1x1x2xf32>
  %pinit = linalg.fill ins(%zero : f32) outs(%pe : tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
      ins(%c, %window : tensor<1x2x2x2xf32>, tensor<2x2xf32>) outs(%pinit : tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32>
  return %p : tensor<1x1x1x2xf32>
}
