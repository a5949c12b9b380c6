//===- Npy.cpp - NumPy .npy arrays ----------------------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Format: "\x93NUMPY", major, minor, header length (2 bytes for 1.x, 4 for
// 2.x/3.x, little endian), then a Python dict literal
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }, then the data.
//
//===----------------------------------------------------------------------===//

#include "qnn/Support/Npy.h"

#include "qnn/Support/InputFile.h"
#include "qnn/Support/OutputFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::qnn;

namespace {
struct DTypeInfo {
  DType dtype;
  unsigned size;
  const char *descr;
  const char *name;
};
constexpr DTypeInfo kDTypes[] = {
    {DType::F32, 4, "<f4", "float32"}, {DType::F64, 8, "<f8", "float64"},
    {DType::I8, 1, "|i1", "int8"},     {DType::U8, 1, "|u1", "uint8"},
    {DType::I16, 2, "<i2", "int16"},   {DType::U16, 2, "<u2", "uint16"},
    {DType::I32, 4, "<i4", "int32"},   {DType::I64, 8, "<i8", "int64"},
};
} // namespace

static const DTypeInfo &info(DType dtype) {
  return kDTypes[static_cast<int>(dtype)];
}

unsigned mlir::qnn::dtypeSize(DType dtype) { return info(dtype).size; }
llvm::StringRef mlir::qnn::dtypeDescr(DType dtype) { return info(dtype).descr; }
llvm::StringRef mlir::qnn::dtypeName(DType dtype) { return info(dtype).name; }

int64_t NpyArray::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string mlir::qnn::formatShape(const std::vector<int64_t> &shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1)
    text += ",";
  return text + ")";
}

static llvm::Error npyError(llvm::StringRef name, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 name + ": " + message);
}

namespace {
/// What the header dict declares.
struct NpyHeader {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
};

/// A reader of the header's Python dict literal, as strict as numpy:
/// exactly the keys 'descr' (a str), 'fortran_order' (True or False) and
/// 'shape' (a tuple of ints); a repeated key takes its last value, as in
/// Python.
class HeaderParser {
public:
  HeaderParser(llvm::StringRef text, llvm::StringRef name)
      : rest(text), name(name) {}

  llvm::Expected<NpyHeader> parse() {
    NpyHeader header;
    std::optional<llvm::StringRef> descr;
    std::optional<bool> fortranOrder;
    bool haveShape = false;
    skipSpace();
    if (!rest.consume_front("{"))
      return fail("the header is not a dict");
    while (true) {
      skipSpace();
      if (rest.consume_front("}"))
        break;
      std::optional<llvm::StringRef> key = string();
      if (!key)
        return fail("the header dict has a key that is not a string");
      skipSpace();
      if (!rest.consume_front(":"))
        return fail("the header dict has no ':' after '" + *key + "'");
      skipSpace();
      if (*key == "descr") {
        descr = string();
        if (!descr)
          return fail("'descr' is not a string");
      } else if (*key == "fortran_order") {
        if (rest.consume_front("True"))
          fortranOrder = true;
        else if (rest.consume_front("False"))
          fortranOrder = false;
        else
          return fail("'fortran_order' is not True or False");
      } else if (*key == "shape") {
        header.shape.clear();
        if (llvm::Error error = shape(header.shape))
          return std::move(error);
        haveShape = true;
      } else {
        return fail("unexpected key '" + *key +
                    "' in the header (numpy writes only 'descr', "
                    "'fortran_order' and 'shape')");
      }
      skipSpace();
      if (rest.consume_front(","))
        continue;
      if (rest.consume_front("}"))
        break;
      return fail("the header dict has no ',' or '}' after '" + *key + "'");
    }
    if (!rest.trim().empty())
      return fail("the header has text after its dict");
    if (!descr)
      return fail("header has no 'descr'");
    if (!fortranOrder)
      return fail("header has no 'fortran_order'");
    if (!haveShape)
      return fail("header has no 'shape'");
    if (*fortranOrder)
      return fail("Fortran-order arrays are not supported; save it with "
                  "numpy.ascontiguousarray");
    if (llvm::Error error = dtype(*descr, header.dtype))
      return std::move(error);
    return header;
  }

private:
  llvm::Error fail(const llvm::Twine &message) {
    return npyError(name, message);
  }
  void skipSpace() { rest = rest.ltrim(); }

  /// A Python string literal in single or double quotes, without escapes.
  std::optional<llvm::StringRef> string() {
    if (rest.empty() || (rest.front() != '\'' && rest.front() != '"'))
      return std::nullopt;
    char quote = rest.front();
    size_t end = rest.find(quote, 1);
    if (end == llvm::StringRef::npos)
      return std::nullopt;
    llvm::StringRef text = rest.slice(1, end);
    if (text.contains('\\'))
      return std::nullopt;
    rest = rest.drop_front(end + 1);
    return text;
  }

  /// A tuple of non-negative ints: (), (5,), (2, 3), (2, 3,); (5) is an
  /// int in Python, not a tuple.
  llvm::Error shape(std::vector<int64_t> &dims) {
    if (!rest.consume_front("("))
      return fail("'shape' is not a tuple");
    bool comma = false;
    while (true) {
      skipSpace();
      if (rest.consume_front(")"))
        break;
      size_t digits = rest.find_if_not(llvm::isDigit);
      int64_t dim = 0;
      if (digits == 0 || rest.take_front(digits).getAsInteger(10, dim))
        return fail("'shape' holds something that is not a non-negative "
                    "int");
      dims.push_back(dim);
      rest = rest.drop_front(digits);
      skipSpace();
      if (rest.consume_front(",")) {
        comma = true;
        continue;
      }
      if (rest.consume_front(")"))
        break;
      return fail("'shape' is not a tuple of ints");
    }
    if (dims.size() == 1 && !comma)
      return fail("'shape' is not a tuple: write (" +
                  llvm::Twine(dims.front()) + ",)");
    return llvm::Error::success();
  }

  llvm::Error dtype(llvm::StringRef descr, DType &dtype) {
    for (const DTypeInfo &d : kDTypes) {
      llvm::StringRef expected = d.descr;
      // '|i1' and '<i1' (and '|u1', '<u1') mean the same.
      if (descr == expected ||
          (d.size == 1 && descr.size() == 3 &&
           descr.drop_front() == expected.drop_front() &&
           (descr.front() == '<' || descr.front() == '|'))) {
        dtype = d.dtype;
        return llvm::Error::success();
      }
    }
    return fail("unsupported dtype '" + descr +
                "' (qnn reads float32, float64, int8, uint8, int16, uint16, "
                "int32, int64, little endian)");
  }

  llvm::StringRef rest;
  llvm::StringRef name;
};
} // namespace

/// The largest header qnn reads (numpy's default limit is 10000 bytes).
static constexpr uint64_t kMaxHeaderBytes = 1 << 16;
/// The largest array qnn reads: 2^40 elements, 16 GiB.
static constexpr uint64_t kMaxElements = uint64_t(1) << 40;
static constexpr uint64_t kMaxDataBytes = uint64_t(1) << 34;

/// From the first 8 bytes: how many bytes hold the header length (2 for
/// version 1, 4 for versions 2 and 3).
static llvm::Expected<unsigned> lengthBytes(llvm::StringRef preamble,
                                            llvm::StringRef name) {
  if (preamble.size() < 8 || !preamble.starts_with("\x93NUMPY"))
    return npyError(name, "not a .npy file (bad magic)");
  unsigned major = static_cast<unsigned char>(preamble[6]);
  if (major == 1)
    return 2;
  if (major == 2 || major == 3)
    return 4;
  return npyError(name, "unsupported .npy version " + llvm::Twine(major));
}

static uint64_t littleEndian(llvm::StringRef bytes) {
  uint64_t value = 0;
  for (size_t i = 0; i < bytes.size(); ++i)
    value |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i]))
             << (8 * i);
  return value;
}

/// The bytes of data the header declares, or an error for an absurd size.
static llvm::Expected<uint64_t> dataBytes(const NpyHeader &header,
                                          llvm::StringRef name) {
  uint64_t count = 1;
  for (int64_t d : header.shape) {
    if (d != 0 && count > kMaxElements / static_cast<uint64_t>(d))
      return npyError(name, "shape " + formatShape(header.shape) +
                                " is larger than the 2^40 elements qnn reads");
    count *= static_cast<uint64_t>(d);
  }
  uint64_t bytes = count * dtypeSize(header.dtype);
  if (bytes > kMaxDataBytes)
    return npyError(name, "shape " + formatShape(header.shape) + " of " +
                              dtypeName(header.dtype) + " needs " +
                              llvm::Twine(bytes) +
                              " bytes, more than the 16 GiB qnn reads");
  return bytes;
}

static llvm::Error sizeMismatch(llvm::StringRef name, uint64_t held,
                                const NpyHeader &header, uint64_t needed) {
  return npyError(name, "holds " + llvm::Twine(held) + " data bytes, shape " +
                            formatShape(header.shape) + " of " +
                            dtypeName(header.dtype) + " needs " +
                            llvm::Twine(needed));
}

llvm::Expected<NpyArray> mlir::qnn::parseNpy(llvm::StringRef bytes,
                                             llvm::StringRef name) {
  llvm::Expected<unsigned> width = lengthBytes(bytes, name);
  if (!width)
    return width.takeError();
  if (bytes.size() < 8 + *width)
    return npyError(name, "truncated header");
  uint64_t headerLength = littleEndian(bytes.substr(8, *width));
  size_t headerStart = 8 + *width;
  if (headerLength > kMaxHeaderBytes)
    return npyError(name, "a header of " + llvm::Twine(headerLength) +
                              " bytes is larger than the " +
                              llvm::Twine(kMaxHeaderBytes) +
                              " bytes qnn reads");
  if (bytes.size() - headerStart < headerLength)
    return npyError(name, "truncated header");
  llvm::Expected<NpyHeader> header =
      HeaderParser(bytes.substr(headerStart, headerLength), name).parse();
  if (!header)
    return header.takeError();
  llvm::Expected<uint64_t> needed = dataBytes(*header, name);
  if (!needed)
    return needed.takeError();
  llvm::StringRef data = bytes.drop_front(headerStart + headerLength);
  if (data.size() != *needed)
    return sizeMismatch(name, data.size(), *header, *needed);
  NpyArray array;
  array.dtype = header->dtype;
  array.shape = std::move(header->shape);
  array.data.assign(data.begin(), data.end());
  return array;
}

llvm::Expected<NpyArray> mlir::qnn::readNpy(llvm::StringRef path) {
  auto fail = [&](llvm::Error error) -> llvm::Error {
    return npyError(path, llvm::toString(std::move(error)));
  };
  llvm::Expected<InputFile> file = InputFile::open(path);
  if (!file)
    return fail(file.takeError());
  // The preamble, then exactly the header it announces, then exactly the
  // data the header declares: a stream such as /dev/zero or a pipe is never
  // read past what the file says it holds.
  std::string head;
  if (llvm::Error error = file->read(8, head)) {
    llvm::consumeError(std::move(error));
    return npyError(path, "not a .npy file (bad magic)");
  }
  llvm::Expected<unsigned> width = lengthBytes(head, path);
  if (!width)
    return width.takeError();
  if (llvm::Error error = file->read(*width, head)) {
    llvm::consumeError(std::move(error));
    return npyError(path, "truncated header");
  }
  uint64_t headerLength = littleEndian(llvm::StringRef(head).drop_front(8));
  if (headerLength > kMaxHeaderBytes)
    return npyError(path, "a header of " + llvm::Twine(headerLength) +
                              " bytes is larger than the " +
                              llvm::Twine(kMaxHeaderBytes) +
                              " bytes qnn reads");
  std::string headerText;
  if (llvm::Error error = file->read(headerLength, headerText)) {
    llvm::consumeError(std::move(error));
    return npyError(path, "truncated header");
  }
  llvm::Expected<NpyHeader> header = HeaderParser(headerText, path).parse();
  if (!header)
    return header.takeError();
  llvm::Expected<uint64_t> needed = dataBytes(*header, path);
  if (!needed)
    return needed.takeError();
  uint64_t dataStart = head.size() + headerLength;
  if (std::optional<uint64_t> size = file->regularFileSize())
    if (*size - std::min(*size, dataStart) != *needed)
      return sizeMismatch(path, *size - std::min(*size, dataStart), *header,
                          *needed);
  NpyArray array;
  array.dtype = header->dtype;
  array.shape = std::move(header->shape);
  if (llvm::Error error = file->read(*needed, array.data)) {
    llvm::consumeError(std::move(error));
    return npyError(path, "holds fewer data bytes than shape " +
                              formatShape(array.shape) + " of " +
                              dtypeName(array.dtype) + " needs (" +
                              llvm::Twine(*needed) + ")");
  }
  llvm::Expected<bool> atEnd = file->atEnd();
  if (!atEnd)
    return fail(atEnd.takeError());
  if (!*atEnd)
    return npyError(path, "holds more data than shape " +
                              formatShape(array.shape) + " of " +
                              dtypeName(array.dtype) + " needs (" +
                              llvm::Twine(*needed) + " bytes)");
  return array;
}

std::string mlir::qnn::serializeNpy(const NpyArray &array) {
  std::string header =
      "{'descr': '" + dtypeDescr(array.dtype).str() +
      "', 'fortran_order': False, 'shape': " + formatShape(array.shape) + ", }";
  // Pad so that the data starts at a multiple of 64 bytes, ending in '\n'.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  out += header;
  out.append(array.data.begin(), array.data.end());
  return out;
}

llvm::Error mlir::qnn::writeNpy(llvm::StringRef path, const NpyArray &array) {
  if (llvm::Error error = writeOutputFile(
          path, [&](llvm::raw_ostream &os) { os << serializeNpy(array); }))
    return npyError(path, llvm::toString(std::move(error)));
  return llvm::Error::success();
}
