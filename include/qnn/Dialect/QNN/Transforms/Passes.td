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

#endif // QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD
