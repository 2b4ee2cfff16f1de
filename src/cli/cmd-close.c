/* lvzhi close / reopen: freezing a year's results, and undoing it
 * (engine/closure.h). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "engine/closure.h"

static int
run(struct cli *cli, int argc, char **argv, int reopen)
{
	struct cli_args args = { 0 };
	const char *reason = NULL;
	const struct cli_opt opts[] = {
		{ "reason", cli_opt_str, &reason },
		{ NULL, NULL, NULL },
	};
	if (cli_options(argc, argv, CLI_YEAR | CLI_REGION, &args, opts) ||
	    args.year <= 0 || optind < argc) {
		cli_error(reopen ? "usage: lvzhi reopen --year YYYY [--region "
		    "CODE] --reason TEXT" : "usage: lvzhi close --year YYYY "
		    "[--region CODE] [--reason TEXT]");
		return EXIT_USAGE;
	}
	if (reopen && (reason == NULL || reason[0] == '\0')) {
		cli_error("reopen: --reason TEXT is required: say why the "
		    "closed year is reopened");
		return EXIT_USAGE;
	}
	struct catalog *c = NULL;
	struct store *s;
	if (cli_open(cli, 0, reopen ? NULL : &c, &s))
		return EXIT_FAIL;
	char err[1024] = "";
	long n = 0;
	int rc = reopen ? closure_reopen(s, args.year, args.region, cli->actor,
	    reason, err, sizeof err) : closure_close(s, c, args.year,
	    args.region, cli->actor, reason, &n, err, sizeof err);
	if (rc == 0 && reopen)
		fprintf(stderr, "lvzhi: %d 年度%s%s 已重新开放\n", args.year,
		    args.region ? " " : "(全部)", args.region ? args.region : "");
	else if (rc == 0)
		fprintf(stderr, "lvzhi: %d 年度%s%s 已结转:冻结 %ld 项考评结果,"
		    "规则集 %s 版本 %s(SM3 %s)\n", args.year, args.region ? " " :
		    "(全部)", args.region ? args.region : "", n, c->id,
		    c->version, c->digest);
	else
		cli_error("%s: %s", reopen ? "reopen" : "close", err);
	store_close(s);
	catalog_free(c);
	return rc == 0 ? EXIT_OK : rc == CLOSURE_REFUSED || rc == CLOSURE_CONFLICT ?
	    EXIT_USAGE :
	    EXIT_FAIL;
}

int
cmd_close(struct cli *cli, int argc, char **argv)
{
	return run(cli, argc, argv, 0);
}

int
cmd_reopen(struct cli *cli, int argc, char **argv)
{
	return run(cli, argc, argv, 1);
}
