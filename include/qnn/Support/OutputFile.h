//===- OutputFile.h - Write output files whole or not at all ----*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every file qnn writes (qnn-opt -o, .npy outputs, statistics and report
// JSON) goes through a temporary file beside it and a rename, so a failure
// never leaves a half-written file in place of a good one. A path that
// exists and is not a regular file (/dev/null, a pipe, a terminal) is
// written directly: renaming over it would replace the device with a file.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_SUPPORT_OUTPUTFILE_H
#define QNN_SUPPORT_OUTPUTFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <system_error>

namespace mlir::qnn {

/// True when `path` exists and is not a regular file or a directory.
inline bool isSpecialFile(llvm::StringRef path) {
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status) || !llvm::sys::fs::exists(status))
    return false;
  auto type = status.type();
  return type != llvm::sys::fs::file_type::regular_file &&
         type != llvm::sys::fs::file_type::directory_file;
}

/// Writes `path` with `write`, through a temporary file and a rename unless
/// it is a special file. Returns an empty string, or what went wrong
/// ("cannot write: ...", "cannot replace: ...").
inline std::string
writeOutputFile(llvm::StringRef path,
                llvm::function_ref<void(llvm::raw_ostream &)> write) {
  bool direct = isSpecialFile(path);
  std::string target = direct ? path.str() : (path + ".tmp").str();
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(target, ec);
    if (ec)
      return "cannot write: " + ec.message();
    write(os);
    os.close();
    if (os.has_error()) {
      std::string message = "cannot write: " + os.error().message();
      os.clear_error();
      if (!direct)
        llvm::sys::fs::remove(target);
      return message;
    }
  }
  if (direct)
    return "";
  if (std::error_code ec = llvm::sys::fs::rename(target, path)) {
    llvm::sys::fs::remove(target);
    return "cannot replace: " + ec.message();
  }
  return "";
}

} // namespace mlir::qnn

#endif // QNN_SUPPORT_OUTPUTFILE_H
