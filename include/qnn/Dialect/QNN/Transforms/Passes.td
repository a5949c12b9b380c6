//===- Passes.td - QNN dialect passes ----------------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD
#define QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

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
