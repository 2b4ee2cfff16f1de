/*
 * Growable byte buffers with a ceiling.
 *
 * Every buffer that grows with input has a maximum size: past it, appends
 * fail with -1 and the buffer is left as it was, so callers can report
 * "too long" instead of exhausting memory. The data is always
 * NUL-terminated for convenience.
 */
#ifndef LVZHI_BUF_H
#define LVZHI_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

/* Initialises an empty buffer that may hold at most max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the storage; the buffer may be reused after buf_init. */
void buf_free(struct buf *b);
/* Empties the buffer and keeps its storage. */
void buf_reset(struct buf *b);
/*
 * Room for n more bytes: returns where to write them and counts them in
 * len (the caller writes all n), or NULL (ceiling or memory; nothing
 * changes). The NUL after them is the caller's to keep: buf_end.
 */
char *buf_room(struct buf *b, size_t n);
/* Terminates the data after the bytes written through buf_room. */
static inline void buf_end(struct buf *b)
{
	b->data[b->len] = '\0';
}
/* Each append returns 0, or -1 (ceiling reached or out of memory). */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
