// RUN: qnn-opt %s --resolve-ranked-shaped-type-result-dims | FileCheck %s

// qnn.stats returns its input: the sizes of its result are its input's
// (ReifyRankedShapedTypeOpInterface), so shape queries see through it.

// CHECK-LABEL: func.func @dim_of_stats
// CHECK-SAME:    (%[[X:.*]]: tensor<?x4xf32>)
// CHECK:         %[[D:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK-NEXT:    return %[[D]]
func.func @dim_of_stats(%x: tensor<?x4xf32>) -> index {
  %c0 = arith.constant 0 : index
  %s = qnn.stats %x min = [0.0], max = [1.0] : tensor<?x4xf32>
  %d = tensor.dim %s, %c0 : tensor<?x4xf32>
  return %d : index
}
