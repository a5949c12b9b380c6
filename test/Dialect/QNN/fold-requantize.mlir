// RUN: qnn-opt %s --split-input-file --qnn-fold-requantize | FileCheck %s
// RUN: qnn-opt %s --split-input-file --qnn-fold-requantize="rounding=double_round" | FileCheck %s --check-prefix=DOUBLE
// RUN: not qnn-opt %s --qnn-fold-requantize="rounding=up" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: for the --rounding option: Cannot find option named 'up'!

// CHECK-LABEL: func.func @fold
// CHECK-SAME:    (%[[Q:.*]]: tensor<4x!quant.uniform<i8:f32, 5.000000e-01:1>>)
// CHECK-NEXT:    %[[R:.*]] = qnn.requantize %[[Q]] rounding = half_to_even : tensor<4x!quant.uniform<i8:f32, 5.000000e-01:1>> -> tensor<4x!quant.uniform<i8:f32, 2.500000e-01:-3>>
// CHECK-NEXT:    return %[[R]]
// DOUBLE-LABEL: func.func @fold
// DOUBLE:         qnn.requantize %{{.*}} rounding = double_round
func.func @fold(%q: tensor<4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-3>> {
  %f = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5:1>> -> tensor<4xf32>
  %r = qnn.quantize %f : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.25:-3>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.25:-3>>
}

// -----

/// Through a recorded range; the stats op stays for its other user.
// CHECK-LABEL: func.func @through_stats
// CHECK:         qnn.stats
// CHECK:         %[[R:.*]] = qnn.requantize %arg0
// CHECK:         return %[[R]], %{{.*}}
func.func @through_stats(%q: tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.25, 0.25}>>) -> (tensor<4x!quant.uniform<i16:f32, 0.01>>, tensor<4xf32>) {
  %f = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.25, 0.25}>> -> tensor<4xf32>
  %s = qnn.stats %f min = [-64.0], max = [64.0] : tensor<4xf32>
  %r = qnn.quantize %s : tensor<4xf32> -> tensor<4x!quant.uniform<i16:f32, 0.01>>
  return %r, %s : tensor<4x!quant.uniform<i16:f32, 0.01>>, tensor<4xf32>
}

// -----

/// Left alone: the same type (canonicalization folds that exactly), a
/// per-axis result, and a float op in between.
// CHECK-LABEL: func.func @negative
// CHECK-NOT:     qnn.requantize
// CHECK:         return
func.func @negative(%q: tensor<4x!quant.uniform<i8:f32, 0.5:1>>) -> (tensor<4x!quant.uniform<i8:f32, 0.5:1>>, tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.25, 0.25}>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) {
  %f = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5:1>> -> tensor<4xf32>
  %same = qnn.quantize %f : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:1>>
  %axis = qnn.quantize %f : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.25, 0.25}>>
  %n = math.absf %f : tensor<4xf32>
  %abs = qnn.quantize %n : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %same, %axis, %abs : tensor<4x!quant.uniform<i8:f32, 0.5:1>>, tensor<4x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.25, 0.25}>>, tensor<4x!quant.uniform<i8:f32, 0.25>>
}

// -----

/// A ratio of 2^30 or more has no fixed-point multiplier: only the float
/// modes fold it.
// CHECK-LABEL: func.func @huge_ratio
// CHECK:         qnn.requantize
// DOUBLE-LABEL: func.func @huge_ratio
// DOUBLE-NOT:     qnn.requantize
func.func @huge_ratio(%q: tensor<4x!quant.uniform<i8:f32, 2.0>>) -> tensor<4x!quant.uniform<i8:f32, 1.0e-9>> {
  %f = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 2.0>> -> tensor<4xf32>
  %r = qnn.quantize %f : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 1.0e-9>>
  return %r : tensor<4x!quant.uniform<i8:f32, 1.0e-9>>
}
