//===- Npy.h - NumPy .npy arrays --------------------------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads and writes NumPy's .npy format (versions 1.0 to 3.0), C order, for
// the element types qnn-run passes: f32, f64, i8, u8, i16, u16, i32,
// i64.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_SUPPORT_NPY_H
#define QNN_SUPPORT_NPY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::qnn {

enum class DType { F32, F64, I8, U8, I16, U16, I32, I64 };

/// Bytes per element, the .npy descriptor ('<f4'), and a readable name
/// ('float32').
unsigned dtypeSize(DType dtype);
llvm::StringRef dtypeDescr(DType dtype);
llvm::StringRef dtypeName(DType dtype);

/// A dense C-order array.
struct NpyArray {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  std::vector<char> data;

  int64_t numElements() const;
  template <typename T>
  T *as() {
    return reinterpret_cast<T *>(data.data());
  }
  template <typename T>
  const T *as() const {
    return reinterpret_cast<const T *>(data.data());
  }
};

/// Parses .npy bytes; `name` labels errors.
llvm::Expected<NpyArray> parseNpy(llvm::StringRef bytes, llvm::StringRef name);
llvm::Expected<NpyArray> readNpy(llvm::StringRef path);

/// Serializes as .npy version 1.0.
std::string serializeNpy(const NpyArray &array);
/// Writes atomically: to a temporary file renamed over `path`.
llvm::Error writeNpy(llvm::StringRef path, const NpyArray &array);

/// "(2, 3)" style shape text.
std::string formatShape(const std::vector<int64_t> &shape);

} // namespace mlir::qnn

#endif // QNN_SUPPORT_NPY_H
