#!/bin/sh
# make valgrind: every unit test, then the golden scenarios with every
# lvzhi they run, under valgrind's memcheck with a full leak check, on the
# build without sanitizers (build/valgrind/). Prints the tests' own TAP
# and one line per program saying whether valgrind reported anything;
# reports are shown, and kept in a directory of this run's own (lib.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/valgrind/lib.sh

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
finish
