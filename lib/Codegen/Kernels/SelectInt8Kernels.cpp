//===- SelectInt8Kernels.cpp - Choose the target's int8 matmul kernel -----===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The choice is made on tensors, where constant weights are still
// arith.constant and before qnn-tile-and-vectorize would tile the matmul;
// the kernel itself is built on buffers (qnn-lower-int8-kernels), where its
// loops carry registers only.
//
//===----------------------------------------------------------------------===//

#include "KernelFusion.h"

#include "qnn/Codegen/Passes.h"
#include "qnn/Codegen/Target.h"
#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/Remarks.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNSELECTINT8KERNELSPASS
#include "qnn/Codegen/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

/// Whether `op` is C (i32) += A (i8) x W (i8, constant) with the default
/// maps and signed extension, a static reduction size and static columns.
static bool takesInt8Kernel(linalg::MatmulOp op) {
  if (!op.hasPureTensorSemantics())
    return false;
  auto a = dyn_cast<RankedTensorType>(op.getDpsInputs()[0].getType());
  auto w = dyn_cast<RankedTensorType>(op.getDpsInputs()[1].getType());
  auto c = dyn_cast<RankedTensorType>(op.getDpsInits()[0].getType());
  if (!a || !w || !c || !a.getElementType().isInteger(8) ||
      !w.getElementType().isInteger(8) || !c.getElementType().isInteger(32) ||
      !w.hasStaticShape() || a.isDynamicDim(1) || c.isDynamicDim(1) ||
      w.getNumElements() == 0)
    return false;
  if (!op.getIndexingMaps().empty() &&
      op.getIndexingMapsArray() != op.getDefaultIndexingMaps(op.getContext()))
    return false;
  return op.getCast() == linalg::TypeFn::cast_signed &&
         matchPattern(op.getDpsInputs()[1], m_Constant());
}

/// Whether `op`, a convolution (NHWC x HWCF) or depthwise convolution
/// (NHWC x HWC), is i8 x i8 (constant) -> i32 with static sizes except the
/// batch: an implicit matmul of N * OH * OW rows.
static bool takesInt8ConvKernel(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics())
    return false;
  auto in = dyn_cast<RankedTensorType>(op.getDpsInputs()[0].getType());
  auto w = dyn_cast<RankedTensorType>(op.getDpsInputs()[1].getType());
  auto c = dyn_cast<RankedTensorType>(op.getDpsInits()[0].getType());
  auto staticButBatch = [](RankedTensorType t) {
    return llvm::all_of(t.getShape().drop_front(),
                        [](int64_t d) { return !ShapedType::isDynamic(d); });
  };
  return in && w && c && in.getElementType().isInteger(8) &&
         w.getElementType().isInteger(8) && c.getElementType().isInteger(32) &&
         w.hasStaticShape() && w.getNumElements() > 0 && staticButBatch(in) &&
         staticButBatch(c) && matchPattern(op.getDpsInputs()[1], m_Constant());
}

/// The [K, N] shape of the reduction `op` computes.
static std::pair<int64_t, int64_t> reductionShape(linalg::LinalgOp op) {
  auto w = cast<RankedTensorType>(op.getDpsInputs()[1].getType());
  int64_t n = w.getShape().back();
  return {w.getNumElements() / n, n};
}

/// The uses of `value` that read more than its sizes (tensor.dim, as
/// run-time checks read them, does not).
static SmallVector<OpOperand *> valueUses(Value value) {
  SmallVector<OpOperand *> uses;
  for (OpOperand &use : value.getUses())
    if (!isa<tensor::DimOp>(use.getOwner()))
      uses.push_back(&use);
  return uses;
}

/// Marks the ops the kernel of `op` computes in its registers: the
/// broadcast of the bias its accumulators start from and the elementwise
/// op that consumes its result, when nothing else uses them. Returns what
/// was marked, for the remark.
static std::string markKernelParts(linalg::LinalgOp op) {
  MLIRContext *ctx = op.getContext();
  StringRef part = QNNDialect::KernelPartAttrHelper::getNameStr();
  std::string fused;
  Value init = op.getDpsInits()[0];
  if (Operation *producer = init.getDefiningOp();
      producer && isKernelInit(producer) && valueUses(init).size() == 1) {
    producer->setAttr(part, StringAttr::get(ctx, kKernelInit));
    fused = " from its bias";
  }
  SmallVector<OpOperand *> uses = valueUses(op->getResult(0));
  if (uses.size() != 1)
    return fused;
  OpOperand &use = *uses.front();
  auto epilogue = dyn_cast<linalg::GenericOp>(use.getOwner());
  if (!epilogue || !epilogue.isDpsInput(&use))
    return fused;
  if (std::string why = whyNotEpilogue(epilogue, use.getOperandNumber());
      !why.empty()) {
    remark::analysis(
        epilogue.getLoc(),
        remark::RemarkOpts::name("kernel").category("qnn-int8-kernels"))
        << ("epilogue not fused into the int8 kernel: " + why);
    return fused;
  }
  epilogue->setAttr(part, StringAttr::get(ctx, kKernelEpilogue));
  return fused + " with its epilogue in registers";
}

namespace {

struct QNNSelectInt8KernelsPass final
    : qnn::impl::QNNSelectInt8KernelsPassBase<QNNSelectInt8KernelsPass> {
  using QNNSelectInt8KernelsPassBase::QNNSelectInt8KernelsPassBase;

  void runOnOperation() override {
    Int8ISA family = int8ISAFor(resolveTarget(cpu, features));
    bool hasKernel = family != Int8ISA::Portable;
    getOperation().walk([&](linalg::LinalgOp op) {
      bool takes = false;
      if (auto matmul = dyn_cast<linalg::MatmulOp>(op.getOperation()))
        takes = takesInt8Kernel(matmul);
      else if (isa<linalg::Conv2DNhwcHwcfOp, linalg::DepthwiseConv2DNhwcHwcOp>(
                   op.getOperation()))
        takes = takesInt8ConvKernel(op);
      if (!takes)
        return;
      auto [k, n] = reductionShape(op);
      std::string what =
          (Twine("int8 ") +
           (isa<linalg::MatmulOp>(op.getOperation())           ? "matmul"
            : isa<linalg::Conv2DNhwcHwcfOp>(op.getOperation()) ? "conv"
                                                               : "depthwise") +
           " K=" + Twine(k) + " N=" + Twine(n) + ": ")
              .str();
      if (!hasKernel) {
        remark::analysis(
            op.getLoc(),
            remark::RemarkOpts::name("kernel").category("qnn-int8-kernels"))
            << what + "portable lowering (no int8 kernel for " +
                   stringifyInt8ISA(family).str() + ")";
        return;
      }
      op->setAttr(QNNDialect::KernelAttrHelper::getNameStr(),
                  StringAttr::get(op.getContext(), stringifyInt8ISA(family)));
      std::string fused = markKernelParts(op);
      remark::analysis(op.getLoc(), remark::RemarkOpts::name("kernel").category(
                                        "qnn-int8-kernels"))
          << what + stringifyInt8ISA(family).str() + " kernel" + fused;
    });
  }
};

} // namespace
