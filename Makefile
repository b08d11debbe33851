# Set-up, build, run and test amtstermin on Debian 12. `make run` and `make test` do everything,
# including installing missing packages (scripts/bootstrap); see README.md.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-print-directory
# Steps share the build trees and the package manager: never run two of them at once.
.NOTPARALLEL:

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
RELEASE_DIR := $(ROOT)/build/release
ASAN_DIR := $(ROOT)/build/asan
BINARY := $(RELEASE_DIR)/amtstermin

# One release build serves `make run`, `make test` and `make bench`, so it is always configured the
# same way (warnings are errors: the compiler is fixed, GCC 12, and the code stays warning-free).
# Override for a local experiment: `make run WERROR=OFF`.
WERROR ?= ON
JOBS ?= $(shell nproc)
# The release tests are mostly browser tests waiting for pages and timers: twice as many at once as
# there are cores keeps the cores busy. The sanitizer tests are CPU-bound and run JOBS at once.
RELEASE_TEST_JOBS ?= $(shell echo $$(( $(JOBS) * 2 )))
CMAKE_COMMON := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAMT_WERROR=$(WERROR)
CMAKE_RELEASE := $(CMAKE_COMMON) -DAMT_BENCH=ON
CMAKE_ASAN := $(CMAKE_COMMON) -DAMT_SANITIZE=ON -DAMT_BENCH=OFF

# Sanitizer findings fail the test that hit them, with a stack trace; leaks count as findings.
export ASAN_OPTIONS ?= halt_on_error=1:detect_leaks=1:print_stacktrace=1
export UBSAN_OPTIONS ?= halt_on_error=1:print_stacktrace=1
# Redocly CLI: no telemetry, no update check, no colour codes in test logs.
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true

.PHONY: all run build test test-release test-asan bench bootstrap configure-release configure-asan \
        lint-openapi clean distclean help

all: build

help:
	@echo 'make run         install what is missing, build, migrate, seed demo data, serve on :8080'
	@echo 'make test        the whole suite: release build (unit, integration, lint), then ASan/UBSan'
	@echo 'make build       build everything in build/release'
	@echo 'make test-release | make test-asan   one half of make test'
	@echo 'make bench       build and run the benchmarks (bench/run)'
	@echo 'make clean       remove build/release and build/asan; make distclean also build/, node_modules/, var/'

bootstrap:
	@$(ROOT)/scripts/bootstrap

# Configure only when there is no build tree yet or the options changed; afterwards Ninja re-runs
# CMake by itself whenever a CMakeLists.txt changes.
configure-release: bootstrap
	@$(ROOT)/scripts/configure $(RELEASE_DIR) $(CMAKE_RELEASE)

configure-asan: bootstrap
	@$(ROOT)/scripts/configure $(ASAN_DIR) $(CMAKE_ASAN)

build: configure-release
	ninja -C $(RELEASE_DIR) -j$(JOBS)

# The database defaults to sqlite:var/amtstermin.db, relative to the repository root.
run: configure-release
	ninja -C $(RELEASE_DIR) -j$(JOBS) amtstermin
	mkdir -p $(ROOT)/var
	cd $(ROOT) && $(BINARY) migrate
	cd $(ROOT) && $(BINARY) seed-demo --if-empty
	@echo 'amtstermin: serving on http://localhost:8080 (Ctrl-C stops it)'
	cd $(ROOT) && exec $(BINARY) --config config/demo.toml serve

test: test-release test-asan

# The integration tests run once, in the sanitizer build below, where memory and undefined-behaviour
# faults fail them too; running them against the release binary as well doubled their share of CI's
# time. The release binary is what the browser tests drive.
test-release: configure-release
	ninja -C $(RELEASE_DIR) -j$(JOBS)
	ctest --test-dir $(RELEASE_DIR) --output-on-failure --no-tests=error -j$(RELEASE_TEST_JOBS) -LE integration

# The sanitizer build runs the tests that exercise our code: unit and integration.
test-asan: configure-asan
	ninja -C $(ASAN_DIR) -j$(JOBS)
	ctest --test-dir $(ASAN_DIR) --output-on-failure --no-tests=error -j$(JOBS) -L 'unit|integration'

lint-openapi: bootstrap
	cd $(ROOT) && node_modules/.bin/redocly lint --config redocly.yaml docs/openapi.yaml

bench: build
	cd $(ROOT) && AMT_BUILD_DIR=$(RELEASE_DIR) bench/run

clean:
	rm -rf $(RELEASE_DIR) $(ASAN_DIR)

# Also removes the local database (var/) and the npm packages: back to a fresh clone.
distclean:
	rm -rf $(ROOT)/build $(ROOT)/node_modules $(ROOT)/var
