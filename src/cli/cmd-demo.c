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
#include <string.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "demo/demo.h"
#include "demo/demo-oversight.h"
#include "demo/demo-reports.h"
#include "import/import.h"

/* The demo's accounts: one of each role, scoped to real demo regions. */
#define DEMO_PASSWORD "Lvzhi@2025"

static const struct {
	const char *name, *role, *region, *organ, *label;
} accounts[] = {
	{ "admin", "admin", NULL, NULL, "系统管理员" },
	{ "gz-office", "office", "520000", NULL, "省委依法治省办" },
	{ "gy-office", "office", "520100", NULL, "贵阳市委依法治市办" },
	{ "nm-office", "office", "520102", NULL, "南明区委依法治区办" },
	{ "nm-clerk", "clerk", NULL, "520102-party", "中共南明区委员会录入员" },
	{ "nm-gov-clerk", "clerk", NULL, "520102-gov", "南明区人民政府录入员" },
	{ "yy-clerk", "clerk", NULL, "520103-party", "中共云岩区委员会录入员" },
	{ "nm-leader", "leader", NULL, "520102-party", "南明区委书记(本人)" },
	{ "nm-gov-leader", "leader", NULL, "520102-gov", "南明区区长(本人)" },
	{ "inspector", "inspector", "520000", NULL, "省委督查人员" },
	{ "discipline", "discipline", "520000", NULL, "省纪委监委人员" },
};

/* Adds the demo accounts that do not exist yet and lists them. */
static int
add_accounts(struct cli *cli, struct store *s, int year)
{
	char hash[PASSWORD_HASH_MAX];
	date_t end = date_from_ymd(year, 12, 31);
	if (password_hash(DEMO_PASSWORD, hash))
		return -1;
	printf("\n演示账号 Demo accounts (密码 password: %s)\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
		/* A leader account is the person heading its organ at the
		 * end of the demo year: the 区委书记, the 区长. */
		char lead[130] = "";
		int leader_role = strcmp(accounts[i].role, "leader") == 0;
		if (leader_role && demo_principal(s, accounts[i].organ, "520102",
		    end, lead, sizeof lead))
			return -1;
		int rc = store_account_get(s, accounts[i].name, 0, NULL, NULL);
		if (rc < 0)
			return -1;
		if (rc == 0 && (store_account_add(s, accounts[i].name,
		    accounts[i].role, accounts[i].region, accounts[i].organ,
		    leader_role && lead[0] ? lead : NULL, hash) ||
		    audit_append(s, cli->actor, "account.add", accounts[i].name,
		    1, "")))
			return -1;
		printf("  %-13s %-10s %s\n", accounts[i].name, accounts[i].role,
		    accounts[i].label);
	}
	return 0;
}

/* The demo's "today" (--as-of): a day of the year after the demo year up
 * to which that year's records run, or "none". Without it, 30 June of that
 * year: half a year in progress, whatever the clock says, so the same
 * arguments always give the same data. 0, or -1 when s is not such a day. */
static int
parse_as_of(const char *s, int year, struct demo_as_of *a)
{
	date_t d;
	int y;
	if (strcmp(s, "none") == 0) {
		a->month = a->day = 0;
		return 0;
	}
	if (date_parse(s, &d))
		return -1;
	date_to_ymd(d, &y, &a->month, &a->day);
	return y == year + 1 ? 0 : -1;
}

int
cli_demo_open(const struct cli *cli, struct cli_demo *d)
{
	if ((d->c = cli_catalog(cli)) == NULL)
		return -1;
	d->duties = demo_duties(d->c, &d->n);
	if (d->duties != NULL)
		return 0;
	cli_error("out of memory");
	catalog_free(d->c);
	return -1;
}

void
cli_demo_close(struct cli_demo *d)
{
	free(d->duties);
	catalog_free(d->c);
}

int
cmd_demo(struct cli *cli, int argc, char **argv)
{
	static const char usage[] = "usage: lvzhi demo [--year YYYY] "
	    "[--as-of YYYY-MM-DD|none] [--accounts]";
	struct cli_args args = { .year = date_year(date_today()) - 1 };
	int with_accounts = 0;
	const char *as_of_arg = NULL;
	const struct cli_opt opts[] = {
		{ "as-of", cli_opt_str, &as_of_arg },
		{ "accounts", cli_opt_flag, &with_accounts },
		{ NULL, NULL, NULL },
	};
	if (cli_options(argc, argv, CLI_YEAR, &args, opts) || optind < argc) {
		cli_error("%s", usage);
		return EXIT_USAGE;
	}
	struct demo_as_of as_of = { 6, 30 };
	if (as_of_arg != NULL && parse_as_of(as_of_arg, args.year, &as_of)) {
		cli_error("--as-of: %s: 应为 %d 年中的一天 (YYYY-MM-DD) 或 none",
		    as_of_arg, args.year + 1);
		return EXIT_USAGE;
	}
	struct cli_demo dm;
	if (cli_demo_open(cli, &dm))
		return EXIT_FAIL;
	int status = EXIT_FAIL;
	struct store *s = NULL;
	struct demo_stats ds;
	FILE *tmp = tmpfile();
	if (tmp == NULL) {
		cli_error("cannot create a temporary file");
		goto out;
	}
	if (demo_write(tmp, args.year, as_of, dm.duties, dm.n, &ds) || fflush(tmp) ||
	    fseek(tmp, 0, SEEK_SET)) {
		cli_error("cannot write the demo data");
		goto out;
	}
	if ((s = cli_store(cli, 1)) == NULL)
		goto out;
	struct diag d;
	struct import_stats st;
	diag_init(&d, stderr);
	if (import_stream(s, dm.c, tmp, "(demo)", cli->actor, &d, &st) != IMPORT_OK)
		goto out;
	/* What the findings' determinations name: the inspection and the
	 * cases they were found in. */
	if (demo_oversight(s, &ds, args.year)) {
		cli_error("demo supervision: %s", store_error(s));
		goto out;
	}
	/* An annual report published, for the public portal to list. */
	char why[512];
	if (demo_publish_reports(s, dm.c, args.year, cli->actor, why,
	    sizeof why)) {
		cli_error("demo report: %s", why);
		goto out;
	}
	char upto[64] = "";
	if (as_of.month != 0)
		snprintf(upto, sizeof upto, ",%d 年截至 %d 月 %d 日", args.year + 1,
		    as_of.month, as_of.day);
	fprintf(stderr, "lvzhi: %s: 演示数据(贵州省,%d 年度%s):%ld 个地区,"
	    "%ld 个机构,%ld 人,%ld 条任职,%ld 条台账记录,%ld 项评分;新增 %ld,"
	    "更新 %ld,未变 %ld\n", cli->db, args.year, upto, ds.regions,
	    ds.organs, ds.persons, ds.tenures, ds.records, ds.scores, st.inserted,
	    st.updated, st.unchanged);
	if (with_accounts && add_accounts(cli, s, args.year)) {
		cli_error("demo accounts: %s", store_error(s));
		goto out;
	}
	status = EXIT_OK;
out:
	if (tmp != NULL)
		fclose(tmp);
	store_close(s);
	cli_demo_close(&dm);
	return status;
}
