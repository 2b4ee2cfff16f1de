#!/bin/sh
# The HTTP tests (node:test, TAP on stdout) as one program for
# tests/check.sh. Needs node 20+ and `npm ci --prefix tests/web` (make check
# does both); LVZHI_BIN names the server binary (make check: the sanitizer
# build), LVZHI_RULES the catalog. browser.test.mjs and cycles.test.mjs (the
# oversight cycles through the pages) drive Debian's chromium
# (/usr/bin/chromium, or LVZHI_CHROMIUM; scripts/deps.sh installs it) with
# browser-kit.mjs and leave screenshots in test-artifacts/.
cd "$(dirname "$0")/../.." || exit 1
# Leak checking stays on (the server must stop without a report); the
# reports go to the server's stderr, where the tests look for them.
ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS UBSAN_OPTIONS
exec node --test --test-reporter=tap tests/web/*.test.mjs
