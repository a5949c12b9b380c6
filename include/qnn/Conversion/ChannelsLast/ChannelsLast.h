//===- ChannelsLast.h - NCHW models in qnn's NHWC layout --------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Frontends that follow PyTorch (torch-mlir, ONNX importers) emit NCHW
// convolutions and pooling; qnn's layers and kernels are NHWC. These
// patterns rewrite each channels-first op as its NHWC form between two
// linalg.transpose ops and then move the transposes through the ops between
// layers (elementwise, padding, concatenation, reductions, a flatten into a
// linear layer's constant weights) until adjacent pairs cancel, so a model
// keeps a layout change only where it meets the outside: its arguments and
// results. Constant filters are transposed at compile time.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CONVERSION_CHANNELSLAST_CHANNELSLAST_H
#define QNN_CONVERSION_CHANNELSLAST_CHANNELSLAST_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {

/// The rewrite to NHWC and the moves that cancel the transposes.
void populateChannelsLastPatterns(RewritePatternSet &patterns);

/// Turns a transpose that only moves unit dimensions into a collapse and an
/// expand (no data moves), folded with the reshapes around it. Apply after
/// the patterns above have converged: a reshape stops a transpose moving.
void populateUnitTransposeAsReshapePatterns(RewritePatternSet &patterns);

/// True when `root` holds an op the patterns rewrite to NHWC
/// (linalg.conv_2d_nchw_fchw, depthwise_conv_2d_nchw_chw,
/// pooling_nchw_max/sum).
bool containsChannelsFirstOps(Operation *root);

} // namespace mlir::qnn

#endif // QNN_CONVERSION_CHANNELSLAST_CHANNELSLAST_H
