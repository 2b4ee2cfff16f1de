/*
 * The watchdog: libmicrohttpd's connection timeout counts idle time only,
 * so a client that sends its request a byte at a time (slowloris) would
 * hold a connection, and a thread's attention, for ever. Each connection
 * here has a deadline for the request being read: the header block must
 * come within the timeout, the body within another timeout plus one
 * second per MIN_RATE bytes received. A thread shuts the socket of any
 * connection past its deadline; libmicrohttpd then closes it as it would
 * any connection its client dropped. Writing the answer is not watched.
 *
 * The lingering close: a request answered before its body was read (a
 * Content-Length over the ceiling) leaves the body unread, and
 * libmicrohttpd closes such a connection after the answer. Closing a
 * socket with unread data resets it, and the reset can reach the client
 * before it has read the answer: it sees "connection reset" instead of
 * 413. So, as nginx does, such a connection is kept open on a duplicate
 * descriptor when libmicrohttpd lets it go, its sending side shut (the
 * answer then ends with FIN), and what still comes is read and dropped
 * until the client closes or LINGER_MS pass. At most LINGER_MAX linger
 * at once; past that a connection is closed at once, as before.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/worker.h"
#include "http/server-int.h"

/* Bytes a second a body must at least arrive at. */
#define MIN_RATE 1024
/* How often the watchdog looks; more often while connections linger. */
#define TICK_MS 200
#define LINGER_TICK_MS 10
/* How long, and how many, closed connections are drained at most. */
#define LINGER_MS 2000
#define LINGER_MAX 64
/* Bytes read from one lingering connection in one look at most. */
#define LINGER_READ (256 * 1024)

struct watch {
	struct watch *prev, *next;
	struct watchdog *dog;
	int fd;
	int reading;     /* a request (or the wait for one) is being read */
	int cut;         /* shut down already */
	int linger;      /* its close lingers (WATCH_LINGER) */
	int64_t deadline; /* monotonic milliseconds */
};

struct lingering {
	int fd;          /* a duplicate: ours to close */
	int64_t until;   /* monotonic milliseconds */
};

struct watchdog {
	struct worker t; /* its lock guards what follows */
	struct watch *head;
	int64_t timeout_ms;
	int stopping;
	struct lingering linger[LINGER_MAX];
	size_t nlinger;
	char sink[64 * 1024]; /* the thread's: what lingering clients send */
};

static int64_t
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Reads what a lingering client still sends, without waiting. Returns 1
 * while the connection should go on lingering, 0 once it is done. */
static int
drain(struct watchdog *w, int fd)
{
	for (size_t got = 0; got < LINGER_READ;) {
		ssize_t n = read(fd, w->sink, sizeof w->sink);
		if (n > 0) {
			got += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
	}
	return 1;
}

static void
drain_all(struct watchdog *w, int64_t now)
{
	for (size_t i = 0; i < w->nlinger;) {
		struct lingering *l = &w->linger[i];
		if (now <= l->until && drain(w, l->fd)) {
			i++;
			continue;
		}
		close(l->fd);
		*l = w->linger[--w->nlinger];
	}
}

static void *
run(void *arg)
{
	struct watchdog *w = arg;
	pthread_mutex_lock(&w->t.lock);
	while (!w->stopping) {
		int rc = worker_wait(&w->t,
		    w->nlinger > 0 ? LINGER_TICK_MS : TICK_MS);
		if (rc != 0 && rc != ETIMEDOUT)
			break;
		int64_t now = now_ms();
		drain_all(w, now);
		/* The list changes only under the lock, and a connection
		 * leaves it before its socket is closed: fd is still ours. */
		for (struct watch *x = w->head; x != NULL; x = x->next)
			if (x->reading && !x->cut && now > x->deadline) {
				shutdown(x->fd, SHUT_RDWR);
				x->cut = 1;
			}
	}
	pthread_mutex_unlock(&w->t.lock);
	return NULL;
}

struct watchdog *
watchdog_start(unsigned timeout)
{
	struct watchdog *w = calloc(1, sizeof *w);
	if (w == NULL)
		return NULL;
	w->timeout_ms = (int64_t)timeout * 1000;
	if (worker_start(&w->t, run, w)) {
		free(w);
		return NULL;
	}
	return w;
}

void
watchdog_stop(struct watchdog *w)
{
	if (w != NULL)
		worker_stop(&w->t, &w->stopping);
	/* Connections still open are closed by MHD_stop_daemon, which
	 * reports each (watchdog_notify) after this. */
}

void
watchdog_free(struct watchdog *w)
{
	if (w == NULL)
		return;
	for (size_t i = 0; i < w->nlinger; i++)
		close(w->linger[i].fd);
	worker_free(&w->t);
	free(w);
}

/* Keeps the socket of a connection libmicrohttpd is about to close open
 * on a duplicate descriptor, its sending side shut, for the thread to
 * drain (see the top of the file). Called with the lock held. */
static void
linger_start(struct watchdog *w, int fd)
{
	if (w->stopping || w->nlinger == LINGER_MAX)
		return;
	int dup = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (dup < 0)
		return;
	/* The flag is the open file's, shared with fd: libmicrohttpd's
	 * sockets are non-blocking already. */
	int fl = fcntl(dup, F_GETFL);
	if (fl < 0 || fcntl(dup, F_SETFL, fl | O_NONBLOCK) < 0 ||
	    shutdown(dup, SHUT_WR) < 0) {
		close(dup);
		return;
	}
	w->linger[w->nlinger++] = (struct lingering){ dup, now_ms() + LINGER_MS };
	pthread_cond_signal(&w->t.cond);
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
		pthread_mutex_lock(&w->t.lock);
		x->deadline = now_ms() + w->timeout_ms;
		x->next = w->head;
		if (w->head != NULL)
			w->head->prev = x;
		w->head = x;
		pthread_mutex_unlock(&w->t.lock);
		*socket_context = x;
		return;
	}
	if (x == NULL)
		return;
	pthread_mutex_lock(&w->t.lock);
	if (x->linger && !x->cut)
		linger_start(w, x->fd);
	if (x->prev != NULL)
		x->prev->next = x->next;
	else
		w->head = x->next;
	if (x->next != NULL)
		x->next->prev = x->prev;
	pthread_mutex_unlock(&w->t.lock);
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
	pthread_mutex_lock(&w->t.lock);
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
	case WATCH_LINGER:
		x->linger = 1;
		break;
	}
	pthread_mutex_unlock(&w->t.lock);
}
