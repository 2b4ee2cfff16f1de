/*
 * Server settings: defaults, an INI file, the environment, flags — each
 * later source overriding the earlier. One setter validates every value,
 * whichever source it comes from.
 */
#include "http/server.h"
#include "report/gongwen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
server_config_defaults(struct server_config *c, const char *db)
{
	memset(c, 0, sizeof *c);
	snprintf(c->listen, sizeof c->listen, "127.0.0.1:8080");
	snprintf(c->db, sizeof c->db, "%s", db);
	snprintf(c->access_log, sizeof c->access_log, "-");
	c->threads = 4;
	c->max_body = 1u << 20;
	c->max_upload = 20u << 20;
	c->timeout = 30;
	c->max_connections = 1024;
	c->login_ip_failures = 20;
	c->login_ip_window = 15 * 60;
	c->evidence_record_files = 50;
	c->evidence_account_bytes = 10ull << 30;
	c->session_lifetime = 12 * 3600;
	c->token_lifetime = 90 * 86400;
	c->webhook_retry = 30;
	c->webhook_attempts = 8;
	c->remind = 0; /* cron runs `lvzhi remind`, or remind = 1 */
	c->webhook_keep = 30;
	c->audit_page_verify = 20000;
	for (int i = 0; i < GW_NFONTS; i++)
		snprintf(c->fonts[i], sizeof c->fonts[i], "%s",
		    gongwen_font_defaults[i]);
}

/* addr in one canonical text form (inet_ntop's); -1 when not an address. */
static int
canonical(const char *addr, size_t n, char out[INET6_ADDRSTRLEN])
{
	char text[INET6_ADDRSTRLEN];
	unsigned char bin[sizeof(struct in6_addr)];
	if (n == 0 || n >= sizeof text)
		return -1;
	memcpy(text, addr, n);
	text[n] = '\0';
	if (inet_pton(AF_INET, text, bin) == 1)
		return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) ? 0 : -1;
	if (inet_pton(AF_INET6, text, bin) == 1)
		return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) ? 0 : -1;
	return -1;
}

/* Calls each(item, length, ctx) for each comma-separated item of list,
 * spaces trimmed; stops at the first non-zero return and returns it. */
static int
each_item(const char *list, int (*each)(const char *, size_t, void *),
    void *ctx)
{
	const char *p = list;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, ", ");
		if (n > 0) {
			int rc = each(p, n, ctx);
			if (rc != 0)
				return rc;
		}
		p += n;
	}
	return 0;
}

static int
bad_item(const char *item, size_t n, void *ctx)
{
	char out[INET6_ADDRSTRLEN];
	(void)ctx;
	return canonical(item, n, out) ? 1 : 0;
}

static int
same_item(const char *item, size_t n, void *ctx)
{
	char out[INET6_ADDRSTRLEN];
	return canonical(item, n, out) == 0 && strcmp(out, ctx) == 0;
}

int
server_addr_listed(const char *list, const char *addr)
{
	char want[INET6_ADDRSTRLEN];
	if (canonical(addr, strlen(addr), want))
		return 0;
	return each_item(list, same_item, want) == 1;
}

static int
number(const char *v, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

int
server_config_set(struct server_config *c, const char *key,
    const char *value, char *err, size_t errlen)
{
	static const struct {
		const char *key;
		size_t off, size;
	} texts[] = {
		{ "listen", offsetof(struct server_config, listen), 128 },
		{ "db", offsetof(struct server_config, db), 1024 },
		{ "evidence_dir", offsetof(struct server_config, evidence_dir),
		    1024 },
		{ "evidence_key", offsetof(struct server_config, evidence_key),
		    1024 },
		{ "audit_key", offsetof(struct server_config, audit_key), 1024 },
		{ "audit_head", offsetof(struct server_config, audit_head),
		    1024 },
		{ "static_dir", offsetof(struct server_config, static_dir), 1024 },
		{ "access_log", offsetof(struct server_config, access_log), 1024 },
		{ "trusted_proxies", offsetof(struct server_config,
		    trusted_proxies), 1024 },
		{ "webhook_url", offsetof(struct server_config, webhook_url),
		    1024 },
		{ "webhook_secret", offsetof(struct server_config,
		    webhook_secret), 256 },
		{ "webhook_ca", offsetof(struct server_config, webhook_ca), 1024 },
		{ "font_xiaobiaosong", offsetof(struct server_config,
		    fonts[GW_XIAOBIAOSONG]), 128 },
		{ "font_fangsong", offsetof(struct server_config,
		    fonts[GW_FANGSONG]), 128 },
		{ "font_heiti", offsetof(struct server_config, fonts[GW_HEITI]),
		    128 },
		{ "font_kaiti", offsetof(struct server_config, fonts[GW_KAITI]),
		    128 },
		{ "font_songti", offsetof(struct server_config,
		    fonts[GW_SONGTI]), 128 },
	};
	static const struct {
		const char *key;
		unsigned long lo, hi;
	} nums[] = { { "threads", 1, 256 }, { "max_body", 1024, 64ul << 20 },
		{ "max_upload", 1024, 512ul << 20 }, { "timeout", 1, 3600 },
		{ "max_connections", 1, 100000 },
		{ "secure_cookies", 0, 1 }, { "login_ip_failures", 1, 100000 },
		{ "login_ip_window", 1, 86400 },
		{ "evidence_record_files", 1, 10000 },
		{ "evidence_account_bytes", 1024, 1ul << 40 },
		{ "session_lifetime", 60, 30 * 86400 },
		{ "token_lifetime", 60, 3650ul * 86400 },
		{ "webhook_allow_http", 0, 1 }, { "webhook_retry", 1, 86400 },
		{ "webhook_attempts", 1, 50 }, { "remind", 0, 1 },
		{ "webhook_keep", 1, 3650 },
		{ "audit_page_verify", 0, 1ul << 31 }, { "date_arabic", 0, 1 } };
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (strcmp(key, texts[i].key) == 0) {
			if (strlen(value) >= texts[i].size) {
				snprintf(err, errlen, "%s: too long", key);
				return -1;
			}
			if (strcmp(key, "trusted_proxies") == 0 &&
			    each_item(value, bad_item, NULL)) {
				snprintf(err, errlen, "trusted_proxies: want IP "
				    "addresses separated by commas");
				return -1;
			}
			memcpy((char *)c + texts[i].off, value, strlen(value) + 1);
			if (strcmp(key, "listen") == 0 && strrchr(value, ':') == NULL) {
				snprintf(err, errlen, "listen: want ADDR:PORT");
				return -1;
			}
			return 0;
		}
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
		if (strcmp(key, nums[i].key) == 0) {
			unsigned long n;
			if (number(value, nums[i].lo, nums[i].hi, &n)) {
				snprintf(err, errlen, "%s: want a number from %lu to %lu",
				    key, nums[i].lo, nums[i].hi);
				return -1;
			}
			switch (i) {
			case 0: c->threads = (unsigned)n; break;
			case 1: c->max_body = n; break;
			case 2: c->max_upload = n; break;
			case 3: c->timeout = (unsigned)n; break;
			case 4: c->max_connections = (unsigned)n; break;
			case 5: c->secure_cookies = (int)n; break;
			case 6: c->login_ip_failures = (unsigned)n; break;
			case 7: c->login_ip_window = (unsigned)n; break;
			case 8: c->evidence_record_files = (unsigned)n; break;
			case 9: c->evidence_account_bytes = n; break;
			case 10: c->session_lifetime = (unsigned)n; break;
			case 11: c->token_lifetime = (unsigned)n; break;
			case 12: c->webhook_allow_http = (int)n; break;
			case 13: c->webhook_retry = (unsigned)n; break;
			case 14: c->webhook_attempts = (unsigned)n; break;
			case 15: c->remind = (int)n; break;
			case 16: c->webhook_keep = (unsigned)n; break;
			case 17: c->audit_page_verify = (unsigned)n; break;
			default: c->date_arabic = (int)n; break;
			}
			return 0;
		}
	snprintf(err, errlen, "unknown setting '%s'", key);
	return -1;
}

/* The webhook's settings as a whole: an https:// URL (http:// only
 * when allowed, for tests) and a secret to sign with. 0, or -1. */
static int
webhook_check(const struct server_config *c, char *err, size_t errlen)
{
	if (c->webhook_url[0] == '\0')
		return 0;
	if (strncmp(c->webhook_url, "https://", 8) != 0 &&
	    !(c->webhook_allow_http && strncmp(c->webhook_url, "http://",
	    7) == 0)) {
		snprintf(err, errlen, "webhook_url: want an https:// URL (the "
		    "messages carry names and deadlines)");
		return -1;
	}
	if (strlen(c->webhook_secret) < 16) {
		snprintf(err, errlen, "webhook_secret: give a secret of at least "
		    "16 characters to sign the webhook's bodies with");
		return -1;
	}
	return 0;
}

int
server_config_finish(struct server_config *c, char *err, size_t errlen)
{
	if (webhook_check(c, err, errlen))
		return -1;
	if (c->evidence_dir[0] != '\0')
		return 0;
	/* A database server's clients must name the directory they share. */
	if (strstr(c->db, "://") != NULL) {
		snprintf(err, errlen, "evidence_dir: give the directory of "
		    "evidence files (--evidence-dir), one that every server on "
		    "this database shares");
		return -1;
	}
	if (snprintf(c->evidence_dir, sizeof c->evidence_dir, "%s.evidence",
	    c->db) >= (int)sizeof c->evidence_dir) {
		snprintf(err, errlen, "db: too long for an evidence_dir beside it");
		return -1;
	}
	return 0;
}

static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

int
server_config_ini(struct server_config *c, const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "lvzhi: %s: %s\n", path, strerror(errno));
		return -1;
	}
	char line[2048], err[256];
	long n = 0;
	int bad = 0, in_server = 1;
	while (fgets(line, sizeof line, f) != NULL) {
		n++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			in_server = strcmp(s, "[server]") == 0;
			continue;
		}
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			fprintf(stderr, "lvzhi: %s:%ld: expected 'key = value'\n",
			    path, n);
			bad = 1;
			continue;
		}
		*eq = '\0';
		if (in_server && server_config_set(c, trim(s), trim(eq + 1), err,
		    sizeof err)) {
			fprintf(stderr, "lvzhi: %s:%ld: %s\n", path, n, err);
			bad = 1;
		}
	}
	fclose(f);
	return bad ? -1 : 0;
}

int
server_config_env(struct server_config *c)
{
	static const char *const vars[][2] = {
		{ "LVZHI_LISTEN", "listen" },
		{ "LVZHI_THREADS", "threads" },
		{ "LVZHI_EVIDENCE_DIR", "evidence_dir" },
		{ "LVZHI_EVIDENCE_KEY", "evidence_key" },
		{ "LVZHI_AUDIT_KEY", "audit_key" },
		{ "LVZHI_AUDIT_HEAD", "audit_head" },
		{ "LVZHI_STATIC_DIR", "static_dir" },
		{ "LVZHI_ACCESS_LOG", "access_log" },
		{ "LVZHI_MAX_BODY", "max_body" },
		{ "LVZHI_MAX_UPLOAD", "max_upload" },
		{ "LVZHI_TIMEOUT", "timeout" },
		{ "LVZHI_SECURE_COOKIES", "secure_cookies" },
		{ "LVZHI_TRUSTED_PROXIES", "trusted_proxies" },
		{ "LVZHI_LOGIN_IP_FAILURES", "login_ip_failures" },
		{ "LVZHI_LOGIN_IP_WINDOW", "login_ip_window" },
		{ "LVZHI_EVIDENCE_RECORD_FILES", "evidence_record_files" },
		{ "LVZHI_EVIDENCE_ACCOUNT_BYTES", "evidence_account_bytes" },
		{ "LVZHI_SESSION_LIFETIME", "session_lifetime" },
		{ "LVZHI_TOKEN_LIFETIME", "token_lifetime" },
		{ "LVZHI_WEBHOOK_URL", "webhook_url" },
		{ "LVZHI_WEBHOOK_SECRET", "webhook_secret" },
		{ "LVZHI_WEBHOOK_CA", "webhook_ca" },
		{ "LVZHI_WEBHOOK_ALLOW_HTTP", "webhook_allow_http" },
		{ "LVZHI_WEBHOOK_RETRY", "webhook_retry" },
		{ "LVZHI_WEBHOOK_ATTEMPTS", "webhook_attempts" },
		{ "LVZHI_REMIND", "remind" },
		{ "LVZHI_WEBHOOK_KEEP", "webhook_keep" },
		{ "LVZHI_AUDIT_PAGE_VERIFY", "audit_page_verify" },
		{ "LVZHI_FONT_XIAOBIAOSONG", "font_xiaobiaosong" },
		{ "LVZHI_FONT_FANGSONG", "font_fangsong" },
		{ "LVZHI_FONT_HEITI", "font_heiti" },
		{ "LVZHI_FONT_KAITI", "font_kaiti" },
		{ "LVZHI_FONT_SONGTI", "font_songti" },
		{ "LVZHI_DATE_ARABIC", "date_arabic" },
	};
	char err[256];
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i][0]);
		if (v != NULL && server_config_set(c, vars[i][1], v, err,
		    sizeof err)) {
			fprintf(stderr, "lvzhi: %s: %s\n", vars[i][0], err);
			return -1;
		}
	}
	return 0;
}
