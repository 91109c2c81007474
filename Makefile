# The two commands that matter: `make run` and `make test`. Both bootstrap the machine first.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: bootstrap configure build run test bench clean format

bootstrap:
	@scripts/bootstrap

configure:
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) > /dev/null

build: bootstrap configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@scripts/demo

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target mutua_bench
	@scripts/bench

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'bench/*.cpp')

clean:
	@rm -rf $(BUILD_DIR)
