#!/bin/sh
# make run: a fresh demo database and the demo province's evaluation.
# The database is demo.db in the project folder; it is rebuilt each time
# so the demo always starts from the same state.
set -eu
cd "$(dirname "$0")/.."

DB=demo.db
YEAR=${YEAR:-$(($(date +%Y) - 1))}
OUT=build/demo
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm"

./lvzhi rules check
./lvzhi --db "$DB" demo --year "$YEAR"
./lvzhi --db "$DB" audit verify
./lvzhi --db "$DB" eval --year "$YEAR" --format json >"$OUT/eval-$YEAR.json"
./lvzhi --db "$DB" eval --year "$YEAR" --format csv >"$OUT/eval-$YEAR.csv"
./lvzhi --db "$DB" eval --year "$YEAR" --format table >"$OUT/eval-$YEAR.txt"

echo
echo "== 贵阳市(520100)$YEAR 年度考评 =="
./lvzhi --db "$DB" eval --year "$YEAR" --region 520100 --format table
echo
echo "== 全省汇总 =="
tail -n 1 "$OUT/eval-$YEAR.txt"
cat <<MSG

演示数据库 Demo database:  $DB
全省考评结果 Full results:  $OUT/eval-$YEAR.txt  $OUT/eval-$YEAR.json  $OUT/eval-$YEAR.csv
试试 Try:  ./lvzhi --db $DB eval --year $YEAR --region 520102 --format table
           ./lvzhi --db $DB coverage --date $YEAR-06-30 --region 520100
           ./lvzhi rules show
MSG
