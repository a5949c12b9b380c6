// RUN: qnn-opt %s --split-input-file --canonicalize="test-convergence" | FileCheck %s

// Folders and canonicalization patterns of the qnn dialect. Folded values
// come from the reference semantics (docs/Semantics.md).

/// [Fold: quantize(constant)] ties round half to even, out-of-range values
/// saturate, NaN becomes the zero point.
// CHECK-LABEL: func.func @fold_quantize_constant
// CHECK:         %[[C:.*]] = qnn.constant dense<[2, 4, -2, -4, 127, -128, 0]> : tensor<7xi8> -> tensor<7x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK-NEXT:    return %[[C]]
func.func @fold_quantize_constant() -> tensor<7x!quant.uniform<i8:f32, 1.0>> {
  %x = arith.constant dense<[2.5, 3.5, -2.5, -3.5, 300.0, -200.0, 0x7FC00000]> : tensor<7xf32>
  %q = qnn.quantize %x : tensor<7xf32> -> tensor<7x!quant.uniform<i8:f32, 1.0>>
  return %q : tensor<7x!quant.uniform<i8:f32, 1.0>>
}

// -----

/// [Fold: quantize(constant)] with half_away_from_zero and a zero point.
// CHECK-LABEL: func.func @fold_quantize_half_away
// CHECK:         qnn.constant dense<[13, 7, -123]> : tensor<3xi8>
func.func @fold_quantize_half_away() -> tensor<3x!quant.uniform<i8:f32, 0.5:10>> {
  %x = arith.constant dense<[1.25, -1.25, -66.5]> : tensor<3xf32>
  %q = qnn.quantize %x rounding = half_away_from_zero : tensor<3xf32> -> tensor<3x!quant.uniform<i8:f32, 0.5:10>>
  return %q : tensor<3x!quant.uniform<i8:f32, 0.5:10>>
}

// -----

/// [Fold: quantize(constant)] per axis: each row has its own scale and zero
/// point; u4 saturates at 15. 4-bit storage is written packed, two values
/// per byte, the first in the low nibble: [9, 10, 7, 15] -> 0xA9, 0xF7.
// CHECK-LABEL: func.func @fold_quantize_per_axis_u4
// CHECK:         qnn.constant packed dense<[169, 247]> : tensor<2xui8> -> tensor<2x2x!quant.uniform<u4:f32:0, {{.*}}>>
func.func @fold_quantize_per_axis_u4() -> tensor<2x2x!quant.uniform<u4:f32:0, {0.5:8, 0.25:3}>> {
  %x = arith.constant dense<[[0.5, 1.0], [1.0, 9.0]]> : tensor<2x2xf32>
  %q = qnn.quantize %x : tensor<2x2xf32> -> tensor<2x2x!quant.uniform<u4:f32:0, {0.5:8, 0.25:3}>>
  return %q : tensor<2x2x!quant.uniform<u4:f32:0, {0.5:8, 0.25:3}>>
}

// -----

/// [Fold: dequantize(qnn.constant)] (q - zp) * scale in binary32.
// CHECK-LABEL: func.func @fold_dequantize_constant
// CHECK:         %[[C:.*]] = arith.constant dense<[-1.000000e+00, 0.000000e+00, 6.500000e+01]> : tensor<3xf32>
// CHECK-NEXT:    return %[[C]]
func.func @fold_dequantize_constant() -> tensor<3xf32> {
  %q = qnn.constant dense<[8, 10, 140]> : tensor<3xui8> -> tensor<3x!quant.uniform<u8:f32, 0.5:10>>
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<u8:f32, 0.5:10>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// -----

/// [Fold: quantize(dequantize(q))] to q's own type is q.
// CHECK-LABEL: func.func @fold_quantize_of_dequantize
// CHECK-SAME:    (%[[Q:.*]]: tensor<4x!quant.uniform<i8:f32, 1.000000e-01:3>>)
// CHECK-NEXT:    return %[[Q]]
func.func @fold_quantize_of_dequantize(%q: tensor<4x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.1:3>> {
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.1:3>> -> tensor<4xf32>
  %r = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1:3>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.1:3>>
}

// -----

/// [Fold: quantize(dequantize(q))] to another type is a real requantization
/// and stays.
// CHECK-LABEL: func.func @negative_fold_quantize_of_dequantize_other_type
// CHECK:         qnn.dequantize
// CHECK:         qnn.quantize
func.func @negative_fold_quantize_of_dequantize_other_type(%q: tensor<4x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.2:3>> {
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.1:3>> -> tensor<4xf32>
  %r = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.2:3>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.2:3>>
}

// -----

/// dequantize(quantize(x)) simulates quantization error: never folded to x.
// CHECK-LABEL: func.func @negative_fold_dequantize_of_quantize
// CHECK:         %[[Q:.*]] = qnn.quantize
// CHECK:         %[[D:.*]] = qnn.dequantize %[[Q]]
// CHECK:         return %[[D]]
func.func @negative_fold_dequantize_of_quantize(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  %d = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

/// [Fold: requantize to its own type] is the identity for <= 16-bit storage.
// CHECK-LABEL: func.func @fold_requantize_identity
// CHECK-SAME:    (%[[Q:.*]]: tensor<4x
// CHECK-NEXT:    return %[[Q]]
func.func @fold_requantize_identity(%q: tensor<4x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.1:3>> {
  %r = qnn.requantize %q rounding = double_round : tensor<4x!quant.uniform<i8:f32, 0.1:3>> -> tensor<4x!quant.uniform<i8:f32, 0.1:3>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.1:3>>
}

// -----

/// An i32 requantize to its own type is not the identity (binary32 loses
/// precision above 2^24; double_round saturates its left shift): it stays.
// CHECK-LABEL: func.func @negative_fold_requantize_identity_i32
// CHECK:         qnn.requantize
func.func @negative_fold_requantize_identity_i32(%q: tensor<4x!quant.uniform<i32:f32, 0.1>>) -> tensor<4x!quant.uniform<i32:f32, 0.1>> {
  %r = qnn.requantize %q rounding = half_to_even : tensor<4x!quant.uniform<i32:f32, 0.1>> -> tensor<4x!quant.uniform<i32:f32, 0.1>>
  return %r : tensor<4x!quant.uniform<i32:f32, 0.1>>
}

// -----

/// [Fold: requantize(constant)] -5 and -10 times ratios 1/2 and 1/4 land on
/// ties that each mode rounds its own way.
// CHECK-LABEL: func.func @fold_requantize_modes
// CHECK-DAG:     qnn.constant dense<[-2, 2, -2, 2]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK-DAG:     qnn.constant dense<[-3, 3, -3, 3]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8:f32, 2.000000e+00>>
// CHECK-DAG:     qnn.constant dense<[-2, 3, -3, 3]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8:f32, 3.000000e+00>>
// CHECK-DAG:     qnn.constant dense<[-2, 3, -2, 3]> : tensor<4xi8> -> tensor<4x!quant.uniform<i8:f32, 4.000000e+00>>
func.func @fold_requantize_modes() -> (tensor<4x!quant.uniform<i8:f32, 1.0>>, tensor<4x!quant.uniform<i8:f32, 2.0>>, tensor<4x!quant.uniform<i8:f32, 3.0>>, tensor<4x!quant.uniform<i8:f32, 4.0>>) {
  %c = qnn.constant dense<[-5, 5, -10, 10]> : tensor<4xi32> -> tensor<4x!quant.uniform<i32:f32:0, {0.5, 0.5, 0.25, 0.25}>>
  %0 = qnn.requantize %c rounding = half_to_even : tensor<4x!quant.uniform<i32:f32:0, {0.5, 0.5, 0.25, 0.25}>> -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  %c2 = qnn.constant dense<[-5, 5, -10, 10]> : tensor<4xi32> -> tensor<4x!quant.uniform<i32:f32:0, {1.0, 1.0, 0.5, 0.5}>>
  %1 = qnn.requantize %c2 rounding = half_away_from_zero : tensor<4x!quant.uniform<i32:f32:0, {1.0, 1.0, 0.5, 0.5}>> -> tensor<4x!quant.uniform<i8:f32, 2.0>>
  %c3 = qnn.constant dense<[-5, 5, -10, 10]> : tensor<4xi32> -> tensor<4x!quant.uniform<i32:f32:0, {1.5, 1.5, 0.75, 0.75}>>
  %2 = qnn.requantize %c3 rounding = double_round : tensor<4x!quant.uniform<i32:f32:0, {1.5, 1.5, 0.75, 0.75}>> -> tensor<4x!quant.uniform<i8:f32, 3.0>>
  %c4 = qnn.constant dense<[-5, 5, -10, 10]> : tensor<4xi32> -> tensor<4x!quant.uniform<i32:f32:0, {2.0, 2.0, 1.0, 1.0}>>
  %3 = qnn.requantize %c4 rounding = single_round : tensor<4x!quant.uniform<i32:f32:0, {2.0, 2.0, 1.0, 1.0}>> -> tensor<4x!quant.uniform<i8:f32, 4.0>>
  return %0, %1, %2, %3 : tensor<4x!quant.uniform<i8:f32, 1.0>>, tensor<4x!quant.uniform<i8:f32, 2.0>>, tensor<4x!quant.uniform<i8:f32, 3.0>>, tensor<4x!quant.uniform<i8:f32, 4.0>>
}

// -----

/// [Fold: add(constant, constant)] in binary32 with saturation.
// CHECK-LABEL: func.func @fold_add_constants
// CHECK:         qnn.constant dense<[2, 127, -128]> : tensor<3xi8> -> tensor<3x!quant.uniform<i8:f32, 1.000000e+00:1>>
func.func @fold_add_constants() -> tensor<3x!quant.uniform<i8:f32, 1.0:1>> {
  %a = qnn.constant dense<[2, 127, -128]> : tensor<3xi8> -> tensor<3x!quant.uniform<i8:f32, 0.5>>
  %b = qnn.constant dense<[1, 127, -128]> : tensor<3xi8> -> tensor<3x!quant.uniform<i8:f32, 1.0:1>>
  %c = qnn.add %a, %b : tensor<3x!quant.uniform<i8:f32, 0.5>>, tensor<3x!quant.uniform<i8:f32, 1.0:1>> -> tensor<3x!quant.uniform<i8:f32, 1.0:1>>
  return %c : tensor<3x!quant.uniform<i8:f32, 1.0:1>>
}

// -----

/// [Fold: clamp over the whole storage range] is the identity.
// CHECK-LABEL: func.func @fold_clamp_full_range
// CHECK-SAME:    (%[[X:.*]]: tensor<4x
// CHECK-NEXT:    return %[[X]]
func.func @fold_clamp_full_range(%x: tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5>>) -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5>> {
  %r = qnn.clamp %x min = -127, max = 127 : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5>>
  return %r : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.5>>
}

// -----

/// [Fold: clamp(constant)].
// CHECK-LABEL: func.func @fold_clamp_constant
// CHECK:         qnn.constant dense<[-3, 0, 6]> : tensor<3xi8>
func.func @fold_clamp_constant() -> tensor<3x!quant.uniform<i8:f32, 0.5:-3>> {
  %c = qnn.constant dense<[-100, 0, 100]> : tensor<3xi8> -> tensor<3x!quant.uniform<i8:f32, 0.5:-3>>
  %r = qnn.clamp %c min = -3, max = 6 : tensor<3x!quant.uniform<i8:f32, 0.5:-3>>
  return %r : tensor<3x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

/// [Pattern: MergeClamps] IN: clamp(clamp(x, -3, 100), 0, 50)
/// OUT: clamp(x, 0, 50).
// CHECK-LABEL: func.func @merge_clamps
// CHECK-SAME:    (%[[X:.*]]: tensor<4x
// CHECK-NEXT:    %[[R:.*]] = qnn.clamp %[[X]] min = 0, max = 50
// CHECK-NEXT:    return %[[R]]
func.func @merge_clamps(%x: tensor<4x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>> {
  %0 = qnn.clamp %x min = -3, max = 100 : tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
  %1 = qnn.clamp %0 min = 0, max = 50 : tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
  return %1 : tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
}

// -----

/// [Pattern: MergeClamps] disjoint ranges: clamp(clamp(x, 60, 100), 0, 50)
/// sends everything to 50.
// CHECK-LABEL: func.func @merge_disjoint_clamps
// CHECK:         qnn.clamp %{{.*}} min = 50, max = 50
// CHECK-NOT:     qnn.clamp
func.func @merge_disjoint_clamps(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %0 = qnn.clamp %x min = 60, max = 100 : tensor<4x!quant.uniform<i8:f32, 0.5>>
  %1 = qnn.clamp %0 min = 0, max = 50 : tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %1 : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

/// [Pattern: MergeClamps] needs a clamp as input.
// CHECK-LABEL: func.func @negative_merge_clamps
// CHECK:         qnn.add
// CHECK-NEXT:    qnn.clamp
func.func @negative_merge_clamps(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %0 = qnn.add %x, %x : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %1 = qnn.clamp %0 min = 0, max = 50 : tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %1 : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// -----

/// Identical quantized constants are deduplicated.
// CHECK-LABEL: func.func @dedup_constants
// CHECK-COUNT-1: qnn.constant
// CHECK-NOT:     qnn.constant
func.func @dedup_constants() -> (tensor<2x!quant.uniform<i8:f32, 0.5>>, tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  %a = qnn.constant dense<[1, 2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  %b = qnn.constant dense<[1, 2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %a, %b : tensor<2x!quant.uniform<i8:f32, 0.5>>, tensor<2x!quant.uniform<i8:f32, 0.5>>
}

// -----

/// Stats, pruned and codebook ops carry information: canonicalization keeps
/// them even when their results are used only once.
// CHECK-LABEL: func.func @keep_annotations
// CHECK:         qnn.stats
// CHECK:         qnn.pruned
// CHECK:         qnn.codebook_lookup
func.func @keep_annotations(%x: tensor<4xf32>, %w: tensor<4xf32>, %i: tensor<4xi1>, %t: tensor<2xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = qnn.stats %x min = [-1.0], max = [1.0] : tensor<4xf32>
  %1 = qnn.pruned %w pattern(#qnn.unstructured) : tensor<4xf32> -> tensor<4xf32>
  %2 = qnn.codebook_lookup %i, %t : tensor<4xi1>, tensor<2xf32> -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

/// [Pattern: QuantizeThroughStats] IN: quantize(stats(dequantize(q))) OUT: q.
/// A recorded range between two quantized layers does not keep them apart.
// CHECK-LABEL: func.func @quantize_through_stats
// CHECK-SAME:    (%[[Q:.*]]: tensor<4x!quant.uniform<i8:f32, 1.000000e-01:3>>)
// CHECK-NEXT:    return %[[Q]]
func.func @quantize_through_stats(%q: tensor<4x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.1:3>> {
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.1:3>> -> tensor<4xf32>
  %s = qnn.stats %x min = [-1.0], max = [1.0] : tensor<4xf32>
  %r = qnn.quantize %s : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1:3>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.1:3>>
}

// -----

/// A stats with other users stays for them.
// CHECK-LABEL: func.func @negative_quantize_through_stats
// CHECK:         %[[S:.*]] = qnn.stats %[[X:.*]] min
// CHECK:         qnn.quantize %[[X]]
// CHECK:         return %{{.*}}, %[[S]]
func.func @negative_quantize_through_stats(%x: tensor<4xf32>) -> (tensor<4x!quant.uniform<i8:f32, 0.1:3>>, tensor<4xf32>) {
  %s = qnn.stats %x min = [-1.0], max = [1.0] : tensor<4xf32>
  %r = qnn.quantize %s : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1:3>>
  return %r, %s : tensor<4x!quant.uniform<i8:f32, 0.1:3>>, tensor<4xf32>
}

// -----

/// [Pattern: QuantizeThroughReshape] IN: quantize(collapse_shape(x)) OUT:
/// collapse_shape(quantize(x)), per-tensor only. Between two quantized
/// layers a flatten then keeps the data in int8.
// CHECK-LABEL: func.func @quantize_through_collapse
// CHECK-SAME:    (%[[Q:.*]]: tensor<2x2x!quant.uniform<i8:f32, 1.000000e-01:3>>)
// CHECK-NEXT:    %[[R:.*]] = tensor.collapse_shape %[[Q]] {{\[\[}}0, 1]] : tensor<2x2x!quant.uniform<i8:f32, 1.000000e-01:3>> into tensor<4x!quant.uniform<i8:f32, 1.000000e-01:3>>
// CHECK-NEXT:    return %[[R]]
func.func @quantize_through_collapse(%q: tensor<2x2x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.1:3>> {
  %x = qnn.dequantize %q : tensor<2x2x!quant.uniform<i8:f32, 0.1:3>> -> tensor<2x2xf32>
  %f = tensor.collapse_shape %x [[0, 1]] : tensor<2x2xf32> into tensor<4xf32>
  %r = qnn.quantize %f : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1:3>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.1:3>>
}

// -----

/// The same through an expand_shape with a dynamic size.
// CHECK-LABEL: func.func @quantize_through_expand
// CHECK-SAME:    (%[[X:.*]]: tensor<?xf32>, %[[N:.*]]: index)
// CHECK-NEXT:    %[[Q:.*]] = qnn.quantize %[[X]] : tensor<?xf32> -> tensor<?x!quant.uniform<i8:f32, 1.000000e-01:3>>
// CHECK-NEXT:    %[[R:.*]] = tensor.expand_shape %[[Q]] {{\[\[}}0, 1]] output_shape [%[[N]], 2]
// CHECK-NEXT:    return %[[R]]
func.func @quantize_through_expand(%x: tensor<?xf32>, %n: index) -> tensor<?x2x!quant.uniform<i8:f32, 0.1:3>> {
  %e = tensor.expand_shape %x [[0, 1]] output_shape [%n, 2] : tensor<?xf32> into tensor<?x2xf32>
  %r = qnn.quantize %e : tensor<?x2xf32> -> tensor<?x2x!quant.uniform<i8:f32, 0.1:3>>
  return %r : tensor<?x2x!quant.uniform<i8:f32, 0.1:3>>
}

// -----

/// Per-axis parameters name a dimension the reshape may move: no rewrite.
// CHECK-LABEL: func.func @negative_quantize_through_reshape_per_axis
// CHECK:         tensor.collapse_shape
// CHECK-NEXT:    qnn.quantize
func.func @negative_quantize_through_reshape_per_axis(%x: tensor<1x2xf32>) -> tensor<2x!quant.uniform<i8:f32:0, {0.1, 0.2}>> {
  %f = tensor.collapse_shape %x [[0, 1]] : tensor<1x2xf32> into tensor<2xf32>
  %r = qnn.quantize %f : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  return %r : tensor<2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
}

// -----

/// [Fold: splat] a splat folds to a splat when every channel gives the same
/// value, whatever the element count says (O(channels), not O(elements)).
// CHECK-LABEL: func.func @fold_splats
// CHECK-DAG:     %[[Q:.*]] = qnn.constant dense<2> : tensor<1000000x3xi8> -> tensor<1000000x3x!quant.uniform<i8:f32:1, {{.*}}>>
// CHECK-DAG:     %[[R:.*]] = qnn.constant dense<4> : tensor<1000000x3xi8> -> tensor<1000000x3x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK-DAG:     %[[D:.*]] = arith.constant dense<2.500000e+00> : tensor<50000x50000xf32>
// CHECK:         return %[[Q]], %[[R]], %[[D]]
func.func @fold_splats() -> (tensor<1000000x3x!quant.uniform<i8:f32:1, {0.5, 0.5, 0.5}>>, tensor<1000000x3x!quant.uniform<i8:f32, 0.25>>, tensor<50000x50000xf32>) {
  %x = arith.constant dense<1.0> : tensor<1000000x3xf32>
  %q = qnn.quantize %x : tensor<1000000x3xf32> -> tensor<1000000x3x!quant.uniform<i8:f32:1, {0.5, 0.5, 0.5}>>
  %c = qnn.constant dense<2> : tensor<1000000x3xi8> -> tensor<1000000x3x!quant.uniform<i8:f32, 0.5>>
  %r = qnn.requantize %c rounding = double_round : tensor<1000000x3x!quant.uniform<i8:f32, 0.5>> -> tensor<1000000x3x!quant.uniform<i8:f32, 0.25>>
  %s = qnn.constant dense<5> : tensor<50000x50000xi8> -> tensor<50000x50000x!quant.uniform<i8:f32, 0.5>>
  %d = qnn.dequantize %s : tensor<50000x50000x!quant.uniform<i8:f32, 0.5>> -> tensor<50000x50000xf32>
  return %q, %r, %d : tensor<1000000x3x!quant.uniform<i8:f32:1, {0.5, 0.5, 0.5}>>, tensor<1000000x3x!quant.uniform<i8:f32, 0.25>>, tensor<50000x50000xf32>
}

// -----

/// [Fold: splat] per-axis scales that give different values would need
/// every element: a huge splat is then left unfolded.
// CHECK-LABEL: func.func @negative_fold_splat_per_axis
// CHECK:         qnn.quantize
func.func @negative_fold_splat_per_axis() -> tensor<3x10000000x!quant.uniform<i8:f32:0, {0.5, 0.25, 1.0}>> {
  %x = arith.constant dense<1.0> : tensor<3x10000000xf32>
  %q = qnn.quantize %x : tensor<3x10000000xf32> -> tensor<3x10000000x!quant.uniform<i8:f32:0, {0.5, 0.25, 1.0}>>
  return %q : tensor<3x10000000x!quant.uniform<i8:f32:0, {0.5, 0.25, 1.0}>>
}
