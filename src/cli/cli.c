#include "base/date.h"
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "audit/audit.h"

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
cli_year(const char *s, int *year)
{
	return date_parse_year(s, year);
}
