/* lvzhi rules check|show: validate and list the duty catalog. */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "report/report.h"

static void
show_table(const struct catalog *c)
{
	printf("%s(%s 版本 %s)\n", c->title, c->id, c->version);
	for (size_t i = 0; catalog_version_count(c) > 1 &&
	    i < catalog_version_count(c); i++) {
		const struct catalog *v = catalog_version(c, i);
		char from[11], to[11] = "";
		date_format(v->effective, from);
		if (catalog_version_end(c, i) != DATE_NONE)
			date_format(catalog_version_end(c, i), to);
		printf("  版本 %s:%s 至 %s  SM3 %s  %s\n", v->version, from,
		    *to ? to : "今", v->digest, v->file);
	}
	putchar('\n');
	text_pad(stdout, "职责", 28);
	text_pad(stdout, "条款", 24);
	text_pad(stdout, "衡量方式", 40);
	text_pad(stdout, "权重", 6);
	puts("内容");
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *r = &c->rules[i];
		char how[128];
		if (r->measure == MEASURE_COUNT)
			snprintf(how, sizeof how, "count %s ≥ %d/年",
			    c->kinds[r->kind].id, r->min);
		else if (r->kind >= 0)
			snprintf(how, sizeof how, "%s %s%s",
			    catalog_measure_name(r->measure), c->kinds[r->kind].id,
			    r->veto ? " (否决)" : "");
		else
			snprintf(how, sizeof how, "qualitative");
		text_pad(stdout, r->id, 28);
		text_pad(stdout, r->citation, 24);
		text_pad(stdout, how, 40);
		printf("%-6d%s\n", r->weight, r->title);
	}
}

int
cmd_rules(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc >= 2 && strcmp(argv[1], "check") == 0 &&
	    argc - 2 <= CLI_RULES_MAX) {
		struct cli local = *cli;
		if (argc > 2) {
			local.nrules = (size_t)(argc - 2);
			for (int i = 2; i < argc; i++)
				local.rules[i - 2] = argv[i];
		}
		struct catalog *c = cli_catalog(&local);
		if (c == NULL)
			return EXIT_USAGE;
		for (size_t i = 0; i < catalog_version_count(c); i++) {
			const struct catalog *v = catalog_version(c, i);
			char eff[11];
			date_format(v->effective, eff);
			printf("%s: 规则集 %s 版本 %s(%s 起施行):%zu 类记录,"
			    "%zu 项职责,%zu 项后果,校验通过\n", v->file, v->id,
			    v->version, eff, v->nkinds, v->nrules,
			    v->nconsequences);
		}
		catalog_free(c);
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "show") == 0) {
		enum report_format f = REPORT_TABLE;
		int ch;
		optind = 0;
		while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1)
			if (ch != 'f' || report_format_parse(optarg, &f) ||
			    f == REPORT_CSV)
				goto usage;
		if (optind < argc - 1)
			goto usage;
		struct catalog *c = cli_catalog(cli);
		if (c == NULL)
			return EXIT_FAIL;
		if (f == REPORT_JSON) {
			json_t *o = report_catalog_json(c);
			json_dumpf(o, stdout, JSON_INDENT(2));
			putchar('\n');
			json_decref(o);
		} else {
			show_table(c);
		}
		catalog_free(c);
		return EXIT_OK;
	}
usage:
	cli_error("usage: lvzhi rules check [FILE|DIR...] | lvzhi rules show "
	    "[--format table|json]");
	return EXIT_USAGE;
}
