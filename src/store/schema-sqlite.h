/* The SQLite schema's migrations (schema-sqlite.c). */
#ifndef LVZHI_SCHEMA_SQLITE_H
#define LVZHI_SCHEMA_SQLITE_H

#include <stddef.h>

struct db;

/* The number of migrations: the schema version this build writes. */
size_t schema_sqlite_count(void);
/* Applies the migrations db lacks, each in its own transaction; 0, or -1
 * with err filled (a newer schema than this build knows is an error). */
int schema_sqlite_migrate(struct db *db, char *err, size_t n);

#endif
