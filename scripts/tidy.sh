#!/usr/bin/env bash
# clang-tidy over lib/ and tools/ with the checks of .clang-tidy (upstream
# MLIR's), using the compile commands of the release build ($BUILD, default
# build/): any warning fails. The fuzzers are built only in the sanitizer
# configuration, so they are not in that database and are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
mapfile -t files < <(git ls-files 'lib/*.cpp' 'tools/*.cpp' | grep -v '^tools/fuzz/')
run-clang-tidy-22 -p "$BUILD" -j "${JOBS:-2}" -quiet \
  -exclude-header-filter='.*\.inc' -warnings-as-errors='*' "${files[@]}"
