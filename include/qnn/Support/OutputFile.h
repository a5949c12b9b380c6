//===- OutputFile.h - Write output files whole or not at all ----*- C++ -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The one writer of every file qnn produces (qnn-opt -o, .npy results,
// statistics and report JSON). Bytes go to a new temporary file beside the
// target, `<target>.tmp-XXXXXX` (created exclusively: an existing file or
// link of that name is never followed), which commit() renames over the
// target; a failure or an uncommitted OutputFile leaves the target as it was.
//
// - A symbolic link is followed: the file it points to is replaced and the
//   link stays a link. A dangling link is an error.
// - A replaced file keeps its permission bits.
// - Replacement is atomic, so a file with several hard links gets a new
//   inode: the other names keep the old contents.
// - Special files (/dev/null, pipes, terminals) and "-" (standard output) are
//   written in place: renaming over a device would replace it with a file.
// - The temporary is removed on failure and on SIGINT/SIGTERM; only a
//   SIGKILL can leave one behind, and its name says what it is.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_SUPPORT_OUTPUTFILE_H
#define QNN_SUPPORT_OUTPUTFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mlir::qnn {

class OutputFile {
public:
  /// Prepares to write `path`. Fails (with a message that does not repeat
  /// the path) when the temporary cannot be created.
  static llvm::Expected<std::unique_ptr<OutputFile>> open(llvm::StringRef path);
  /// Discards what was written unless it was committed.
  ~OutputFile();

  llvm::raw_ostream &os() { return *stream; }

  /// Closes the file and puts it in place of the target.
  llvm::Error commit();

  /// The path it was opened with.
  llvm::StringRef path() const { return name; }

private:
  OutputFile() = default;

  std::string name;
  /// Where the bytes end up: the path with symbolic links resolved.
  std::string target;
  /// The file being written; empty when writing in place.
  std::string temporary;
  std::unique_ptr<llvm::raw_fd_ostream> stream;
  bool committed = false;
};

/// Output files written but not yet put in place, for a driver that commits
/// them only once its whole run has succeeded (qnn-opt's side outputs).
/// Dropped uncommitted, their temporaries are removed. Thread-safe.
class PendingOutputs {
public:
  void hold(std::unique_ptr<OutputFile> file);
  /// Commits every file, in the order they were held; stops at the first
  /// failure.
  llvm::Error commitAll();

private:
  std::mutex mutex;
  std::vector<std::unique_ptr<OutputFile>> files;
};

/// Writes `path` whole with `write`: open, write, commit.
llvm::Error
writeOutputFile(llvm::StringRef path,
                llvm::function_ref<void(llvm::raw_ostream &)> write);

} // namespace mlir::qnn

#endif // QNN_SUPPORT_OUTPUTFILE_H
