/* lvzhi gen: a synthetic province or nation as JSON Lines on stdout. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo.h"
#include "demo/gen.h"

int
cmd_gen(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "scale", required_argument, NULL, 's' },
		{ "year", required_argument, NULL, 'y' },
		{ "seed", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	enum gen_scale scale = GEN_PROVINCE;
	int year = 0, ch, have_scale = 0;
	unsigned long long seed = 1;
	char *end;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 's' && (strcmp(optarg, "province") == 0 ||
		    strcmp(optarg, "national") == 0)) {
			scale = optarg[0] == 'n' ? GEN_NATIONAL : GEN_PROVINCE;
			have_scale = 1;
		} else if (ch == 'y' && cli_year(optarg, &year) == 0) {
			continue;
		} else if (ch == 'e' && (seed = strtoull(optarg, &end, 10), *end ==
		    '\0' && *optarg != '\0')) {
			continue;
		} else {
			year = -1;
			break;
		}
	}
	if (!have_scale || year <= 0 || optind < argc) {
		cli_error("usage: lvzhi gen --scale province|national --year YYYY "
		    "[--seed N]");
		return EXIT_USAGE;
	}
	struct catalog *c = cli_catalog(cli);
	if (c == NULL)
		return EXIT_FAIL;
	size_t n;
	struct demo_duty *duties = demo_duties(c, &n);
	/* A large buffer: the output is millions of short lines. */
	static char outbuf[1 << 20];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	struct gen_stats st;
	int rc = duties ? gen_write(stdout, scale, year, seed, duties, n, &st) : -1;
	free(duties);
	catalog_free(c);
	if (rc) {
		cli_error("writing the dataset: %s", "output error");
		return EXIT_FAIL;
	}
	fprintf(stderr, "lvzhi: gen: %ld 个地区,%ld 个机构,%ld 人,%ld 条台账记录,"
	    "%ld 项评分\n", st.regions, st.organs, st.persons, st.records,
	    st.scores);
	return EXIT_OK;
}
