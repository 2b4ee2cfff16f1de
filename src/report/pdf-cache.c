/*
 * The cache of rendered PDFs (pdf-cache.h says what for). One table of
 * entries under one lock; an entry counts its holders (the table is
 * one), so one dropped from the table while a response still sends its
 * bytes is freed when the last holder lets go. An entry in the table
 * that is not ready is being rendered: who wants it waits on the
 * condition, which every render's end wakes.
 */
#include "report/pdf-cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sm3.h"

/* Room for every published report of a province's year or two (a PDF
 * is about 300 KiB): a visitor who walks them all renders each once. */
#define PDF_CACHE_MAX 512
#define PDF_CACHE_BYTES (128u << 20)

struct pdf_cache_entry {
	char key[SM3_HEX_LEN];
	char *pdf;
	size_t len;
	int refs;
	int ready;
	unsigned long used;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static struct pdf_cache_entry *table[PDF_CACHE_MAX];
static size_t bytes; /* of the ready entries in the table */
static unsigned long tick;

/* The lock is held by every function below up to pdf_cache_get. */
static void
unref(struct pdf_cache_entry *e)
{
	if (--e->refs == 0) {
		free(e->pdf);
		free(e);
	}
}

static void
drop(size_t i)
{
	if (table[i]->ready)
		bytes -= table[i]->len;
	unref(table[i]);
	table[i] = NULL;
}

/* The slot of the least recently used ready entry but keep, or -1. */
static int
oldest(const struct pdf_cache_entry *keep)
{
	int best = -1;
	for (size_t i = 0; i < PDF_CACHE_MAX; i++)
		if (table[i] != NULL && table[i]->ready && table[i] != keep &&
		    (best < 0 || table[i]->used < table[best]->used))
			best = (int)i;
	return best;
}

/* A free slot, made by dropping the oldest entry if need be; -1 when
 * every entry is being rendered. */
static int
slot(void)
{
	for (size_t i = 0; i < PDF_CACHE_MAX; i++)
		if (table[i] == NULL)
			return (int)i;
	int i = oldest(NULL);
	if (i >= 0)
		drop((size_t)i);
	return i;
}

/* The slot of the entry for key, or -1. */
static int
find(const char *key)
{
	for (size_t i = 0; i < PDF_CACHE_MAX; i++)
		if (table[i] != NULL && strcmp(table[i]->key, key) == 0)
			return (int)i;
	return -1;
}

/* The slot of e, or -1 (dropped meanwhile). */
static int
slot_of(const struct pdf_cache_entry *e)
{
	for (size_t i = 0; i < PDF_CACHE_MAX; i++)
		if (table[i] == e)
			return (int)i;
	return -1;
}

/* Entered with the lock held, left without it: the render of e, taken
 * into the table within its ceiling. Returns e, or NULL. */
static struct pdf_cache_entry *
fill(struct pdf_cache_entry *e, int (*render)(void *, char **, size_t *),
    void *ctx)
{
	pthread_mutex_unlock(&lock);
	char *pdf = NULL;
	size_t len = 0;
	int rc = render(ctx, &pdf, &len);
	pthread_mutex_lock(&lock);
	int i = slot_of(e);
	if (rc) {
		free(pdf);
		if (i >= 0)
			drop((size_t)i);
		unref(e);
		e = NULL;
	} else {
		e->pdf = pdf;
		e->len = len;
		e->ready = 1;
		e->used = ++tick;
		if (i >= 0) {
			bytes += len;
			int old;
			while (bytes > PDF_CACHE_BYTES && (old = oldest(e)) >= 0)
				drop((size_t)old);
			if (bytes > PDF_CACHE_BYTES)
				drop((size_t)i); /* alone past the ceiling */
		}
	}
	pthread_cond_broadcast(&done);
	pthread_mutex_unlock(&lock);
	return e;
}

struct pdf_cache_entry *
pdf_cache_get(const char *key, int (*render)(void *, char **, size_t *),
    void *ctx, int *fresh)
{
	*fresh = 0;
	pthread_mutex_lock(&lock);
	int i;
	while ((i = find(key)) >= 0 && !table[i]->ready)
		pthread_cond_wait(&done, &lock);
	if (i >= 0) {
		struct pdf_cache_entry *e = table[i];
		e->refs++;
		e->used = ++tick;
		pthread_mutex_unlock(&lock);
		return e;
	}
	struct pdf_cache_entry *e = calloc(1, sizeof *e);
	if (e == NULL) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	snprintf(e->key, sizeof e->key, "%s", key);
	e->refs = 1;
	int s = slot();
	if (s >= 0) {
		table[s] = e;
		e->refs++;
	}
	*fresh = 1;
	return fill(e, render, ctx);
}

const char *
pdf_cache_data(const struct pdf_cache_entry *e, size_t *len)
{
	*len = e->len;
	return e->pdf;
}

void
pdf_cache_release(void *e)
{
	if (e == NULL)
		return;
	pthread_mutex_lock(&lock);
	unref(e);
	pthread_mutex_unlock(&lock);
}
