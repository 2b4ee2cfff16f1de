/*
 * The command line: one function per command (cmd-*.c), sharing the
 * global options and how a command opens the database and the catalog.
 * Commands print their errors themselves and return the exit status:
 * 0 success, 1 the work failed, 2 bad usage or bad input.
 */
#ifndef LVZHI_CLI_H
#define LVZHI_CLI_H

#include "rules/catalog.h"
#include "store/store.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
};

#define CLI_RULES_MAX 64

struct cli {
	const char *db;    /* --db, $LVZHI_DB, ./lvzhi.db */
	int db_given;      /* by --db or $LVZHI_DB, not the default */
	/* --rules, each a file or a directory of versions; none: the
	 * default catalog */
	const char *rules[CLI_RULES_MAX];
	size_t nrules;
	char actor[96];    /* who the audit log records: cli:USER */
	/* --audit-key, --audit-head (else $LVZHI_AUDIT_KEY, ..., else the
	 * defaults beside the database: audit.h) */
	const char *audit_key, *audit_head;
	int audit_readonly; /* audit verify: create no key, no head file */
};

/* Opens the database (creating it when create) and sets up its audit
 * key and head (audit_setup); NULL after printing. */
struct store *cli_store(const struct cli *cli, int create);
/* audit_setup for the database from the options and the environment
 * (fresh: a database file just made); 0, or -1 with err filled. */
int cli_audit(const struct cli *cli, int fresh, char *err, size_t errlen);
/* Loads the catalog; NULL after printing its problems. */
struct catalog *cli_catalog(const struct cli *cli);
/* What most commands start with: the catalog into *c (none when c is
 * NULL), then the database into *s (cli_store). Returns 0, or -1 after
 * printing, with nothing left open. */
int cli_open(const struct cli *cli, int create, struct catalog **c,
    struct store **s);
/* Prints "lvzhi: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses a year 1900..2200; returns 0 or -1. */
int cli_year(const char *s, int *year);

int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_coverage(struct cli *cli, int argc, char **argv);
int cmd_eval(struct cli *cli, int argc, char **argv);
int cmd_close(struct cli *cli, int argc, char **argv);
int cmd_reopen(struct cli *cli, int argc, char **argv);
int cmd_rules(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_audit(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_gen(struct cli *cli, int argc, char **argv);
int cmd_warn(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);
int cmd_routes(struct cli *cli, int argc, char **argv);

#endif
