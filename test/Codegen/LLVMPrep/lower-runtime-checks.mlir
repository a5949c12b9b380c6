// RUN: qnn-opt %s --split-input-file --qnn-lower-runtime-checks | FileCheck %s

/// [Pattern: assert] IN: cf.assert %ok, "msg"
/// OUT: cf.cond_br %ok, ^after, ^failed; ^failed calls
/// qnn_runtime_check_failed("msg"), which does not return. A repeated
/// message shares its global.
// CHECK:       llvm.mlir.global internal constant @qnn_check_message_0("index out of range\00")
// CHECK-NOT:   @qnn_check_message_1
// CHECK:       llvm.func @qnn_runtime_check_failed(!llvm.ptr)
// CHECK-LABEL: func.func @checks
// CHECK:         cf.cond_br %{{.*}}, ^[[AFTER:bb[0-9]+]], ^[[FAILED:bb[0-9]+]]
// CHECK:       ^[[FAILED]]:
// CHECK:         llvm.mlir.addressof @qnn_check_message_0
// CHECK:         llvm.call @qnn_runtime_check_failed(%{{.*}})
// CHECK-NEXT:    llvm.unreachable
// CHECK:       ^[[AFTER]]:
// CHECK:         cf.cond_br
// CHECK:         llvm.mlir.addressof @qnn_check_message_0
// CHECK-NOT:     cf.assert
// CHECK:         return
func.func @checks(%a: i1, %b: i1) -> i32 {
  cf.assert %a, "index out of range"
  cf.assert %b, "index out of range"
  %c = arith.constant 1 : i32
  return %c : i32
}

// -----

/// Without asserts nothing changes and no function is declared.
// CHECK:       // -----
// CHECK-NOT:   qnn_runtime_check_failed
// CHECK-LABEL: func.func @negative_no_checks
func.func @negative_no_checks() {
  return
}
