//===- Pipelines.cpp - qnn pass pipelines ---------------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Pipelines/Pipelines.h"

#include "qnn/Conversion/Passes.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::qnn;

/// Appends a textual pipeline of upstream passes; a typo here is a bug that
/// every pipeline test catches at once.
static void addUpstream(OpPassManager &pm, StringRef pipeline) {
  if (failed(parsePassPipeline(pipeline, pm, llvm::errs())))
    llvm::report_fatal_error("qnn-to-llvm: invalid upstream pipeline");
}

void mlir::qnn::buildQNNToLLVMPipeline(OpPassManager &pm,
                                       const QNNToLLVMOptions &options) {
  // 1. qnn ops -> linalg/arith/math on storage integers; float TOSA -> linalg.
  pm.addPass(createQNNToLinalgPass());
  addUpstream(pm, "func.func(tosa-to-linalg-named, tosa-to-linalg, "
                  "tosa-to-arith, tosa-to-tensor, canonicalize, cse)");
  // 2. Tensors -> buffers.
  addUpstream(pm,
              "one-shot-bufferize{bufferize-function-boundaries "
              "function-boundary-type-conversion=identity-layout-map}, "
              "buffer-deallocation-pipeline, convert-bufferization-to-memref");
  // 3. linalg -> loops -> LLVM. Target features go on every function so
  //    that mlir-translate + llc select the same instructions as the JIT.
  addUpstream(pm, "func.func(convert-linalg-to-loops), lower-affine, "
                  "convert-scf-to-cf, expand-strided-metadata");
  QNNSetTargetPassOptions target;
  target.cpu = options.targetCPU;
  target.features = options.targetFeatures;
  pm.addPass(createQNNSetTargetPass(target));
  addUpstream(pm,
              "finalize-memref-to-llvm, convert-math-to-llvm, "
              "convert-arith-to-llvm, convert-index-to-llvm, "
              "convert-func-to-llvm, convert-cf-to-llvm, convert-ub-to-llvm, "
              "reconcile-unrealized-casts");
}

void mlir::qnn::registerQNNPipelines() {
  PassPipelineRegistration<QNNToLLVMOptions>(
      "qnn-to-llvm",
      "Lower qnn and the float upstream ops around it to the LLVM dialect",
      buildQNNToLLVMPipeline);
}
