// The int8 kernels in machine code, for targets other than this machine
// (weights as bytes: sub-byte-kernels-asm.mlir has those of few values).
// RUN: qnn-opt %s --qnn-to-llvm="target-cpu=znver4 sub-byte-weights=false" | mlir-translate --mlir-to-llvmir | llc -O3 | FileCheck %s --check-prefix=ZMM
// RUN: qnn-opt %s --qnn-to-llvm="target-cpu=cascadelake sub-byte-weights=false" | mlir-translate --mlir-to-llvmir | llc -O3 | FileCheck %s --check-prefix=NOVBMI
// RUN: qnn-opt %s --qnn-to-llvm="target-cpu=x86-64-v3 target-features=+avxvnni sub-byte-weights=false" | mlir-translate --mlir-to-llvmir | llc -O3 | FileCheck %s --check-prefix=YMM
// RUN: qnn-opt %s --qnn-to-llvm="target-cpu=x86-64-v3 sub-byte-weights=false" | mlir-translate --mlir-to-llvmir | llc -O3 | FileCheck %s --check-prefix=AVX2

/// Zen 4: vpdpbusd on zmm, 4 panels by 6 rows in the inner loop. AVX2 with
/// AVX-VNNI: the VEX form on ymm. AVX2 alone: vpmaddwd and vpaddd, 2
/// panels by 4 rows.
// ZMM-LABEL: layer:
// ZMM-COUNT-24: vpdpbusd {{.*}}%zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// YMM-LABEL: layer:
// YMM-COUNT-12: {vex} vpdpbusd {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// AVX2-LABEL: layer:
// AVX2-NOT:   vpdpbusd
// AVX2-COUNT-8: vpmaddwd {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
!a = !quant.uniform<i8:f32, 0.5:3>
!w = !quant.uniform<i8:f32, 0.25>
!acc = !quant.uniform<i32:f32, 0.125>
func.func @layer(%a: tensor<?x256x!a>) -> tensor<?x64x!acc> {
  %w = qnn.constant dense<7> : tensor<256x64xi8> -> tensor<256x64x!w>
  %acc = qnn.matmul %a, %w : (tensor<?x256x!a>, tensor<256x64x!w>) -> tensor<?x64x!acc>
  return %acc : tensor<?x64x!acc>
}

/// Weights with no nonzero tile take the sparse kernel: 12 rows by one
/// panel (8 rows for vpmaddwd), over a panel's kept tiles.
// ZMM-LABEL: pruned_layer:
// ZMM-NOT:   _packed
// ZMM:       _starts
// ZMM:       _groups
// ZMM-COUNT-12: vpdpbusd {{.*}}%zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// YMM-LABEL: pruned_layer:
// YMM-NOT:   _packed
// YMM:       _starts
// YMM:       _groups
// YMM-COUNT-12: {vex} vpdpbusd {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// AVX2-LABEL: pruned_layer:
// AVX2-NOT:   vpdpbusd
// AVX2-NOT:   _packed
// AVX2:       _starts
// AVX2:       _groups
// AVX2-COUNT-8: vpmaddwd {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
func.func @pruned_layer(%a: tensor<?x256x!a>) -> tensor<?x64x!acc> {
  %w = qnn.constant dense<0> : tensor<256x64xi8> -> tensor<256x64x!w>
  %acc = qnn.matmul %a, %w : (tensor<?x256x!a>, tensor<256x64x!w>) -> tensor<?x64x!acc>
  return %acc : tensor<?x64x!acc>
}

/// One nonzero per column: the gather kernel, 12 rows by one panel, each
/// row's activations picked from a window by vpermb (64 bytes, AVX512-VBMI)
/// or vpshufb (16 bytes repeated into each 128-bit lane).
// ZMM-LABEL: unstructured_layer:
// ZMM-NOT:   _packed
// ZMM-COUNT-12: vpermb
// ZMM:       vpdpbusd {{.*}}%zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// ZMM:       _windows
// NOVBMI-LABEL: unstructured_layer:
// NOVBMI-NOT:   vpermb
// NOVBMI:       vpshufb {{.*}}%zmm{{[0-9]+}}
// NOVBMI:       vpdpbusd {{.*}}%zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// YMM-LABEL: unstructured_layer:
// YMM:       vpshufb {{.*}}%ymm{{[0-9]+}}
// YMM:       {vex} vpdpbusd {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// AVX2-LABEL: unstructured_layer:
// AVX2-NOT:   vpdpbusd
// AVX2:       vpshufb {{.*}}%ymm{{[0-9]+}}
// AVX2:       vpmaddwd {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
func.func @unstructured_layer(%a: tensor<?x64x!a>) -> tensor<?x16x!acc> {
  %w = qnn.constant dense<[[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 13, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 14, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16]]> : tensor<64x16xi8> -> tensor<64x16x!w>
  %acc = qnn.matmul %a, %w : (tensor<?x64x!a>, tensor<64x16x!w>) -> tensor<?x16x!acc>
  return %acc : tensor<?x16x!acc>
}

/// A padded depthwise convolution: on VNNI, 4 filter rows interleaved by
/// byte and 16-bit unpacks into vpdpbusd operands (zmm, or the VEX form on
/// ymm); on AVX2, the taps sign-extended and multiplied in int32.
// ZMM-LABEL: depthwise_layer:
// ZMM:       vpunpcklbw {{.*}}%zmm{{[0-9]+}}
// ZMM:       vpunpcklwd {{.*}}%zmm{{[0-9]+}}
// ZMM:       vpdpbusd {{.*}}%zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// YMM-LABEL: depthwise_layer:
// YMM:       vpunpcklbw {{.*}}%ymm{{[0-9]+}}
// YMM:       {vex} vpdpbusd {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// AVX2-LABEL: depthwise_layer:
// AVX2-NOT:   vpdpbusd
// AVX2:       vpmulld {{.*}}%ymm{{[0-9]+}}
func.func @depthwise_layer(%a: tensor<?x8x8x64x!a>) -> tensor<?x8x8x64x!acc> {
  %w = qnn.constant dense<3> : tensor<3x3x1x64xi8> -> tensor<3x3x1x64x!w>
  %acc = qnn.conv2d %a, %w {groups = 64 : i64, padding = array<i64: 1, 1, 1, 1>} : (tensor<?x8x8x64x!a>, tensor<3x3x1x64x!w>) -> tensor<?x8x8x64x!acc>
  return %acc : tensor<?x8x8x64x!acc>
}

/// A requantize in the kernel's epilogue: on zmm the rounding is the
/// conversion's own ({rn-sae}), after the clamps; ymm has no static
/// rounding and keeps vroundps.
// ZMM-LABEL: requantized_layer:
// ZMM:       vpdpbusd
// ZMM-NOT:   vrndscaleps
// ZMM:       vcvtps2dq {rn-sae}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// ZMM:       vpmovdb
// YMM-LABEL: requantized_layer:
// YMM:       vroundps $8, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
!o = !quant.uniform<i8:f32, 3.0:-5>
func.func @requantized_layer(%a: tensor<?x256x!a>) -> tensor<?x64x!o> {
  %w = qnn.constant dense<7> : tensor<256x64xi8> -> tensor<256x64x!w>
  %acc = qnn.matmul %a, %w : (tensor<?x256x!a>, tensor<256x64x!w>) -> tensor<?x64x!acc>
  %r = qnn.requantize %acc rounding = half_to_even : tensor<?x64x!acc> -> tensor<?x64x!o>
  return %r : tensor<?x64x!o>
}
