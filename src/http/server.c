/*
 * The daemon: connection lifecycle, the store pool, signals and the
 * access log. Request parsing is in request.c, dispatch in router.c.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit/audit.h"
#include "base/text.h"
#include "http/http.h"
#include "http/notify.h"
#include "http/server-int.h"
#include "http/webhook.h"
#include "store/store-messages.h"

/*
 * libmicrohttpd's per-connection pool: request line, headers and the read
 * buffer. It zeroes the whole pool between two requests of a kept-alive
 * connection, so its size is paid on every request (128 KiB cost 13% of
 * the CPU of a cached API answer); 32 KiB, libmicrohttpd's default, holds
 * any sane header block, and bodies stream through it in chunks.
 */
#define CONNECTION_MEMORY (32 * 1024)
/* Answers this large return their memory to the system when done. */
#define TRIM_AFTER (1u << 20)

const struct server_config *
server_config_of(const struct server *s)
{
	return s->cfg;
}

const struct seal_key *
server_seal_key(const struct server *s)
{
	return s->has_key ? &s->key : NULL;
}

struct store *
server_store_acquire(struct server *s)
{
	struct store *st = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->nfree > 0)
		st = s->free[--s->nfree];
	pthread_mutex_unlock(&s->lock);
	if (st == NULL) {
		char err[512];
		st = store_open(s->cfg->db, 0, err, sizeof err);
		if (st == NULL)
			fprintf(stderr, "lvzhi: %s\n", err);
		else /* no webhook: nobody would send an entry */
			store_outbox_enable(st, s->cfg->webhook_url[0] != '\0');
	}
	return st;
}

void
server_store_release(struct server *s, struct store *st)
{
	if (st == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	if (s->nfree < POOL_MAX) {
		s->free[s->nfree++] = st;
		st = NULL;
	}
	pthread_mutex_unlock(&s->lock);
	store_close(st);
}

const char *
server_log_text(struct request *r, const char *s, int space)
{
	size_t n = 4 * strlen(s) + 1;
	char *out = arena_alloc(r->arena, n);
	text_escape(out, n, s, space);
	return out;
}

static void
access_log(struct server *s, struct request *r)
{
	if (s->log == NULL)
		return;
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	double ms = (end.tv_sec - r->start.tv_sec) * 1e3 +
	    (end.tv_nsec - r->start.tv_nsec) / 1e6;
	char when[32];
	req_now_text(when);
	/* One line per request; the path only (no query: it may hold
	 * search terms), the account name when logged in. Whatever came
	 * from the request is escaped: a line break or a space in a path
	 * (%0a, %20) would forge a line or a field, an escape byte (%1b)
	 * would reach the terminal of whoever reads the log. */
	const char *addr = server_log_text(r, req_client_ip(r), 1);
	const char *method = server_log_text(r, r->method, 1);
	const char *path = server_log_text(r, r->path, 1);
	const char *who = r->logged_in ? server_log_text(r, r->user.name, 1) :
	    "-";
	pthread_mutex_lock(&s->log_lock);
	fprintf(s->log, "%s %s %s %s %u %zu %.1fms %s\n", when, addr, method,
	    path, r->status, r->sent, ms, who);
	fflush(s->log);
	pthread_mutex_unlock(&s->log_lock);
}

/*
 * libmicrohttpd's own messages (MHD_USE_ERROR_LOG) may quote what a
 * client sent (a header line it could not parse): escaped like the rest,
 * one line each, within a ceiling.
 */
static void mhd_log(void *cls, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char text[1024], safe[4 * sizeof text];
	vsnprintf(text, sizeof text, fmt, ap);
	size_t n = strcspn(text, "\n");
	if (text[n] == '\n' && text[n + 1] == '\0')
		text[n] = '\0'; /* its own line end */
	text_escape(safe, sizeof safe, text, 0);
	fprintf(stderr, "lvzhi: libmicrohttpd: %s\n", safe);
}

static void
completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode code)
{
	(void)code;
	struct server *s = cls;
	struct request *r = *con_cls;
	if (r == NULL)
		return;
	access_log(s, r);
	watchdog_event(conn, WATCH_ANSWERED, 0);
	size_t sent = r->sent;
	request_free(r);
	*con_cls = NULL;
	/* A large answer (a province's evaluation is megabytes) leaves its
	 * memory in malloc's free lists; give it back to the system, so the
	 * daemon's footprint is what it holds, not what it once held. */
	if (sent >= TRIM_AFTER)
		malloc_trim(0);
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct request *r = *con_cls;
	if (r == NULL) {
		r = request_create(s, conn, url, method);
		if (r == NULL)
			return MHD_NO;
		*con_cls = r;
		watchdog_event(conn, WATCH_HEADERS, 0);
		return request_begin(r);
	}
	if (*upload_size > 0) {
		watchdog_event(conn, WATCH_BODY, *upload_size);
		enum MHD_Result rc = request_feed(r, upload, *upload_size);
		*upload_size = 0;
		return rc;
	}
	watchdog_event(conn, WATCH_READ, 0);
	return request_finish(r);
}

static int
parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	if (colon == NULL || (size_t)(colon - listen) >= sizeof host)
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 1 || port > 65535)
		return -1;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (strcmp(host, "") == 0 || strcmp(host, "*") == 0)
		sa->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (strcmp(host, "localhost") == 0)
		sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return -1;
	return 0;
}

int
server_run(const struct server_config *c, const struct catalog *cat)
{
	struct server s = { .cfg = c, .catalog = cat };
	struct sockaddr_in sa;
	if (parse_listen(c->listen, &sa)) {
		fprintf(stderr, "lvzhi: listen: '%s' is not ADDR:PORT\n",
		    c->listen);
		return 2;
	}
	/* A directory the server cannot write into (left owned by root, or
	 * outside the unit's ReadWritePaths=) would fail every upload with a
	 * 500: refuse to start instead, saying why. */
	if ((mkdir(c->evidence_dir, 0750) != 0 && errno != EEXIST) ||
	    access(c->evidence_dir, W_OK | X_OK) != 0) {
		fprintf(stderr, "lvzhi: evidence_dir %s: %s\n",
		    c->evidence_dir, strerror(errno));
		return 1;
	}
	/* From here every way out goes through out: the pool's connections,
	 * the log and the key are let go of there. */
	int rc = 1;
	struct watchdog *dog = NULL;
	struct webhook *hook = NULL;
	int curled = 0;
	pthread_mutex_init(&s.lock, NULL);
	pthread_mutex_init(&s.log_lock, NULL);
	if (strcmp(c->access_log, "-") == 0)
		s.log = stderr;
	else if (c->access_log[0] != '\0' &&
	    (s.log = fopen(c->access_log, "a")) == NULL) {
		fprintf(stderr, "lvzhi: %s: %s\n", c->access_log, strerror(errno));
		goto out;
	}
	/* The audit key and head before any connection appends. */
	char aerr[PATH_MAX + 300];
	if (audit_setup(c->db, c->audit_key, c->audit_head, AUDIT_CREATE, aerr,
	    sizeof aerr)) {
		fprintf(stderr, "lvzhi: audit: %s\n", aerr);
		goto out;
	}
	/* Open one connection now: a wrong database fails at start, not at
	 * the first request. It stays in the pool. */
	struct store *first = server_store_acquire(&s);
	if (first == NULL)
		goto out;
	/* A log its key does not verify would refuse every write: say so
	 * now, and do not start. */
	if (audit_ready(first)) {
		fprintf(stderr, "lvzhi: audit: %s\n", store_error(first));
		server_store_release(&s, first);
		goto out;
	}
	server_store_release(&s, first);
	/* The evidence key last: no way out below leaves it in memory. */
	if (c->evidence_key[0] != '\0') {
		char err[1200];
		if (seal_key_load(c->evidence_key, &s.key, err, sizeof err)) {
			fprintf(stderr, "lvzhi: evidence_key: %s\n", err);
			goto out;
		}
		s.has_key = 1;
	}

	/* The signals are taken by sigwait below; every thread the daemon
	 * starts inherits the mask, so none of them is interrupted. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	dog = watchdog_start(c->timeout);
	if (dog == NULL) {
		fprintf(stderr, "lvzhi: cannot start the watchdog\n");
		goto out;
	}
	/* The webhook's sender and the daily reminders (webhook.h); libcurl
	 * is set up once, before its first thread. */
	int hook_failed;
	curled = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
	if (!curled || (hook = webhook_start(&s, &hook_failed),
	    hook_failed)) {
		fprintf(stderr, "lvzhi: cannot start the webhook's sender\n");
		watchdog_stop(dog);
		goto out;
	}
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	    MHD_USE_ITC | MHD_USE_TURBO,
	    0, NULL, NULL, handle, &s,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, /* first, or unused */
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, c->threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, c->timeout,
	    MHD_OPTION_CONNECTION_LIMIT, c->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, c->max_connections / 4 + 1,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, &s,
	    MHD_OPTION_NOTIFY_CONNECTION, watchdog_notify, dog,
	    MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "lvzhi: cannot listen on %s: %s\n", c->listen,
		    strerror(errno));
		watchdog_stop(dog);
		goto out;
	}
	fprintf(stderr, "lvzhi: 服务已启动 listening on http://%s/ (%u threads)\n",
	    c->listen, c->threads);
	if (notify_send("READY=1"))
		fprintf(stderr, "lvzhi: cannot tell systemd that it is ready\n");
	int sig = 0;
	sigwait(&set, &sig);
	/* Stop accepting, let requests in flight finish, then close. */
	fprintf(stderr, "lvzhi: stopping\n");
	notify_send("STOPPING=1");
	MHD_quiesce_daemon(d);
	webhook_stop(hook);
	hook = NULL;
	watchdog_stop(dog);
	MHD_stop_daemon(d);
	rc = 0;
out:
	webhook_stop(hook);
	if (curled)
		curl_global_cleanup();
	watchdog_free(dog);
	for (size_t i = 0; i < s.nfree; i++)
		store_close(s.free[i]);
	if (s.log != NULL && s.log != stderr)
		fclose(s.log);
	pthread_mutex_destroy(&s.lock);
	pthread_mutex_destroy(&s.log_lock);
	seal_key_clear(&s.key);
	audit_teardown();
	return rc;
}
