#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Trains the example float models on real data that ships offline and
exports them as MLIR, in linalg and in TOSA form, with calibration and test
sets as .npy.

  /usr/bin/python3 examples/sklearn/train.py [OUT_DIR]

Needs Debian's python3-torch, python3-sklearn and python3-numpy (run it with
/usr/bin/python3, not the python3 on PATH). The outputs are checked in under
examples/sklearn/, so the demo needs no Python packages; rerun this only to
change the models. Training is seeded and deterministic on one machine.

Models (every op has a name location, the stable tensor names calibration
statistics are keyed by):
  digits-mlp   scikit-learn digits (8x8 images, 10 classes): 64 -> 64 -> ReLU
               -> 10
  digits-cnn   the same data as NHWC images: conv 3x3 (1 -> 16) + ReLU,
               depthwise 3x3 + ReLU, max-pool 2x2, conv 1x1 (16 -> 32) + ReLU,
               flatten, 512 -> 10
  cancer-mlp   scikit-learn breast cancer (30 tabular features, standardized
               with the training split's mean and deviation): 30 -> 32 -> ReLU
               -> 2
Each is written as <name>.linalg.mlir and <name>.tosa.mlir, taking a dynamic
batch of flat f32 samples and returning f32 logits.
"""
import json
import os
import sys

import numpy as np
import torch
from sklearn.datasets import load_breast_cancer, load_digits
from sklearn.model_selection import train_test_split

CALIB_SAMPLES = 200


def set_seed():
    torch.manual_seed(0)
    np.random.seed(0)


# ---------------------------------------------------------------- training


def train(model, x, y, epochs, batch=64, lr=3e-3):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    for _ in range(epochs):
        perm = torch.randperm(len(x))
        for i in range(0, len(x), batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    model.eval()
    return model


def accuracy(model, x, y):
    with torch.no_grad():
        return float((model(torch.from_numpy(x)).argmax(1).numpy() == y).mean())


class MLP(torch.nn.Module):
    def __init__(self, inputs, hidden, classes):
        super().__init__()
        self.fc1 = torch.nn.Linear(inputs, hidden)
        self.fc2 = torch.nn.Linear(hidden, classes)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class CNN(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 16, 3, padding=1)
        self.dw = torch.nn.Conv2d(16, 16, 3, padding=1, groups=16)
        self.pw = torch.nn.Conv2d(16, 32, 1)
        self.fc = torch.nn.Linear(512, 10)

    def forward(self, x):
        x = x.reshape(-1, 1, 8, 8)
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.dw(x))
        x = torch.nn.functional.max_pool2d(x, 2)
        x = torch.relu(self.pw(x))
        # Flatten in NHWC order, the layout the exported model uses.
        return self.fc(x.permute(0, 2, 3, 1).reshape(len(x), -1))


# ------------------------------------------------------------ MLIR writing


def dense(array):
    """An exact dense attribute: little-endian f32 bytes as hex."""
    data = np.ascontiguousarray(array, dtype="<f4")
    shape = "x".join(str(d) for d in data.shape)
    return 'dense<"0x%s"> : tensor<%sxf32>' % (data.tobytes().hex().upper(), shape)


def ty(shape):
    return "tensor<%sxf32>" % "x".join("?" if d is None else str(d) for d in shape)


class Writer:
    """Emits one function's body; every op gets a name location."""

    def __init__(self):
        self.lines = []
        self.count = 0

    def fresh(self):
        self.count += 1
        return "%%v%d" % self.count

    def op(self, text, name=None):
        value = self.fresh()
        loc = ' loc("%s")' % name if name else ""
        self.lines.append("    %s = %s%s" % (value, text, loc))
        return value

    def raw(self, text):
        self.lines.append("    " + text)

    def module(self, header, arg_type, result, result_type):
        body = "\n".join(self.lines)
        return ("%s\nfunc.func @forward(%%x: %s) -> %s {\n%s\n    return %s : %s\n}\n"
                % (header, arg_type, result_type, body, result, result_type))


LINALG_MAPS = """#id2 = affine_map<(d0, d1) -> (d0, d1)>
#chan2 = affine_map<(d0, d1) -> (d1)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan4 = affine_map<(d0, d1, d2, d3) -> (d3)>"""


class Linalg(Writer):
    def __init__(self):
        super().__init__()
        self.raw("%c0 = arith.constant 0 : index")
        self.raw("%zero = arith.constant 0.0 : f32")

    def zeros(self, x, shape, name):
        """A zero-filled f32 tensor shaped like `shape` (batch from x)."""
        empty = self.op("tensor.empty(%%batch) : %s" % ty(shape))
        return self.op("linalg.fill ins(%%zero : f32) outs(%s : %s) -> %s"
                       % (empty, ty(shape), ty(shape)), name + ".init")

    def batch(self, x, shape):
        self.raw("%%batch = tensor.dim %s, %%c0 : %s" % (x, ty(shape)))

    def constant(self, array, name):
        return self.op("arith.constant %s" % dense(array), name)

    def bias_relu(self, x, shape, bias, name, relu):
        """bias add and optional ReLU as one linalg.generic."""
        rank = len(shape)
        ident, chan = ("#id2", "#chan2") if rank == 2 else ("#id4", "#chan4")
        b = self.constant(bias, name + ".bias")
        empty = self.op("tensor.empty(%%batch) : %s" % ty(shape))
        body = ["^bb0(%in: f32, %b: f32, %out: f32):",
                "  %s = arith.addf %%in, %%b : f32" % ("%s" if relu else "%r")]
        if relu:
            body[1] = "  %s = arith.addf %%in, %%b : f32" % "%s"
            body.append("  %r = arith.maximumf %s, %zero : f32")
        body.append("  linalg.yield %r : f32")
        text = ("linalg.generic {indexing_maps = [%s, %s, %s], iterator_types = [%s]}\n"
                "        ins(%s, %s : %s, %s) outs(%s : %s) {\n      %s\n    } -> %s"
                % (ident, chan, ident, ", ".join(['"parallel"'] * rank), x, b, ty(shape),
                   ty(bias.shape), empty, ty(shape), "\n      ".join(body), ty(shape)))
        return self.op(text, name + (".relu" if relu else ".bias_add"))

    def bias_broadcast_add(self, x, shape, bias, name):
        """bias add as linalg.broadcast + linalg.add (another common export)."""
        b = self.constant(bias, name + ".bias")
        empty = self.op("tensor.empty(%%batch) : %s" % ty(shape))
        dims = ", ".join(str(d) for d in range(len(shape) - 1))
        wide = self.op("linalg.broadcast ins(%s : %s) outs(%s : %s) dimensions = [%s]"
                       % (b, ty(bias.shape), empty, ty(shape), dims), name + ".bias_broadcast")
        out = self.op("tensor.empty(%%batch) : %s" % ty(shape))
        return self.op("linalg.add ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
                       % (x, wide, ty(shape), ty(shape), out, ty(shape), ty(shape)),
                       name + ".bias_add")

    def matmul(self, x, shape, w, name):
        out = [shape[0], w.shape[1]]
        wv = self.constant(w, name + ".weight")
        init = self.zeros(x, out, name)
        y = self.op("linalg.matmul ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
                    % (x, wv, ty(shape), ty(w.shape), init, ty(out), ty(out)), name)
        return y, out

    def conv(self, x, shape, w_hwcf, pad, name, depthwise=False):
        if pad:
            padded = [shape[0], shape[1] + 2 * pad, shape[2] + 2 * pad, shape[3]]
            x = self.op("tensor.pad %s low[0, %d, %d, 0] high[0, %d, %d, 0] {\n"
                        "    ^bb0(%%i: index, %%j: index, %%k: index, %%l: index):\n"
                        "      tensor.yield %%zero : f32\n    } : %s to %s"
                        % (x, pad, pad, pad, pad, ty(shape), ty(padded)), name + ".pad")
            shape = padded
        kh, kw = w_hwcf.shape[0], w_hwcf.shape[1]
        channels = w_hwcf.shape[-1]
        out = [shape[0], shape[1] - kh + 1, shape[2] - kw + 1, channels]
        wv = self.constant(w_hwcf, name + ".weight")
        init = self.zeros(x, out, name)
        kind = "depthwise_conv_2d_nhwc_hwc" if depthwise else "conv_2d_nhwc_hwcf"
        y = self.op("linalg.%s {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : "
                    "tensor<2xi64>}\n        ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
                    % (kind, x, wv, ty(shape), ty(w_hwcf.shape), init, ty(out), ty(out)), name)
        return y, out

    def max_pool(self, x, shape, name):
        out = [shape[0], shape[1] // 2, shape[2] // 2, shape[3]]
        empty = self.op("tensor.empty(%%batch) : %s" % ty(out))
        lowest = self.op("arith.constant -3.40282347E+38 : f32")
        init = self.op("linalg.fill ins(%s : f32) outs(%s : %s) -> %s"
                       % (lowest, empty, ty(out), ty(out)), name + ".init")
        window = self.op("tensor.empty() : tensor<2x2xf32>")
        y = self.op("linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = "
                    "dense<2> : vector<2xi64>}\n        ins(%s, %s : %s, tensor<2x2xf32>) "
                    "outs(%s : %s) -> %s" % (x, window, ty(shape), init, ty(out), ty(out)), name)
        return y, out


def linalg_mlp(model, inputs):
    w = Linalg()
    w.batch("%x", [None, inputs])
    h, shape = w.matmul("%x", [None, inputs], model.fc1.weight.detach().numpy().T, "fc1")
    h = w.bias_relu(h, shape, model.fc1.bias.detach().numpy(), "fc1", relu=True)
    y, shape = w.matmul(h, shape, model.fc2.weight.detach().numpy().T, "fc2")
    y = w.bias_broadcast_add(y, shape, model.fc2.bias.detach().numpy(), "fc2")
    return w.module(LINALG_MAPS, ty([None, inputs]), y, ty(shape))


def hwcf(conv):
    # torch OIHW -> HWCF (I, O as C, F)
    return conv.weight.detach().numpy().transpose(2, 3, 1, 0)


def linalg_cnn(model):
    w = Linalg()
    w.batch("%x", [None, 64])
    img = w.op("tensor.expand_shape %%x [[0], [1, 2, 3]] output_shape [%%batch, 8, 8, 1] : "
               "%s into %s" % (ty([None, 64]), ty([None, 8, 8, 1])), "image")
    shape = [None, 8, 8, 1]
    h, shape = w.conv(img, shape, hwcf(model.conv1), 1, "conv1")
    h = w.bias_relu(h, shape, model.conv1.bias.detach().numpy(), "conv1", relu=True)
    # Depthwise weights: torch [C, 1, KH, KW] -> HWC.
    dww = model.dw.weight.detach().numpy()[:, 0].transpose(1, 2, 0)
    h, shape = w.conv(h, shape, dww, 1, "dw", depthwise=True)
    h = w.bias_relu(h, shape, model.dw.bias.detach().numpy(), "dw", relu=True)
    h, shape = w.max_pool(h, shape, "pool")
    h, shape = w.conv(h, shape, hwcf(model.pw), 0, "pw")
    h = w.bias_relu(h, shape, model.pw.bias.detach().numpy(), "pw", relu=True)
    flat = w.op("tensor.collapse_shape %s [[0], [1, 2, 3]] : %s into %s"
                % (h, ty(shape), ty([None, 512])), "flatten")
    y, shape = w.matmul(flat, [None, 512], model.fc.weight.detach().numpy().T, "fc")
    y = w.bias_relu(y, shape, model.fc.bias.detach().numpy(), "fc", relu=False)
    return w.module(LINALG_MAPS, ty([None, 64]), y, ty(shape))


class Tosa(Writer):
    """TOSA as MLIR 22 writes it: zero points and shapes are operands."""

    def __init__(self):
        super().__init__()
        self.raw('%zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>')

    def constant(self, array, name):
        return self.op('"tosa.const"() {values = %s} : () -> %s'
                       % (dense(array), ty(array.shape)), name)

    def reshape(self, x, shape, new, name):
        dims = ", ".join("-1" if d is None else str(d) for d in new)
        s = self.op("tosa.const_shape {values = dense<[%s]> : tensor<%dxindex>} : () -> "
                    "!tosa.shape<%d>" % (dims, len(new), len(new)))
        return self.op("tosa.reshape %s, %s : (%s, !tosa.shape<%d>) -> %s"
                       % (x, s, ty(shape), len(new), ty(new)), name), new

    def relu(self, x, shape, name):
        return self.op("tosa.clamp %s {min_val = 0.0 : f32, max_val = 3.40282347E+38 : f32} : "
                       "(%s) -> %s" % (x, ty(shape), ty(shape)), name)

    def fully_connected(self, x, shape, weight_kn, bias, name):
        """x [B, K] -> [1, B, K] x [1, K, N] + [1, 1, N] -> [B, N]."""
        x3, s3 = self.reshape(x, shape, [1, None, shape[1]], name + ".reshape_in")
        wv = self.constant(weight_kn[None], name + ".weight")
        out = [1, None, weight_kn.shape[1]]
        y = self.op("tosa.matmul %s, %s, %%zp, %%zp : (%s, %s, tensor<1xf32>, tensor<1xf32>) -> %s"
                    % (x3, wv, ty(s3), ty((1,) + weight_kn.shape), ty(out)), name)
        bv = self.constant(bias[None, None], name + ".bias")
        y = self.op("tosa.add %s, %s : (%s, %s) -> %s"
                    % (y, bv, ty(out), ty((1, 1, len(bias))), ty(out)), name + ".bias_add")
        return self.reshape(y, out, [None, weight_kn.shape[1]], name + ".reshape_out")

    def conv(self, x, shape, conv, pad, name, depthwise=False):
        weight = conv.weight.detach().numpy()
        bias = conv.bias.detach().numpy()
        if depthwise:
            # torch [C, 1, KH, KW] -> TOSA [KH, KW, C, M=1]
            wt = weight.transpose(2, 3, 0, 1)
            kind = "depthwise_conv2d"
            channels = wt.shape[2]
        else:
            # torch OIHW -> TOSA OHWI
            wt = weight.transpose(0, 2, 3, 1)
            kind = "conv2d"
            channels = wt.shape[0]
        kh, kw = weight.shape[2], weight.shape[3]
        out = [shape[0], shape[1] + 2 * pad - kh + 1, shape[2] + 2 * pad - kw + 1, channels]
        wv = self.constant(wt, name + ".weight")
        bv = self.constant(bias, name + ".bias")
        y = self.op("tosa.%s %s, %s, %s, %%zp, %%zp {acc_type = f32, pad = array<i64: %d, %d, %d, %d>, "
                    "stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}\n        : (%s, %s, %s, "
                    "tensor<1xf32>, tensor<1xf32>) -> %s"
                    % (kind, x, wv, bv, pad, pad, pad, pad, ty(shape), ty(wt.shape),
                       ty(bias.shape), ty(out)), name)
        return y, out

    def max_pool(self, x, shape, name):
        out = [shape[0], shape[1] // 2, shape[2] // 2, shape[3]]
        return self.op("tosa.max_pool2d %s {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, "
                       "pad = array<i64: 0, 0, 0, 0>} : (%s) -> %s"
                       % (x, ty(shape), ty(out)), name), out


def tosa_mlp(model, inputs):
    w = Tosa()
    fc1, fc2 = model.fc1, model.fc2
    h, shape = w.fully_connected("%x", [None, inputs], fc1.weight.detach().numpy().T,
                                 fc1.bias.detach().numpy(), "fc1")
    h = w.relu(h, shape, "fc1.relu")
    y, shape = w.fully_connected(h, shape, fc2.weight.detach().numpy().T,
                                 fc2.bias.detach().numpy(), "fc2")
    return w.module("", ty([None, inputs]), y, ty(shape))


def tosa_cnn(model):
    w = Tosa()
    img, shape = w.reshape("%x", [None, 64], [None, 8, 8, 1], "image")
    h, shape = w.conv(img, shape, model.conv1, 1, "conv1")
    h = w.relu(h, shape, "conv1.relu")
    h, shape = w.conv(h, shape, model.dw, 1, "dw", depthwise=True)
    h = w.relu(h, shape, "dw.relu")
    h, shape = w.max_pool(h, shape, "pool")
    h, shape = w.conv(h, shape, model.pw, 0, "pw")
    h = w.relu(h, shape, "pw.relu")
    flat, shape = w.reshape(h, shape, [None, 512], "flatten")
    fc = model.fc
    y, shape = w.fully_connected(flat, shape, fc.weight.detach().numpy().T,
                                 fc.bias.detach().numpy(), "fc")
    return w.module("", ty([None, 64]), y, ty(shape))


# ------------------------------------------------------------------- main


def header(name, data, model_text, acc):
    return ("// %s: generated by examples/sklearn/train.py from scikit-learn's %s data;\n"
            "// float accuracy on the held-out test split (PyTorch): %.2f%%.\n"
            % (name, data, 100 * acc)) + model_text


def save(out, name, text):
    with open(os.path.join(out, name), "w") as f:
        f.write(text)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    torch.set_num_threads(2)
    summary = {}

    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.3, random_state=0, stratify=y)
    np.save(os.path.join(out, "data", "digits-calib.npy"), xtr[:CALIB_SAMPLES])
    np.save(os.path.join(out, "data", "digits-test.npy"), xte)
    np.save(os.path.join(out, "data", "digits-test-labels.npy"), yte.astype(np.int32))

    set_seed()
    mlp = train(MLP(64, 64, 10), xtr, ytr, epochs=60)
    acc = accuracy(mlp, xte, yte)
    summary["digits-mlp"] = acc
    save(out, "digits-mlp.linalg.mlir", header("digits-mlp", "digits", linalg_mlp(mlp, 64), acc))
    save(out, "digits-mlp.tosa.mlir", header("digits-mlp", "digits", tosa_mlp(mlp, 64), acc))

    set_seed()
    cnn = train(CNN(), xtr, ytr, epochs=40)
    acc = accuracy(cnn, xte, yte)
    summary["digits-cnn"] = acc
    save(out, "digits-cnn.linalg.mlir", header("digits-cnn", "digits", linalg_cnn(cnn), acc))
    save(out, "digits-cnn.tosa.mlir", header("digits-cnn", "digits", tosa_cnn(cnn), acc))

    cancer = load_breast_cancer()
    x = cancer.data.astype(np.float32)
    y = cancer.target.astype(np.int64)
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.3, random_state=0, stratify=y)
    mean, std = xtr.mean(0), xtr.std(0)
    xtr, xte = ((xtr - mean) / std).astype(np.float32), ((xte - mean) / std).astype(np.float32)
    np.save(os.path.join(out, "data", "cancer-calib.npy"), xtr[:CALIB_SAMPLES])
    np.save(os.path.join(out, "data", "cancer-test.npy"), xte)
    np.save(os.path.join(out, "data", "cancer-test-labels.npy"), yte.astype(np.int32))
    set_seed()
    tab = train(MLP(30, 32, 2), xtr, ytr, epochs=60)
    acc = accuracy(tab, xte, yte)
    summary["cancer-mlp"] = acc
    save(out, "cancer-mlp.linalg.mlir", header("cancer-mlp", "breast cancer", linalg_mlp(tab, 30), acc))
    save(out, "cancer-mlp.tosa.mlir", header("cancer-mlp", "breast cancer", tosa_mlp(tab, 30), acc))

    with open(os.path.join(out, "float-accuracy.json"), "w") as f:
        json.dump({k: round(v, 6) for k, v in summary.items()}, f, indent=2)
        f.write("\n")
    for k, v in summary.items():
        print("%-12s float test accuracy %.2f%%" % (k, 100 * v))


if __name__ == "__main__":
    main()
