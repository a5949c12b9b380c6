#!/usr/bin/env bash
# The main job on the example model: quantize the float MLP in
# examples/models/mlp.mlir from the calibration ranges recorded in it, and
# show what changed. Run through `make demo`, which builds qnn first.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
qnn_opt="$BUILD/bin/qnn-opt"
model=examples/models/mlp.mlir
out="$BUILD/demo/mlp.quantized.mlir"
mkdir -p "$(dirname "$out")"

echo "== $qnn_opt --quantize --canonicalize $model -o $out"
"$qnn_opt" --quantize --canonicalize "$model" -o "$out"

count() { grep -c "$1" "$2" || true; }
printf '\n%-28s %8s %8s\n' "op" "float" "quantized"
for op in linalg.matmul qnn.matmul qnn.constant qnn.quantize qnn.requantize qnn.dequantize; do
  printf '%-28s %8s %8s\n' "$op" "$(count "$op " "$model")" "$(count "$op " "$out")"
done

echo
echo "== the quantized model ($out)"
cat "$out"
