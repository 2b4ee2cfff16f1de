/*
 * lvzhi warn: early warnings as of a date — duties at risk with the time
 * left, filings past their deadline, rectification orders overdue or due
 * within WARN_RECT_HORIZON days (tagged [将至]), worst first.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "base/text.h"
#include "engine/warn.h"
#include "report/report.h"

int
cmd_warn(struct cli *cli, int argc, char **argv)
{
	struct cli_args args = { .date = date_today(), .format = REPORT_TABLE };
	if (cli_options(argc, argv, CLI_DATE | CLI_REGION | CLI_VIEW, &args,
	    NULL) || optind < argc)
		goto usage;
	struct catalog *c;
	struct store *s;
	if (cli_open(cli, 0, &c, &s))
		return EXIT_FAIL;
	struct arena *a = arena_create();
	struct warn_list l;
	warn_list_init(&l, args.date, a);
	char err[512] = "";
	long n;
	int status = EXIT_OK;
	if (eval_run(s, c, l.year, args.region, warn_collect, &l, &n, err,
	    sizeof err) != 0) {
		cli_error("%s", err);
		status = args.region != NULL ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	/* The region (known now: the evaluation checked it) is the orders'
	 * scope too. */
	char path[512];
	struct store_sup_scope sc = { .path = path };
	if (args.region != NULL && store_region_path(s, args.region, path,
	    sizeof path) != 1) {
		cli_error("%s", store_error(s));
		status = EXIT_FAIL;
		goto out;
	}
	if (warn_collect_rectifications(&l, s, args.region != NULL ? &sc : NULL)) {
		cli_error("rectifications: %s", store_error(s));
		status = EXIT_FAIL;
		goto out;
	}
	warn_sort(&l);
	char day[11], text[512];
	date_format(args.date, day);
	if (args.format == REPORT_JSON) {
		json_t *items = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(items, report_warning_json(&l.v[i], c));
		json_t *o = json_pack("{s:s, s:i, s:o}", "date", day, "year", l.year,
		    "warnings", items);
		json_dumpf(o, stdout, JSON_INDENT(1));
		putchar('\n');
		json_decref(o);
	} else {
		static const char *const tags[] = { "[风险]", "[逾期]",
			"[逾期]", "[将至]" };
		printf("%s 预警(%d 年度,共 %zu 项,最紧迫的在前)\n\n", day, l.year, l.n);
		for (size_t i = 0; i < l.n; i++) {
			const struct warn_item *it = &l.v[i];
			warn_text(&it->w, c, text, sizeof text);
			text_pad(stdout, tags[it->w.kind], 8);
			text_pad(stdout, it->organ_name, 30);
			text_pad(stdout, it->person_name ? it->person_name : "—",
			    10);
			if (it->rectification != NULL)
				printf("%s %s\n", text, it->rectification);
			else
				printf("%s\n", text);
		}
	}
out:
	warn_list_free(&l);
	arena_free(a);
	store_close(s);
	catalog_free(c);
	return status;
usage:
	cli_error("usage: lvzhi warn [--date YYYY-MM-DD] [--region CODE] "
	    "[--format table|json]");
	return EXIT_USAGE;
}
