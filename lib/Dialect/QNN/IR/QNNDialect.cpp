//===- QNNDialect.cpp - QNN dialect ---------------------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNNDialect.h"
#include "qnn/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

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

LogicalResult QNNDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attribute) {
  StringRef name = attribute.getName().getValue();
  Attribute value = attribute.getValue();
  auto expect = [&](bool ok, StringRef what) -> LogicalResult {
    if (ok)
      return success();
    return op->emitError() << "'" << name << "' must be " << what << ", got "
                           << value;
  };
  auto isDecibels = [](Attribute a) {
    auto f = dyn_cast<FloatAttr>(a);
    return f && f.getType().isF64() && !f.getValue().isNaN();
  };
  if (name == LayerAttrHelper::getNameStr()) {
    auto text = dyn_cast<StringAttr>(value);
    return expect(text && !text.getValue().empty(), "a non-empty string");
  }
  if (name == SqnrAttrHelper::getNameStr())
    return expect(isDecibels(value), "an f64 SQNR in dB (not NaN)");
  if (name == OutputSqnrAttrHelper::getNameStr()) {
    if (!isa<FunctionOpInterface>(op))
      return op->emitError() << "'" << name << "' belongs on a function";
    return expect(isDecibels(value), "an f64 SQNR in dB (not NaN)");
  }
  if (name == SignatureAttrHelper::getNameStr()) {
    if (!isa<FunctionOpInterface>(op))
      return op->emitError() << "'" << name << "' belongs on a function";
    // qnn-run parses it; parsing here could emit diagnostics from inside
    // a multithreaded verifier.
    auto text = dyn_cast<StringAttr>(value);
    return expect(text && text.getValue().starts_with("("),
                  "a string holding a function type");
  }
  if (name == VectorSizesAttrHelper::getNameStr())
    return expect(isa<DenseI64ArrayAttr>(value), "an i64 array");
  if (name == VectorizeAttrHelper::getNameStr())
    return expect(isa<StringAttr>(value), "a string");
  if (name == KernelAttrHelper::getNameStr()) {
    if (!llvm::is_contained(
            ArrayRef<StringRef>{"linalg.matmul", "linalg.conv_2d_nhwc_hwcf",
                                "linalg.depthwise_conv_2d_nhwc_hwc"},
            op->getName().getStringRef()))
      return op->emitError() << "'" << name
                             << "' belongs on a linalg.matmul, "
                                "linalg.conv_2d_nhwc_hwcf or "
                                "linalg.depthwise_conv_2d_nhwc_hwc";
    auto text = dyn_cast<StringAttr>(value);
    return expect(text &&
                      llvm::is_contained(
                          ArrayRef<StringRef>{"avx512-vnni-vbmi", "avx512-vnni",
                                              "avx-vnni", "avx2"},
                          text.getValue()),
                  R"("avx512-vnni-vbmi", "avx512-vnni", "avx-vnni" or "avx2")");
  }
  if (name == KernelPartAttrHelper::getNameStr()) {
    auto text = dyn_cast<StringAttr>(value);
    if (!text || !llvm::is_contained(ArrayRef<StringRef>{"init", "epilogue"},
                                     text.getValue()))
      return expect(false, R"("init" or "epilogue")");
    // By name: the dialect does not depend on linalg.
    bool init = text.getValue() == "init";
    StringRef opName = op->getName().getStringRef();
    bool placed = init ? opName == "linalg.broadcast" || opName == "linalg.fill"
                       : opName == "linalg.generic";
    if (!placed)
      return op->emitError()
             << "'" << name << "' = \"" << text.getValue() << "\" belongs on a "
             << (init ? "linalg.broadcast or linalg.fill" : "linalg.generic");
    return success();
  }
  return op->emitError() << "unknown qnn attribute '" << name << "'";
}
