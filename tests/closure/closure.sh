#!/bin/sh
# Closing a year (docs/contract.md, "Closing a year"), TAP: a closed
# year's evaluation is byte-identical before and after a catalog change
# and an import (JSON, CSV and table); a line that would change a record
# of the closed year is refused with FILE:LINE: date: and nothing of its
# file is written, an identical one passes, a later year's is taken; the
# reason rule of close and reopen; nested closures; both audited.
cd "$(dirname "$0")/../.." || exit 1
BIN=${LVZHI_BIN:-$PWD/build/san/lvzhi}
# The shipped catalog's file (LVZHI_RULES may name the rules directory).
RULES=$PWD/rules/guizhou-2020.md
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# On PostgreSQL (LVZHI_TEST_PG, tests/pg/cluster.sh run) a database of
# its own, as the HTTP tests make them; else a file.
DB="$T/t.db"
[ -n "$LVZHI_TEST_PG" ] && DB="postgresql:///closure$$?$LVZHI_TEST_PG"
export LVZHI_DB="$DB" LVZHI_RULES="$RULES"
unset LVZHI_TODAY
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
lv() { "$BIN" "$@"; }

# Two counties; 南明区's party secretary meets 5.1-hearings with two.
W="$T/world.jsonl"
cat >"$W" <<'JSONL'
{"type":"region","code":"520000","name":"贵州省","level":"province","parent":null}
{"type":"region","code":"520100","name":"贵阳市","level":"prefecture","parent":"520000"}
{"type":"region","code":"520102","name":"南明区","level":"county","parent":"520100"}
{"type":"region","code":"520103","name":"云岩区","level":"county","parent":"520100"}
{"type":"organ","id":"520102-party","region":"520102","kind":"party_committee","name":"中共南明区委员会"}
{"type":"organ","id":"520103-party","region":"520103","kind":"party_committee","name":"中共云岩区委员会"}
{"type":"person","id":"p-nm","name":"南明甲"}
{"type":"person","id":"p-yy","name":"云岩乙"}
{"type":"tenure","id":"t-nm","person":"p-nm","organ":"520102-party","role":"principal","start":"2021-06-01","end":null}
{"type":"tenure","id":"t-yy","person":"p-yy","organ":"520103-party","role":"principal","start":"2021-06-01","end":null}
{"type":"record","id":"r-h1","kind":"rol_report_hearing","organ":"520102-party","date":"2025-03-10","title":"听取法治建设工作汇报"}
{"type":"record","id":"r-h2","kind":"rol_report_hearing","organ":"520102-party","date":"2025-09-15","title":"听取法治建设工作汇报(下半年)"}
{"type":"record","id":"r-y1","kind":"rol_report_hearing","organ":"520103-party","date":"2025-05-10","title":"云岩区听取汇报"}
JSONL
lv init >/dev/null 2>&1 && lv import "$W" >/dev/null 2>&1 ||
    { echo "Bail out! cannot set up"; exit 1; }

# The reason rule: before 1 April of Y+1 a close needs one.
LVZHI_TODAY=2026-03-31 lv close --year 2025 >"$T/out" 2>&1
rc=$?
check "close before 1 April of Y+1 without --reason: exit 2" "[ $rc -eq 2 ]"
check "... saying a reason is needed" "grep -q 'needs a reason' '$T/out'"
LVZHI_TODAY=2025-12-31 lv close --year 2025 --reason x >/dev/null 2>&1
check "a year not ended cannot be closed (exit 2)" "[ $? -eq 2 ]"
lv eval --year 2025 --format json >"$T/open.json" 2>/dev/null
check "nothing closed: no \"closed\" in the evaluation" \
    "! grep -q '\"closed\"' '$T/open.json'"

# Close 南明区 early, with a reason, then everything after 1 April.
LVZHI_TODAY=2026-02-01 lv close --year 2025 --region 520102 \
    --reason '年度考评结果已审定' >/dev/null 2>&1
check "close --region with a reason before 1 April: exit 0" "[ $? -eq 0 ]"
LVZHI_TODAY=2026-02-01 lv close --year 2025 --region 520102 \
    --reason again >/dev/null 2>&1
check "closing a closed subtree again: exit 2" "[ $? -eq 2 ]"
LVZHI_TODAY=2026-04-01 lv close --year 2025 >/dev/null 2>&1
check "close of everything from 1 April needs no reason (exit 0)" \
    "[ $? -eq 0 ]"
lv reopen --year 2025 --region 520102 --reason '复核' >"$T/out" 2>&1
check "a closure inside another is not reopened alone (exit 2)" \
    "[ $? -eq 2 ] && grep -q 'reopen that one' '$T/out'"

for f in json csv table; do
	lv eval --year 2025 --format $f >"$T/before.$f" 2>/dev/null
done
lv eval --year 2025 --region 520103 --format json >"$T/before-yy.json" \
    2>/dev/null
check "every frozen result has \"closed\":true" \
    "[ \$(grep -c '^{.*\"closed\":true}' '$T/before.json') -eq 2 ]"
check "the top level has \"closed\":true" \
    "tail -n 1 '$T/before.json' | grep -q '^],\"closed\":true}'"
check "frozen results are the computed ones, \"closed\" added" \
    "sed 's/,\"closed\":true}/}/' '$T/before.json' | cmp -s - '$T/open.json'"

# A changed catalog: another version, 5.1-hearings at least 3.
sed -e 's/^version: 2020.1$/version: 2020.9/' \
    -e '/^id: 5.1-hearings$/,/^min:/s/^min: 2 .*$/min: 3 〔解释:本系统默认,由依法治省办确定〕/' \
    "$RULES" >"$T/mod.md"
LVZHI_RULES="$T/mod.md" lv rules check "$T/mod.md" >/dev/null 2>&1
check "the changed catalog is valid" "[ $? -eq 0 ]"
# The same data open, evaluated under the changed catalog.
LVZHI_DB="$T/probe.db" lv init >/dev/null 2>&1
LVZHI_DB="$T/probe.db" lv import "$W" >/dev/null 2>&1
LVZHI_DB="$T/probe.db" LVZHI_RULES="$T/mod.md" lv eval --year 2025 \
    --format json >"$T/probe.json" 2>/dev/null
check "the change would alter the open evaluation (the test bites)" \
    "! cmp -s '$T/probe.json' '$T/open.json'"

# New records of 2026, and an identical line of 2025.
N="$T/new.jsonl"
sed -n '/"r-h1"/p' "$W" >"$N"
cat >>"$N" <<'JSONL'
{"type":"record","id":"r-26a","kind":"rol_report_hearing","organ":"520102-party","date":"2026-01-10","title":"2026年汇报"}
{"type":"record","id":"r-26b","kind":"rol_report_hearing","organ":"520103-party","date":"2026-02-10","title":"2026年汇报"}
JSONL
LVZHI_TODAY=2026-05-01 LVZHI_RULES="$T/mod.md" lv import "$N" >"$T/out" 2>&1
check "records after the year and an identical line pass (exit 0)" \
    "[ $? -eq 0 ] && grep -q '新增 2,更新 0,未变 1' '$T/out'"
for f in json csv table; do
	LVZHI_RULES="$T/mod.md" lv eval --year 2025 --format $f \
	    >"$T/after.$f" 2>/dev/null
	check "a closed year's $f is byte-identical after a catalog change and an import" \
	    "cmp -s '$T/before.$f' '$T/after.$f'"
done
LVZHI_RULES="$T/mod.md" lv eval --year 2025 --region 520103 --format json \
    >"$T/after-yy.json" 2>/dev/null
check "... and a closed region's (--region)" \
    "cmp -s '$T/before-yy.json' '$T/after-yy.json'"

# Lines that would change a closed year: refused, nothing of the file.
B="$T/bad.jsonl"
cat >"$B" <<'JSONL'
{"type":"record","id":"r-26c","kind":"rol_report_hearing","organ":"520102-party","date":"2026-03-10","title":"2026年又一次"}
{"type":"record","id":"r-h1","kind":"rol_report_hearing","organ":"520102-party","date":"2025-03-11","title":"听取法治建设工作汇报"}
{"type":"record","id":"r-25x","kind":"rol_report_hearing","organ":"520103-party","date":"2025-12-01","title":"补录"}
{"type":"record","id":"r-h2","kind":"rol_report_hearing","organ":"520102-party","date":"2026-01-15","title":"移出年度"}
JSONL
LVZHI_TODAY=2026-05-01 lv import "$B" >"$T/out" 2>&1
rc=$?
check "a file changing a closed year: exit 2" "[ $rc -eq 2 ]"
for l in 2 3 4; do
	check "line $l reported as FILE:LINE: date:" \
	    "grep -q 'bad.jsonl:$l: date: ' '$T/out'"
done
check "line 4 moves a record out of the closed year: the stored one is told" \
    "grep -q 'bad.jsonl:4: date: the stored record lies in a closed year' '$T/out'"
check "line 3 names the closed year" \
    "grep -q 'bad.jsonl:3: date: 2025 is a closed year' '$T/out'"
check "line 1 (2026) is not reported" "! grep -q 'bad.jsonl:1:' '$T/out'"
lv eval --year 2026 --format json >"$T/y26.json" 2>/dev/null
check "nothing of the refused file was written" \
    "! grep -q 'r-26c' '$T/y26.json' && grep -q 'r-26a' '$T/y26.json'"
printf '%s\n' '{"type":"score","person":"p-yy","year":2025,"duty":"5.1-leadership","score":80,"by":"评议组"}' >"$T/score.jsonl"
lv import "$T/score.jsonl" >"$T/out" 2>&1
check "a score of the closed year: exit 2 naming year" \
    "[ $? -eq 2 ] && grep -q 'score.jsonl:1: year: ' '$T/out'"

# Reopen: a reason, then the year is computed again.
lv reopen --year 2025 >"$T/out" 2>&1
check "reopen without --reason: exit 2" "[ $? -eq 2 ]"
lv reopen --year 2025 --reason '发现错误,依程序重新考评' >/dev/null 2>&1
check "reopen of everything with a reason: exit 0" "[ $? -eq 0 ]"
lv eval --year 2025 --format json >"$T/re.json" 2>/dev/null
check "南明区 stays closed, 云岩区 is computed again" \
    "[ \$(grep -c '^{.*\"closed\":true}' '$T/re.json') -eq 1 ] &&
    tail -n 1 '$T/re.json' | grep -qx ']}'"
lv reopen --year 2025 --region 520102 --reason '复核' >/dev/null 2>&1
check "then 南明区 reopens (exit 0)" "[ $? -eq 0 ]"
lv import "$B" >/dev/null 2>&1
check "and its lines are taken" "[ $? -eq 0 ]"

# Both audited, in the log's chain.
lv audit verify >/dev/null 2>&1
check "the audit log verifies" "[ $? -eq 0 ]"
Q="SELECT action || ' ' || entity FROM audit WHERE action LIKE 'year.%'
    ORDER BY seq"
a=
if [ -n "$LVZHI_TEST_PG" ]; then
	a=$(psql -X -q -A -t "$DB" -c "$Q")
elif command -v sqlite3 >/dev/null 2>&1; then
	a=$(sqlite3 "$DB" "$Q")
fi
if [ -n "$a" ]; then
	check "close and reopen are audited" "[ \"\$a\" = 'year.close closure:2025:520102
year.close closure:2025
year.reopen closure:2025
year.reopen closure:2025:520102' ]"
fi
echo "1..$n"
[ "$fails" -eq 0 ]
