// Pruning composes with quantization in either order: both give the same
// integer weights, each pruned weight at its zero point (the real zero),
// marked with qnn.pruned; a codebook keeps a zero centroid.
// RUN: qnn-opt %s --prune --quantize | FileCheck %s --check-prefix=SYM
// RUN: qnn-opt %s --quantize --prune | FileCheck %s --check-prefix=SYM
// RUN: qnn-opt %s --prune --quantize="weights=asymmetric" | FileCheck %s --check-prefix=ASYM
// RUN: qnn-opt %s --quantize="weights=asymmetric" --prune | FileCheck %s --check-prefix=ASYM
// RUN: qnn-opt %s --quantize="weight-bits=4" --prune | FileCheck %s --check-prefix=W4
// RUN: qnn-opt %s --prune --quantize="weight-scheme=kmeans weight-bits=2" | FileCheck %s --check-prefix=KMEANS
// RUN: qnn-opt %s --quantize="weight-scheme=kmeans" --prune 2>&1 | FileCheck %s --check-prefix=KMEANS-AFTER
// RUN: qnn-opt %s --prune --quantize --canonicalize --qnn-to-llvm | FileCheck %s --check-prefix=LOWERED
// RUN: qnn-opt %s --prune --quantize --qnn-report="table=-" -o /dev/null | FileCheck %s --check-prefix=REPORT
// RUN: qnn-opt %s --prune="pattern=2:4" --qnn-report="table=-" -o /dev/null | FileCheck %s --check-prefix=REPORT-FLOAT
// RUN: qnn-opt %s --prune --quantize --qnn-report="file=-" -o /dev/null | FileCheck %s --check-prefix=REPORT-JSON

/// Global 50% of |w| = [[1, 2], [3, 4], [0.5, 6], [7, 0.25]] keeps 3 4 6 7.
/// Scales max|w| / 127 per column: 7 / 127 and 6 / 127.
// SYM-LABEL: func.func @fc
// SYM:         %[[W:.*]] = qnn.constant dense<{{\[}}[0, 0], [54, -85], [0, 127], [-127, 0]]> : tensor<4x2xi8> -> tensor<4x2x!quant.uniform<i8<-127:127>:f32:1, {0.055118110030889511,0.04724409431219101}>>
// SYM:         %[[P:.*]] = qnn.pruned %[[W]] pattern(#qnn.unstructured)
// SYM:         qnn.matmul %{{.*}}, %[[P]]

/// Asymmetric per column: zero points 50 and -26 are the real zeros.
// ASYM-LABEL: func.func @fc
// ASYM:         %[[W:.*]] = qnn.constant dense<{{\[}}[50, -26], [126, -128], [50, 127], [-128, -26]]> : tensor<4x2xi8> -> tensor<4x2x!quant.uniform<i8:f32:1, {0.039215687662363052:50,0.039215687662363052:-26}>>
// ASYM:         qnn.pruned %[[W]] pattern(#qnn.unstructured)

/// Packed 4-bit weights are pruned in their storage.
// W4-LABEL: func.func @fc
// W4:         %[[W:.*]] = qnn.constant packed dense<[0, 179, 112, 9]> : tensor<4xui8> -> tensor<4x2x!quant.uniform<i4<-7:7>:f32:1, {1.000000e+00,0.8571428656578064}>>
// W4:         qnn.pruned %[[W]] pattern(#qnn.unstructured)

/// Entry 0 of each column's table is 0, and every pruned weight indexes it.
// KMEANS-LABEL: func.func @fc
// KMEANS:         %[[T:.*]] = qnn.constant dense<{{\[}}[0, -127, -36, 54], [0, -85, 21, 127]]> : tensor<2x4xi8>
// KMEANS:         %[[I:.*]] = arith.constant dense<{{\[}}[0, 0], [-1, 1], [0, -1], [1, 0]]> : tensor<4x2xi2>
// KMEANS:         %[[L:.*]] = qnn.codebook_lookup %[[I]], %[[T]] axis = 1
// KMEANS:         qnn.pruned %[[L]] pattern(#qnn.unstructured)

/// After k-means quantization no exact zero need exist: left dense.
// KMEANS-AFTER: remark: loc("fc"): left dense: codebook weights cannot be pruned after quantization (prune first: --prune --quantize keeps a zero centroid)
// KMEANS-AFTER-NOT: qnn.pruned

// LOWERED: llvm.func @fc

/// --qnn-report gives each pruned layer's pattern and density (the share of
/// weights that are not zero); pruned weights are stored dense so far.
// REPORT:       layer  op      weights             pruned                      input
// REPORT-NEXT:  fc     matmul  i8 per-channel sym  unstructured, density 0.50  i8 zp -64  i8 zp -1         32       8
// REPORT-FLOAT: fc     matmul  f32      2:4, density 0.50  f32    f32            32      32     -
// REPORT-JSON:      "density": 0.5,
// REPORT-JSON:      "name": "fc",
// REPORT-JSON:      "pruned": "unstructured",
func.func @fc(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[1.0, -2.0], [3.0, -4.0], [-0.5, 6.0], [-7.0, 0.25]]> : tensor<4x2xf32>
  %sx = qnn.stats %x min = [-1.0], max = [3.0] : tensor<1x4xf32>
  %e = tensor.empty() : tensor<1x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %y = linalg.matmul ins(%sx, %w : tensor<1x4xf32>, tensor<4x2xf32>) outs(%acc : tensor<1x2xf32>) -> tensor<1x2xf32> loc("fc")
  %sy = qnn.stats %y min = [-40.0], max = [40.0] : tensor<1x2xf32>
  return %sy : tensor<1x2xf32>
}
