/*
 * SM3 digests (GB/T 32905) through OpenSSL's EVP interface.
 *
 * The audit chain, evidence storage and ruleset versions are identified
 * by SM3, the digest the 商用密码 rules expect.
 */
#ifndef LVZHI_SM3_H
#define LVZHI_SM3_H

#include <stddef.h>

#define SM3_HEX_LEN 65 /* 64 hex digits and a NUL */

struct sm3;

/* Returns a new streaming context, or NULL (OpenSSL without SM3, or OOM). */
struct sm3 *sm3_create(void);
int sm3_update(struct sm3 *c, const void *p, size_t n);
/* Writes the lowercase hex digest and frees the context; returns 0 or -1. */
int sm3_final(struct sm3 *c, char hex[SM3_HEX_LEN]);
void sm3_free(struct sm3 *c);
/* One-shot digest of a buffer; returns 0 or -1. */
int sm3_hex(const void *p, size_t n, char hex[SM3_HEX_LEN]);

#endif
