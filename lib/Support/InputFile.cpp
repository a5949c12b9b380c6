//===- InputFile.cpp - Read input files within bounds ---------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Support/InputFile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"

#include <algorithm>

using namespace mlir::qnn;
namespace fs = llvm::sys::fs;

static llvm::Error inputError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Bytes read per call: data grows by at most this much past what arrived.
static constexpr uint64_t kChunk = 1 << 20;

llvm::Expected<InputFile> InputFile::open(llvm::StringRef path) {
  if (path == "-")
    return InputFile(fs::getStdinHandle(), /*owned=*/false, std::nullopt);
  llvm::Expected<fs::file_t> handle = fs::openNativeFileForRead(path);
  if (!handle)
    return inputError("cannot read: " + llvm::toString(handle.takeError()));
  fs::file_status status;
  std::optional<uint64_t> size;
  if (!fs::status(*handle, status)) {
    if (status.type() == fs::file_type::directory_file) {
      std::error_code closed = fs::closeFile(*handle);
      (void)closed;
      return inputError("cannot read: is a directory");
    }
    if (status.type() == fs::file_type::regular_file)
      size = status.getSize();
  }
  return InputFile(*handle, /*owned=*/true, size);
}

InputFile::InputFile(InputFile &&other) noexcept
    : handle(other.handle), owned(other.owned), size(other.size),
      offset(other.offset) {
  other.owned = false;
}

InputFile::~InputFile() {
  if (!owned)
    return;
  // Nothing was written: a failed close loses nothing.
  std::error_code closed = fs::closeFile(handle);
  (void)closed;
}

llvm::Error InputFile::read(uint64_t count, std::string &out) {
  return readInto(count, out);
}

llvm::Error InputFile::read(uint64_t count, std::vector<char> &out) {
  return readInto(count, out);
}

template <typename Buffer>
llvm::Error InputFile::readInto(uint64_t count, Buffer &out) {
  // A regular file says up front whether it holds that much.
  if (size && *size - std::min(*size, offset) < count)
    return inputError("ends after " + llvm::Twine(*size) + " bytes");
  uint64_t goal = count;
  while (goal > 0) {
    size_t start = out.size();
    uint64_t chunk = std::min(goal, kChunk);
    out.resize(start + chunk);
    llvm::Expected<size_t> got = fs::readNativeFile(
        handle, llvm::MutableArrayRef<char>(out.data() + start, chunk));
    if (!got)
      return inputError("cannot read: " + llvm::toString(got.takeError()));
    out.resize(start + *got);
    offset += *got;
    goal -= *got;
    if (*got == 0 && goal > 0)
      return inputError("ends after " + llvm::Twine(offset) + " bytes");
  }
  return llvm::Error::success();
}

llvm::Error InputFile::readRest(uint64_t limit, std::string &out) {
  if (size && *size > limit)
    return inputError("is " + llvm::Twine(*size) + " bytes, more than the " +
                      llvm::Twine(limit) + " bytes qnn reads");
  while (true) {
    size_t start = out.size();
    out.resize(start + kChunk);
    llvm::Expected<size_t> got = fs::readNativeFile(
        handle, llvm::MutableArrayRef<char>(out.data() + start, kChunk));
    if (!got)
      return inputError("cannot read: " + llvm::toString(got.takeError()));
    out.resize(start + *got);
    offset += *got;
    if (*got == 0)
      return llvm::Error::success();
    if (offset > limit)
      return inputError("holds more than the " + llvm::Twine(limit) +
                        " bytes qnn reads");
  }
}

llvm::Expected<bool> InputFile::atEnd() {
  if (size)
    return offset >= *size;
  char byte;
  llvm::Expected<size_t> got =
      fs::readNativeFile(handle, llvm::MutableArrayRef<char>(&byte, 1));
  if (!got)
    return inputError("cannot read: " + llvm::toString(got.takeError()));
  offset += *got;
  return *got == 0;
}

llvm::Expected<std::string> mlir::qnn::readBoundedFile(llvm::StringRef path,
                                                       uint64_t limit) {
  auto fail = [&](llvm::Error error) -> llvm::Error {
    return inputError(path + ": " + llvm::toString(std::move(error)));
  };
  llvm::Expected<InputFile> file = InputFile::open(path);
  if (!file)
    return fail(file.takeError());
  std::string text;
  if (llvm::Error error = file->readRest(limit, text))
    return fail(std::move(error));
  return text;
}
