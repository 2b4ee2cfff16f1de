/*
 * The query layer's front: picks the driver from the URL and forwards
 * each call through the driver's table (db-int.h). The helpers that only
 * shape values (keys, dates) are here, once for every driver.
 */
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db-int.h"

int
db_is_postgres_url(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0;
}

struct db *
db_open(const char *url, int create, char *err, size_t errlen)
{
	const char *path = url;
	if (db_is_postgres_url(url))
		return db_pg_open(url, create, err, errlen);
	if (strncmp(url, "sqlite:", 7) == 0)
		path = url + 7;
	else if (strstr(url, "://") != NULL) {
		snprintf(err, errlen, "%s: unsupported database URL (give a "
		    "SQLite file path or a postgresql:// URL)", url);
		return NULL;
	}
	return db_sqlite_open(path, create, err, errlen);
}

void *
db_new(size_t size, const struct db_driver *drv, enum db_backend b,
    char *err, size_t errlen)
{
	struct db *db = calloc(1, size);
	if (db == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	db->drv = drv;
	db->backend = b;
	return db;
}

void
db_close(struct db *db)
{
	if (db != NULL)
		db->drv->close(db);
}

enum db_backend
db_backend(const struct db *db)
{
	return db->backend;
}

const char *
db_error(const struct db *db)
{
	return db->drv->error(db);
}

int
db_unique_violation(const struct db *db)
{
	return db->drv->unique_violation(db);
}

int
db_exec(struct db *db, const char *sql)
{
	return db->drv->exec(db, sql);
}

int
db_begin(struct db *db)
{
	return db->drv->begin(db);
}

int
db_begin_read(struct db *db)
{
	return db->drv->begin_read(db);
}

int
db_commit(struct db *db)
{
	return db->drv->commit(db);
}

int
db_rollback(struct db *db)
{
	return db->drv->exec(db, "ROLLBACK");
}

int
db_in_transaction(struct db *db)
{
	return db->drv->in_transaction(db);
}

int64_t
db_changes(struct db *db)
{
	return db->drv->changes(db);
}

int64_t
db_last_id(struct db *db)
{
	return db->drv->last_id(db);
}

struct db_stmt *
db_prepare(struct db *db, const char *sql)
{
	return db->drv->prepare(db, sql);
}

void
db_finalize(struct db_stmt *st)
{
	if (st != NULL)
		st->db->drv->finalize(st);
}

void
db_reset(struct db_stmt *st)
{
	st->db->drv->reset(st);
}

void
db_bind_null(struct db_stmt *st, int i)
{
	st->db->drv->bind_null(st, i);
}

void
db_bind_text(struct db_stmt *st, int i, const char *v)
{
	if (v == NULL)
		st->db->drv->bind_null(st, i);
	else
		st->db->drv->bind_text(st, i, v);
}

void
db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	st->db->drv->bind_int64(st, i, v);
}

void
db_bind_int(struct db_stmt *st, int i, int v)
{
	st->db->drv->bind_int64(st, i, v);
}

void
db_bind_double(struct db_stmt *st, int i, double v)
{
	st->db->drv->bind_double(st, i, v);
}

void
db_bind_key(struct db_stmt *st, int i, int64_t key)
{
	if (key <= 0)
		st->db->drv->bind_null(st, i);
	else
		st->db->drv->bind_int64(st, i, key);
}

void
db_bind_date(struct db_stmt *st, int i, date_t d, char buf[11])
{
	if (d == DATE_NONE) {
		st->db->drv->bind_null(st, i);
		return;
	}
	date_format(d, buf);
	st->db->drv->bind_text(st, i, buf);
}

void
db_arg_plain(struct db_arg *a)
{
	if (a->type == DB_ARG_KEY)
		a->type = a->v.n > 0 ? DB_ARG_INT64 : DB_ARG_NULL;
	else if (a->type == DB_ARG_DATE && a->v.date == DATE_NONE)
		a->type = DB_ARG_NULL;
	else if (a->type == DB_ARG_DATE) {
		date_format(a->v.date, a->day);
		a->v.text = a->day;
		a->type = DB_ARG_TEXT;
	}
	if (a->type == DB_ARG_TEXT && a->v.text == NULL)
		a->type = DB_ARG_NULL;
}

int
db_bind_args(struct db_stmt *st, int first, size_t n, struct db_arg *a)
{
	const struct db_driver *d = st->db->drv;
	for (size_t k = 0; k < n; k++, first++) {
		db_arg_plain(&a[k]);
		if (a[k].type == DB_ARG_TEXT)
			d->bind_text(st, first, a[k].v.text);
		else if (a[k].type == DB_ARG_INT64)
			d->bind_int64(st, first, a[k].v.n);
		else if (a[k].type == DB_ARG_DOUBLE)
			d->bind_double(st, first, a[k].v.f);
		else
			d->bind_null(st, first);
	}
	return first;
}

int
db_step(struct db_stmt *st)
{
	return st->db->drv->step(st);
}

void
db_stream(struct db_stmt *st)
{
	if (st->db->drv->stream != NULL)
		st->db->drv->stream(st);
}

int
db_pipeline(struct db *db, int on)
{
	return db->drv->pipeline != NULL ? db->drv->pipeline(db, on) : -1;
}

int
db_send(struct db_stmt *st)
{
	return st->db->drv->send != NULL ? st->db->drv->send(st) : -1;
}

int
db_receive(struct db_stmt *st)
{
	return st->db->drv->receive != NULL ? st->db->drv->receive(st) : -1;
}

int
db_col_null(struct db_stmt *st, int i)
{
	return st->db->drv->col_null(st, i);
}

int64_t
db_col_int64(struct db_stmt *st, int i)
{
	return st->db->drv->col_int64(st, i);
}

int
db_col_int(struct db_stmt *st, int i)
{
	return (int)st->db->drv->col_int64(st, i);
}

double
db_col_double(struct db_stmt *st, int i)
{
	return st->db->drv->col_double(st, i);
}

const char *
db_col_text(struct db_stmt *st, int i)
{
	return st->db->drv->col_text(st, i);
}

date_t
db_col_date(struct db_stmt *st, int i)
{
	date_t d;
	const char *t = st->db->drv->col_text(st, i);
	return t != NULL && date_parse(t, &d) == 0 ? d : DATE_NONE;
}
