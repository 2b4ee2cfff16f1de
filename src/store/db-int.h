/*
 * Internal to the query layer: what a driver provides. A driver's
 * connection and statement structs begin with struct db and struct
 * db_stmt, so db.c reaches the driver through the first member.
 */
#ifndef LVZHI_DB_INT_H
#define LVZHI_DB_INT_H

#include "store/db.h"

struct db_driver {
	void (*close)(struct db *);
	const char *(*error)(const struct db *);
	int (*unique_violation)(const struct db *);
	int (*exec)(struct db *, const char *);
	int (*begin)(struct db *);
	int (*begin_read)(struct db *);
	int (*commit)(struct db *);
	int (*in_transaction)(struct db *);
	int64_t (*changes)(struct db *);
	int64_t (*last_id)(struct db *);
	struct db_stmt *(*prepare)(struct db *, const char *);
	void (*finalize)(struct db_stmt *);
	void (*reset)(struct db_stmt *);
	void (*bind_null)(struct db_stmt *, int);
	void (*bind_text)(struct db_stmt *, int, const char *);
	void (*bind_int64)(struct db_stmt *, int, int64_t);
	void (*bind_double)(struct db_stmt *, int, double);
	int (*step)(struct db_stmt *);
	/* PostgreSQL's alone: NULL in the SQLite driver. */
	void (*stream)(struct db_stmt *);
	int (*pipeline)(struct db *, int);
	int (*send)(struct db_stmt *);
	int (*receive)(struct db_stmt *);
	int (*col_null)(struct db_stmt *, int);
	int64_t (*col_int64)(struct db_stmt *, int);
	double (*col_double)(struct db_stmt *, int);
	const char *(*col_text)(struct db_stmt *, int);
};

struct db {
	const struct db_driver *drv;
	enum db_backend backend;
};

struct db_stmt {
	struct db *db;
};

struct db *db_sqlite_open(const char *path, int create, char *err,
    size_t errlen);
/* A driver's connection struct of size bytes (its struct db first),
 * zeroed, of driver drv and backend b; NULL with the reason in err. */
void *db_new(size_t size, const struct db_driver *drv, enum db_backend b,
    char *err, size_t errlen);
struct db *db_pg_open(const char *url, int create, char *err,
    size_t errlen);

#endif
