/*
 * Internal to the SQLite backend: the connection, the statement cache and
 * the binding helpers that store-sqlite*.c share. Each file owns a range
 * of cache slots and keeps its SQL beside the code that runs it.
 */
#ifndef LVZHI_STORE_SQLITE_INT_H
#define LVZHI_STORE_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store.h"

enum {
	SLOT_CORE = 0,          /* store-sqlite.c */
	SLOT_WEB = 64,          /* store-sqlite-web.c */
	SLOT_SUPERVISION = 192, /* store-sqlite-supervision.c */
	SLOT_CASES = 256,       /* store-sqlite-cases.c */
	SLOT_REPORTS = 320,     /* store-sqlite-reports.c */
	SLOT_LOGIN = 384,       /* store-sqlite-login.c */
	STORE_SLOTS = 392,
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *slots[STORE_SLOTS];
	char err[512];
	char *rebuild; /* SQL of indexes dropped for a bulk load, or NULL */
};

/* Records the SQLite error in s->err; returns -1. */
int sq_fail(struct store *s, const char *what);
/* The cached statement of slot id (prepared from text on first use),
 * reset and unbound; NULL on failure. */
sqlite3_stmt *sq_stmt(struct store *s, int id, const char *text);
/* Runs a statement that returns no rows; returns 0 or -1. */
int sq_run(struct store *s, sqlite3_stmt *st, const char *what);
/* Steps st calling row(st, cb, ctx) per row; returns 0, the callback's
 * non-zero value, or -1. */
int sq_iterate(struct store *s, sqlite3_stmt *st, const char *what,
    int (*row)(sqlite3_stmt *, void *, void *), void *cb, void *ctx);
/* Text and key binding: NULL text and keys <= 0 bind NULL; the text must
 * outlive the statement's step (SQLITE_STATIC). */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
void sq_bind_key(sqlite3_stmt *st, int i, int64_t key);
void sq_bind_date(sqlite3_stmt *st, int i, date_t d, char buf[11]);
const char *sq_col_text(sqlite3_stmt *st, int i);
date_t sq_col_date(sqlite3_stmt *st, int i);

#endif
