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

/*
 * Each command with its lines of the usage text: `lvzhi --help` prints
 * them all, `lvzhi help COMMAND` and `lvzhi COMMAND --help` one command's
 * (man/lvzhi.1 documents the same; tests/install/man.sh compares them).
 */
static const struct {
	const char *name;
	int (*fn)(struct cli *, int, char **);
	const char *help;
} commands[] = {
	{ "init", cmd_init,
"  init                         create an empty database\n" },
	{ "import", cmd_import,
"  import FILE...               import JSON Lines ('-' is stdin)\n" },
	{ "coverage", cmd_coverage,
"  coverage [--date YYYY-MM-DD] [--region CODE] [--format table|json]\n"
"                               who is bound on a date\n" },
	{ "eval", cmd_eval,
"  eval --year YYYY [--region CODE] [--format table|json|csv]\n"
"                               the annual evaluation\n" },
	{ "close", cmd_close,
"  close --year YYYY [--region CODE] [--reason TEXT]\n"
"                               freeze the year's results (a region's\n"
"                               subtree, or all); before 1 April of the\n"
"                               next year only with --reason\n" },
	{ "reopen", cmd_reopen,
"  reopen --year YYYY [--region CODE] --reason TEXT\n"
"                               undo a close\n" },
	{ "rules", cmd_rules,
"  rules check [FILE|DIR...]    validate a rule catalog and its versions\n"
"  rules show [--format table|json]\n"
"                               the duty catalog with citations\n" },
	{ "demo", cmd_demo,
"  demo [--year YYYY] [--as-of YYYY-MM-DD|none] [--accounts]\n"
"                               fill the database with the demo province\n"
"                               (--accounts: one demo account per role)\n" },
	{ "audit", cmd_audit,
"  audit verify [--chain-only]  recompute the audit chain (HMAC-SM3) and\n"
"                               compare its end with the audit head\n"
"  audit rollback --reason TEXT record that the database was put back to\n"
"                               an older copy (pg_restore): not tampering\n" },
	{ "backup", cmd_backup,
"  backup FILE                  a consistent copy, also while serving\n" },
	{ "restore", cmd_restore,
"  restore FILE                 check a backup and put it in place of --db\n"
"                               (stop the server first)\n" },
	{ "warn", cmd_warn,
"  warn [--date YYYY-MM-DD] [--region CODE] [--format table|json]\n"
"                               early warnings: duties at risk, overdue\n" },
	{ "remind", cmd_remind,
"  remind [--date YYYY-MM-DD]   the day's deadline reminders (3 days before,\n"
"                               on the day, overdue), each once: for cron\n" },
	{ "serve", cmd_serve,
"  serve [--listen ADDR:PORT] [--config FILE] [--threads N]\n"
"        [--evidence-dir DIR] [--evidence-key FILE] [--audit-key FILE]\n"
"        [--audit-head FILE] [--static-dir DIR]\n"
"        [--access-log FILE|-] [--trusted-proxies ADDR,...]\n"
"        [--timeout SECONDS]    the web system and its JSON API\n"
"                               (--evidence-key: seal evidence files with\n"
"                               SM4 + HMAC-SM3 under that key file)\n" },
	{ "routes", cmd_routes,
"  routes [--json]              every web route and the roles that may call it\n" },
	{ "user", cmd_user,
"  user add NAME --role ROLE [--region CODE] [--organ ID] [--person ID]\n"
"        --password-stdin       add an account (admin, office, clerk,\n"
"                               leader, inspector, discipline)\n"
"  user passwd NAME --password-stdin | list | disable NAME | enable NAME\n"
"  user token NAME --label TEXT [--days N]\n"
"                               print a new API token for a program\n"
"  user token list NAME | revoke NAME ID|--all\n"
"                               an account's API tokens; end one or all\n" },
	{ "gen", cmd_gen,
"  gen --scale province|national --year YYYY [--seed N]\n"
"                               a synthetic dataset as JSON Lines on stdout\n" },
	{ "help", NULL,
"  help [COMMAND]               this text, or one command's\n" },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* The usage of every command (i < 0) or of command i. */
static void
usage(FILE *out, int i)
{
	fputs("用法 Usage: lvzhi [--db PATH] [--rules FILE] [--audit-key FILE]\n"
	    "       [--audit-head FILE] COMMAND [ARGS]\n"
	    "\n", out);
	for (size_t j = 0; j < NCOMMANDS; j++)
		if (i < 0 || (size_t)i == j)
			fputs(commands[j].help, out);
	fputs(
"\n"
"  --db PATH      database (default $LVZHI_DB, then ./lvzhi.db): a SQLite\n"
"                 file, or postgresql://HOST/NAME for PostgreSQL\n"
"  --rules FILE   rule catalog, a file or a directory of *.md; repeated:\n"
"                 versions of one catalog (default $LVZHI_RULES, then the\n"
"                 shipped rules/ directory)\n"
"  --audit-key FILE   the audit log's HMAC-SM3 key (default $LVZHI_AUDIT_KEY,\n"
"                 then lvzhi-audit.key beside a SQLite database; made if\n"
"                 missing)\n"
"  --audit-head FILE  where each write records the log's head (default\n"
"                 $LVZHI_AUDIT_HEAD, then DB.audit-head beside the database)\n"
"  --help, --version\n"
"\n"
"Exit status: 0 success, 1 failure, 2 bad usage or bad input.\n", out);
}

/* The index of the command called name, or -1. */
static int
command_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return (int)i;
	return -1;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "rules", required_argument, NULL, 'r' },
		{ "audit-key", required_argument, NULL, 'k' },
		{ "audit-head", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { 0 };
	int ch;

	cli.db = getenv("LVZHI_DB");
	cli.db_given = cli.db != NULL && *cli.db != '\0';
	if (!cli.db_given)
		cli.db = "lvzhi.db";
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			cli.db = optarg;
			cli.db_given = 1;
			break;
		case 'r':
			if (cli.nrules == CLI_RULES_MAX) {
				cli_error("--rules: more than %d given",
				    CLI_RULES_MAX);
				return EXIT_USAGE;
			}
			cli.rules[cli.nrules++] = optarg;
			break;
		case 'k':
			cli.audit_key = optarg;
			break;
		case 'H':
			cli.audit_head = optarg;
			break;
		case 'h':
			usage(stdout, -1);
			return EXIT_OK;
		case 'V':
			printf("lvzhi %s\n", LVZHI_VERSION);
			return EXIT_OK;
		default:
			usage(stderr, -1);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr, -1);
		return EXIT_USAGE;
	}
	struct passwd *pw = getpwuid(geteuid());
	snprintf(cli.actor, sizeof cli.actor, "cli:%s",
	    pw != NULL ? pw->pw_name : "unknown");
	const char *name = argv[optind];
	int i = command_find(name);
	if (i < 0) {
		cli_error("unknown command '%s' (see lvzhi --help)", name);
		return EXIT_USAGE;
	}
	/* `lvzhi help [COMMAND]`, and `lvzhi COMMAND --help` before the
	 * command sees it (backup would take it for a file name). */
	const char *arg = optind + 1 < argc ? argv[optind + 1] : NULL;
	if (commands[i].fn == NULL) {
		int about = arg == NULL ? -1 : strcmp(arg, "--help") == 0 ? i :
		    command_find(arg);
		if (optind + 2 < argc) {
			cli_error("usage: lvzhi help [COMMAND]");
			return EXIT_USAGE;
		}
		if (arg != NULL && about < 0) {
			cli_error("help: unknown command '%s'", arg);
			return EXIT_USAGE;
		}
		usage(stdout, about);
		return EXIT_OK;
	}
	if (arg != NULL && strcmp(arg, "--help") == 0) {
		usage(stdout, i);
		return EXIT_OK;
	}
	int sub = optind;
	optind = 0; /* glibc: reinitialise for the command */
	return commands[i].fn(&cli, argc - sub, argv + sub);
}
