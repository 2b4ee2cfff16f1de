/*
 * lvzhi: the Guizhou rule-of-law duty system (履职).
 *
 * main parses the global options and hands the rest of the command line
 * to the command's function (src/cli/cmd-*.c).
 */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const struct {
	const char *name;
	int (*fn)(struct cli *, int, char **);
} commands[] = {
	{ "init", cmd_init },
	{ "import", cmd_import },
	{ "coverage", cmd_coverage },
	{ "eval", cmd_eval },
	{ "rules", cmd_rules },
	{ "demo", cmd_demo },
	{ "audit", cmd_audit },
	{ "serve", cmd_serve },
	{ "user", cmd_user },
	{ "gen", cmd_gen },
	{ "warn", cmd_warn },
	{ "backup", cmd_backup },
	{ "restore", cmd_restore },
};

static void
usage(FILE *out)
{
	fputs(
"用法 Usage: lvzhi [--db PATH] [--rules FILE] COMMAND [ARGS]\n"
"\n"
"  init                         create an empty database\n"
"  import FILE...               import JSON Lines ('-' is stdin)\n"
"  coverage [--date YYYY-MM-DD] [--region CODE] [--format table|json]\n"
"                               who is bound on a date\n"
"  eval --year YYYY [--region CODE] [--format table|json|csv]\n"
"                               the annual evaluation\n"
"  rules check [FILE]           validate a rule catalog\n"
"  rules show [--format table|json]\n"
"                               the duty catalog with citations\n"
"  demo [--year YYYY] [--accounts]\n"
"                               fill the database with the demo province\n"
"                               (--accounts: one demo account per role)\n"
"  audit verify                 recompute the audit hash chain\n"
"  backup FILE                  a consistent copy, also while serving\n"
"  restore FILE                 check a backup and put it in place of --db\n"
"                               (stop the server first)\n"
"  warn [--date YYYY-MM-DD] [--region CODE] [--format table|json]\n"
"                               early warnings: duties at risk, overdue\n"
"  serve [--listen ADDR:PORT] [--config FILE] [--threads N]\n"
"        [--evidence-dir DIR] [--static-dir DIR] [--access-log FILE|-]\n"
"                               the web system and its JSON API\n"
"  user add NAME --role ROLE [--region CODE] [--organ ID] [--person ID]\n"
"        --password-stdin       add an account (admin, office, clerk,\n"
"                               leader, inspector, discipline)\n"
"  user passwd NAME --password-stdin | list | disable NAME | enable NAME\n"
"  user token NAME --label TEXT print a new API token for a program\n"
"  gen --scale province|national --year YYYY [--seed N]\n"
"                               a synthetic dataset as JSON Lines on stdout\n"
"\n"
"  --db PATH      database (default $LVZHI_DB, then ./lvzhi.db): a SQLite\n"
"                 file, or postgresql://HOST/NAME for PostgreSQL\n"
"  --rules FILE   rule catalog (default $LVZHI_RULES, then the shipped one)\n"
"  --help, --version\n"
"\n"
"Exit status: 0 success, 1 failure, 2 bad usage or bad input.\n", out);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { 0 };
	int ch;

	cli.db = getenv("LVZHI_DB");
	if (cli.db == NULL || *cli.db == '\0')
		cli.db = "lvzhi.db";
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			cli.db = optarg;
			break;
		case 'r':
			cli.rules = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("lvzhi %s\n", LVZHI_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	struct passwd *pw = getpwuid(geteuid());
	snprintf(cli.actor, sizeof cli.actor, "cli:%s",
	    pw != NULL ? pw->pw_name : "unknown");
	const char *name = argv[optind];
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(name, commands[i].name) == 0) {
			int sub = optind;
			optind = 0; /* glibc: reinitialise for the command */
			return commands[i].fn(&cli, argc - sub, argv + sub);
		}
	cli_error("unknown command '%s' (see lvzhi --help)", name);
	return EXIT_USAGE;
}
