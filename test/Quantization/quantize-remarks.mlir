// RUN: qnn-opt %s --split-input-file --quantize --remarks-filter=quantize --remark-policy=all --verify-diagnostics -o /dev/null
// Without a filter the decision remarks stay silent. (This MLIR 22 prints
// the unmatched expected-remark lines below as errors even without
// --verify-diagnostics, but exits 0; the check looks for real remarks.)
// RUN: qnn-opt %s --split-input-file --quantize 2>&1 -o /dev/null | FileCheck %s --allow-empty --check-prefix=QUIET
// QUIET-NOT: remark: [

/// The decisions --quantize makes are optimization remarks (category
/// "quantize"): which layer it matched, then the scheme it chose.
func.func @matmul_decisions(%in: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %x = qnn.stats %in min = [-1.0], max = [3.0] : tensor<2x3xf32>
  %w = arith.constant dense<[[1.0, -0.5], [0.3, 0.25], [-2.0, 0.125]]> : tensor<3x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  // expected-remark@+2 {{[Analysis] layer | Category:quantize | Function=matmul_decisions | Remark="'matmul_decisions/linalg.matmul#0': linalg.matmul with 3x2 weights"}}
  // expected-remark@+1 {{[Passed] scheme | Category:quantize | Function=matmul_decisions | Remark="'matmul_decisions/linalg.matmul#0': activations i8 asymmetric per-tensor (scale 0.0156863, zero point -64), weights i8<-127:127> symmetric per-channel (2 scales on axis 1), rounding half_to_even"}}
  %y = linalg.matmul ins(%x, %w : tensor<2x3xf32>, tensor<3x2xf32>) outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %s = qnn.stats %y min = [0.0], max = [6.0] : tensor<2x2xf32>
  return %s : tensor<2x2xf32>
}

// -----

/// A convolution's remark names its window, with the zero padding folded.
func.func @conv_decisions(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x3xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x4x4x2xf32>
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %sx low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x2xf32> to tensor<1x6x6x2xf32>
  %w = arith.constant dense<0.5> : tensor<3x3x2x3xf32>
  %init = arith.constant dense<0.0> : tensor<1x2x2x3xf32>
  // expected-remark@+2 {{Remark="'conv_decisions/linalg.conv_2d_nhwc_hwcf#0': linalg.conv_2d_nhwc_hwcf with 3x3x2x3 (HWCF) weights, groups 1, strides [2, 2], dilations [1, 1], padding [1, 1, 1, 1]"}}
  // expected-remark@+1 {{Remark="'conv_decisions/linalg.conv_2d_nhwc_hwcf#0': activations i8 asymmetric per-tensor (scale 0.00784314, zero point -1), weights i8<-127:127> symmetric per-channel (3 scales on axis 3), rounding half_to_even"}}
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%p, %w : tensor<1x6x6x2xf32>, tensor<3x3x2x3xf32>) outs(%init : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %sy = qnn.stats %c min = [-9.0], max = [9.0] : tensor<1x2x2x3xf32>
  return %sy : tensor<1x2x2x3xf32>
}
