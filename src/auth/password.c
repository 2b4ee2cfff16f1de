#include "auth/password.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int
password_check(const char *pw, const char **why)
{
	int upper = 0, lower = 0, digit = 0, other = 0;
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if ((*p & 0xC0) != 0x80)
			n++;
		if (*p >= 'A' && *p <= 'Z')
			upper = 1;
		else if (*p >= 'a' && *p <= 'z')
			lower = 1;
		else if (*p >= '0' && *p <= '9')
			digit = 1;
		else
			other = 1;
	}
	if (n < 10) {
		*why = "密码至少 10 个字符";
		return -1;
	}
	if (n > 256) {
		*why = "密码不能超过 256 个字符";
		return -1;
	}
	if (upper + lower + digit + other < 3) {
		*why = "密码须包含大写字母、小写字母、数字、符号中的至少三类";
		return -1;
	}
	return 0;
}

int
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "size");
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

int
password_verify(const char *hash, const char *pw)
{
	if (sodium_init() < 0)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void
password_random_hex(char *hex, size_t n)
{
	unsigned char raw[64];
	if (n > sizeof raw)
		n = sizeof raw;
	if (sodium_init() < 0)
		abort();
	randombytes_buf(raw, n);
	sodium_bin2hex(hex, 2 * n + 1, raw, n);
	sodium_memzero(raw, sizeof raw);
}

/*
 * A one-time password: three groups of four letters and digits from an
 * alphabet without look-alikes (0/O, 1/l/I), joined by '-', each group
 * one upper case letter, two lower case and a digit in a random place —
 * about 50 bits, read aloud or copied without mistakes, and meeting
 * password_check (upper, lower, digit, symbol) by construction.
 */
void
password_onetime(char out[PASSWORD_ONETIME_LEN])
{
	static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	static const char lower[] = "abcdefghijkmnpqrstuvwxyz";
	static const char digit[] = "23456789";
	if (sodium_init() < 0)
		abort();
	char *o = out;
	for (int g = 0; g < 3; g++) {
		uint32_t d = randombytes_uniform(4);
		for (uint32_t i = 0; i < 4; i++) {
			if (i == d)
				*o++ = digit[randombytes_uniform(sizeof digit - 1)];
			else if (i == (d + 1) % 4)
				*o++ = upper[randombytes_uniform(sizeof upper - 1)];
			else
				*o++ = lower[randombytes_uniform(sizeof lower - 1)];
		}
		if (g < 2)
			*o++ = '-';
	}
	*o = '\0';
}
