/* lvzhi import FILE...: JSON Lines, each file all or nothing. */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "import/import.h"

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	if (argc < 2) {
		cli_error("usage: lvzhi import FILE... ('-' is standard input)");
		return EXIT_USAGE;
	}
	struct catalog *c;
	struct store *s;
	if (cli_open(cli, 1, &c, &s))
		return EXIT_FAIL;
	int status = EXIT_OK;
	for (int i = 1; i < argc; i++) {
		const char *name = argv[i];
		int std = strcmp(name, "-") == 0;
		FILE *in = std ? stdin : fopen(name, "r");
		if (in == NULL) {
			cli_error("%s: %s", name, strerror(errno));
			status = EXIT_USAGE;
			continue;
		}
		struct diag d;
		struct import_stats st;
		diag_init(&d, stderr);
		enum import_result r = import_stream(s, c, in, std ? "(stdin)" :
		    name, cli->actor, &d, &st);
		if (!std)
			fclose(in);
		if (r == IMPORT_OK)
			fprintf(stderr, "lvzhi: %s: %ld 行,新增 %ld,更新 %ld,"
			    "未变 %ld\n", name, st.lines, st.inserted, st.updated,
			    st.unchanged);
		else if (r == IMPORT_BAD) {
			fprintf(stderr, "lvzhi: %s: %ld 行有误,本文件未写入任何数据\n",
			    name, st.bad);
			status = EXIT_USAGE;
		} else {
			fprintf(stderr, "lvzhi: %s: 导入失败,本文件未写入任何数据\n",
			    name);
			if (status == EXIT_OK)
				status = EXIT_FAIL;
		}
	}
	store_close(s);
	catalog_free(c);
	return status;
}
