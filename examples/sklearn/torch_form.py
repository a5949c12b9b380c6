#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes digits-cnn.torch.mlir: the trained digits CNN of
digits-cnn.linalg.mlir in the form torch-mlir's linalg-on-tensors backend
emits for the PyTorch module (examples/sklearn/train.py, class CNN, without
its NHWC flatten): NCHW images, linalg.conv_2d_nchw_fchw and
depthwise_conv_2d_nchw_chw with the bias broadcast into the accumulator,
ReLU as cmpf ugt + select, pooling_nchw_max, a flatten in NCHW order, and
the linear layer as a linalg.transpose of its [out, in] weight feeding
linalg.matmul. Same weights, same function.

  /usr/bin/python3 examples/sklearn/torch_form.py

Needs only numpy; reads and writes examples/sklearn/.
"""
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def constants(text):
    """The f32 constants of a model written by train.py, by location name."""
    out = {}
    pattern = r'dense<"0x([0-9A-F]+)"> : tensor<([0-9x]+)xf32> loc\("([^"]+)"\)'
    for hexdata, shape, name in re.findall(pattern, text):
        data = np.frombuffer(bytes.fromhex(hexdata), dtype="<f4")
        out[name] = data.reshape([int(d) for d in shape.split("x")])
    return out


def dense(array):
    data = np.ascontiguousarray(array, dtype="<f4")
    shape = "x".join(str(d) for d in data.shape)
    return 'dense<"0x%s"> : tensor<%sxf32>' % (data.tobytes().hex().upper(), shape)


def ty(*shape):
    return "tensor<%sxf32>" % "x".join(str(d) for d in shape)


class Writer:
    def __init__(self):
        self.lines = []
        self.count = 0

    def op(self, text, name=None):
        self.count += 1
        value = "%%v%d" % self.count
        loc = ' loc("%s")' % name if name else ""
        self.lines.append("    %s = %s%s" % (value, text, loc))
        return value

    def bias_init(self, bias, shape, name):
        b = self.op("arith.constant %s" % dense(bias), name + ".bias")
        e = self.op("tensor.empty(%%batch) : %s" % ty(*shape))
        return self.op(
            "linalg.generic {indexing_maps = [#chan1, #id4], iterator_types = "
            '["parallel", "parallel", "parallel", "parallel"]} ins(%s : %s) '
            "outs(%s : %s) {\n      ^bb0(%%in: f32, %%out: f32):\n"
            "        linalg.yield %%in : f32\n    } -> %s"
            % (b, ty(bias.shape[0]), e, ty(*shape), ty(*shape)), name + ".init")

    def relu(self, x, shape, name):
        e = self.op("tensor.empty(%%batch) : %s" % ty(*shape))
        return self.op(
            "linalg.generic {indexing_maps = [#id4, #id4], iterator_types = "
            '["parallel", "parallel", "parallel", "parallel"]} ins(%s : %s) '
            "outs(%s : %s) {\n      ^bb0(%%in: f32, %%out: f32):\n"
            "        %%c = arith.cmpf ugt, %%in, %%zero : f32\n"
            "        %%r = arith.select %%c, %%in, %%zero : f32\n"
            "        linalg.yield %%r : f32\n    } -> %s"
            % (x, ty(*shape), e, ty(*shape), ty(*shape)), name)

    def pad(self, x, shape, name):
        padded = (shape[0], shape[1], shape[2] + 2, shape[3] + 2)
        return self.op(
            "tensor.pad %s low[0, 0, 1, 1] high[0, 0, 1, 1] {\n"
            "    ^bb0(%%i: index, %%j: index, %%k: index, %%l: index):\n"
            "      tensor.yield %%zero : f32\n    } : %s to %s"
            % (x, ty(*shape), ty(*padded)), name), padded


def main():
    src = os.path.join(HERE, "digits-cnn.linalg.mlir")
    text = open(src).read()
    c = constants(text)
    accuracy = re.search(r"float accuracy.*", text).group(0)
    w = Writer()
    B = "?"
    # conv1 3x3, 1 -> 16, padding 1.
    img = w.op("tensor.expand_shape %%x [[0], [1, 2, 3]] output_shape [%%batch, 1, 8, 8] "
               ": tensor<?x64xf32> into %s" % ty(B, 1, 8, 8), "image")
    x, shape = w.pad(img, (B, 1, 8, 8), "conv1.pad")
    wt = w.op("arith.constant %s" % dense(c["conv1.weight"].transpose(3, 2, 0, 1)),
              "conv1.weight")
    init = w.bias_init(c["conv1.bias"], (B, 16, 8, 8), "conv1")
    x = w.op("linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = "
             "dense<1> : vector<2xi64>} ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
             % (x, wt, ty(*shape), ty(16, 1, 3, 3), init, ty(B, 16, 8, 8),
                ty(B, 16, 8, 8)), "conv1")
    x = w.relu(x, (B, 16, 8, 8), "conv1.relu")
    # Depthwise 3x3, the [16, 1, 3, 3] filter collapsed to [16, 3, 3].
    x, shape = w.pad(x, (B, 16, 8, 8), "dw.pad")
    wt = w.op("arith.constant %s" % dense(c["dw.weight"].transpose(2, 0, 1)[:, None]),
              "dw.weight")
    wt = w.op("tensor.collapse_shape %s [[0, 1], [2], [3]] : %s into %s"
              % (wt, ty(16, 1, 3, 3), ty(16, 3, 3)), "dw.weight.collapse")
    init = w.bias_init(c["dw.bias"], (B, 16, 8, 8), "dw")
    x = w.op("linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, "
             "strides = dense<1> : vector<2xi64>} ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
             % (x, wt, ty(*shape), ty(16, 3, 3), init, ty(B, 16, 8, 8),
                ty(B, 16, 8, 8)), "dw")
    x = w.relu(x, (B, 16, 8, 8), "dw.relu")
    # Max pooling 2x2.
    e = w.op("tensor.empty(%%batch) : %s" % ty(B, 16, 4, 4))
    init = w.op("linalg.fill ins(%%ninf : f32) outs(%s : %s) -> %s"
                % (e, ty(B, 16, 4, 4), ty(B, 16, 4, 4)), "pool.init")
    window = w.op("tensor.empty() : tensor<2x2xf32>")
    x = w.op("linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = "
             "dense<2> : vector<2xi64>} ins(%s, %s : %s, tensor<2x2xf32>) outs(%s : %s) -> %s"
             % (x, window, ty(B, 16, 8, 8), init, ty(B, 16, 4, 4), ty(B, 16, 4, 4)),
             "pool")
    # Pointwise 1x1, 16 -> 32.
    wt = w.op("arith.constant %s" % dense(c["pw.weight"].transpose(3, 2, 0, 1)),
              "pw.weight")
    init = w.bias_init(c["pw.bias"], (B, 32, 4, 4), "pw")
    x = w.op("linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = "
             "dense<1> : vector<2xi64>} ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
             % (x, wt, ty(B, 16, 4, 4), ty(32, 16, 1, 1), init, ty(B, 32, 4, 4),
                ty(B, 32, 4, 4)), "pw")
    x = w.relu(x, (B, 32, 4, 4), "pw.relu")
    # Flatten in NCHW order; the linear layer's [10, 512] weight follows it.
    x = w.op("tensor.collapse_shape %s [[0], [1, 2, 3]] : %s into tensor<?x512xf32>"
             % (x, ty(B, 32, 4, 4)), "flatten")
    fc = c["fc.weight"].reshape(4, 4, 32, 10).transpose(2, 0, 1, 3).reshape(512, 10)
    wt = w.op("arith.constant %s" % dense(fc.T), "fc.weight")
    e = w.op("tensor.empty() : tensor<512x10xf32>")
    wt = w.op("linalg.transpose ins(%s : tensor<10x512xf32>) outs(%s : tensor<512x10xf32>) "
              "permutation = [1, 0]" % (wt, e), "fc.weight.t")
    e = w.op("tensor.empty(%batch) : tensor<?x10xf32>")
    init = w.op("linalg.fill ins(%%zero : f32) outs(%s : tensor<?x10xf32>) -> "
                "tensor<?x10xf32>" % e, "fc.init")
    x = w.op("linalg.matmul ins(%s, %s : tensor<?x512xf32>, tensor<512x10xf32>) outs(%s : "
             "tensor<?x10xf32>) -> tensor<?x10xf32>" % (x, wt, init), "fc")
    b = w.op("arith.constant %s" % dense(c["fc.bias"]), "fc.bias")
    e = w.op("tensor.empty(%batch) : tensor<?x10xf32>")
    x = w.op("linalg.generic {indexing_maps = [#id2, #chan2, #id2], iterator_types = "
             '["parallel", "parallel"]} ins(%s, %s : tensor<?x10xf32>, tensor<10xf32>) '
             "outs(%s : tensor<?x10xf32>) {\n      ^bb0(%%in: f32, %%b: f32, %%out: f32):\n"
             "        %%s = arith.addf %%in, %%b : f32\n        linalg.yield %%s : f32\n"
             "    } -> tensor<?x10xf32>" % (x, b, e), "fc.bias_add")
    header = (
        "// digits-cnn in torch-mlir's form (NCHW): generated by "
        "examples/sklearn/torch_form.py\n"
        "// from digits-cnn.linalg.mlir, same weights; %s.\n"
        "#id2 = affine_map<(d0, d1) -> (d0, d1)>\n"
        "#chan2 = affine_map<(d0, d1) -> (d1)>\n"
        "#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>\n"
        "#chan1 = affine_map<(d0, d1, d2, d3) -> (d1)>\n" % accuracy)
    body = "\n".join(w.lines)
    out = (header + "func.func @forward(%%x: tensor<?x64xf32>) -> tensor<?x10xf32> {\n"
           "    %%c0 = arith.constant 0 : index\n"
           "    %%zero = arith.constant 0.0 : f32\n"
           "    %%ninf = arith.constant 0xFF800000 : f32\n"
           "    %%batch = tensor.dim %%x, %%c0 : tensor<?x64xf32>\n"
           "%s\n    return %s : tensor<?x10xf32>\n}\n" % (body, x))
    with open(os.path.join(HERE, "digits-cnn.torch.mlir"), "w") as f:
        f.write(out)


if __name__ == "__main__":
    main()
