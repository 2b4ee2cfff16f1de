#!/bin/sh
# The HTTP tests (node:test, TAP on stdout) as one program for
# tests/check.sh. Needs node 20+ and `npm ci --prefix tests/web` (make check
# does both); LVZHI_BIN names the server binary (make check: the sanitizer
# build), LVZHI_RULES the catalog. browser.test.mjs and cycles.test.mjs (the
# oversight cycles through the pages) drive Debian's chromium
# (/usr/bin/chromium, or LVZHI_CHROMIUM; scripts/deps.sh installs it) with
# browser-kit.mjs and leave screenshots in test-artifacts/.
#
# The files run side by side, LVZHI_WEB_JOBS at once (default 3): each
# starts its own servers on ports of their own, on databases of their own
# in directories of their own (harness.mjs), so they share nothing but the
# machine. Most of a file's time is spent waiting on its server, so more
# files than cores keep both busy. LVZHI_WEB_JOBS=1 runs them one after
# another. One file shares more: cluster.test.mjs restarts the database
# server (on PostgreSQL), which every other file's servers are connected
# to, so it runs alone, after the others. LVZHI_WEB_FILES names the files
# instead of every
# tests/web/*.test.mjs, LVZHI_WEB_PATTERN runs only the tests whose name
# it matches (node's --test-name-pattern; make check-sqlmap).
cd "$(dirname "$0")/../.." || exit 1
# Leak checking stays on (the server must stop without a report); the
# reports go to the server's stderr, where the tests look for them.
ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS UBSAN_OPTIONS
set -- --test --test-reporter=tap --test-concurrency="${LVZHI_WEB_JOBS:-3}"
[ -n "${LVZHI_WEB_PATTERN:-}" ] &&
    set -- "$@" --test-name-pattern="$LVZHI_WEB_PATTERN"
if [ -n "${LVZHI_WEB_FILES:-}" ]; then
	# shellcheck disable=SC2086 # a list of file names, split on purpose
	exec node "$@" $LVZHI_WEB_FILES
fi
alone=tests/web/cluster.test.mjs
rc=0
# shellcheck disable=SC2046 # file names without blanks, split on purpose
node "$@" $(for f in tests/web/*.test.mjs; do
	[ "$f" = "$alone" ] || echo "$f"; done) || rc=1
node "$@" "$alone" || rc=1
exit $rc
