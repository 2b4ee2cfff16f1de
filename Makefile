# lvzhi — plain GNU make with pkg-config.
#
#   make            build ./lvzhi (optimised, with debug info)
#   make check      build with AddressSanitizer + UBSan and run the tests:
#                   the everyday loop (a few minutes on 2 cores)
#   make check-all  everything CI (.ci/run) runs: make check, and what is
#                   too slow for every day: check-clang, check-fuzz,
#                   check-release, check-sqlmap (LVZHI_TEST_DB=pg: on
#                   PostgreSQL where a database is used)
#   make run        install missing Debian packages (as root), build,
#                   create the demo database and show the demo
#   make install    PREFIX=/usr/local DESTDIR= (and uninstall; mk/install.mk)

PREFIX   ?= /usr/local
DATADIR  ?= $(PREFIX)/share/lvzhi
CC       ?= cc
PKG      ?= pkg-config
PKGS      = sqlite3 libpq jansson libcrypto libsodium libmicrohttpd libmagic \
            xlsxwriter cairo pangocairo fontconfig zlib libzip expat libcurl \
            libqpdf
VERSION   = 0.1.0

WARN      = -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2
DEFS      = -D_GNU_SOURCE -DLVZHI_VERSION='"$(VERSION)"' \
            -DLVZHI_DATADIR='"$(DATADIR)"'
CFLAGS   ?= -O2 -g
ALL_CFLAGS = $(WARN) $(DEFS) -Isrc $(shell $(PKG) --cflags $(PKGS)) $(CFLAGS)
LIBS      = $(shell $(PKG) --libs $(PKGS)) -lm

SRC      := $(sort $(wildcard src/*/*.c))
MAIN      = src/main.c
# The shipped catalog: every version in rules/ (--rules DIR); the first
# is also linked into the binary as the last resort.
RULES     = rules/guizhou-2020.md
RULES_ALL := $(sort $(wildcard rules/*.md))

# Release objects in $(BUILD)/, sanitizer objects in build/san/.
BUILD    ?= build
OBJ      := $(SRC:src/%.c=$(BUILD)/%.o)
SAN_OBJ  := $(SRC:src/%.c=build/san/%.o)
SANFLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all

UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/san/tests/%)

all: lvzhi

lvzhi: $(BUILD)/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

# Both compilers must build the tree without a warning, and its test
# programs too: the unit tests, the golden runner and the fuzz harnesses'
# replay (check-fuzz builds the harnesses themselves with clang). Built,
# not run: make check runs them on the sanitizer build.
CLANG_OBJ  := $(SRC:src/%.c=build/clang/%.o)
CLANG_TEST  = $(UNIT_SRC:tests/unit/%.c=build/clang/tests/%) \
              build/clang/tests/golden
check-clang:
	$(MAKE) CC=clang BUILD=build/clang build/clang/lvzhi $(CLANG_TEST) \
	    $(FUZZ_NAMES:%=build/clang/fuzz/replay-%)

build/clang/lvzhi: build/clang/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/clang/tests/%: tests/unit/%.c $(CLANG_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell $(PKG) --cflags cmocka) -o $@ $< \
	    $(CLANG_OBJ) $(LIBS) $(shell $(PKG) --libs cmocka)

build/clang/tests/golden: tests/golden.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

build/clang/fuzz/replay-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c $(CLANG_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ tests/fuzz/fuzz-$*.c tests/fuzz/replay.c \
	    $(CLANG_OBJ) $(LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/san/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) -MMD -MP -c -o $@ $<

# The embedded catalog changes with the rules file, the served API
# description with docs/openapi.json, the served assets with web/static
# (.incbin, which the compiler's dependency files do not list).
$(BUILD)/rules/catalog-embed.o build/san/rules/catalog-embed.o: $(RULES)
$(BUILD)/api/api-openapi.o build/san/api/api-openapi.o: docs/openapi.json
$(BUILD)/web/page-static.o build/san/web/page-static.o: \
    $(wildcard web/static/*)

build/san/lvzhi: build/san/main.o $(SAN_OBJ)
	$(CC) $(SANFLAGS) -o $@ $^ $(LIBS)

build/san/tests/%: tests/unit/%.c $(SAN_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) $(shell $(PKG) --cflags cmocka) -o $@ \
	    $< $(SAN_OBJ) $(LIBS) $(shell $(PKG) --libs cmocka)

build/san/tests/golden: tests/golden.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) -o $@ $< $(LIBS)

# The HTTP tests (tests/web, node:test) need their npm packages: installed
# from the lock file when node_modules is missing or the lock changed.
WEB_DEPS  = tests/web/node_modules/.package-lock.json

$(WEB_DEPS): tests/web/package.json tests/web/package-lock.json
	npm ci --prefix tests/web --no-audit --no-fund
	@touch $@

# tests/lsan.supp names the leaks inside libraries (cairo) that the leak
# checker must not count; it says why for each.
LSAN_ENV  = LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

# make check LVZHI_TEST_DB=pg runs the same suites with the golden
# scenarios and the HTTP tests on PostgreSQL: a throwaway cluster
# (tests/pg/cluster.sh) gives each of them a database of its own.
TEST_DB_RUN = $(if $(filter pg,$(LVZHI_TEST_DB)),sh tests/pg/cluster.sh run)

# The include layers (tests/layers.sh) first: check.sh runs it unless
# LVZHI_SKIP_LAYERS=1. Then CHECK_JOBS programs at once (tests/check.sh):
# the HTTP tests, whose files run side by side (tests/web/run.sh,
# LVZHI_WEB_JOBS at once), beside the unit tests, the golden scenarios
# and the rest, one after another. What make check leaves to
# CI and to targets of their own: the clang builds (check-clang,
# check-fuzz: the fuzzers on a third compile of the tree), the release
# build and its installation (check-release, mk/install.mk), and sqlmap
# (check-sqlmap, mk/hardening.mk).
CHECK_JOBS ?= 2
check: build/san/lvzhi $(UNIT_BIN) build/san/tests/golden $(WEB_DEPS)
	@LVZHI_BIN=$(CURDIR)/build/san/lvzhi LVZHI_RULES=$(CURDIR)/rules \
	    LVZHI_CHECK_JOBS=$(CHECK_JOBS) $(LSAN_ENV) $(TEST_DB_RUN) \
	    sh tests/check.sh tests/layers.sh tests/web/run.sh $(UNIT_BIN) \
	    build/san/tests/golden tests/closure/closure.sh

check-layers:
	@sh tests/layers.sh

# What CI runs, one part after another (.ci/run runs them so, and on
# PostgreSQL too).
check-all:
	$(MAKE) check-clang
	$(MAKE) check
	$(MAKE) check-fuzz
	$(MAKE) check-release
	$(MAKE) check-sqlmap

# Regenerates tests/golden/*/expected.json from the current binary; review
# the diff before committing it.
golden-update: build/san/lvzhi build/san/tests/golden
	LVZHI_BIN=$(CURDIR)/build/san/lvzhi LVZHI_RULES=$(CURDIR)/rules \
	    GOLDEN_UPDATE=1 \
	    build/san/tests/golden tests/golden

deps:
	sh scripts/deps.sh

run: deps
	$(MAKE) lvzhi
	sh scripts/run-demo.sh

clean:
	rm -rf build lvzhi

.PHONY: all check check-clang check-layers check-all golden-update deps run \
    install clean

# Further targets (fuzzing, benchmarks, install) live in mk/*.mk.
include $(wildcard mk/*.mk)

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(BUILD)/main.d build/san/main.d
