//===- TosaInput.cpp - Float TOSA models as linalg on tensors -------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/TosaInput/TosaInput.h"

#include "qnn/Conversion/Passes.h"

#include "mlir/Conversion/TosaToArith/TosaToArith.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Conversion/TosaToTensor/TosaToTensor.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::qnn::addTosaToLinalgPasses(OpPassManager &funcPM) {
  funcPM.addPass(createQNNCheckTosaInputPass());
  // QDQ casts keep their rounding through the canonicalization below.
  funcPM.addPass(createQNNImportQuantCastsPass());
  funcPM.addPass(tosa::createTosaToLinalgNamed());
  funcPM.addPass(tosa::createTosaToLinalg());
  // tosa.apply_scale (from tosa.rescale) in 64-bit arithmetic, as the
  // TOSA specification computes it.
  TosaToArithPassOptions arith;
  arith.includeApplyRescale = true;
  arith.use32Bit = false;
  funcPM.addPass(createTosaToArithPass(arith));
  funcPM.addPass(createTosaToTensorPass());
  funcPM.addPass(createCanonicalizerPass());
  funcPM.addPass(createCSEPass());
}

bool mlir::qnn::containsTosa(Operation *root) {
  return root
      ->walk([](Operation *op) {
        return isa_and_nonnull<tosa::TosaDialect>(op->getDialect())
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

void mlir::qnn::getTosaToLinalgDependentDialects(DialectRegistry &registry) {
  OpPassManager pm(func::FuncOp::getOperationName());
  addTosaToLinalgPasses(pm);
  pm.getDependentDialects(registry);
}

OpPassManager mlir::qnn::tosaToLinalgModulePipeline() {
  OpPassManager pm(ModuleOp::getOperationName());
  addTosaToLinalgPasses(pm.nest<func::FuncOp>());
  return pm;
}

OpPassManager mlir::qnn::channelsLastModulePipeline() {
  OpPassManager pm(ModuleOp::getOperationName());
  pm.addNestedPass<func::FuncOp>(createQNNChannelsLastPass());
  return pm;
}

bool mlir::qnn::containsQuantCasts(Operation *root) {
  return root
      ->walk([](Operation *op) {
        return isa<quant::QuantizeCastOp, quant::DequantizeCastOp>(op)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

OpPassManager mlir::qnn::importQuantCastsModulePipeline() {
  OpPassManager pm(ModuleOp::getOperationName());
  pm.addNestedPass<func::FuncOp>(createQNNImportQuantCastsPass());
  return pm;
}

void mlir::qnn::specializeGenericContractions(Operation *root) {
  SmallVector<linalg::GenericOp> generics;
  root->walk([&](linalg::GenericOp op) {
    bool multiplies =
        llvm::any_of(op.getBlock()->getOperations(), [](Operation &o) {
          return isa<arith::MulFOp, arith::MulIOp>(o);
        });
    if (multiplies && (linalg::isaContractionOpInterface(op) ||
                       linalg::isaConvolutionOpInterface(op)))
      generics.push_back(op);
  });
  IRRewriter rewriter(root->getContext());
  for (linalg::GenericOp op : generics) {
    rewriter.setInsertionPoint(op);
    // A generic no named op computes stays as it is.
    (void)linalg::specializeGenericOp(rewriter, op);
  }
}
