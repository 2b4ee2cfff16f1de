#!/bin/sh
# Installs the Debian packages lvzhi needs to build and test, when they are
# missing. Idempotent: with everything present it changes nothing. As root
# it installs with apt-get; otherwise it prints the command to run.
#
#   sh scripts/deps.sh           everything: build, run and the tests (CI)
#   sh scripts/deps.sh --build   only what building and running need (a
#                                server: docs/deploy.md)
set -eu

# Building, and at run time the CJK fonts of the PDF reports and the
# magic database (with libmagic-dev) that checks evidence files;
# libpq-dev: the PostgreSQL driver; libzip-dev and libexpat1-dev: reading
# the XLSX sheets offices upload (src/import/sheet-xlsx.c);
# libcurl4-openssl-dev: the webhook that sends messages and reminders to
# 政务微信, 钉钉 or an SMS gateway over HTTPS (src/http/webhook.c).
BUILD="make gcc pkg-config libsqlite3-dev libjansson-dev libssl-dev
libxlsxwriter-dev libsodium-dev libmicrohttpd-dev libmagic-dev
libcairo2-dev libpango1.0-dev fonts-noto-cjk zlib1g-dev libpq-dev
libzip-dev libexpat1-dev libcurl4-openssl-dev"
# The tests: clang and its fuzzing runtime, cmocka, valgrind, the sqlite3
# shell (crash test), pdftotext, chromium (browser tests); the install
# test's systemd-analyze (systemd), nginx with openssl and curl in front
# of the installed server, groff and man for the man page, and sqlmap
# (the web-attack test); postgresql: the server binaries the tests start a
# throwaway cluster with (make check LVZHI_TEST_DB=pg), and psql.
TEST="clang libcmocka-dev sqlite3 poppler-utils chromium libclang-rt-14-dev
valgrind sqlmap systemd nginx openssl curl groff-base man-db postgresql"
# LibreOffice's writer without its GUI: the tests convert each .docx the
# system writes (src/report/docx.c) to PDF with soffice --headless, as an
# office's WPS or Word would open it, and check that no text is lost
# (tests/web/gongwen-check.mjs).
TEST="$TEST libreoffice-writer-nogui"

case "${1:-}" in
--build) PACKAGES=$BUILD ;;
"") PACKAGES="$BUILD $TEST" ;;
*) echo "usage: sh scripts/deps.sh [--build]" >&2; exit 2 ;;
esac

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
# The HTTP tests (tests/web) run on Node.js 20 or later with npm (the
# browser tests' playwright-core needs 20; they drive Debian's chromium
# above and draw Chinese with fonts-noto-cjk); a node installed some other
# way (nvm, NodeSource) is left alone. A server (--build) needs none.
if [ "${1:-}" = --build ]; then
	:
elif ! command -v node >/dev/null 2>&1; then
	missing="$missing nodejs npm"
elif ! command -v npm >/dev/null 2>&1; then
	missing="$missing npm"
fi
# sqlmap: tests/web/attacks.test.mjs (and make sqlmap) try SQL injection
# against the API with it.
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "lvzhi: missing Debian packages:$missing" >&2
	echo "lvzhi: run as root: apt-get install$missing" >&2
	exit 1
fi
echo "lvzhi: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
