// RUN: qnn-opt %s --split-input-file --qnn-strip-stats | FileCheck %s

/// Every qnn.stats is replaced by its input; other ops stay.
// CHECK-LABEL: func.func @strip
// CHECK-SAME:    (%[[X:.*]]: tensor<4xf32>)
// CHECK-NOT:     qnn.stats
// CHECK:         %[[Y:.*]] = math.tanh %[[X]]
// CHECK-NEXT:    return %[[Y]]
func.func @strip(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qnn.stats %x min = [-1.0], max = [1.0] : tensor<4xf32>
  %1 = math.tanh %0 : tensor<4xf32>
  %2 = qnn.stats %1 min = [-0.5], max = [0.5] : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

/// Nothing to strip: the IR is unchanged.
// CHECK-LABEL: func.func @negative_strip
// CHECK-NEXT:    math.tanh
func.func @negative_strip(%x: tensor<4xf32>) -> tensor<4xf32> {
  %1 = math.tanh %x : tensor<4xf32>
  return %1 : tensor<4xf32>
}
