/*
 * lvzhi user add|passwd|list|disable|enable|token: accounts from the
 * command line. Passwords are read from standard input only (never from
 * arguments, which other users can see), checked for complexity and
 * stored as argon2id hashes. A new password or disabling ends the
 * account's sessions and revokes its API tokens, in the transaction that
 * makes the change. The operator mints tokens without a password (it is
 * the operator), and lists and revokes anyone's.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "auth/access.h"
#include "auth/authority.h"
#include "auth/password.h"
#include "auth/session.h"
#include "base/date.h"

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

/* A store step of a transaction failed: says why, rolls back and returns
 * status. */
static int
failed(struct store *s, int status)
{
	cli_error("%s", store_error(s));
	store_rollback(s);
	return status;
}

static int
usage(void)
{
	cli_error("usage: lvzhi user add NAME --role ROLE [--region CODE] "
	    "[--organ ID] [--person ID] --password-stdin\n"
	    "       lvzhi user passwd NAME --password-stdin\n"
	    "       lvzhi user list | disable NAME | enable NAME\n"
	    "       lvzhi user token NAME --label TEXT [--days N]\n"
	    "       lvzhi user token list NAME | revoke NAME ID|--all");
	return EXIT_USAGE;
}

/* The operator (the CLI acts on the database, not as an account): the
 * administrator's reach, and no account of its own. */
static const struct principal operator_principal = { .role = ACCT_ADMIN };

/* authority.c's refusal on standard error, rolled back: EXIT_FAIL for a
 * storage failure, else EXIT_USAGE. */
static int
refused(struct store *s, const struct fault *f)
{
	cli_error("%s%s%s", f->field ? f->field : "", f->field ? ": " : "",
	    f->title);
	store_rollback(s);
	return f->status >= 500 ? EXIT_FAIL : EXIT_USAGE;
}

/*
 * lvzhi user add: the same checks as an account made in the web
 * (authority_account_create, as the administrator): the name's form, the
 * fields the role needs, the region, organ and person as stored, a
 * leader's post at the organ, and no overwrite of an existing name.
 */
static int
add(struct cli *cli, struct store *s, int argc, char **argv)
{
	const char *role = NULL, *region = NULL, *organ = NULL, *person = NULL;
	int stdin_pw = 0;
	enum role_kind rk;
	struct fault f = { 0 };
	const struct cli_opt opts[] = {
		{ "role", cli_opt_str, &role },
		{ "region", cli_opt_str, &region },
		{ "organ", cli_opt_str, &organ },
		{ "person", cli_opt_str, &person },
		{ "password-stdin", cli_opt_flag, &stdin_pw },
		{ NULL, NULL, NULL },
	};
	if (cli_options(argc, argv, 0, NULL, opts) || optind != argc - 1 ||
	    role == NULL || !stdin_pw)
		return usage();
	const char *name = argv[optind];
	if (access_role_parse(role, &rk)) {
		cli_error("unknown role '%s' (admin, office, clerk, leader, "
		    "inspector, discipline)", role);
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
	struct authority_account w = { name, role, region, organ, person };
	if (store_begin(s))
		return failed(s, EXIT_FAIL);
	if (authority_account_create(s, &operator_principal, &w, &f))
		return refused(s, &f);
	if (store_account_add(s, name, role, region, organ, person, hash) ||
	    audit_append(s, cli->actor, "account.add", name, 1, "") ||
	    store_commit(s))
		return failed(s, EXIT_USAGE);
	printf("已添加账号 %s(%s)\n", name, access_role_label(rk));
	return EXIT_OK;
}

/* The name's key, or a message and the exit status in *status. */
static int
known(struct store *s, const char *name, int64_t *key, int *status)
{
	int rc = account_key(s, name, key);
	if (rc != 1) {
		cli_error("%s", rc ? store_error(s) : "no such account");
		*status = rc ? EXIT_FAIL : EXIT_USAGE;
		return -1;
	}
	return 0;
}

/*
 * Audits what session_end_account did for an account after cause
 * (account.passwd, account.disable): one token.revoke entry naming how
 * many. Returns 0 or -1.
 */
static int
audit_ended(struct cli *cli, struct store *s, const char *name, int n)
{
	char entity[160];
	if (n == 0)
		return 0;
	snprintf(entity, sizeof entity, "account:%s/token:all(%d)", name, n);
	return audit_append(s, cli->actor, "token.revoke", entity, 1, "");
}

/*
 * Disables (off) or enables an account. Disabling ends its sessions and
 * revokes its tokens for good; enabling brings none back.
 */
static int
set_disabled(struct cli *cli, struct store *s, const char *name, int off)
{
	int64_t key = 0;
	int status = EXIT_OK, n = 0;
	struct fault f = { 0 };
	if (known(s, name, &key, &status))
		return status;
	if (store_begin(s))
		return failed(s, EXIT_FAIL);
	/* The last enabled administrator is not disabled (authority.c). */
	if (authority_account(s, &operator_principal, name, off ?
	    AUTHORITY_ACCOUNT_DISABLE : AUTHORITY_ACCOUNT_ENABLE, NULL, &f))
		return refused(s, &f);
	if (store_account_set_disabled(s, name, off) != 1 ||
	    (off && (n = session_end_account(s, key, (int64_t)time(NULL))) < 0)
	    || audit_append(s, cli->actor, off ? "account.disable" :
	    "account.enable", name, 1, "") || audit_ended(cli, s, name, n) ||
	    store_commit(s))
		return failed(s, EXIT_FAIL);
	printf("账号 %s 已%s", name, off ? "停用" : "启用");
	if (n > 0)
		printf(",%d 个 API 令牌已撤销", n);
	printf("\n");
	return EXIT_OK;
}

/* A new password from standard input; the old one's sessions and tokens
 * end with it. */
static int
passwd(struct cli *cli, struct store *s, const char *name)
{
	char pw[1100], hash[PASSWORD_HASH_MAX];
	const char *why = NULL;
	int64_t key = 0;
	int status = EXIT_OK, n = 0;
	if (read_password(pw, sizeof pw) || password_check(pw, &why)) {
		cli_error("password: %s", why ? why : "none given");
		return EXIT_USAGE;
	}
	if (password_hash(pw, hash))
		return EXIT_FAIL;
	if (known(s, name, &key, &status))
		return status;
	if (store_begin(s) || store_account_set_password(s, name, hash) != 1 ||
	    (n = session_end_account(s, key, (int64_t)time(NULL))) < 0 ||
	    audit_append(s, cli->actor, "account.passwd", name, 1, "") ||
	    audit_ended(cli, s, name, n) || store_commit(s))
		return failed(s, EXIT_FAIL);
	printf("账号 %s 密码已更新", name);
	if (n > 0)
		printf(",%d 个 API 令牌已撤销", n);
	printf("\n");
	return EXIT_OK;
}

/* unix seconds as Beijing "YYYY-MM-DD HH:MM" into out (32 bytes), as the
 * offices read times whatever the server's zone; "-" for 0. */
static const char *
when(int64_t t, char out[32])
{
	struct tm tm;
	if (t == 0 || date_time_beijing((time_t)t, &tm))
		return "-";
	strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
	return out;
}

static int
show_token(void *ctx, const struct store_token *t)
{
	char c[32], e[32], u[32];
	int64_t now = *(const int64_t *)ctx;
	printf("%-16s  %-16s  %-16s  %-16s  %-6s  %s\n", t->id, when(t->created,
	    c), when(t->expires, e), when(t->last_used, u), t->revoked ? "已撤销" :
	    t->expires <= now ? "已过期" : "有效", t->label);
	return 0;
}

static int
token_list(struct store *s, const char *name)
{
	int64_t key = 0, now = (int64_t)time(NULL);
	int status = EXIT_OK;
	if (known(s, name, &key, &status))
		return status;
	printf("%-16s  %-16s  %-16s  %-16s  %-6s  %s\n", "编号", "创建", "到期",
	    "最近使用", "状态", "用途");
	if (store_each_token(s, key, NULL, 100000, show_token, &now) < 0) {
		cli_error("%s", store_error(s));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Revokes the account's token id, or all of them (--all). */
static int
token_revoke(struct cli *cli, struct store *s, const char *name,
    const char *id)
{
	int64_t key = 0, now = (int64_t)time(NULL);
	int status = EXIT_OK, n;
	char entity[160];
	if (known(s, name, &key, &status))
		return status;
	int all = strcmp(id, "--all") == 0;
	snprintf(entity, sizeof entity, "account:%s/token:%.16s", name, id);
	if (store_begin(s))
		goto fail;
	n = all ? store_token_revoke_account(s, key, now) :
	    store_token_revoke(s, key, id, now);
	if (n < 0)
		goto fail;
	if (n > 0 && (all ? audit_ended(cli, s, name, n) : audit_append(s,
	    cli->actor, "token.revoke", entity, 1, "")))
		goto fail;
	if (store_commit(s))
		goto fail;
	if (!all && n == 0) {
		cli_error("account %s has no live token %s", name, id);
		return EXIT_USAGE;
	}
	printf("已撤销 %d 个令牌\n", n);
	return EXIT_OK;
fail:
	return failed(s, EXIT_FAIL);
}

/* --days N: 1 to 3650, else EXIT_USAGE after saying so. */
static int
parse_days(const char *arg, void *to)
{
	char *end;
	long *days = to;
	*days = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || *days < 1 || *days > 3650) {
		cli_error("--days: want a number from 1 to 3650");
		return EXIT_USAGE;
	}
	return 0;
}

/* lvzhi user token NAME --label TEXT [--days N]: printed once. */
static int
token_mint(struct cli *cli, struct store *s, int argc, char **argv)
{
	const char *label = NULL;
	long days = TOKEN_LIFETIME_DEFAULT / 86400;
	int status = EXIT_OK;
	const struct cli_opt opts[] = {
		{ "label", cli_opt_str, &label },
		{ "days", parse_days, &days },
		{ NULL, NULL, NULL },
	};
	int rc = cli_options(argc, argv, 0, NULL, opts);
	if (rc == EXIT_USAGE)
		return EXIT_USAGE; /* parse_days said why */
	if (rc || optind != argc - 1 || label == NULL || *label == '\0' ||
	    strlen(label) > 200)
		return usage();
	const char *name = argv[optind];
	int64_t key = 0, now = (int64_t)time(NULL);
	char token[TOKEN_HEX], id[TOKEN_ID_HEX], entity[160];
	if (known(s, name, &key, &status))
		return status;
	if (store_begin(s) || session_token_create(s, key, label, now,
	    now + days * 86400, NULL, token, id))
		goto fail;
	snprintf(entity, sizeof entity, "account:%s/token:%s", name, id);
	if (audit_append(s, cli->actor, "token.create", entity, 1, "") ||
	    store_commit(s))
		goto fail;
	/* The token is shown once; only its digest is kept. */
	printf("%s\n", token);
	return EXIT_OK;
fail:
	return failed(s, EXIT_FAIL);
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
		status = set_disabled(cli, s, argv[2], sub[0] == 'd');
	} else if (strcmp(sub, "passwd") == 0 && argc == 4 &&
	    strcmp(argv[3], "--password-stdin") == 0) {
		status = passwd(cli, s, argv[2]);
	} else if (strcmp(sub, "token") == 0 && argc == 4 &&
	    strcmp(argv[2], "list") == 0 && argv[3][0] != '-') {
		status = token_list(s, argv[3]);
	} else if (strcmp(sub, "token") == 0 && argc == 5 &&
	    strcmp(argv[2], "revoke") == 0 && argv[3][0] != '-') {
		status = token_revoke(cli, s, argv[3], argv[4]);
	} else if (strcmp(sub, "token") == 0 && argc >= 3) {
		status = token_mint(cli, s, argc - 1, argv + 1);
	} else {
		status = usage();
	}
	store_close(s);
	return status;
}
