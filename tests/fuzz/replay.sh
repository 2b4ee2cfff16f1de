#!/bin/sh
# The fuzzers' inputs replayed in `make check`, as TAP: for each fuzzer,
# every input in tests/fuzz/regressions/NAME/ (each once crashed it) and
# the seeds of tests/fuzz/corpus/NAME/, through its harness linked with
# the sanitizer build (build/san/fuzz/replay-NAME, tests/fuzz/replay.c).
# The fuzzing itself, on a clang build, is tests/fuzz/check.sh's (`make
# check-fuzz`, CI), which replays the same inputs first.
cd "$(dirname "$0")/../.." || exit 1
# Every harness tests/fuzz/fuzz-NAME.c.
names=$(cd tests/fuzz && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')
: "${LVZHI_RULES:=$PWD/rules/guizhou-2020.md}"
export LVZHI_RULES
ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS
log=$(mktemp "${TMPDIR:-/tmp}/lvzhi-replay-XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
i=0
failed=0
for n in $names; do
	i=$((i + 1))
	# (the inputs' names have no blanks: hashes and words with dashes)
	# shellcheck disable=SC2046
	set -- $(find tests/fuzz/regressions/$n tests/fuzz/corpus/$n \
	    -type f 2>/dev/null | sort)
	if build/san/fuzz/replay-$n "$@" >"$log" 2>&1; then
		echo "ok $i - fuzz-$n's harness replays $# regression and seed inputs"
	else
		echo "not ok $i - fuzz-$n's harness replays $# regression and seed inputs"
		sed 's/^/#   /' "$log" | tail -60
		failed=1
	fi
done
echo "1..$i"
exit $failed
