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

/* Routes, authenticates and runs the handler; queues its response. */
void router_dispatch(struct request *r);
/* Pure parts of the router, for the fuzzer (router.c says what they do). */
int router_match(const char *pattern, const char *path, struct arena *a,
    const char *params[ROUTE_PARAMS]);
int router_csrf_equal(const char *sent, const char *expected);

#endif
