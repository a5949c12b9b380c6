#!/usr/bin/env bash
# The main job on the example model: quantize the float MLP in
# examples/models/mlp.mlir from the calibration ranges recorded in it, lower
# both versions to native code, and run them side by side on one input.
# Run through `make demo`, which builds qnn first.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
bin="$BUILD/bin"
model=examples/models/mlp.mlir
out="$BUILD/demo"
mkdir -p "$out"

# 64 calibration samples (16 features in [0, 1)), generated with the
# standard library only.
python3 - "$out/calib.npy" <<'PY'
import random, subprocess, sys
random.seed(2026)
values = ",".join("%.4f" % random.random() for _ in range(64 * 16))
subprocess.run([sys.executable, "test/lit/npy.py", "write", sys.argv[1], "f4", "64,16", values], check=True)
PY

echo "== $bin/qnn-opt --qnn-calibrate=\"data=$out/calib.npy export=$out/stats.json\" --quantize --canonicalize $model"
"$bin/qnn-opt" --qnn-calibrate="data=$out/calib.npy export=$out/stats.json" \
  --quantize --canonicalize "$model" -o "$out/mlp.quantized.mlir"
echo "calibrated ranges: $out/stats.json"

count() { grep -c "$1" "$2" || true; }
printf '\n%-28s %8s %10s\n' "op" "float" "quantized"
for op in linalg.matmul qnn.matmul qnn.constant qnn.quantize qnn.requantize qnn.dequantize; do
  printf '%-28s %8s %10s\n' "$op" "$(count "$op " "$model")" "$(count "$op " "$out/mlp.quantized.mlir")"
done

# One input sample (16 features in [0, 1)), written with the standard library.
python3 test/lit/npy.py write "$out/x.npy" f4 1,16 \
  0.1,0.9,0.3,0.5,0.7,0.2,0.8,0.4,0.6,0.05,0.95,0.35,0.65,0.15,0.85,0.45

echo
echo "== float model, JIT-compiled by qnn-run"
"$bin/qnn-run" "$model" --entry forward --input "$out/x.npy" --output "$out/y.float.npy" --repeat 100
python3 test/lit/npy.py print "$out/y.float.npy"
echo
echo "== quantized model (int8 matmuls), JIT-compiled by qnn-run"
"$bin/qnn-run" "$out/mlp.quantized.mlir" --entry forward --input "$out/x.npy" --output "$out/y.int8.npy" --repeat 100
python3 test/lit/npy.py print "$out/y.int8.npy"

echo
echo "== the quantized model: $out/mlp.quantized.mlir"
