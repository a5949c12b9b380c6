#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes, prints and scores small .npy files for lit tests and the demo,
with the standard library only (CI has no numpy).

  npy.py write OUT.npy DTYPE SHAPE VALUES   e.g. write x.npy f4 2,3 1,2,3,4,5,6
                                            (one value fills the array)
  npy.py print IN.npy                       prints 'dtype shape' and values
  npy.py raw OUT.npy BYTES                  writes BYTES (python escapes) as-is
  npy.py header OUT.npy DESCR FORTRAN SHAPE NBYTES
                                            a header as given, then NBYTES zeros
  npy.py dict OUT.npy DICT NBYTES [VERSION] the header dict text as given
  npy.py accuracy LOGITS.npy LABELS.npy [REFERENCE.npy MAX_DROP]
                                            top-1 accuracy of [N, classes]
                                            logits against N integer labels;
                                            with a reference, fails (exit 1)
                                            when the accuracy is more than
                                            MAX_DROP points below the
                                            reference's
  npy.py close A.npy B.npy TOLERANCE      fails (exit 1) unless A and B have
                                            one shape and each pair of values
                                            differs by at most TOLERANCE
                                            relative to max(1, |a|, |b|)

DTYPE is a numpy descriptor without byte order: f4 f8 i1 u1 i2 u2 i4 i8.
SHAPE is comma separated ('' for a scalar). VALUES may use nan, inf, -inf.
"""
import struct
import sys

FORMATS = {"f4": "f", "f8": "d", "i1": "b", "u1": "B", "i2": "h", "u2": "H",
           "i4": "i", "i8": "q"}


def header_bytes(descr, fortran, shape):
    dims = [int(d) for d in shape.split(",") if d]
    shape_text = "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape_text)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode()


def write(path, dtype, shape, values):
    fmt = FORMATS[dtype]
    nums = [float(v) if dtype[0] == "f" else int(v) for v in values.split(",") if v]
    count = 1
    for d in shape.split(","):
        count *= int(d) if d else 1
    if len(nums) == 1:
        nums *= count  # one value fills the array
    order = "|" if dtype[1] == "1" else "<"
    with open(path, "wb") as f:
        f.write(header_bytes(order + dtype, "False", shape))
        f.write(struct.pack("<%d%s" % (len(nums), fmt), *nums))


def read(path):
    """Returns (descr without byte order, shape tuple, values)."""
    data = open(path, "rb").read()
    assert data[:6] == b"\x93NUMPY", "bad magic"
    length = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + length].decode()
    descr = header.split("'descr': '")[1].split("'")[0]
    shape_text = header.split("'shape': (")[1].split(")")[0]
    shape = tuple(int(d) for d in shape_text.split(",") if d.strip())
    fmt = FORMATS[descr[1:]]
    body = data[10 + length:]
    count = len(body) // struct.calcsize(fmt)
    return descr[1:], shape, struct.unpack("<%d%s" % (count, fmt), body)


def show(path):
    descr, shape, values = read(path)
    print("dtype %s shape (%s)" % (descr, ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "")))
    print(" ".join(("%.9g" % v) if descr[0] == "f" else str(v) for v in values))


def top1(logits_path, labels_path):
    """(correct, total) of the argmax of each logits row against labels."""
    _, shape, logits = read(logits_path)
    _, labels_shape, labels = read(labels_path)
    assert len(shape) == 2 and labels_shape == (shape[0],), "want [N, C] logits and N labels"
    classes = shape[1]
    correct = 0
    for i, label in enumerate(labels):
        row = logits[i * classes:(i + 1) * classes]
        correct += max(range(classes), key=lambda c: row[c]) == label
    return correct, len(labels)


def accuracy(logits_path, labels_path, reference_path=None, max_drop=None):
    correct, total = top1(logits_path, labels_path)
    percent = 100.0 * correct / total
    print("accuracy %.2f%% (%d/%d)" % (percent, correct, total))
    if reference_path:
        ref_correct, _ = top1(reference_path, labels_path)
        drop = 100.0 * (ref_correct - correct) / total
        print("reference %.2f%%, drop %.2f points (at most %s)"
              % (100.0 * ref_correct / total, drop, max_drop))
        if drop > float(max_drop):
            sys.exit(1)


def close(path_a, path_b, tolerance):
    """Exits 1 unless both arrays have one shape and every pair of values
    differs by at most `tolerance` relative to the larger magnitude (or
    absolutely, below 1)."""
    _, shape_a, a = read(path_a)
    _, shape_b, b = read(path_b)
    if shape_a != shape_b:
        print("shapes differ: %s and %s" % (shape_a, shape_b))
        sys.exit(1)
    tol = float(tolerance)
    worst = max((abs(x - y) / max(1.0, abs(x), abs(y)) for x, y in zip(a, b)), default=0.0)
    print("largest relative difference %.3g (at most %s)" % (worst, tolerance))
    if worst > tol:
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(*sys.argv[2:6])
    elif sys.argv[1] == "print":
        show(sys.argv[2])
    elif sys.argv[1] == "close":
        close(*sys.argv[2:5])
    elif sys.argv[1] == "accuracy":
        accuracy(*sys.argv[2:6])
    elif sys.argv[1] == "header":
        path, descr, fortran, shape, nbytes = sys.argv[2:7]
        open(path, "wb").write(header_bytes(descr, fortran, shape) + b"\0" * int(nbytes))
    elif sys.argv[1] == "dict":
        # A header dict written as given (any keys, any values), padded and
        # framed as version VERSION, then NBYTES zeros.
        path, text, nbytes = sys.argv[2:5]
        version = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        text += " " * ((64 - (10 + len(text) + 1) % 64) % 64) + "\n"
        length = struct.pack("<H" if version == 1 else "<I", len(text))
        open(path, "wb").write(b"\x93NUMPY" + bytes([version, 0]) + length + text.encode() + b"\0" * int(nbytes))
    elif sys.argv[1] == "raw":
        open(sys.argv[2], "wb").write(sys.argv[3].encode("latin-1").decode("unicode_escape").encode("latin-1"))
