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
# verdict OK: "met" or "**missed**"
verdict() { [ "$1" = 1 ] && echo "met" || echo "**missed**"; }

cat <<EOF
# lvzhi benchmarks

Written by \`make bench\` (mk/bench.mk, scripts/bench.sh) on $(get machine date);
every figure below comes from that one run, and each lvzhi figure was
measured beside its baseline in the same run, one after the other on the
same machine. Load averages at the start of each section are shown: the
machine is shared, and a busy neighbour shows there.

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

cat <<EOF
| what | lvzhi | baseline | ratio | target | |
|---|---|---|---|---|---|
| national import, rows/s | $l_rate | sqlite3 .import CSV: $s_rate | $i_ratio× | ≥ 250,000/s and ≥ 0.5× | $(verdict "$i_ok") |
| national evaluation, wall | ${e_l} s | GROUP BY query: ${e_s} s | $e_ratio× | ≤ 1.5× | $(verdict "$e_ok") |
| national evaluation, peak RSS | $e_rss MiB | query: $(calc "printf \"%.0f\", $(get eval sqlite3_rss_kb) / 1024") MiB | | ≤ 1024 MiB | |
| GET evaluation of a county, req/s | $h_rps (p99 $h_p99 ms) | | | ≥ 10,000/s, p99 ≤ 20 ms | $(verdict "$h_ok") |
| the same, gzip accepted, req/s | $hz_rps (p99 $hz_p99 ms) | | | ≥ 10,000/s, p99 ≤ 20 ms | $(verdict "$hz_ok") |
| static asset, req/s | $st_l | nginx: $st_n | $st_ratio× | ≥ 0.5× | $(verdict "$st_ok") |
| durable POST /api/v1/records, /s | $c_rps | | | ≥ 1,000/s | $(verdict "$c_ok") |
| serve with the demo province, RSS | $rss MiB | | | ≤ 64 MiB | $(verdict "$rss_ok") |

## Import

The national synthetic year (\`lvzhi gen --scale national --year 2025
--seed 1\`): $lines lines, $(get import records) of them records, imported
with \`lvzhi import\` into a fresh database (one transaction, every line
validated, canonical documents stored). The baseline writes the rows lvzhi
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

## How to reproduce

    sh scripts/bench-deps.sh   # wrk, nginx, hyperfine, jq, perf, valgrind (root)
    make bench                 # or: make bench BENCH_ONLY="eval http"

The national file and its databases are made in build/bench/ (git-ignored;
about 6 GB). \`BENCH_DURATION=N\` sets the seconds per wrk figure;
\`BENCH_DATA=FILE\` (with \`BENCH_DB\`, \`BENCH_RESULTS\`, \`BENCH_OUT\`
elsewhere) runs the sections on another file, such as a sample, to try
the script without the national year (scripts/bench.sh).

EOF
[ -f "$NOTES" ] && cat "$NOTES"
exit 0
