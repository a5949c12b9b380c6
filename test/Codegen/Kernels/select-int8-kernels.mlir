// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-select-int8-kernels{cpu=cascadelake}))' --remarks-filter=qnn-int8-kernels --remark-policy=all --verify-diagnostics | FileCheck %s --check-prefix=ZMM
// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-select-int8-kernels{cpu=znver4}))' | FileCheck %s --check-prefix=VBMI
// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-select-int8-kernels{cpu=x86-64-v3 features=+avxvnni}))' | FileCheck %s --check-prefix=YMM
// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-select-int8-kernels{cpu=x86-64-v3}))' | FileCheck %s --check-prefix=AVX2
// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-select-int8-kernels{cpu=x86-64-v2}))' | FileCheck %s --check-prefix=NONE
// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-select-int8-kernels{cpu=x86-64-v4 features=+avx512vnni}))' | FileCheck %s --check-prefix=ZMM

/// The kernel follows the target: Cascade Lake (AVX512-VNNI) gets zmm
/// vpdpbusd, Zen 4 also vpermb for the gather kernel (AVX512-VBMI), AVX2
/// with AVX-VNNI ymm vpdpbusd, AVX2 alone vpmaddwd, older CPUs none. A
/// CPU name implies its features and does not take this machine's.
// ZMM-LABEL: func.func @constant_weights
// VBMI-LABEL: func.func @constant_weights(
// VBMI:         linalg.matmul {qnn.kernel = "avx512-vnni-vbmi"}
// ZMM:         linalg.matmul {qnn.kernel = "avx512-vnni"}
// YMM-LABEL: func.func @constant_weights
// YMM:         linalg.matmul {qnn.kernel = "avx-vnni"}
// AVX2-LABEL: func.func @constant_weights
// AVX2:         linalg.matmul {qnn.kernel = "avx2"}
// NONE-LABEL: func.func @constant_weights
// NONE-NOT:    qnn.kernel
func.func @constant_weights(%a: tensor<?x70xi8>, %c: tensor<?x50xi32>) -> tensor<?x50xi32> {
  %w = arith.constant dense<3> : tensor<70x50xi8>
  // expected-remark@+1 {{int8 matmul K=70 N=50: avx512-vnni kernel}}
  %0 = linalg.matmul ins(%a, %w : tensor<?x70xi8>, tensor<70x50xi8>) outs(%c : tensor<?x50xi32>) -> tensor<?x50xi32>
  return %0 : tensor<?x50xi32>
}

// -----

/// Weights that are an argument, unsigned extension, a float matmul and a
/// dynamic reduction keep the portable lowering, without a remark.
// ZMM-LABEL: func.func @not_taken
// ZMM-NOT:     qnn.kernel
func.func @not_taken(%a: tensor<4x8xi8>, %b: tensor<8x16xi8>, %c: tensor<4x16xi32>,
                     %af: tensor<4x8xf32>, %cf: tensor<4x16xf32>, %ad: tensor<4x?xi8>)
    -> (tensor<4x16xi32>, tensor<4x16xi32>, tensor<4x16xf32>) {
  %w = arith.constant dense<1> : tensor<8x16xi8>
  %wf = arith.constant dense<1.0> : tensor<8x16xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<4x8xi8>, tensor<8x16xi8>) outs(%c : tensor<4x16xi32>) -> tensor<4x16xi32>
  %1 = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%a, %w : tensor<4x8xi8>, tensor<8x16xi8>) outs(%c : tensor<4x16xi32>) -> tensor<4x16xi32>
  %2 = linalg.matmul ins(%af, %wf : tensor<4x8xf32>, tensor<8x16xf32>) outs(%cf : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0, %1, %2 : tensor<4x16xi32>, tensor<4x16xi32>, tensor<4x16xf32>
}

// -----

/// Transposed weights (a non-default map) are not the kernel's layout.
// ZMM-LABEL: func.func @transposed
// ZMM-NOT:     qnn.kernel
func.func @transposed(%a: tensor<4x8xi8>, %c: tensor<4x16xi32>) -> tensor<4x16xi32> {
  %w = arith.constant dense<1> : tensor<16x8xi8>
  %0 = linalg.matmul
    indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %w : tensor<4x8xi8>, tensor<16x8xi8>) outs(%c : tensor<4x16xi32>) -> tensor<4x16xi32>
  return %0 : tensor<4x16xi32>
}

// -----

/// An NHWC convolution with a constant HWCF filter, static but for the
/// batch, is an implicit matmul of K = KH x KW x C.
// ZMM-LABEL: func.func @conv
// ZMM:         linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, qnn.kernel = "avx512-vnni", strides = dense<1> : tensor<2xi64>}
// NONE-LABEL: func.func @conv
// NONE-NOT:    qnn.kernel
func.func @conv(%x: tensor<?x10x10x8xi8>, %y: tensor<?x8x8x16xi32>) -> tensor<?x8x8x16xi32> {
  %w = arith.constant dense<1> : tensor<3x3x8x16xi8>
  // expected-remark@+1 {{int8 conv K=72 N=16: avx512-vnni kernel}}
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<?x10x10x8xi8>, tensor<3x3x8x16xi8>) outs(%y : tensor<?x8x8x16xi32>) -> tensor<?x8x8x16xi32>
  return %0 : tensor<?x8x8x16xi32>
}

// -----

/// The bias broadcast the accumulators start from and the elementwise op
/// on the result (a requantize) are marked: the kernel computes them in its
/// registers, and the int32 result never goes to memory.
// ZMM-LABEL: func.func @fused_parts
// ZMM:         linalg.broadcast {{.*}} {qnn.kernel_part = "init"}
// ZMM:         linalg.matmul {qnn.kernel = "avx512-vnni"}
// ZMM:         linalg.generic
// ZMM-SAME:      qnn.kernel_part = "epilogue"
func.func @fused_parts(%a: tensor<?x64xi8>) -> tensor<?x32xi8> {
  %c0 = arith.constant 0 : index
  %w = arith.constant dense<3> : tensor<64x32xi8>
  %bias = arith.constant dense<7> : tensor<32xi32>
  %scale = arith.constant dense<0.5> : tensor<32xf32>
  %m = tensor.dim %a, %c0 : tensor<?x64xi8>
  %e = tensor.empty(%m) : tensor<?x32xi32>
  %init = linalg.broadcast ins(%bias : tensor<32xi32>) outs(%e : tensor<?x32xi32>) dimensions = [0]
  // expected-remark@+1 {{int8 matmul K=64 N=32: avx512-vnni kernel from its bias with its epilogue in registers}}
  %acc = linalg.matmul ins(%a, %w : tensor<?x64xi8>, tensor<64x32xi8>) outs(%init : tensor<?x32xi32>) -> tensor<?x32xi32>
  %o = tensor.empty(%m) : tensor<?x32xi8>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %scale : tensor<?x32xi32>, tensor<32xf32>) outs(%o : tensor<?x32xi8>) {
  ^bb0(%in: i32, %s: f32, %out: i8):
    %f = arith.sitofp %in : i32 to f32
    %p = arith.mulf %f, %s : f32
    %i = arith.fptosi %p : f32 to i8
    linalg.yield %i : i8
  } -> tensor<?x32xi8>
  return %r : tensor<?x32xi8>
}

// -----

/// An epilogue the registers cannot hold stays a separate op, with the
/// reason: here it reads its output's old value. A bias with another user
/// is not marked either.
// ZMM-LABEL: func.func @not_fused
// ZMM-NOT:     qnn.kernel_part
func.func @not_fused(%a: tensor<4x64xi8>, %o: tensor<4x32xi32>) -> (tensor<4x32xi32>, tensor<4x32xi32>) {
  %w = arith.constant dense<3> : tensor<64x32xi8>
  %bias = arith.constant dense<7> : tensor<32xi32>
  %e = tensor.empty() : tensor<4x32xi32>
  %init = linalg.broadcast ins(%bias : tensor<32xi32>) outs(%e : tensor<4x32xi32>) dimensions = [0]
  // expected-remark@+1 {{int8 matmul K=64 N=32: avx512-vnni kernel}}
  %acc = linalg.matmul ins(%a, %w : tensor<4x64xi8>, tensor<64x32xi8>) outs(%init : tensor<4x32xi32>) -> tensor<4x32xi32>
  // expected-remark@+1 {{epilogue not fused into the int8 kernel: the body reads the output's old value}}
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc : tensor<4x32xi32>) outs(%o : tensor<4x32xi32>) {
  ^bb0(%in: i32, %out: i32):
    %s = arith.addi %in, %out : i32
    linalg.yield %s : i32
  } -> tensor<4x32xi32>
  return %r, %init : tensor<4x32xi32>, tensor<4x32xi32>
}

// -----

/// A depthwise convolution on int8 takes a kernel too; sizes read by
/// run-time checks (tensor.dim) do not keep its bias and epilogue out.
// ZMM-LABEL: func.func @depthwise
// ZMM:         linalg.broadcast {{.*}} {qnn.kernel_part = "init"}
// ZMM:         linalg.depthwise_conv_2d_nhwc_hwc {{{.*}}qnn.kernel = "avx512-vnni"
// ZMM:         qnn.kernel_part = "epilogue"
func.func @depthwise(%x: tensor<?x6x6x16xi8>) -> (tensor<?x4x4x16xi8>, index) {
  %c0 = arith.constant 0 : index
  %w = arith.constant dense<2> : tensor<3x3x16xi8>
  %bias = arith.constant dense<7> : tensor<16xi32>
  %n = tensor.dim %x, %c0 : tensor<?x6x6x16xi8>
  %e = tensor.empty(%n) : tensor<?x4x4x16xi32>
  %init = linalg.broadcast ins(%bias : tensor<16xi32>) outs(%e : tensor<?x4x4x16xi32>) dimensions = [0, 1, 2]
  %checked = tensor.dim %init, %c0 : tensor<?x4x4x16xi32>
  // expected-remark@+1 {{int8 depthwise K=9 N=16: avx512-vnni kernel from its bias with its epilogue in registers}}
  %acc = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<?x6x6x16xi8>, tensor<3x3x16xi8>) outs(%init : tensor<?x4x4x16xi32>) -> tensor<?x4x4x16xi32>
  %o = tensor.empty(%n) : tensor<?x4x4x16xi8>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%acc : tensor<?x4x4x16xi32>) outs(%o : tensor<?x4x4x16xi8>) {
  ^bb0(%in: i32, %out: i8):
    %t = arith.trunci %in : i32 to i8
    linalg.yield %t : i8
  } -> tensor<?x4x4x16xi8>
  return %r, %checked : tensor<?x4x4x16xi8>, index
}
