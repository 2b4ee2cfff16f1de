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

int
cmd_audit(struct cli *cli, int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "verify") != 0) {
		cli_error("usage: lvzhi audit verify");
		return EXIT_USAGE;
	}
	cli->audit_readonly = 1;
	struct store *s = cli_store(cli, 0);
	if (s == NULL)
		return EXIT_FAIL;
	struct audit_report r;
	int rc = audit_check(s, 0, &r);
	if (rc < 0)
		cli_error("%s", r.why);
	else if (rc > 0 && r.bad > 0)
		cli_error("audit log broken at entry %" PRId64 ": %s", r.bad,
		    r.why);
	else if (rc > 0)
		cli_error("audit log cannot be trusted: %s", r.why);
	else {
		printf("审计日志完整:%" PRId64 " 条记录,哈希链校验通过\n", r.count);
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
