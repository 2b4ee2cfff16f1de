/* lvzhi init: create an empty database (or migrate an existing one). */
#include "cli/cli.h"

#include <stdio.h>

int
cmd_init(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("init takes no arguments");
		return EXIT_USAGE;
	}
	struct store *s = cli_store(cli, 1);
	if (s == NULL)
		return EXIT_FAIL;
	fprintf(stderr, "lvzhi: %s: 数据库已就绪(结构版本 %d)\n", cli->db,
	    store_schema_version(s));
	store_close(s);
	return EXIT_OK;
}
