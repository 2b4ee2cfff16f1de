#!/bin/sh
# Writes bench/RESULTS.md on stdout from the figures scripts/bench.sh left
# in RESULTS_DIR (one KEY=VALUE file per section) and the hand-kept
# analysis in NOTES.
#
#   sh scripts/bench-report.sh RESULTS_DIR NOTES > bench/RESULTS.md
set -eu

R=$1
NOTES=$2

get() { [ -f "$R/$1" ] && sed -n "s/^$2=//p" "$R/$1" | tail -1 || true; }
# calc EXPR: awk arithmetic on figures, "-" when a figure is missing
calc() { awk "BEGIN { $1 }" 2>/dev/null || echo "-"; }
# ms VALUE: a wrk latency (us, ms, s) in milliseconds
ms() { echo "$1" | awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000;
	else if ($1 ~ /ms$/) v = v; else if ($1 ~ /s$/) v *= 1000; printf "%.2f", v }'; }
# first_province_note: what the PostgreSQL data is, when it is the
# default cut of the input file (scripts/bench-pg.sh)
first_province_note() {
	[ "$(get pg-import data)" != first-province.jsonl ] ||
	    echo ": the lines of \`$(get pg-import from)\` before its second province"
}
# verdict OK: "met" or "**missed**"
verdict() { [ "$1" = 1 ] && echo "met" || echo "**missed**"; }

cat <<EOF
# lvzhi benchmarks

Written by \`make bench\` (mk/bench.mk, scripts/bench.sh) on $(get machine date);
each lvzhi figure was measured beside its baseline in the same run, one
after the other on the same machine (a section run again alone with
\`BENCH_ONLY\` replaces its own figures and keeps the others'). Load
averages at the start of each section are shown: the machine is shared,
and a busy neighbour shows there.

## Machine

| | |
|---|---|
| CPU | $(get machine cpu), $(get machine cores) cores |
| memory | $(get machine mem) |
| system | $(get machine os), $(get machine kernel) |
| compiler | $(get machine cc), \`$(get machine cflags)\` |
| baselines | sqlite3 $(get machine sqlite), $(get machine nginx), $(get machine wrk) |
| lvzhi | $(get machine rev) |

## Summary

EOF

# import
lines=$(get import lines)
l_secs=$(get import lvzhi_secs)
s_secs=$(get import sqlite3_secs)
s_rows=$(get import sqlite3_rows)
l_rate=$(calc "printf \"%.0f\", $lines / $l_secs")
s_rate=$(calc "printf \"%.0f\", $s_rows / $s_secs")
i_ratio=$(calc "printf \"%.2f\", $l_rate / $s_rate")
i_ok=$(calc "print ($l_rate >= 250000 && $i_ratio >= 0.5) ? 1 : 0")
# eval
e_l=$(get eval lvzhi_secs)
e_s=$(get eval sqlite3_secs)
e_ratio=$(calc "printf \"%.2f\", $e_l / $e_s")
e_rss=$(calc "printf \"%.0f\", $(get eval lvzhi_rss_kb) / 1024")
e_ok=$(calc "print ($e_ratio <= 1.5 && $e_rss <= 1024) ? 1 : 0")
# http
h_rps=$(get http eval_rps)
h_p99=$(ms "$(get http eval_p99)")
h_ok=$(calc "print ($h_rps >= 10000 && $h_p99 <= 20) ? 1 : 0")
hz_rps=$(get http evalgz_rps)
hz_p99=$(ms "$(get http evalgz_p99)")
hz_ok=$(calc "print ($hz_rps >= 10000 && $hz_p99 <= 20) ? 1 : 0")
st_l=$(get http static_rps)
st_n=$(get http nginx_rps)
st_ratio=$(calc "printf \"%.2f\", $st_l / $st_n")
st_ok=$(calc "print ($st_ratio >= 0.5) ? 1 : 0")
# create
c_rps=$(get create post_rps)
c_ok=$(calc "print ($c_rps >= 1000) ? 1 : 0")
# rss
rss=$(calc "printf \"%.1f\", $(get rss vmrss_kb) / 1024")
rss_ok=$(calc "print ($rss <= 64) ? 1 : 0")
# PostgreSQL beside SQLite (scripts/bench-pg.sh), when measured
pg_lines=$(get pg-import lines)
pg_i=$(calc "printf \"%.0f\", $pg_lines / $(get pg-import pg_secs)")
pg_is=$(calc "printf \"%.0f\", $pg_lines / $(get pg-import sqlite_secs)")
pg_i_ratio=$(calc "printf \"%.2f\", $pg_i / $pg_is")
pg_i_ok=$(calc "print ($pg_i >= 250000) ? 1 : 0")
pg_e=$(get pg-eval lvzhi_secs)
pg_eq=$(get pg-eval psql_secs)
pg_es=$(get pg-eval-sqlite lvzhi_secs)
pg_e_ratio=$(calc "printf \"%.2f\", $pg_e / $pg_es")
pg_e_base=$(calc "printf \"%.2f\", $pg_e / $pg_eq")
pg_e_rss=$(calc "printf \"%.0f\", $(get pg-eval lvzhi_rss_kb) / 1024")
pg_e_ok=$(calc "print ($pg_e_base <= 1.5 && $pg_e_rss <= 1024) ? 1 : 0")
pg_h=$(get pg-http eval_rps)
pg_h_p99=$(ms "$(get pg-http eval_p99)")
pg_h_ratio=$(calc "printf \"%.2f\", $pg_h / $h_rps")
pg_h_ok=$(calc "print ($pg_h >= 10000 && $pg_h_p99 <= 20) ? 1 : 0")
pg_hz=$(get pg-http evalgz_rps)
pg_hz_p99=$(ms "$(get pg-http evalgz_p99)")
pg_hz_ratio=$(calc "printf \"%.2f\", $pg_hz / $hz_rps")
pg_hz_ok=$(calc "print ($pg_hz >= 10000 && $pg_hz_p99 <= 20) ? 1 : 0")
pg_c=$(get pg-create post_rps)
pg_c_ratio=$(calc "printf \"%.2f\", $pg_c / $c_rps")
pg_c_ok=$(calc "print ($pg_c >= 1000) ? 1 : 0")
pg_rss=$(calc "printf \"%.1f\", $(get pg-rss vmrss_kb) / 1024")
pg_rss_ratio=$(calc "printf \"%.2f\", $pg_rss / $rss")
pg_rss_ok=$(calc "print ($pg_rss <= 64) ? 1 : 0")

# A row of the summary for each section measured (a section run alone
# into an empty results folder leaves the others out, not blank).
row() { [ -f "$R/$1" ] && printf '%s\n' "$2" || true; }
pg_ok=$(calc "print ($(get pages dashboard_p95) <= 300 && $(get pages evaluation_p95) <= 300 && $(get pages ledger_p95) <= 300 && $(get pages warnings_p95) <= 300) ? 1 : 0")
cat <<EOF
| what | lvzhi | baseline | ratio | target | |
|---|---|---|---|---|---|
EOF
row import "| national import, rows/s | $l_rate | sqlite3 .import CSV: $s_rate | $i_ratio× | ≥ 250,000/s and ≥ 0.5× | $(verdict "$i_ok") |"
row eval "| national evaluation, wall | ${e_l} s | GROUP BY query: ${e_s} s | $e_ratio× | ≤ 1.5× | $(verdict "$e_ok") |"
row eval "| national evaluation, peak RSS | $e_rss MiB | query: $(calc "printf \"%.0f\", $(get eval sqlite3_rss_kb) / 1024") MiB | | ≤ 1024 MiB | |"
row http "| GET evaluation of a county, req/s | $h_rps (p99 $h_p99 ms) | | | ≥ 10,000/s, p99 ≤ 20 ms | $(verdict "$h_ok") |"
row http "| the same, gzip accepted, req/s | $hz_rps (p99 $hz_p99 ms) | | | ≥ 10,000/s, p99 ≤ 20 ms | $(verdict "$hz_ok") |"
row http "| static asset, req/s | $st_l | nginx: $st_n | $st_ratio× | ≥ 0.5× | $(verdict "$st_ok") |"
row create "| durable POST /api/v1/records, /s | $c_rps | | | ≥ 1,000/s | $(verdict "$c_ok") |"
row rss "| serve with the demo province, RSS | $rss MiB | | | ≤ 64 MiB | $(verdict "$rss_ok") |"
row pages "| a province office's pages (/, /evaluation, /ledger, /warnings), p95 | $(get pages dashboard_p95), $(get pages evaluation_p95), $(get pages ledger_p95), $(get pages warnings_p95) ms | GET /api/v1/me: $(get pages me_p95) ms | | ≤ 300 ms each | $(verdict "$pg_ok") |"
echo

if [ -f "$R/pg-import" ]; then
	cat <<EOF
### PostgreSQL beside SQLite

The same figures with \`--db postgresql://…\` (section PostgreSQL
below). The import and the evaluation are measured on
\`$(get pg-import data)\` ($pg_lines lines$(first_province_note)) on both
backends; the others beside the SQLite figures above. Ratios are
PostgreSQL ÷ SQLite: below 1 is slower for a rate, above 1 for a time or
a size.

| what | PostgreSQL | SQLite | PG ÷ SQLite | target | |
|---|---|---|---|---|---|
| import, rows/s | $pg_i | $pg_is | $pg_i_ratio× | ≥ 250,000/s | $(verdict "$pg_i_ok") |
| evaluation, wall | ${pg_e} s | ${pg_es} s | $pg_e_ratio× | ≤ 1.5× the GROUP BY (psql ${pg_eq} s: $pg_e_base×) | $(verdict "$pg_e_ok") |
| evaluation, peak RSS | $pg_e_rss MiB | $(calc "printf \"%.0f\", $(get pg-eval-sqlite lvzhi_rss_kb) / 1024") MiB | | ≤ 1024 MiB | |
| GET evaluation of a county, req/s | $pg_h (p99 $pg_h_p99 ms) | $h_rps (p99 $h_p99 ms) | $pg_h_ratio× | ≥ 10,000/s, p99 ≤ 20 ms | $(verdict "$pg_h_ok") |
| the same, gzip accepted, req/s | $pg_hz (p99 $pg_hz_p99 ms) | $hz_rps (p99 $hz_p99 ms) | $pg_hz_ratio× | ≥ 10,000/s, p99 ≤ 20 ms | $(verdict "$pg_hz_ok") |
| durable POST /api/v1/records, /s | $pg_c | $c_rps | $pg_c_ratio× | ≥ 1,000/s | $(verdict "$pg_c_ok") |
| serve with the demo province, RSS | $pg_rss MiB | $rss MiB | $pg_rss_ratio× | ≤ 64 MiB | $(verdict "$pg_rss_ok") |

EOF
fi

if [ -f "$R/pages" ]; then
	cat <<EOF
## Pages of a province office

\`lvzhi serve\` on the national database, logged in through \`POST /login\`
as the 依法治理办公室 of province $(get pages province) (its whole subtree:
$(get pages results) evaluation results in 2025) with a browser's
session cookie; wrk with 1 thread and 2 connections (a few people of one
office at once) for $(get machine duration) s per page, the whole HTML.
p95 from wrk's latency distribution (a Lua \`done()\`). Load average:
$(get pages load). A login leaves the data version alone, so sets made
before stay valid; the first request after \`serve\` starts makes what is
missing (this year's and last year's sets, for the dashboard, once per
change of the data) and fills the server's caches: $(get pages cold_ms) ms.
After a write (the office adds a record of one county's organ over the
API, ten times) the next dashboard brings this year's set up to date, the
county's results evaluated again, not the province's: $(get pages after_write_p50) ms
(median), $(get pages after_write_max) ms (slowest). The baselines, in the same run: \`GET /api/v1/me\`
with the same cookie (the fixed cost of an authenticated request: session,
router, JSON) and a static asset.

| | p50 ms | p95 ms | p99 ms | max ms | requests | errors | bytes |
|---|---|---|---|---|---|---|---|
EOF
	for p in dashboard:/ evaluation:/evaluation ledger:/ledger \
	    warnings:/warnings warnings_all:/warnings?kind=all me:/api/v1/me \
	    static:/static/app.css; do
		k=${p%%:*}
		printf '| `%s` | %s | %s | %s | %s | %s | %s | %s |\n' "${p#*:}" \
		    "$(get pages ${k}_p50)" "$(get pages ${k}_p95)" \
		    "$(get pages ${k}_p99)" "$(get pages ${k}_max)" \
		    "$(get pages ${k}_n)" "$(get pages ${k}_errors)" \
		    "$(get pages ${k}_bytes)"
	done
	echo
fi

# The sections of a full run (a section run alone into an empty results
# folder leaves them out rather than print them blank).
if [ -f "$R/import" ]; then
cat <<EOF
## Import

The national synthetic year (\`lvzhi gen --scale national --year 2025
--seed 1\`): $lines lines, $(get import records) of them records, imported
with \`lvzhi import\` into a fresh database (one transaction, every line
validated, canonical documents stored; a first load: records many to a
statement, a rollback journal, the file synced as it grows), the file read
once before so that it comes from the page cache. The baseline writes the rows lvzhi
stored (every column, the canonical \`doc\` included) out as CSV and loads
them with the sqlite3 shell's \`.import --csv\` into a fresh database of the
same schema (same indexes, UNIQUE and CHECK constraints), in one
transaction with the pragmas lvzhi's import uses (synchronous NORMAL, a
256 MiB page cache, foreign keys off). Load average: $(get import load).

| | seconds | rows | rows/s | peak RSS |
|---|---|---|---|---|
| lvzhi import | $l_secs | $lines | $l_rate | $(calc "printf \"%.0f MiB\", $(get import lvzhi_rss_kb) / 1024") |
| sqlite3 .import | $s_secs | $s_rows | $s_rate | |

## Evaluation

\`lvzhi eval --year 2025 --format json > /dev/null\` over the imported
national database ($(get eval results) results), beside the bare
aggregation the evaluation cannot do without:

    $(get eval query)

Medians of three runs (hyperfine) after one warm-up run of each; peak RSS
from GNU time. Load average: $(get eval load).

| | median wall | peak RSS |
|---|---|---|
| lvzhi eval | ${e_l} s | $e_rss MiB |
| sqlite3 GROUP BY | ${e_s} s | $(calc "printf \"%.0f MiB\", $(get eval sqlite3_rss_kb) / 1024") |

## HTTP

\`lvzhi serve\` on the national database (default settings: 4 threads,
access log off), wrk with 2 threads and 32 connections for
$(get machine duration) s per figure, on the same 2 cores. Load average:
$(get http load).

- \`GET /api/v1/evaluation?year=2025&region=$(get http county)\` with a
  bearer token of the province's 依法治理办公室 account: $(get http county_results)
  results, $(get http county_bytes) bytes of JSON ($(get http county_gzip_bytes)
  bytes when the client accepts gzip, as browsers do). Between two writes
  the answer comes from the evaluation cache; computing it afresh (the
  first request after a write) takes $(get http county_eval_ms) ms, measured
  as \`lvzhi eval\` of the county.
- \`GET /static/app.css\` ($(get http asset_bytes) bytes), and nginx
  (Debian's, 2 workers, access log off, sendfile, the same security
  headers) serving the same file on loopback.

| | req/s | p50 | p90 | p99 | requests | errors |
|---|---|---|---|---|---|---|
| lvzhi evaluation (county) | $h_rps | $(get http eval_p50) | $(get http eval_p90) | $(get http eval_p99) | $(get http eval_requests) | $(get http eval_errors) |
| lvzhi evaluation (county), gzip | $hz_rps | $(get http evalgz_p50) | $(get http evalgz_p90) | $(get http evalgz_p99) | $(get http evalgz_requests) | $(get http evalgz_errors) |
| lvzhi static asset | $st_l | $(get http static_p50) | $(get http static_p90) | $(get http static_p99) | $(get http static_requests) | $(get http static_errors) |
| nginx static asset | $st_n | $(get http nginx_p50) | $(get http nginx_p90) | $(get http nginx_p99) | $(get http nginx_requests) | $(get http nginx_errors) |

## Durable record creation

\`POST /api/v1/records\` with a bearer token, each a new record (wrk, 2
threads, 8 connections, a Lua script giving every request its own id).
Every request is its own transaction, committed with WAL and
\`synchronous = FULL\` (an fsync per commit) and an audit entry.
Load average: $(get create load).

| | req/s | p50 | p99 | requests | stored | errors |
|---|---|---|---|---|---|---|
| POST /api/v1/records | $c_rps | $(get create post_p50) | $(get create post_p99) | $(get create post_requests) | $(get create stored) | $(get create post_errors) |

## Resident memory

\`lvzhi serve\` on the demo province ($(get rss records) records, a
$(calc "printf \"%.0f\", $(get rss db_bytes) / 1048576") MiB database): at start
$(calc "printf \"%.1f\", $(get rss start_kb) / 1024") MiB; loaded — the
province's and a county's evaluation, the ledger, the regions and the
assets each requested three times, then the county's evaluation for 5 s
under wrk — VmRSS **$rss MiB** (peak so far VmHWM
$(calc "printf \"%.1f\", $(get rss vmhwm_kb) / 1024") MiB). Load average: $(get rss load).

The worst case, for the record: 16 clients at once asking for the whole
province's evaluation ($(calc "printf \"%.1f\", $(get rss province_bytes) / 1048576") MB of JSON each, too large for
the cache, so each is computed and held until sent) for 5 s: peak
$(calc "printf \"%.0f\", $(get rss burst_hwm_kb) / 1024") MiB, and
$(calc "printf \"%.1f\", $(get rss after_burst_kb) / 1024") MiB resident a second after.

EOF
fi

if [ -f "$R/pg-import" ]; then
	cat <<EOF
## PostgreSQL

PostgreSQL $(get pg-import version) (Debian's), a throwaway cluster made
and removed by the run (tests/pg/cluster.sh: unix socket only, trust
authentication), on the same disk as the SQLite files, with
\`$(get pg-import settings)\`; $(get pg-import durable). lvzhi connects with
\`--db 'postgresql:///bench?host=…'\`; \`lvzhi serve\` as on SQLite (4
threads; a request takes a connection from the server's pool) with
\`--evidence-dir\`.

**Import.** \`lvzhi import\` of \`$(get pg-import data)\`
($pg_lines lines$(first_province_note); $(get pg-import records) records,
$(get pg-import stored) stored) into a new database, and the same file
into a new SQLite file, one after the other. Load average:
$(get pg-import load).

| | seconds | rows/s | client peak RSS |
|---|---|---|---|
| PostgreSQL | $(get pg-import pg_secs) | $pg_i | $(calc "printf \"%.0f MiB\", $(get pg-import pg_rss_kb) / 1024") |
| SQLite | $(get pg-import sqlite_secs) | $pg_is | $(calc "printf \"%.0f MiB\", $(get pg-import sqlite_rss_kb) / 1024") |

The PostgreSQL database is then $(calc "printf \"%.0f\", $(get pg-import db_bytes) / 1048576") MiB.
At this rate the national file ($lines lines) would take about
$(calc "printf \"%.0f\", $lines / $pg_i / 60") minutes, which is why the
run imports the first province only.

**Evaluation** of that data (\`lvzhi eval --year 2025 --format json\`,
$(get pg-eval results) results on PostgreSQL, $(get pg-eval-sqlite results)
on SQLite), medians of three runs after a warm-up, beside the GROUP BY
above in each backend's client. Load average: $(get pg-eval load).

| | lvzhi eval | peak RSS | GROUP BY | its peak RSS |
|---|---|---|---|---|
| PostgreSQL | ${pg_e} s | $pg_e_rss MiB | psql ${pg_eq} s | $(calc "printf \"%.0f MiB\", $(get pg-eval psql_rss_kb) / 1024") |
| SQLite | ${pg_es} s | $(calc "printf \"%.0f MiB\", $(get pg-eval-sqlite lvzhi_rss_kb) / 1024") | sqlite3 $(get pg-eval-sqlite sqlite3_secs) s | $(calc "printf \"%.0f MiB\", $(get pg-eval-sqlite sqlite3_rss_kb) / 1024") |

**HTTP**, as on SQLite: \`GET /api/v1/evaluation?year=2025&region=$(get pg-http county)\`
($(get pg-http county_results) results, $(get pg-http county_bytes) bytes;
computed afresh in $(get pg-http county_eval_ms) ms). Load average:
$(get pg-http load).

| | req/s | p50 | p90 | p99 | requests | errors |
|---|---|---|---|---|---|---|
| evaluation (county) | $pg_h | $(get pg-http eval_p50) | $(get pg-http eval_p90) | $(get pg-http eval_p99) | $(get pg-http eval_requests) | $(get pg-http eval_errors) |
| evaluation (county), gzip | $pg_hz | $(get pg-http evalgz_p50) | $(get pg-http evalgz_p90) | $(get pg-http evalgz_p99) | $(get pg-http evalgz_requests) | $(get pg-http evalgz_errors) |

**Durable record creation**, as on SQLite (every commit flushed: fsync
and synchronous_commit on). Load average: $(get pg-create load).

| | req/s | p50 | p99 | requests | stored | errors |
|---|---|---|---|---|---|---|
| POST /api/v1/records | $pg_c | $(get pg-create post_p50) | $(get pg-create post_p99) | $(get pg-create post_requests) | $(get pg-create stored) | $(get pg-create post_errors) |

**Resident memory** of \`lvzhi serve\` on the demo province in PostgreSQL
($(get pg-rss records) records, a $(calc "printf \"%.0f\", $(get pg-rss db_bytes) / 1048576") MiB
database), loaded as on SQLite: at start
$(calc "printf \"%.1f\", $(get pg-rss start_kb) / 1024") MiB, loaded
**$pg_rss MiB** (VmHWM $(calc "printf \"%.1f\", $(get pg-rss vmhwm_kb) / 1024") MiB);
the 16-client province burst peaked at
$(calc "printf \"%.0f\", $(get pg-rss burst_hwm_kb) / 1024") MiB,
$(calc "printf \"%.1f\", $(get pg-rss after_burst_kb) / 1024") MiB a second after.
This is lvzhi's memory only: the PostgreSQL server's processes (and its
shared buffers) are not counted. Load average: $(get pg-rss load).

**Why the figures differ.** SQLite runs inside lvzhi's process: a
statement is a function call. On PostgreSQL every statement is a round
trip over the socket to a server process, on the same 2 cores: a cached
county answer takes ten (two read transactions: BEGIN, the session,
token, account and region lookups, COMMIT; BEGIN, the region and the
audit log's last entry for the cache's version, COMMIT — counted with
\`log_statement = all\`), and a created record about sixteen. Writers
also queue on one advisory lock (the audit chain has one head), held
until COMMIT has flushed the WAL, so commits do not share a flush. The
import is one prepared upsert per line, each a round trip, with the
indexes kept up to date row by row (SQLite's import drops the secondary
indexes of empty tables and builds them once). The evaluation's
statements are the same on both; the driver receives each result whole
before the first row is read (no single-row mode), so its peak memory
grows with the largest result.

EOF
fi

cat <<EOF
## How to reproduce

    sh scripts/bench-deps.sh   # wrk, nginx, hyperfine, jq, perf, valgrind (root)
    make bench                 # or: make bench BENCH_ONLY="eval http"
    make bench BENCH_ONLY=pg   # the PostgreSQL sections only (pg-import pg-eval …)

The national file and its databases are made in build/bench/ (git-ignored;
about 6 GB). \`BENCH_DURATION=N\` sets the seconds per wrk figure;
\`BENCH_DATA=FILE\` (with \`BENCH_DB\`, \`BENCH_RESULTS\`, \`BENCH_OUT\`
elsewhere) runs the sections on another file, such as a sample, to try
the script without the national year (scripts/bench.sh);
\`BENCH_PG_DATA=FILE\` gives the PostgreSQL sections another file than
the input's first province (scripts/bench-pg.sh).

EOF
[ -f "$NOTES" ] && cat "$NOTES"
exit 0
