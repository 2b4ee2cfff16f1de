/*
 * A bump allocator freed in one call.
 *
 * An evaluation allocates many small strings (ids, names, explanations)
 * that all die together when its results have been written; an arena makes
 * that one free instead of millions, and ownership obvious: everything
 * allocated from an arena belongs to it.
 */
#ifndef LVZHI_ARENA_H
#define LVZHI_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_create(void);
/* Frees the arena and everything allocated from it. Accepts NULL. */
void arena_free(struct arena *a);
/* These never return NULL: they exit the program when memory runs out,
 * since no caller could do better. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* arena_alloc's, but NULL where memory runs out: for a caller that can
 * report it (an import's id map). */
void *arena_try_alloc(struct arena *a, size_t n);
/* Room for one more item of size bytes in the arena-held array whose
 * pointer is at vp (a `T **`) holding n items with *cap allocated: when
 * n == *cap, the items move to a new array of twice *cap (first when 0)
 * from the arena, the old one left to it. vec_reserve's (vec.h), for
 * arrays that die with their arena. */
void arena_reserve(struct arena *a, void *vp, size_t n, size_t *cap,
    size_t size, size_t first);
/* Forgets every allocation but keeps one chunk for reuse: a scratch
 * arena reset per result costs no system call. */
void arena_reset(struct arena *a);
/* Bytes handed out so far. */
size_t arena_used(const struct arena *a);

#endif
