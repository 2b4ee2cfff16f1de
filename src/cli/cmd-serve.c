/* lvzhi serve: the web system (settings: flags > environment > INI). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/server.h"
#include "report/gongwen.h"

/* serve's flags after --config: each sets the setting of its name, '_'
 * for '-' (--evidence-dir DIR: evidence_dir). */
static const char *const settings[] = { "listen", "threads",
	"evidence-dir", "evidence-key", "audit-key", "audit-head",
	"static-dir", "access-log", "trusted-proxies", "timeout" };
#define NSETTINGS (sizeof settings / sizeof settings[0])

/* Sets the setting of flag i (optarg); 0, or -1 after printing why. */
static int
set_flag(struct server_config *cfg, size_t i)
{
	char key[32], err[256];
	snprintf(key, sizeof key, "%s", settings[i]);
	for (char *k = key; *k != '\0'; k++)
		if (*k == '-')
			*k = '_';
	if (server_config_set(cfg, key, optarg, err, sizeof err)) {
		cli_error("%s", err);
		return -1;
	}
	return 0;
}

int
cmd_serve(struct cli *cli, int argc, char **argv)
{
	/* --config is 1, settings[i] i + 2 */
	struct option opts[NSETTINGS + 2] = {
		{ "config", required_argument, NULL, 1 } };
	for (size_t i = 0; i < NSETTINGS; i++)
		opts[i + 1] = (struct option){ settings[i], required_argument,
		    NULL, (int)i + 2 };
	struct server_config cfg;
	const char *ini = getenv("LVZHI_CONFIG");
	char err[256];
	int ch;

	server_config_defaults(&cfg, cli->db);
	/* First pass: only --config, so the file comes before flags. */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (ch == 1)
			ini = optarg;
		else if (ch == '?')
			goto usage;
	if (optind < argc)
		goto usage;
	if (ini != NULL && server_config_ini(&cfg, ini))
		return EXIT_USAGE;
	/* --db and $LVZHI_DB come before the file's db, as flags and the
	 * environment do before the file for every other setting. */
	if (cli->db_given)
		snprintf(cfg.db, sizeof cfg.db, "%s", cli->db);
	if (server_config_env(&cfg))
		return EXIT_USAGE;
	/* lvzhi --audit-key FILE serve: as the flag of serve. */
	if ((cli->audit_key != NULL && server_config_set(&cfg, "audit_key",
	    cli->audit_key, err, sizeof err)) || (cli->audit_head != NULL &&
	    server_config_set(&cfg, "audit_head", cli->audit_head, err,
	    sizeof err))) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (ch > 1 && set_flag(&cfg, (size_t)ch - 2))
			return EXIT_USAGE;
	if (server_config_finish(&cfg, err, sizeof err)) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	/* The 公文 layout's fonts: what the office has installed. */
	for (int i = 0; i < GW_NFONTS; i++)
		gongwen_set_font((enum gw_font)i, cfg.fonts[i]);
	gongwen_set_date_arabic(cfg.date_arabic);
	struct catalog *c = cli_catalog(cli);
	if (c == NULL)
		return EXIT_FAIL;
	int rc = server_run(&cfg, c);
	catalog_free(c);
	return rc;
usage:
	cli_error("usage: lvzhi serve [--listen ADDR:PORT] [--config FILE] "
	    "[--threads N] [--evidence-dir DIR] [--evidence-key FILE] "
	    "[--audit-key FILE] [--audit-head FILE] "
	    "[--static-dir DIR] [--access-log FILE|-] "
	    "[--trusted-proxies ADDR,...] [--timeout SECONDS]");
	return EXIT_USAGE;
}
