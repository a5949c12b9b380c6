//===- QNNOps.h - QNN operations --------------------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_IR_QNNOPS_H
#define QNN_DIALECT_QNN_IR_QNNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "qnn/Dialect/QNN/IR/QNNAttrs.h"
#include "qnn/Dialect/QNN/IR/QNNDialect.h"
#include "qnn/Reference/Semantics.h"

#define GET_OP_CLASSES
#include "qnn/Dialect/QNN/IR/QNNOps.h.inc"

namespace mlir::qnn {

/// A qnn.constant of quantized `type` holding `values` (unpacked integers of
/// the storage width, the same shape); 1-, 2- and 4-bit storage is written
/// packed.
ConstantOp createQuantizedConstant(OpBuilder &builder, Location loc,
                                   RankedTensorType type,
                                   DenseIntElementsAttr values);

/// True when every window of a pooling over an NHWC input of `inputShape`
/// (`kernel` [KH, KW], `strides`, `dilations`, `padding` [top, bottom,
/// left, right]) holds at least one input element; unknown (true) for
/// dynamic spatial sizes. The pooling ops require it.
bool everyWindowHoldsInput(ArrayRef<int64_t> inputShape,
                           ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                           ArrayRef<int64_t> dilations,
                           ArrayRef<int64_t> padding);

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_IR_QNNOPS_H
