/*
 * Backup and restore for the SQLite backend (store.h); on PostgreSQL both
 * say which of the server's tools to use instead.
 *
 * A backup is SQLite's online backup of the store's connection, taken in
 * one step: it reads one snapshot while the server goes on writing (WAL
 * lets writers commit past a reader), so the copy holds every transaction
 * committed before that moment and nothing of any later one. The copy is
 * written under a temporary name beside its destination, switched to a
 * rollback journal (a single self-contained file), synced, and only then
 * linked to its name, so a backup file is never seen half-written and an
 * existing file is never replaced.
 *
 * A restore never touches the backup file: it is opened read-only, must
 * carry this system's tables and a schema version this build knows, and
 * is copied to a staging file beside the database. The staging copy is
 * migrated, must pass PRAGMA integrity_check and the caller's verify
 * (the audit chain; the restore's own audit entry), and is then renamed
 * over the database, after the database's own write-ahead log has been
 * checkpointed and removed so that no old frame can be replayed onto the
 * new file. A database that another process has open (a running server)
 * is refused: SQLite's connections hold POSIX locks on the database file
 * and on its -shm file's DMS byte for as long as they are open, and
 * F_GETLK sees them.
 */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/schema-sqlite.h"
#include "store/store-int.h"

/* What a PostgreSQL database uses instead: the server's own tools. */
static const char pg_tools[] = "a PostgreSQL database is backed up and "
    "restored with PostgreSQL's tools: pg_dump and pg_restore for one "
    "database, pg_basebackup and WAL archiving for the cluster (see "
    "docs/deploy.md)";

/* The tables of the first migration: every lvzhi database has them. */
static const char *const tables[] = { "region", "organ", "person", "tenure",
	"record", "score", "eval_run", "audit" };

/* The file path of a store URL ("sqlite:PATH" or PATH), or NULL. */
static const char *
file_of(const char *url)
{
	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	return strstr(url, "://") == NULL ? url : NULL;
}

/* Syncs a file, or the directory holding path; returns 0 or -1. */
static int
sync_path(const char *path, int dir)
{
	char copy[PATH_MAX];
	if (snprintf(copy, sizeof copy, "%s", path) >= (int)sizeof copy)
		return -1;
	int fd = open(dir ? dirname(copy) : copy, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* A new empty file named PATH.tag-XXXXXX (mode 0600) into out. */
static int
temp_beside(const char *path, const char *tag, char *out, size_t n)
{
	if (snprintf(out, n, "%s.%s-XXXXXX", path, tag) >= (int)n)
		return -1;
	int fd = mkstemp(out);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
exec1(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/*
 * Copies the whole of database src into the new file at path (opened by
 * SQLite), as one snapshot, and leaves it in rollback-journal mode.
 * Returns 0, or -1 with err filled.
 */
static int
copy_db(sqlite3 *src, const char *path, char *err, size_t errlen)
{
	sqlite3 *dst = NULL;
	int rc = -1;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, dst ? sqlite3_errmsg(dst) :
		    "cannot open");
		goto out;
	}
	sqlite3_busy_timeout(src, 10000);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (b == NULL) {
		snprintf(err, errlen, "backup: %s", sqlite3_errmsg(dst));
		goto out;
	}
	/* One step copies every page under one read transaction: a
	 * consistent snapshot, however busy the source is. */
	int step = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (step != SQLITE_DONE) {
		snprintf(err, errlen, "backup: %s", sqlite3_errstr(step));
		goto out;
	}
	/* The copy says WAL like its source; a backup is one file. */
	if (exec1(dst, "PRAGMA journal_mode = DELETE") ||
	    exec1(dst, "PRAGMA synchronous = FULL")) {
		snprintf(err, errlen, "backup: %s", sqlite3_errmsg(dst));
		goto out;
	}
	rc = 0;
out:
	if (sqlite3_close(dst) != SQLITE_OK && rc == 0) {
		snprintf(err, errlen, "%s: cannot close", path);
		rc = -1;
	}
	return rc;
}

int
store_backup(struct store *s, const char *path)
{
	char tmp[PATH_MAX];
	struct stat st;
	if (s->db == NULL) {
		snprintf(s->err, sizeof s->err, "%s", pg_tools);
		return -1;
	}
	if (lstat(path, &st) == 0) {
		snprintf(s->err, sizeof s->err, "%s: exists already (a backup "
		    "never replaces a file)", path);
		return -1;
	}
	if (temp_beside(path, "tmp", tmp, sizeof tmp)) {
		snprintf(s->err, sizeof s->err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (copy_db(s->db, tmp, s->err, sizeof s->err))
		goto fail;
	/* link() refuses to replace a file that appeared meanwhile. */
	if (sync_path(tmp, 0) || link(tmp, path) || sync_path(path, 1)) {
		snprintf(s->err, sizeof s->err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	unlink(tmp);
	return 0;
fail:
	unlink(tmp);
	return -1;
}

/*
 * Whether another process has the SQLite database at path open: its
 * connections hold a read lock on the -shm file's DMS byte (WAL mode)
 * or on the database file's lock bytes while they read or write.
 * Returns 1, 0, or -1 when it cannot tell (errno).
 */
static int
in_use(const char *path)
{
	static const struct {
		const char *suffix;
		off_t start, len;
	} probes[] = {
		{ "-shm", 120, 9 },        /* WAL locks and DMS (byte 128) */
		{ "", 0x40000000, 512 },   /* PENDING, RESERVED, SHARED */
	};
	for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
		char name[PATH_MAX];
		snprintf(name, sizeof name, "%s%s", path, probes[i].suffix);
		int fd = open(name, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;
			return -1;
		}
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			.l_start = probes[i].start, .l_len = probes[i].len };
		int rc = fcntl(fd, F_GETLK, &fl);
		close(fd);
		if (rc != 0)
			return -1;
		if (fl.l_type != F_UNLCK)
			return 1;
	}
	return 0;
}

/*
 * Checks that the read-only database src is an lvzhi database with a
 * schema version this build knows. Returns 0, or -1 with err filled.
 */
static int
check_source(sqlite3 *src, const char *from, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int version = -1, found = 0;
	if (sqlite3_prepare_v2(src, "PRAGMA user_version", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (version < 0) {
		snprintf(err, errlen, "%s: not a database (%s)", from,
		    sqlite3_errmsg(src));
		return -1;
	}
	if (sqlite3_prepare_v2(src, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table'", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: not a database (%s)", from,
		    sqlite3_errmsg(src));
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		for (size_t i = 0; name && i < sizeof tables / sizeof *tables; i++)
			if (strcmp(name, tables[i]) == 0)
				found++;
	}
	sqlite3_finalize(st);
	if (version == 0 || found != (int)(sizeof tables / sizeof *tables)) {
		snprintf(err, errlen, "%s: not an lvzhi database", from);
		return -1;
	}
	if ((size_t)version > schema_sqlite_count()) {
		snprintf(err, errlen, "%s: schema version %d; this lvzhi knows up "
		    "to %zu: restore it with a newer lvzhi", from, version,
		    schema_sqlite_count());
		return -1;
	}
	return 0;
}

/* PRAGMA integrity_check: 0 when "ok", else -1 with its first finding. */
static int
integrity(struct store *s, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		snprintf(err, errlen, "integrity check: %s",
		    sqlite3_errmsg(s->db));
	else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		snprintf(err, errlen, "integrity check failed: %s",
		    (const char *)sqlite3_column_text(st, 0));
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

int
store_restore(const char *url, const char *from,
    int (*verify)(void *ctx, struct store *staged, char *why, size_t n),
    void *ctx, char *err, size_t errlen)
{
	const char *path = file_of(url);
	char staged[PATH_MAX] = "";
	sqlite3 *src = NULL;
	struct store *s = NULL;
	int rc = -1, busy;

	if (path == NULL) {
		snprintf(err, errlen, "%s", db_is_postgres_url(url) ? pg_tools :
		    "unsupported database URL");
		return -1;
	}
	if ((busy = in_use(path)) != 0) {
		snprintf(err, errlen, "%s: %s", path, busy > 0 ? "the database is "
		    "in use (stop lvzhi serve and other lvzhi commands first)" :
		    strerror(errno));
		return -1;
	}
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", from, src ? sqlite3_errmsg(src) :
		    "cannot open");
		goto out;
	}
	if (check_source(src, from, err, errlen))
		goto out;
	if (temp_beside(path, "restore", staged, sizeof staged)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		staged[0] = '\0';
		goto out;
	}
	if (copy_db(src, staged, err, errlen))
		goto out;
	sqlite3_close(src);
	src = NULL;

	/* The staged copy: migrated to this build's schema, then checked. */
	char why[512];
	s = store_open(staged, 0, why, sizeof why);
	if (s == NULL) {
		snprintf(err, errlen, "%s", why);
		goto out;
	}
	if (integrity(s, why, sizeof why)) {
		snprintf(err, errlen, "%s: %s", from, why);
		goto out;
	}
	if (verify != NULL && verify(ctx, s, why, sizeof why)) {
		snprintf(err, errlen, "%s: %s", from, why);
		goto out;
	}
	/* Fold the staged log into the file and close: one file again. */
	if (exec1(s->db, "PRAGMA wal_checkpoint(TRUNCATE)")) {
		snprintf(err, errlen, "%s: checkpoint: %s", staged,
		    sqlite3_errmsg(s->db));
		goto out;
	}
	store_close(s);
	s = NULL;

	/* The target's own log must not outlive it: checkpointed by a last
	 * connection (which removes it), then any leftover removed. */
	if ((busy = in_use(path)) != 0) {
		snprintf(err, errlen, "%s: the database is in use", path);
		goto out;
	}
	char wal[PATH_MAX + 8], shm[PATH_MAX + 8];
	snprintf(wal, sizeof wal, "%s-wal", path);
	snprintf(shm, sizeof shm, "%s-shm", path);
	if (access(wal, F_OK) == 0) {
		sqlite3 *old = NULL;
		if (sqlite3_open_v2(path, &old, SQLITE_OPEN_READWRITE, NULL) ==
		    SQLITE_OK)
			exec1(old, "PRAGMA wal_checkpoint(TRUNCATE)");
		sqlite3_close(old);
	}
	/* The restored file keeps the permissions of the one it replaces. */
	struct stat st;
	if (stat(path, &st) == 0)
		chmod(staged, st.st_mode & 07777);
	if ((unlink(wal) != 0 && errno != ENOENT) ||
	    (unlink(shm) != 0 && errno != ENOENT) || sync_path(staged, 0) ||
	    rename(staged, path) != 0 || sync_path(path, 1) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	staged[0] = '\0';
	rc = 0;
out:
	sqlite3_close(src);
	store_close(s);
	if (staged[0] != '\0') {
		char side[PATH_MAX + 8];
		unlink(staged);
		snprintf(side, sizeof side, "%s-wal", staged);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", staged);
		unlink(side);
	}
	return rc;
}
