#include "auth/password.h"

#include <sodium.h>
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
