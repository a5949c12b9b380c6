#!/usr/bin/env bash
# The main job on the example models (examples/sklearn: trained on
# scikit-learn's digits and breast cancer data, exported in linalg and TOSA
# form): calibrate each in the compiler on its calibration samples, quantize
# it to int8, lower float and int8 versions to native code with qnn-run, run
# both on the held-out test set, and print accuracy and run time side by
# side. Run through `make demo`, which builds qnn first.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
bin="$BUILD/bin"
examples=examples/sklearn
out="$BUILD/demo"
mkdir -p "$out"

# The fastest of this many runs is reported (the machine is shared).
REPEAT=${REPEAT:-20}

run() { # model input output -> prints the time in ms
  "$bin/qnn-run" "$1" --entry forward --input "$2" --output "$3" --repeat "$REPEAT" |
    sed -n 's/^time: \([0-9.]*\) ms$/\1/p'
}
accuracy() { python3 scripts/npy.py accuracy "$1" "$2" | sed 's/accuracy \([0-9.]*%\).*/\1/'; }

printf '%-11s %-7s %9s %9s %10s %10s %8s %13s\n' model form "float" "int8" "float ms" "int8 ms" speedup "float matmuls"
for name in digits-mlp digits-cnn cancer-mlp; do
  data=$examples/data/${name%%-*}
  for form in linalg tosa; do
    model=$examples/$name.$form.mlir
    quantized=$out/$name.$form.int8.mlir
    "$bin/qnn-opt" "$model" --qnn-calibrate="data=$data-calib.npy" \
      --quantize --canonicalize -o "$quantized"
    tf=$(run "$model" "$data-test.npy" "$out/$name.$form.float.npy")
    tq=$(run "$quantized" "$data-test.npy" "$out/$name.$form.int8.npy")
    af=$(accuracy "$out/$name.$form.float.npy" "$data-test-labels.npy")
    aq=$(accuracy "$out/$name.$form.int8.npy" "$data-test-labels.npy")
    # Float contractions left in the quantized model (0: all integer).
    left=$(grep -cE 'linalg\.(batch_)?matmul|linalg\.(depthwise_)?conv|tosa\.(matmul|conv2d|depthwise_conv2d)' "$quantized" || true)
    printf '%-11s %-7s %9s %9s %10s %10s %7.2fx %13s\n' "$name" "$form" "$af" "$aq" "$tf" "$tq" \
      "$(python3 -c "print($tf / $tq)")" "$left"
  done
done

cat <<EOF2

Accuracy: top-1 on the held-out test split (digits: 540 images, cancer: 171
patients); time: the whole test set in one call, fastest of $REPEAT runs.
One of the commands above, to try by hand:
  $bin/qnn-opt $examples/digits-cnn.tosa.mlir \\
      --qnn-calibrate="data=$examples/data/digits-calib.npy" --quantize --canonicalize
Outputs (quantized models, logits): $out/
EOF2
