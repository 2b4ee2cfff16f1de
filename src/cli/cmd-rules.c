/* lvzhi rules check|show: validate and list the duty catalog. */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "report/report.h"

/* "〔原文〕" or "〔解释〕" after a value that carries a mark. */
static const char *
mark(const struct catalog_basis *b)
{
	return b == NULL ? "" : b->source == BASIS_TEXT ? "〔原文〕" : "〔解释〕";
}

/* One mark with its basis, as a line of the list after the table. */
static void
basis_line(const char *who, const struct catalog_basis *b)
{
	printf("  %s %s %s %s:%s\n", who, catalog_key_label(b->field),
	    b->value, mark(b), b->basis);
}

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
		printf("等次分数线:");
	static const char *const keys[] = { "grade-excellent", "grade-pass",
		"grade-basic-pass" };
	for (int g = 0; g < GRADE_FAIL; g++)
		printf("%s%s ≥ %d 分%s", g ? "、" : "",
		    catalog_grade_label((enum grade)g), c->grade_min[g],
		    mark(catalog_ruleset_basis(c, keys[g])));
	printf(";满分 %d 分%s;最短考评期间 %d 天%s\n\n", c->scale,
	    mark(catalog_ruleset_basis(c, "scale")), c->min_segment_days,
	    mark(catalog_ruleset_basis(c, "min-segment-days")));
	text_pad(stdout, "职责", 28);
	text_pad(stdout, "条款", 24);
	text_pad(stdout, "衡量方式", 56);
	text_pad(stdout, "权重", 12);
	puts("内容");
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *r = &c->rules[i];
		char how[128];
		if (r->measure == MEASURE_COUNT)
			snprintf(how, sizeof how, "count %s ≥ %d/年%s",
			    c->kinds[r->kind].id, r->min,
			    mark(catalog_rule_basis(r, "min")));
		else if (r->due_set)
			snprintf(how, sizeof how, "%s %s 截止%s %02d-%02d%s",
			    catalog_measure_name(r->measure), c->kinds[r->kind].id,
			    r->due_next_year ? "次年" : "", r->due_month, r->due_day,
			    mark(catalog_rule_basis(r, "due")));
		else if (r->kind >= 0)
			snprintf(how, sizeof how, "%s %s%s%s",
			    catalog_measure_name(r->measure), c->kinds[r->kind].id,
			    r->veto ? " (否决)" : "",
			    r->veto ? mark(catalog_rule_basis(r, "veto")) : "");
		else
			snprintf(how, sizeof how, "qualitative");
		text_pad(stdout, r->id, 28);
		text_pad(stdout, r->citation, 24);
		text_pad(stdout, how, 56);
		char weight[64];
		snprintf(weight, sizeof weight, "%d%s", r->weight,
		    mark(catalog_rule_basis(r, "weight")));
		text_pad(stdout, weight, 12);
		puts(r->title);
	}
	/* 〔原文〕 values quote the text; 〔解释〕 ones are lvzhi's reading. */
	printf("\n原文与解释(〔原文〕取自本办法原文;〔解释〕为本办法未规定、"
	    "由本系统解释的取值及其依据,由%s负责解释):\n",
	    c->interpreter ? c->interpreter : c->issuer);
	for (size_t i = 0; i < c->nbases; i++)
		basis_line("规则集", &c->bases[i]);
	for (size_t i = 0; i < c->nrules; i++)
		for (size_t j = 0; j < c->rules[i].nbases; j++)
			basis_line(c->rules[i].id, &c->rules[i].bases[j]);
}

int
cmd_rules(struct cli *cli, int argc, char **argv)
{
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
		struct cli_args args = { .format = REPORT_TABLE };
		if (cli_options(argc - 1, argv + 1, CLI_VIEW, &args, NULL) ||
		    optind < argc - 1)
			goto usage;
		struct catalog *c = cli_catalog(cli);
		if (c == NULL)
			return EXIT_FAIL;
		if (args.format == REPORT_JSON) {
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
