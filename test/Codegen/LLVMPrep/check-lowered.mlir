// RUN: qnn-opt %s --split-input-file --qnn-check-lowered --verify-diagnostics | FileCheck %s
// qnn-to-llvm ends with the check: an op it cannot lower fails the run.
// RUN: not qnn-opt %S/Inputs/complex.mlir --qnn-to-llvm -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPELINE
// PIPELINE: error: 'complex.exp' was not lowered to the LLVM dialect

/// A module of LLVM dialect ops passes.
// CHECK-LABEL: llvm.func @lowered
llvm.func @lowered(%a: i32) -> i32 {
  %0 = llvm.add %a, %a : i32
  llvm.return %0 : i32
}

// -----

/// Anything else is named, once per kind of op.
llvm.func @left_behind(%a: f32) -> f32 {
  // expected-error@+1 {{'math.erf' was not lowered to the LLVM dialect}}
  %0 = math.erf %a : f32
  %1 = math.erf %0 : f32
  // expected-error@+1 {{'builtin.unrealized_conversion_cast' was not lowered to the LLVM dialect}}
  %2 = builtin.unrealized_conversion_cast %1 : f32 to f32
  llvm.return %2 : f32
}
