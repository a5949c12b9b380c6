//===- Target.h - The CPU qnn generates code for ----------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A target is a CPU name and a feature list, as LLVM sees them: a CPU name
// implies its features ("x86-64-v3" is AVX2 without AVX-512), the list adds
// or removes some. "host" is this machine. The int8 kernels pick their
// instructions from it: an intrinsic the target lacks would crash LLVM's
// instruction selection.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_CODEGEN_TARGET_H
#define QNN_CODEGEN_TARGET_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::qnn {

struct Target {
  std::string cpu, features;
};

/// `cpu` and `features` with "host" spelled out: CPU "host" is this
/// machine's CPU name; features "host" are this machine's features (sorted
/// "+name"/"-name") when the CPU is "host", and none beyond the named
/// CPU's own otherwise, so that `cpu=x86-64-v3` means AVX2 on any machine.
Target resolveTarget(llvm::StringRef cpu, llvm::StringRef features);

/// What is wrong with `target` for `triple` (an unknown CPU or feature name,
/// which LLVM would only warn about and then compile for a baseline CPU);
/// empty when both are known or LLVM has no such target.
std::string checkTarget(llvm::StringRef triple, const Target &target);

/// The int8 dot-product instructions available, best first.
enum class Int8ISA {
  /// vpdpbusd on zmm, and vpermb (AVX512-VBMI) for the gather kernel's
  /// 64-byte windows.
  AVX512VBMI,
  /// vpdpbusd on zmm (AVX512-VNNI with AVX512-VL and -BW).
  AVX512VNNI,
  /// vpdpbusd on ymm (AVX-VNNI, or AVX512-VNNI with AVX512-VL).
  AVXVNNI,
  /// vpmaddwd on ymm (AVX2).
  AVX2,
  /// None of the above: the portable vectorized lowering.
  Portable,
};

/// The best int8 ISA of a resolved `target` on the default triple.
Int8ISA int8ISAFor(const Target &target);

llvm::StringRef stringifyInt8ISA(Int8ISA isa);
std::optional<Int8ISA> symbolizeInt8ISA(llvm::StringRef name);

/// How the int8 kernels store and run constant weights with zeros.
enum class SparseKernels {
  /// The cheapest of the three for the layer's zeros, by an estimate of
  /// the instructions each runs (docs/Lowering.md).
  Auto,
  /// Always the dense kernel.
  Never,
  /// The kept tiles kernel: only the instruction operands (tiles of the
  /// packed weights) that hold a nonzero, for block pruning.
  Tiles,
  /// The gather kernel: each column's nonzeros packed into operands, their
  /// activations gathered by a byte shuffle, for unstructured and N:M
  /// pruning.
  Gather,
};

} // namespace mlir::qnn

#endif // QNN_CODEGEN_TARGET_H
