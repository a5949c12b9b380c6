// RUN: qnn-opt %s --qnn-to-llvm="target-cpu=znver3 target-features=+avx2,+fma" | FileCheck %s
// RUN: qnn-opt %s --qnn-to-llvm="vectorize=false" | FileCheck %s --check-prefix=SCALAR
// RUN: qnn-opt %s --qnn-to-llvm | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR

/// The pipeline leaves only the LLVM dialect: the target's int8 kernel
/// (AVX2 on Zen 3: vpmaddwd), vector arithmetic, the C interface, the
/// target attributes.
// CHECK-NOT:   qnn.
// CHECK-NOT:   linalg.
// CHECK-NOT:   vector.
// CHECK-LABEL: llvm.func @layer(
// CHECK-SAME:    target_cpu = "znver3"
// CHECK-DAG:     llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// CHECK-DAG:     llvm.intr.roundeven({{.*}}) : (vector<16xf32>) -> vector<16xf32>
// CHECK-LABEL: llvm.func @_mlir_ciface_layer(
// SCALAR-LABEL: llvm.func @layer(
// SCALAR-NOT:    vector<
// SCALAR:        llvm.intr.roundeven({{.*}}) : (f32) -> f32
// LLVMIR: define void @_mlir_ciface_layer(
!a = !quant.uniform<i8:f32, 0.5:3>
!w = !quant.uniform<i8:f32:1, {0.25, 0.5}>
!acc = !quant.uniform<i32:f32:1, {0.125, 0.25}>
!y = !quant.uniform<i8:f32, 0.1:-3>
func.func @layer(%x: tensor<8x40xf32>) -> tensor<8x2xf32> {
  %q = qnn.quantize %x : tensor<8x40xf32> -> tensor<8x40x!a>
  %w = qnn.constant dense<1> : tensor<40x2xi8> -> tensor<40x2x!w>
  %c = qnn.matmul %q, %w : (tensor<8x40x!a>, tensor<40x2x!w>) -> tensor<8x2x!acc>
  %r = qnn.requantize %c rounding = half_to_even : tensor<8x2x!acc> -> tensor<8x2x!y>
  %d = qnn.dequantize %r : tensor<8x2x!y> -> tensor<8x2xf32>
  return %d : tensor<8x2xf32>
}
