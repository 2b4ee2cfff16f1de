#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (256u << 10)

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct chunk *head;
	size_t total;
};

static void
oom(void)
{
	fputs("lvzhi: out of memory\n", stderr);
	exit(1);
}

struct arena *
arena_create(void)
{
	struct arena *a = calloc(1, sizeof *a);
	if (a == NULL)
		oom();
	return a;
}

static void
free_chunks(struct chunk *c)
{
	while (c != NULL) {
		struct chunk *n = c->next;
		free(c);
		c = n;
	}
}

void
arena_free(struct arena *a)
{
	if (a != NULL)
		free_chunks(a->head);
	free(a);
}

void *
arena_try_alloc(struct arena *a, size_t n)
{
	size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	struct chunk *c = a->head;
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > CHUNK ? n : CHUNK;
		c = malloc(sizeof *c + size);
		if (c == NULL)
			return NULL;
		c->used = 0;
		c->size = size;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_try_alloc(a, n);
	if (p == NULL)
		oom();
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_alloc(a, n);
	memcpy(p, s, n);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}

void
arena_reset(struct arena *a)
{
	struct chunk *keep = a->head;
	if (keep == NULL)
		return;
	free_chunks(keep->next);
	keep->next = NULL;
	keep->used = 0;
	a->total = 0;
}

void
arena_reserve(struct arena *a, void *vp, size_t n, size_t *cap, size_t size,
    size_t first)
{
	if (n < *cap)
		return;
	size_t c = *cap ? *cap * 2 : first;
	void *old, *v = arena_alloc(a, c * size);
	memcpy(&old, vp, sizeof old);
	if (n > 0)
		memcpy(v, old, n * size);
	memcpy(vp, &v, sizeof v);
	*cap = c;
}
