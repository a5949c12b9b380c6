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

namespace {

struct QNNSelectInt8KernelsPass final
    : qnn::impl::QNNSelectInt8KernelsPassBase<QNNSelectInt8KernelsPass> {
  using QNNSelectInt8KernelsPassBase::QNNSelectInt8KernelsPassBase;

  void runOnOperation() override {
    Int8ISA isa = int8ISAFor(resolveTarget(cpu, features));
    bool hasKernel = isa == Int8ISA::AVX512VNNI || isa == Int8ISA::AVXVNNI;
    getOperation().walk([&](linalg::MatmulOp op) {
      if (!takesInt8Kernel(op))
        return;
      auto w = cast<RankedTensorType>(op.getDpsInputs()[1].getType());
      std::string what = (Twine("int8 matmul K=") + Twine(w.getDimSize(0)) +
                          " N=" + Twine(w.getDimSize(1)) + ": ")
                             .str();
      remark::analysis(op.getLoc(), remark::RemarkOpts::name("kernel").category(
                                        "qnn-int8-kernels"))
          << (hasKernel ? what + stringifyInt8ISA(isa).str() + " kernel"
                        : what + "portable lowering (no int8 kernel for " +
                              stringifyInt8ISA(isa).str() + ")");
      if (hasKernel)
        op->setAttr(QNNDialect::KernelAttrHelper::getNameStr(),
                    StringAttr::get(op.getContext(), stringifyInt8ISA(isa)));
    });
  }
};

} // namespace
