#!/bin/sh
# Installs the Debian packages lvzhi needs to build and test, when they are
# missing. Idempotent: with everything present it changes nothing. As root
# it installs with apt-get; otherwise it prints the command to run.
set -eu

# libpq-dev: the PostgreSQL driver; postgresql: the server binaries the
# tests start a throwaway cluster with (make check LVZHI_TEST_DB=pg), and
# psql.
PACKAGES="make gcc clang pkg-config sqlite3 libsqlite3-dev libjansson-dev
libpq-dev postgresql
libssl-dev libcmocka-dev libxlsxwriter-dev libsodium-dev libmicrohttpd-dev
libmagic-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils
zlib1g-dev
chromium libclang-rt-14-dev valgrind"

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
# way (nvm, NodeSource) is left alone.
if ! command -v node >/dev/null 2>&1; then
	missing="$missing nodejs npm"
elif ! command -v npm >/dev/null 2>&1; then
	missing="$missing npm"
fi
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
