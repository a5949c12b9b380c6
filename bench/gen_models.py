#!/usr/bin/env python3
"""Writes the larger models `make bench` times end to end, in the linalg form
of examples/sklearn, with random weights (speed does not depend on their
values) and random calibration and timing inputs:

  bert-ffn         a BERT-base feed-forward block: 768 -> 3072 (ReLU) -> 768
                   (ReLU, not BERT's GELU, which qnn would leave in float)
  mobilenet-block  a MobileNetV2 block on 28 x 28 x 32 NHWC: 1x1 expand to
                   192 + ReLU6, 3x3 depthwise + ReLU6, 1x1 project to 32

Usage: gen_models.py OUT_DIR
Plain python3 (no numpy): the .npy files come from scripts/npy.py.
"""

import math
import os
import random
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
import npy  # noqa: E402

rng = random.Random(20261201)


def hex_f32(values):
    return '"0x' + struct.pack("<%df" % len(values), *values).hex().upper() + '"'


def weights(count, fan_in):
    bound = math.sqrt(6.0 / fan_in)
    return [rng.uniform(-bound, bound) for _ in range(count)]


def shape_text(shape):
    return "x".join("?" if d < 0 else str(d) for d in shape)


class Model:
    """Builds the body of @forward one op at a time."""

    def __init__(self):
        self.lines = []
        self.count = 0

    def value(self):
        self.count += 1
        return "%%v%d" % self.count

    def constant(self, name, values, shape):
        v = self.value()
        self.lines.append('    %s = arith.constant dense<%s> : tensor<%sxf32> loc("%s")'
                          % (v, hex_f32(values), shape_text(shape), name))
        return v

    def empty(self, shape):
        v = self.value()
        self.lines.append("    %s = tensor.empty(%%batch) : tensor<%sxf32>" % (v, shape_text(shape)))
        return v

    def zeros(self, name, shape):
        e = self.empty(shape)
        v = self.value()
        t = shape_text(shape)
        self.lines.append('    %s = linalg.fill ins(%%zero : f32) outs(%s : tensor<%sxf32>) -> tensor<%sxf32> loc("%s.init")'
                          % (v, e, t, t, name))
        return v

    def bias_act(self, name, x, bias, shape, act):
        """x + bias (per channel, the last dimension), then the activation."""
        rank = len(shape)
        ident, chan = ("#id2", "#chan2") if rank == 2 else ("#id4", "#chan4")
        e = self.empty(shape)
        v = self.value()
        t = shape_text(shape)
        body = ["        %s = arith.addf %%in, %%b : f32" % "%s"]
        if act == "relu":
            body.append("        %r = arith.maximumf %s, %zero : f32")
        elif act == "relu6":
            body.append("        %m = arith.maximumf %s, %zero : f32")
            body.append("        %r = arith.minimumf %m, %six : f32")
        result = "%s" if act is None else "%r"
        self.lines.append(
            "    %s = linalg.generic {indexing_maps = [%s, %s, %s], iterator_types = [%s]}\n"
            "        ins(%s, %s : tensor<%sxf32>, tensor<%dxf32>) outs(%s : tensor<%sxf32>) {\n"
            "      ^bb0(%%in: f32, %%b: f32, %%out: f32):\n%s\n"
            "        linalg.yield %s : f32\n"
            '    } -> tensor<%sxf32> loc("%s.%s")'
            % (v, ident, chan, ident, ", ".join(['"parallel"'] * rank), x, bias, t,
               shape[-1], e, t, "\n".join(body), result, t, name, act or "bias"))
        return v

    def dense(self, name, x, k, n, act):
        w = self.constant(name + ".weight", weights(k * n, k), [k, n])
        acc = self.zeros(name, [-1, n])
        v = self.value()
        self.lines.append('    %s = linalg.matmul ins(%s, %s : tensor<?x%dxf32>, tensor<%dx%dxf32>) outs(%s : tensor<?x%dxf32>) -> tensor<?x%dxf32> loc("%s")'
                          % (v, x, w, k, k, n, acc, n, n, name))
        b = self.constant(name + ".bias", weights(n, k), [n])
        return self.bias_act(name, v, b, [-1, n], act)

    def conv(self, name, x, hw, cin, cout, act):
        """A 1x1 convolution, stride 1."""
        w = self.constant(name + ".weight", weights(cin * cout, cin), [1, 1, cin, cout])
        acc = self.zeros(name, [-1, hw, hw, cout])
        v = self.value()
        self.lines.append(
            "    %s = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}\n"
            '        ins(%s, %s : tensor<?x%dx%dx%dxf32>, tensor<1x1x%dx%dxf32>) outs(%s : tensor<?x%dx%dx%dxf32>) -> tensor<?x%dx%dx%dxf32> loc("%s")'
            % (v, x, w, hw, hw, cin, cin, cout, acc, hw, hw, cout, hw, hw, cout, name))
        b = self.constant(name + ".bias", weights(cout, cin), [cout])
        return self.bias_act(name, v, b, [-1, hw, hw, cout], act)

    def depthwise(self, name, x, hw, c, act):
        """A 3x3 depthwise convolution, stride 1, padding 1."""
        p = self.value()
        self.lines.append(
            "    %s = tensor.pad %s low[0, 1, 1, 0] high[0, 1, 1, 0] {\n"
            "    ^bb0(%%i: index, %%j: index, %%k: index, %%l: index):\n"
            "      tensor.yield %%zero : f32\n"
            '    } : tensor<?x%dx%dx%dxf32> to tensor<?x%dx%dx%dxf32> loc("%s.pad")'
            % (p, x, hw, hw, c, hw + 2, hw + 2, c, name))
        w = self.constant(name + ".weight", weights(9 * c, 9), [3, 3, c])
        acc = self.zeros(name, [-1, hw, hw, c])
        v = self.value()
        self.lines.append(
            "    %s = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}\n"
            '        ins(%s, %s : tensor<?x%dx%dx%dxf32>, tensor<3x3x%dxf32>) outs(%s : tensor<?x%dx%dx%dxf32>) -> tensor<?x%dx%dx%dxf32> loc("%s")'
            % (v, p, w, hw + 2, hw + 2, c, c, acc, hw, hw, c, hw, hw, c, name))
        b = self.constant(name + ".bias", weights(c, 9), [c])
        return self.bias_act(name, v, b, [-1, hw, hw, c], act)

    def text(self, comment, arg_shape, result, result_shape):
        head = [
            comment,
            "#id2 = affine_map<(d0, d1) -> (d0, d1)>",
            "#chan2 = affine_map<(d0, d1) -> (d1)>",
            "#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>",
            "#chan4 = affine_map<(d0, d1, d2, d3) -> (d3)>",
            "func.func @forward(%%x: tensor<%sxf32>) -> tensor<%sxf32> {"
            % (shape_text(arg_shape), shape_text(result_shape)),
            "    %c0 = arith.constant 0 : index",
            "    %zero = arith.constant 0.0 : f32",
            "    %six = arith.constant 6.0 : f32",
            "    %%batch = tensor.dim %%x, %%c0 : tensor<%sxf32>" % shape_text(arg_shape),
        ]
        return "\n".join(head + self.lines + [
            "    return %s : tensor<%sxf32>" % (result, shape_text(result_shape)), "}", ""])


def inputs(path, shape):
    values = [rng.gauss(0.0, 1.0) for _ in range(math.prod(shape))]
    with open(path, "wb") as f:
        f.write(npy.header_bytes("<f4", "False", ",".join(map(str, shape))))
        f.write(struct.pack("<%df" % len(values), *values))


def main(out):
    os.makedirs(out, exist_ok=True)
    m = Model()
    h = m.dense("fc1", "%x", 768, 3072, "relu")
    y = m.dense("fc2", h, 3072, 768, None)
    with open(os.path.join(out, "bert-ffn.mlir"), "w") as f:
        f.write(m.text("// bert-ffn: bench/gen_models.py, random weights.", [-1, 768], y, [-1, 768]))
    inputs(os.path.join(out, "bert-ffn-calib.npy"), [32, 768])
    for batch in (16, 128):
        inputs(os.path.join(out, "bert-ffn-%d.npy" % batch), [batch, 768])

    m = Model()
    e = m.conv("expand", "%x", 28, 32, 192, "relu6")
    d = m.depthwise("dw", e, 28, 192, "relu6")
    p = m.conv("project", d, 28, 192, 32, None)
    with open(os.path.join(out, "mobilenet-block.mlir"), "w") as f:
        f.write(m.text("// mobilenet-block: bench/gen_models.py, random weights.",
                       [-1, 28, 28, 32], p, [-1, 28, 28, 32]))
    inputs(os.path.join(out, "mobilenet-block-calib.npy"), [8, 28, 28, 32])
    for batch in (1, 8):
        inputs(os.path.join(out, "mobilenet-block-%d.npy" % batch), [batch, 28, 28, 32])


if __name__ == "__main__":
    main(sys.argv[1])
