/* Internal to the HTTP layer: the server's state and request lifecycle. */
#ifndef LVZHI_SERVER_INT_H
#define LVZHI_SERVER_INT_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>

#include "base/seal.h"
#include "http/http.h"
#include "http/server.h"

#define POOL_MAX 64

/* The watchdog (watch.c): cuts off clients that trickle their request,
 * and drains the connections closed on a client still sending. */
struct watchdog;
enum watch_event {
	WATCH_HEADERS,  /* the header block is in */
	WATCH_BODY,     /* n bytes of body came */
	WATCH_READ,     /* the whole request is in: not watched while answered */
	WATCH_ANSWERED, /* the answer is sent */
	WATCH_LINGER,   /* answered before the body was read: the close lingers */
};
struct watchdog *watchdog_start(unsigned timeout);
/* Stops the thread; watchdog_free after MHD_stop_daemon. */
void watchdog_stop(struct watchdog *w);
void watchdog_free(struct watchdog *w);
/* For MHD_OPTION_NOTIFY_CONNECTION, with the watchdog as cls. */
void watchdog_notify(void *cls, struct MHD_Connection *c,
    void **socket_context, enum MHD_ConnectionNotificationCode toe);
void watchdog_event(struct MHD_Connection *c, enum watch_event e, size_t n);

struct server {
	const struct server_config *cfg;
	const struct catalog *catalog;
	pthread_mutex_t lock; /* the pool */
	struct store *free[POOL_MAX];
	size_t nfree;
	FILE *log;
	pthread_mutex_t log_lock;
	struct seal_key key; /* evidence_key, when has_key */
	int has_key;
};

struct request *request_create(struct server *s, struct MHD_Connection *c,
    const char *url, const char *method);
void request_free(struct request *r);
/* The three phases MHD calls us in: headers, body chunks, the end. */
enum MHD_Result request_begin(struct request *r);
enum MHD_Result request_feed(struct request *r, const char *data, size_t n);
enum MHD_Result request_finish(struct request *r);

/* s escaped for a log line (text_escape; with space, as one field of
 * it), in the request's arena. */
const char *server_log_text(struct request *r, const char *s, int space);

/*
 * The HTTP layer's own refusals, before or instead of a handler (no
 * route, a body too large, no database): a problem document on the API,
 * an HTML page elsewhere, where a browser shows it. title is ours, never
 * request data; a page shows only its Chinese part, up to " (".
 */
void resp_refuse(struct request *r, unsigned status, const char *title,
    const char *detail);

/* Routes, authenticates and runs the handler; queues its response. */
void router_dispatch(struct request *r);
/* Pure parts of the router, for the fuzzer (router.c says what they do). */
int router_match(const char *pattern, const char *path, struct arena *a,
    const char *params[ROUTE_PARAMS]);
int router_csrf_equal(const char *sent, const char *expected);

#endif
