/*
 * lvzhi serve: libmicrohttpd with a thread pool on epoll, a pool of
 * database connections (one per request at a time: SQLite connections are
 * not shared between threads), limits on bodies and connection time, an
 * access log, and a graceful stop on SIGTERM or SIGINT.
 */
#ifndef LVZHI_SERVER_H
#define LVZHI_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rules/catalog.h"

struct seal_key;

struct server_config {
	char listen[128];        /* ADDR:PORT */
	char db[1024];
	char evidence_dir[1024]; /* evidence files by SM3 */
	char evidence_key[1024]; /* key file: seal evidence with SM4 ("": no) */
	char audit_key[1024];    /* the audit chain's key file ("": default) */
	char audit_head[1024];   /* the audit head file ("": default) */
	char static_dir[1024];   /* "" = the assets built into the binary */
	char access_log[1024];   /* "-" = stderr, "" = none */
	unsigned threads;
	size_t max_body;         /* JSON and form bodies */
	size_t max_upload;       /* one evidence file */
	unsigned timeout;        /* seconds a connection may idle */
	unsigned max_connections;
	int secure_cookies;      /* 1: always; 0: when X-Forwarded-Proto says https */
	/* Reverse proxies (addresses, comma-separated) whose X-Forwarded-For
	 * names the client; from anyone else it is ignored. */
	char trusted_proxies[1024];
	/* This many failed logins from one client address within
	 * login_ip_window seconds refuse every login from there (429). */
	unsigned login_ip_failures;
	unsigned login_ip_window;
	/* Evidence quotas (413 past them): files one record may hold, and
	 * bytes one account may upload, to records and rectifications. */
	unsigned evidence_record_files;
	uint64_t evidence_account_bytes;
	/* Seconds: a session (and the token of POST /api/v1/login) ends this
	 * long after its login, however busy; an API token minted on a page
	 * or over the API ends this long after its minting. */
	unsigned session_lifetime;
	unsigned token_lifetime;
	/* The webhook (webhook.h) that messages and deadline reminders go
	 * out through: its URL ("": none), the secret the bodies are
	 * signed with, the CA file that verifies the receiver ("": the
	 * system's), whether http:// is allowed (tests only), the first
	 * retry's delay in seconds (doubled at each further attempt) and
	 * the attempts before an entry is given up. remind: the daily
	 * reminder scan runs in serve (1) or is left to cron (0, the
	 * default: a server started on a copy sends nothing unasked). */
	char webhook_url[1024];
	char webhook_secret[256];
	char webhook_ca[1024];
	int webhook_allow_http;
	unsigned webhook_retry;
	unsigned webhook_attempts;
	int remind;
	/* Days an outbox entry done with (sent, failed, let go) is kept
	 * after its last attempt before the webhook's thread deletes it. */
	unsigned webhook_keep;
	/* The audit page verifies the whole chain on every load up to this
	 * many entries; above, it shows the last full verification the
	 * server made (at its first load, or on request) and when. */
	unsigned audit_page_verify;
	/* The font family of each role of a 公文's layout (report/gongwen.h:
	 * 小标宋, 仿宋, 黑体, 楷体, 宋体), by enum gw_font; one not
	 * installed falls back to Noto CJK, "" to the fallback outright. */
	char fonts[5][128];
	/* The 成文日期 in Arabic numerals (2026年12月6日, GB/T 9704-2012
	 * 7.3.5.4) instead of Chinese (二〇二六年十二月六日, the default):
	 * gongwen_set_date_arabic. */
	int date_arabic;
};

/* Defaults; then an INI file, the environment and flags override. */
void server_config_defaults(struct server_config *c, const char *db);
/* After every source: the defaults that follow from others (evidence_dir
 * beside a database file, whichever source named it). Returns 0, or -1
 * with err filled (a PostgreSQL database without an evidence_dir). */
int server_config_finish(struct server_config *c, char *err, size_t errlen);
/*
 * Reads [server] settings from an INI file; unknown keys and bad values
 * are errors printed as FILE:LINE: message. Returns 0 or -1.
 */
int server_config_ini(struct server_config *c, const char *path);
/* LVZHI_LISTEN, LVZHI_THREADS, LVZHI_EVIDENCE_DIR, LVZHI_ACCESS_LOG... */
int server_config_env(struct server_config *c);
/* Sets one setting by its INI name; returns 0 or -1 (why in err). */
int server_config_set(struct server_config *c, const char *key,
    const char *value, char *err, size_t errlen);

/*
 * Whether addr (an IPv4 or IPv6 address as text) is one of the
 * comma-separated addresses of list; 1 or 0. An address that does not
 * parse matches nothing.
 */
int server_addr_listed(const char *list, const char *addr);

/* Runs until SIGTERM/SIGINT; returns an exit status. */
int server_run(const struct server_config *c, const struct catalog *cat);

/* For handlers: the pool's store, the catalog, the config. */
struct server;
const struct server_config *server_config_of(const struct server *s);
struct store *server_store_acquire(struct server *s);
/* The key evidence files are sealed with (evidence_key), or NULL. */
const struct seal_key *server_seal_key(const struct server *s);
void server_store_release(struct server *s, struct store *st);

#endif
