#!/usr/bin/env bash
# Builds and runs bench/qnn-bench: qnn's int8 matmul and conv beside upstream
# MLIR's lowering, oneDNN and XNNPACK, on one pinned core, every peer
# single-threaded, then larger models end to end. Not part of CI. Extra
# arguments go to qnn-bench (--quick, --rounds N, --min-seconds S).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}

scripts/setup.sh
bench_packages=(libdnnl-dev libxnnpack-dev libpthreadpool-dev)
missing=()
for p in "${bench_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

make configure BUILD="$BUILD" >/dev/null
cmake "$BUILD" -DQNN_BUILD_BENCH=ON >/dev/null
ninja -C "$BUILD" -j2 qnn-bench

# One core (the last one), peers single-threaded.
core=$(($(nproc) - 1))
echo "== OMP_NUM_THREADS=1 taskset -c $core $BUILD/bin/qnn-bench $*"
OMP_NUM_THREADS=1 taskset -c "$core" "$BUILD/bin/qnn-bench" "$@"

# End to end, as a user gets it: larger models (bench/gen_models.py: a
# BERT-base feed-forward block, a MobileNetV2 block) calibrated and quantized
# by qnn-opt, then float and int8 timed by qnn-run (input quantization and
# output dequantization included), fastest of REPEAT runs in each of
# PROCESSES processes, the median of those: on a shared host one process
# can run a model 20% slower than the next, for its whole life.
REPEAT=${REPEAT:-20}
PROCESSES=${PROCESSES:-3}
models="$BUILD/bench-models"
python3 bench/gen_models.py "$models"
ninja -C "$BUILD" -j2 qnn-opt qnn-run >/dev/null
time_ms() { # model input -> ms
  for _ in $(seq "$PROCESSES"); do
    taskset -c "$core" "$BUILD/bin/qnn-run" "$1" --entry forward --input "$2" \
      --output "$models/out.npy" --repeat "$REPEAT" | sed -n 's/^time: \([0-9.]*\) ms$/\1/p'
  done | sort -g | sed -n "$(((PROCESSES + 1) / 2))p"
}
echo
echo "== end to end: qnn-opt --qnn-calibrate --quantize, then qnn-run (median over $PROCESSES processes of the fastest of $REPEAT)"
printf '  %-16s %6s %10s %10s %8s\n' model batch "float ms" "int8 ms" speedup
for name in bert-ffn mobilenet-block; do
  "$BUILD/bin/qnn-opt" "$models/$name.mlir" --qnn-calibrate="data=$models/$name-calib.npy" \
    --quantize="data=$models/$name-calib.npy" --canonicalize -o "$models/$name.int8.mlir" \
    2>"$models/$name.log" || { cat "$models/$name.log"; exit 1; }
  for input in "$models/$name"-[0-9]*.npy; do
    batch=${input##*-}
    batch=${batch%.npy}
    tf=$(time_ms "$models/$name.mlir" "$input")
    tq=$(time_ms "$models/$name.int8.mlir" "$input")
    printf '  %-16s %6s %10s %10s %7.2fx\n' "$name" "$batch" "$tf" "$tq" "$(python3 -c "print($tf / $tq)")"
  done
done
