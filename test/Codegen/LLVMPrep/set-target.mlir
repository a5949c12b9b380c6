// RUN: qnn-opt %s --qnn-set-target="cpu=znver3 features=+avx2,+fma" | FileCheck %s
// RUN: qnn-opt %s --qnn-set-target | FileCheck %s --check-prefix=HOST
// Names LLVM does not know are errors (LLVM alone would only warn and
// compile for a baseline CPU), in the pass, the pipeline and qnn-run.
// RUN: not qnn-opt %s --qnn-set-target="cpu=bogus" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADCPU
// RUN: not qnn-opt %s --qnn-to-llvm="target-cpu=bogus" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADCPU
// RUN: not qnn-run %S/../../Integration/Inputs/float-model.mlir --target-cpu=bogus 2>&1 | FileCheck %s --check-prefix=BADCPU
// BADCPU: error: qnn-set-target: unknown CPU 'bogus' for x86_64-{{.*}} (for example x86-64-v3, znver4, sapphirerapids, or host)
// RUN: not qnn-opt %s --qnn-set-target="features=+avx2,+avx9" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADFEATURE
// BADFEATURE: error: qnn-set-target: unknown target feature 'avx9'
// RUN: not qnn-opt %s --qnn-set-target="features=avx2" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOSIGN
// NOSIGN: error: qnn-set-target: target feature 'avx2' must start with '+' or '-' (e.g. '+avx2')

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
