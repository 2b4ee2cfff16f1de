/*
 * lvzhi user add|passwd|list|disable|enable|token: accounts from the
 * command line. Passwords are read from standard input only (never from
 * arguments, which other users can see), checked for complexity and
 * stored as argon2id hashes.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "auth/access.h"
#include "auth/password.h"
#include "auth/session.h"

static int
read_password(char *pw, size_t n)
{
	if (fgets(pw, (int)n, stdin) == NULL)
		return -1;
	pw[strcspn(pw, "\r\n")] = '\0';
	return 0;
}

static int
show(void *ctx, const struct store_account *a)
{
	(void)ctx;
	printf("%-20s %-11s %-10s %-22s %-12s %s%s\n", a->name, a->role,
	    a->region ? a->region : "-", a->organ ? a->organ : "-",
	    a->person ? a->person : "-", a->disabled ? "已停用" : "启用",
	    a->locked_until > (int64_t)time(NULL) ? " 已锁定" : "");
	return 0;
}

static int
keep_key(void *ctx, const struct store_account *a)
{
	*(int64_t *)ctx = a->key;
	return 0;
}

/* The key of account name: 1, 0 (none), -1. */
static int
account_key(struct store *s, const char *name, int64_t *key)
{
	return store_account_get(s, name, 0, keep_key, key);
}

static int
usage(void)
{
	cli_error("usage: lvzhi user add NAME --role ROLE [--region CODE] "
	    "[--organ ID] [--person ID] --password-stdin\n"
	    "       lvzhi user passwd NAME --password-stdin\n"
	    "       lvzhi user list | disable NAME | enable NAME\n"
	    "       lvzhi user token NAME --label TEXT");
	return EXIT_USAGE;
}

static int
add(struct cli *cli, struct store *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "region", required_argument, NULL, 'g' },
		{ "organ", required_argument, NULL, 'o' },
		{ "person", required_argument, NULL, 'p' },
		{ "password-stdin", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role = NULL, *region = NULL, *organ = NULL, *person = NULL;
	int stdin_pw = 0, ch;
	enum role_kind rk;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (ch) {
		case 'r': role = optarg; break;
		case 'g': region = optarg; break;
		case 'o': organ = optarg; break;
		case 'p': person = optarg; break;
		case 's': stdin_pw = 1; break;
		default: return usage();
		}
	if (optind != argc - 1 || role == NULL || !stdin_pw)
		return usage();
	const char *name = argv[optind];
	if (access_role_parse(role, &rk)) {
		cli_error("unknown role '%s' (admin, office, clerk, leader, "
		    "inspector, discipline)", role);
		return EXIT_USAGE;
	}
	int regional = rk == ACCT_OFFICE || rk == ACCT_INSPECTOR ||
	    rk == ACCT_DISCIPLINE;
	if ((regional && region == NULL) || (rk == ACCT_CLERK && organ == NULL)
	    || (rk == ACCT_LEADER && person == NULL)) {
		cli_error("role %s needs %s", role, regional ? "--region CODE" :
		    rk == ACCT_CLERK ? "--organ ID" : "--person ID");
		return EXIT_USAGE;
	}
	if (strlen(name) == 0 || strlen(name) > 64 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") != strlen(name)) {
		cli_error("user name: 1-64 of a-z A-Z 0-9 . _ -");
		return EXIT_USAGE;
	}
	char pw[1100], hash[PASSWORD_HASH_MAX];
	const char *why;
	if (read_password(pw, sizeof pw)) {
		cli_error("no password on standard input");
		return EXIT_USAGE;
	}
	if (password_check(pw, &why)) {
		cli_error("password: %s", why);
		return EXIT_USAGE;
	}
	if (password_hash(pw, hash)) {
		cli_error("cannot hash the password");
		return EXIT_FAIL;
	}
	if (store_begin(s) || store_account_add(s, name, role, region, organ,
	    person, hash) || audit_append(s, cli->actor, "account.add",
	    name, 1, "") || store_commit(s)) {
		cli_error("%s", store_error(s));
		store_rollback(s);
		return EXIT_USAGE;
	}
	printf("已添加账号 %s(%s)\n", name, access_role_label(rk));
	return EXIT_OK;
}

int
cmd_user(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return usage();
	const char *sub = argv[1];
	struct store *s = cli_store(cli, 1);
	if (s == NULL)
		return EXIT_FAIL;
	int status = EXIT_OK;
	if (strcmp(sub, "add") == 0) {
		status = add(cli, s, argc - 1, argv + 1);
	} else if (strcmp(sub, "list") == 0 && argc == 2) {
		printf("%-20s %-11s %-10s %-22s %-12s %s\n", "账号", "角色", "地区",
		    "机构", "人员", "状态");
		if (store_each_account(s, show, NULL) < 0) {
			cli_error("%s", store_error(s));
			status = EXIT_FAIL;
		}
	} else if ((strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0)
	    && argc == 3) {
		int off = sub[0] == 'd';
		int64_t key = 0;
		int rc = store_account_set_disabled(s, argv[2], off);
		/* A disabled account's sessions end at once. */
		if (rc == 1 && off && (account_key(s, argv[2], &key) != 1 ||
		    store_session_delete_account(s, key) < 0))
			rc = -1;
		if (rc < 0 || rc == 0) {
			cli_error("%s", rc ? store_error(s) : "no such account");
			status = rc ? EXIT_FAIL : EXIT_USAGE;
		} else {
			audit_append(s, cli->actor, off ? "account.disable" :
			    "account.enable", argv[2], 1, "");
			printf("账号 %s 已%s\n", argv[2], off ? "停用" : "启用");
		}
	} else if (strcmp(sub, "passwd") == 0 && argc == 4 &&
	    strcmp(argv[3], "--password-stdin") == 0) {
		char pw[1100], hash[PASSWORD_HASH_MAX];
		const char *why = NULL;
		if (read_password(pw, sizeof pw) || password_check(pw, &why)) {
			cli_error("password: %s", why ? why : "none given");
			status = EXIT_USAGE;
		} else if (password_hash(pw, hash)) {
			status = EXIT_FAIL;
		} else {
			int64_t key = 0;
			int rc = store_account_set_password(s, argv[2], hash);
			/* A new password ends the sessions of the old one. */
			if (rc == 1 && (account_key(s, argv[2], &key) != 1 ||
			    store_session_delete_account(s, key) < 0))
				rc = -1;
			if (rc != 1) {
				cli_error("%s", rc ? store_error(s) : "no such account");
				status = rc ? EXIT_FAIL : EXIT_USAGE;
			} else {
				audit_append(s, cli->actor, "account.passwd", argv[2], 1,
				    "");
				printf("账号 %s 密码已更新\n", argv[2]);
			}
		}
	} else if (strcmp(sub, "token") == 0 && argc == 5 &&
	    strcmp(argv[3], "--label") == 0) {
		int64_t key = 0;
		char token[TOKEN_HEX];
		int rc = account_key(s, argv[2], &key);
		if (rc != 1) {
			cli_error("%s", rc ? store_error(s) : "no such account");
			status = rc ? EXIT_FAIL : EXIT_USAGE;
		} else if (session_token_create(s, key, argv[4], (int64_t)time(NULL),
		    token) || audit_append(s, cli->actor, "token.create", argv[2],
		    1, "")) {
			cli_error("%s", store_error(s));
			status = EXIT_FAIL;
		} else {
			/* The token is shown once; only its digest is kept. */
			printf("%s\n", token);
		}
	} else {
		status = usage();
	}
	store_close(s);
	return status;
}
