#!/bin/sh
# make run: a fresh demo database, the demo province's evaluation, and the
# web system serving it. The database is demo.db in the project folder; it
# is rebuilt each time so the demo always starts from the same state.
set -eu
cd "$(dirname "$0")/.."

DB=demo.db
YEAR=${YEAR:-$(($(date +%Y) - 1))}
# The year after YEAR runs up to today when today lies in it (the usual
# case: last year in full and this year so far), else to 30 June.
AS_OF=${AS_OF:-$(date +%F)}
case $AS_OF in
$((YEAR + 1))-*) ;;
*) AS_OF=$((YEAR + 1))-06-30 ;;
esac
LISTEN=${LISTEN:-127.0.0.1:8080}
OUT=build/demo
mkdir -p "$OUT"
# The demo's audit head goes with its database: the new database starts a
# new log (its key, lvzhi-audit.key, stays).
rm -rf "$DB" "$DB-wal" "$DB-shm" "$DB.evidence" "$DB.audit-head"

./lvzhi rules check
./lvzhi --db "$DB" demo --year "$YEAR" --as-of "$AS_OF" --accounts
# Last year's evaluation is decided and closed (结转); this year is open.
./lvzhi --db "$DB" close --year "$YEAR" \
    --reason "演示:$YEAR 年度考评结果已经审定,予以结转"
./lvzhi --db "$DB" audit verify
./lvzhi --db "$DB" eval --year "$YEAR" --format json >"$OUT/eval-$YEAR.json"
./lvzhi --db "$DB" eval --year "$YEAR" --format csv >"$OUT/eval-$YEAR.csv"
./lvzhi --db "$DB" eval --year "$YEAR" --format table >"$OUT/eval-$YEAR.txt"

echo
echo "== 贵阳市(520100)$YEAR 年度考评 =="
./lvzhi --db "$DB" eval --year "$YEAR" --region 520100 --format table | head -n 30
echo "…(完整结果见 $OUT/eval-$YEAR.txt)"
echo
echo "== 全省汇总 =="
grep "^共 " "$OUT/eval-$YEAR.txt"
cat <<MSG

演示数据库 Demo database:  $DB
全省考评结果 Full results:  $OUT/eval-$YEAR.txt  $OUT/eval-$YEAR.json  $OUT/eval-$YEAR.csv

打开浏览器 Open in a browser:  http://$LISTEN/
以上演示账号密码均为 Lvzhi@2025 (every demo account above uses this password)
按 Ctrl+C 停止 (Ctrl+C stops the server)
MSG
exec ./lvzhi --db "$DB" serve --listen "$LISTEN"
