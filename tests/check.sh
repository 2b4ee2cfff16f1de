#!/bin/sh
# Runs every test program given (TAP on stdout), shows their output, and
# ends with the one summary line CI reads: "N passed, N failed".
# A program that exits non-zero without reporting a failure counts as one.
# Only top-level TAP lines count: node's reporter (tests/web/run.sh) indents
# subtests, and a failing hook or test file is reported at the top level.
passed=0
failed=0
out=$(mktemp)
for t in "$@"; do
	echo "# $t"
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$out" 2>&1
	rc=$?
	cat "$out"
	ok=$(grep -c '^ok ' "$out")
	bad=$(grep -c '^not ok ' "$out")
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		echo "# $t exited $rc without reporting a failure"
		failed=$((failed + 1))
	fi
done
rm -f "$out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
