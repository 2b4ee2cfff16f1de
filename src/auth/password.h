/*
 * Passwords: argon2id through libsodium, and the complexity rule of
 * 等保 level 3 (身份鉴别): at least 10 characters from at least three of
 * upper case, lower case, digits and symbols.
 */
#ifndef LVZHI_PASSWORD_H
#define LVZHI_PASSWORD_H

#include <stddef.h>

#define PASSWORD_HASH_MAX 128

/* 0 when pw is acceptable, else -1 with the reason (Chinese) in why. */
int password_check(const char *pw, const char **why);
/* Hashes pw into out (PASSWORD_HASH_MAX bytes); returns 0 or -1. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* 1 when pw matches hash, else 0. */
int password_verify(const char *hash, const char *pw);
/* Fills hex (2n+1 bytes) with n random bytes from the system CSPRNG. */
void password_random_hex(char *hex, size_t n);
/* A fresh one-time password that password_check accepts ("Ab3d-..."),
 * for a reset: shown once, to be changed at the next login. */
#define PASSWORD_ONETIME_LEN 15
void password_onetime(char out[PASSWORD_ONETIME_LEN]);

#endif
