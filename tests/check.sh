#!/bin/sh
# Runs every test program given (TAP on stdout), shows their output, and
# ends with the one summary line CI reads: "N passed, N failed".
# A program that exits non-zero without reporting a failure counts as one;
# one that prints no TAP at all (tests/layers.sh) counts as one test,
# passed when it exits 0. Only top-level TAP lines count: node's reporter
# (tests/web/run.sh) indents subtests, and a failing hook or test file is
# reported at the top level. Each program's time is shown after it.
#
# LVZHI_CHECK_JOBS programs run at once (default 1; make check: 2, so
# that the unit tests, each on one core, keep the second one busy): each
# program's output is kept and shown whole, in the order given. Programs
# that run side by side share nothing: each makes its files, databases
# and ports its own.
#
# tests/layers.sh, the include layers (make check runs it first), is
# skipped with LVZHI_SKIP_LAYERS=1, for a branch whose layers are known
# to be crossed still (work in progress merged later).
jobs=${LVZHI_CHECK_JOBS:-1}
dir=$(mktemp -d "${TMPDIR:-/tmp}/lvzhi-check-XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
trap 'exit 1' INT TERM

# Program number $1 ($2): its output, exit status and seconds into $dir.
run() {
	start=$(date +%s)
	case $2 in
	*tests/layers.sh)
		if [ "${LVZHI_SKIP_LAYERS:-}" = 1 ]; then
			echo "ok - $2 # SKIP LVZHI_SKIP_LAYERS=1" >"$dir/$1.out"
			echo 0 >"$dir/$1.rc"
			echo 0 >"$dir/$1.s"
			return
		fi
		;;
	esac
	CMOCKA_MESSAGE_OUTPUT=TAP "$2" >"$dir/$1.out" 2>&1
	rc=$?
	echo $(($(date +%s) - start)) >"$dir/$1.s"
	echo "$rc" >"$dir/$1.rc.new"
	mv "$dir/$1.rc.new" "$dir/$1.rc"
}

passed=0
failed=0
# Program number $1 ($2), finished: shown and counted.
show() {
	out=$dir/$1.out
	rc=$(cat "$dir/$1.rc")
	echo "# $2"
	cat "$out"
	ok=$(grep -c '^ok ' "$out")
	bad=$(grep -c '^not ok ' "$out")
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$ok" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$rc" -eq 0 ] &&
	    ! grep -q '^1\.\.' "$out"; then
		echo "ok - $2"
		passed=$((passed + 1))
	elif [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		echo "not ok - $2 exited $rc without reporting a failure"
		failed=$((failed + 1))
	fi
	echo "# $2: $(cat "$dir/$1.s") s"
}

n=0
for t in "$@"; do
	n=$((n + 1))
	printf '%s\n' "$t" >"$dir/$n.name"
done
next=1  # the next to start
shown=1 # the next to show
while [ "$shown" -le "$n" ]; do
	running=$((next - 1 - $(find "$dir" -name '*.rc' | wc -l)))
	while [ "$next" -le "$n" ] && [ "$running" -lt "$jobs" ]; do
		run "$next" "$(cat "$dir/$next.name")" &
		next=$((next + 1))
		running=$((running + 1))
	done
	if [ -f "$dir/$shown.rc" ]; then
		show "$shown" "$(cat "$dir/$shown.name")"
		shown=$((shown + 1))
	else
		sleep 0.2
	fi
done
wait
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
