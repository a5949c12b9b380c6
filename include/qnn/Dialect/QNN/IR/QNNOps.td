//===- QNNOps.td - QNN operations --------------------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_IR_QNNOPS_TD
#define QNN_DIALECT_QNN_IR_QNNOPS_TD

include "qnn/Dialect/QNN/IR/QNNDialect.td"
include "qnn/Dialect/QNN/IR/QNNAttrs.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def QNN_UniformQuantizedType : Type<
    CPred<"::llvm::isa<::mlir::quant::UniformQuantizedType, "
          "::mlir::quant::UniformQuantizedPerAxisType>($_self)">,
    "uniform quantized type (per tensor or per axis)">;

def QNN_QuantizedTensor : RankedTensorOf<[QNN_UniformQuantizedType]>;
def QNN_F32Tensor : RankedTensorOf<[F32]>;

//===----------------------------------------------------------------------===//
// Constants and conversions
//===----------------------------------------------------------------------===//

def QNN_ConstantOp : QNN_Op<"constant", [ConstantLike, Pure]> {
  let summary = "quantized constant given by its stored integers";
  let description = [{
    A tensor of quantized type whose stored integers are `value`, a dense
    integer attribute of the storage type and the same shape. Builtin
    constants cannot have a quantized element type; this op is how folding
    and the quantization passes write quantized weights.

    With `packed`, storage of 1, 2 or 4 bits is packed 8 / bits values per
    byte: `value` is a 1-D `ui8` (or `i8`) tensor of `ceil(N * bits / 8)`
    bytes, value
    `i` (row-major) in byte `i * bits / 8` at bit offset `(i * bits) % 8`,
    the first value in the least significant bits (ONNX's int4 order), two's
    complement for signed storage; unused high bits of the last byte are 0
    (docs/Semantics.md). Folding writes sub-byte constants packed.

    ```mlir
    %w = qnn.constant dense<[[1, -2], [3, 127]]> : tensor<2x2xi8>
           -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
    // [1, -2, 3, 7] as i4: bytes 0xE1, 0x73
    %p = qnn.constant packed dense<[225, 115]> : tensor<2xui8>
           -> tensor<2x2x!quant.uniform<i4:f32, 0.5>>
    ```
  }];
  let arguments = (ins AnyIntElementsAttr:$value, UnitAttr:$packed);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = "attr-dict (`packed` $packed^)? $value `->` type($output)";
  let extraClassDeclaration = [{
    /// The stored integers in row-major order (unpacked, sign- or
    /// zero-extended by the storage signedness).
    ::llvm::SmallVector<int64_t> getStoredValues();
    /// The stored integers as an unpacked attribute of the storage type and
    /// the result's shape (what folding sees); a splat stays a splat.
    ::mlir::DenseIntElementsAttr getUnpackedValue();
    /// The one stored integer of a constant whose elements are all equal
    /// and stored as a splat (packed or not); none otherwise. Lets the
    /// verifier, folders and lowering handle splats in O(1).
    ::std::optional<int64_t> getSplatStoredValue();
  }];
  let hasFolder = 1;
  let hasVerifier = 1;
}

def QNN_QuantizeOp : QNN_Op<"quantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "float to quantized: clamp(round(x / scale) + zero_point)";
  let description = [{
    Quantizes binary32 values to the result's `!quant.uniform` type (per
    tensor, or per axis with one scale and zero point per slice). `x / scale`
    is a binary32 division, rounded with `rounding` (default
    `half_to_even`, ONNX QuantizeLinear), offset by the zero point and
    saturated to the storage range. NaN becomes the zero point.

    ```mlir
    %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
    %t = qnn.quantize %x rounding = half_away_from_zero
           : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
    ```
  }];
  let arguments = (ins QNN_F32Tensor:$input,
      DefaultValuedAttr<QNN_RoundingAttr, "::mlir::qnn::Rounding::HalfToEven">:$rounding);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = [{
    $input (`rounding` `=` $rounding^)? attr-dict `:` type($input) `->` type($output)
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
  let hasVerifier = 1;
}

def QNN_DequantizeOp : QNN_Op<"dequantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "quantized to float: (q - zero_point) * scale";
  let description = [{
    Converts stored integers back to binary32: `float(q - zero_point) *
    float(scale)` (ONNX DequantizeLinear), per tensor or per axis.

    ```mlir
    %x = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins QNN_QuantizedTensor:$input);
  let results = (outs QNN_F32Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def QNN_RequantizeOp : QNN_Op<"requantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "change the scale and zero point of quantized values";
  let description = [{
    Re-expresses quantized values in the result's quantization, rounding
    with the explicit `rounding` mode: the float modes multiply by the
    binary32 ratio `in_scale / out_scale`; `double_round` (TFLite) and
    `single_round` (TOSA) apply the fixed-point multiplier and shift of that
    ratio. The result is offset by the output zero point and saturated.
    A per-axis input (an accumulator of a per-channel matmul) may go to a
    per-tensor or same-axis per-axis output.

    ```mlir
    %y = qnn.requantize %acc rounding = double_round
           : tensor<4x8x!quant.uniform<i32:f32:1, {...}>>
          -> tensor<4x8x!quant.uniform<i8:f32, 0.05:-4>>
    ```
  }];
  let arguments = (ins QNN_QuantizedTensor:$input, QNN_RoundingAttr:$rounding);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = [{
    $input `rounding` `=` $rounding attr-dict `:` type($input) `->` type($output)
  }];
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Integer compute
//===----------------------------------------------------------------------===//

def QNN_MatmulOp : QNN_Op<"matmul", [Pure]> {
  let summary = "integer matrix multiply with zero points, int32 accumulation";
  let description = [{
    `out[b, m, n] = bias[n] + sum_k (lhs[b, m, k] - zl) * (rhs[b, k, n] - zr[n])`
    with two's complement int32 wrap-around. `lhs` is per-tensor quantized
    (rank 2, or rank 3 with a batch dimension); `rhs` is rank 2 (shared by
    every batch) or rank 3, per tensor or per axis along its last (N)
    dimension. The result and the optional bias are i32 accumulators with
    zero point 0 and scale `lhs scale * rhs scale` (per N channel when `rhs`
    is per axis, along the last dimension of the result and dimension 0 of
    the bias).

    ```mlir
    %acc = qnn.matmul %a, %w bias(%b)
        : (tensor<4x16x!quant.uniform<i8:f32, 0.5:3>>,
           tensor<16x8x!quant.uniform<i8:f32, 0.25>>,
           tensor<8x!quant.uniform<i32:f32, 0.125>>)
        -> tensor<4x8x!quant.uniform<i32:f32, 0.125>>
    ```
  }];
  let arguments = (ins QNN_QuantizedTensor:$lhs, QNN_QuantizedTensor:$rhs,
                       Optional<QNN_QuantizedTensor>:$bias);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs (`bias` `(` $bias^ `)`)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_Conv2DOp : QNN_Op<"conv2d", [Pure]> {
  let summary = "integer 2-D convolution (NHWC x HWCF), grouped or depthwise";
  let description = [{
    `input` is NHWC and per-tensor quantized; `filter` is HWCF with
    `C = input channels / groups`, per tensor or per axis along F (dimension
    3). Output channel `f` belongs to group `f / (F / groups)`; depthwise is
    `groups = C`. `padding` is `[top, bottom, left, right]`; padded taps read
    the input zero point (a real zero) and so add nothing. The result
    `[N, OH, OW, F]` and the optional bias `[F]` are i32 accumulators with
    zero point 0 and scale `input scale * filter scale` (per F channel when the
    filter is per axis), accumulated with int32 wrap-around.

    ```mlir
    %acc = qnn.conv2d %x, %w {strides = array<i64: 2, 2>,
                              padding = array<i64: 1, 1, 1, 1>}
        : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:3>>,
           tensor<3x3x3x4x!quant.uniform<i8:f32, 0.25>>)
        -> tensor<1x4x4x4x!quant.uniform<i32:f32, 0.125>>
    ```
  }];
  let arguments = (ins QNN_QuantizedTensor:$input, QNN_QuantizedTensor:$filter,
      Optional<QNN_QuantizedTensor>:$bias,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
      DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
      DefaultValuedAttr<I64Attr, "1">:$groups);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`bias` `(` $bias^ `)`)? attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// True when every size but the batch is static: the spatial, channel
    /// and filter sizes the lowering needs to know.
    bool hasStaticShapeExceptBatch();
  }];
  let hasVerifier = 1;
}

def QNN_MaxPool2DOp : QNN_Op<"max_pool2d", [Pure]> {
  let summary = "max pooling of stored integers (NHWC)";
  let description = [{
    The largest stored integer of each `kernel` window of each channel
    (windows placed by `strides` and `dilations`, as a convolution's).
    `padding` is `[top, bottom, left, right]`; padded taps read the storage
    minimum, so they never win over an input element, which every window
    must hold. Input and result have
    the same quantized element type. Dequantization is non-decreasing, so
    this is exactly the float max pooling of the dequantized values,
    quantized back to the same type.

    ```mlir
    %p = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x8x8x16x!quant.uniform<i8:f32, 0.5:-3>>
       -> tensor<1x4x4x16x!quant.uniform<i8:f32, 0.5:-3>>
    ```
  }];
  let arguments = (ins QNN_QuantizedTensor:$input,
      DenseI64ArrayAttr:$kernel,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
      DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def QNN_AvgPool2DOp : QNN_Op<"avg_pool2d", [Pure]> {
  let summary = "average pooling of stored integers (NHWC)";
  let description = [{
    The average of the stored integers of each `kernel` window of each
    channel, rounded to an integer with `rounding` (`half_away_from_zero`,
    TFLite's rule, by default; or `half_to_even`): `sum / count`, where
    `count` is the number of taps inside the input, or with
    `count_include_pad` the whole window, whose padded taps then read the
    zero point (a real zero). `padding` is `[top, bottom, left, right]`;
    every window must hold an input element.
    Input and result have the same quantized element type; the average of
    the stored values is that of the real values, rounded once
    (docs/Semantics.md).

    ```mlir
    %p = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x8x8x16x!quant.uniform<i8:f32, 0.5:-3>>
       -> tensor<1x4x4x16x!quant.uniform<i8:f32, 0.5:-3>>
    ```
  }];
  let arguments = (ins QNN_QuantizedTensor:$input,
      DenseI64ArrayAttr:$kernel,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
      DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
      UnitAttr:$count_include_pad,
      DefaultValuedAttr<QNN_RoundingAttr, "::mlir::qnn::Rounding::HalfAwayFromZero">:$rounding);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = [{
    $input (`rounding` `=` $rounding^)? attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def QNN_AddOp : QNN_Op<"add", [Pure, SameOperandsAndResultShape]> {
  let summary = "elementwise add of quantized tensors";
  let description = [{
    `out = clamp(round(float(a - za) * float(sa / sc) + float(b - zb) *
    float(sb / sc)) + zc)`: two binary32 products and one binary32 sum,
    rounded with a float `rounding` mode. All three are per-tensor quantized
    with the same shape.

    ```mlir
    %c = qnn.add %a, %b : tensor<8x!quant.uniform<i8:f32, 0.5:1>>,
                          tensor<8x!quant.uniform<i8:f32, 0.25>>
                       -> tensor<8x!quant.uniform<i8:f32, 0.75:-2>>
    ```
  }];
  let arguments = (ins QNN_QuantizedTensor:$lhs, QNN_QuantizedTensor:$rhs,
      DefaultValuedAttr<QNN_RoundingAttr, "::mlir::qnn::Rounding::HalfToEven">:$rounding);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs (`rounding` `=` $rounding^)? attr-dict `:` type($lhs) `,` type($rhs) `->` type($output)
  }];
  let hasFolder = 1;
  let hasVerifier = 1;
}

def QNN_ClampOp : QNN_Op<"clamp", [Pure, SameOperandsAndResultType]> {
  let summary = "clamp stored integers (ReLU, ReLU6, ...)";
  let description = [{
    Clamps the stored integers to `[min, max]`, bounds given in the storage
    domain so the op is exact. ReLU is `min = zero point`; ReLU6 adds
    `max = zero point + round(6 / scale)`.

    ```mlir
    %r = qnn.clamp %x min = -3, max = 127 : tensor<8x!quant.uniform<i8:f32, 0.5:-3>>
    ```
  }];
  let arguments = (ins QNN_QuantizedTensor:$input, I64Attr:$min, I64Attr:$max);
  let results = (outs QNN_QuantizedTensor:$output);
  let assemblyFormat = [{
    $input `min` `=` $min `,` `max` `=` $max attr-dict `:` type($input)
  }];
  let extraClassDeclaration = [{
    /// The bounds as signed integers (I64Attr's accessors are unsigned).
    ::mlir::qnn::ref::StorageRange getBounds() {
      return {getMinAttr().getInt(), getMaxAttr().getInt()};
    }
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Calibration statistics
//===----------------------------------------------------------------------===//

def QNN_StatsOp : QNN_Op<"stats", [Pure, SameOperandsAndResultType,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface,
                              ["reifyResultShapes"]>]> {
  let summary = "observed value range of a float tensor";
  let description = [{
    Records the range that calibration observed for a float tensor and
    returns the tensor unchanged. Without `axis` the range is one `[min, max]`
    pair for the whole tensor; with `axis` there is one pair per slice along
    that dimension. The quantization passes read these ranges; writing them
    by hand states calibration results in a lit test.

    ```mlir
    %0 = qnn.stats %x min = [-1.5], max = [2.0] : tensor<1x64xf32>
    %1 = qnn.stats %w axis = 1 min = [-0.5, -1.0], max = [0.5, 0.75] : tensor<16x2xf32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[AnyFloat]>:$input,
      OptionalAttr<I64Attr>:$axis, DenseF64ArrayAttr:$min,
      DenseF64ArrayAttr:$max);
  let results = (outs RankedTensorOf<[AnyFloat]>:$output);
  let assemblyFormat = [{
    $input (`axis` `=` $axis^)? `min` `=` custom<F64List>($min) `,` `max` `=` custom<F64List>($max) attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pruned and codebook-compressed tensors
//===----------------------------------------------------------------------===//

def QNN_PrunedOp : QNN_Op<"pruned", [Pure]> {
  let summary = "a tensor whose zeros follow a sparsity pattern";
  let description = [{
    Marks `input` as pruned to `pattern` and returns it, either dense (same
    type) or in compressed storage: a result whose encoding is the pattern's
    canonical upstream `#sparse_tensor.encoding` (CSR for unstructured, a
    `structured[n, m]` level for N:M, BSR-style blocked levels for block, a
    compressed outer level for channel). When `input` is a constant the
    verifier checks that its values satisfy the pattern.

    ```mlir
    %p = qnn.pruned %w pattern(#qnn.n_of_m<n = 2, m = 4, axis = 0>) : tensor<16x8xi8> -> tensor<16x8xi8>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                       QNN_SparsityPatternAttrInterface:$pattern);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `pattern` `(` $pattern `)` attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def QNN_CodebookLookupOp : QNN_Op<"codebook_lookup", [Pure]> {
  let summary = "non-uniform (codebook) weights: centroids gathered by index";
  let description = [{
    `output[i] = centroids[indices[i]]` (per tensor) or
    `output[i] = centroids[i[axis], indices[i]]` (per slice along `axis`).
    Indices are unsigned `b`-bit integers and the table has exactly `2^b`
    entries per row. The centroids may be float or uniform quantized (an int8
    table feeds integer kernels); the result has their element type. A
    per-row table (`axis`) may be quantized per row (quantized dimension 0,
    one scale per channel); the result is then quantized along `axis` with
    the same scales. Indices print as MLIR prints signless integers (two's
    complement), but are read as unsigned.

    ```mlir
    %w = qnn.codebook_lookup %idx, %table
        : tensor<16x8xi4>, tensor<16xf32> -> tensor<16x8xf32>
    %v = qnn.codebook_lookup %idx, %tables axis = 1
        : tensor<16x8xi2>, tensor<8x4xf32> -> tensor<16x8xf32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[AnySignlessInteger]>:$indices,
                       RankedTensorOf<[AnyType]>:$centroids,
                       OptionalAttr<I64Attr>:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $indices `,` $centroids (`axis` `=` $axis^)? attr-dict `:` type($indices) `,` type($centroids) `->` type($output)
  }];
  let hasVerifier = 1;
}

#endif // QNN_DIALECT_QNN_IR_QNNOPS_TD
