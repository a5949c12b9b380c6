//===- RemoveChannels.h - Remove pruned output channels ---------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// After `--prune="pattern=channel"` a pruned output channel of a float layer
// is all-zero weights: it computes its accumulator's start (zero or the
// bias) on every pixel, and whatever follows channel by channel (bias, ReLU,
// pooling, a depthwise convolution, a flatten) keeps it one constant per
// channel up to the next layer that mixes channels. Removing the channel
// shrinks every tensor on the way, drops the next layer's weights for it and
// adds constant x those weights to the next layer's bias: the same numbers,
// less work. docs/Prune.md describes what is and is not removed.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_PRUNING_REMOVECHANNELS_H
#define QNN_PRUNING_REMOVECHANNELS_H

#include "mlir/IR/BuiltinOps.h"

namespace mlir::qnn::prune {

/// Removes the all-zero output channels of every float layer whose weights
/// are marked `qnn.pruned` with `#qnn.channel`, where each consumer of those
/// channels allows it, in multiples of `multiple` when the layer's channel
/// count is one (the rest stay zero channels); a remark names each layer's
/// outcome (category "prune"). Returns the number of channels removed.
int64_t removePrunedChannels(ModuleOp module, int64_t multiple);

} // namespace mlir::qnn::prune

#endif // QNN_PRUNING_REMOVECHANNELS_H
