//===- Passes.td - QNN pruning passes ----------------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_PRUNING_PASSES_TD
#define QNN_PRUNING_PASSES_TD

include "mlir/Pass/PassBase.td"

def PrunePass : Pass<"prune", "::mlir::ModuleOp"> {
  let summary = "Post-training pruning of the weights of every matmul and "
                "convolution";
  let description = [{
    Zeroes weights of every float matmul and convolution with constant
    weights (the layers `--quantize` rewrites; TOSA is converted to linalg
    first) and of every `qnn.matmul`/`qnn.conv2d` on uniform `qnn.constant`
    weights (after `--quantize`: ranked by their real values, a pruned
    weight stored as its zero point). Each pruned weight is marked with
    `qnn.pruned` and its pattern, which later passes rely on.

    A weight is seen as K x N: K the reduction (a convolution's
    KH x KW x C_in, C_in innermost), N the output channels. `pattern`:
    `unstructured` (any weight), `N:M` (at most N of every M consecutive
    weights along K kept), `block:RxC` (R along K by C output channels,
    removed whole), `channel` (whole output channels). A layer the pattern
    cannot tile stays dense with a remark.

    `sparsity` (default 0.5) removes floor(s x n) of all layers' n weights
    or blocks together, one ranking (`scope=global`, the default), or of
    each layer's (`scope=layer`, the default for channels, whose norms do not
    compare across layers), the least important first; `threshold` removes those scoring below it
    instead. `criterion=magnitude` scores |w| (a block or channel: the L2
    norm of its weights); `criterion=activation` scores |w| times the RMS of
    the input it multiplies, measured on the samples of `data` (run like
    `--qnn-calibrate`). `pattern=channel` leaves a layer whose channels reach
    the function's results (logits) without a layer mixing them dense, and
    then removes the pruned channels of float layers from the shapes (in
    multiples of `channel-multiple`), folding the constant each held into
    the next layer's bias, where every op on the way allows it (a remark
    says why not). docs/Prune.md has the details and the defaults'
    accuracy.

    ```
    qnn-opt --prune="pattern=2:4" model.mlir
    qnn-opt --prune="pattern=block:4x1 sparsity=0.8" --quantize model.mlir
    ```
  }];
  let options = [
    Option<"pattern", "pattern", "std::string", "\"unstructured\"",
           "What is removed together: unstructured (default), N:M (e.g. "
           "2:4), block:RxC (e.g. block:4x1) or channel">,
    Option<"sparsity", "sparsity", "double", "-1.0",
           "Fraction of the weights (blocks, channels) removed, in [0, 1) "
           "(not with N:M, which fixes it); -1: not given (0.5 unless "
           "threshold= is)">,
    Option<"threshold", "threshold", "double", "-1.0",
           "Remove what scores below this, instead of a fraction (-1: not "
           "given)">,
    Option<"scope", "scope", "::mlir::qnn::prune::Scope",
           "::mlir::qnn::prune::Scope::Auto",
           "Where sparsity= applies",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::prune::Scope::Auto, "auto",
                        "global, except layer for pattern=channel (default)"),
             clEnumValN(::mlir::qnn::prune::Scope::Global, "global",
                        "one ranking across all layers"),
             clEnumValN(::mlir::qnn::prune::Scope::Layer, "layer",
                        "the fraction of each layer"))}]>,
    Option<"criterion", "criterion", "::mlir::qnn::prune::Criterion",
           "::mlir::qnn::prune::Criterion::Magnitude",
           "How weights are scored",
           [{::llvm::cl::values(
             clEnumValN(::mlir::qnn::prune::Criterion::Magnitude, "magnitude",
                        "|w| (default)"),
             clEnumValN(::mlir::qnn::prune::Criterion::Activation,
                        "activation",
                        "|w| times the RMS of its input on the samples of "
                        "data="))}]>,
    ListOption<"data", "data", "std::string",
               "Samples (.npy) for criterion=activation">,
    Option<"entry", "entry", "std::string", "\"forward\"",
           "The function the samples run (criterion=activation)">,
    Option<"removeChannels", "remove-channels", "bool", "true",
           "With pattern=channel, remove the pruned channels from the "
           "shapes (folding their constant into the next layer's bias) "
           "where their consumers allow; false: keep them as zeros">,
    Option<"channelMultiple", "channel-multiple", "int64_t", "8",
           "Remove pruned channels in multiples of this many, so that a "
           "layer whose channel count is a multiple of it stays one (vector "
           "friendly); the rest stay zero channels. 1: remove all">,
    ListOption<"skip", "skip", "std::string",
               "Layers left dense, by name (a matmul or convolution's name "
               "location or tensor name)">,
  ];
  // Removing channels computes sizes with affine.apply.
  let dependentDialects = ["::mlir::qnn::QNNDialect",
                           "::mlir::affine::AffineDialect"];
}

#endif // QNN_PRUNING_PASSES_TD
