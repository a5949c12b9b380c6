//===- Passes.td - QNN dialect passes ----------------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD
#define QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def QuantizePass : Pass<"quantize", "::mlir::func::FuncOp"> {
  let summary = "Post-training quantization from the calibration ranges in the IR";
  let description = [{
    Rewrites every float matmul and convolution with constant weights
    (`linalg.matmul`, `batch_matmul`, `conv_2d_nhwc_hwcf`/`fhwc`,
    `depthwise_conv_2d_nhwc_hwc`/`hwcm`; TOSA is converted to these first)
    into `qnn.quantize` of its input, quantized weights (`qnn.constant`), an
    integer `qnn.matmul` or `qnn.conv2d` with the bias folded into int32, a
    `qnn.requantize` to the output's range (with a ReLU or clamp folded in)
    and a `qnn.dequantize` back to f32 for the float code around it.

    The ranges come from `qnn.stats` ops on the input and at the end of the
    bias/clamp epilogue (`--qnn-calibrate` writes them; a lit test can write
    them by hand). A contraction without them is an error that says so.
    Weights are symmetric narrow-range int8 (`i8<-127:127>`, zero point 0),
    per output channel by default; activations are int8, asymmetric by
    default. A contraction that cannot be quantized (non-constant weights,
    an accumulator that starts from something else, transposed maps, a
    depthwise channel multiplier) stays in float with a remark naming the
    reason.

    docs/Quantize.md gives the formulas for scales and zero points and the
    fallback for an all-zero range.

    ```mlir
    %x = qnn.stats %in min = [-1.0], max = [3.0] : tensor<1x3xf32>
    %y = linalg.matmul ins(%x, %w : tensor<1x3xf32>, tensor<3x2xf32>)
                       outs(%zero : tensor<1x2xf32>) -> tensor<1x2xf32>
    %s = qnn.stats %y min = [0.0], max = [6.0] : tensor<1x2xf32>
    ```
  }];
  let options = [
    Option<"weightGranularity", "weight-granularity",
           "::mlir::qnn::Granularity", "::mlir::qnn::Granularity::PerChannel",
           "Scales of the weights",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::Granularity::PerChannel, "per-channel",
                        "one scale per output channel (default)"),
             clEnumValN(::mlir::qnn::Granularity::PerTensor, "per-tensor",
                        "one scale for the whole weight"))}]>,
    Option<"activations", "activations",
           "::mlir::qnn::ActivationScheme",
           "::mlir::qnn::ActivationScheme::Asymmetric",
           "Quantization of activations",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::ActivationScheme::Asymmetric, "asymmetric",
                        "int8 with a zero point covering [min, max] (default)"),
             clEnumValN(::mlir::qnn::ActivationScheme::Symmetric, "symmetric",
                        "int8 with zero point 0 covering [-max|x|, max|x|]"))}]>,
    Option<"rounding", "rounding", "::mlir::qnn::Rounding",
           "::mlir::qnn::Rounding::HalfToEven",
           "Rounding mode of the requantization after each matmul",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::Rounding::HalfToEven, "half_to_even",
                        "binary32, ties to even (ONNX; default)"),
             clEnumValN(::mlir::qnn::Rounding::HalfAwayFromZero,
                        "half_away_from_zero", "binary32, ties away from zero"),
             clEnumValN(::mlir::qnn::Rounding::DoubleRound, "double_round",
                        "TFLite fixed point"),
             clEnumValN(::mlir::qnn::Rounding::SingleRound, "single_round",
                        "TOSA fixed point"))}]>,
  ];
  let dependentDialects = [
    "::mlir::qnn::QNNDialect", "::mlir::quant::QuantDialect",
    "::mlir::arith::ArithDialect"
  ];
}

def QNNImportStatsPass : Pass<"qnn-import-stats", "::mlir::ModuleOp"> {
  let summary = "Record calibration statistics read from a JSON file";
  let description = [{
    Reads statistics in qnn's JSON form (docs/Calibration.md), gathered by
    `--qnn-calibrate="export=..."` or elsewhere (PyTorch observers, another
    tool), and records each as a `qnn.stats` on the tensor of that name in
    the public functions of the module. A name no tensor has is an error: a
    renamed or different model would otherwise be quantized from nothing.

    ```
    qnn-opt --qnn-import-stats="file=stats.json" --quantize model.mlir
    ```
  }];
  let options = [
    Option<"file", "file", "std::string", "\"\"", "The statistics JSON file">,
  ];
  let dependentDialects = ["::mlir::qnn::QNNDialect"];
}

def QNNStripStatsPass : Pass<"qnn-strip-stats"> {
  let summary = "Remove qnn.stats annotations";
  let description = [{
    Replaces every `qnn.stats` op with its input. Run it to hand a model to a
    tool that does not know qnn, or after quantization has consumed the
    statistics.

    ```mlir
    %0 = qnn.stats %x min = [-1.0], max = [1.0] : tensor<4xf32>
    // becomes: uses of %0 use %x
    ```
  }];
}

#endif // QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD
