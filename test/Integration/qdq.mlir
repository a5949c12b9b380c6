// A QDQ pair (quant.qcast then quant.dcast, as ONNX QDQ graphs import)
// rounds and saturates through --qnn-to-llvm as ONNX defines it:
//   q = saturate(round_half_to_even(x / 0.5) + 3) to [-128, 127]
//   y = (q - 3) * 0.5
// (upstream's canonicalization would fold the pair to x).
// RUN: %npy write %t.x.npy f4 2,4 1.3,-0.2,100,-100,0.75,1.25,0.25,-0.25
// RUN: qnn-run %s --entry qdq --input %t.x.npy --output %t.y.npy
// RUN: %npy print %t.y.npy | FileCheck %s
// 1.3 -> 6 -> 1.5; -0.2 -> 3 -> 0; 100 -> 127 -> 62; -100 -> -128 -> -65.5;
// ties to even: 0.75 -> 1.5 -> 2 -> 5 -> 1 (truncation would give 0.5),
// 1.25 -> 2.5 -> 2 -> 5 -> 1 (half away from zero would give 1.5),
// +-0.25 -> +-0.5 -> 0 -> 3 -> 0.
// CHECK: 1.5 0 62 -65.5 1 1 0 0
func.func @qdq(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %q = quant.qcast %x : tensor<2x4xf32> to tensor<2x4x!quant.uniform<i8:f32, 0.5:3>>
  %d = quant.dcast %q : tensor<2x4x!quant.uniform<i8:f32, 0.5:3>> to tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}
