//===- KernelFusion.h - What an int8 kernel can take into its loops -------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// An int8 kernel keeps a tile of int32 accumulators in registers. It can
// start them from the layer's per-channel bias (the `init`: the broadcast or
// fill that produces the matmul's accumulator) and finish them with the
// layer's elementwise epilogue (requantize, clamp, the next layer's
// quantization) before they leave the registers, so the int32 result never
// goes to memory. qnn-select-int8-kernels marks these ops on tensors;
// qnn-lower-int8-kernels checks them again on buffers and fuses them.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_LIB_CODEGEN_KERNELS_KERNELFUSION_H
#define QNN_LIB_CODEGEN_KERNELS_KERNELFUSION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::qnn {

/// The values of the `qnn.kernel_part` mark.
inline constexpr llvm::StringLiteral kKernelInit = "init";
inline constexpr llvm::StringLiteral kKernelEpilogue = "epilogue";

/// How an epilogue input is read at accumulator (row, column): the whole
/// [M, N] tensor, one value per column, or one value.
enum class EpilogueOperand { Full, Column, Scalar };

/// Whether `op` is an accumulator start the kernel reads per column: a
/// linalg.broadcast of a 1-D value along every dimension but the last, or a
/// linalg.fill.
bool isKernelInit(Operation *op);

/// Why the linalg.generic `op`, whose input `accInput` is the kernel's
/// int32 result, cannot be computed on the kernel's registers, or an empty
/// string if it can: every loop parallel, one output, the accumulator and
/// output on identity maps, every other input read whole, per column (the
/// last dimension) or as one value, the output's old value unused, and a
/// body of elementwise arith/math ops on scalars (integer division only by
/// a constant other than 0: masked-off lanes hold any value).
std::string whyNotEpilogue(linalg::GenericOp op, unsigned accInput);

/// How `op`'s input `input` is read (whyNotEpilogue must hold).
EpilogueOperand epilogueOperand(linalg::GenericOp op, unsigned input);

} // namespace mlir::qnn

#endif // QNN_LIB_CODEGEN_KERNELS_KERNELFUSION_H
