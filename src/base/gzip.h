/*
 * gzip (RFC 1952) of a buffer in memory, for response bodies sent again
 * and again: compressed once, kept, sent to every client that accepts it.
 */
#ifndef LVZHI_GZIP_H
#define LVZHI_GZIP_H

#include <stddef.h>

/* Compresses n bytes of in; *out (malloc'd, the caller frees) receives
 * *outlen bytes. Returns 0, or -1 (memory). */
int gzip_compress(const void *in, size_t n, char **out, size_t *outlen);

/* Whether an Accept-Encoding header value admits gzip (RFC 9110: the
 * coding listed without q=0, or "*" without q=0). NULL: no. */
int gzip_accepted(const char *accept_encoding);

#endif
