// UNSUPPORTED: asan
// Stock mlir-opt loads qnn as a plugin: the dialect parses and verifies, and
// a qnn pass runs through --pass-pipeline.
// RUN: mlir-opt %s --load-dialect-plugin=%qnn_lib_dir/QNNPlugin%shlibext | FileCheck %s --check-prefix=PARSE
// RUN: mlir-opt %s --load-dialect-plugin=%qnn_lib_dir/QNNPlugin%shlibext --load-pass-plugin=%qnn_lib_dir/QNNPlugin%shlibext --pass-pipeline='builtin.module(qnn-strip-stats,canonicalize)' | FileCheck %s --check-prefix=PASS
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
// Quantization with k-means weights and the report, from the plugin.
// RUN: mlir-opt %S/../Quantization/quantize-codebook.mlir --load-dialect-plugin=%qnn_lib_dir/QNNPlugin%shlibext --load-pass-plugin=%qnn_lib_dir/QNNPlugin%shlibext --pass-pipeline='builtin.module(quantize{weight-scheme=kmeans weight-bits=2},qnn-report{table=-})' -o /dev/null | FileCheck %s --check-prefix=REPORT
// REPORT: total: 1 of 1 layers quantized, 32 -> 10 bytes (3.20x smaller)
// Calibration runs the model with the JIT the plugin attaches.
// RUN: %npy write %t.npy f4 2,3 1,2,3,4,5,6
// RUN: mlir-opt %S/../Quantization/Inputs/linear.mlir --load-dialect-plugin=%qnn_lib_dir/QNNPlugin%shlibext --load-pass-plugin=%qnn_lib_dir/QNNPlugin%shlibext --pass-pipeline='builtin.module(qnn-calibrate{data=%t.npy})' | FileCheck %s --check-prefix=CALIB
// CALIB-LABEL: func.func @forward
// CALIB:         qnn.stats %{{.*}} min = [1.000000e+00], max = [6.000000e+00]
// CALIB:         qnn.stats %{{.*}} min = [1.000000e+00], max = [5.000000e+00]

// PARSE-LABEL: func.func @model
// PARSE:         qnn.stats
// PARSE:         qnn.quantize
// PASS-LABEL:  func.func @model
// PASS-NOT:      qnn.stats
// PASS:          qnn.constant dense<[2, 4]> : tensor<2xi8>
// NOPLUGIN:    Dialect `qnn' not found
func.func @model(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2x!quant.uniform<i8:f32, 1.0>>) {
  %s = qnn.stats %x min = [-1.0], max = [1.0] : tensor<2xf32>
  %c = arith.constant dense<[2.5, 3.5]> : tensor<2xf32>
  %q = qnn.quantize %c : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32, 1.0>>
  return %s, %q : tensor<2xf32>, tensor<2x!quant.uniform<i8:f32, 1.0>>
}
