// RUN: qnn-opt %s --qnn-bufferize | FileCheck %s

/// Function boundaries become identity-layout memrefs and copies are
/// linalg.copy (no memrefCopy runtime call).
// CHECK-LABEL: func.func @pad
// CHECK-SAME:    (%{{.*}}: memref<2x2xi16>) -> memref<4x4xi16>
// CHECK:         linalg.copy
// CHECK-NOT:     memref.copy
func.func @pad(%x: tensor<2x2xi16>) -> tensor<4x4xi16> {
  %c0 = arith.constant 0 : i16
  %p = tensor.pad %x low[1, 1] high[1, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %c0 : i16
  } : tensor<2x2xi16> to tensor<4x4xi16>
  return %p : tensor<4x4xi16>
}
