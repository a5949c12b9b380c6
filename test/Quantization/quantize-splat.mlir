// RUN: qnn-opt %s --split-input-file --quantize="weight-granularity=per-tensor" | FileCheck %s
// RUN: qnn-opt %s --split-input-file --quantize="weight-granularity=per-tensor weight-bits=4" | FileCheck %s --check-prefix=INT4
// RUN: qnn-opt %s --split-input-file --quantize="weight-granularity=per-tensor weight-scheme=kmeans weight-bits=2" | FileCheck %s --check-prefix=KMEANS
// A splat constant stays a splat through quantization: these weights say
// 10^10 elements in a few bytes, and quantizing them is O(1) (it took
// minutes and gigabytes when every element was visited).
// RUN: qnn-opt %s --split-input-file --quantize="weight-granularity=per-tensor" | not qnn-opt --qnn-to-llvm -o /dev/null 2>&1 | FileCheck %s --check-prefix=LOWER
// LOWER: error: 'qnn.constant' op holds 10000000000 elements of 1 bytes, more than the 2 GiB of constant data qnn compiles

// CHECK-LABEL: func.func @splat_weights
// CHECK:         qnn.constant dense<127> : tensor<100000x100000xi8> -> tensor<100000x100000x!quant.uniform<i8<-127:127>:f32, {{.*}}>>
// INT4-LABEL:  func.func @splat_weights
// INT4:          qnn.constant dense<7> : tensor<100000x100000xi4> -> tensor<100000x100000x!quant.uniform<i4<-7:7>:f32, {{.*}}>>
// KMEANS-LABEL: func.func @splat_weights
// KMEANS:         %[[I:.*]] = arith.constant dense<{{[0-3]}}> : tensor<100000x100000xi2>
// KMEANS:         qnn.codebook_lookup %[[I]]
func.func @splat_weights(%in: tensor<1x100000xf32>) -> tensor<1x100000xf32> {
  %x = qnn.stats %in min = [-1.0], max = [1.0] : tensor<1x100000xf32>
  %w = arith.constant dense<0.5> : tensor<100000x100000xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x100000xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x100000xf32>) -> tensor<1x100000xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x100000xf32>, tensor<100000x100000xf32>) outs(%init : tensor<1x100000xf32>) -> tensor<1x100000xf32>
  %s = qnn.stats %y min = [-50000.0], max = [50000.0] : tensor<1x100000xf32>
  return %s : tensor<1x100000xf32>
}

// -----

/// Per-channel scales of a splat are one per channel, O(channels); the
/// stored values stay a splat. A transposed convolution filter stays one
/// too.
// CHECK-LABEL: func.func @splat_conv
// CHECK:         qnn.constant dense<-127> : tensor<3x3x4x8xi8>
func.func @splat_conv(%x: tensor<1x6x6x4xf32>) -> tensor<1x4x4x8xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x6x6x4xf32>
  %w = arith.constant dense<-0.25> : tensor<8x3x3x4xf32>
  %init = arith.constant dense<0.0> : tensor<1x4x4x8xf32>
  %c = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%sx, %w : tensor<1x6x6x4xf32>, tensor<8x3x3x4xf32>) outs(%init : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %sy = qnn.stats %c min = [-9.0], max = [9.0] : tensor<1x4x4x8xf32>
  return %sy : tensor<1x4x4x8xf32>
}
