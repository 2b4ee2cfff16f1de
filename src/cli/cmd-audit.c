/*
 * lvzhi audit verify: recompute the audit chain and compare its end with
 * the head recorded outside the database (audit.h). Creates nothing: a
 * missing key is reported, not generated.
 */
#include "cli/cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"

/*
 * lvzhi audit rollback --reason TEXT: the database was put back to an
 * older copy by other means than lvzhi restore (pg_restore of a dump, a
 * file copied back): its chain must verify; then the rollback is
 * appended to it and recorded in the head, as lvzhi restore does. Only
 * who holds the audit key can do this.
 */
static int
rollback(struct cli *cli, const char *reason)
{
	if (*reason == '\0' || strlen(reason) > 500) {
		cli_error("rollback: --reason wants a text of 1 to 500 bytes");
		return EXIT_USAGE;
	}
	struct store *s = cli_store(cli, 0);
	if (s == NULL)
		return EXIT_FAIL;
	struct audit_report r;
	char entity[520], hash[SM3_HEX_LEN], err[1200];
	int64_t seq = 0;
	int rc = audit_check(s, AUDIT_CHAIN_ONLY, &r);
	if (rc != 0) {
		cli_error("rollback: the log as it is does not verify (entry %"
		    PRId64 "): %s", r.bad, r.why);
		store_close(s);
		return EXIT_FAIL;
	}
	snprintf(entity, sizeof entity, "rollback:%s", reason);
	audit_hold(1);
	if (audit_append(s, cli->actor, "restore", entity, 1, "") ||
	    store_audit_last(s, &seq, hash, sizeof hash)) {
		audit_hold(0);
		cli_error("%s", store_error(s));
		store_close(s);
		return EXIT_FAIL;
	}
	store_close(s);
	if (audit_rollback(seq, hash, err, sizeof err)) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	fprintf(stderr, "lvzhi: 已记录回滚:审计日志现止于第 %" PRId64 " 条 "
	    "(rollback recorded in %s)\n", seq, audit_head_path());
	return EXIT_OK;
}

int
cmd_audit(struct cli *cli, int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "rollback") == 0 &&
	    strcmp(argv[2], "--reason") == 0)
		return rollback(cli, argv[3]);
	int chain_only = argc == 3 && strcmp(argv[2], "--chain-only") == 0;
	if ((argc != 2 && !chain_only) || strcmp(argv[1], "verify") != 0) {
		cli_error("usage: lvzhi audit verify [--chain-only] | audit "
		    "rollback --reason TEXT");
		return EXIT_USAGE;
	}
	cli->audit_readonly = 1;
	struct store *s = cli_store(cli, 0);
	if (s == NULL)
		return EXIT_FAIL;
	struct audit_report r;
	int rc = audit_check(s, chain_only ? AUDIT_CHAIN_ONLY : 0, &r);
	if (rc < 0)
		cli_error("%s", r.why);
	else if (rc > 0 && r.bad > 0)
		cli_error("audit log broken at entry %" PRId64 ": %s", r.bad,
		    r.why);
	else if (rc > 0)
		cli_error("audit log cannot be trusted: %s", r.why);
	else {
		printf("审计日志完整:%" PRId64 " 条记录,哈希链校验通过\n", r.count);
		if (chain_only)
			printf("未与审计头比对 (--chain-only: the chain only; "
			    "entries removed from its end are not looked for)\n");
		if (r.keyed_from > 1)
			printf("自第 %" PRId64 " 条起以审计密钥签名 (HMAC-SM3, "
			    "keyed from entry %" PRId64 "); 之前的 %" PRId64
			    " 条为密钥启用前的 SM3 链\n", r.keyed_from,
			    r.keyed_from, r.keyed_from - 1);
		else if (r.keyed_from == 1)
			printf("全部以审计密钥签名 (HMAC-SM3, keyed from entry "
			    "1)\n");
		else if (r.count > 0)
			printf("全部为旧式 SM3 链,尚未以审计密钥签名 (not keyed "
			    "yet: the next entry written will be)\n");
		if (r.head > 0)
			printf("与审计头一致:%s 记录至第 %" PRId64 " 条 (head "
			    "matches)\n", audit_head_path(), r.head);
		if (r.rollbacks > 0)
			printf("审计在案的回滚 (audited rollback) %" PRId64
			    " 次;最近一次:第 %" PRId64 " 条为恢复备份,此前日志"
			    "共 %" PRId64 " 条 (a restore of an older backup, not "
			    "tampering)\n", r.rollbacks, r.rollback_at,
			    r.rollback_from);
	}
	store_close(s);
	return rc ? EXIT_FAIL : EXIT_OK;
}
