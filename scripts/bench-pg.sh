# The PostgreSQL half of `make bench`, sourced by scripts/bench.sh (its
# helpers and variables): the same figures as the SQLite sections, on a
# throwaway cluster in build/bench/pg that this part starts and stops.
#
#   pg-import  lvzhi import into PostgreSQL, beside lvzhi import of the
#              same file into SQLite
#   pg-eval    the year's evaluation (wall, peak RSS) beside the GROUP BY
#              in psql, and beside lvzhi's evaluation of the same data in
#              SQLite
#   pg-http    wrk on GET /api/v1/evaluation of the first county
#   pg-create  durable POST /api/v1/records per second
#   pg-rss     resident memory of lvzhi serve with the demo province
#
# BENCH_ONLY="pg" picks them all. The import is one upsert per line in one
# transaction (sent in pipelined batches), still about ten times slower
# than SQLite's, so the data is by
# default the first province of the input file (the lines before the
# second province's region line: the county of the http figures and its
# records are those of the SQLite run); BENCH_PG_DATA=FILE names another
# (the national file itself, given the time).
#
# The server: Debian's PostgreSQL (tests/pg/cluster.sh), unix socket only,
# with the settings PGOPTS below: fsync and synchronous_commit left on, so
# a created record is durable as on SQLite.

PGOPTS="-c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=64MB \
-c maintenance_work_mem=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min \
-c wal_buffers=16MB"

pg_any=0
for s in pg-import pg-eval pg-http pg-create pg-rss; do
	if want $s; then pg_any=1; fi
done

if [ $pg_any = 1 ]; then
	if [ -n "${BENCH_PG_DATA:-}" ]; then
		PGDATA_FILE=$BENCH_PG_DATA
	else
		PGDATA_FILE=$W/first-province.jsonl
		awk '/^\{"type":"region",.*"level":"province"/ { if (++n == 2) exit }
		    { print }' "$DATA" >"$PGDATA_FILE"
	fi
	PG_LINES=$(wc -l <"$PGDATA_FILE")
	PG_RECORDS=$(grep -c '^{"type":"record"' "$PGDATA_FILE" || true)

	say "pg: starting a cluster in $W/pg"
	sh "$ROOT/tests/pg/cluster.sh" stop "$W/pg"
	PG_DIR=$W/pg
	PGQ=$(LVZHI_PGOPTS=$PGOPTS sh "$ROOT/tests/pg/cluster.sh" start "$PG_DIR")
	PGURL="postgresql:///bench?$PGQ"
	PGDEMO="postgresql:///demo?$PGQ"
	# Evidence files are files on PostgreSQL too: serve wants a directory.
	EVD=$W/pg-evidence
	rm -rf "$EVD"
	mkdir -p "$EVD"
	# SQLite beside, on the same data.
	BESIDE=$W/pg-beside.db

	# ---- pg-import ---------------------------------------------------
	say "pg-import: lvzhi import of $PG_LINES lines into PostgreSQL"
	begin pg-import
	import_timed pg-import pg "$PGURL" "$PGDATA_FILE"
	say "pg-import: the same into SQLite"
	import_timed pg-import sqlite "$BESIDE" "$PGDATA_FILE"
	put pg-import lines "$PG_LINES"
	put pg-import records "$PG_RECORDS"
	put pg-import data "$(basename "$PGDATA_FILE")"
	put pg-import from "$(basename "$DATA")"
	put pg-import stored "$(q "$PGURL" "SELECT count(*) FROM record")"
	put pg-import version "$(q "$PGURL" "SHOW server_version" | cut -d' ' -f1)"
	put pg-import settings "$PGOPTS"
	put pg-import durable "$(q "$PGURL" "SELECT 'fsync ' ||
	    current_setting('fsync') || ', synchronous_commit ' ||
	    current_setting('synchronous_commit')")"
	put pg-import db_bytes "$(q "$PGURL" "SELECT
	    pg_database_size(current_database())")"
	commit pg-import

	PG_PROVINCE=$(first_region "$PGURL" province)
	PG_COUNTY=$(first_region "$PGURL" county "$PG_PROVINCE/")

	# ---- pg-eval -----------------------------------------------------
	if want pg-eval; then
		say "pg-eval: the year $YEAR on PostgreSQL and SQLite"
		begin pg-eval
		eval_run pg-eval "$PGURL" psql
		commit pg-eval
		begin pg-eval-sqlite
		eval_run pg-eval-sqlite "$BESIDE" sqlite3
		commit pg-eval-sqlite
	fi

	# ---- pg-http -----------------------------------------------------
	if want pg-http; then
		begin pg-http
		TOKEN=$(token "$PGURL" "$PG_PROVINCE")
		serve "$PGURL" --evidence-dir "$EVD"
		http_eval pg-http "$PGURL" "$TOKEN" "$PG_COUNTY"
		stop "$SERVE_PID"
		commit pg-http
	fi

	# ---- pg-create ---------------------------------------------------
	if want pg-create; then
		begin pg-create
		TOKEN=$(token "$PGURL" "$PG_PROVINCE")
		create_run pg-create "$PGURL" "$PG_COUNTY" --evidence-dir "$EVD"
		commit pg-create
	fi

	# ---- pg-rss ------------------------------------------------------
	if want pg-rss; then
		begin pg-rss
		"$BIN" --db "$PGDEMO" demo --year $YEAR 2>/dev/null
		TOKEN=$(token "$PGDEMO" 520000)
		rss_run pg-rss "$PGDEMO" --evidence-dir "$EVD"
		put pg-rss db_bytes "$(q "$PGDEMO" "SELECT
		    pg_database_size(current_database())")"
		commit pg-rss
	fi

	say "pg: stopping the cluster"
	sh "$ROOT/tests/pg/cluster.sh" stop "$PG_DIR"
	PG_DIR=""
	rm -rf "$EVD" "$BESIDE" "$BESIDE-wal" "$BESIDE-shm"
fi
