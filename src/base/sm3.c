#include "base/sm3.h"

#include <openssl/evp.h>
#include <pthread.h>

/* struct sm3 is never defined: the handle is an EVP_MD_CTX in disguise,
 * so callers need not include OpenSSL's headers. */

/*
 * The algorithm, fetched once: given EVP_sm3(), OpenSSL 3 looks the
 * implementation up again at every EVP_DigestInit_ex (locks and a
 * search), which cost more than digesting a token (a bearer token is
 * digested on every API request). Never freed: it lives as long as the
 * process.
 */
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;
static EVP_MD *fetched;

static void
fetch(void)
{
	fetched = EVP_MD_fetch(NULL, "SM3", NULL);
}

struct sm3 *
sm3_create(void)
{
	pthread_once(&fetch_once, fetch);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (ctx == NULL)
		return NULL;
	if (EVP_DigestInit_ex(ctx, fetched ? fetched : EVP_sm3(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		return NULL;
	}
	return (struct sm3 *)ctx;
}

int
sm3_update(struct sm3 *c, const void *p, size_t n)
{
	return EVP_DigestUpdate((EVP_MD_CTX *)c, p, n) == 1 ? 0 : -1;
}

void
sm3_free(struct sm3 *c)
{
	EVP_MD_CTX_free((EVP_MD_CTX *)c);
}

int
sm3_final(struct sm3 *c, char hex[SM3_HEX_LEN])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	int ok = EVP_DigestFinal_ex((EVP_MD_CTX *)c, md, &n) == 1 && n == 32;
	sm3_free(c);
	if (!ok)
		return -1;
	for (unsigned int i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return 0;
}

int
sm3_hex(const void *p, size_t n, char hex[SM3_HEX_LEN])
{
	struct sm3 *c = sm3_create();
	if (c == NULL)
		return -1;
	if (sm3_update(c, p, n)) {
		sm3_free(c);
		return -1;
	}
	return sm3_final(c, hex);
}
