// RUN: qnn-opt %s --split-input-file --quantize | FileCheck %s
// RUN: qnn-opt %s --split-input-file --quantize="weight-scheme=kmeans weight-bits=2" | FileCheck %s --check-prefix=KMEANS

// Degenerate ranges are defined, not crashed on. NaN and infinite weights
// are errors (quantize.mlir); NaN or infinite calibration samples are
// errors naming the sample (test/Quantization/calibrate-errors.test).

/// An all-zero weight and an always-zero result: scale 0 would be invalid,
/// so the fallback scale 1 with zero point 0 applies (docs/Quantize.md);
/// every weight is stored as 0 and the output dequantizes to exactly 0.
/// A k-means codebook of zeros gets the same fallback for its table.
// CHECK-LABEL: func.func @all_zero_weights
// CHECK:         qnn.constant dense<0> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32:1, {1.000000e+00,1.000000e+00}>>
// CHECK:         qnn.requantize {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 1.000000e+00>>
// KMEANS-LABEL: func.func @all_zero_weights
// KMEANS:         qnn.constant dense<0> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8<-127:127>:f32:0, {1.000000e+00,1.000000e+00}>>
func.func @all_zero_weights(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %c = arith.constant dense<0.0> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %0 = linalg.matmul ins(%sx, %c : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.stats %0 min = [0.0], max = [0.0] : tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

/// A constant activation (min = max = 0.5): the range is widened to contain
/// 0, [0, 0.5]: scale 0.5 / 255, zero point -128; 0.5 is exactly the top.
// CHECK-LABEL: func.func @constant_activation
// CHECK:         qnn.quantize {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.0019607844296842813:-128>>
func.func @constant_activation(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [0.5], max = [0.5] : tensor<1x2xf32>
  %c = arith.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %0 = linalg.matmul ins(%sx, %c : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.stats %0 min = [2.0], max = [3.0] : tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

/// A range without zero, [-3, -2], widens to [-3, 0]: scale 3 / 255 and zero
/// point 127, so 0 (padding, ReLU) stays exact.
// CHECK-LABEL: func.func @negative_range
// CHECK:         qnn.quantize {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.011764706112444401:127>>
// CHECK:         qnn.requantize {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.011764706112444401:127>>
func.func @negative_range(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-3.0], max = [-2.0] : tensor<1x2xf32>
  %c = arith.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %0 = linalg.matmul ins(%sx, %c : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.stats %0 min = [-3.0], max = [-2.0] : tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

/// One output channel (a 16x1 weight) is quantized per channel with the
/// defaults: the accumulator and bias are per axis with a single scale,
/// like the weights.
// CHECK-LABEL: func.func @one_output_channel
// CHECK:         qnn.matmul {{.*}} -> tensor<2x1x!quant.uniform<i32:f32:1, {{{.*}}}>>
func.func @one_output_channel(%in: tensor<2x16xf32>) -> tensor<2x1xf32> {
  %x = qnn.stats %in min = [-1.0], max = [1.0] : tensor<2x16xf32>
  %w = arith.constant dense<0.25> : tensor<16x1xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x1xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x1xf32>) -> tensor<2x1xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x16xf32>, tensor<16x1xf32>) outs(%init : tensor<2x1xf32>) -> tensor<2x1xf32>
  %s = qnn.stats %y min = [-4.0], max = [4.0] : tensor<2x1xf32>
  return %s : tensor<2x1xf32>
}
