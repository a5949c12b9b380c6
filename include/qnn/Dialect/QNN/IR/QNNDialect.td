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
  }];
  let dependentDialects = [
    "::mlir::quant::QuantDialect",
    "::mlir::sparse_tensor::SparseTensorDialect",
    "::mlir::arith::ArithDialect"
  ];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

class QNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<QNN_Dialect, mnemonic, traits>;

#endif // QNN_DIALECT_QNN_IR_QNNDIALECT_TD
