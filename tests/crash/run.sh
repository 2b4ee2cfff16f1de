#!/bin/sh
# The crash test (node:test, TAP on stdout) as one program for
# tests/check.sh; LVZHI_BIN names the binary (make check: the sanitizer
# build). Needs node 18+ and the sqlite3 command.
cd "$(dirname "$0")/../.." || exit 1
exec node --test --test-reporter=tap tests/crash/crash-test.mjs
