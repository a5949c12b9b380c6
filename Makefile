# qnn's two entry points (see README.md):
#   make demo   install packages, build, run the main job on the example model
#   make test   install packages, build, run every test (lit, unit, plugin,
#               downstream package)
#   make bench  the side-by-side benchmark (bench/, docs/Performance.md)
# Both are idempotent; a second run only rebuilds what changed.

BUILD ?= build
JOBS ?= 2
LLVM ?= /usr/lib/llvm-22

CMAKE_FLAGS = -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMLIR_DIR=$(LLVM)/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=$(LLVM)/bin/lit \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DLLVM_USE_LINKER=lld

.PHONY: all setup configure build test demo bench docs format check-format clean

all: build

setup:
	@scripts/setup.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: setup configure
	ninja -C $(BUILD) -j$(JOBS)

test: build
	ninja -C $(BUILD) -j$(JOBS) check-qnn

demo: build
	@BUILD=$(BUILD) scripts/demo.sh

bench:
	@BUILD=$(BUILD) scripts/bench.sh

docs: configure
	ninja -C $(BUILD) qnn-doc
	@echo "generated reference: $(BUILD)/docs/QNN/"

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format-22 -i

check-format: setup
	git ls-files '*.cpp' '*.h' | xargs clang-format-22 --dry-run -Werror

clean:
	rm -rf $(BUILD)
