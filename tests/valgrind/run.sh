#!/bin/sh
# make valgrind: every unit test, then the golden scenarios with every
# lvzhi they run, under valgrind's memcheck with a full leak check, on the
# build without sanitizers (build/valgrind/). Prints the tests' own TAP
# and one line per program saying whether valgrind reported anything;
# reports are shown, and kept in a directory of this run's own.
cd "$(dirname "$0")/../.." || exit 1
logs=$(mktemp -d "${TMPDIR:-/tmp}/lvzhi-valgrind-XXXXXX") || exit 1
VALGRIND_OPTS="--error-exitcode=1 --leak-check=full --track-fds=no -q"
VALGRIND_SUPP=$PWD/tests/valgrind/lvzhi.supp
export VALGRIND_OPTS VALGRIND_SUPP
: "${LVZHI_RULES:=$PWD/rules/guizhou-2020.md}"
export LVZHI_RULES

n=0
failed=0
# One TAP line for the reports in the logs named $1*: none, or not ok.
clean() {
	n=$((n + 1))
	bad=$(find "$logs" -name "$1*" -size +0 | sort)
	if [ -z "$bad" ] && [ "$2" -eq 0 ]; then
		echo "ok $n - valgrind: $3"
		return
	fi
	echo "not ok $n - valgrind: $3 (exit $2)"
	for f in $bad; do
		sed 's/^/#   /' "$f" | head -80
	done
	failed=1
}

for t in build/valgrind/tests/test-*; do
	name=$(basename "$t")
	CMOCKA_MESSAGE_OUTPUT=TAP valgrind --suppressions="$VALGRIND_SUPP" \
	    --log-file="$logs/$name.%p" "$t"
	clean "$name." $? "$name"
done

# The golden runner checks lvzhi's answers; the wrapper runs each lvzhi
# under valgrind, so any report fails the scenario (exit 1) and is kept.
LVZHI_BIN=$PWD/tests/valgrind/lvzhi-vg VALGRIND_LOGS=$logs \
    build/valgrind/tests/golden tests/golden
clean lvzhi. 0 "every lvzhi run of the golden scenarios"
echo "1..$n"
if [ "$failed" -eq 0 ]; then
	rm -rf "$logs"
else
	echo "# kept $logs"
fi
exit $failed
