//===- Passes.td - QNN calibration passes ------------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_QUANTIZATION_PASSES_TD
#define QNN_QUANTIZATION_PASSES_TD

include "mlir/Pass/PassBase.td"

def QNNCalibratePass : Pass<"qnn-calibrate", "::mlir::ModuleOp"> {
  let summary = "Run the float model on calibration samples and record ranges";
  let description = [{
    Compiles the float entry function with the sample runner attached to
    the context (qnn's JIT in qnn-opt and the plugin; in a separate
    context, with every run-time check), runs it on the samples of the `data` files and records, for
    every tensor quantization will need (the activation input and the result
    of each matmul and convolution), the range the chosen `method` derives
    from the values seen, as `qnn.stats` in the IR. `export=FILE` also writes
    them as JSON (docs/Calibration.md).

    The leading dimension of the data is the sample. A static batch size B
    runs the samples B at a time; the last, partial batch is filled with
    repeated samples whose rows are left out of the statistics. A dynamic
    batch runs all samples at once. With one entry argument, several files
    are concatenated; with N arguments, file i feeds argument i.

    ```
    qnn-opt --qnn-calibrate="entry=forward data=calib.npy method=percentile percentile=99.99" model.mlir
    ```
  }];
  let options = [
    Option<"entry", "entry", "std::string", "\"forward\"",
           "The function to run">,
    ListOption<"data", "data", "std::string",
               "Calibration samples (.npy, leading dimension = samples)">,
    Option<"method", "method", "::mlir::qnn::calib::Method",
           "::mlir::qnn::calib::Method::MinMax", "How values become a range",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::calib::Method::MinMax, "minmax",
                        "the smallest and largest value seen (default)"),
             clEnumValN(::mlir::qnn::calib::Method::MovingAverage,
                        "moving-average",
                        "exponential moving average of each batch's min and max"),
             clEnumValN(::mlir::qnn::calib::Method::Percentile, "percentile",
                        "the [100 - p, p] percentiles"),
             clEnumValN(::mlir::qnn::calib::Method::Entropy, "entropy",
                        "the clipping threshold of least KL divergence (TensorRT)"),
             clEnumValN(::mlir::qnn::calib::Method::MeanStd, "meanstd",
                        "mean +- k standard deviations"))}]>,
    Option<"percentile", "percentile", "double", "99.99",
           "Upper percentile kept by method=percentile">,
    Option<"stddevs", "k", "double", "3.0",
           "Standard deviations kept by method=meanstd">,
    Option<"momentum", "momentum", "double", "0.9",
           "Weight of the running average for method=moving-average">,
    Option<"bins", "bins", "unsigned", "2048",
           "Histogram bins for method=percentile and method=entropy">,
    Option<"exportFile", "export", "std::string", "\"\"",
           "Also write the statistics to this JSON file">,
  ];
  let dependentDialects = ["::mlir::qnn::QNNDialect"];
}

def QNNRaiseQuantizedPass
    : Pass<"qnn-raise-quantized", "::mlir::func::FuncOp"> {
  let summary = "Raise layers quantized elsewhere (TOSA int8, QDQ form, "
                "linalg's quantized ops) into qnn integer ops";
  let description = [{
    A model quantized by another tool in QDQ form (ONNX QDQ, PyTorch PT2E:
    `quant.qcast`/`quant.dcast` around float ops, imported as
    `qnn.quantize`/`qnn.dequantize` by `qnn-import-quant-casts`) computes
    each layer in float between a dequantize of its quantized input and of
    its quantized constant weights and a quantize of its result. Each such
    `linalg.matmul`, `batch_matmul` or convolution (the forms `--quantize`
    takes), with the bias and clamp after it, becomes `qnn.matmul` /
    `qnn.conv2d` on the stored integers and a `qnn.requantize` to the
    quantize's type, rounding half to even as ONNX's QuantizeLinear does: the
    integer program computes the float simulation's numbers up to its float
    rounding (a float bias is rounded to the int32 accumulator's scale).
    Weights quantized per axis must be so along the output channels. A
    layer whose integer form could compute other numbers stays in float,
    with a remark: storage wider than 16 bits, an int32 accumulator that
    could overflow (bounded from the input's storage range and the
    weights), a float bias the accumulator's scale cannot carry to within
    5% of an output step.
    `linalg.quantized_matmul`, `quantized_batch_matmul`,
    `conv_2d_nhwc_hwcf_q`, `conv_2d_nhwc_fhwc_q` and
    `depthwise_conv_2d_nhwc_hwc[m]_q` (zero points as operands, no scales)
    become
    `qnn.matmul` / `qnn.conv2d` on scale-1 types carrying constant zero
    points, between `quant.scast`s: the same integers.

    TOSA int8 layers (what TFLite-to-TOSA emits): `tosa.conv2d`,
    `depthwise_conv2d` and `matmul` on i8 with constant zero points and
    weights, whose i32 result feeds a `tosa.rescale` with constant
    multipliers and shifts (per tensor or per channel, 32- or 16-bit,
    SINGLE_ROUND or DOUBLE_ROUND), and the `tosa.clamp` after it, become
    `qnn.conv2d` / `qnn.matmul` + `qnn.requantize` (+ `qnn.clamp`) with
    synthesized scales that reproduce the integer program bit for bit:
    input scale 1, weight scale `multiplier * 2^-shift` per channel,
    rounding `single_round` or `tosa_double_round` (docs/Semantics.md).
    INEXACT_ROUND, 48-bit accumulators and unsigned rescales stay TOSA, with
    a remark. `qnn-to-llvm` runs this raising (`qdq=false`) before lowering
    TOSA, so int8 TOSA models run on qnn's kernels.

    `--quantize` runs it first, so one command takes float, QDQ and
    integer models. A layer it cannot raise gets a remark (category
    `quantize`) saying why.
  }];
  let options = [
    Option<"qdq", "qdq", "bool", "true",
           "Also raise QDQ layers (their integer program matches the float "
           "simulation up to float rounding); false raises only the forms "
           "computed bit-exactly (TOSA int8, linalg's quantized ops)">,
  ];
  let dependentDialects = ["::mlir::qnn::QNNDialect",
                           "::mlir::quant::QuantDialect"];
}

def QuantizePass : Pass<"quantize", "::mlir::ModuleOp"> {
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
    per output channel by default (`weight-bits=4`: `i4<-7:7>`, `2`:
    `i2<-1:1>`, stored packed; `weight-scheme=kmeans`: a k-means codebook
    of int8 centroids); activations are int8 (or int16), asymmetric
    by default. Layers named in `skip` (by name location, or by tensor name,
    docs/Calibration.md) stay in float; a name that matches no layer is an
    error. A contraction that cannot be quantized (non-constant weights,
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
    Option<"weightBits", "weight-bits", "unsigned", "8",
           "Bits per weight: 8, 4 (two per byte) or 2 (four per byte); with "
           "weight-scheme=kmeans, bits per codebook index (1 to 8)">,
    Option<"weights", "weights", "::mlir::qnn::WeightSymmetry",
           "::mlir::qnn::WeightSymmetry::Symmetric",
           "Zero points of uniform weights",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::WeightSymmetry::Symmetric, "symmetric",
                        "zero point 0, narrow range [-(2^(b-1) - 1), 2^(b-1) - 1] (default)"),
             clEnumValN(::mlir::qnn::WeightSymmetry::Asymmetric, "asymmetric",
                        "a zero point per scale covering [min, max], full range"))}]>,
    Option<"weightScheme", "weight-scheme", "::mlir::qnn::WeightScheme",
           "::mlir::qnn::WeightScheme::Uniform", "Representation of the weights",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::WeightScheme::Uniform, "uniform",
                        "evenly spaced integers times a scale (default)"),
             clEnumValN(::mlir::qnn::WeightScheme::KMeans, "kmeans",
                        "indices into 2^bits k-means centroids per tensor or "
                        "per channel, stored as int8 (qnn.codebook_lookup)"))}]>,
    Option<"activationBits", "activation-bits", "unsigned", "8",
           "Bits per activation: 8 or 16">,
    ListOption<"skip", "skip", "std::string",
               "Layers kept in float, by name (a matmul or convolution's "
               "name location or tensor name)">,
    ListOption<"data", "data", "std::string",
               "Samples (.npy) to measure each layer's error on (SQNR, "
               "recorded for --qnn-report)">,
    Option<"entry", "entry", "std::string", "\"forward\"",
           "The function the samples run (with data=)">,
    Option<"errorBudget", "error-budget", "double", "0.0",
           "Least SQNR (dB) of the entry's results: the most sensitive "
           "layers stay in float until it holds (needs data=; 0: none)">,
    Option<"activations", "activations",
           "::mlir::qnn::ActivationScheme",
           "::mlir::qnn::ActivationScheme::Asymmetric",
           "Quantization of activations",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::ActivationScheme::Asymmetric, "asymmetric",
                        "a zero point covering [min, max] (default)"),
             clEnumValN(::mlir::qnn::ActivationScheme::Symmetric, "symmetric",
                        "zero point 0 covering [-max|x|, max|x|]"))}]>,
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
                        "TOSA fixed point, SINGLE_ROUND"),
             clEnumValN(::mlir::qnn::Rounding::TosaDoubleRound,
                        "tosa_double_round",
                        "TOSA fixed point, DOUBLE_ROUND"))}]>,
  ];
  let dependentDialects = [
    "::mlir::qnn::QNNDialect", "::mlir::quant::QuantDialect",
    "::mlir::arith::ArithDialect", "::mlir::tensor::TensorDialect"
  ];
}

def QNNReportPass : Pass<"qnn-report", "::mlir::ModuleOp"> {
  let summary = "Report each layer's quantization scheme, size and error";
  let description = [{
    Writes, for every layer (`qnn.matmul` / `qnn.conv2d`, and each float
    matmul or convolution left), its name, the scheme and bits of weights
    and activations, the scales and zero points, the weight and bias bytes
    in float32 and as stored, and the SQNR of its output that
    `--quantize="data=..."` measured on the samples (`qnn.sqnr`; "not
    measured" otherwise); then the model's totals. `file=` takes the JSON
    (docs/Quantize.md gives its fields), `table=` a readable table (`-`:
    standard output). The IR is not changed.
    ```
    qnn-opt model.mlir --qnn-calibrate="data=calib.npy" \
        --quantize="data=calib.npy" --qnn-report="file=report.json table=-"
    ```
  }];
  let options = [
    Option<"file", "file", "std::string", "\"\"",
           "Write the report as JSON to this file">,
    Option<"table", "table", "std::string", "\"\"",
           "Write the report as a table to this file ('-': standard output)">,
  ];
  // Loaded so that qnn-opt's collector of side outputs is attached even to
  // a module without qnn ops.
  let dependentDialects = ["::mlir::qnn::QNNDialect"];
}

#endif // QNN_QUANTIZATION_PASSES_TD
