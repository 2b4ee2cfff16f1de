/* lvzhi audit verify: recompute the audit chain. */
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
	struct store *s = cli_store(cli, 0);
	if (s == NULL)
		return EXIT_FAIL;
	int64_t count, bad;
	char why[256];
	int rc = audit_verify(s, &count, &bad, why, sizeof why);
	if (rc < 0)
		cli_error("%s", store_error(s));
	else if (rc > 0)
		cli_error("audit log broken at entry %" PRId64 ": %s", bad, why);
	else
		printf("审计日志完整:%" PRId64 " 条记录,哈希链校验通过\n", count);
	store_close(s);
	return rc ? EXIT_FAIL : EXIT_OK;
}
