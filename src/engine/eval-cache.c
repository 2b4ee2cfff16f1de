/*
 * The evaluation cache: a list of entries, most recently used first,
 * under one mutex; each entry an arena holding deep copies of its results
 * (strings, duties, evidence; rules and consequences point into the
 * catalog, which outlives the cache) and their texts.
 *
 * Reference counts: the list holds one reference to each entry on it,
 * and each caller of eval_cache_get one more; the last to let go frees.
 */
#include "engine/eval-cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/arena.h"

struct eval_cached {
	struct eval_cached *prev, *next; /* the list, most recent first */
	const struct catalog *catalog;
	char digest[SM3_HEX_LEN];
	int year;
	char *region;
	int64_t version;
	char tag[SM3_HEX_LEN];
	int refs;
	size_t bytes;
	struct arena *arena;
	struct eval_result *results;
	const char **text;
	size_t *len;
	size_t n, cap;
	char *blob[EVAL_CACHE_BLOBS];
	size_t blob_len[EVAL_CACHE_BLOBS];
	int blob_fd[EVAL_CACHE_BLOBS]; /* -1: not made (yet) */
	int listed; /* on the list (its bytes counted in total) */
};

struct eval_cache_fill {
	struct eval_cached *e;
	eval_text_fn text;
	struct buf b;
	int over; /* too large to keep: copying stopped */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct eval_cached *head, *tail;
static size_t total;

static void
entry_free(struct eval_cached *e)
{
	if (e == NULL)
		return;
	arena_free(e->arena);
	for (int i = 0; i < EVAL_CACHE_BLOBS; i++) {
		free(e->blob[i]);
		if (e->blob_fd[i] >= 0)
			close(e->blob_fd[i]);
	}
	free(e->results);
	free(e->text);
	free(e->len);
	free(e);
}

/* Takes e off the list and drops the list's reference (lock held). */
static void
unlink_entry(struct eval_cached *e)
{
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		tail = e->prev;
	e->prev = e->next = NULL;
	e->listed = 0;
	total -= e->bytes;
	if (--e->refs == 0)
		entry_free(e);
}

static int
same_region(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Whether e caches the evaluation k names, at any version. */
static int
same_question(const struct eval_cached *e, const struct eval_cache_key *k)
{
	return e->catalog == k->catalog && e->year == k->year &&
	    strcmp(e->digest, k->catalog->digest) == 0 &&
	    same_region(e->region, k->region);
}

static int
same_tag(const struct eval_cached *e, const struct eval_cache_key *k)
{
	return strncmp(e->tag, k->tag ? k->tag : "", sizeof e->tag) == 0;
}

struct eval_cached *
eval_cache_get(const struct eval_cache_key *k)
{
	struct eval_cached *hit = NULL;
	pthread_mutex_lock(&lock);
	for (struct eval_cached *e = head, *next; e != NULL; e = next) {
		next = e->next;
		if (!same_question(e, k))
			continue;
		if (e->version != k->version || !same_tag(e, k)) {
			/* Written since: nobody asks for it again. */
			if (e->version <= k->version)
				unlink_entry(e);
			continue;
		}
		hit = e;
		break;
	}
	if (hit != NULL) {
		hit->refs++;
		if (hit != head) {
			/* To the front. */
			hit->prev->next = hit->next;
			if (hit->next != NULL)
				hit->next->prev = hit->prev;
			else
				tail = hit->prev;
			hit->prev = NULL;
			hit->next = head;
			head->prev = hit;
			head = hit;
		}
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

void
eval_cache_release(struct eval_cached *e)
{
	if (e == NULL)
		return;
	pthread_mutex_lock(&lock);
	int last = --e->refs == 0;
	pthread_mutex_unlock(&lock);
	if (last)
		entry_free(e);
}

size_t
eval_cached_count(const struct eval_cached *e)
{
	return e->n;
}

const struct eval_result *
eval_cached_result(const struct eval_cached *e, size_t i)
{
	return &e->results[i];
}

const char *
eval_cached_text(const struct eval_cached *e, size_t i, size_t *len)
{
	*len = e->len[i];
	return e->text[i];
}

const char *
eval_cached_blob(struct eval_cached *e, int slot, size_t *len)
{
	pthread_mutex_lock(&lock);
	const char *b = e->blob[slot];
	*len = e->blob_len[slot];
	pthread_mutex_unlock(&lock);
	return b;
}

const char *
eval_cached_set_blob(struct eval_cached *e, int slot, char *data, size_t len,
    size_t *out_len)
{
	pthread_mutex_lock(&lock);
	if (e->blob[slot] != NULL) {
		free(data);
	} else {
		e->blob[slot] = data;
		e->blob_len[slot] = len;
		if (e->listed) {
			e->bytes += len;
			total += len;
			while (total > EVAL_CACHE_MAX && tail != NULL && tail != e)
				unlink_entry(tail);
		}
	}
	const char *b = e->blob[slot];
	*out_len = e->blob_len[slot];
	pthread_mutex_unlock(&lock);
	return b;
}

/* A sealed memfd holding n bytes of data, or -1. */
static int
memfile(const char *data, size_t n)
{
	int fd = memfd_create("lvzhi-evaluation", MFD_CLOEXEC |
	    MFD_ALLOW_SEALING);
	if (fd < 0)
		return -1;
	for (size_t done = 0; done < n;) {
		ssize_t w = write(fd, data + done, n - done);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE |
	    F_SEAL_SEAL);
	return fd;
}

int
eval_cached_blob_fd(struct eval_cached *e, int slot)
{
	pthread_mutex_lock(&lock);
	if (e->blob_fd[slot] < 0 && e->blob[slot] != NULL) {
		e->blob_fd[slot] = memfile(e->blob[slot], e->blob_len[slot]);
		/* Its pages count as the entry's, as the text's do. */
		if (e->blob_fd[slot] >= 0 && e->listed) {
			e->bytes += e->blob_len[slot];
			total += e->blob_len[slot];
			while (total > EVAL_CACHE_MAX && tail != NULL && tail != e)
				unlink_entry(tail);
		}
	}
	int fd = e->blob_fd[slot];
	pthread_mutex_unlock(&lock);
	return fd;
}

struct eval_cache_fill *
eval_cache_fill_start(const struct eval_cache_key *k, eval_text_fn text)
{
	struct eval_cache_fill *f = calloc(1, sizeof *f);
	struct eval_cached *e = calloc(1, sizeof *e);
	if (f == NULL || e == NULL) {
		free(f);
		free(e);
		return NULL;
	}
	e->arena = arena_create();
	for (int i = 0; i < EVAL_CACHE_BLOBS; i++)
		e->blob_fd[i] = -1;
	e->catalog = k->catalog;
	memcpy(e->digest, k->catalog->digest, sizeof e->digest);
	e->year = k->year;
	e->region = k->region ? arena_strdup(e->arena, k->region) : NULL;
	e->version = k->version;
	snprintf(e->tag, sizeof e->tag, "%s", k->tag ? k->tag : "");
	f->e = e;
	f->text = text;
	buf_init(&f->b, EVAL_CACHE_ENTRY_MAX);
	return f;
}

static const char *
copy_str(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* Copies r into e's arena, with everything it points to but the catalog. */
static void
copy_result(struct arena *a, struct eval_result *to,
    const struct eval_result *r)
{
	*to = *r;
	to->person = copy_str(a, r->person);
	to->person_name = copy_str(a, r->person_name);
	to->organ = copy_str(a, r->organ);
	to->organ_name = copy_str(a, r->organ_name);
	to->region = copy_str(a, r->region);
	to->region_name = copy_str(a, r->region_name);
	to->duties = arena_alloc(a, (r->nduties + 1) * sizeof *to->duties);
	for (size_t i = 0; i < r->nduties; i++) {
		const struct eval_duty *d = &r->duties[i];
		struct eval_duty *c = &to->duties[i];
		*c = *d;
		c->scored_by = copy_str(a, d->scored_by);
		c->comment = copy_str(a, d->comment);
		c->explanation = copy_str(a, d->explanation);
		c->evidence = arena_alloc(a, (d->nevidence + 1) *
		    sizeof *c->evidence);
		for (size_t j = 0; j < d->nevidence; j++)
			c->evidence[j] = copy_str(a, d->evidence[j]);
	}
	to->consequences = arena_alloc(a, (r->nconsequences + 1) *
	    sizeof *to->consequences);
	to->consequence_items = arena_alloc(a, (r->nconsequences + 1) *
	    sizeof *to->consequence_items);
	if (r->nconsequences) {
		memcpy(to->consequences, r->consequences, r->nconsequences *
		    sizeof *to->consequences);
		memcpy(to->consequence_items, r->consequence_items,
		    r->nconsequences * sizeof *to->consequence_items);
	}
}

static size_t
entry_bytes(const struct eval_cached *e)
{
	return sizeof *e + arena_used(e->arena) + e->cap * (sizeof *e->results +
	    sizeof *e->text + sizeof *e->len);
}

void
eval_cache_fill_add(struct eval_cache_fill *f, const struct eval_result *r)
{
	struct eval_cached *e = f->e;
	if (f->over)
		return;
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 64;
		struct eval_result *rs = realloc(e->results, cap * sizeof *rs);
		if (rs != NULL)
			e->results = rs;
		const char **ts = rs ? realloc(e->text, cap * sizeof *ts) : NULL;
		if (ts != NULL)
			e->text = ts;
		size_t *ls = ts ? realloc(e->len, cap * sizeof *ls) : NULL;
		if (ls == NULL) {
			f->over = 1;
			return;
		}
		e->len = ls;
		e->cap = cap;
	}
	buf_reset(&f->b);
	if (f->text(&f->b, r)) {
		f->over = 1;
		return;
	}
	copy_result(e->arena, &e->results[e->n], r);
	char *t = arena_alloc(e->arena, f->b.len + 1);
	memcpy(t, f->b.data, f->b.len + 1);
	e->text[e->n] = t;
	e->len[e->n] = f->b.len;
	e->n++;
	if (entry_bytes(e) > EVAL_CACHE_ENTRY_MAX)
		f->over = 1;
}

void
eval_cache_fill_end(struct eval_cache_fill *f, int complete)
{
	if (f == NULL)
		return;
	struct eval_cached *e = f->e;
	buf_free(&f->b);
	int keep = complete && !f->over;
	free(f);
	if (!keep) {
		entry_free(e);
		return;
	}
	e->bytes = entry_bytes(e);
	e->refs = 1;
	struct eval_cache_key k = { e->catalog, e->year, e->region, e->version,
		e->tag };
	pthread_mutex_lock(&lock);
	for (struct eval_cached *o = head, *next; o != NULL; o = next) {
		next = o->next;
		if (!same_question(o, &k))
			continue;
		if (o->version > e->version || (o->version == e->version &&
		    same_tag(o, &k))) {
			/* Another request filled it first, or newer. */
			pthread_mutex_unlock(&lock);
			entry_free(e);
			return;
		}
		unlink_entry(o);
	}
	e->next = head;
	if (head != NULL)
		head->prev = e;
	head = e;
	if (tail == NULL)
		tail = e;
	e->listed = 1;
	total += e->bytes;
	while (total > EVAL_CACHE_MAX && tail != NULL && tail != e)
		unlink_entry(tail);
	pthread_mutex_unlock(&lock);
}

void
eval_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	while (head != NULL)
		unlink_entry(head);
	pthread_mutex_unlock(&lock);
}
