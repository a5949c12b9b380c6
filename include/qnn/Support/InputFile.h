//===- InputFile.h - Read input files within bounds -------------*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// qnn reads data files (.npy samples and inputs, statistics JSON) through
// this reader so that no file can make it read without bound: /dev/zero, a
// pipe that never ends or a huge file is an error naming the file, not an
// out-of-memory abort. Reads are sequential, so pipes and /dev/stdin work.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_SUPPORT_INPUTFILE_H
#define QNN_SUPPORT_INPUTFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir::qnn {

class InputFile {
public:
  /// Opens `path` ("-": standard input). Errors do not repeat the path.
  static llvm::Expected<InputFile> open(llvm::StringRef path);
  InputFile(InputFile &&other) noexcept;
  InputFile &operator=(InputFile &&) = delete;
  InputFile(const InputFile &) = delete;
  ~InputFile();

  /// Appends exactly `count` bytes to `out`, growing it as data arrives (a
  /// short file fails before a declared size is allocated).
  llvm::Error read(uint64_t count, std::string &out);
  llvm::Error read(uint64_t count, std::vector<char> &out);
  /// Appends what is left to `out`, failing once the whole file would
  /// exceed `limit` bytes.
  llvm::Error readRest(uint64_t limit, std::string &out);
  /// True when nothing is left to read.
  llvm::Expected<bool> atEnd();
  /// The size of a regular file; none for pipes and devices.
  std::optional<uint64_t> regularFileSize() const { return size; }

private:
  template <typename Buffer>
  llvm::Error readInto(uint64_t count, Buffer &out);

  InputFile(llvm::sys::fs::file_t handle, bool owned,
            std::optional<uint64_t> size)
      : handle(handle), owned(owned), size(size) {}

  llvm::sys::fs::file_t handle;
  bool owned;
  std::optional<uint64_t> size;
  /// Bytes read so far.
  uint64_t offset = 0;
};

/// Reads `path` whole, failing (with a message that names the file) once it
/// holds more than `limit` bytes.
llvm::Expected<std::string> readBoundedFile(llvm::StringRef path,
                                            uint64_t limit);

} // namespace mlir::qnn

#endif // QNN_SUPPORT_INPUTFILE_H
