/*
 * The command line: one function per command (cmd-*.c), sharing the
 * global options and how a command opens the database and the catalog.
 * Commands print their errors themselves and return the exit status:
 * 0 success, 1 the work failed, 2 bad usage or bad input.
 */
#ifndef LVZHI_CLI_H
#define LVZHI_CLI_H

#include "base/date.h"
#include "report/report.h"
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
/* What demo and gen start with: the catalog and the n duties they draw
 * records of (demo_duties). cli_demo_open returns 0, or -1 after printing
 * why, with nothing left open; cli_demo_close frees what it opened. */
struct cli_demo {
	struct catalog *c;
	struct demo_duty *duties;
	size_t n;
};
int cli_demo_open(const struct cli *cli, struct cli_demo *d);
void cli_demo_close(struct cli_demo *d);
/* Prints "lvzhi: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * A command's options as one table: the common ones (--year, --date,
 * --region, --format) are chosen by bits and land in struct cli_args;
 * what a command adds names the parser of its argument and where the
 * value goes. cli_options runs the getopt loop they all share. A parser
 * returns 0, or nonzero for a bad argument (-1: the caller prints its
 * usage; another value: the parser has printed why).
 */
typedef int cli_parse_fn(const char *arg, void *to);
struct cli_opt {
	const char *name;  /* the long option, without "--" */
	cli_parse_fn *parse;
	void *to;
};
/* The parsers a command's own options use: the argument itself (const
 * char **), and a flag with no argument (int *, set to 1). */
cli_parse_fn cli_opt_str, cli_opt_flag;
enum {
	CLI_YEAR = 1,     /* --year YYYY (1900..2200) */
	CLI_DATE = 2,     /* --date YYYY-MM-DD */
	CLI_REGION = 4,   /* --region CODE */
	CLI_FORMAT = 8,   /* --format table|json|csv */
	CLI_VIEW = 16,    /* --format table|json */
};
/* The common options' values: the caller sets the defaults. */
struct cli_args {
	int year;
	date_t date;
	const char *region;
	enum report_format format;
};
#define CLI_OPTS_MAX 16
/* Parses argv's options, the common ones of the bits into *a and opts
 * (ended by a NULL name; none when NULL), until the first operand, at
 * optind after (optind is reset first). Returns 0; -1 at an unknown
 * option or a missing argument (getopt has printed it) or a bad
 * argument; or a parser's other nonzero value. */
int cli_options(int argc, char **argv, unsigned common, struct cli_args *a,
    const struct cli_opt *opts);

int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_coverage(struct cli *cli, int argc, char **argv);
int cmd_eval(struct cli *cli, int argc, char **argv);
int cmd_close(struct cli *cli, int argc, char **argv);
int cmd_remind(struct cli *cli, int argc, char **argv);
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
