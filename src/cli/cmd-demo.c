/*
 * lvzhi demo: fill a database with the demo province.
 *
 * The demo goes through the importer like any file, so it is validated
 * and audited the same way; it is written to an anonymous temporary file
 * first because the importer reads a stream.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "demo/demo.h"
#include "import/import.h"

int
cmd_demo(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	int year = date_year(date_today()) - 1, ch;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (ch != 'y' || cli_year(optarg, &year)) {
			cli_error("usage: lvzhi demo [--year YYYY]");
			return EXIT_USAGE;
		}
	if (optind < argc) {
		cli_error("usage: lvzhi demo [--year YYYY]");
		return EXIT_USAGE;
	}
	struct catalog *c = cli_catalog(cli);
	if (c == NULL)
		return EXIT_FAIL;
	/* The demo scores the catalog's qualitative duties, whatever they are. */
	struct demo_duty *duties = calloc(c->nrules + 1, sizeof *duties);
	size_t n = 0;
	for (size_t i = 0; duties != NULL && i < c->nrules; i++)
		if (c->rules[i].measure == MEASURE_QUALITATIVE) {
			unsigned roles = 0;
			roles |= c->rules[i].roles & ROLE_PARTY ? DEMO_PARTY : 0;
			roles |= c->rules[i].roles & ROLE_GOVERNMENT ?
			    DEMO_GOVERNMENT : 0;
			roles |= c->rules[i].roles & ROLE_DEPARTMENT ?
			    DEMO_DEPARTMENT : 0;
			duties[n].id = c->rules[i].id;
			duties[n++].roles = roles;
		}
	int status = EXIT_FAIL;
	struct store *s = NULL;
	struct demo_stats ds;
	FILE *tmp = tmpfile();
	if (duties == NULL || tmp == NULL) {
		cli_error("cannot create a temporary file");
		goto out;
	}
	if (demo_write(tmp, year, duties, n, &ds) || fflush(tmp) ||
	    fseek(tmp, 0, SEEK_SET)) {
		cli_error("cannot write the demo data");
		goto out;
	}
	if ((s = cli_store(cli, 1)) == NULL)
		goto out;
	struct diag d;
	struct import_stats st;
	diag_init(&d, stderr);
	if (import_stream(s, c, tmp, "(demo)", cli->actor, &d, &st) != IMPORT_OK)
		goto out;
	fprintf(stderr, "lvzhi: %s: 演示数据(贵州省,%d 年度):%ld 个地区,%ld 个机构,"
	    "%ld 人,%ld 条任职,%ld 条台账记录,%ld 项评分;新增 %ld,更新 %ld,"
	    "未变 %ld\n", cli->db, year, ds.regions, ds.organs, ds.persons,
	    ds.tenures, ds.records, ds.scores, st.inserted, st.updated,
	    st.unchanged);
	status = EXIT_OK;
out:
	if (tmp != NULL)
		fclose(tmp);
	free(duties);
	store_close(s);
	catalog_free(c);
	return status;
}
