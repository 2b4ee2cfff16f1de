/* The PostgreSQL schema's migrations (schema-pg.c). */
#ifndef LVZHI_SCHEMA_PG_H
#define LVZHI_SCHEMA_PG_H

#include <stddef.h>

struct db;

/* The number of migrations: the schema version this build writes. */
size_t schema_pg_count(void);
/* Applies the migrations db lacks in one transaction; 0, or -1 with err
 * filled (a newer schema than this build knows is an error). */
int schema_pg_migrate(struct db *db, char *err, size_t n);

#endif
