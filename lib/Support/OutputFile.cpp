//===- OutputFile.cpp - Write output files whole or not at all ------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Support/OutputFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Signals.h"

using namespace mlir::qnn;
namespace fs = llvm::sys::fs;

static llvm::Error outputError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<std::unique_ptr<OutputFile>>
OutputFile::open(llvm::StringRef path) {
  std::unique_ptr<OutputFile> file(new OutputFile());
  file->name = path.str();
  std::error_code ec;
  if (path == "-") {
    file->stream = std::make_unique<llvm::raw_fd_ostream>("-", ec);
    if (ec)
      return outputError("cannot write: " + ec.message());
    return file;
  }

  file->target = path.str();
  if (fs::is_symlink_file(path)) {
    llvm::SmallString<256> resolved;
    if (std::error_code linkEc = fs::real_path(path, resolved))
      return outputError("cannot follow the symbolic link: " +
                         linkEc.message());
    file->target = resolved.str().str();
  }
  fs::file_status status;
  bool exists = !fs::status(file->target, status) && fs::exists(status);
  if (exists && status.type() == fs::file_type::directory_file)
    return outputError("cannot write: is a directory");
  if (exists && status.type() != fs::file_type::regular_file) {
    file->stream = std::make_unique<llvm::raw_fd_ostream>(file->target, ec);
    if (ec)
      return outputError("cannot write: " + ec.message());
    return file;
  }

  int fd = -1;
  llvm::SmallString<256> temporary;
  if (std::error_code createEc =
          fs::createUniqueFile(file->target + ".tmp-%%%%%%", fd, temporary))
    return outputError("cannot write: " + createEc.message());
  file->temporary = temporary.str().str();
  llvm::sys::RemoveFileOnSignal(file->temporary);
  file->stream =
      std::make_unique<llvm::raw_fd_ostream>(fd, /*shouldClose=*/true);
  if (exists)
    if (std::error_code modeEc =
            fs::setPermissions(file->temporary, status.permissions()))
      // The destructor removes the temporary.
      return outputError("cannot keep the file's permissions: " +
                         modeEc.message());
  return file;
}

OutputFile::~OutputFile() {
  if (committed)
    return;
  if (stream) {
    // Closes the file unless commit() already did; a pending error would
    // otherwise be fatal in the stream's destructor.
    stream->clear_error();
    stream.reset();
  }
  if (temporary.empty())
    return;
  // A destructor has no one to tell; the target is untouched either way.
  std::error_code removed = fs::remove(temporary);
  (void)removed;
  llvm::sys::DontRemoveFileOnSignal(temporary);
}

llvm::Error OutputFile::commit() {
  if (temporary.empty()) {
    stream->flush();
    committed = true;
    if (stream->has_error()) {
      std::string message = "cannot write: " + stream->error().message();
      stream->clear_error();
      return outputError(message);
    }
    return llvm::Error::success();
  }
  stream->close();
  if (stream->has_error()) {
    std::string message = "cannot write: " + stream->error().message();
    stream->clear_error();
    return outputError(message);
  }
  if (std::error_code ec = fs::rename(temporary, target))
    return outputError("cannot replace: " + ec.message());
  llvm::sys::DontRemoveFileOnSignal(temporary);
  committed = true;
  return llvm::Error::success();
}

llvm::Error mlir::qnn::writeOutputFile(
    llvm::StringRef path, llvm::function_ref<void(llvm::raw_ostream &)> write) {
  auto file = OutputFile::open(path);
  if (!file)
    return file.takeError();
  write((*file)->os());
  return (*file)->commit();
}

void PendingOutputs::hold(std::unique_ptr<OutputFile> file) {
  std::scoped_lock<std::mutex> lock(mutex);
  files.push_back(std::move(file));
}

llvm::Error PendingOutputs::commitAll() {
  std::scoped_lock<std::mutex> lock(mutex);
  for (std::unique_ptr<OutputFile> &file : files)
    if (llvm::Error error = file->commit())
      return outputError(file->path() + ": " +
                         llvm::toString(std::move(error)));
  files.clear();
  return llvm::Error::success();
}
