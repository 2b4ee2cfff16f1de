# Benchmarks: `make bench` builds an optimised binary in build/bench/ and
# runs scripts/bench.sh, which measures lvzhi beside its baselines (the
# sqlite3 shell, nginx) in one run, then the same on PostgreSQL beside
# SQLite on a throwaway cluster (scripts/bench-pg.sh), and writes
# bench/RESULTS.md. The data
# (a national synthetic year, several GB with its databases) lives in
# build/bench/, which git ignores. Not part of `make check`.
#
#   make bench                  everything (about 20 minutes on 2 cores)
#   make bench BENCH_ONLY="eval http"   some of: import eval http create rss
#                               pg-import pg-eval pg-http pg-create pg-rss
#                               (pg: all five)
#   BENCH_DATA, BENCH_DB, BENCH_RESULTS, BENCH_OUT: see scripts/bench.sh
#   BENCH_PG_DATA: see scripts/bench-pg.sh

BENCH_CFLAGS ?= -O2 -g
BENCH_ONLY   ?=

bench: bench-deps
	$(MAKE) BUILD=build/bench/obj CFLAGS='$(BENCH_CFLAGS)' build/bench/lvzhi
	BENCH_ONLY='$(BENCH_ONLY)' BENCH_CFLAGS='$(BENCH_CFLAGS)' \
	    sh scripts/bench.sh build/bench/lvzhi

bench-deps:
	sh scripts/bench-deps.sh

build/bench/lvzhi: $(BUILD)/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

.PHONY: bench bench-deps
