#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes a random int8 TOSA network in the form TFLite-to-TOSA emits, an
input for it, and the outputs the TOSA specification defines for that input.

  tosa_int8_net.py --seed S --out PREFIX
    PREFIX.mlir    @net: conv2d (per-channel DOUBLE_ROUND rescale, shifts above
                   31, a ReLU clamp) -> depthwise_conv2d (channel multiplier
                   2, stride 2, per-tensor SINGLE_ROUND) -> reshape -> matmul
                   with constant weights (per-channel DOUBLE_ROUND);
                   @batched: a matmul of two inputs with a 16-bit multiplier;
                   @fc: a fully-connected layer whose shifts are just above
                   31 (DOUBLE_ROUND decides many of its outputs)
    PREFIX.x.npy, PREFIX.a.npy, PREFIX.b.npy, PREFIX.fx.npy   inputs (int8)
    PREFIX.net.npy, PREFIX.batched.npy, PREFIX.fc.npy   expected outputs

The expected outputs come from the specification's pseudocode (TOSA 1.0:
CONV2D, DEPTHWISE_CONV2D, MATMUL, RESCALE with apply_scale_32 and
apply_scale_16, CLAMP), transcribed below in Python integers; they share no
code with qnn or with MLIR's TOSA lowering.
"""

import argparse
import math

import numpy as np


def round_half_away(v):
    return int(math.floor(abs(v) + 0.5)) * (1 if v >= 0 else -1)


def multiplier_and_shift(ratio, bits=32):
    """A normalized multiplier and shift for a positive ratio (how TFLite's
    legalization computes them): ratio = multiplier * 2^-shift."""
    frac, e = math.frexp(ratio)
    m = round_half_away(frac * (1 << (bits - 1)))
    if m == 1 << (bits - 1):
        m //= 2
        e += 1
    return m, (bits - 1) - e


# --- The specification, transcribed --------------------------------------

def apply_scale_32(value, multiplier, shift, double_round):
    assert 2 <= shift <= 62 and multiplier >= 0
    rnd = 1 << (shift - 1)
    if double_round and shift > 31:
        rnd += (1 << 30) if value >= 0 else -(1 << 30)
    result = (value * multiplier + rnd) >> shift
    return max(-(1 << 31), min((1 << 31) - 1, result))


def apply_scale_16(value, multiplier, shift):
    assert 2 <= shift <= 62
    rnd = 1 << (shift - 1)
    result = (value * multiplier + rnd) >> shift
    return max(-(1 << 31), min((1 << 31) - 1, result))


def rescale(x, multipliers, shifts, input_zp, output_zp, scale32, double_round,
            out_bits=8):
    """RESCALE along the last dimension (per channel when several)."""
    lo, hi = -(1 << (out_bits - 1)), (1 << (out_bits - 1)) - 1
    out = np.zeros(x.shape, dtype=np.int64)
    channels = x.shape[-1]
    for index in np.ndindex(*x.shape):
        c = index[-1] if len(multipliers) == channels and channels > 1 else 0
        value = int(x[index]) - input_zp
        if scale32:
            r = apply_scale_32(value, multipliers[c], shifts[c], double_round)
        else:
            r = apply_scale_16(value, multipliers[c], shifts[c])
        out[index] = max(lo, min(hi, r + output_zp))
    return out


def conv2d(x, w, bias, input_zp, weight_zp, pad, stride, dilation):
    """CONV2D: x NHWC, w OHWI, padded taps skipped."""
    n_, ih, iw, ic = x.shape
    oc, kh, kw, _ = w.shape
    oh = (ih - 1 + pad[0] + pad[1] - (kh - 1) * dilation[0]) // stride[0] + 1
    ow = (iw - 1 + pad[2] + pad[3] - (kw - 1) * dilation[1]) // stride[1] + 1
    out = np.zeros((n_, oh, ow, oc), dtype=np.int64)
    for n in range(n_):
        for oy in range(oh):
            for ox in range(ow):
                for o in range(oc):
                    acc = 0
                    for ky in range(kh):
                        for kx in range(kw):
                            y = oy * stride[0] - pad[0] + ky * dilation[0]
                            xx = ox * stride[1] - pad[2] + kx * dilation[1]
                            if 0 <= y < ih and 0 <= xx < iw:
                                for i in range(ic):
                                    acc += (int(x[n, y, xx, i]) - input_zp) * (
                                        int(w[o, ky, kx, i]) - weight_zp)
                    out[n, oy, ox, o] = acc + int(bias[0 if len(bias) == 1 else o])
    return out


def depthwise_conv2d(x, w, bias, input_zp, weight_zp, pad, stride, dilation):
    """DEPTHWISE_CONV2D: x NHWC, w [KH, KW, C, M], output channel c * M + m."""
    n_, ih, iw, c_ = x.shape
    kh, kw, _, m_ = w.shape
    oh = (ih - 1 + pad[0] + pad[1] - (kh - 1) * dilation[0]) // stride[0] + 1
    ow = (iw - 1 + pad[2] + pad[3] - (kw - 1) * dilation[1]) // stride[1] + 1
    out = np.zeros((n_, oh, ow, c_ * m_), dtype=np.int64)
    for n in range(n_):
        for oy in range(oh):
            for ox in range(ow):
                for c in range(c_):
                    for m in range(m_):
                        acc = 0
                        for ky in range(kh):
                            for kx in range(kw):
                                y = oy * stride[0] - pad[0] + ky * dilation[0]
                                xx = ox * stride[1] - pad[2] + kx * dilation[1]
                                if 0 <= y < ih and 0 <= xx < iw:
                                    acc += (int(x[n, y, xx, c]) - input_zp) * (
                                        int(w[ky, kx, c, m]) - weight_zp)
                        o = c * m_ + m
                        out[n, oy, ox, o] = acc + int(bias[0 if len(bias) == 1 else o])
    return out


def matmul(a, b, a_zp, b_zp):
    """MATMUL: [N, H, C] x [N, C, W] -> [N, H, W]."""
    return np.einsum("nhc,ncw->nhw", a.astype(np.int64) - a_zp,
                     b.astype(np.int64) - b_zp)


def clamp(x, lo, hi):
    return np.minimum(np.maximum(x, lo), hi)


# --- MLIR text ------------------------------------------------------------

def dense(values):
    """A nested dense literal."""
    values = np.asarray(values)
    if values.ndim == 0:
        return str(int(values))
    return "[" + ", ".join(dense(v) for v in values) + "]"


def tensor(shape, elem):
    return "tensor<" + "x".join(str(d) for d in shape) + "x" + elem + ">"


class Writer:
    def __init__(self):
        self.lines = []
        self.n = 0

    def const(self, values, shape, elem):
        self.n += 1
        name = "%c" + str(self.n)
        t = tensor(shape, elem)
        v = np.asarray(values).reshape(shape)
        self.lines.append(
            f'  {name} = "tosa.const"() {{values = dense<{dense(v)}> : {t}}} : () -> {t}')
        return name

    def op(self, text):
        self.n += 1
        name = "%v" + str(self.n)
        self.lines.append(f"  {name} = {text}")
        return name

    def rescale(self, x, xshape, outshape, mults, shifts, out_zp, double, scale32=True):
        mt = "i32" if scale32 else "i16"
        m = self.const(mults, [len(mults)], mt)
        s = self.const(shifts, [len(shifts)], "i8")
        in_elem = "i32" if scale32 else "i32"
        iz = self.const([0], [1], in_elem)
        oz = self.const([out_zp], [1], "i8")
        mode = "DOUBLE_ROUND" if double else "SINGLE_ROUND"
        per_channel = "true" if len(mults) > 1 else "false"
        return self.op(
            f"tosa.rescale {x}, {m}, {s}, {iz}, {oz} {{scale32 = {str(scale32).lower()}, "
            f"rounding_mode = {mode}, per_channel = {per_channel}, input_unsigned = false, "
            f"output_unsigned = false}} : ({tensor(xshape, 'i32')}, {tensor([len(mults)], mt)}, "
            f"{tensor([len(shifts)], 'i8')}, {tensor([1], in_elem)}, {tensor([1], 'i8')}) "
            f"-> {tensor(outshape, 'i8')}")


def per_channel_rescale(rng, acc, channels):
    """Multipliers and shifts that map the accumulators' spread to about
    +-100 (some saturate), one per channel."""
    spread = max(1.0, float(np.abs(acc).max()))
    mults, shifts = [], []
    for _ in range(channels):
        m, s = multiplier_and_shift(rng.uniform(60.0, 160.0) / spread)
        mults.append(m)
        shifts.append(s)
    return mults, shifts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    i8 = lambda shape: rng.integers(-128, 128, size=shape).astype(np.int8)

    # @net
    n = int(rng.integers(1, 3))
    h = int(rng.integers(5, 9))
    w = int(rng.integers(5, 9))
    c = int(rng.integers(1, 5))
    f = int(rng.integers(3, 7))
    x = i8((n, h, w, c))
    x_zp = int(rng.integers(-128, 128))
    w1 = rng.integers(-127, 128, size=(f, 3, 3, c)).astype(np.int8)
    b1 = rng.integers(-3000, 3000, size=(f,))
    acc1 = conv2d(x, w1, b1, x_zp, 0, (1, 1, 1, 1), (1, 1), (1, 1))
    m1, s1 = per_channel_rescale(rng, acc1, f)
    z1 = int(rng.integers(-20, 20))
    y1 = clamp(rescale(acc1, m1, s1, 0, z1, True, True), z1, 127)

    # Depthwise, stride 2, padding that makes the windows exact.
    pads = [(pt, pb) for pt in (0, 1) for pb in (0, 1)
            if (y1.shape[1] - 1 + pt + pb - 2) % 2 == 0]
    ph = pads[int(rng.integers(0, len(pads)))]
    pads = [(pl, pr) for pl in (0, 1) for pr in (0, 1)
            if (y1.shape[2] - 1 + pl + pr - 2) % 2 == 0]
    pw = pads[int(rng.integers(0, len(pads)))]
    pad2 = (ph[0], ph[1], pw[0], pw[1])
    w2 = rng.integers(-127, 128, size=(3, 3, f, 2)).astype(np.int8)
    b2 = rng.integers(-500, 500, size=(1,))
    acc2 = depthwise_conv2d(y1, w2, b2, z1, 0, pad2, (2, 2), (1, 1))
    m2, s2 = multiplier_and_shift(80.0 / max(1.0, float(np.abs(acc2).max())))
    z2 = int(rng.integers(-10, 10))
    y2 = rescale(acc2, [m2], [s2], 0, z2, True, False)

    k = int(np.prod(y2.shape[1:]))
    a3 = y2.reshape(1, n, k)
    w3 = rng.integers(-127, 128, size=(1, k, 10)).astype(np.int8)
    acc3 = matmul(a3, w3, z2, 0)
    m3, s3 = per_channel_rescale(rng, acc3, 10)
    z3 = int(rng.integers(-10, 10))
    y3 = rescale(acc3, m3, s3, 0, z3, True, True)

    out = Writer()
    wz = out.const([0], [1], "i8")
    xz = out.const([x_zp], [1], "i8")
    cw1 = out.const(w1, w1.shape, "i8")
    cb1 = out.const(b1, b1.shape, "i32")
    v = out.op(
        f"tosa.conv2d %x, {cw1}, {cb1}, {xz}, {wz} {{acc_type = i32, pad = array<i64: 1, 1, 1, 1>, "
        f"stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}} : ({tensor(x.shape, 'i8')}, "
        f"{tensor(w1.shape, 'i8')}, {tensor(b1.shape, 'i32')}, tensor<1xi8>, tensor<1xi8>) -> "
        f"{tensor(acc1.shape, 'i32')}")
    v = out.rescale(v, acc1.shape, y1.shape, m1, s1, z1, True)
    v = out.op(f"tosa.clamp {v} {{min_val = {z1} : i8, max_val = 127 : i8}} : "
               f"({tensor(y1.shape, 'i8')}) -> {tensor(y1.shape, 'i8')}")
    z1c = out.const([z1], [1], "i8")
    cw2 = out.const(w2, w2.shape, "i8")
    cb2 = out.const(b2, b2.shape, "i32")
    v = out.op(
        f"tosa.depthwise_conv2d {v}, {cw2}, {cb2}, {z1c}, {wz} {{acc_type = i32, "
        f"pad = array<i64: {', '.join(map(str, pad2))}>, stride = array<i64: 2, 2>, "
        f"dilation = array<i64: 1, 1>}} : ({tensor(y1.shape, 'i8')}, {tensor(w2.shape, 'i8')}, "
        f"{tensor(b2.shape, 'i32')}, tensor<1xi8>, tensor<1xi8>) -> {tensor(acc2.shape, 'i32')}")
    v = out.rescale(v, acc2.shape, y2.shape, [m2], [s2], z2, False)
    out.n += 1
    shape = f"%s{out.n}"
    out.lines.append(f"  {shape} = tosa.const_shape {{values = dense<[1, {n}, {k}]> : "
                     f"tensor<3xindex>}} : () -> !tosa.shape<3>")
    v = out.op(f"tosa.reshape {v}, {shape} : ({tensor(y2.shape, 'i8')}, !tosa.shape<3>) -> "
               f"{tensor(a3.shape, 'i8')}")
    z2c = out.const([z2], [1], "i8")
    cw3 = out.const(w3, w3.shape, "i8")
    v = out.op(f"tosa.matmul {v}, {cw3}, {z2c}, {wz} : ({tensor(a3.shape, 'i8')}, "
               f"{tensor(w3.shape, 'i8')}, tensor<1xi8>, tensor<1xi8>) -> {tensor(acc3.shape, 'i32')}")
    v = out.rescale(v, acc3.shape, y3.shape, m3, s3, z3, True)
    net = ([f"func.func @net(%x: {tensor(x.shape, 'i8')}) -> {tensor(y3.shape, 'i8')} {{"]
           + out.lines + [f"  return {v} : {tensor(y3.shape, 'i8')}", "}"])

    # @batched: both operands are inputs; a 16-bit multiplier.
    bn, bh, bk, bw = 2, int(rng.integers(1, 5)), int(rng.integers(3, 20)), int(rng.integers(1, 9))
    a = i8((bn, bh, bk))
    b = i8((bn, bk, bw))
    a_zp, b_zp = int(rng.integers(-128, 128)), int(rng.integers(-128, 128))
    acc4 = matmul(a, b, a_zp, b_zp)
    m4, s4 = multiplier_and_shift(90.0 / max(1.0, float(np.abs(acc4).max())), bits=16)
    z4 = int(rng.integers(-10, 10))
    y4 = rescale(acc4, [m4], [s4], 0, z4, False, False)
    out = Writer()
    az = out.const([a_zp], [1], "i8")
    bz = out.const([b_zp], [1], "i8")
    v = out.op(f"tosa.matmul %a, %b, {az}, {bz} : ({tensor(a.shape, 'i8')}, "
               f"{tensor(b.shape, 'i8')}, tensor<1xi8>, tensor<1xi8>) -> {tensor(acc4.shape, 'i32')}")
    v = out.rescale(v, acc4.shape, y4.shape, [m4], [s4], z4, False, scale32=False)
    batched = ([f"func.func @batched(%a: {tensor(a.shape, 'i8')}, %b: {tensor(b.shape, 'i8')}) -> "
                f"{tensor(y4.shape, 'i8')} {{"]
               + out.lines + [f"  return {v} : {tensor(y4.shape, 'i8')}", "}"])

    # @fc: a fully-connected layer with small accumulators, so shifts just
    # above 31 where DOUBLE_ROUND's second rounding decides many outputs.
    fm, fk, fn = 16, 2, 8
    fx = i8((1, fm, fk))
    fw = rng.integers(-2, 3, size=(1, fk, fn)).astype(np.int8)
    fx_zp = int(rng.integers(-128, 128))
    acc5 = matmul(fx, fw, fx_zp, 0)
    m5, s5 = per_channel_rescale(rng, acc5, fn)
    z5 = int(rng.integers(-10, 10))
    y5 = rescale(acc5, m5, s5, 0, z5, True, True)
    out = Writer()
    wz = out.const([0], [1], "i8")
    xz = out.const([fx_zp], [1], "i8")
    cw = out.const(fw, fw.shape, "i8")
    v = out.op(f"tosa.matmul %x, {cw}, {xz}, {wz} : ({tensor(fx.shape, 'i8')}, "
               f"{tensor(fw.shape, 'i8')}, tensor<1xi8>, tensor<1xi8>) -> {tensor(acc5.shape, 'i32')}")
    v = out.rescale(v, acc5.shape, y5.shape, m5, s5, z5, True)
    fc = ([f"func.func @fc(%x: {tensor(fx.shape, 'i8')}) -> {tensor(y5.shape, 'i8')} {{"]
          + out.lines + [f"  return {v} : {tensor(y5.shape, 'i8')}", "}"])

    with open(args.out + ".mlir", "w") as file:
        file.write(f"// tosa_int8_net.py --seed {args.seed}\n")
        file.write("\n".join(net + [""] + batched + [""] + fc) + "\n")
    np.save(args.out + ".fx.npy", fx)
    np.save(args.out + ".fc.npy", y5.astype(np.int8))
    np.save(args.out + ".x.npy", x)
    np.save(args.out + ".a.npy", a)
    np.save(args.out + ".b.npy", b)
    np.save(args.out + ".net.npy", y3.astype(np.int8))
    np.save(args.out + ".batched.npy", y4.astype(np.int8))


if __name__ == "__main__":
    main()
