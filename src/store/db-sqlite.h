/* The SQLite driver's raw handle, for the code that is SQLite's alone
 * (the bulk import path, online backup). */
#ifndef LVZHI_DB_SQLITE_H
#define LVZHI_DB_SQLITE_H

#include <sqlite3.h>

struct db;

/* The connection's handle, owned by db; NULL when db is not SQLite. */
sqlite3 *db_sqlite_handle(struct db *db);
/* Whether the connection waits (up to 10 s) for another's lock, as it
 * does from its opening, or fails at once with SQLITE_BUSY. */
void db_sqlite_wait(sqlite3 *h, int wait);

#endif
