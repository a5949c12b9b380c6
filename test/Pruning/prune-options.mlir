// Bad option values and contradictions are errors that say what is allowed,
// with the module's location and a non-zero exit.
// RUN: not qnn-opt %s --prune="pattern=3:2" 2>&1 | FileCheck %s --check-prefix=NM
// NM: error: prune: an N:M pattern keeps N of every M weights and needs N < M, got 3:2
// RUN: not qnn-opt %s --prune="pattern=2:x" 2>&1 | FileCheck %s --check-prefix=NMTEXT
// NMTEXT: error: prune: an N:M pattern takes positive integers, e.g. 2:4
// RUN: not qnn-opt %s --prune="pattern=2:4 sparsity=0.5" 2>&1 | FileCheck %s --check-prefix=NMSPARSITY
// NMSPARSITY: error: prune: sparsity= does not apply to an N:M pattern, which keeps N of every M weights
// RUN: not qnn-opt %s --prune="pattern=1:4 threshold=1" 2>&1 | FileCheck %s --check-prefix=NMTHRESHOLD
// NMTHRESHOLD: error: prune: threshold= does not apply to an N:M pattern
// RUN: not qnn-opt %s --prune="pattern=block:4" 2>&1 | FileCheck %s --check-prefix=BLOCK
// BLOCK: error: prune: a block is 'block:RxC' with positive R (along the reduction) and C (output channels), e.g. block:4x1
// RUN: not qnn-opt %s --prune="pattern=block:0x4" 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not qnn-opt %s --prune="pattern=block:1x1" 2>&1 | FileCheck %s --check-prefix=BLOCK11
// BLOCK11: error: prune: block:1x1 is pattern=unstructured
// RUN: not qnn-opt %s --prune="pattern=rows" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: prune: unknown pattern 'rows': expected unstructured, N:M (e.g. 2:4), block:RxC (e.g. block:4x1) or channel
// RUN: not qnn-opt %s --prune="sparsity=1" 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not qnn-opt %s --prune="sparsity=-0.1" 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not qnn-opt %s --prune="sparsity=nan" 2>&1 | FileCheck %s --check-prefix=RANGE
// RANGE: error: prune: sparsity must be in [0, 1), got
// RUN: not qnn-opt %s --prune="pattern=channel channel-multiple=0" 2>&1 | FileCheck %s --check-prefix=MULTIPLE
// MULTIPLE: error: prune: channel-multiple must be at least 1, got 0
// RUN: not qnn-opt %s --prune="sparsity=0.5 threshold=0.1" 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH: error: prune: give sparsity= or threshold=, not both
// RUN: not qnn-opt %s --prune="threshold=-2" 2>&1 | FileCheck %s --check-prefix=THRESHOLD
// RUN: not qnn-opt %s --prune="threshold=inf" 2>&1 | FileCheck %s --check-prefix=THRESHOLD
// THRESHOLD: error: prune: threshold must be a finite score >= 0, got
// RUN: not qnn-opt %s --prune="criterion=activation" 2>&1 | FileCheck %s --check-prefix=NODATA
// NODATA: error: prune: criterion=activation measures the inputs on samples: give data=FILE.npy
// RUN: not qnn-opt %s --prune="data=x.npy" 2>&1 | FileCheck %s --check-prefix=DATA
// DATA: error: prune: data= is for criterion=activation; magnitude pruning reads only the weights
// RUN: not qnn-opt %s --prune="skip=fc3" 2>&1 | FileCheck %s --check-prefix=SKIP
// SKIP: error: prune: skip names 'fc3', but no matmul or convolution has that name (the layers are: fc1, fc2)
// RUN: not qnn-opt %s --prune="scope=everywhere" 2>&1 | FileCheck %s --check-prefix=SCOPE
// SCOPE: for the --scope option: Cannot find option named 'everywhere'!
// RUN: not qnn-opt %s --prune="criterion=gradient" 2>&1 | FileCheck %s --check-prefix=CRITERION
// CRITERION: for the --criterion option: Cannot find option named 'gradient'!
// RUN: not qnn-opt %s --prune="sparsity=half" 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: for the --sparsity option: 'half' value invalid for floating point argument!

// The pipeline --dump-pass-pipeline prints (every option spelled out, the
// defaults as "not given") parses back and prunes as the bare flag does.
// RUN: qnn-opt %s --prune --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=DUMP
// DUMP: prune{channel-multiple=8 criterion=magnitude  entry=forward pattern=unstructured remove-channels=true scope=auto  sparsity=-1.000000e+00 threshold=-1.000000e+00}
// RUN: qnn-opt %s --pass-pipeline="builtin.module(prune{channel-multiple=8 criterion=magnitude  entry=forward pattern=unstructured remove-channels=true scope=auto  sparsity=-1.000000e+00 threshold=-1.000000e+00})" | FileCheck %s --check-prefix=ROUNDTRIP
// ROUNDTRIP-COUNT-2: qnn.pruned

// A skipped layer stays dense with a remark.
// RUN: qnn-opt %s --prune="skip=fc1" 2>&1 | FileCheck %s --check-prefix=SKIPPED
// SKIPPED: remark: loc("fc1"): left dense: 'fc1' is in the skip list
// SKIPPED-LABEL: func.func @layers
// SKIPPED-NOT:     qnn.pruned
// SKIPPED:         linalg.matmul
// SKIPPED:         qnn.pruned
// SKIPPED:         linalg.matmul
func.func @layers(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[1.0, -2.0], [-0.5, 1.0]]> : tensor<2x2xf32>
  %e = tensor.empty() : tensor<1x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %h = linalg.matmul ins(%x, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%acc : tensor<1x2xf32>) -> tensor<1x2xf32> loc("fc1")
  %y = linalg.matmul ins(%h, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%acc : tensor<1x2xf32>) -> tensor<1x2xf32> loc("fc2")
  return %y : tensor<1x2xf32>
}
