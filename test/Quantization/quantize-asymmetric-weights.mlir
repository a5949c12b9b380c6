// RUN: qnn-opt %s --quantize="weights=asymmetric" | FileCheck %s --check-prefix=CHAN
// RUN: qnn-opt %s --quantize="weights=asymmetric weight-granularity=per-tensor weight-bits=4" | FileCheck %s --check-prefix=TENSOR4
// RUN: not qnn-opt %s --quantize="weights=asymmetric weight-scheme=kmeans" 2>&1 | FileCheck %s --check-prefix=KMEANS
// RUN: not qnn-opt %s --quantize="weights=lopsided" 2>&1 | FileCheck %s --check-prefix=BAD

/// weights=asymmetric: each column's [min, max], widened to contain 0, over
/// the full int8 range. Column 0 [0, 2]: scale 2 / 255, zero point -128, so
/// 0 -> -128 and 2 -> 127. Column 1 [-1, -0.5] -> [-1, 0]: scale 1 / 255
/// (0.0039215689 in binary32), zero point 127; -1 -> -128 and
/// -0.5 / 0.0039215689 = -127.49999 -> -127 -> 0.
// CHAN-LABEL: func.func @weights
// CHAN:         qnn.constant dense<{{\[\[}}-128, -128], [127, 0]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.0078431377187371254:-128,0.0039215688593685627:127}>>
// CHAN:         qnn.matmul

/// Per tensor, 4 bits: [-1, 2] over [-8, 7]: scale 3 / 15 = 0.2, zero point
/// round(-8 + 1 / 0.2) = -3. Row-major [0, -1, 2, -0.5] -> [0, -5, 10, -2.5
/// -> -2 (ties to even)] + (-3) = [-3, -8, 7, -5]; the first of each pair in
/// the low nibble: 0x8D = 141, 0xB7 = 183.
// TENSOR4-LABEL: func.func @weights
// TENSOR4:         qnn.constant packed dense<[141, 183]> : tensor<2xui8> -> tensor<2x2x!quant.uniform<i4:f32, 0.20000000298023224:-3>>

// KMEANS: error: quantize: weights=asymmetric applies to uniform weights; codebook centroids are symmetric int8
// BAD: for the --weights option: Cannot find option named 'lopsided'!

func.func @weights(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %sx = qnn.stats %x min = [-1.0], max = [1.0] : tensor<1x2xf32>
  %c = arith.constant dense<[[0.0, -1.0], [2.0, -0.5]]> : tensor<2x2xf32>
  %init = arith.constant dense<0.0> : tensor<1x2xf32>
  %0 = linalg.matmul ins(%sx, %c : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32>
  %s = qnn.stats %0 min = [-2.0], max = [2.0] : tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}
