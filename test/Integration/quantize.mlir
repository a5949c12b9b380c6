// Lowered quantize runs exactly as docs/Semantics.md defines, vectorized and
// as scalar loops: ties to even, saturation, NaN to the zero point, +inf.
// RUN: %npy write %t.x.npy f4 10 2.5,3.5,-2.5,-3.5,300,-200,nan,inf,0.49999997,-0.5
// RUN: qnn-run %s --entry quantize --input %t.x.npy --output %t.q.npy | FileCheck %s --check-prefix=TOOL
// RUN: %npy print %t.q.npy | FileCheck %s
// RUN: qnn-run %s --entry quantize --vectorize=false --input %t.x.npy --output %t.s.npy
// RUN: %npy print %t.s.npy | FileCheck %s
// RUN: qnn-run %s --entry quantize_u4 --input %t.x.npy --output %t.u.npy
// RUN: %npy print %t.u.npy | FileCheck %s --check-prefix=U4

// TOOL: result 0: shape (10,) dtype int8
// TOOL: time:
// CHECK: dtype i1 shape (10,)
// CHECK-NEXT: 2 4 -2 -4 127 -128 0 127 0 0
// x / 0.5 + 8, saturated to [0, 15]; NaN -> 8.
// U4: dtype u1 shape (10,)
// U4-NEXT: 13 15 3 1 15 0 8 15 9 7

func.func @quantize(%x: tensor<10xf32>) -> tensor<10x!quant.uniform<i8:f32, 1.0>> {
  %q = qnn.quantize %x : tensor<10xf32> -> tensor<10x!quant.uniform<i8:f32, 1.0>>
  return %q : tensor<10x!quant.uniform<i8:f32, 1.0>>
}

func.func @quantize_u4(%x: tensor<10xf32>) -> tensor<10x!quant.uniform<u4:f32, 0.5:8>> {
  %q = qnn.quantize %x : tensor<10xf32> -> tensor<10x!quant.uniform<u4:f32, 0.5:8>>
  return %q : tensor<10x!quant.uniform<u4:f32, 0.5:8>>
}
