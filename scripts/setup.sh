#!/usr/bin/env bash
# Installs every Debian package qnn needs to build and test. Idempotent: a second run installs nothing.
set -euo pipefail

packages=(
  # Toolchain and MLIR/LLVM 22 (libmlir-22-dev needs the tools for find_package(MLIR)).
  cmake ninja-build g++ clang-22 lld-22
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools
  # Sanitizers and libFuzzer (not pulled in by clang-22).
  libclang-rt-22-dev
  # Style tools.
  clang-format-22 clang-tidy-22
  # C++ unit tests.
  libgtest-dev
  # Tests that check qnn against numpy (Debian's /usr/bin/python3).
  python3-numpy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
