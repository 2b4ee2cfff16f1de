#!/bin/sh
# Installs what `make bench` needs beyond the build (scripts/deps.sh): wrk
# (HTTP load), Debian's nginx (the static-file baseline), hyperfine
# (repeated timings), GNU time (peak memory), the sqlite3 shell (the import
# and query baselines), and the profilers used to find causes (perf,
# valgrind). The benches are not part of `make check`. Idempotent; as root
# it installs with apt-get, otherwise it prints the command to run.
set -eu

PACKAGES="wrk nginx-light hyperfine time jq curl sqlite3 linux-perf valgrind"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "lvzhi: bench: missing Debian packages:$missing" >&2
	echo "lvzhi: bench: run as root: apt-get install$missing" >&2
	exit 1
fi
echo "lvzhi: bench: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
