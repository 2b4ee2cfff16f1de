/*
 * A thread with the mutex and the condition variable it waits on, started
 * and ended as one: the server's watchdog, the import's writer and the
 * SQLite flusher each run one.
 */
#ifndef LVZHI_WORKER_H
#define LVZHI_WORKER_H

#include <pthread.h>

struct worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

/* Initialises the lock and the condition and runs main(arg) on a thread
 * of its own: 0, or -1 (no thread) with nothing left to undo. */
int worker_start(struct worker *w, void *(*main)(void *), void *arg);
/* Waits on the condition, the lock held, ms milliseconds at most:
 * pthread_cond_timedwait's answer (ETIMEDOUT once they have passed). */
int worker_wait(struct worker *w, long ms);
/* Sets *stop under the lock, wakes the thread and waits for it to
 * return (its main ends once it sees *stop). The lock stays usable. */
void worker_stop(struct worker *w, int *stop);
/* Destroys the lock and the condition of a stopped worker. */
void worker_free(struct worker *w);

#endif
