//===- Passes.td - QNN code generation passes --------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The passes between linalg on tensors and the LLVM dialect that qnn-to-llvm
// runs: tiling and vectorization, bufferization for native callers, target
// selection and the C entry points.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CODEGEN_PASSES_TD
#define QNN_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def QNNSetTargetPass : Pass<"qnn-set-target", "::mlir::ModuleOp"> {
  let summary = "Record the target CPU and features on every function";
  let description = [{
    Sets `target_cpu` and `target_features` on each `func.func` (and
    `llvm.func`) that has none, so that the features reach the backend
    whichever way the module is compiled: `convert-func-to-llvm` carries the
    attributes to `llvm.func`, and `mlir-translate` emits them as the
    function's `"target-cpu"` / `"target-features"`. Without them `llc`
    targets baseline x86-64 and never selects the AVX2 multiply-adds.
    CPU `host` is this machine's CPU. Features `host` (the default) are
    this machine's features when the CPU is `host`, and only the named
    CPU's own otherwise: `cpu=x86-64-v3` is an AVX2 target on any machine.
    The module also gets this machine's `llvm.target_triple` when it has
    none.
  }];
  let options = [
    Option<"cpu", "cpu", "std::string", "\"host\"",
           "CPU name, or 'host'">,
    Option<"features", "features", "std::string", "\"host\"",
           "Comma-separated features such as '+avx2,+fma', or 'host' (this "
           "machine's with cpu=host, else the CPU's own)">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def QNNExportEntryPointsPass
    : Pass<"qnn-export-entry-points", "::mlir::ModuleOp"> {
  let summary = "Give public functions a C interface and record their signature";
  let description = [{
    Marks every public `func.func` with `llvm.emit_c_interface`, so that
    `convert-func-to-llvm` emits `_mlir_ciface_<name>` taking pointers to
    memref descriptors (what the JIT runner and a C program call), and
    records its tensor signature, quantized element types included, as the
    string `qnn.signature` (a string so that tools without the quant
    dialect, such as mlir-runner, still parse the module). The record
    survives lowering, so `qnn-run` can check the inputs of an already
    lowered module.
  }];
}

def QNNBufferizePass : Pass<"qnn-bufferize", "::mlir::ModuleOp"> {
  let summary = "One-shot bufferization for self-contained native code";
  let description = [{
    Upstream one-shot module bufferization with function boundaries
    bufferized to identity-layout (row-major) memrefs, the layout of the C
    interface. Buffer copies are `linalg.copy`, which later lowers to
    loops: the upstream default, `memref.copy`, calls `memrefCopy` from
    `libmlir_c_runner_utils` for strided copies, which an ahead-of-time
    compiled model would then have to link.
  }];
  let dependentDialects = [
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect", "::mlir::memref::MemRefDialect"
  ];
}

def QNNSelectInt8KernelsPass
    : Pass<"qnn-select-int8-kernels", "::mlir::func::FuncOp"> {
  let summary = "Choose the target's int8 kernel for int8 matmuls on constant weights";
  let description = [{
    Marks each `linalg.matmul` on tensors of int8 activations and constant
    int8 weights into int32 (the form `convert-qnn-to-linalg` gives
    quantized layers with constant weights), with a static reduction size
    and static columns, and each `linalg.conv_2d_nhwc_hwcf` and
    `linalg.depthwise_conv_2d_nhwc_hwc` of that kind with static sizes but
    the batch, with `qnn.kernel`: the register-blocked kernel of the
    target's best int8 instruction, which `qnn-lower-int8-kernels` builds
    after bufferization. The broadcast that starts the accumulator and the
    elementwise `linalg.generic` that consumes the result are marked
    `qnn.kernel_part` (`init`, `epilogue`) when nothing else reads them but
    their sizes: the kernel computes them in its registers. An epilogue it
    cannot take is named in a remark with the reason.

    - `avx512-vnni-vbmi`: as `avx512-vnni`, with `vpermb` (AVX512-VBMI)
      for the sparse gather kernel;
    - `avx512-vnni`: `vpdpbusd` on zmm (AVX512-VNNI, -VL and -BW);
    - `avx-vnni`: `vpdpbusd` on ymm (AVX-VNNI, or AVX512-VNNI with -VL);
    - `avx2`: `vpmaddwd` on ymm, on 16-bit operands (exact).

    Other targets, and matmuls that do not qualify, keep the portable
    lowering. `qnn-tile-and-vectorize` leaves marked matmuls alone. Each
    choice is a remark (category `qnn-int8-kernels`).
  }];
  let options = [
    Option<"cpu", "cpu", "std::string", "\"host\"",
           "CPU to choose kernels for ('host': this machine's)">,
    Option<"features", "features", "std::string", "\"host\"",
           "Target features such as '+avx2,+avxvnni' ('host': this "
           "machine's with cpu=host, else the CPU's own)">,
  ];
}

def QNNLowerInt8KernelsPass
    : Pass<"qnn-lower-int8-kernels", "::mlir::ModuleOp"> {
  let summary = "Build the int8 matmul kernels chosen by qnn-select-int8-kernels";
  let description = [{
    Rewrites each `linalg.matmul`, `linalg.conv_2d_nhwc_hwcf` and
    `linalg.depthwise_conv_2d_nhwc_hwc` on buffers marked `qnn.kernel` whose
    weights are a constant `memref.global` into a register-blocked kernel,
    with the marked bias broadcast and epilogue (`qnn.kernel_part`) computed
    in its registers when the buffers allow (a remark says why not):

    - the weights are packed at compile time into a new constant global,
      in panels of 16 (zmm) or 8 (ymm) columns by groups of 4 (vpdpbusd)
      or 2 (vpmaddwd) reduction steps: the layout the instruction reads;
    - the activations are converted once (a convolution with whole groups
      of channels is read in place, tap by tap; others take an im2col
      gather): for vpdpbusd, which multiplies unsigned by signed bytes,
      with their sign bit flipped, the extra 128 * colsum(W) taken back off
      through a constant packed with the weights; for vpmaddwd
      sign-extended to 16 bits;
    - a depthwise convolution multiplies sign-extended channels in int32,
      its filter packed per tap, 4 output pixels at a time;
    - a tile of 6 rows by 4 zmm (2 ymm) panels, 4 by 2 for vpmaddwd, keeps
      its accumulators in registers across the whole reduction; row and
      column tails run the same body with fewer rows and panels, the last
      partial panel masked;
    - pruned weights (`sparse-kernels`): a tile of the packed weights is
      one instruction's operand (4 x 16 on zmm, 4 x 8 on ymm, 2 x 8 for
      vpmaddwd, reduction steps by columns). Where few enough tiles hold a
      nonzero, only the kept tiles are stored, with their reduction group
      and each panel's first tile, and a kernel of 12 rows (8 for
      vpmaddwd) by one panel runs over the kept tiles only. Where few
      weights are nonzero (unstructured, N:M), the gather kernel packs
      each column's nonzeros into operands and picks the activations they
      multiply out of a window with a byte shuffle (vpermb on
      `avx512-vnni-vbmi`, else vpshufb). The cheapest of the three by an
      estimate of the instructions each runs is built; a remark names the
      choice and the counts whenever a tile is empty, at most half the
      weights are nonzero, or a sparse kernel is forced.
    - dense weights of few values (4- and 2-bit quantization, codebooks)
      are stored as 4- or 2-bit indices into tables of 16 entries per
      16-byte lane of an operand: one table for the layer (at most 16
      values), a table per lane (per 4 columns on VNNI), or each column's
      at most 4 values (per-channel 2-bit codebooks), whichever stores the
      fewest bytes. The kernel expands each operand in registers (a
      shift, a mask and a byte shuffle), or, with many rows, once per
      block of panels into a scratch buffer; the object file holds half
      (a quarter) of the bytes. The remark says what is stored.

    The result equals the op's, modulo 2^32 like every int32 accumulation.
    A marked op whose weights are not a constant global keeps the portable
    lowering (with a remark). Runs after bufferization and buffer
    deallocation: the kernels free their own scratch buffer.
    docs/Lowering.md describes the design.
  }];
  let options = [
    Option<"sparse", "sparse-kernels", "::mlir::qnn::SparseKernels",
           "::mlir::qnn::SparseKernels::Auto",
           "How pruned weights are stored and run",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::SparseKernels::Auto, "auto",
                        "the kernel that runs the fewest instructions"),
             clEnumValN(::mlir::qnn::SparseKernels::Never, "never",
                        "always the dense kernel"),
             clEnumValN(::mlir::qnn::SparseKernels::Tiles, "tiles",
                        "always the kept tiles kernel"),
             clEnumValN(::mlir::qnn::SparseKernels::Gather, "gather",
                        "always the gather kernel"))}]>,
    Option<"subByteWeights", "sub-byte-weights", "bool", "true",
           "Store dense weights of at most 16 (4) distinct values as 4-bit "
           "(2-bit) indices into tables, expanded in the kernel">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::scf::SCFDialect",
    "::mlir::memref::MemRefDialect", "::mlir::vector::VectorDialect",
    "::mlir::LLVM::LLVMDialect"
  ];
}

def QNNTileAndVectorizePass
    : Pass<"qnn-tile-and-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Tile linalg ops and turn each tile into vector ops";
  let description = [{
    Runs on tensors after `convert-qnn-to-linalg`. Matmuls are tiled
    `[batch 1, M 4, N 16, K 16]`, elementwise ops `16` along the innermost
    dimension, and each tile is vectorized with upstream's linalg vectorizer,
    masking partial tiles. 2-D convolutions (plain and depthwise) are tiled
    to one output row with static tile sizes that divide the output, reduced
    to 1-D convolutions and vectorized. An op the vectorizer cannot handle
    (a gather, a grouped convolution, a depthwise convolution with a channel
    multiplier) stays as scalar loops: still exact, only slower.
  }];
  let options = [
    Option<"matmulTileM", "matmul-tile-m", "int64_t", "4", "Rows per matmul tile">,
    Option<"matmulTileN", "matmul-tile-n", "int64_t", "16", "Columns per matmul tile">,
    Option<"matmulTileK", "matmul-tile-k", "int64_t", "16", "Reduction depth per matmul tile">,
    Option<"elementwiseTile", "elementwise-tile", "int64_t", "16",
           "Innermost tile of elementwise ops">,
  ];
  let dependentDialects = [
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
    "::mlir::tensor::TensorDialect", "::mlir::affine::AffineDialect"
  ];
}

def QNNDecomposeAggregatedOpsPass
    : Pass<"qnn-decompose-aggregated-ops", "::mlir::func::FuncOp"> {
  let summary = "Decompose linalg ops made of other linalg ops (softmax)";
  let description = [{
    Rewrites every op that implements upstream's `AggregatedOpInterface`
    (`linalg.softmax`, the ending of most classifiers) into the ops it
    stands for: `linalg.generic` reductions (max, sum) and elementwise ops
    (subtract, exp, divide). MLIR 22 has the decomposition but no pass that
    applies it; without this the op would reach the LLVM conversion as it is.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect"
  ];
}

def QNNInsertRuntimeChecksPass
    : Pass<"qnn-insert-runtime-checks", "::mlir::func::FuncOp"> {
  let summary = "Check at run time what the IR cannot promise statically";
  let description = [{
    Inserts `cf.assert`s from upstream's `RuntimeVerifiableOpInterface`:
    with `ops=shapes`, that the operand sizes of every linalg op agree and
    that casts to static sizes hold (a dynamic size that contradicts static
    weights would otherwise read past a buffer); with `ops=all`, also every other op that can check itself
    (out-of-range `tensor.extract`, slices, casts; ops in the IR before
    bufferization, not the loads and stores it creates). Each
    message names the op and its location. `qnn-lower-runtime-checks`
    turns the asserts into calls the caller can recover from.
  }];
  let options = [
    Option<"ops", "ops", "std::string", "\"shapes\"",
           "Which ops to check: 'shapes' (linalg operand sizes) or 'all'">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::cf::ControlFlowDialect",
    "::mlir::tensor::TensorDialect", "::mlir::memref::MemRefDialect"
  ];
}

def QNNLowerRuntimeChecksPass
    : Pass<"qnn-lower-runtime-checks", "::mlir::ModuleOp"> {
  let summary = "Failed run-time checks call qnn_runtime_check_failed";
  let description = [{
    Rewrites each `cf.assert %ok, "message"` into a branch that, when `%ok`
    is false, calls `void qnn_runtime_check_failed(const char *message)`.
    Upstream lowers a failed assert to `abort()`, which would end the
    process running the model, a compiler among them; qnn's JIT provides
    the function and returns control to its caller with the message
    (calibration reports the op and the sample). A program that links a
    model compiled with checks ahead of time defines the function itself,
    and it must not return (abort, exit or longjmp): the code after the
    call is unreachable, since what the check guards must not run.
  }];
  let dependentDialects = [
    "::mlir::LLVM::LLVMDialect", "::mlir::cf::ControlFlowDialect"
  ];
}

def QNNCheckLoweredPass : Pass<"qnn-check-lowered", "::mlir::ModuleOp"> {
  let summary = "Fail, naming the op, when anything is left unconverted";
  let description = [{
    The last pass of `qnn-to-llvm`: every op must be in the LLVM dialect by
    now (a `builtin.module` aside). An op that no conversion handled, or an
    `unrealized_conversion_cast` that did not reconcile, is an error at its
    location, so a lowering that could not finish never reports success.
  }];
}

#endif // QNN_CODEGEN_PASSES_TD
