#!/bin/sh
# make valgrind-web: the HTTP suites (tests/web/*.test.mjs, or the files in
# VG_WEB) with every lvzhi they start, the servers and the commands they
# run, under valgrind's memcheck with a full leak check (the wrapper
# lvzhi-vg on build/valgrind/lvzhi). Prints each file's TAP, then one line
# per file saying whether valgrind reported anything and how long the
# file took; reports are shown and kept as in run.sh (lib.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/valgrind/lib.sh
# Valgrind runs the server one thread at a time; --fair-sched hands the
# lock round in turn, so the watchdog and the request threads each get
# their share (the default lets one thread hold on to it).
VALGRIND_OPTS="$VALGRIND_OPTS --fair-sched=yes"
# The harness stretches its waits (startup, stop, timeouts) by this.
: "${LVZHI_TEST_SLOWDOWN:=20}"
LVZHI_BIN=$PWD/tests/valgrind/lvzhi-vg
VALGRIND_LOGS=$logs
export VALGRIND_OPTS LVZHI_TEST_SLOWDOWN LVZHI_BIN VALGRIND_LOGS

tests=0
for t in ${VG_WEB:-tests/web/*.test.mjs}; do
	name=$(basename "$t" .test.mjs)
	start=$(date +%s)
	LVZHI_VG_TAG=web-$name node --test --test-reporter=tap "$t" || tests=1
	clean "web-$name." 0 \
	    "every lvzhi run of $t ($(($(date +%s) - start)) s)"
done
# A failed test fails the run too (tests/check.sh counts its TAP line);
# the logs are kept then, beside the servers' directories it names.
[ "$tests" -eq 0 ] || failed=1
finish
