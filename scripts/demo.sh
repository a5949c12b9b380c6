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

# Weight + bias bytes (f32 -> stored) and the results' SQNR from the report.
report() { python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))["totals"]
s = t["output_sqnr_db"]
print(t["bytes_float"], t["bytes_stored"], s if isinstance(s, str) else "%.1f" % s)' "$1"; }

printf '%-11s %-7s %8s %8s %9s %9s %8s %9s %9s %8s %6s\n' model form "float" "int8" "f32 B" "int8 B" "SQNR dB" "float ms" "int8 ms" speedup "f32 mm"
for name in digits-mlp digits-cnn cancer-mlp; do
  data=$examples/data/${name%%-*}
  # The CNN also in torch-mlir's NCHW form (examples/sklearn/torch_form.py).
  forms="linalg tosa"
  [ "$name" = digits-cnn ] && forms="linalg tosa torch"
  for form in $forms; do
    model=$examples/$name.$form.mlir
    quantized=$out/$name.$form.int8.mlir
    "$bin/qnn-opt" "$model" --qnn-calibrate="data=$data-calib.npy" \
      --quantize="data=$data-calib.npy" --canonicalize \
      --qnn-report="file=$out/$name.$form.report.json" -o "$quantized" \
      2>"$out/$name.$form.log" || { cat "$out/$name.$form.log"; exit 1; }
    read -r bf bq sqnr < <(report "$out/$name.$form.report.json")
    tf=$(run "$model" "$data-test.npy" "$out/$name.$form.float.npy")
    tq=$(run "$quantized" "$data-test.npy" "$out/$name.$form.int8.npy")
    af=$(accuracy "$out/$name.$form.float.npy" "$data-test-labels.npy")
    aq=$(accuracy "$out/$name.$form.int8.npy" "$data-test-labels.npy")
    # Float contractions left in the quantized model (0: all integer).
    left=$(grep -cE 'linalg\.(batch_)?matmul|linalg\.(depthwise_)?conv|tosa\.(matmul|conv2d|depthwise_conv2d)' "$quantized" || true)
    printf '%-11s %-7s %8s %8s %9s %9s %8s %9s %9s %7.2fx %6s\n' "$name" "$form" "$af" "$aq" \
      "$bf" "$bq" "$sqnr" "$tf" "$tq" "$(python3 -c "print($tf / $tq)")" "$left"
  done
done

# Pruned, then quantized: the bare defaults (50% of all weights, one global
# magnitude ranking), 25% of each layer's channels, and importance pruning
# (|w| times the input's RMS on the calibration samples) with 4-bit k-means
# weights. Density: the non-zero weights left (--qnn-report) over the
# unpruned model's weights (removed channels count as gone).
density() { python3 -c 'import json, sys
pruned = json.load(open(sys.argv[1]))["layers"]
full = json.load(open(sys.argv[2]))["layers"]
kept = sum(l.get("density", 1.0) * l["weight_count"] for l in pruned)
print("%.2f" % (kept / sum(l["weight_count"] for l in full)))' "$1" "$2"; }
echo
printf '%-11s %-7s %-34s %8s %12s %8s %8s %10s %8s\n' model form "--prune=" "float" "pruned int8" density "int8 ms" "pruned ms" speedup
for name in digits-mlp digits-cnn cancer-mlp; do
  data=$examples/data/${name%%-*}
  for form in linalg tosa; do
    model=$examples/$name.$form.mlir
    af=$(accuracy "$out/$name.$form.float.npy" "$data-test-labels.npy")
    tq=$(run "$out/$name.$form.int8.mlir" "$data-test.npy" "$out/$name.$form.int8.npy")
    for prune in "" "pattern=channel sparsity=0.25" "criterion=activation data=$data-calib.npy"; do
      quantize=""
      shown=${prune:-(defaults)}
      case $prune in criterion=*) quantize="weight-scheme=kmeans weight-bits=4"; shown="criterion=activation +kmeans 4b" ;; esac
      pruned=$out/$name.$form.pruned.mlir
      "$bin/qnn-opt" "$model" --prune="$prune" --qnn-calibrate="data=$data-calib.npy" \
        --quantize="$quantize" --canonicalize --qnn-report="file=$out/$name.$form.pruned.json" \
        -o "$pruned" 2>"$out/$name.$form.pruned.log" || { cat "$out/$name.$form.pruned.log"; exit 1; }
      tp=$(run "$pruned" "$data-test.npy" "$out/$name.$form.pruned.npy")
      ap=$(accuracy "$out/$name.$form.pruned.npy" "$data-test-labels.npy")
      printf '%-11s %-7s %-34s %8s %12s %8s %8s %10s %7.2fx\n' "$name" "$form" "$shown" "$af" "$ap" \
        "$(density "$out/$name.$form.pruned.json" "$out/$name.$form.report.json")" \
        "$tq" "$tp" "$(python3 -c "print($tq / $tp)")"
    done
  done
done

cat <<EOF2

Accuracy: top-1 on the held-out test split (digits: 540 images, cancer: 171
patients); bytes: weights and biases as float32 and as stored (int8 weights,
int32 biases); SQNR: of the logits, int8 against float, on the calibration
samples (--quantize data=, --qnn-report); f32 mm: float matmuls and
convolutions left (0: all integer); time: the whole test set in one call,
fastest of $REPEAT runs. Pruned rows: pruned channels are removed from the
shapes; other pruned weights run on the sparse int8 kernel where their tiles
are mostly empty, else dense (docs/Prune.md).
One of the commands above, to try by hand:
  $bin/qnn-opt $examples/digits-cnn.tosa.mlir \\
      --qnn-calibrate="data=$examples/data/digits-calib.npy" \\
      --quantize="data=$examples/data/digits-calib.npy" --canonicalize --qnn-report="table=-"
Outputs (quantized models, logits): $out/
EOF2
