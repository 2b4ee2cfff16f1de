/*
 * The watchdog: libmicrohttpd's connection timeout counts idle time only,
 * so a client that sends its request a byte at a time (slowloris) would
 * hold a connection, and a thread's attention, for ever. Each connection
 * here has a deadline for the request being read: the header block must
 * come within the timeout, the body within another timeout plus one
 * second per MIN_RATE bytes received. A thread shuts the socket of any
 * connection past its deadline; libmicrohttpd then closes it as it would
 * any connection its client dropped. Writing the answer is not watched.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "http/server-int.h"

/* Bytes a second a body must at least arrive at. */
#define MIN_RATE 1024
/* How often the watchdog looks. */
#define TICK_MS 200

struct watch {
	struct watch *prev, *next;
	struct watchdog *dog;
	int fd;
	int reading;     /* a request (or the wait for one) is being read */
	int cut;         /* shut down already */
	int64_t deadline; /* monotonic milliseconds */
};

struct watchdog {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	struct watch *head;
	int64_t timeout_ms;
	int stopping;
};

static int64_t
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void *
run(void *arg)
{
	struct watchdog *w = arg;
	pthread_mutex_lock(&w->lock);
	while (!w->stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += TICK_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		int rc = pthread_cond_timedwait(&w->wake, &w->lock, &until);
		if (rc != 0 && rc != ETIMEDOUT)
			break;
		int64_t now = now_ms();
		/* The list changes only under the lock, and a connection
		 * leaves it before its socket is closed: fd is still ours. */
		for (struct watch *x = w->head; x != NULL; x = x->next)
			if (x->reading && !x->cut && now > x->deadline) {
				shutdown(x->fd, SHUT_RDWR);
				x->cut = 1;
			}
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct watchdog *
watchdog_start(unsigned timeout)
{
	struct watchdog *w = calloc(1, sizeof *w);
	if (w == NULL)
		return NULL;
	w->timeout_ms = (int64_t)timeout * 1000;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, run, w) != 0) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

void
watchdog_stop(struct watchdog *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	/* Connections still open are closed by MHD_stop_daemon, which
	 * reports each (watchdog_notify) after this. */
}

void
watchdog_free(struct watchdog *w)
{
	if (w == NULL)
		return;
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

void
watchdog_notify(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct watchdog *w = cls;
	struct watch *x = *socket_context;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CONNECTION_FD);
		if (ci == NULL || (x = calloc(1, sizeof *x)) == NULL)
			return; /* not watched: the idle timeout still holds */
		x->dog = w;
		x->fd = ci->connect_fd;
		x->reading = 1;
		pthread_mutex_lock(&w->lock);
		x->deadline = now_ms() + w->timeout_ms;
		x->next = w->head;
		if (w->head != NULL)
			w->head->prev = x;
		w->head = x;
		pthread_mutex_unlock(&w->lock);
		*socket_context = x;
		return;
	}
	if (x == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	if (x->prev != NULL)
		x->prev->next = x->next;
	else
		w->head = x->next;
	if (x->next != NULL)
		x->next->prev = x->prev;
	pthread_mutex_unlock(&w->lock);
	free(x);
	*socket_context = NULL;
}

void
watchdog_event(struct MHD_Connection *c, enum watch_event e, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watch *x = ci != NULL ? ci->socket_context : NULL;
	if (x == NULL)
		return;
	struct watchdog *w = x->dog;
	pthread_mutex_lock(&w->lock);
	switch (e) {
	case WATCH_HEADERS: /* the body gets its own timeout */
	case WATCH_ANSWERED: /* the next request, or the idle wait */
		x->reading = 1;
		x->deadline = now_ms() + w->timeout_ms;
		break;
	case WATCH_BODY:
		x->deadline += (int64_t)(n * 1000 / MIN_RATE);
		break;
	case WATCH_READ:
		x->reading = 0;
		break;
	}
	pthread_mutex_unlock(&w->lock);
}
