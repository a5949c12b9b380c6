# qnn's two entry points (see README.md):
#   make demo   install packages, build, run the main job on the example model
#   make test   install packages, build, run every test (lit, unit, plugin,
#               downstream package), then the suite again under ASan + UBSan
#               with a short fuzzing run (make check / make sanitize alone)
#   make bench  the side-by-side benchmark (bench/, docs/Performance.md)
# Both are idempotent; a second run only rebuilds what changed.

BUILD ?= build
SAN_BUILD ?= build-asan
GCC_BUILD ?= build-gcc
JOBS ?= 2
LLVM ?= /usr/lib/llvm-22

CMAKE_FLAGS = -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMLIR_DIR=$(LLVM)/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=$(LLVM)/bin/lit \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DLLVM_USE_LINKER=lld

.PHONY: all setup configure build test check check-gcc sanitize demo bench docs format check-format tidy clean

all: build

setup:
	@scripts/setup.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: $(BUILD)/build.ninja

build: setup configure
	ninja -C $(BUILD) -j$(JOBS)

# The release suite, then the same suite under ASan + UBSan with a short
# fuzzing run.
test: check sanitize

check: build
	ninja -C $(BUILD) -j$(JOBS) check-qnn

# The suite built with the system's GCC and no compiler overrides, as a
# downstream user configures qnn by hand (CI runs it).
$(GCC_BUILD)/build.ninja:
	cmake -G Ninja -S . -B $(GCC_BUILD) -DMLIR_DIR=$(LLVM)/lib/cmake/mlir \
	  -DLLVM_EXTERNAL_LIT=$(LLVM)/bin/lit

check-gcc: setup $(GCC_BUILD)/build.ninja
	ninja -C $(GCC_BUILD) -j$(JOBS) check-qnn

$(SAN_BUILD)/build.ninja:
	cmake -S . -B $(SAN_BUILD) $(CMAKE_FLAGS) -DQNN_SANITIZE=ON

sanitize: setup $(SAN_BUILD)/build.ninja
	ninja -C $(SAN_BUILD) -j$(JOBS) check-qnn

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

# clang-tidy over lib/ and tools/ (.clang-tidy); any warning fails.
tidy: build
	@BUILD=$(BUILD) JOBS=$(JOBS) scripts/tidy.sh

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(GCC_BUILD)
