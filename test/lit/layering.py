#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks that IR-only libraries stay IR-only: no source of lib/DIR, and no
qnn header such a source includes (followed transitively), includes a JIT
header (mlir/ExecutionEngine, llvm/ExecutionEngine) or qnn's execution
library (qnn/Execution).

  layering.py SRC_ROOT DIR...

Prints one line per library checked and, for a violation, the chain of
includes that reaches it; exits 1 if there is any.
"""
import os
import re
import sys

FORBIDDEN = ("mlir/ExecutionEngine/", "llvm/ExecutionEngine/", "qnn/Execution/")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]', re.M)

root = sys.argv[1]
include_dir = os.path.join(root, "include")


def includes(path):
    with open(path, encoding="utf-8") as f:
        return INCLUDE.findall(f.read())


def violations(source):
    """Yields include chains from `source` that end in a forbidden header."""
    seen = set()
    stack = [(source, [os.path.relpath(source, root)])]
    while stack:
        path, chain = stack.pop()
        for name in includes(path):
            if name.startswith(FORBIDDEN):
                yield chain + [name]
                continue
            header = os.path.join(include_dir, name)
            if name.startswith("qnn/") and os.path.isfile(header) and header not in seen:
                seen.add(header)
                stack.append((header, chain + [name]))


failed = False
for directory in sys.argv[2:]:
    lib = os.path.join(root, "lib", directory)
    bad = []
    for base, _, files in os.walk(lib):
        for name in sorted(files):
            if name.endswith((".cpp", ".h")):
                bad.extend(violations(os.path.join(base, name)))
    print("%s: %s" % (directory, "JIT" if bad else "IR-only"))
    for chain in bad:
        print("  " + " -> ".join(chain))
    failed = failed or bool(bad)
sys.exit(1 if failed else 0)
