/* lvzhi remind: the daily deadline reminders (domain/message.h), for cron
 * where `lvzhi serve` does not run the scan itself (remind = 0). Each
 * reminder is written once, whatever how often this runs; the webhook's
 * sender in serve delivers them. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>

#include "domain/message.h"

int
cmd_remind(struct cli *cli, int argc, char **argv)
{
	struct cli_args args = { .date = date_today() };
	if (cli_options(argc, argv, CLI_DATE, &args, NULL) || optind < argc) {
		cli_error("usage: lvzhi remind [--date YYYY-MM-DD]");
		return EXIT_USAGE;
	}
	struct catalog *c = NULL;
	struct store *s;
	if (cli_open(cli, 0, &c, &s))
		return EXIT_FAIL;
	struct arena *a = arena_create();
	struct message_remind_tally t;
	char day[32];
	int rc = a == NULL ? -1 : message_remind(s, c, a, cli->actor,
	    args.date, &t);
	date_format_cn(args.date, day);
	if (rc == 0)
		fprintf(stderr, "lvzhi: %s 的期限提醒:3 天内到期 %ld 项,今日到期 "
		    "%ld 项,已逾期 %ld 项,共发给 %ld 个账号\n", day, t.before,
		    t.today, t.overdue, t.recipients);
	else
		cli_error("remind: %s", store_error(s));
	arena_free(a);
	store_close(s);
	catalog_free(c);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}
