# vans build: GNU make + pkg-config, no configure step.
# Variants by variable: SAN=address,undefined (sanitized build in build/san, used by
# `make test`), COV=1 (coverage build in build/cov). `make help` lists the targets.

PKGS     := libmicrohttpd sqlite3 libpq jansson yajl libsodium zlib libzip libxml-2.0 libcurl liboath \
            libqrencode cairo pangocairo
CC       ?= cc
CSTD     := -std=c17 -D_DEFAULT_SOURCE
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2 -Wvla -Wno-missing-field-initializers
OPT      ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS     := $(PKG_LIBS) -lm -lpthread

ifneq ($(SAN),)
  BUILD  := build/san
  OPT    := -O1 -g
  SANFLAGS := -fsanitize=$(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else ifneq ($(COV),)
  BUILD  := build/cov
  OPT    := -O0 -g
  SANFLAGS := --coverage
else
  BUILD  := build
  SANFLAGS :=
endif

CFLAGS   := $(CSTD) $(WARN) $(OPT) $(SANFLAGS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS)
LDFLAGS  := $(SANFLAGS)

SRC      := $(filter-out $(SRC_EXCLUDE),$(sort $(shell find src -name '*.c' ! -path 'src/cli/main.c')))
OBJ      := $(SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
DEPS     := $(OBJ:.o=.d) $(BUILD)/obj/src/cli/main.d

# Files compiled into the binary: templates, static assets, message catalogues, migrations.
EMBED    := $(sort $(shell find src/web/templates src/web/static src/web/i18n src/store/migrations \
                 -type f 2>/dev/null) $(wildcard src/web/api/*.json))
# Third-party files compiled in under a name of ours (FILE=NAME), never copied into src/: the
# ALTCHA captcha widget from npm (external build: no inline styles, workers loaded by URL) and
# the common-password list of Debian's john-data package.
VENDOR_EMBED := node_modules/altcha/dist/external/altcha.min.js=static/altcha.js \
                node_modules/altcha/dist/external/altcha.css=static/altcha.css \
                node_modules/altcha/dist/workers/pbkdf2.js=static/altcha-pbkdf2.js \
                node_modules/altcha/dist/i18n/zh-tw.js=static/altcha-zh-tw.js \
                /usr/share/john/password.lst=data/common-passwords.txt
VENDOR_FILES := $(foreach e,$(VENDOR_EMBED),$(firstword $(subst =, ,$(e))))

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)

.PHONY: all run test test-unit test-fuzz-replay test-integration test-e2e lint fuzz bench \
        clean deps help
all: $(BUILD)/vans

help:
	@echo "make            build build/vans"
	@echo "make run        install dependencies, build, set up the database and serve on 127.0.0.1:8080"
	@echo "make test       install dependencies, build with sanitizers, run every test suite"
	@echo "make lint       banned functions, warnings as errors, cppcheck"
	@echo "make fuzz       run each libFuzzer target for FUZZ_SECONDS (default 60)"
	@echo "make bench      run the benchmarks in bench/ and print their tables"
	@echo "make clean      remove build/"

deps:
	@scripts/install-deps

$(BUILD)/vans: $(BUILD)/obj/src/cli/main.o $(BUILD)/libvans.a
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libvans.a: $(OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -c -o $@ $<

# The browser widgets come from npm: a fresh checkout gets them with `npm ci` (quick when
# already installed, and what scripts/install-deps runs too).
$(VENDOR_FILES): node_modules/.package-lock.json ;
node_modules/.package-lock.json: package-lock.json
	@echo "  NPM     ci (front-end packages compiled into the binary)"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BUILD)/gen/embedded.c: $(EMBED) $(VENDOR_FILES) build/tools/embed
	@mkdir -p $(dir $@)
	@echo "  EMBED   $(words $(EMBED) $(VENDOR_EMBED)) files"
	@build/tools/embed $@ $(EMBED) $(VENDOR_EMBED)

# The embed tool runs at build time only; it is never sanitized.
build/tools/embed: scripts/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libvans.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libvans.a $(LDFLAGS) -lcmocka $(LIBS)

# Corpus replay: each fuzz target linked with a plain driver that feeds it every corpus file.
$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libvans.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	@$(CC) $(CFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libvans.a $(LDFLAGS) $(LIBS)

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-dev

test: deps
	@$(MAKE) --no-print-directory SAN=address,undefined $(if $(CI),-j2,-j$(shell nproc)) \
		build/san/vans $(UNIT_BIN:build/%=build/san/%) $(FUZZ_REPLAY:build/%=build/san/%)
	@tests/run-all build/san

lint:
	@scripts/lint

# libFuzzer builds are separate from the sanitized test build (clang only).
FUZZ_SECONDS ?= 60
fuzz: $(BUILD)/gen/embedded.c
	@PKGS="$(PKGS)" scripts/fuzz $(FUZZ_SECONDS)

bench: deps
	@$(MAKE) --no-print-directory all
	@bench/run

clean:
	rm -rf build

-include $(DEPS)
