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

#include "qnn/Support/OutputFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
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

/// Finds `'key':` in the header dict and returns the text after it.
static std::optional<llvm::StringRef> dictValue(llvm::StringRef header,
                                                llvm::StringRef key) {
  std::string quoted = ("'" + key + "'").str();
  size_t at = header.find(quoted);
  if (at == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef rest = header.drop_front(at + quoted.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  return rest.ltrim();
}

llvm::Expected<NpyArray> mlir::qnn::parseNpy(llvm::StringRef bytes,
                                             llvm::StringRef name) {
  if (!bytes.starts_with("\x93NUMPY") || bytes.size() < 10)
    return npyError(name, "not a .npy file (bad magic)");
  auto major = static_cast<unsigned char>(bytes[6]);
  size_t headerLength = 0, headerStart = 0;
  if (major == 1) {
    headerLength = static_cast<unsigned char>(bytes[8]) |
                   (static_cast<unsigned char>(bytes[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return npyError(name, "truncated header");
    for (int i = 0; i < 4; ++i)
      headerLength |=
          static_cast<size_t>(static_cast<unsigned char>(bytes[8 + i]))
          << (8 * i);
    headerStart = 12;
  } else {
    return npyError(name, "unsupported .npy version " + llvm::Twine(major));
  }
  if (bytes.size() < headerStart + headerLength)
    return npyError(name, "truncated header");
  llvm::StringRef header = bytes.substr(headerStart, headerLength);

  NpyArray array;
  std::optional<llvm::StringRef> descr = dictValue(header, "descr");
  if (!descr || descr->size() < 2)
    return npyError(name, "header has no 'descr'");
  llvm::StringRef descrText = descr->drop_front().take_until(
      [](char c) { return c == '\'' || c == '"'; });
  bool found = false;
  for (const DTypeInfo &d : kDTypes) {
    llvm::StringRef expected = d.descr;
    // '|i1' and '<i1' (and '|u1', '<u1') mean the same.
    if (descrText == expected ||
        (d.size == 1 && descrText.drop_front() == expected.drop_front())) {
      array.dtype = d.dtype;
      found = true;
      break;
    }
  }
  if (!found)
    return npyError(name, "unsupported dtype '" + descrText +
                              "' (qnn-run reads float32, float64, int8, "
                              "uint8, int16, uint16, int32, int64, little "
                              "endian)");

  std::optional<llvm::StringRef> order = dictValue(header, "fortran_order");
  if (!order)
    return npyError(name, "header has no 'fortran_order'");
  if (order->starts_with("True"))
    return npyError(name, "Fortran-order arrays are not supported; save it "
                          "with numpy.ascontiguousarray");

  std::optional<llvm::StringRef> shapeText = dictValue(header, "shape");
  if (!shapeText || !shapeText->starts_with("("))
    return npyError(name, "header has no 'shape'");
  llvm::StringRef dims =
      shapeText->drop_front().take_until([](char c) { return c == ')'; });
  llvm::SmallVector<llvm::StringRef> parts;
  dims.split(parts, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef part : parts) {
    part = part.trim();
    if (part.empty())
      continue;
    int64_t dim = 0;
    if (part.getAsInteger(10, dim) || dim < 0)
      return npyError(name, "bad dimension '" + part + "' in shape");
    array.shape.push_back(dim);
  }

  // Guard the size computation against absurd headers.
  uint64_t count = 1;
  for (int64_t d : array.shape) {
    if (d != 0 && count > (uint64_t(1) << 40) / static_cast<uint64_t>(d))
      return npyError(name, "array too large");
    count *= static_cast<uint64_t>(d);
  }
  uint64_t dataBytes = count * dtypeSize(array.dtype);
  size_t dataStart = headerStart + headerLength;
  if (bytes.size() - dataStart != dataBytes)
    return npyError(name, "holds " + llvm::Twine(bytes.size() - dataStart) +
                              " data bytes, shape " + formatShape(array.shape) +
                              " of " + dtypeName(array.dtype) + " needs " +
                              llvm::Twine(dataBytes));
  array.data.assign(bytes.begin() + dataStart, bytes.end());
  return array;
}

llvm::Expected<NpyArray> mlir::qnn::readNpy(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return npyError(path, "cannot read: " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
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
