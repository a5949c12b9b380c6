//===- Passes.td - QNN dialect passes ----------------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD
#define QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

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

def QNNFoldRequantizePass : Pass<"qnn-fold-requantize"> {
  let summary = "Fold dequantize -> quantize into one integer requantize";
  let description = [{
    Rewrites `quantize(dequantize(q))` (looking through `qnn.stats`) whose
    result type differs from `q`'s into `requantize(q)` with `rounding`: the
    integer form a deployed model uses between two quantized ops with
    different parameters. The f32 round trip computes
    `round(float((q - zin) * sin) / sout)`, the requantize
    `round(float(q - zin) * float(sin / sout))` (docs/Semantics.md), so the
    two can differ by one step at near-ties: the fold changes the simulated
    result and runs only when asked. To the same type, canonicalization
    already folds the pair away exactly. A per-axis result, or a ratio the
    fixed-point modes cannot represent (2^30 or more), is left alone.

    ```mlir
    %f = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5:1>> -> tensor<4xf32>
    %r = qnn.quantize %f : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.25:-3>>
    // becomes
    %r = qnn.requantize %q rounding = half_to_even : ... -> tensor<4x!quant.uniform<i8:f32, 0.25:-3>>
    ```
  }];
  let options = [
    Option<"rounding", "rounding", "::mlir::qnn::Rounding",
           "::mlir::qnn::Rounding::HalfToEven",
           "Rounding mode of the requantize",
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
}

#endif // QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD
