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

    A `qnn.pruned` in compressed storage has no lowering (the int8 kernels
    choose their own sparse storage from the dense constant): the pass
    stops with an error naming the op. So does a
    constant of more than 2 GiB (a splat can declare one in a few bytes),
    and a `qnn.conv2d` whose sizes other than the batch are dynamic.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect"
  ];
}

def ConvertQNNToTosaPass
    : Pass<"convert-qnn-to-tosa", "::mlir::ModuleOp"> {
  let summary = "Export qnn's integer ops as TOSA int8";
  let description = [{
    For compilers that go on in TOSA (IREE, TOSA backends): rewrites a
    quantized model's integer ops into TOSA on storage types, computing the
    same integers, so that stock
    `mlir-opt --tosa-attach-target="profiles=pro_int" --tosa-validate`
    accepts the result.

    - `qnn.conv2d` -> `tosa.conv2d` (HWCF filters transposed to OHWI) or,
      with one input channel per group, `tosa.depthwise_conv2d`
      ([KH, KW, C, M]); zero points become zero-point operands, the bias
      the bias operand (zeros without one). TOSA sizes windows exactly:
      rows past the last window come off the padding, else off the input
      (`tosa.slice`).
    - `qnn.matmul` -> `tosa.matmul` between reshapes (a weight shared by
      every batch folds the batch into the rows), the bias a broadcast
      `tosa.add`.
    - `qnn.requantize` with `single_round` or `tosa_double_round` ->
      `tosa.rescale` with the multipliers and shifts qnn derives
      (docs/Semantics.md), SINGLE_ROUND or DOUBLE_ROUND, per channel along
      the last dimension.
    - `qnn.clamp` -> `tosa.clamp`; `qnn.max_pool2d` -> `tosa.max_pool2d`;
      `qnn.constant` -> `tosa.const`; `quant.scast`, `qnn.stats` and a dense
      `qnn.pruned` disappear.

    Quantized tensor types become their storage, function signatures
    included. An op TOSA cannot express exactly is an error naming it, and
    nothing is rewritten: `qnn.quantize` / `qnn.dequantize` (float),
    `qnn.add` and `qnn.avg_pool2d` (binary32 rounding), a requantize in a
    float mode or TFLite's `double_round` (`--quantize=rounding=single_round`
    or `tosa_double_round` writes exportable models), per-channel weight
    zero points, grouped convolutions that are not depthwise, unsigned
    storage, zero points on i16 or i32 values, windows TOSA could only size
    by cropping the whole input, sub-byte storage, codebooks, compressed
    storage, dynamic sizes. A narrow-range output gets a `tosa.clamp` after
    its rescale. Where TOSA leaves a result undefined (int32 overflow of an
    accumulator or of a rescale), qnn's wrap-around or saturation is not
    carried over.

    With `integer-io`, a function argument read only by `qnn.quantize` ops
    to one type, and a result that a `qnn.dequantize` produces, become that
    quantized tensor first, so the function takes and returns integers as
    a TFLite int8 model does; each keeps its quantized type as the
    argument or result attribute `qnn.quantized_type` (the scale and zero
    point a caller needs).
  }];
  let options = [
    Option<"integerIO", "integer-io", "bool", "false",
           "Make float arguments and results at quantize/dequantize "
           "boundaries integer tensors (their quantized type recorded as "
           "'qnn.quantized_type')">,
  ];
  let dependentDialects = ["::mlir::tosa::TosaDialect"];
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

def QNNImportQuantCastsPass
    : Pass<"qnn-import-quant-casts", "::mlir::func::FuncOp"> {
  let summary = "Rewrite upstream quant casts into qnn ops, keeping their rounding";
  let description = [{
    `quant.qcast` of an f32 tensor becomes `qnn.quantize` (round half to
    even, ONNX QuantizeLinear; upstream leaves the rounding to the
    lowering) and `quant.dcast` to f32 becomes `qnn.dequantize`, per tensor
    or per axis. A QDQ pair (`dcast(qcast(x))`, as ONNX QDQ and PyTorch
    PT2E graphs import) then rounds and saturates x as the exporter meant:
    upstream's canonicalization folds the pair to x, which would drop the
    quantization silently. `--qnn-to-llvm` runs this first.

    A cast qnn cannot take (other float types, scalars, sub-channel
    quantization) is an error naming it, never dropped. `quant.scast`, a
    reinterpretation, is left to `convert-qnn-to-linalg`.
  }];
  let dependentDialects = ["::mlir::qnn::QNNDialect"];
}

def QNNChannelsLastPass : Pass<"qnn-channels-last", "::mlir::func::FuncOp"> {
  let summary = "Rewrite NCHW convolutions and pooling in NHWC, with layout "
                "changes only at the model's boundary";
  let description = [{
    torch-mlir and ONNX importers emit `linalg.conv_2d_nchw_fchw`,
    `depthwise_conv_2d_nchw_chw` and `pooling_nchw_max`/`_sum`; qnn's layers
    are NHWC. Each such op becomes its NHWC form (`conv_2d_nhwc_fhwc`,
    `depthwise_conv_2d_nhwc_hwc`, `pooling_nhwc_*`) between two
    `linalg.transpose` ops, its constant filter transposed at compile time.
    The transposes then move until adjacent pairs cancel: through
    elementwise `linalg.generic` ops (ReLU, bias adds, residual adds,
    hardswish), constant-value `tensor.pad`, `tensor.concat`, into the
    indexing maps of reductions (global average pooling), up through the
    empty, fill or broadcast bias that builds an accumulator, and into the
    rows of a linear layer's constant weights where a flatten feeds it
    (`collapse_shape` then `linalg.matmul`). A layout change is left where
    the model meets the outside: its arguments and results.

    The rewrite only changes which layout intermediate tensors are stored
    in; the values are the same. `--prune`, `--qnn-calibrate` and
    `--quantize` run it first when a function holds a channels-first op.
    An analysis remark (category `channels-last`) counts the ops rewritten
    and the transposes left.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // QNN_CONVERSION_PASSES_TD
