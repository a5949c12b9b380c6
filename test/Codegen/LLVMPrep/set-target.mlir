// RUN: qnn-opt %s --qnn-set-target="cpu=znver3 features=+avx2,+fma" | FileCheck %s
// RUN: qnn-opt %s --qnn-set-target | FileCheck %s --check-prefix=HOST

/// Every function without a target gets one; an existing one is kept.
// CHECK-LABEL: func.func @f()
// CHECK-SAME:    target_cpu = "znver3"
// CHECK-SAME:    target_features = #llvm.target_features<["+avx2", "+fma"]>
// CHECK-LABEL: func.func @g()
// CHECK-SAME:    target_cpu = "x86-64"
// HOST-LABEL: func.func @f()
// HOST-SAME:    target_cpu = "{{[a-z0-9-]+}}"
// HOST-SAME:    target_features = #llvm.target_features<[{{.*}}"+sse2"
func.func @f() { return }
func.func @g() attributes {target_cpu = "x86-64"} { return }
