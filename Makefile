# pgcertify: `make demo` and `make test` do every set-up step on a fresh Debian 12 machine.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test test-sanitize fuzz demo package test-package bench clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	@$(MAKE) --no-print-directory deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/CMakeCache.txt

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j 2

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer (CI runs this too).
test-sanitize: deps
	cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DPGCERTIFY_SANITIZE=ON -DPGCERTIFY_INTEGRATION_TESTS=OFF
	cmake --build build-sanitize -j $(JOBS) --target unit_tests
	cd build-sanitize && ctest --output-on-failure -L unit

# libFuzzer targets (fuzz/) under ASan and UBSan, FUZZ_SECONDS each on the committed seed corpus.
FUZZ_SECONDS ?= 60
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPGCERTIFY_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS) --target fuzz_targets
	scripts/run-fuzz.sh build-fuzz $(FUZZ_SECONDS)

# Builds only the binary: the test binaries are built by `make test`.
demo: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target pgcertify
	$(BUILD_DIR)/pgcertify run examples/heroes/plan.yaml

# The Debian package, from the same build (CPack strips the binary): build/pgcertify_<version>_amd64.deb.
package: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target pgcertify package_files
	cd $(BUILD_DIR) && cpack -G DEB

# Installs the package, runs the quickstart plan from /usr/share/pgcertify, removes it (root).
test-package: package
	scripts/test-package.sh $(BUILD_DIR)

bench: build
	bench/cluster_vs_initdb.sh

clean:
	rm -rf $(BUILD_DIR) build-sanitize build-fuzz
