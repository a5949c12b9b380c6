//===- QNNDialect.td - QNN dialect definition --------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_IR_QNNDIALECT_TD
#define QNN_DIALECT_QNN_IR_QNNDIALECT_TD

include "mlir/IR/OpBase.td"

def QNN_Dialect : Dialect {
  let name = "qnn";
  let cppNamespace = "::mlir::qnn";
  let summary = "Quantized and pruned tensors and the integer ops on them";
  let description = [{
    The `qnn` dialect holds the integer arithmetic of quantized neural
    networks and the representations of pruned and codebook-compressed
    weights that the qnn passes produce.

    Uniform quantized element types are upstream's `!quant.uniform` (per
    tensor and per axis); `qnn` adds what upstream lacks: integer ops with
    written, bit-exact semantics (docs/Semantics.md), rounding modes,
    calibration statistics, sparsity patterns and codebooks.

    Discardable attributes the passes leave on ops, checked by the dialect:

    - `qnn.layer` (string): a layer's name, on a quantized `qnn.matmul` /
      `qnn.conv2d` or on a float contraction --quantize kept in float.
    - `qnn.sqnr` (f64): the measured SQNR of a layer's output in dB.
    - `qnn.output_sqnr` (f64, on a function): the SQNR of its results.
    - `qnn.signature` (string, on a function): its tensor signature as a
      function type, kept by `qnn-export-entry-points` through lowering.
    - `qnn.vector_sizes` (i64 array), `qnn.vectorize` (string): marks that
      `qnn-tile-and-vectorize` sets on tiles and removes before it ends.
    - `qnn.kernel` (string, on a `linalg.matmul`, a
      `linalg.conv_2d_nhwc_hwcf` or a `linalg.depthwise_conv_2d_nhwc_hwc`):
      the int8 kernel
      `qnn-select-int8-kernels` chose (`avx512-vnni-vbmi`, `avx512-vnni`,
      `avx-vnni`, `avx2`), built by
      `qnn-lower-int8-kernels`.
    - `qnn.kernel_part` (string): `init` on the `linalg.broadcast` or
      `linalg.fill` that starts a marked op's accumulator, `epilogue` on
      the elementwise `linalg.generic` that consumes its result: the int8
      kernel computes them in its registers.
  }];
  let dependentDialects = [
    "::mlir::quant::QuantDialect",
    "::mlir::sparse_tensor::SparseTensorDialect",
    "::mlir::arith::ArithDialect"
  ];
  let discardableAttrs = (ins
    "::mlir::StringAttr":$layer,
    "::mlir::FloatAttr":$sqnr,
    "::mlir::FloatAttr":$output_sqnr,
    "::mlir::StringAttr":$signature,
    "::mlir::DenseI64ArrayAttr":$vector_sizes,
    "::mlir::StringAttr":$vectorize,
    "::mlir::StringAttr":$kernel,
    "::mlir::StringAttr":$kernel_part
  );
  let hasOperationAttrVerify = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

class QNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<QNN_Dialect, mnemonic, traits>;

#endif // QNN_DIALECT_QNN_IR_QNNDIALECT_TD
