#!/usr/bin/env bash
# Builds and runs bench/qnn-bench: qnn's int8 matmul and conv beside upstream
# MLIR's lowering, oneDNN and XNNPACK, on one pinned core, every peer
# single-threaded. Not part of CI. Extra arguments go to qnn-bench
# (--quick, --rounds N, --min-seconds S).
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
