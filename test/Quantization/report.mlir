// --qnn-report on hand-written quantized IR: names (qnn.layer, else the name
// location, else the position), schemes, stored bytes and measured SQNR.
// RUN: qnn-opt %s --qnn-report="file=%t.json table=-" -o %t.out.mlir | FileCheck %s --check-prefix=TABLE
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// The IR is unchanged.
// RUN: FileCheck %s --check-prefix=SAME < %t.out.mlir
// SAME: qnn.matmul {{.*}} {qnn.layer = "fc1", qnn.sqnr = 4.150000e+01 : f64}

// Bytes: "fc1" has 4-bit weights packed two per byte (4 -> 2 bytes) and an
// int32 bias of 2 (8 bytes in either form): f32 4 * 4 + 8 = 24, stored
// 2 + 8 = 10. The conv (3x3x1x2 i8 weights) is 72 -> 18; the float matmul
// 2x2 stays 16 -> 16.
// TABLE:      layer                 op      weights             input    output    f32 bytes  stored          SQNR
// TABLE-NEXT: fc1                   matmul  i4 sym packed       i8 zp 3  i8 zp -1         24      10      41.50 dB
// TABLE-NEXT: conv                  conv2d  i8 per-channel sym  i8 sym   i8 sym           72      18           inf
// TABLE-NEXT: forward/qnn.matmul#0  matmul  i8 per-channel sym  i8 zp 3  i8 sym           16       4  not measured
// TABLE-NEXT: head                  matmul  f32                 f32      f32              16      16             -
// TABLE-NEXT: total: 3 of 4 layers quantized, 128 -> 48 bytes (2.67x smaller), results' SQNR 38.25 dB

// JSON:      "format": "qnn-report"
// JSON:      "bytes_float": 24,
// JSON-NEXT: "bytes_stored": 10,
// JSON-NEXT: "input": {
// JSON-NEXT:   "bits": 8,
// JSON-NEXT:   "scales": [
// JSON-NEXT:     0.5
// JSON-NEXT:   ],
// JSON-NEXT:   "signed": true,
// JSON-NEXT:   "zero_points": [
// JSON-NEXT:     3
// JSON:      "name": "fc1",
// JSON:      "sqnr_db": 41.5,
// JSON-NEXT: "weight_count": 4,
// JSON-NEXT: "weight_storage": "packed",
// JSON-NEXT: "weights": {
// JSON-NEXT:   "bits": 4,
// JSON:      "name": "conv",
// JSON:      "sqnr_db": "inf",
// JSON:      "weights": {
// JSON-NEXT:   "axis": 3,
// JSON-NEXT:   "bits": 8,
// JSON-NEXT:   "scales": [
// JSON-NEXT:     0.25,
// JSON-NEXT:     0.5
// JSON:      "name": "forward/qnn.matmul#0",
// JSON:      "sqnr_db": null,
// JSON:      "name": "head",
// JSON-NEXT: "op": "matmul",
// JSON-NEXT: "quantized": false,
// JSON-NEXT: "sqnr_db": null,
// JSON-NEXT: "weight_count": 4,
// JSON-NEXT: "weight_storage": "float"
// JSON:      "totals": {
// JSON-NEXT:   "bytes_float": 128,
// JSON-NEXT:   "bytes_stored": 48,
// JSON-NEXT:   "layers": 4,
// JSON-NEXT:   "output_sqnr_db": 38.25,
// JSON-NEXT:   "quantized": 3

func.func @forward(%x: tensor<1x2x!quant.uniform<i8:f32, 0.5:3>>,
                   %img: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>,
                   %f: tensor<1x2xf32>) -> tensor<1x2xf32>
    attributes {qnn.output_sqnr = 38.25 : f64} {
  %w = qnn.constant packed dense<[225, 115]> : tensor<2xui8> -> tensor<2x2x!quant.uniform<i4:f32, 0.5>>
  %b = qnn.constant dense<[1, 2]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.25>>
  %acc = qnn.matmul %x, %w bias(%b) {qnn.layer = "fc1", qnn.sqnr = 41.5 : f64} : (tensor<1x2x!quant.uniform<i8:f32, 0.5:3>>, tensor<2x2x!quant.uniform<i4:f32, 0.5>>, tensor<2x!quant.uniform<i32:f32, 0.25>>) -> tensor<1x2x!quant.uniform<i32:f32, 0.25>>
  %y = qnn.requantize %acc rounding = half_to_even : tensor<1x2x!quant.uniform<i32:f32, 0.25>> -> tensor<1x2x!quant.uniform<i8:f32, 0.125:-1>>

  %cw = qnn.constant dense<1> : tensor<3x3x1x2xi8> -> tensor<3x3x1x2x!quant.uniform<i8<-127:127>:f32:3, {0.25, 0.5}>>
  %cacc = qnn.conv2d %img, %cw {qnn.sqnr = 0x7FF0000000000000 : f64} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x1x2x!quant.uniform<i8<-127:127>:f32:3, {0.25, 0.5}>>) -> tensor<1x2x2x2x!quant.uniform<i32:f32:3, {0.125, 0.25}>> loc("conv")
  %cy = qnn.requantize %cacc rounding = half_to_even : tensor<1x2x2x2x!quant.uniform<i32:f32:3, {0.125, 0.25}>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 1.0>>

  %mw = qnn.constant dense<1> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8<-127:127>:f32:1, {0.5, 0.5}>>
  %macc = qnn.matmul %x, %mw : (tensor<1x2x!quant.uniform<i8:f32, 0.5:3>>, tensor<2x2x!quant.uniform<i8<-127:127>:f32:1, {0.5, 0.5}>>) -> tensor<1x2x!quant.uniform<i32:f32:1, {0.25, 0.25}>>
  %my = qnn.requantize %macc rounding = half_to_even : tensor<1x2x!quant.uniform<i32:f32:1, {0.25, 0.25}>> -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>

  %hw = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %h = linalg.matmul ins(%f, %hw : tensor<1x2xf32>, tensor<2x2xf32>) outs(%init : tensor<1x2xf32>) -> tensor<1x2xf32> loc("head")
  return %h : tensor<1x2xf32>
}
