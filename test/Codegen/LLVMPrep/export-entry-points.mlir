// RUN: qnn-opt %s --qnn-export-entry-points | FileCheck %s

/// Public functions with a body get a C interface and a signature record;
/// private functions and declarations do not.
// CHECK-LABEL: func.func @forward
// CHECK-SAME:    attributes {llvm.emit_c_interface, qnn.signature = "(tensor<?x4x!quant.uniform<u8:f32, 5.000000e-01:128>>) -> tensor<?x4xf32>"}
// CHECK-LABEL: func.func private @helper
// CHECK-NOT:     llvm.emit_c_interface
// CHECK-LABEL: func.func private @external
// CHECK-NOT:     qnn.signature
func.func @forward(%x: tensor<?x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<?x4xf32> {
  %y = qnn.dequantize %x : tensor<?x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}
func.func private @helper() { return }
func.func private @external()
