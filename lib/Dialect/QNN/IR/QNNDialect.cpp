//===- QNNDialect.cpp - QNN dialect ---------------------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNNDialect.h"
#include "qnn/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::qnn;

#include "qnn/Dialect/QNN/IR/QNNDialect.cpp.inc"

void QNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "qnn/Dialect/QNN/IR/QNNOps.cpp.inc"
      >();
  registerAttributes();
}

Operation *QNNDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  // Quantized tensors carry their stored integers in a qnn.constant; builtin
  // constants cannot have a quantized element type.
  if (auto tensorType = dyn_cast<RankedTensorType>(type);
      tensorType && isa<quant::QuantizedType>(tensorType.getElementType())) {
    auto elements = dyn_cast<DenseIntElementsAttr>(value);
    if (!elements)
      return nullptr;
    return createQuantizedConstant(builder, loc, tensorType, elements);
  }
  if (auto typed = dyn_cast<TypedAttr>(value);
      typed && arith::ConstantOp::isBuildableWith(typed, type))
    return arith::ConstantOp::create(builder, loc, type, typed);
  return nullptr;
}
