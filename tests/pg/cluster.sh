#!/bin/sh
# A throwaway PostgreSQL cluster for the tests, in a directory of its own:
# its data, its log and its unix socket (no TCP port, so parallel runs on
# one machine never meet), fsync off, trust authentication for the role
# lvzhi. PostgreSQL refuses to run as root: as root (CI), the server runs
# as the postgres user that Debian's package creates.
#
#   sh tests/pg/cluster.sh start DIR   prints the libpq query string
#                                      (host=DIR&user=lvzhi) for URLs
#                                      postgresql:///NAME?...
#   sh tests/pg/cluster.sh stop DIR    stops it and removes DIR
#   sh tests/pg/cluster.sh restart DIR stops it (fast: sessions cut) and
#                                      starts it again
#   sh tests/pg/cluster.sh run CMD...  runs CMD with LVZHI_TEST_PG set to
#                                      a fresh cluster's query string,
#                                      stopped and removed afterwards
#                                      (make check LVZHI_TEST_DB=pg)
#
# Debian: postgresql (server and contrib's pg_trgm). LVZHI_PGBIN names the
# directory of initdb and pg_ctl (default: the newest under
# /usr/lib/postgresql). LVZHI_PGOPTS replaces the server's options after
# the socket's (default "-F": fsync off, for tests); scripts/bench-pg.sh
# gives a durable server its settings so.
set -e
cmd=$1
dir=$2
[ -n "$cmd" ] && [ -n "$dir" ] || {
	echo "usage: cluster.sh start|stop|restart DIR | run CMD..." >&2
	exit 2
}
bin=${LVZHI_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null |
    sort -V | tail -n 1)}
if [ ! -x "$bin/pg_ctl" ]; then
	echo "cluster.sh: no PostgreSQL server (install Debian's postgresql," \
	    "or set LVZHI_PGBIN)" >&2
	exit 1
fi
as=
if [ "$(id -u)" = 0 ]; then
	as="runuser -u postgres --"
fi
case $cmd in
run)
	shift
	dir=$(mktemp -d "${TMPDIR:-/tmp}/lvzhi-pg.XXXXXX")
	trap 'sh "$0" stop "$dir"' EXIT
	trap 'exit 1' INT TERM
	LVZHI_TEST_PG=$(sh "$0" start "$dir")
	export LVZHI_TEST_PG
	# The audit key and heads of the test databases (their default place
	# is the user's state directory) go with the throwaway cluster.
	XDG_STATE_HOME=$dir/state
	export XDG_STATE_HOME
	set +e
	"$@"
	exit $?
	;;
start)
	mkdir -p "$dir"
	[ -z "$as" ] || chown postgres "$dir"
	$as "$bin/initdb" -D "$dir/data" -U lvzhi --auth=trust \
	    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	$as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	    -o "-k $dir -c listen_addresses= -c max_connections=200 \
	    ${LVZHI_PGOPTS--F}" \
	    start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	echo "host=$dir&user=lvzhi"
	;;
restart)
	$as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 \
	    restart >/dev/null
	;;
stop)
	if [ -d "$dir/data" ]; then
		$as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ||
		    true
	fi
	rm -rf "$dir"
	;;
*)
	echo "cluster.sh: unknown command $cmd" >&2
	exit 2
	;;
esac
