# Fuzzing with libFuzzer (clang; Debian: clang and libclang-rt-14-dev).
#
#   make fuzz                  each fuzzer for FUZZ_SECONDS (default 60),
#                              in parallel with -j; new inputs are kept in
#                              build/fuzz/corpus/NAME, crashes written to
#                              build/fuzz/crashes/NAME/
#   make fuzz-catalog          one of them (also fuzz-import, -http, -html)
#
# Harnesses are tests/fuzz/fuzz-*.c, seeds tests/fuzz/corpus/NAME/, and
# every input that once crashed tests/fuzz/regressions/NAME/.
#
#   make check-fuzz            tests/fuzz/check.sh: the regressions and
#                              seeds replayed, then a short pass of each
#                              fuzzer (FUZZ_CHECK_SECONDS, default 5), as
#                              TAP (CI runs it)
#
# The library is built a third time with clang, instrumented for coverage
# (fuzzer-no-link) and with ASan + UBSan, into build/fuzz/: a full compile
# the everyday `make check` does without. It replays the regressions and
# seeds through the same harnesses linked with the sanitizer build
# (tests/fuzz/replay.c, build/san/fuzz/replay-NAME; tests/fuzz/replay.sh).

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_FLAGS    = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
                -fno-sanitize-recover=all
FUZZ_OBJ     := $(SRC:src/%.c=build/fuzz/%.o)
FUZZ_BIN      = $(FUZZ_NAMES:%=build/fuzz/fuzz-%)

build/fuzz/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link \
	    -MMD -MP -c -o $@ $<

build/fuzz/rules/catalog-embed.o: $(RULES)
build/fuzz/api/api-openapi.o: docs/openapi.json

build/fuzz/liblvzhi.a: $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $^

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c build/fuzz/liblvzhi.a
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
	    build/fuzz/liblvzhi.a $(LIBS)

fuzz-build: $(FUZZ_BIN)

# One fuzzer for FUZZ_SECONDS over its seeds and what earlier runs found.
$(FUZZ_NAMES:%=fuzz-%): fuzz-%: build/fuzz/fuzz-%
	@mkdir -p build/fuzz/corpus/$* build/fuzz/crashes/$*
	LVZHI_RULES=$(CURDIR)/$(RULES) build/fuzz/fuzz-$* \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/$*/ \
	    $$(test -f tests/fuzz/$*.dict && echo -dict=tests/fuzz/$*.dict) \
	    build/fuzz/corpus/$* tests/fuzz/corpus/$* \
	    $$(test -d tests/fuzz/regressions/$* && \
	    echo tests/fuzz/regressions/$*)

fuzz: $(FUZZ_NAMES:%=fuzz-%)

check-fuzz: $(FUZZ_BIN)
	@LVZHI_RULES=$(CURDIR)/rules $(LSAN_ENV) sh tests/check.sh \
	    tests/fuzz/check.sh

# make check: each harness with a plain main() instead of libFuzzer's, on
# the sanitizer build's objects; tests/fuzz/replay.sh runs with the unit
# tests (the check recipe expands UNIT_BIN when it runs).
REPLAY_BIN = $(FUZZ_NAMES:%=build/san/fuzz/replay-%)

build/san/fuzz/replay-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c $(SAN_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) -o $@ tests/fuzz/fuzz-$*.c \
	    tests/fuzz/replay.c $(SAN_OBJ) $(LIBS)

check: $(REPLAY_BIN)
UNIT_BIN += tests/fuzz/replay.sh

.PHONY: fuzz fuzz-build check-fuzz $(FUZZ_NAMES:%=fuzz-%)

-include $(FUZZ_OBJ:.o=.d)
