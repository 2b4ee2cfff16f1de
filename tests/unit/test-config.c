/*
 * Unit tests of the server settings that guard logins: trusted_proxies is
 * validated as a list of addresses and matched in canonical form, the
 * throttling numbers and the lifetimes of sessions and tokens keep to
 * their ranges, and the environment sets them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "http/server.h"
#include "report/gongwen.h"

static int
set(struct server_config *c, const char *key, const char *value)
{
	char err[256] = "";
	int rc = server_config_set(c, key, value, err, sizeof err);
	if (rc != 0)
		assert_true(strstr(err, key) != NULL); /* the error names it */
	return rc;
}

static void
test_defaults(void **state)
{
	(void)state;
	struct server_config c;
	server_config_defaults(&c, "x.db");
	assert_int_equal(c.login_ip_failures, 20);
	assert_int_equal(c.login_ip_window, 900);
	assert_string_equal(c.trusted_proxies, "");
	assert_false(server_addr_listed(c.trusted_proxies, "127.0.0.1"));
}

static void
test_trusted_proxies(void **state)
{
	(void)state;
	struct server_config c;
	server_config_defaults(&c, "x.db");
	assert_int_equal(set(&c, "trusted_proxies", "10.0.0.1, 127.0.0.1"), 0);
	assert_true(server_addr_listed(c.trusted_proxies, "127.0.0.1"));
	assert_true(server_addr_listed(c.trusted_proxies, "10.0.0.1"));
	assert_false(server_addr_listed(c.trusted_proxies, "10.0.0.2"));
	assert_false(server_addr_listed(c.trusted_proxies, "127.0.0.10"));
	assert_false(server_addr_listed(c.trusted_proxies, "-"));
	assert_false(server_addr_listed(c.trusted_proxies, ""));
	/* IPv6 in any spelling. */
	assert_int_equal(set(&c, "trusted_proxies", "::1,2001:DB8:0::1"), 0);
	assert_true(server_addr_listed(c.trusted_proxies, "0:0:0:0:0:0:0:1"));
	assert_true(server_addr_listed(c.trusted_proxies, "2001:db8::1"));
	assert_false(server_addr_listed(c.trusted_proxies, "127.0.0.1"));
	/* Not addresses: refused, the setting unchanged. */
	assert_int_equal(set(&c, "trusted_proxies", "proxy.local"), -1);
	assert_int_equal(set(&c, "trusted_proxies", "10.0.0.0/8"), -1);
	assert_int_equal(set(&c, "trusted_proxies", "1.2.3.4,*"), -1);
	assert_string_equal(c.trusted_proxies, "::1,2001:DB8:0::1");
	assert_int_equal(set(&c, "trusted_proxies", ""), 0);
	assert_false(server_addr_listed(c.trusted_proxies, "127.0.0.1"));
}

static void
test_throttle_numbers(void **state)
{
	(void)state;
	struct server_config c;
	server_config_defaults(&c, "x.db");
	assert_int_equal(set(&c, "login_ip_failures", "5"), 0);
	assert_int_equal(c.login_ip_failures, 5);
	assert_int_equal(set(&c, "login_ip_window", "60"), 0);
	assert_int_equal(c.login_ip_window, 60);
	assert_int_equal(set(&c, "login_ip_failures", "0"), -1);
	assert_int_equal(set(&c, "login_ip_window", "0"), -1);
	assert_int_equal(set(&c, "login_ip_window", "86401"), -1);
	assert_int_equal(set(&c, "login_ip_failures", "ten"), -1);
	assert_int_equal(c.login_ip_failures, 5);
	assert_int_equal(c.login_ip_window, 60);
	/* The neighbours in the table are not disturbed. */
	assert_int_equal(c.secure_cookies, 0);
	assert_int_equal(c.timeout, 30);
}

/* How long sessions and API tokens last: 12 hours and 90 days unless set,
 * within their ranges, from the file or the environment. */
static void
test_lifetimes(void **state)
{
	(void)state;
	struct server_config c;
	server_config_defaults(&c, "x.db");
	assert_int_equal(c.session_lifetime, 12 * 3600);
	assert_int_equal(c.token_lifetime, 90 * 86400);
	assert_int_equal(set(&c, "session_lifetime", "3600"), 0);
	assert_int_equal(set(&c, "token_lifetime", "86400"), 0);
	assert_int_equal(c.session_lifetime, 3600);
	assert_int_equal(c.token_lifetime, 86400);
	assert_int_equal(set(&c, "session_lifetime", "59"), -1);
	assert_int_equal(set(&c, "session_lifetime", "2592001"), -1);
	assert_int_equal(set(&c, "token_lifetime", "0"), -1);
	assert_int_equal(set(&c, "token_lifetime", "315360001"), -1);
	assert_int_equal(set(&c, "token_lifetime", "90d"), -1);
	assert_int_equal(c.session_lifetime, 3600);
	assert_int_equal(c.token_lifetime, 86400);
	assert_int_equal(c.login_ip_window, 900);
	setenv("LVZHI_SESSION_LIFETIME", "7200", 1);
	setenv("LVZHI_TOKEN_LIFETIME", "604800", 1);
	assert_int_equal(server_config_env(&c), 0);
	assert_int_equal(c.session_lifetime, 7200);
	assert_int_equal(c.token_lifetime, 604800);
	unsetenv("LVZHI_SESSION_LIFETIME");
	unsetenv("LVZHI_TOKEN_LIFETIME");
}

static void
test_evidence_quotas(void **state)
{
	(void)state;
	struct server_config c;
	server_config_defaults(&c, "x.db");
	assert_int_equal(c.evidence_record_files, 50);
	assert_true(c.evidence_account_bytes == 10ull << 30);
	assert_int_equal(set(&c, "evidence_record_files", "3"), 0);
	assert_int_equal(c.evidence_record_files, 3);
	assert_int_equal(set(&c, "evidence_account_bytes", "4096"), 0);
	assert_true(c.evidence_account_bytes == 4096);
	assert_int_equal(set(&c, "evidence_record_files", "0"), -1);
	assert_int_equal(set(&c, "evidence_account_bytes", "1023"), -1);
	assert_int_equal(c.evidence_record_files, 3);
	/* The neighbours in the table are not disturbed. */
	assert_int_equal(c.login_ip_window, 900);
	setenv("LVZHI_EVIDENCE_RECORD_FILES", "9", 1);
	setenv("LVZHI_EVIDENCE_ACCOUNT_BYTES", "8192", 1);
	assert_int_equal(server_config_env(&c), 0);
	assert_int_equal(c.evidence_record_files, 9);
	assert_true(c.evidence_account_bytes == 8192);
	unsetenv("LVZHI_EVIDENCE_RECORD_FILES");
	unsetenv("LVZHI_EVIDENCE_ACCOUNT_BYTES");
}

static void
test_environment(void **state)
{
	(void)state;
	struct server_config c;
	server_config_defaults(&c, "x.db");
	setenv("LVZHI_LOGIN_IP_FAILURES", "7", 1);
	setenv("LVZHI_LOGIN_IP_WINDOW", "120", 1);
	setenv("LVZHI_TRUSTED_PROXIES", "192.0.2.1", 1);
	assert_int_equal(server_config_env(&c), 0);
	assert_int_equal(c.login_ip_failures, 7);
	assert_int_equal(c.login_ip_window, 120);
	assert_true(server_addr_listed(c.trusted_proxies, "192.0.2.1"));
	setenv("LVZHI_TRUSTED_PROXIES", "everyone", 1);
	assert_int_equal(server_config_env(&c), -1);
	unsetenv("LVZHI_LOGIN_IP_FAILURES");
	unsetenv("LVZHI_LOGIN_IP_WINDOW");
	unsetenv("LVZHI_TRUSTED_PROXIES");
}

/* The webhook: https:// only unless allowed, a secret long enough to
 * sign with, its numbers in range; and token_lifetime, the numbers'
 * last entry before them, still set as itself. */
static void
test_webhook(void **state)
{
	(void)state;
	struct server_config c;
	char err[256];
	server_config_defaults(&c, "x.db");
	assert_int_equal(c.webhook_retry, 30);
	assert_int_equal(c.webhook_attempts, 8);
	assert_int_equal(c.remind, 0);
	assert_int_equal(c.webhook_keep, 30);
	assert_int_equal(c.audit_page_verify, 20000);
	assert_int_equal(server_config_finish(&c, err, sizeof err), 0);
	assert_int_equal(set(&c, "webhook_url", "http://127.0.0.1/hook"), 0);
	assert_int_equal(set(&c, "webhook_secret", "0123456789abcdef"), 0);
	assert_int_equal(server_config_finish(&c, err, sizeof err), -1);
	assert_non_null(strstr(err, "https"));
	assert_int_equal(set(&c, "webhook_allow_http", "1"), 0);
	assert_int_equal(server_config_finish(&c, err, sizeof err), 0);
	assert_int_equal(set(&c, "webhook_url", "https://127.0.0.1/hook"), 0);
	assert_int_equal(set(&c, "webhook_secret", "short"), 0);
	assert_int_equal(server_config_finish(&c, err, sizeof err), -1);
	assert_non_null(strstr(err, "webhook_secret"));
	assert_int_equal(set(&c, "webhook_retry", "0"), -1);
	assert_int_equal(set(&c, "webhook_attempts", "51"), -1);
	assert_int_equal(set(&c, "webhook_attempts", "3"), 0);
	assert_int_equal(c.webhook_attempts, 3);
	assert_int_equal(set(&c, "remind", "1"), 0);
	assert_int_equal(c.remind, 1);
	assert_int_equal(set(&c, "token_lifetime", "3600"), 0);
	assert_int_equal(c.token_lifetime, 3600);
	assert_int_equal(c.webhook_attempts, 3);
	setenv("LVZHI_WEBHOOK_RETRY", "5", 1);
	assert_int_equal(server_config_env(&c), 0);
	assert_int_equal(c.webhook_retry, 5);
	unsetenv("LVZHI_WEBHOOK_RETRY");
	/* the outbox's retention: days, 1 to 3650 (webhook_keep) */
	assert_int_equal(set(&c, "webhook_keep", "0"), -1);
	assert_int_equal(set(&c, "webhook_keep", "3651"), -1);
	assert_int_equal(set(&c, "webhook_keep", "7"), 0);
	assert_int_equal(c.webhook_keep, 7);
	assert_int_equal(c.remind, 1);
	setenv("LVZHI_WEBHOOK_KEEP", "2", 1);
	assert_int_equal(server_config_env(&c), 0);
	assert_int_equal(c.webhook_keep, 2);
	unsetenv("LVZHI_WEBHOOK_KEEP");
	assert_int_equal(set(&c, "audit_page_verify", "0"), 0);
	assert_int_equal(c.audit_page_verify, 0);
	setenv("LVZHI_AUDIT_PAGE_VERIFY", "100", 1);
	assert_int_equal(server_config_env(&c), 0);
	assert_int_equal(c.audit_page_verify, 100);
	unsetenv("LVZHI_AUDIT_PAGE_VERIFY");
	/* The 成文日期 in Chinese numerals unless set to Arabic. */
	assert_int_equal(c.date_arabic, 0);
	assert_int_equal(set(&c, "date_arabic", "1"), 0);
	assert_int_equal(c.date_arabic, 1);
	assert_int_equal(set(&c, "date_arabic", "2"), -1);
	setenv("LVZHI_DATE_ARABIC", "0", 1);
	assert_int_equal(server_config_env(&c), 0);
	assert_int_equal(c.date_arabic, 0);
	unsetenv("LVZHI_DATE_ARABIC");
}

/* The 公文 fonts: the families offices install by default, each role
 * set by its key or its variable, a name too long refused. */
static void
test_fonts(void **state)
{
	(void)state;
	struct server_config c;
	server_config_defaults(&c, "x.db");
	assert_string_equal(c.fonts[GW_XIAOBIAOSONG], "方正小标宋简体");
	assert_string_equal(c.fonts[GW_FANGSONG], "仿宋_GB2312");
	assert_string_equal(c.fonts[GW_SONGTI], "宋体");
	assert_int_equal(set(&c, "font_kaiti", "华文楷体"), 0);
	assert_string_equal(c.fonts[GW_KAITI], "华文楷体");
	assert_string_equal(c.fonts[GW_HEITI], "黑体");
	assert_int_equal(set(&c, "font_heiti", ""), 0);
	assert_string_equal(c.fonts[GW_HEITI], "");
	char name[200];
	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	assert_int_equal(set(&c, "font_fangsong", name), -1);
	assert_string_equal(c.fonts[GW_FANGSONG], "仿宋_GB2312");
	setenv("LVZHI_FONT_SONGTI", "Noto Serif CJK SC", 1);
	assert_int_equal(server_config_env(&c), 0);
	assert_string_equal(c.fonts[GW_SONGTI], "Noto Serif CJK SC");
	unsetenv("LVZHI_FONT_SONGTI");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_trusted_proxies),
		cmocka_unit_test(test_throttle_numbers),
		cmocka_unit_test(test_evidence_quotas),
		cmocka_unit_test(test_lifetimes),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_webhook),
		cmocka_unit_test(test_fonts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
