#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks --prune against numpy on random weights: which weights each
pattern removes (by magnitude, per layer or in one global ranking) and that
the kept ones are unchanged, bit for bit.

  check_against_numpy.py QNN_OPT WORKDIR
"""
import math
import os
import re
import subprocess
import sys

import numpy as np

QNN_OPT, WORK = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(7)


def hex_attr(a):
    return '"0x' + a.astype("<f4").tobytes().hex().upper() + '"'


def model(weights):
    """A chain of matmuls (K x N weights) or 1x1... HWCF convolutions."""
    lines = ["func.func @f(%%x0: tensor<2x%dxf32>) -> tensor<2x%dxf32> {" % (
        weights[0].shape[-2] * (weights[0].shape[0] if weights[0].ndim == 4 else 1),
        weights[-1].shape[-1]),
        "  %zero = arith.constant 0.0 : f32"]
    x, width = "%x0", None
    for i, w in enumerate(weights):
        k, n = w.shape[-2], w.shape[-1]
        t = "tensor<%sxf32>" % "x".join(map(str, w.shape))
        lines.append("  %%w%d = arith.constant dense<%s> : %s" % (i, hex_attr(w), t))
        if w.ndim == 2:
            lines += [
                "  %%e%d = tensor.empty() : tensor<2x%dxf32>" % (i, n),
                "  %%a%d = linalg.fill ins(%%zero : f32) outs(%%e%d : tensor<2x%dxf32>) -> tensor<2x%dxf32>" % (i, i, n, n),
                "  %%x%d = linalg.matmul ins(%s, %%w%d : tensor<2x%dxf32>, %s) outs(%%a%d : tensor<2x%dxf32>) -> tensor<2x%dxf32> loc(\"l%d\")"
                % (i + 1, x, i, k, t, i, n, n, i)]
        else:
            kh = w.shape[0]
            # The input as 1 x kh x 1 x C (a column of taps), output 1x1x1xN.
            lines += [
                "  %%r%d = tensor.expand_shape %s [[0], [1, 2, 3]] output_shape [2, %d, 1, %d] : tensor<2x%dxf32> into tensor<2x%dx1x%dxf32>"
                % (i, x, kh, k, kh * k, kh, k),
                "  %%e%d = tensor.empty() : tensor<2x1x1x%dxf32>" % (i, n),
                "  %%a%d = linalg.fill ins(%%zero : f32) outs(%%e%d : tensor<2x1x1x%dxf32>) -> tensor<2x1x1x%dxf32>" % (i, i, n, n),
                "  %%c%d = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} "
                "ins(%%r%d, %%w%d : tensor<2x%dx1x%dxf32>, %s) outs(%%a%d : tensor<2x1x1x%dxf32>) -> tensor<2x1x1x%dxf32> loc(\"l%d\")"
                % (i, i, i, kh, k, t, i, n, n, i),
                "  %%x%d = tensor.collapse_shape %%c%d [[0], [1, 2, 3]] : tensor<2x1x1x%dxf32> into tensor<2x%dxf32>" % (i + 1, i, n, n)]
        x = "%%x%d" % (i + 1)
    lines += ["  return %s : tensor<2x%dxf32>" % (x, weights[-1].shape[-1]), "}"]
    return "\n".join(lines) + "\n"


def prune(weights, options):
    path = os.path.join(WORK, "model.mlir")
    with open(path, "w") as f:
        f.write(model(weights))
    out = subprocess.run([QNN_OPT, path, "--prune=" + options,
                          "--mlir-print-elementsattrs-with-hex-if-larger=0"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("qnn-opt failed:\n" + out.stderr)
    pruned = []
    for w in weights:
        t = "tensor<%sxf32>" % "x".join(map(str, w.shape))
        m = re.search(r'arith\.constant dense<("0x[0-9A-F]+"|[^>]+)> : ' + re.escape(t) + r"\n", out.stdout)
        if m is None:
            sys.exit("no pruned constant of type %s in:\n%s" % (t, out.stdout))
        text = m.group(1)
        if text.startswith('"'):
            a = np.frombuffer(bytes.fromhex(text[3:-1]), dtype="<f4").reshape(w.shape)
        else:
            a = np.full(w.shape, float(text), dtype=np.float32)
        pruned.append(a)
    return pruned


def expect(name, weights, options, keep):
    """keep: per layer, the boolean mask numpy computes."""
    got = prune(weights, options)
    for i, (w, g, k) in enumerate(zip(weights, got, keep)):
        want = np.where(k, w, np.float32(0))
        if not np.array_equal(g.view(np.uint32), want.view(np.uint32)):
            bad = np.argwhere(g != want)
            sys.exit("%s: layer %d differs from numpy at %d places, first %s: qnn %r, numpy %r"
                     % (name, i, len(bad), bad[0].tolist(), float(g[tuple(bad[0])]), float(want[tuple(bad[0])])))
        print("%s: layer %d: %d of %d removed, as numpy" % (name, i, int((~k).sum()), k.size))


def lowest(scores, count):
    """Mask of the `count` lowest scores removed (ties: the earlier)."""
    flat = scores.ravel()
    order = np.argsort(flat, kind="stable")
    removed = np.zeros(flat.size, bool)
    removed[order[:count]] = True
    return ~removed.reshape(scores.shape)


def as_kn(w):
    return w.reshape(-1, w.shape[-1])


layers = [rng.standard_normal((64, 48)).astype(np.float32) * 0.2,
          rng.standard_normal((48, 32)).astype(np.float32) * 0.5]

# Unstructured, per layer: exactly floor(0.9 n) smallest |w| of each.
expect("unstructured 0.9 per layer", layers, "sparsity=0.9 scope=layer",
       [lowest(np.abs(w), math.floor(0.9 * w.size)) for w in layers])

# Unstructured, global: one ranking of all |w|.
allw = np.concatenate([np.abs(w).ravel() for w in layers])
mask = lowest(allw, math.floor(0.6 * allw.size))
expect("unstructured 0.6 global", layers, "sparsity=0.6",
       [mask[:layers[0].size].reshape(layers[0].shape), mask[layers[0].size:].reshape(layers[1].shape)])

# Threshold: |w| below it.
expect("threshold 0.3", layers, "threshold=0.3", [np.abs(w) >= np.float32(0.3) for w in layers])

# Block 4x2 (4 along K by 2 channels), global, by the blocks' L2 norm.
def block_scores(w, r, c):
    k, n = w.shape
    return np.sqrt((w.astype(np.float64) ** 2).reshape(k // r, r, n // c, c).sum(axis=(1, 3)))


scores = [block_scores(w, 4, 2) for w in layers]
allb = np.concatenate([s.ravel() for s in scores])
mask = lowest(allb, math.floor(0.5 * allb.size))
n0 = scores[0].size
keep = [np.kron(mask[:n0].reshape(scores[0].shape), np.ones((4, 2), bool)),
        np.kron(mask[n0:].reshape(scores[1].shape), np.ones((4, 2), bool))]
expect("block 4x2 0.5 global", layers, "pattern=block:4x2 sparsity=0.5", keep)

# Channels of the first layer (the second computes the results: dense),
# zeroed in place (remove-channels=false) to compare positions.
norms = np.sqrt((layers[0].astype(np.float64) ** 2).sum(axis=0))
keep0 = np.broadcast_to(lowest(norms, math.floor(0.5 * norms.size)), layers[0].shape)
expect("channel 0.5", layers, "pattern=channel sparsity=0.5 remove-channels=false",
       [keep0, np.ones(layers[1].shape, bool)])

# 2:4 and 1:4 along C_in of an HWCF convolution (3 x 1 x 8 x 6): in each
# group of 4 input channels of a tap and filter, the 2 (1) largest |w|.
conv = [rng.standard_normal((3, 1, 8, 6)).astype(np.float32)]
for n in (2, 1):
    a = np.abs(conv[0]).reshape(3, 1, 2, 4, 6)
    rank = np.argsort(np.argsort(-a, axis=3, kind="stable"), axis=3, kind="stable")
    expect("%d:4 conv" % n, conv, "pattern=%d:4" % n, [(rank < n).reshape(conv[0].shape)])
