/*
 * lvzhi backup FILE / lvzhi restore FILE: a copy of the database taken
 * while the server runs, and putting one back.
 *
 * backup appends its audit entry first, so the copy records that it was
 * taken (and by whom); the copy itself is the store's (store_backup): one
 * consistent moment, written complete under a temporary name, never over
 * an existing file. It holds password hashes and sessions like the
 * database: it is created readable by its owner only.
 *
 * restore checks the backup before anything is replaced: a database of
 * this system and a known schema version, its integrity, and its audit
 * chain; then appends the restore to that chain (with the SM3 of the
 * backup file) and puts it in place of --db atomically. The server must
 * be stopped: a database in use is refused.
 */
#include "cli/cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "base/sm3.h"

/* The one operand of backup and restore; NULL after printing the usage. */
static const char *
file_operand(int argc, char **argv)
{
	if (argc == 2)
		return argv[1];
	cli_error("usage: lvzhi %s FILE", argv[0]);
	return NULL;
}

int
cmd_backup(struct cli *cli, int argc, char **argv)
{
	const char *file = file_operand(argc, argv);
	if (file == NULL)
		return EXIT_USAGE;
	struct stat st;
	if (lstat(file, &st) == 0) {
		cli_error("%s: exists already (a backup never replaces a file)",
		    file);
		return EXIT_USAGE;
	}
	struct store *s = cli_store(cli, 0);
	if (s == NULL)
		return EXIT_FAIL;
	char entity[1100];
	snprintf(entity, sizeof entity, "file:%s", file);
	int rc = EXIT_OK;
	if (audit_append(s, cli->actor, "backup", entity, 1, "")) {
		cli_error("%s", store_error(s));
		rc = EXIT_FAIL;
	} else if (store_backup(s, file)) {
		cli_error("%s", store_error(s));
		/* The entry above is in the log; say that it came to nothing. */
		audit_append(s, cli->actor, "backup", entity, 0, "");
		rc = EXIT_FAIL;
	} else {
		fprintf(stderr, "lvzhi: %s: 备份完成 (backup written)\n", file);
	}
	store_close(s);
	return rc;
}

/* The SM3 of a file's bytes; returns 0 or -1 (errno). */
static int
file_sm3(const char *path, char hex[SM3_HEX_LEN])
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return -1;
	struct sm3 *c = sm3_create();
	char chunk[65536];
	size_t n;
	int rc = c == NULL ? -1 : 0;
	while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		rc = sm3_update(c, chunk, n);
	if (ferror(fp))
		rc = -1;
	fclose(fp);
	if (c == NULL)
		return -1;
	if (rc == 0)
		return sm3_final(c, hex); /* frees c */
	sm3_free(c);
	return -1;
}

struct restore {
	const char *actor, *entity, *digest;
	int64_t entries;
	char hash[SM3_HEX_LEN]; /* of the restore's own entry */
};

/*
 * The staged backup's audit chain must verify (the chain only: a backup
 * ends before the head does); the restore is added. Its head is written
 * once the backup is in place (audit_rollback), not at this commit.
 */
static int
verify(void *ctx, struct store *staged, char *why, size_t n)
{
	struct restore *r = ctx;
	struct audit_report a;
	int rc = audit_check(staged, AUDIT_CHAIN_ONLY, &a);
	if (rc < 0) {
		snprintf(why, n, "%s", a.why);
		return -1;
	}
	if (rc > 0) {
		snprintf(why, n, "its audit log is broken at entry %" PRId64
		    ": %s", a.bad, a.why);
		return -1;
	}
	int64_t seq;
	if (audit_append(staged, r->actor, "restore", r->entity, 1,
	    r->digest) || store_audit_last(staged, &seq, r->hash,
	    sizeof r->hash)) {
		snprintf(why, n, "%s", store_error(staged));
		return -1;
	}
	r->entries = seq;
	return 0;
}

int
cmd_restore(struct cli *cli, int argc, char **argv)
{
	const char *file = file_operand(argc, argv);
	if (file == NULL)
		return EXIT_USAGE;
	char digest[SM3_HEX_LEN], entity[1100], err[1024];
	errno = 0;
	if (file_sm3(file, digest)) {
		cli_error("%s: %s", file, errno ? strerror(errno) :
		    "cannot read it");
		return EXIT_USAGE;
	}
	snprintf(entity, sizeof entity, "file:%s", file);
	struct restore r = { .actor = cli->actor, .entity = entity,
		.digest = digest };
	if (cli_audit(cli, 0, err, sizeof err)) {
		cli_error("audit: %s", err);
		cli_error("%s: 未恢复,数据库未改动 (nothing restored)", cli->db);
		return EXIT_FAIL;
	}
	audit_hold(1);
	if (store_restore(cli->db, file, verify, &r, err, sizeof err)) {
		audit_hold(0);
		cli_error("%s", err);
		cli_error("%s: 未恢复,数据库未改动 (nothing restored)", cli->db);
		return EXIT_FAIL;
	}
	/* The head now ends at the restore: an audited rollback, which
	 * audit verify tells from entries deleted behind its back. */
	if (audit_rollback(r.entries, r.hash, err, sizeof err)) {
		cli_error("%s", err);
		cli_error("%s: restored, but audit verify will report the log "
		    "as cut short until the head is set right", cli->db);
		return EXIT_FAIL;
	}
	fprintf(stderr, "lvzhi: %s: 已从 %s 恢复,审计日志 %" PRId64 " 条,"
	    "哈希链校验通过 (restored; an audited rollback in %s)\n", cli->db,
	    file, r.entries, audit_head_path());
	return EXIT_OK;
}
