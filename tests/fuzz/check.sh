#!/bin/sh
# The fuzzers' part of `make check`, as TAP: for each fuzzer, every input
# in tests/fuzz/regressions/NAME/ (each once crashed it) and the seeds of
# tests/fuzz/corpus/NAME/ are replayed, then the fuzzer runs for
# FUZZ_CHECK_SECONDS (default 5) from the seeds. The fuzzers run side by
# side; their output goes to a directory of this run's own (several
# checks may run at once), shown and kept when one fails, with the input
# that crashed it. Needs `make fuzz-build` (make check builds them).
cd "$(dirname "$0")/../.." || exit 1
secs=${FUZZ_CHECK_SECONDS:-5}
# Every harness tests/fuzz/fuzz-NAME.c.
names=$(cd tests/fuzz && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')
out=$(mktemp -d "${TMPDIR:-/tmp}/lvzhi-fuzz-XXXXXX") || exit 1
: "${LVZHI_RULES:=$PWD/rules/guizhou-2020.md}"
export LVZHI_RULES
# Leak checking is part of every run; one report fails the run.
ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS

for n in $names; do
	bin=build/fuzz/fuzz-$n
	(
		set --
		for d in tests/fuzz/regressions/$n tests/fuzz/corpus/$n; do
			[ -d "$d" ] && for f in "$d"/*; do
				[ -f "$f" ] && set -- "$@" "$f"
			done
		done
		echo "$#" >"$out/$n.replayed"
		rc=0
		if [ "$#" -gt 0 ]; then
			"$bin" -timeout=10 "$@" >"$out/$n.replay.log" 2>&1
			rc=$?
		fi
		echo "$rc" >"$out/$n.replay.rc"
		mkdir -p "$out/corpus-$n"
		"$bin" -max_total_time="$secs" -timeout=10 \
		    -artifact_prefix="$out/$n-" -print_final_stats=1 \
		    $(test -f tests/fuzz/$n.dict && echo -dict=tests/fuzz/$n.dict) \
		    "$out/corpus-$n" tests/fuzz/corpus/$n \
		    >"$out/$n.log" 2>&1
		echo $? >"$out/$n.rc"
	) &
done
wait

i=0
failed=0
for n in $names; do
	i=$((i + 1))
	k=$(cat "$out/$n.replayed")
	if [ "$(cat "$out/$n.replay.rc")" = 0 ]; then
		echo "ok $i - fuzz-$n replays $k regression and seed inputs"
	else
		echo "not ok $i - fuzz-$n replays $k regression and seed inputs"
		sed 's/^/#   /' "$out/$n.replay.log" | tail -60
		failed=1
	fi
	i=$((i + 1))
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/$n.log" | tail -1)
	if [ "$(cat "$out/$n.rc")" = 0 ] && [ -n "$runs" ]; then
		echo "ok $i - fuzz-$n ($runs runs in ${secs}s)"
	else
		echo "not ok $i - fuzz-$n (the input is kept in $out/)"
		sed 's/^/#   /' "$out/$n.log" | tail -60
		failed=1
	fi
done
echo "1..$i"
if [ "$failed" -eq 0 ]; then
	rm -rf "$out"
else
	echo "# kept $out"
fi
exit $failed
