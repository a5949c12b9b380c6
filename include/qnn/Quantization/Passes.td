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
    JIT-compiles the float entry function (through qnn-to-llvm, in a separate
    context), runs it on the samples of the `data` files and records, for
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

#endif // QNN_QUANTIZATION_PASSES_TD
