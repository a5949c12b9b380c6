#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes unittests/Goldens.inc: golden values for qnn's scalar semantics.

Run with Debian's interpreter (it has python3-numpy, python3-onnx and
python3-torch):  /usr/bin/python3 scripts/gen_goldens.py

Every golden comes from an implementation independent of qnn's C++:
  * quantize / dequantize: the ONNX operator examples, captured from the
    onnx package's own backend test cases, plus generated cases computed with
    the ONNX definition in numpy (float32 x / scale, round half to even,
    saturate; (x - zp) * scale in float32);
  * PyTorch's torch.quantize_per_tensor on the same inputs, recorded beside
    them (it multiplies by a float32 reciprocal of the scale, so it may
    differ on near-ties);
  * requantize: TFLite's fixed point (QuantizeMultiplier,
    SaturatingRoundingDoublingHighMul, RoundingDivideByPOT) and TOSA's
    apply_scale_32 (SINGLE_ROUND and DOUBLE_ROUND) written here in Python
    integers from their published definitions, and the float mode in numpy
    float32;
  * add: numpy float32;
  * MatMulInteger / ConvInteger: the ONNX operator examples.
The output is checked in so CI needs no Python packages.
"""

import math
import os
import sys

import numpy as np

import onnx
import onnx.backend.test.case.node as onnx_cases
import onnx.backend.test.case.node.convinteger as convinteger
import onnx.backend.test.case.node.dequantizelinear as dequantizelinear
import onnx.backend.test.case.node.matmulinteger as matmulinteger
import onnx.backend.test.case.node.quantizelinear as quantizelinear
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "unittests", "Goldens.inc")
rng = np.random.default_rng(20261122)


def f32(v):
    return np.float32(v)


def hexf(v):
    """A C++ hexadecimal float literal of a float32 value."""
    v = float(np.float32(v))
    if math.isinf(v):
        return "INFINITY" if v > 0 else "-INFINITY"
    if math.isnan(v):
        return "NAN"
    return float(v).hex() + "f"


def hexd(v):
    return float(v).hex()


# --------------------------------------------------------------------------
# ONNX operator examples, captured through the test-case modules' `expect`.
# --------------------------------------------------------------------------
captured = []


def capture(node, inputs, outputs, name, **kwargs):
    captured.append((node, inputs, outputs, name))


for module in (quantizelinear, dequantizelinear, matmulinteger, convinteger):
    module.expect = capture
quantizelinear.QuantizeLinear.export()
quantizelinear.QuantizeLinear.export_axis()
dequantizelinear.DequantizeLinear.export()
dequantizelinear.DequantizeLinear.export_axis()
matmulinteger.MatMulInteger.export()
convinteger.ConvInteger.export_without_padding()
convinteger.ConvInteger.export_with_padding()


def storage_range(dtype):
    info = np.iinfo(dtype)
    return int(info.min), int(info.max)


# --------------------------------------------------------------------------
# quantize / dequantize
# --------------------------------------------------------------------------
def onnx_quantize(x, scale, zp, qmin, qmax):
    """ONNX QuantizeLinear: saturate(round_half_even(x / scale) + zp)."""
    q = np.rint(f32(x) / f32(scale))
    if np.isnan(q):
        return zp
    q = float(q) + zp
    return int(min(max(q, qmin), qmax))


def torch_quantize(x, scale, zp, qmin, qmax):
    dtypes = {(-128, 127): torch.qint8, (0, 255): torch.quint8}
    dtype = dtypes.get((qmin, qmax))
    if dtype is None:
        return None
    t = torch.quantize_per_tensor(torch.tensor([float(f32(x))]), float(f32(scale)), int(zp), dtype)
    return int(t.int_repr()[0])


quantize_rows = []  # (x, scale, zp, qmin, qmax, expected, torch or None, label)


def add_quantize(x, scale, zp, qmin, qmax, label):
    expected = onnx_quantize(x, scale, zp, qmin, qmax)
    quantize_rows.append((f32(x), f32(scale), zp, qmin, qmax, expected,
                          torch_quantize(x, scale, zp, qmin, qmax), label))


dequantize_rows = []  # (q, scale, zp, expected, label)

for node, inputs, outputs, name in captured:
    if node.op_type == "QuantizeLinear":
        x, scale, zp = inputs
        qmin, qmax = storage_range(zp.dtype)
        scales = np.broadcast_to(scale.reshape(1, -1, 1, 1) if scale.ndim else scale, x.shape)
        zps = np.broadcast_to(zp.reshape(1, -1, 1, 1) if zp.ndim else zp, x.shape)
        for xv, sv, zv, yv in zip(x.flat, scales.flat, zps.flat, outputs[0].flat):
            assert onnx_quantize(xv, sv, int(zv), qmin, qmax) == int(yv), name
            add_quantize(xv, sv, int(zv), qmin, qmax, name)
    elif node.op_type == "DequantizeLinear":
        x, scale, zp = inputs
        scales = np.broadcast_to(scale.reshape(1, -1, 1, 1) if scale.ndim else scale, x.shape)
        zps = np.broadcast_to(zp.reshape(1, -1, 1, 1) if zp.ndim else zp, x.shape)
        for xv, sv, zv, yv in zip(x.flat, scales.flat, zps.flat, outputs[0].flat):
            dequantize_rows.append((int(xv), f32(sv), int(zv), f32(yv), name))

i8 = (-128, 127)
u8 = (0, 255)
# Ties round half to even.
for x in (0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, -3.5, 126.5, -127.5):
    add_quantize(x, 1.0, 0, *i8, "tie")
add_quantize(0.25, 0.1, 0, *i8, "tie-inexact-scale")
# Saturation.
for x in (300.0, -200.0, 127.4, 127.6, -128.6):
    add_quantize(x, 1.0, 0, *i8, "saturate")
# Beyond int64 PyTorch's float-to-integer cast is undefined (it gives -128).
for x in (1e30, -1e30, float("inf"), float("-inf")):
    add_quantize(x, 1.0, 0, *i8, "saturate-huge")
add_quantize(300.0, 1.0, 128, *u8, "saturate-u8")
add_quantize(-5.0, 1.0, 0, *u8, "saturate-u8")
# Narrow range (symmetric [-127, 127]).
for x in (-128.0, -127.6, 127.6, 200.0, -300.0):
    add_quantize(x, 1.0, 0, -127, 127, "narrow")
# NaN maps to the zero point.
add_quantize(float("nan"), 0.5, 3, *i8, "nan")
# Random cases over storage widths.
for (qmin, qmax, label) in ((-128, 127, "i8"), (0, 255, "u8"), (-8, 7, "i4"),
                            (0, 15, "u4"), (-32768, 32767, "i16"), (-2, 1, "i2")):
    for _ in range(24):
        scale = f32(10.0 ** rng.uniform(-4, 1))
        zp = int(rng.integers(qmin, qmax + 1))
        x = f32(rng.normal(0, 1) * scale * (qmax - qmin) / 3)
        add_quantize(x, scale, zp, qmin, qmax, "random-" + label)

# Near-ties, where x / scale and x * (1 / scale) can round differently.
disagreements = 0
candidates = 0
while disagreements < 4 and candidates < 200000:
    candidates += 1
    scale = f32(rng.uniform(0.001, 1.0))
    k = int(rng.integers(-100, 100))
    x = f32((k + 0.5) * float(scale))
    # Nudge x by a few ulps around the tie.
    x = np.nextafter(x, f32(np.inf) if rng.integers(2) else f32(-np.inf), dtype=np.float32)
    onnx_q = onnx_quantize(x, scale, 0, *i8)
    torch_q = torch_quantize(x, scale, 0, *i8)
    if onnx_q != torch_q:
        add_quantize(x, scale, 0, *i8, "near-tie-torch-differs")
        disagreements += 1
    elif candidates % 5000 == 0:
        add_quantize(x, scale, 0, *i8, "near-tie")

for _ in range(24):
    scale = f32(10.0 ** rng.uniform(-4, 1))
    zp = int(rng.integers(-128, 128))
    q = int(rng.integers(-128, 128))
    dequantize_rows.append((q, scale, zp, f32(q - zp) * scale, "random-i8"))

# --------------------------------------------------------------------------
# requantize
# --------------------------------------------------------------------------
INT32_MIN, INT32_MAX = -(1 << 31), (1 << 31) - 1


def sat32(v):
    return max(INT32_MIN, min(INT32_MAX, v))


def round_half_away(v):
    return math.floor(abs(v) + 0.5) * (1 if v >= 0 else -1)


def tflite_quantize_multiplier(m):
    """TFLite QuantizeMultiplier; None when the shift would exceed 30."""
    if m == 0:
        return 0, 0
    frac, shift = math.frexp(m)
    q = round_half_away(frac * (1 << 31))
    if q == (1 << 31):
        q //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    if shift > 30:
        return None
    return q, shift


def srdhm(a, b):
    """gemmlowp SaturatingRoundingDoublingHighMul."""
    if a == b == INT32_MIN:
        return INT32_MAX
    ab = a * b
    nudge = (1 << 30) if ab >= 0 else 1 - (1 << 30)
    # C++ integer division truncates toward zero.
    num = ab + nudge
    return int(abs(num) // (1 << 31)) * (1 if num >= 0 else -1)


def rdbpot(x, e):
    """gemmlowp RoundingDivideByPOT."""
    mask = (1 << e) - 1
    remainder = x & mask
    threshold = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> e) + (1 if remainder > threshold else 0)


def tflite_apply(x, q, shift):
    left = shift if shift > 0 else 0
    right = 0 if shift > 0 else -shift
    return rdbpot(srdhm(sat32(x * (1 << left)), q), right)


def tosa_multiplier(m):
    """TOSA scale32 multiplier and shift, shift in [2, 62]; None if too big."""
    frac, e = math.frexp(m)
    q = round_half_away(frac * (1 << 31))
    if q == (1 << 31):
        q //= 2
        e += 1
    shift = 31 - e
    if shift < 2:
        return None
    if shift > 62:
        drop = shift - 62
        q = 0 if drop > 31 else (q + (1 << (drop - 1))) >> drop
        shift = 62
    return q, shift


def tosa_apply(x, q, shift, double_round=False):
    """TOSA apply_scale_32; DOUBLE_ROUND adds 2^30 away from zero above 31."""
    rnd = 1 << (shift - 1)
    if double_round and shift > 31:
        rnd += (1 << 30) if x >= 0 else -(1 << 30)
    return sat32((x * q + rnd) >> shift)


MODES = ("HalfToEven", "HalfAwayFromZero", "DoubleRound", "SingleRound",
         "TosaDoubleRound")


def requantize(q, sin, zin, sout, zout, qmin, qmax, mode):
    ratio = float(sin) / float(sout)
    if mode in ("HalfToEven", "HalfAwayFromZero"):
        t = f32(q - zin) * f32(ratio)
        r = np.rint(t) if mode == "HalfToEven" else f32(round_half_away(float(t)))
        return int(min(max(float(r) + zout, qmin), qmax))
    x = sat32(q - zin)
    if mode == "DoubleRound":
        qm = tflite_quantize_multiplier(ratio)
        if qm is None:
            return None
        y = tflite_apply(x, *qm)
    else:
        qm = tosa_multiplier(ratio)
        if qm is None:
            return None
        y = tosa_apply(x, *qm, double_round=(mode == "TosaDoubleRound"))
    return int(min(max(y + zout, qmin), qmax))


requantize_rows = []  # (q, sin, zin, sout, zout, qmin, qmax, mode, expected)
specials = [0, 1, -1, 2, -2, 3, -3, 5, -5, 12345, -12345, 1 << 20, -(1 << 20),
            INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1]
for mode in MODES:
    for (qmin, qmax) in ((-128, 127), (0, 255), (-32768, 32767), (-8, 7)):
        for i in range(40):
            sin = float(10.0 ** rng.uniform(-6, -2))
            sout = float(10.0 ** rng.uniform(-3, 0))
            if i % 10 == 9:
                sout = sin / float(rng.uniform(1.0, 40.0))  # ratio > 1
            zout = int(rng.integers(qmin, qmax + 1))
            q = specials[i] if i < len(specials) else int(rng.integers(-(1 << 22), 1 << 22))
            y = requantize(q, sin, 0, sout, zout, qmin, qmax, mode)
            requantize_rows.append((q, sin, 0, sout, zout, qmin, qmax, mode, y))
    # Ties of the fixed-point and float roundings: ratio 1/2, 1/4.
    for q in range(-9, 10):
        for ratio in (0.5, 0.25):
            y = requantize(q, ratio, 0, 1.0, 0, -128, 127, mode)
            requantize_rows.append((q, ratio, 0, 1.0, 0, -128, 127, mode, y))
    # i8 -> i8 with input zero points.
    for _ in range(12):
        zin = int(rng.integers(-128, 128))
        q = int(rng.integers(-128, 128))
        sin, sout = float(rng.uniform(0.01, 1)), float(rng.uniform(0.01, 1))
        zout = int(rng.integers(-128, 128))
        y = requantize(q, sin, zin, sout, zout, -128, 127, mode)
        requantize_rows.append((q, sin, zin, sout, zout, -128, 127, mode, y))

# Multipliers, checked on their own.
multiplier_rows = []  # (ratio, mode, multiplier, shift) ; mode DoubleRound/SingleRound
for ratio in [0.5, 0.25, 1.0, 0.75, 1.5, 0.1, 1e-3, 1e-7, 1e-12, 3.0, 1000.0,
              0.9999999999, 2.0 ** -40] + [float(10.0 ** rng.uniform(-8, 2)) for _ in range(20)]:
    qm = tflite_quantize_multiplier(ratio)
    if qm is not None:
        multiplier_rows.append((ratio, "DoubleRound", qm[0], qm[1]))
    qm = tosa_multiplier(ratio)
    if qm is not None:
        multiplier_rows.append((ratio, "SingleRound", qm[0], qm[1]))

# --------------------------------------------------------------------------
# add
# --------------------------------------------------------------------------
add_rows = []
for _ in range(60):
    sa, sb, sc = (float(f32(rng.uniform(0.005, 0.5))) for _ in range(3))
    za, zb, zc = (int(rng.integers(-128, 128)) for _ in range(3))
    a, b = (int(rng.integers(-128, 128)) for _ in range(2))
    t = f32(f32(a - za) * f32(sa / sc)) + f32(f32(b - zb) * f32(sb / sc))
    y = int(min(max(float(np.rint(t)) + zc, -128), 127))
    add_rows.append((a, sa, za, b, sb, zb, sc, zc, y))

# --------------------------------------------------------------------------
# MatMulInteger / ConvInteger examples
# --------------------------------------------------------------------------
matmul_cases = []
conv_cases = []
for node, inputs, outputs, name in captured:
    if node.op_type == "MatMulInteger":
        a, b, za, zb = inputs
        matmul_cases.append((a, b, int(za), int(zb), outputs[0], name))
    elif node.op_type == "ConvInteger":
        x, w, zx = inputs
        pads = [0, 0, 0, 0]
        for attr in node.attribute:
            if attr.name == "pads":
                pads = list(attr.ints)
        conv_cases.append((x, w, int(zx), pads, outputs[0], name))


# --------------------------------------------------------------------------
# Emit
# --------------------------------------------------------------------------
def ints(values):
    return "{" + ", ".join(str(int(v)) for v in values) + "}"


lines = ["// Generated by scripts/gen_goldens.py; do not edit.",
         "// numpy %s, onnx %s, torch %s." % (np.__version__, onnx.__version__, torch.__version__),
         ""]
lines.append("static const QuantizeGolden kQuantizeGoldens[] = {")
for x, s, zp, qmin, qmax, y, tq, label in quantize_rows:
    lines.append("    {%s, %s, %d, %d, %d, %d, %s, %d, \"%s\"}," % (
        hexf(x), hexf(s), zp, qmin, qmax, y, "true" if tq is not None else "false",
        tq if tq is not None else 0, label))
lines.append("};")
lines.append("")
lines.append("static const DequantizeGolden kDequantizeGoldens[] = {")
for q, s, zp, y, label in dequantize_rows:
    lines.append("    {%d, %s, %d, %s, \"%s\"}," % (q, hexf(s), zp, hexf(y), label))
lines.append("};")
lines.append("")
lines.append("static const RequantizeGolden kRequantizeGoldens[] = {")
for q, sin, zin, sout, zout, qmin, qmax, mode, y in requantize_rows:
    lines.append("    {%d, %s, %d, %s, %d, %d, %d, ref::Rounding::%s, %s, %d}," % (
        q, hexd(sin), zin, hexd(sout), zout, qmin, qmax, mode,
        "true" if y is not None else "false", y if y is not None else 0))
lines.append("};")
lines.append("")
lines.append("static const MultiplierGolden kMultiplierGoldens[] = {")
for ratio, mode, m, shift in multiplier_rows:
    lines.append("    {%s, ref::Rounding::%s, %d, %d}," % (hexd(ratio), mode, m, shift))
lines.append("};")
lines.append("")
lines.append("static const AddGolden kAddGoldens[] = {")
for a, sa, za, b, sb, zb, sc, zc, y in add_rows:
    lines.append("    {%d, %s, %d, %d, %s, %d, %s, %d, %d}," % (
        a, hexd(sa), za, b, hexd(sb), zb, hexd(sc), zc, y))
lines.append("};")
lines.append("")
lines.append("static const MatmulGolden kMatmulGoldens[] = {")
for a, b, za, zb, y, name in matmul_cases:
    m, k = a.shape
    n = b.shape[1]
    lines.append("    {%d, %d, %d, %s, %s, %d, %d, %s, \"%s\"}," % (
        m, k, n, ints(a.flat), ints(b.flat), za, zb, ints(y.flat), name))
lines.append("};")
lines.append("")
lines.append("static const ConvGolden kConvGoldens[] = {")
for x, w, zx, pads, y, name in conv_cases:
    # ONNX NCHW / FCHW with one channel here; qnn is NHWC / HWCF.
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    assert c == 1 and f == 1
    # ONNX pads: [top, left, bottom, right].
    lines.append("    {%d, %d, %d, %d, %s, %s, %d, {%d, %d, %d, %d}, %d, %d, %s, \"%s\"}," % (
        h, wd, kh, kw, ints(x.flat), ints(w.flat), zx, pads[0], pads[2], pads[1], pads[3],
        y.shape[2], y.shape[3], ints(y.flat), name))
lines.append("};")

with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
print("wrote %s: %d quantize (%d where torch differs), %d dequantize, %d requantize, "
      "%d multiplier, %d add, %d matmul, %d conv" % (
          os.path.normpath(OUT), len(quantize_rows), disagreements, len(dequantize_rows),
          len(requantize_rows), len(multiplier_rows), len(add_rows), len(matmul_cases),
          len(conv_cases)), file=sys.stderr)
