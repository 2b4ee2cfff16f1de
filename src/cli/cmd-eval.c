/* lvzhi eval: the annual evaluation of a year and a region's subtree. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine/closure.h"
#include "engine/eval.h"
#include "report/report.h"

int
cmd_eval(struct cli *cli, int argc, char **argv)
{
	struct cli_args args = { .format = REPORT_TABLE };
	if (cli_options(argc, argv, CLI_YEAR | CLI_REGION | CLI_FORMAT, &args,
	    NULL) || args.year <= 0 || optind < argc) {
		cli_error("usage: lvzhi eval --year YYYY [--region CODE] "
		    "[--format table|json|csv]");
		return EXIT_USAGE;
	}
	struct catalog *c;
	struct store *s;
	if (cli_open(cli, 0, &c, &s))
		return EXIT_FAIL;
	struct report r;
	char err[512];
	long n = 0;
	int status = EXIT_OK;
	/* A closed year answers from its frozen copy, with the head it was
	 * closed under (engine/closure.h). */
	char *head = NULL;
	if (closure_head(s, args.year, args.region, &head, err, sizeof err)) {
		cli_error("%s", err);
		status = EXIT_FAIL;
		goto out;
	}
	int begun = report_begin_head(&r, stdout, args.format, c, eval_period_of(c,
	    args.year), head);
	free(head);
	if (begun) {
		status = EXIT_FAIL;
		goto out;
	}
	int rc = closure_run(s, c, args.year, args.region, report_result, &r, &n, err,
	    sizeof err);
	if (rc) {
		fflush(stdout);
		cli_error("%s", rc < 0 ? err : "cannot write the results");
		status = rc < 0 && args.region != NULL ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	if (report_end(&r)) {
		cli_error("cannot write the results");
		status = EXIT_FAIL;
		goto out;
	}
	/* Which ruleset judged is part of the record of the evaluation. It
	 * is a log of reads, not a change of the data: not audited. */
	const struct catalog *last = catalog_version_at(c, date_from_ymd(args.year,
	    12, 31)); /* the output's ruleset_version */
	if (store_add_eval_run(s, args.year, args.region, last->id, last->version,
	    last->digest, n))
		cli_error("warning: the run was not recorded: %s",
		    store_error(s));
out:
	store_close(s);
	catalog_free(c);
	return status;
}
