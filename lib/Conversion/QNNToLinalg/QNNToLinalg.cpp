//===- QNNToLinalg.cpp - The convert-qnn-to-linalg pass -------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/QNNToLinalg/QNNToLinalg.h"
#include "LoweringUtils.h"
#include "PopulatePatterns.h"

#include "qnn/Conversion/Passes.h"
#include "qnn/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

#include <array>

namespace mlir::qnn {
#define GEN_PASS_DEF_CONVERTQNNTOLINALGPASS
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

QuantStorageTypeConverter::QuantStorageTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](quant::QuantizedType type) -> Type {
    return IntegerType::get(
        type.getContext(),
        detail::containerBits(type.getStorageTypeIntegralWidth()));
  });
  addConversion([this](RankedTensorType type) -> Type {
    if (!isa<quant::QuantizedType>(type.getElementType()))
      return type;
    return RankedTensorType::get(type.getShape(),
                                 convertType(type.getElementType()),
                                 type.getEncoding());
  });
  addConversion([this](UnrankedTensorType type) -> Type {
    if (!isa<quant::QuantizedType>(type.getElementType()))
      return type;
    return UnrankedTensorType::get(convertType(type.getElementType()));
  });
}

namespace {

/// Data movement on quantized tensors (reshapes, slices, concatenation)
/// means the same on their stored integers: clone the op with converted
/// types.
struct DataMovementTypeConversion final : ConversionPattern {
  DataMovementTypeConversion(const TypeConverter &converter,
                             MLIRContext *context)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1,
                          context) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isa<tensor::TensorDialect>(op->getDialect()) ||
        isa<tensor::PadOp>(op) || op->getNumRegions() != 0)
      return rewriter.notifyMatchFailure(op, "not a tensor data movement op");
    SmallVector<Type> resultTypes;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(),
                                                resultTypes)))
      return failure();
    Operation *clone = rewriter.clone(*op);
    clone->setOperands(operands);
    for (auto [result, type] : llvm::zip(clone->getResults(), resultTypes))
      result.setType(type);
    rewriter.replaceOp(op, clone->getResults());
    return success();
  }
};

} // namespace

void mlir::qnn::populateQNNToLinalgConversionPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  detail::populateElementwisePatterns(converter, patterns);
  detail::populateContractionPatterns(converter, patterns);
  detail::populatePoolingPatterns(converter, patterns);
}

void mlir::qnn::populateQNNTypeConversionPatternsAndLegality(
    const TypeConverter &converter, RewritePatternSet &patterns,
    ConversionTarget &target) {
  populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                 converter);
  populateCallOpTypeConversionPattern(patterns, converter);
  populateReturnOpTypeConversionPattern(patterns, converter);
  patterns.add<DataMovementTypeConversion>(converter, patterns.getContext());
  target.addIllegalDialect<QNNDialect>();
  target.markUnknownOpDynamicallyLegal([&converter](Operation *op) {
    // Any function: func.func, and llvm.func too, whose type is not a
    // builtin FunctionType.
    if (auto func = dyn_cast<FunctionOpInterface>(op))
      return converter.isLegal(func.getArgumentTypes()) &&
             converter.isLegal(func.getResultTypes()) &&
             converter.isLegal(&func.getFunctionBody());
    return converter.isLegal(op);
  });
}

/// Constants are compiled into the object as data: one larger than this
/// (a splat can say 10^10 elements in a few bytes) is an error, not hours
/// of work and gigabytes of memory.
static constexpr int64_t kMaxConstantBytes = int64_t(1) << 31;

static LogicalResult checkConstantSizes(ModuleOp module) {
  WalkResult result = module.walk([](Operation *op) {
    if (!isa<ConstantOp, arith::ConstantOp>(op))
      return WalkResult::advance();
    auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!type || !type.hasStaticShape())
      return WalkResult::advance();
    Type elem = type.getElementType();
    int64_t bits = 8;
    if (auto q = dyn_cast<quant::QuantizedType>(elem))
      bits = std::max(8u, q.getStorageTypeIntegralWidth());
    else if (elem.isIntOrFloat())
      bits = std::max(8u, elem.getIntOrFloatBitWidth());
    // Overflow-safe: numElements * bytes > limit.
    int64_t bytes = bits / 8;
    if (type.getNumElements() <= kMaxConstantBytes / bytes)
      return WalkResult::advance();
    op->emitOpError() << "holds " << type.getNumElements() << " elements of "
                      << bytes
                      << " bytes, more than the 2 GiB of constant "
                         "data qnn compiles";
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

namespace {
struct ConvertQNNToLinalgPass final
    : qnn::impl::ConvertQNNToLinalgPassBase<ConvertQNNToLinalgPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Compressed storage has no lowering: the int8 kernels choose their
    // own sparse storage from the dense constant. Say so instead of a
    // generic "failed to legalize".
    WalkResult sparse = module.walk([](PrunedOp op) {
      if (cast<RankedTensorType>(op.getType()).getEncoding()) {
        op.emitOpError("in compressed storage cannot be lowered: qnn's "
                       "sparse kernels store pruned weights their own way "
                       "from the dense constant; keep the weight dense "
                       "(qnn.pruned without an encoding)");
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (sparse.wasInterrupted())
      return signalPassFailure();
    // The convolution and pooling lowerings need static spatial and channel
    // sizes.
    WalkResult dynamic = module.walk([](Operation *op) {
      bool staticSizes = true;
      if (auto conv = dyn_cast<Conv2DOp>(op))
        staticSizes = conv.hasStaticShapeExceptBatch();
      else if (isa<MaxPool2DOp, AvgPool2DOp>(op))
        staticSizes = llvm::all_of(
            std::array<Type, 2>{op->getOperand(0).getType(),
                                op->getResult(0).getType()},
            [](Type t) {
              return llvm::none_of(
                  cast<RankedTensorType>(t).getShape().drop_front(),
                  ShapedType::isDynamic);
            });
      if (!staticSizes) {
        op->emitOpError("with dynamic spatial, channel or filter sizes "
                        "cannot be lowered by convert-qnn-to-linalg; only "
                        "the batch may be dynamic");
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (dynamic.wasInterrupted())
      return signalPassFailure();
    if (failed(checkConstantSizes(module)))
      return signalPassFailure();
    qnn::detail::flattenSharedWeightMatmuls(module);

    MLIRContext *ctx = &getContext();
    QuantStorageTypeConverter converter;
    RewritePatternSet patterns(ctx);
    ConversionTarget target(*ctx);
    populateQNNToLinalgConversionPatterns(converter, patterns);
    populateQNNTypeConversionPatternsAndLegality(converter, patterns, target);
    if (failed(applyFullConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
