// RUN: qnn-opt %s --split-input-file --qnn-insert-runtime-checks | FileCheck %s
// RUN: qnn-opt %s --split-input-file --qnn-insert-runtime-checks="ops=all" | FileCheck %s --check-prefix=ALL
// RUN: not qnn-opt %s --qnn-insert-runtime-checks="ops=some" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: qnn-insert-runtime-checks: ops must be 'shapes' or 'all', got 'some'

/// ops=shapes checks linalg operand sizes and casts to static sizes, with
/// the op and its location in the message; not index bounds.
// CHECK-LABEL: func.func @shapes
// CHECK:         cf.assert %{{.*}}, "tensor.cast at loc({{.*}}): size mismatch of dim 1"
// CHECK:         tensor.cast
// CHECK:         cf.assert %{{.*}}, "linalg.matmul at loc({{.*}}): dimension #1 of input/output operand #0 is incompatible with inferred dimension size"
// CHECK:         linalg.matmul
// CHECK-NOT:     out-of-bounds
// ALL-LABEL:   func.func @shapes
// ALL:           "tensor.extract at loc({{.*}}): out-of-bounds access"
func.func @shapes(%x: tensor<?x?xf32>, %w: tensor<16x8xf32>, %acc: tensor<?x8xf32>, %i: index) -> (tensor<?x8xf32>, f32) {
  %c = tensor.cast %x : tensor<?x?xf32> to tensor<?x16xf32>
  %y = linalg.matmul ins(%x, %w : tensor<?x?xf32>, tensor<16x8xf32>) outs(%acc : tensor<?x8xf32>) -> tensor<?x8xf32>
  %e = tensor.extract %w[%i, %i] : tensor<16x8xf32>
  return %y, %e : tensor<?x8xf32>, f32
}
