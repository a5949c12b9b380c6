// A contraction --quantize cannot take is named in a remark and counted in
// the report as a float layer, with the reason: never passed by silently.
// RUN: qnn-opt %s --split-input-file --quantize --qnn-report="file=%t.json table=-" --verify-diagnostics -o /dev/null | FileCheck %s --check-prefix=TABLE
// RUN: FileCheck %s --check-prefix=JSON < %t.json

// TABLE: matvec/linalg.matvec#0  linalg.matvec  f32
// TABLE: total: 0 of 1 layers quantized, 12 -> 12 bytes
// TABLE: grouped/linalg.conv_2d_ngchw_fgchw#0  linalg.conv_2d_ngchw_fgchw  f32
// TABLE: total: 0 of 1 layers quantized, 24 -> 24 bytes
// JSON: "kept_in_float": "grouped convolutions with a group dimension are not handled yet"
// JSON: "weight_count": 6

// A contraction in another form (a matrix-vector product) is named too.
func.func @matvec(%x: tensor<3xf32>) -> tensor<2xf32> {
  %w = arith.constant dense<[[0.5, -0.5, 1.0], [0.25, 2.0, -1.0]]> : tensor<2x3xf32>
  %zero = arith.constant dense<0.0> : tensor<2xf32>
  // expected-remark @below {{kept in float: a contraction or convolution in a form qnn does not take (only linalg.matmul, batch_matmul, conv_2d_nhwc_hwcf/fhwc and depthwise_conv_2d_nhwc_hwc[m], or generics that specialize to them)}}
  %y = linalg.matvec ins(%w, %x : tensor<2x3xf32>, tensor<3xf32>) outs(%zero : tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

func.func @grouped(%x: tensor<1x1x2x4x4xf32>) -> tensor<1x1x3x4x4xf32> {
  %w = arith.constant dense<0.5> : tensor<3x1x2x1x1xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1x3x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1x3x4x4xf32>) -> tensor<1x1x3x4x4xf32>
  // expected-remark @below {{kept in float: grouped convolutions with a group dimension are not handled yet}}
  %y = linalg.conv_2d_ngchw_fgchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x1x2x4x4xf32>, tensor<3x1x2x1x1xf32>) outs(%f : tensor<1x1x3x4x4xf32>) -> tensor<1x1x3x4x4xf32>
  return %y : tensor<1x1x3x4x4xf32>
}
