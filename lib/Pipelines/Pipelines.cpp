//===- Pipelines.cpp - qnn pass pipelines ---------------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Built from pass constructors, not pipeline strings: a string pipeline
// depends on the global pass registry, which a tool such as qnn-run does not
// fill.
//
//===----------------------------------------------------------------------===//

#include "qnn/Pipelines/Pipelines.h"

#include "qnn/Codegen/Passes.h"
#include "qnn/Conversion/Passes.h"
#include "qnn/Conversion/TosaInput/TosaInput.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::qnn;

void mlir::qnn::buildQNNToLLVMPipeline(OpPassManager &pm,
                                       const QNNToLLVMOptions &options) {
  // 0. TOSA that upstream's conversion would abort on is an error first;
  //    public functions get a C interface; their tensor signature is kept.
  pm.addNestedPass<func::FuncOp>(createQNNCheckTosaInputPass());
  // QDQ casts keep their rounding: upstream's canonicalization would fold
  // a dcast(qcast(x)) pair to x.
  pm.addNestedPass<func::FuncOp>(createQNNImportQuantCastsPass());
  // Integer layers quantized elsewhere run on qnn's ops, exactly.
  if (options.raise) {
    QNNRaiseQuantizedPassOptions raise;
    raise.qdq = false;
    pm.addNestedPass<func::FuncOp>(createQNNRaiseQuantizedPass(raise));
  }
  pm.addPass(createQNNExportEntryPointsPass());
  // Calls between functions are inlined: a private helper called from the
  // entry is compiled into it (one-shot bufferization does not cross calls
  // of every kind).
  pm.addPass(createInlinerPass());

  // 1. qnn ops -> linalg/arith/math on storage integers; float TOSA -> linalg.
  pm.addPass(createConvertQNNToLinalgPass());
  OpPassManager &funcs = pm.nest<func::FuncOp>();
  addTosaToLinalgPasses(funcs);
  funcs.addPass(createQNNDecomposeAggregatedOpsPass());
  // Elementwise arith/math on whole tensors (x + y, erf(x)) as linalg.
  funcs.addPass(createConvertElementwiseToLinalgPass());
  bool checks = options.runtimeChecks != "none";
  if (checks) {
    QNNInsertRuntimeChecksPassOptions which;
    which.ops = options.runtimeChecks;
    funcs.addPass(createQNNInsertRuntimeChecksPass(which));
  }
  if (options.vectorize) {
    // Int8 matmuls on constant weights: choose the target's int8 kernel,
    // built after bufferization; the rest is tiled and vectorized.
    QNNSelectInt8KernelsPassOptions kernelTarget;
    kernelTarget.cpu = options.targetCPU;
    kernelTarget.features = options.targetFeatures;
    funcs.addPass(createQNNSelectInt8KernelsPass(kernelTarget));
    funcs.addPass(createQNNTileAndVectorizePass());
    // Masks become operands of the transfers before bufferization: the
    // buffer deallocation pass cannot see into vector.mask regions.
    funcs.addPass(vector::createLowerVectorMaskPass());
    funcs.addPass(vector::createLowerVectorMultiReductionPass());
    funcs.addPass(createCanonicalizerPass());
    funcs.addPass(createCSEPass());
  }

  // 2. Tensors -> buffers, with identity layouts at function boundaries so
  //    the C interface sees plain row-major descriptors.
  pm.addPass(createQNNBufferizePass());
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
  QNNLowerInt8KernelsPassOptions kernels;
  kernels.sparse = options.sparseKernels;
  kernels.subByteWeights = options.subByteWeights;
  pm.addPass(createQNNLowerInt8KernelsPass(kernels));

  // 3. linalg -> loops -> LLVM. Target features go on every function so
  //    that mlir-translate + llc select the same instructions as the JIT.
  OpPassManager &loops = pm.nest<func::FuncOp>();
  loops.addPass(createConvertLinalgToLoopsPass());
  // Fully unrolled: the non-unrolled lowering puts a memref.alloca inside
  // the loops, which grows the stack on every iteration.
  VectorTransferToSCFOptions vectorToSCF;
  vectorToSCF.enableFullUnroll(true);
  pm.addPass(createConvertVectorToSCFPass(vectorToSCF));
  // expand-strided-metadata emits affine.apply: lower affine after it.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  QNNSetTargetPassOptions target;
  target.cpu = options.targetCPU;
  target.features = options.targetFeatures;
  pm.addPass(createQNNSetTargetPass(target));
  // Math first: what LLVM has no intrinsic for (erf, say) becomes a libm
  // call, unrolled into vector.extract/insert that the vector conversion
  // then lowers.
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  if (checks)
    pm.addPass(createQNNLowerRuntimeChecksPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createQNNCheckLoweredPass());
}

void mlir::qnn::buildQNNQuantizePipeline(
    OpPassManager &pm, const QNNQuantizePipelineOptions &options) {
  // One copy of the samples, shared by the passes that run them.
  SampleSource samples;
  if (options.samples)
    samples = SampleSource(*options.samples);
  if (options.prune) {
    if (samples.inMemory() &&
        options.prune->criterion == prune::Criterion::Activation)
      pm.addPass(createPrunePass(*options.prune, samples));
    else
      pm.addPass(createPrunePass(*options.prune));
  }
  // Samples alone calibrate with the default options.
  if (samples.inMemory())
    pm.addPass(createQNNCalibratePass(
        options.calibrate.value_or(QNNCalibratePassOptions()), samples));
  else if (options.calibrate)
    pm.addPass(createQNNCalibratePass(*options.calibrate));
  if (samples.inMemory() && options.measureOnSamples)
    pm.addPass(createQuantizePass(options.quantize, samples));
  else
    pm.addPass(createQuantizePass(options.quantize));
}

void mlir::qnn::registerQNNPipelines() {
  PassPipelineRegistration<QNNToLLVMOptions>(
      "qnn-to-llvm",
      "Lower qnn and the float upstream ops around it to the LLVM dialect",
      buildQNNToLLVMPipeline);
  PassPipelineRegistration<>(
      "qnn-tosa-to-linalg",
      "Convert float TOSA to linalg on tensors, as --qnn-calibrate and "
      "--quantize do before they start",
      [](OpPassManager &pm) {
        addTosaToLinalgPasses(pm.nest<func::FuncOp>());
      });
}
