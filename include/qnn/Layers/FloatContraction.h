//===- FloatContraction.h - The float layers qnn rewrites -------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The float linalg contractions quantization rewrites, in the forms
// frontends and tosa-to-linalg produce them, brought to qnn's layouts:
// weights K x N (matmul) or HWCF (convolution), a depthwise convolution as
// groups = channels. Calibration observes the same input and result, so
// both use this matcher.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_LAYERS_FLOATCONTRACTION_H
#define QNN_LAYERS_FLOATCONTRACTION_H

#include "qnn/Dialect/QNN/IR/QNNAttrs.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <string>

namespace mlir::qnn {

struct FloatContraction {
  linalg::LinalgOp op;
  /// The activation (the source of a spatial zero `pad`, which then folds
  /// into `padding`).
  Value input;
  tensor::PadOp pad;
  /// The value the contraction computes in qnn's result layout: the op's
  /// result, or the tensor.collapse_shape that drops a depthwise
  /// convolution's unit channel multiplier.
  Value result;
  /// Float weights in qnn's layout: K x N, batch x K x N, or HWCF.
  DenseFPElementsAttr weights;
  /// How qnn's layout sits in the op's weight operand: dimension i of
  /// `weights` is operand dimension weightDims[i], or a unit dimension the
  /// operand lacks (-1). Operand dimensions not listed have size 1.
  SmallVector<int64_t> weightDims;
  /// The pruning pattern of the weights (a dense qnn.pruned between the
  /// constant and the op), in qnn's layout; null when not pruned.
  SparsityPatternAttrInterface pattern;
  /// The weight operand is `weights` broadcast over the batch (a
  /// batch_matmul reading a linalg.broadcast or a broadcasting
  /// linalg.generic of them); its batch dimension need not be 1, so the
  /// operand layout functions below do not apply: rewrite the broadcast's
  /// input instead.
  bool broadcastWeights = false;
  /// With WeightSource::Dequantized: the quantized type of the weight
  /// operand's qnn.constant (`weights` are its dequantized values); null
  /// otherwise.
  RankedTensorType dequantizedFrom;
  /// A per-channel bias the accumulator starts from (tosa-to-linalg
  /// broadcasts a convolution's bias into its init); null when it starts
  /// at zero.
  DenseFPElementsAttr initBias;
  bool isConv = false;
  SmallVector<int64_t> strides{1, 1}, dilations{1, 1}, padding{0, 0, 0, 0};
  int64_t groups = 1;
};

/// Where a layer's weights come from: a float constant (a float model), or
/// a qnn.dequantize of a qnn.constant (a model quantized elsewhere, in QDQ
/// form).
enum class WeightSource { Constant, Dequantized };

/// Recognizes a float matmul, batch_matmul, conv_2d_nhwc_{hwcf,fhwc} or
/// depthwise_conv_2d_nhwc_hwc[m] on f32 tensors with weights from `source`.
/// When `op` is one of those but cannot be quantized, sets `whyNot` (for a
/// remark) and returns nullopt; for any other op returns nullopt and leaves
/// `whyNot` empty.
std::optional<FloatContraction>
matchFloatContraction(Operation *op, std::string &whyNot,
                      WeightSource source = WeightSource::Constant);

/// `weights` (qnn's layout) in the layout of `c`'s weight operand.
DenseFPElementsAttr toOperandLayout(const FloatContraction &c,
                                    DenseFPElementsAttr weights);

/// A pattern on qnn's layout as it applies to `c`'s weight operand, and
/// back. A pattern that only constrains unit dimensions becomes
/// #qnn.unstructured.
SparsityPatternAttrInterface
toOperandLayout(const FloatContraction &c,
                SparsityPatternAttrInterface pattern);
SparsityPatternAttrInterface
fromOperandLayout(const FloatContraction &c,
                  SparsityPatternAttrInterface pattern);

/// Whether a 2-D convolution's output sizes ([OH, OW]) are exactly the
/// windows of its input ([H, W]) with `padding` ([top, bottom, left,
/// right]): linalg allows an output with fewer, qnn.conv2d does not.
/// Dynamic sizes are not checked.
bool convOutputSizeMatches(ArrayRef<int64_t> input, ArrayRef<int64_t> window,
                           ArrayRef<int64_t> output, ArrayRef<int64_t> strides,
                           ArrayRef<int64_t> dilations,
                           ArrayRef<int64_t> padding);

/// A float constant that varies only along the last loop of `map`, as a
/// 1-D attribute: its last dimension is indexed by the last loop and every
/// other dimension has size 1 (so `(d0, d1, d2) -> (d0, 0, d2)` on a 1x1xN
/// constant qualifies: tosa-to-linalg writes biases so). Null otherwise.
DenseFPElementsAttr channelConstant(Value value, AffineMap map);

/// Permutes a constant: result dimension i is input dimension perm[i]
/// (linalg.transpose's convention).
DenseElementsAttr transposeConstant(DenseElementsAttr values,
                                    ArrayRef<int64_t> perm);
DenseFPElementsAttr transposeConstant(DenseFPElementsAttr values,
                                      ArrayRef<int64_t> perm);
DenseIntElementsAttr transposeConstant(DenseIntElementsAttr values,
                                       ArrayRef<int64_t> perm);

/// The float constant `value` is, through linalg.transpose (or a
/// linalg.generic that copies through a permutation),
/// tensor.collapse_shape and tensor.expand_shape (static shapes) of a
/// constant, folded at compile time; null when it is not one.
DenseFPElementsAttr foldedConstant(Value value);

} // namespace mlir::qnn

#endif // QNN_LAYERS_FLOATCONTRACTION_H
