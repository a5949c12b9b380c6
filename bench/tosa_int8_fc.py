#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""An int8 TOSA fully-connected layer (tosa.matmul with zero points and a
per-channel DOUBLE_ROUND tosa.rescale, as TFLite-to-TOSA writes it), run by
qnn-run raised onto qnn's int8 kernels and through upstream's TOSA lowering
(--raise=false), side by side in one run; checks that both give the same
integers and prints the time of each and the ratio.

  /usr/bin/python3 bench/tosa_int8_fc.py [--qnn-run build/bin/qnn-run]
      [--shapes 1x512x512,64x512x512] [--repeat 200]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np


def dense(values):
    values = np.asarray(values)
    if values.ndim == 0:
        return str(int(values))
    return "[" + ", ".join(dense(v) for v in values) + "]"


def write_model(path, m, k, n, rng):
    w = rng.integers(-127, 128, size=(1, k, n))
    mult = rng.integers(1 << 30, 1 << 31, size=n)
    lines = [
        f"func.func @fc(%x: tensor<1x{m}x{k}xi8>) -> tensor<1x{m}x{n}xi8> {{",
        f'  %w = "tosa.const"() {{values = dense<{dense(w)}> : tensor<1x{k}x{n}xi8>}} : () -> tensor<1x{k}x{n}xi8>',
        '  %az = "tosa.const"() {values = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>',
        '  %bz = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>',
        f"  %acc = tosa.matmul %x, %w, %az, %bz : (tensor<1x{m}x{k}xi8>, tensor<1x{k}x{n}xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x{m}x{n}xi32>",
        f'  %m = "tosa.const"() {{values = dense<{dense(mult)}> : tensor<{n}xi32>}} : () -> tensor<{n}xi32>',
        f'  %s = "tosa.const"() {{values = dense<45> : tensor<{n}xi8>}} : () -> tensor<{n}xi8>',
        '  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>',
        '  %oz = "tosa.const"() {values = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>',
        f"  %y = tosa.rescale %acc, %m, %s, %iz, %oz {{scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = true, input_unsigned = false, output_unsigned = false}} : (tensor<1x{m}x{n}xi32>, tensor<{n}xi32>, tensor<{n}xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x{m}x{n}xi8>",
        f"  return %y : tensor<1x{m}x{n}xi8>",
        "}",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def run(qnn_run, model, x, y, repeat, raise_):
    out = subprocess.run(
        [qnn_run, model, "--entry", "fc", f"--raise={'true' if raise_ else 'false'}",
         "--repeat", str(repeat), "--input", x, "--output", y],
        check=True, capture_output=True, text=True).stdout
    return float(re.search(r"time: ([0-9.]+) ms", out).group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qnn-run", default=os.path.join("build", "bin", "qnn-run"))
    parser.add_argument("--shapes", default="1x512x512,16x512x512,64x512x512")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print("TOSA int8 FC (M x K x N): qnn (raised) vs upstream's TOSA lowering")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            m, k, n = (int(v) for v in shape.split("x"))
            model = os.path.join(tmp, f"fc{shape}.mlir")
            write_model(model, m, k, n, rng)
            x = os.path.join(tmp, "x.npy")
            np.save(x, rng.integers(-128, 128, size=(1, m, k)).astype(np.int8))
            yq, yu = os.path.join(tmp, "q.npy"), os.path.join(tmp, "u.npy")
            tq = run(args.qnn_run, model, x, yq, args.repeat, True)
            tu = run(args.qnn_run, model, x, yu, max(1, args.repeat // 20), False)
            same = np.array_equal(np.load(yq), np.load(yu))
            gops = 2.0 * m * k * n / (tq * 1e-3) / 1e9
            print(f"  {shape:>12}: qnn {tq:8.3f} ms ({gops:6.1f} GOPS), upstream "
                  f"{tu:8.3f} ms, upstream/qnn {tu / tq:7.1f}x, same integers: {same}")
            if not same:
                sys.exit(1)


if __name__ == "__main__":
    main()
