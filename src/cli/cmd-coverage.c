/* lvzhi coverage: who is bound on a date (第二条, 第十条). */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "base/text.h"
#include "engine/coverage.h"
#include "report/report.h"

struct listing {
	enum report_format format;
	long n;
};

static int
row(void *ctx, const struct store_tenure *t)
{
	struct listing *l = ctx;
	enum role role;
	enum coverage cov;
	char start[11], end[11] = "";
	if (!coverage_of(t->organ_kind, t->region_level, &role, &cov))
		return 0;
	date_format(t->start, start);
	if (t->end != DATE_NONE)
		date_format(t->end, end);
	if (l->format == REPORT_JSON) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
		    "s:s, s:s, s:o}", "person", t->person_id, "person_name",
		    t->person_name, "organ", t->organ_id, "organ_name",
		    t->organ_name, "region", t->region_code, "region_name",
		    t->region_name, "role", catalog_role_name(role), "coverage",
		    coverage_name(cov), "tenure", t->tenure_id, "start", start,
		    "end", t->end != DATE_NONE ? json_string(end) : json_null());
		fputs(l->n ? ",\n" : "\n", stdout);
		json_dumpf(o, stdout, JSON_COMPACT);
		json_decref(o);
	} else {
		text_pad(stdout, t->region_name, 18);
		text_pad(stdout, t->organ_name, 30);
		text_pad(stdout, t->person_name, 10);
		text_pad(stdout, catalog_role_label(role), 16);
		text_pad(stdout, coverage_label(cov), 10);
		printf("%s 起\n", start);
	}
	l->n++;
	return 0;
}

int
cmd_coverage(struct cli *cli, int argc, char **argv)
{
	struct cli_args args = { .date = date_today(), .format = REPORT_TABLE };
	if (cli_options(argc, argv, CLI_DATE | CLI_REGION | CLI_VIEW, &args,
	    NULL)) {
		cli_error("usage: lvzhi coverage [--date YYYY-MM-DD] "
		    "[--region CODE] [--format table|json]");
		return EXIT_USAGE;
	}
	struct listing l = { args.format, 0 };
	if (optind < argc) {
		cli_error("coverage: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	struct store *s = cli_store(cli, 0);
	if (s == NULL)
		return EXIT_FAIL;
	if (l.format == REPORT_JSON)
		fputs("[", stdout);
	else {
		char d[11];
		date_format(args.date, d);
		printf("%s 适用本办法的主要负责人\n\n", d);
		text_pad(stdout, "地区", 18);
		text_pad(stdout, "机构", 30);
		text_pad(stdout, "姓名", 10);
		text_pad(stdout, "职务", 16);
		text_pad(stdout, "适用方式", 10);
		puts("任职");
	}
	int rc = store_each_principal(s, args.date, args.date, args.region, row, &l);
	if (rc)
		cli_error("%s", store_error(s));
	else if (l.format == REPORT_JSON)
		fputs(l.n ? "\n]\n" : "]\n", stdout);
	else
		printf("\n共 %ld 人\n", l.n);
	store_close(s);
	return rc ? (args.region ? EXIT_USAGE : EXIT_FAIL) : EXIT_OK;
}
