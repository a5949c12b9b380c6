// QDQ casts around float TOSA keep their rounding wherever qnn converts
// TOSA (here qnn-tosa-to-linalg; also --qnn-calibrate, --quantize, --prune),
// not folded away by the canonicalization that follows the conversion.
// RUN: qnn-opt %s --qnn-tosa-to-linalg | FileCheck %s
// CHECK-LABEL: func.func @qdq_abs(
// CHECK:         qnn.quantize
// CHECK:         qnn.dequantize
// CHECK:         linalg.generic
// CHECK:           math.absf
func.func @qdq_abs(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 0.5>>
  %d = quant.dcast %q : tensor<4x!quant.uniform<i8:f32, 0.5>> to tensor<4xf32>
  %a = tosa.abs %d : (tensor<4xf32>) -> tensor<4xf32>
  return %a : tensor<4xf32>
}
