//===- Passes.td - QNN conversion passes -------------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CONVERSION_PASSES_TD
#define QNN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertQNNToLinalgPass
    : Pass<"convert-qnn-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower qnn ops to linalg, arith and math on integer tensors";
  let description = [{
    Rewrites every qnn op into upstream ops on builtin tensors, computing
    exactly what docs/Semantics.md defines, and replaces quantized tensor
    types (`tensor<4x!quant.uniform<i8:f32, 0.5>>`) by their storage types
    (`tensor<4xi8>`) everywhere, function signatures included.

    - `qnn.quantize`, `qnn.dequantize`, `qnn.requantize`, `qnn.add`,
      `qnn.clamp`, `qnn.codebook_lookup`: elementwise `linalg.generic` ops;
      per-axis scales, zero points and fixed-point multipliers become
      constant tensors read along the quantized dimension.
    - `qnn.matmul`, `qnn.conv2d`: the zero points are subtracted first
      (exactly, into i16 for storage up to 8 bits, else i32; at compile time
      for constant weights), then `linalg.matmul`, `linalg.batch_matmul`,
      `linalg.conv_2d_nhwc_hwcf`, `linalg.depthwise_conv_2d_nhwc_hwcm` or
      `linalg.conv_2d_nhwgc_gfhwc` accumulate into i32 starting from the bias.
      Conv padding pads the zero-point-free input with 0, a real zero.
    - `qnn.stats` and a dense `qnn.pruned` disappear (identities).

    A `qnn.pruned` in compressed storage has no lowering yet (qnn has no
    sparse kernels): the pass stops with an error naming the op. So does a
    constant of more than 2 GiB (a splat can declare one in a few bytes),
    and a `qnn.conv2d` whose sizes other than the batch are dynamic.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect"
  ];
}

def QNNCheckTosaInputPass
    : Pass<"qnn-check-tosa-input", "::mlir::func::FuncOp"> {
  let summary = "Reject TOSA ops that upstream's tosa-to-linalg cannot convert";
  let description = [{
    TOSA ops with `!quant.uniform` element types (quantized TOSA as older
    exporters write it) make upstream's `tosa-to-linalg` abort the
    compiler. This pass stops with an error naming the op instead; it runs
    first wherever qnn converts TOSA (`--qnn-to-llvm`, `qnn-tosa-to-linalg`,
    `--qnn-calibrate`, `--quantize`). TOSA integer ops with explicit zero
    points convert as upstream defines them.
  }];
}

#endif // QNN_CONVERSION_PASSES_TD
