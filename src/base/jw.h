/*
 * Writing JSON text straight into a buffer, without a DOM.
 *
 * The output is byte for byte what jansson's json_dumps(JSON_COMPACT)
 * writes for the same values (the same string escapes, the same
 * seventeen-digit reals), so a writer can replace a json_pack + json_dumps
 * pair without changing a byte of what clients, golden files and stored
 * documents see. The caller writes the punctuation ('{', ':', ',') itself.
 *
 * Every function appends to b and returns 0, or -1 when the buffer's
 * ceiling is reached or memory runs out (the buffer is then left as it
 * was before that call).
 */
#ifndef LVZHI_JW_H
#define LVZHI_JW_H

#include <stddef.h>

#include "base/buf.h"

/* s (UTF-8, NUL-terminated) as a JSON string; NULL is written as null. */
int jw_str(struct buf *b, const char *s);
/* n bytes of s as a JSON string. */
int jw_strn(struct buf *b, const char *s, size_t n);
/* "key": a string key and its colon. */
int jw_key(struct buf *b, const char *key);
int jw_int(struct buf *b, long long v);
/* A real as jansson writes it ("%.17g", always with '.' or 'e'). Returns
 * -1 for NaN and infinities, which JSON cannot hold. */
int jw_real(struct buf *b, double v);
int jw_bool(struct buf *b, int v);
int jw_null(struct buf *b);

#endif
