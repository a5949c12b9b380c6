// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-import-quant-casts))' --verify-diagnostics | FileCheck %s

/// A QDQ pair becomes qnn.quantize (half to even) and qnn.dequantize, per
/// tensor and per axis; nothing folds it away afterwards.
// CHECK-LABEL: func.func @qdq(
// CHECK-SAME:    %[[X:.*]]: tensor<2x4xf32>
// CHECK:         %[[Q:.*]] = qnn.quantize %[[X]] : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32, 5.000000e-01:3>>
// CHECK:         %[[D:.*]] = qnn.dequantize %[[Q]] : tensor<2x4x!quant.uniform<i8:f32, 5.000000e-01:3>> -> tensor<2x4xf32>
// CHECK:         %[[P:.*]] = qnn.quantize %[[D]] : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<u8:f32:1, {1.000000e+00,2.500000e-01:128,5.000000e-01:1,1.250000e-01:255}>>
// CHECK:         qnn.dequantize %[[P]]
// CHECK-NOT:     quant.{{[qd]}}cast
func.func @qdq(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %q = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8:f32, 0.5:3>>
  %d = quant.dcast %q : tensor<2x4x!quant.uniform<i8:f32, 0.5:3>> to tensor<2x4xf32>
  %p = quant.qcast %d : tensor<2x4xf32> to tensor<2x4x!quant.uniform<u8:f32:1, {1.0, 0.25:128, 0.5:1, 0.125:255}>>
  %e = quant.dcast %p : tensor<2x4x!quant.uniform<u8:f32:1, {1.0, 0.25:128, 0.5:1, 0.125:255}>> to tensor<2x4xf32>
  return %e : tensor<2x4xf32>
}

// -----

/// Casts qnn cannot take are errors, never dropped.
func.func @f16(%x: tensor<4xf16>) -> tensor<4x!quant.uniform<i8:f16, 0.5>> {
  // expected-error@+1 {{'quant.qcast' op is not supported by qnn: it takes quant.qcast and quant.dcast between ranked f32 tensors and per-tensor or per-axis !quant.uniform of f32}}
  %q = quant.qcast %x : tensor<4xf16> to tensor<4x!quant.uniform<i8:f16, 0.5>>
  return %q : tensor<4x!quant.uniform<i8:f16, 0.5>>
}

// -----

func.func @scalar(%x: f32) -> !quant.uniform<i8:f32, 0.5> {
  // expected-error@+1 {{'quant.qcast' op is not supported by qnn}}
  %q = quant.qcast %x : f32 to !quant.uniform<i8:f32, 0.5>
  return %q : !quant.uniform<i8:f32, 0.5>
}

// -----

/// Every bad cast is named (and nothing rewritten): storage qnn.quantize
/// rejects is an error on the cast the user wrote.
func.func @two_bad(%x: tensor<4xf32>, %y: tensor<4xf16>) -> (tensor<4x!quant.uniform<i32:f32, 0.5>>, tensor<4x!quant.uniform<i8:f16, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error@+1 {{'quant.qcast' op is not supported by qnn: its quantized type}}
  %a = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i32:f32, 0.5>>
  // expected-error@+1 {{'quant.qcast' op is not supported by qnn: it takes}}
  %b = quant.qcast %y : tensor<4xf16> to tensor<4x!quant.uniform<i8:f16, 0.5>>
  %c = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %a, %b, %c : tensor<4x!quant.uniform<i32:f32, 0.5>>, tensor<4x!quant.uniform<i8:f16, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>>
}
