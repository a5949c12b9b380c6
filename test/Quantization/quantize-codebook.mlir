// RUN: qnn-opt %s --quantize="weight-scheme=kmeans weight-bits=1" | FileCheck %s --check-prefix=CHAN
// RUN: qnn-opt %s --quantize="weight-scheme=kmeans weight-bits=1 weight-granularity=per-tensor" | FileCheck %s --check-prefix=TENSOR
// RUN: qnn-opt %s --quantize="weight-scheme=kmeans weight-bits=1" --convert-qnn-to-linalg --canonicalize | FileCheck %s --check-prefix=LOWER
// RUN: not qnn-opt %s --quantize="weight-scheme=kmeans weight-bits=9" 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not qnn-opt %s --quantize="weight-scheme=lloyd" 2>&1 | FileCheck %s --check-prefix=SCHEME

/// weight-scheme=kmeans: k-means codebooks of 2^bits centroids, started
/// evenly over [min, max]. Per channel, with one bit (2 centroids):
/// column 0 [0.0, 0.1, 1.0, 1.1] starts at {0, 1.1}, takes {0, 0.1} and
/// {1.0, 1.1}, and settles at {0.05, 1.05}; column 1 [-2, -2, 2, 2] at
/// {-2, 2}. Each table row is int8 with its own scale, max|c| / 127:
/// 1.05 / 127 -> [round(6.048), 127] = [6, 127]; 2 / 127 -> [-127, 127].
/// Indices (i1, printed as booleans): rows 0 and 1 take centroid 0, rows 2
/// and 3 centroid 1.
// CHAN-LABEL: func.func @codebook
// CHAN:         %[[T:.*]] = qnn.constant dense<{{\[\[}}6, 127], [-127, 127]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32:0, {0.0082677165046334267,0.015748031437397003}>>
// CHAN:         %[[I:.*]] = arith.constant dense<{{\[\[}}false, false], [false, false], [true, true], [true, true]]> : tensor<4x2xi1>
// CHAN:         %[[W:.*]] = qnn.codebook_lookup %[[I]], %[[T]] axis = 1 : tensor<4x2xi1>, tensor<2x2x!quant.uniform<i8<-127:127>:f32:0, {{.*}}>> -> tensor<4x2x!quant.uniform<i8<-127:127>:f32:1, {0.0082677165046334267,0.015748031437397003}>>
// CHAN:         qnn.matmul %{{.*}}, %[[W]] {{.*}} -> tensor<1x2x!quant.uniform<i32:f32:1,

/// One codebook for the tensor: the values {0, 0.1, 1.0, 1.1, -2, -2, 2, 2}
/// start at {-2, 2}. Round 1: 0 is a tie and goes to the lower centroid:
/// {-2, -2, 0} -> -4/3, {0.1, 1.0, 1.1, 2, 2} -> 1.24. Round 2: the boundary
/// is -0.047, so 0 moves up: {-2, -2} -> -2, the rest -> 6.2 / 6 = 1.0333.
/// Round 3 changes nothing. Scale 2 / 127: 1.0333 -> round(65.62) = 66.
// TENSOR-LABEL: func.func @codebook
// TENSOR:         %[[T:.*]] = qnn.constant dense<[-127, 66]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8<-127:127>:f32, 0.015748031437397003>>
// TENSOR:         %[[I:.*]] = arith.constant dense<{{\[\[}}true, false], [true, false], [true, true], [true, true]]> : tensor<4x2xi1>
// TENSOR:         qnn.codebook_lookup %[[I]], %[[T]] : tensor<4x2xi1>
// TENSOR-SAME:      -> tensor<4x2x!quant.uniform<i8<-127:127>:f32, 0.015748031437397003>>

/// The lowering expands the codebook at compile time: no lookup is left,
/// the contraction reads the centroid of each weight (zero point 0) as an
/// int8 constant.
// LOWER-LABEL: func.func @codebook
// LOWER-NOT:     tensor.extract
// LOWER:         %[[W:.*]] = arith.constant dense<{{\[\[}}6, -127], [6, -127], [127, 127], [127, 127]]> : tensor<4x2xi8>
// LOWER-NOT:     tensor.extract
// LOWER:         linalg.matmul ins(%{{.*}}, %[[W]] : tensor<1x4xi8>, tensor<4x2xi8>)

// BITS: error: quantize: codebook indices (weight-scheme=kmeans) take 1 to 8 bits, got weight-bits=9
// SCHEME: for the --weight-scheme option: Cannot find option named 'lloyd'!

func.func @codebook(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[0.0, -2.0], [0.1, -2.0], [1.0, 2.0], [1.1, 2.0]]> : tensor<4x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %xs = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x4xf32>
  %y = linalg.matmul ins(%xs, %w : tensor<1x4xf32>, tensor<4x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %ys = qnn.stats %y min = [-4.0], max = [4.0] : tensor<1x2xf32>
  return %ys : tensor<1x2xf32>
}
