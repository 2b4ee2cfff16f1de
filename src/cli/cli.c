#include "base/date.h"
#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "audit/audit.h"
#include "report/report.h"

void
cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("lvzhi: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

struct store *
cli_store(const struct cli *cli, int create)
{
	char err[1024];
	int fresh = create && audit_db_missing(cli->db);
	struct store *s = store_open(cli->db, create, err, sizeof err);
	if (s == NULL) {
		cli_error("%s", err);
		return NULL;
	}
	if (cli_audit(cli, fresh, err, sizeof err)) {
		cli_error("audit: %s", err);
		store_close(s);
		return NULL;
	}
	return s;
}

int
cli_audit(const struct cli *cli, int fresh, char *err, size_t errlen)
{
	const char *key = cli->audit_key, *head = cli->audit_head;
	if (key == NULL)
		key = getenv("LVZHI_AUDIT_KEY");
	if (head == NULL)
		head = getenv("LVZHI_AUDIT_HEAD");
	return audit_setup(cli->db, key, head, cli->audit_readonly ? 0 :
	    AUDIT_CREATE | (fresh ? AUDIT_NEW_LOG : 0), err, errlen);
}

struct catalog *
cli_catalog(const struct cli *cli)
{
	struct diag d;
	diag_init(&d, stderr);
	return catalog_load_paths(cli->rules, cli->nrules, &d);
}

int
cli_open(const struct cli *cli, int create, struct catalog **c,
    struct store **s)
{
	if (c != NULL && (*c = cli_catalog(cli)) == NULL)
		return -1;
	if ((*s = cli_store(cli, create)) == NULL) {
		if (c != NULL) {
			catalog_free(*c);
			*c = NULL;
		}
		return -1;
	}
	return 0;
}

int
cli_opt_str(const char *arg, void *to)
{
	*(const char **)to = arg;
	return 0;
}

int
cli_opt_flag(const char *arg, void *to)
{
	(void)arg;
	*(int *)to = 1;
	return 0;
}

/* The common options' parsers (struct cli_args). */
static int
opt_year(const char *arg, void *to)
{
	return date_parse_year(arg, to);
}

static int
opt_date(const char *arg, void *to)
{
	return date_parse(arg, to);
}

/* --format: any report format (view 0), or table|json only. */
static int
opt_format(const char *arg, void *to, int view)
{
	enum report_format *f = to;
	return report_format_parse(arg, f) || (view && *f == REPORT_CSV) ?
	    -1 : 0;
}

static int
opt_report(const char *arg, void *to)
{
	return opt_format(arg, to, 0);
}

static int
opt_view(const char *arg, void *to)
{
	return opt_format(arg, to, 1);
}

int
cli_options(int argc, char **argv, unsigned common, struct cli_args *a,
    const struct cli_opt *opts)
{
	struct cli_args unused;
	if (a == NULL)
		a = &unused;
	const struct cli_opt known[] = {
		{ "year", opt_year, &a->year },
		{ "date", opt_date, &a->date },
		{ "region", cli_opt_str, &a->region },
		{ "format", opt_report, &a->format },
		{ "format", opt_view, &a->format },
	};
	struct cli_opt all[CLI_OPTS_MAX];
	struct option lo[CLI_OPTS_MAX + 1] = { 0 };
	size_t n = 0;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (common & 1u << i)
			all[n++] = known[i];
	for (; opts != NULL && opts->name != NULL && n < CLI_OPTS_MAX; opts++)
		all[n++] = *opts;
	for (size_t i = 0; i < n; i++)
		lo[i] = (struct option){ all[i].name, all[i].parse ==
		    cli_opt_flag ? no_argument : required_argument, NULL,
		    (int)i + 1 };
	int ch, rc;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (ch < 1 || (size_t)ch > n)
			return -1;
		if ((rc = all[ch - 1].parse(optarg, all[ch - 1].to)) != 0)
			return rc;
	}
	return 0;
}
