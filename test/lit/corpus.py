#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Builds a fuzzing corpus from the lit tests: every .mlir test file under
ROOT is split at '// -----' lines and each part becomes one seed file.

  corpus.py ROOT OUTDIR
"""
import os
import sys

root, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
count = 0
for directory, _, files in os.walk(root):
    for name in sorted(files):
        if not name.endswith(".mlir"):
            continue
        text = open(os.path.join(directory, name), encoding="utf-8").read()
        for part in text.split("// -----"):
            with open(os.path.join(out, "seed%04d.mlir" % count), "w") as f:
                f.write(part)
            count += 1
print("%d seeds" % count)
