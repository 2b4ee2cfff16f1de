#!/bin/sh
# The benchmarks behind `make bench` (mk/bench.mk): each lvzhi figure is
# measured beside its baseline in the same run, and bench/RESULTS.md is
# written from the figures of that run (bench/notes.md, the analysis kept
# by hand, is appended to it).
#
#   sh scripts/bench.sh BIN        BIN: an optimised lvzhi
#
# Sections (BENCH_ONLY="import eval http create rss …" picks some; their
# figures are kept in build/bench/results/ and RESULTS.md shows them all):
#   import  the national file into an empty database, beside the sqlite3
#           shell's .import of the same rows as CSV into the same schema
#   eval    the national evaluation (wall time, peak RSS), beside the bare
#           SELECT organ, kind, count(*) ... GROUP BY organ, kind
#   http    wrk on GET /api/v1/evaluation for a county with a bearer token,
#           and on a static asset beside nginx serving the same file
#   pages   the pages a province office opens most (/, /evaluation,
#           /ledger, /warnings) with a browser's session cookie: p95 and
#           p99 latency, beside GET /api/v1/me with the same cookie (the
#           fixed cost of an authenticated request) and a static asset
#   create  durable POST /api/v1/records per second
#   rss     resident memory of lvzhi serve with the demo province
#   pg-import pg-eval pg-http pg-create pg-rss ("pg" for all five): the
#           same on PostgreSQL beside SQLite (scripts/bench-pg.sh)
#
# BENCH_RESULTS, BENCH_OUT and BENCH_DB move the figures, the report and
# the national database elsewhere (to measure another binary beside).
# BENCH_DATA names another input file instead of the national year (a
# sample, to try the script quickly; it is never generated), e.g.
#   BENCH_ONLY=import BENCH_DATA=sample.jsonl BENCH_DB=build/bench/s.db \
#   BENCH_RESULTS=build/bench/results-s BENCH_OUT=build/bench/s.md make bench
set -eu

BIN=$(realpath "$1")
ROOT=$(pwd)
W=$ROOT/build/bench
R=${BENCH_RESULTS:-$W/results}
OUT=${BENCH_OUT:-$ROOT/bench/RESULTS.md}
YEAR=2025
DATA=${BENCH_DATA:-$W/national-$YEAR.jsonl}
DB=${BENCH_DB:-$W/national.db}
PORT=18080
NGINX_PORT=18081
DURATION=${BENCH_DURATION:-20}
ONLY=${BENCH_ONLY:-}
mkdir -p "$W" "$R"

say() { printf 'bench: %s\n' "$*" >&2; }
# want SECTION: chosen by BENCH_ONLY (all when empty; "pg" is every pg-*)
want() {
	[ -n "$ONLY" ] || return 0
	case " $ONLY " in *" $1 "*) return 0 ;; esac
	case $1 in pg-*) case " $ONLY " in *" pg "*) return 0 ;; esac ;; esac
	return 1
}
# put SECTION KEY VALUE: one figure of a section
put() { printf '%s=%s\n' "$2" "$3" >>"$R/$1.new"; }
begin() { rm -f "$R/$1.new"; put "$1" load "$(cut -d' ' -f1-3 /proc/loadavg)"; }
commit() { mv "$R/$1.new" "$R/$1"; }
now() { date +%s.%N; }
# The bench's own processes, ended by pid (never by name).
# The PostgreSQL cluster, if any, is stopped and removed (bench-pg.sh).
PIDS=""
PG_DIR=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	[ -z "$PG_DIR" ] || sh "$ROOT/tests/pg/cluster.sh" stop "$PG_DIR"
}
trap cleanup EXIT INT TERM

# The national year, generated once.
if [ ! -s "$DATA" ] && [ -n "${BENCH_DATA:-}" ]; then
	say "no such file: $DATA"
	exit 1
elif [ ! -s "$DATA" ]; then
	say "generating the national dataset ($DATA)"
	"$BIN" gen --scale national --year $YEAR --seed 1 >"$DATA.tmp"
	mv "$DATA.tmp" "$DATA"
fi
LINES=$(wc -l <"$DATA")
RECORDS=$(grep -c '^{"type":"record"' "$DATA")

# import_timed SECTION PREFIX DB FILE: lvzhi import of FILE into a fresh
# DB (a SQLite file is removed first; a PostgreSQL database must be new).
import_timed() {
	case $3 in postgresql:*) ;; *) rm -f "$3" "$3-wal" "$3-shm" ;; esac
	"$BIN" --db "$3" init 2>/dev/null
	/usr/bin/time -f '%e %M' -o "$W/time.txt" "$BIN" --db "$3" import \
	    "$4" 2>"$W/import.log"
	read -r secs rss <"$W/time.txt"
	put "$1" "${2}_secs" "$secs"
	put "$1" "${2}_rss_kb" "$rss"
}

# ---- import ------------------------------------------------------------
if want import || [ ! -s "$DB" ]; then
	say "import: lvzhi import of $LINES lines"
	begin import
	# From the page cache, as the baseline reads the CSV files it has
	# just written: both sides measure the load, not the disk's reads.
	cat "$DATA" >/dev/null
	import_timed import lvzhi "$DB" "$DATA"
	put import lines "$LINES"
	put import records "$RECORDS"

	# The same rows, as the tables hold them, written out as CSV and read
	# back by the sqlite3 shell into an empty database of the same schema
	# (indexes and constraints included), in one transaction, with the
	# pragmas lvzhi's own import uses.
	say "import: sqlite3 .import baseline"
	# CSV has no NULL: a NULL is written as an empty string, which the
	# schema takes everywhere but in tenure.end (CHECK end >= start), so
	# an open tenure is written with the end 9999-12-31 instead.
	mkdir -p "$W/csv"
	for t in region organ person record score; do
		sqlite3 -csv "$DB" "SELECT * FROM $t ORDER BY rowid" >"$W/csv/$t.csv"
	done
	sqlite3 -csv "$DB" "SELECT key, id, person, organ, role, start,
	    coalesce(\"end\", '9999-12-31'), doc FROM tenure ORDER BY rowid" \
	    >"$W/csv/tenure.csv"
	rm -f "$W/csv.db" "$W/csv.db-wal" "$W/csv.db-shm"
	"$BIN" --db "$W/csv.db" init 2>/dev/null
	{
		echo "PRAGMA synchronous = NORMAL;"
		echo "PRAGMA cache_size = -262144;"
		echo "PRAGMA temp_store = MEMORY;"
		echo "PRAGMA foreign_keys = OFF;"
		echo "BEGIN;"
		for t in region organ person tenure record score; do
			echo ".import --csv $W/csv/$t.csv $t"
		done
		echo "COMMIT;"
	} >"$W/csv-import.sql"
	/usr/bin/time -f '%e %M' -o "$W/time.txt" sqlite3 "$W/csv.db" \
	    <"$W/csv-import.sql" 2>"$W/csv-import.log"
	read -r secs rss <"$W/time.txt"
	put import sqlite3_secs "$secs"
	rows=$(sqlite3 "$W/csv.db" "SELECT (SELECT count(*) FROM region) +
	    (SELECT count(*) FROM organ) + (SELECT count(*) FROM person) +
	    (SELECT count(*) FROM tenure) + (SELECT count(*) FROM record) +
	    (SELECT count(*) FROM score)")
	put import sqlite3_rows "$rows"
	rm -f "$W/csv.db" "$W/csv.db-wal" "$W/csv.db-shm"
	commit import
fi

# The figures' query for the evaluation's baseline: the bare aggregation
# the evaluation cannot do without.
Q="SELECT organ, kind, count(*) FROM record WHERE date BETWEEN
    '$YEAR-01-01' AND '$((YEAR + 1))-03-31' GROUP BY organ, kind"

# qcmd DB: the shell command that runs one SQL statement (its argument)
# on DB with the backend's own client; q DB SQL runs it.
qcmd() {
	case $1 in
	postgresql:*) echo "psql -X -A -t -q -d '$1' -c" ;;
	*) echo "sqlite3 '$1'" ;;
	esac
}
q() { eval "$(qcmd "$1")" '"$2"'; }

# eval_run SECTION DB BASE: the evaluation of the year on DB (wall time,
# peak RSS) beside the query Q in the backend's client, named BASE.
eval_run() {
	sec=$1
	db=$2
	base=$3
	# One untimed pass of each to warm the caches alike.
	"$BIN" --db "$db" eval --year $YEAR --format json >/dev/null
	q "$db" "$Q" >/dev/null
	hyperfine --runs 3 --style none --export-json "$W/eval.json" \
	    -n lvzhi "'$BIN' --db '$db' eval --year $YEAR --format json >/dev/null" \
	    -n "$base" "$(qcmd "$db") \"$Q\" >/dev/null" >/dev/null
	put "$sec" lvzhi_secs "$(jq '.results[0].median * 100 | round / 100' \
	    "$W/eval.json")"
	put "$sec" "${base}_secs" "$(jq '.results[1].median * 100 | round / 100' \
	    "$W/eval.json")"
	/usr/bin/time -f '%e %M' -o "$W/time.txt" "$BIN" --db "$db" eval \
	    --year $YEAR --format json >"$W/eval-out.json"
	read -r secs rss <"$W/time.txt"
	put "$sec" lvzhi_rss_kb "$rss"
	put "$sec" results "$(grep -c '"person"' "$W/eval-out.json" || true)"
	/usr/bin/time -f '%e %M' -o "$W/time.txt" sh -c "$(qcmd "$db") \"$Q\"" \
	    >/dev/null
	read -r secs rss <"$W/time.txt"
	put "$sec" "${base}_rss_kb" "$rss"
	put "$sec" query "$(echo "$Q" | tr -s ' \t\n' ' ')"
	rm -f "$W/eval-out.json"
}

# ---- eval --------------------------------------------------------------
if want eval; then
	say "eval: the national year $YEAR"
	begin eval
	eval_run eval "$DB" sqlite3
	commit eval
fi

# An account and a token for the HTTP benches: the office of the first
# province (its whole subtree), so scope is checked on every request.
token() {
	db=$1
	region=$2
	name=bench-office-$region
	# Added once per database: a second add fails (the account exists).
	printf 'Bench@2025lvzhi\n' | "$BIN" --db "$db" user add "$name" \
	    --role office --region "$region" --password-stdin >/dev/null 2>&1 ||
	    true
	"$BIN" --db "$db" user token "$name" --label bench 2>/dev/null
}

# serve DB [ARGS...]: starts lvzhi serve in the background; sets SERVE_PID.
serve() {
	db=$1
	shift
	LVZHI_ACCESS_LOG="" "$BIN" --db "$db" serve --listen 127.0.0.1:$PORT \
	    "$@" 2>"$W/serve.log" &
	SERVE_PID=$!
	PIDS="$PIDS $SERVE_PID"
	i=0
	until curl -fs -o /dev/null http://127.0.0.1:$PORT/static/app.css; do
		i=$((i + 1))
		[ $i -lt 100 ] || { say "serve did not start"; exit 1; }
		sleep 0.1
	done
}

stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# wrk_into SECTION PREFIX ARGS...: requests/s and latency percentiles.
wrk_into() {
	sec=$1
	pre=$2
	shift 2
	wrk --latency -d "${DURATION}s" "$@" >"$W/wrk.txt" 2>&1
	put "$sec" "${pre}_rps" "$(awk '/^Requests\/sec:/ { print $2 }' "$W/wrk.txt")"
	for p in 50 90 99; do
		put "$sec" "${pre}_p$p" "$(awk -v p="$p%" '$1 == p { print $2 }' \
		    "$W/wrk.txt")"
	done
	put "$sec" "${pre}_errors" "$(awk '/Non-2xx|Socket errors/ { s = s $0 "; " }
	    END { print s == "" ? "none" : s }' "$W/wrk.txt")"
	put "$sec" "${pre}_requests" "$(awk '/requests in/ { print $1 }' "$W/wrk.txt")"
}

# first_region DB LEVEL [UNDER]: the first region of LEVEL (under UNDER).
first_region() {
	q "$1" "SELECT code FROM region WHERE level = '$2' AND
	    path LIKE '/${3:-}%' ORDER BY code LIMIT 1"
}
PROVINCE=$(first_region "$DB" province)
COUNTY=$(first_region "$DB" county "$PROVINCE/")

# http_eval SECTION DB TOKEN COUNTY: wrk on the county's evaluation, plain
# and gzip accepted, with the serve already started on DB.
http_eval() {
	sec=$1
	db=$2
	tok=$3
	county=$4
	URL="http://127.0.0.1:$PORT/api/v1/evaluation?year=$YEAR&region=$county"
	curl -fs -H "Authorization: Bearer $tok" "$URL" >"$W/county.json"
	put "$sec" county "$county"
	put "$sec" county_bytes "$(wc -c <"$W/county.json")"
	put "$sec" county_results "$(grep -o '"person":' "$W/county.json" | wc -l)"
	curl -fs -H "Authorization: Bearer $tok" -H "Accept-Encoding: gzip" \
	    "$URL" >"$W/county.json.gz"
	put "$sec" county_gzip_bytes "$(wc -c <"$W/county.json.gz")"
	say "$sec: wrk GET evaluation of county $county"
	wrk_into "$sec" eval -t2 -c32 -H "Authorization: Bearer $tok" "$URL"
	# As browsers and most HTTP clients ask: gzip accepted.
	say "$sec: the same with Accept-Encoding: gzip"
	wrk_into "$sec" evalgz -t2 -c32 -H "Authorization: Bearer $tok" \
	    -H "Accept-Encoding: gzip" "$URL"
	# The cost of a miss: the first request after a write evaluates.
	t0=$(now)
	for i in 1 2 3 4 5; do
		"$BIN" --db "$db" eval --year $YEAR --region "$county" \
		    --format json >/dev/null
	done
	put "$sec" county_eval_ms "$(echo "$t0 $(now)" | awk '{ printf "%.1f", ($2 - $1) * 200 }')"
}

# ---- http --------------------------------------------------------------
if want http; then
	begin http
	TOKEN=$(token "$DB" "$PROVINCE")
	serve "$DB"
	http_eval http "$DB" "$TOKEN" "$COUNTY"
	say "http: static asset, lvzhi"
	wrk_into http static -t2 -c32 "http://127.0.0.1:$PORT/static/app.css"
	stop "$SERVE_PID"

	say "http: static asset, nginx"
	mkdir -p "$W/nginx"
	cat >"$W/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	include /etc/nginx/mime.types;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path $W/nginx/tmp;
	proxy_temp_path $W/nginx/tmp;
	fastcgi_temp_path $W/nginx/tmp;
	uwsgi_temp_path $W/nginx/tmp;
	scgi_temp_path $W/nginx/tmp;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		location /static/ {
			alias $ROOT/web/static/;
			add_header Cache-Control "public, max-age=3600";
			add_header Content-Security-Policy "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
			add_header X-Content-Type-Options nosniff;
			add_header X-Frame-Options DENY;
			add_header Referrer-Policy same-origin;
		}
	}
}
EOF
	mkdir -p "$W/nginx/tmp"
	nginx -c "$W/nginx/nginx.conf" -p "$W/nginx" -g 'daemon off;' &
	NGINX_PID=$!
	PIDS="$PIDS $NGINX_PID"
	i=0
	until curl -fs -o /dev/null http://127.0.0.1:$NGINX_PORT/static/app.css; do
		i=$((i + 1))
		[ $i -lt 100 ] || { say "nginx did not start"; exit 1; }
		sleep 0.1
	done
	wrk_into http nginx -t2 -c32 "http://127.0.0.1:$NGINX_PORT/static/app.css"
	stop "$NGINX_PID"
	put http asset_bytes "$(wc -c <"$ROOT/web/static/app.css")"
	commit http
fi

# ---- pages -------------------------------------------------------------
# The pages a province office opens most, as a browser asks for them: a
# session cookie from POST /login, the whole HTML. A login does not move
# the data version (audit.c), so the year's materialised results made by
# an earlier run are still valid; the first request after serve starts
# (cold_ms) makes whatever is missing (a first run: this year's and last
# year's sets of the province, minutes on the national data) and fills
# the server's own caches. Then wrk with 2 connections (a few people of
# one office at once) on each page. wrk's own report has no p95: a Lua
# done() prints it.
pages_lat() {
	cat >"$W/latency.lua" <<'EOF'
done = function(summary, latency, requests)
	io.write(string.format("pct p50=%.2f p95=%.2f p99=%.2f max=%.2f " ..
	    "n=%d errors=%d\n", latency:percentile(50) / 1000,
	    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
	    latency.max / 1000, summary.requests, summary.errors.connect +
	    summary.errors.read + summary.errors.write + summary.errors.status +
	    summary.errors.timeout))
end
EOF
}

# pages_wrk NAME URL: p50, p95, p99, max (ms), requests and errors.
pages_wrk() {
	wrk -t1 -c2 -d "${DURATION}s" --timeout 60s -s "$W/latency.lua" \
	    -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$2" >"$W/wrk.txt" 2>&1
	line=$(grep '^pct ' "$W/wrk.txt" || true)
	# A page slower than the run (wrk counts only the requests that
	# finished): three requests one at a time instead, their median and
	# their slowest, said so in the count.
	case $line in *" n=0 "*|"")
		t=$(for i in 1 2 3; do curl -s -o /dev/null -w '%{time_total}\n' \
		    --max-time 120 -H "Cookie: $COOKIE" \
		    "http://127.0.0.1:$PORT$2"; done | sort -n |
		    awk '{ v[NR] = $1 * 1000 } END { printf "%.2f %.2f", v[2], v[3] }')
		line="pct p50=${t% *} p95=${t#* } p99=${t#* } max=${t#* } n=3(curl) errors=0"
		;;
	esac
	for k in p50 p95 p99 max n errors; do
		put pages "${1}_$k" "$(echo "$line" | tr ' ' '\n' |
		    sed -n "s/^$k=//p")"
	done
	put pages "${1}_bytes" "$(curl -s -o /dev/null -w '%{size_download}' \
	    -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$2")"
}

if want pages; then
	begin pages
	name=bench-page-office-$PROVINCE
	printf 'Bench@2025lvzhi\n' | "$BIN" --db "$DB" user add "$name" \
	    --role office --region "$PROVINCE" --password-stdin >/dev/null 2>&1 ||
	    true
	serve "$DB"
	COOKIE=$(curl -s -o /dev/null -D - --data-urlencode "username=$name" \
	    --data-urlencode 'password=Bench@2025lvzhi' \
	    "http://127.0.0.1:$PORT/login" |
	    sed -n 's/^[Ss]et-[Cc]ookie: \(lvzhi_session=[0-9a-f]*\).*/\1/p')
	[ -n "$COOKIE" ] || { say "pages: could not log in"; exit 1; }
	put pages province "$PROVINCE"
	# The first request after a write: the dashboard makes this year's
	# and last year's sets of the province.
	put pages cold_ms "$(curl -s -o /dev/null -w '%{time_total}' \
	    -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/" |
	    awk '{ printf "%.0f", $1 * 1000 }')"
	put pages results "$(q "$DB" "SELECT count(*) FROM eval_row w JOIN
	    eval_set s ON s.key = w.run WHERE s.scope = '$PROVINCE' AND
	    s.year = $YEAR")"
	pages_lat
	say "pages: wrk on /, /evaluation, /ledger, /warnings as $name"
	pages_wrk dashboard /
	pages_wrk evaluation "/evaluation?year=$YEAR"
	pages_wrk ledger /ledger
	pages_wrk warnings /warnings
	pages_wrk warnings_all "/warnings?kind=all"
	say "pages: the baselines, /api/v1/me and a static asset"
	pages_wrk me /api/v1/me
	pages_wrk static /static/app.css
	# The dashboard right after a write: the office adds a record of a
	# county's organ over the API, then opens /, which brings this
	# year's set up to date (the county's results evaluated again), ten
	# times; the median and the slowest.
	say "pages: the dashboard after each of 10 writes"
	PTOKEN=$(curl -s -H 'Content-Type: application/json' -d \
	    "{\"username\":\"$name\",\"password\":\"Bench@2025lvzhi\"}" \
	    "http://127.0.0.1:$PORT/api/v1/login" |
	    sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
	organ=$(q "$DB" "SELECT o.id FROM organ o JOIN region g ON
	    g.key = o.region WHERE g.level = 'county' AND g.path LIKE
	    '/$PROVINCE/%' ORDER BY g.path, o.id LIMIT 1")
	stamp=$(date +%s)
	: >"$W/after.txt"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		code=$(curl -s -o /dev/null -w '%{http_code}' \
		    -H "Authorization: Bearer $PTOKEN" \
		    -H 'Content-Type: application/json' -d "{\"id\":
		    \"bench-write-$stamp-$i\", \"kind\": \"law_publicity\",
		    \"organ\": \"$organ\", \"date\": \"$YEAR-06-0$((i % 9 + 1))\",
		    \"title\": \"基准测试:写入后的首页\"}" \
		    "http://127.0.0.1:$PORT/api/v1/records")
		[ "$code" = 201 ] || { say "pages: a write answered $code"; exit 1; }
		curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $COOKIE" \
		    "http://127.0.0.1:$PORT/" >>"$W/after.txt"
	done
	read -r p50 max <<EOF
$(sort -n "$W/after.txt" | awk '{ v[NR] = $1 * 1000 } END {
    printf "%.2f %.2f\n", (v[5] + v[6]) / 2, v[10] }')
EOF
	put pages after_write_p50 "$p50"
	put pages after_write_max "$max"
	stop "$SERVE_PID"
	commit pages
fi

# create_run SECTION DB COUNTY [SERVE_ARGS...]: durable POST
# /api/v1/records per second on DB, each a new record of COUNTY's party
# committee; TOKEN must be valid on DB.
create_run() {
	sec=$1
	db=$2
	county=$3
	shift 3
	serve "$db" "$@"
	RUN=$(date +%s)
	cat >"$W/create.lua" <<EOF
-- Each thread posts records with ids of its own.
local n = 0
local counter = 0
function setup(thread)
	counter = counter + 1
	thread:set("tid", counter)
end
function init(args)
	n = 0
end
function request()
	n = n + 1
	local body = string.format('{"id":"bench-$RUN-%d-%d","kind":"rol_lecture",'
	    .. '"organ":"$county-party","date":"$YEAR-06-01",'
	    .. '"title":"bench"}', tid, n)
	return wrk.format("POST", "/api/v1/records", {
		["Authorization"] = "Bearer $TOKEN",
		["Content-Type"] = "application/json" }, body)
end
EOF
	say "$sec: wrk POST /api/v1/records"
	wrk_into "$sec" post -t2 -c8 -s "$W/create.lua" \
	    "http://127.0.0.1:$PORT/api/v1/records"
	stop "$SERVE_PID"
	put "$sec" stored "$(q "$db" "SELECT count(*) FROM record WHERE
	    id LIKE 'bench-$RUN-%'")"
}

# rss_run SECTION DB [SERVE_ARGS...]: resident memory of lvzhi serve on
# DB, the demo province (520000), TOKEN valid on DB.
rss_run() {
	sec=$1
	db=$2
	shift 2
	serve "$db" "$@"
	put "$sec" start_kb "$(awk '/^VmRSS:/ { print $2 }' /proc/$SERVE_PID/status)"
	# Loaded: the province's evaluation, a county's, the ledger, the
	# regions and the assets, three times each, then 5 s of wrk on the
	# county's evaluation: caches, pools and threads all warm.
	for i in 1 2 3; do
		for u in "/api/v1/evaluation?year=$YEAR&region=520000" \
		    "/api/v1/evaluation?year=$YEAR&region=520102" \
		    "/api/v1/records?region=520000" "/api/v1/regions" \
		    "/static/app.css" "/static/app.js"; do
			curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" \
			    "http://127.0.0.1:$PORT$u"
		done
	done
	wrk -t2 -c16 -d5s -H "Authorization: Bearer $TOKEN" \
	    "http://127.0.0.1:$PORT/api/v1/evaluation?year=$YEAR&region=520102" \
	    >/dev/null 2>&1
	sleep 1
	put "$sec" vmrss_kb "$(awk '/^VmRSS:/ { print $2 }' /proc/$SERVE_PID/status)"
	put "$sec" vmhwm_kb "$(awk '/^VmHWM:/ { print $2 }' /proc/$SERVE_PID/status)"
	# The worst case: 16 clients at once asking for the whole province
	# (8 MB of JSON each, too large to cache), then quiet again.
	wrk -t2 -c16 -d5s -H "Authorization: Bearer $TOKEN" \
	    "http://127.0.0.1:$PORT/api/v1/evaluation?year=$YEAR&region=520000" \
	    >/dev/null 2>&1
	sleep 1
	put "$sec" burst_hwm_kb "$(awk '/^VmHWM:/ { print $2 }' /proc/$SERVE_PID/status)"
	put "$sec" after_burst_kb "$(awk '/^VmRSS:/ { print $2 }' /proc/$SERVE_PID/status)"
	put "$sec" province_bytes "$(curl -fs -H "Authorization: Bearer $TOKEN" \
	    "http://127.0.0.1:$PORT/api/v1/evaluation?year=$YEAR&region=520000" |
	    wc -c)"
	put "$sec" records "$(q "$db" "SELECT count(*) FROM record")"
	stop "$SERVE_PID"
}

# ---- create ------------------------------------------------------------
if want create; then
	begin create
	TOKEN=$(token "$DB" "$PROVINCE")
	create_run create "$DB" "$COUNTY"
	put create synchronous "$(sqlite3 "$DB" "PRAGMA journal_mode" | head -1)"
	commit create
fi

# ---- rss ---------------------------------------------------------------
if want rss; then
	begin rss
	DEMO=${DB%.db}-demo.db
	rm -f "$DEMO" "$DEMO-wal" "$DEMO-shm"
	"$BIN" --db "$DEMO" demo --year $YEAR 2>/dev/null
	TOKEN=$(token "$DEMO" 520000)
	rss_run rss "$DEMO"
	put rss db_bytes "$(stat -c %s "$DEMO")"
	commit rss
fi

# ---- PostgreSQL --------------------------------------------------------
. "$ROOT/scripts/bench-pg.sh"

# ---- RESULTS.md --------------------------------------------------------
say "writing $OUT"
{
	printf 'cpu=%s\n' "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
	printf 'cores=%s\n' "$(nproc)"
	printf 'mem=%s\n' "$(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
	printf 'kernel=%s\n' "$(uname -sr)"
	printf 'os=%s\n' "$(. /etc/os-release && echo "$PRETTY_NAME")"
	printf 'cc=%s\n' "$(${CC:-cc} --version | head -1)"
	printf 'cflags=%s\n' "${BENCH_CFLAGS:--O2 -g}"
	printf 'sqlite=%s\n' "$(sqlite3 --version | cut -d' ' -f1)"
	printf 'nginx=%s\n' "$(nginx -v 2>&1 | sed 's/.*: //')"
	printf 'wrk=%s\n' "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
	printf 'rev=%s\n' "$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo '+changes')"
	printf 'date=%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
	printf 'duration=%s\n' "$DURATION"
} >"$R/machine"
sh "$ROOT/scripts/bench-report.sh" "$R" "$ROOT/bench/notes.md" >"$OUT"
say "done: $OUT"
