//===- qnn-fuzz-npy.cpp - Fuzz the .npy reader ----------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Any byte string must parse or fail with an error, never read out of
// bounds or allocate without limit; a parsed array serializes and parses
// back to itself.
//
//===----------------------------------------------------------------------===//

#include "qnn/Support/Npy.h"

#include <cstdint>
#include <cstdlib>

using namespace mlir::qnn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  llvm::Expected<NpyArray> array = parseNpy(bytes, "fuzz");
  if (!array) {
    llvm::consumeError(array.takeError());
    return 0;
  }
  std::string again = serializeNpy(*array);
  llvm::Expected<NpyArray> back = parseNpy(again, "round trip");
  if (!back || back->shape != array->shape || back->dtype != array->dtype ||
      back->data != array->data)
    std::abort();
  return 0;
}
