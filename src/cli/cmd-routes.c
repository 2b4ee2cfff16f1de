/*
 * lvzhi routes: every route of the web server with who may call it, read
 * from the table the router enforces (src/http/routes.c). The access
 * matrix test (tests/web/access.test.mjs) reads `routes --json` from the
 * binary under test, so a route added to the table is a route the test
 * must cover: it fails on one it has no fixture for.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "http/http.h"

/* The account roles that may call a route once logged in. */
static json_t *
route_roles(const struct route *rt)
{
	json_t *a = json_array();
	for (int i = 0; i < ACCT_COUNT; i++)
		if (!(rt->access & ROLES_ALL) ||
		    (rt->access & ROLE_BIT((enum role_kind)i)))
			json_array_append_new(a,
			    json_string(access_role_name((enum role_kind)i)));
	return a;
}

static json_t *
route_json(const struct route *rt)
{
	int login = (rt->access & ACCESS_LOGIN) != 0;
	return json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:o}",
	    "method", rt->method, "pattern", rt->pattern,
	    "summary", rt->summary, "login", login,
	    "page", (rt->access & ACCESS_PAGE) != 0,
	    "csrf", login && strcmp(rt->method, "GET") != 0 &&
	    !(rt->access & ACCESS_NO_CSRF),
	    "roles", login ? route_roles(rt) : json_null());
}

int
cmd_routes(struct cli *cli, int argc, char **argv)
{
	int json = 0;
	const struct cli_opt opts[] = {
		{ "json", cli_opt_flag, &json },
		{ NULL, NULL, NULL },
	};
	(void)cli;
	if (cli_options(argc, argv, 0, NULL, opts) || optind < argc) {
		cli_error("usage: lvzhi routes [--json]");
		return EXIT_USAGE;
	}
	if (json) {
		json_t *a = json_array();
		for (size_t i = 0; i < nroutes; i++)
			json_array_append_new(a, route_json(&routes[i]));
		int rc = json_dumpf(a, stdout, JSON_INDENT(1));
		json_decref(a);
		if (rc != 0 || putchar('\n') == EOF || fflush(stdout) != 0) {
			cli_error("cannot write the route list");
			return EXIT_FAIL;
		}
		return EXIT_OK;
	}
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		char who[128] = "";
		if (!(rt->access & ACCESS_LOGIN)) {
			snprintf(who, sizeof who, "public");
		} else if (!(rt->access & ROLES_ALL)) {
			snprintf(who, sizeof who, "any account");
		} else {
			for (int k = 0; k < ACCT_COUNT; k++) {
				if (!(rt->access & ROLE_BIT((enum role_kind)k)))
					continue;
				size_t n = strlen(who);
				snprintf(who + n, sizeof who - n, "%s%s", n ? "," : "",
				    access_role_name((enum role_kind)k));
			}
		}
		printf("%-5s %-46s %s%s\n", rt->method, rt->pattern, who,
		    (rt->access & ACCESS_PAGE) ? " (page)" : "");
	}
	if (fflush(stdout) != 0) {
		cli_error("cannot write the route list");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
