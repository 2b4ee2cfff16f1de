/* SQLite migrations, applied in order by store-sqlite.c. */
#ifndef LVZHI_SCHEMA_SQLITE_H
#define LVZHI_SCHEMA_SQLITE_H

#include <stddef.h>

size_t schema_sqlite_count(void);
/* The SQL of migration i (0-based), or NULL. */
const char *schema_sqlite_migration(size_t i);

#endif
