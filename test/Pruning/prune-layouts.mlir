// RUN: qnn-opt %s --split-input-file --prune="pattern=2:4" --verify-diagnostics | FileCheck %s

/// N:M groups run along the reduction's innermost dimension, C_in, in the
/// weight operand's own layout: axis 2 of HWCF, axis 3 of FHWC. For each
/// (kh, kw, f), 2 of the 4 input channels stay.
// CHECK-LABEL: func.func @conv_hwcf
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[\[\[}}[0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00], [3.000000e+00, -3.000000e+00], [4.000000e+00, 4.000000e+00]]]]> : tensor<1x1x4x2xf32>
// CHECK:         %[[P:.*]] = qnn.pruned %[[W]] pattern(#qnn.n_of_m<n = 2, m = 4, axis = 2>) : tensor<1x1x4x2xf32>
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %[[P]] :
func.func @conv_hwcf(%x: tensor<1x3x3x4xf32>) -> tensor<1x3x3x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[[[1.0, 1.0], [-2.0, 2.0], [3.0, -3.0], [4.0, 4.0]]]]> : tensor<1x1x4x2xf32>
  %e = tensor.empty() : tensor<1x3x3x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x3x3x4xf32>, tensor<1x1x4x2xf32>) outs(%acc : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  return %y : tensor<1x3x3x2xf32>
}

// -----

/// The same weights as FHWC: filter 0 is [1, -2, 3, 4], filter 1
/// [1, 2, -3, 4] (ties keep the earlier channel).
// CHECK-LABEL: func.func @conv_fhwc
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[\[\[}}[0.000000e+00, 0.000000e+00, 3.000000e+00, 4.000000e+00]]], {{\[\[}}[0.000000e+00, 0.000000e+00, -3.000000e+00, 4.000000e+00]]]]> : tensor<2x1x1x4xf32>
// CHECK:         qnn.pruned %[[W]] pattern(#qnn.n_of_m<n = 2, m = 4, axis = 3>) : tensor<2x1x1x4xf32>
func.func @conv_fhwc(%x: tensor<1x3x3x4xf32>) -> tensor<1x3x3x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[[[1.0, -2.0, 3.0, 4.0]]], [[[1.0, 2.0, -3.0, 4.0]]]]> : tensor<2x1x1x4xf32>
  %e = tensor.empty() : tensor<1x3x3x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x3x3x4xf32>, tensor<2x1x1x4xf32>) outs(%acc : tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  return %y : tensor<1x3x3x2xf32>
}

// -----

/// A depthwise filter reduces over its taps only, one input channel each:
/// there is no run of 4 along C_in to take 2 of.
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT:     qnn.pruned
func.func @depthwise(%x: tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<1.0> : tensor<1x1x4xf32>
  %e = tensor.empty() : tensor<1x3x3x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  // expected-remark @below {{2:4 needs the reduction's innermost size to be a multiple of 4, got 1}}
  %y = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x3x3x4xf32>, tensor<1x1x4xf32>) outs(%acc : tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  return %y : tensor<1x3x3x4xf32>
}

// -----

/// TOSA's fully connected form: a batch matmul whose one weight is shared
/// (1 x K x N); the pattern's axis is the operand's K, dimension 1.
// CHECK-LABEL: func.func @shared_batch_weight
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[\[}}[0.000000e+00], [0.000000e+00], [3.000000e+00], [-4.000000e+00]]]> : tensor<1x4x1xf32>
// CHECK:         qnn.pruned %[[W]] pattern(#qnn.n_of_m<n = 2, m = 4, axis = 1>) : tensor<1x4x1xf32>
func.func @shared_batch_weight(%x: tensor<1x2x4xf32>) -> tensor<1x2x1xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[[1.0], [-2.0], [3.0], [-4.0]]]> : tensor<1x4x1xf32>
  %e = tensor.empty() : tensor<1x2x1xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x1xf32>) -> tensor<1x2x1xf32>
  %y = linalg.batch_matmul ins(%x, %w : tensor<1x2x4xf32>, tensor<1x4x1xf32>) outs(%acc : tensor<1x2x1xf32>) -> tensor<1x2x1xf32>
  return %y : tensor<1x2x1xf32>
}

// -----

/// Weights pruned already (by an earlier --prune, or by hand) stay as they
/// are; matmuls on non-constant weights are not layers.
// CHECK-LABEL: func.func @already_pruned
// CHECK:         qnn.pruned %{{.*}} pattern(#qnn.unstructured)
// CHECK-NOT:     qnn.pruned
func.func @already_pruned(%x: tensor<1x4xf32>, %v: tensor<4x1xf32>) -> (tensor<1x1xf32>, tensor<1x1xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[1.0], [0.0], [3.0], [-4.0]]> : tensor<4x1xf32>
  %p = qnn.pruned %w pattern(#qnn.unstructured) : tensor<4x1xf32> -> tensor<4x1xf32>
  %e = tensor.empty() : tensor<1x1xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1xf32>) -> tensor<1x1xf32>
  // expected-remark @below {{left dense: the weights are already pruned}}
  %y = linalg.matmul ins(%x, %p : tensor<1x4xf32>, tensor<4x1xf32>) outs(%acc : tensor<1x1xf32>) -> tensor<1x1xf32>
  // expected-remark @below {{left dense: the weights are not a constant}}
  %z = linalg.matmul ins(%x, %v : tensor<1x4xf32>, tensor<4x1xf32>) outs(%acc : tensor<1x1xf32>) -> tensor<1x1xf32>
  return %y, %z : tensor<1x1xf32>, tensor<1x1xf32>
}
