/* lvzhi gen: a synthetic province or nation as JSON Lines on stdout. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo.h"
#include "demo/gen.h"

/* --scale province|national: *to is an int, 1 + the gen_scale. */
static int
parse_scale(const char *arg, void *to)
{
	if (strcmp(arg, "province") != 0 && strcmp(arg, "national") != 0)
		return -1;
	*(int *)to = 1 + (arg[0] == 'n' ? GEN_NATIONAL : GEN_PROVINCE);
	return 0;
}

/* --seed N: a decimal unsigned long long. */
static int
parse_seed(const char *arg, void *to)
{
	char *end;
	*(unsigned long long *)to = strtoull(arg, &end, 10);
	return *end == '\0' && *arg != '\0' ? 0 : -1;
}

int
cmd_gen(struct cli *cli, int argc, char **argv)
{
	struct cli_args args = { 0 };
	int scale = 0; /* 0: no --scale */
	unsigned long long seed = 1;
	const struct cli_opt opts[] = {
		{ "scale", parse_scale, &scale },
		{ "seed", parse_seed, &seed },
		{ NULL, NULL, NULL },
	};
	if (cli_options(argc, argv, CLI_YEAR, &args, opts) || scale == 0 ||
	    args.year <= 0 || optind < argc) {
		cli_error("usage: lvzhi gen --scale province|national --year YYYY "
		    "[--seed N]");
		return EXIT_USAGE;
	}
	struct cli_demo dm;
	if (cli_demo_open(cli, &dm))
		return EXIT_FAIL;
	/* A large buffer: the output is millions of short lines. */
	static char outbuf[1 << 20];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	struct gen_stats st;
	int rc = gen_write(stdout, (enum gen_scale)(scale - 1), args.year, seed,
	    dm.duties, dm.n, &st);
	cli_demo_close(&dm);
	if (rc) {
		cli_error("writing the dataset: %s", "output error");
		return EXIT_FAIL;
	}
	fprintf(stderr, "lvzhi: gen: %ld 个地区,%ld 个机构,%ld 人,%ld 条台账记录,"
	    "%ld 项评分\n", st.regions, st.organs, st.persons, st.records,
	    st.scores);
	return EXIT_OK;
}
