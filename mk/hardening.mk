# Hardening checks beyond the sanitizers.
#
#   make check-sqlmap
#                   sqlmap against the API (the test of that name in
#                   tests/web/attacks.test.mjs), a short pass: boolean,
#                   error and UNION queries at level 1 (CI runs it, on
#                   PostgreSQL too with LVZHI_TEST_DB=pg; make check
#                   skips it)
#   make sqlmap     the web-attack tests (tests/web/attacks.test.mjs)
#                   with sqlmap's full pass (level 2, risk 2, stacked
#                   and time-based queries too; some minutes)
#   make valgrind   the unit tests and every lvzhi run of the golden
#                   scenarios under valgrind (memcheck, full leak check),
#                   on a build without sanitizers (build/valgrind/, -O1 -g);
#                   ends "N passed, N failed" like make check, and fails on
#                   any valgrind report
#   make valgrind-web
#                   the HTTP suites (tests/web) with every lvzhi they
#                   start, servers and commands, under the same memcheck
#                   (tests/valgrind/web.sh); one line per test file with
#                   its time; VG_WEB="tests/web/a.test.mjs ..." picks
#                   files. Slow (see docs/security.md): not in make check
#
# make check also runs the crash test (tests/crash): SIGKILL during writes.

VG_OBJ      := $(SRC:src/%.c=build/valgrind/%.o)
VG_UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/valgrind/tests/%)
VG_FLAGS     = -O1 -g -fno-omit-frame-pointer

build/valgrind/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(VG_FLAGS) -MMD -MP -c -o $@ $<

build/valgrind/rules/catalog-embed.o: $(RULES)
build/valgrind/api/api-openapi.o: docs/openapi.json

build/valgrind/lvzhi: build/valgrind/main.o $(VG_OBJ)
	$(CC) $(VG_FLAGS) -o $@ $^ $(LIBS)

# Without the sanitizers GCC's range analysis sees other values: its
# format-truncation guesses about test code stay warnings here.
build/valgrind/tests/%: tests/unit/%.c $(VG_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(VG_FLAGS) -Wno-error=format-truncation \
	    $(shell $(PKG) --cflags cmocka) -o $@ \
	    $< $(VG_OBJ) $(LIBS) $(shell $(PKG) --libs cmocka)

build/valgrind/tests/golden: tests/golden.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(VG_FLAGS) -o $@ $< $(LIBS)

valgrind: build/valgrind/lvzhi $(VG_UNIT_BIN) build/valgrind/tests/golden
	@LVZHI_RULES=$(CURDIR)/$(RULES) sh tests/check.sh \
	    tests/valgrind/run.sh

# make check: the crash test runs with the unit tests (see mk/fuzz.mk).
UNIT_BIN += tests/crash/run.sh

valgrind-web: build/valgrind/lvzhi $(WEB_DEPS)
	@LVZHI_RULES=$(CURDIR)/$(RULES) VG_WEB="$(VG_WEB)" $(TEST_DB_RUN) \
	    sh tests/check.sh tests/valgrind/web.sh

.PHONY: valgrind valgrind-web

sqlmap: build/san/lvzhi $(WEB_DEPS)
	@LVZHI_BIN=$(CURDIR)/build/san/lvzhi LVZHI_RULES=$(CURDIR)/$(RULES) \
	    LVZHI_SQLMAP=full $(LSAN_ENV) ASAN_OPTIONS=detect_leaks=1 \
	    node --test --test-reporter=tap tests/web/attacks.test.mjs

check-sqlmap: build/san/lvzhi $(WEB_DEPS)
	@LVZHI_BIN=$(CURDIR)/build/san/lvzhi LVZHI_RULES=$(CURDIR)/rules \
	    LVZHI_SQLMAP=short LVZHI_WEB_FILES=tests/web/attacks.test.mjs \
	    LVZHI_WEB_PATTERN=sqlmap $(LSAN_ENV) \
	    $(TEST_DB_RUN) sh tests/check.sh tests/web/run.sh

.PHONY: sqlmap check-sqlmap

-include $(VG_OBJ:.o=.d) build/valgrind/main.d

