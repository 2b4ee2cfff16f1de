/* lvzhi serve: the web system (settings: flags > environment > INI). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/server.h"

int
cmd_serve(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "config", required_argument, NULL, 'c' },
		{ "threads", required_argument, NULL, 't' },
		{ "evidence-dir", required_argument, NULL, 'e' },
		{ "evidence-key", required_argument, NULL, 'k' },
		{ "audit-key", required_argument, NULL, 'K' },
		{ "audit-head", required_argument, NULL, 'H' },
		{ "static-dir", required_argument, NULL, 's' },
		{ "access-log", required_argument, NULL, 'a' },
		{ "trusted-proxies", required_argument, NULL, 'p' },
		{ "timeout", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const keys[128] = { ['l'] = "listen",
		['t'] = "threads", ['e'] = "evidence_dir", ['k'] = "evidence_key",
		['K'] = "audit_key", ['H'] = "audit_head",
		['s'] = "static_dir", ['a'] = "access_log",
		['p'] = "trusted_proxies", ['o'] = "timeout" };
	struct server_config cfg;
	const char *ini = getenv("LVZHI_CONFIG");
	char err[256];
	int ch;

	server_config_defaults(&cfg, cli->db);
	/* First pass: only --config, so the file comes before flags. */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (ch == 'c')
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
		if (ch != 'c' && server_config_set(&cfg, keys[ch], optarg, err,
		    sizeof err)) {
			cli_error("%s", err);
			return EXIT_USAGE;
		}
	if (server_config_finish(&cfg, err, sizeof err)) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
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
