#include "base/seal.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const unsigned char header[SEAL_HEADER_LEN] = { 'L', 'V', 'Z', 'S',
	'M', '4', 1, 0 };

int
seal_hmac_sm3(const unsigned char *key, size_t keylen, const void *p,
    size_t n, unsigned char out[SEAL_TAG_LEN])
{
	unsigned int len = 0;
	if (HMAC(EVP_sm3(), key, (int)keylen, p, n, out, &len) == NULL ||
	    len != SEAL_TAG_LEN)
		return -1;
	return 0;
}

int
seal_key_derive(const unsigned char master[32], struct seal_key *k)
{
	static const char enc_label[] = "lvzhi seal SM4 key";
	static const char mac_label[] = "lvzhi seal HMAC-SM3 key";
	unsigned char enc[SEAL_TAG_LEN];
	int rc = seal_hmac_sm3(master, 32, enc_label, sizeof enc_label - 1,
	    enc) || seal_hmac_sm3(master, 32, mac_label, sizeof mac_label - 1,
	    k->mac);
	memcpy(k->enc, enc, sizeof k->enc);
	OPENSSL_cleanse(enc, sizeof enc);
	return rc ? -1 : 0;
}

void
seal_key_clear(struct seal_key *k)
{
	OPENSSL_cleanse(k, sizeof *k);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
seal_master_load(const char *path, unsigned char master[SEAL_MASTER_LEN],
    char *err, size_t errlen)
{
	char text[80];
	struct stat st;
	ssize_t n = -1;
	int rc = -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		goto out;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		snprintf(err, errlen, "%s: mode %03o lets others read or change "
		    "the key; chmod 600 it", path, (unsigned)(st.st_mode & 0777));
		goto out;
	}
	if (st.st_uid != geteuid()) {
		snprintf(err, errlen, "%s: owned by another user", path);
		goto out;
	}
	n = read(fd, text, sizeof text);
	if (n < 64 || n > 65 || (n == 65 && text[64] != '\n')) {
		snprintf(err, errlen, "%s: want 64 hexadecimal digits (a 256-bit "
		    "key, e.g. from `openssl rand -hex 32`)", path);
		goto out;
	}
	for (int i = 0; i < 32; i++) {
		int hi = hexval(text[2 * i]), lo = hexval(text[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			snprintf(err, errlen, "%s: want 64 hexadecimal digits", path);
			goto out;
		}
		master[i] = (unsigned char)(hi << 4 | lo);
	}
	rc = 0;
out:
	OPENSSL_cleanse(text, sizeof text);
	if (rc)
		OPENSSL_cleanse(master, SEAL_MASTER_LEN);
	close(fd);
	return rc;
}

int
seal_key_load(const char *path, struct seal_key *k, char *err, size_t errlen)
{
	unsigned char master[SEAL_MASTER_LEN];
	if (seal_master_load(path, master, err, errlen))
		return -1;
	int rc = seal_key_derive(master, k);
	OPENSSL_cleanse(master, sizeof master);
	if (rc)
		snprintf(err, errlen, "%s: cannot derive the keys (no SM3 in "
		    "OpenSSL?)", path);
	return rc;
}

int
seal_master_create(const char *path, char *err, size_t errlen)
{
	unsigned char master[SEAL_MASTER_LEN];
	char text[2 * SEAL_MASTER_LEN + 2], tmp[4200];
	if (snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid()) >=
	    (int)sizeof tmp) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	if (RAND_bytes(master, sizeof master) != 1) {
		snprintf(err, errlen, "%s: no random bytes for a key", path);
		return -1;
	}
	for (size_t i = 0; i < sizeof master; i++)
		snprintf(text + 2 * i, 3, "%02x", master[i]);
	text[2 * SEAL_MASTER_LEN] = '\n';
	OPENSSL_cleanse(master, sizeof master);
	int rc = -1;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	/* Written whole and synced under a temporary name, then linked: a
	 * key file is never seen half-written, and of two processes making
	 * one at once, the first link wins and both use its key. */
	const ssize_t len = 2 * SEAL_MASTER_LEN + 1;
	if (write(fd, text, (size_t)len) != len || fsync(fd) != 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (link(tmp, path) != 0 && errno != EEXIST)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	else
		rc = 0;
	unlink(tmp);
out:
	OPENSSL_cleanse(text, sizeof text);
	return rc;
}

int
seal_is_sealed(const void *data, size_t len)
{
	return len >= SEAL_OVERHEAD && memcmp(data, header, sizeof header) == 0;
}

/* SM4-CTR over n bytes from in to out (the same in both directions). */
static int
sm4_ctr(const struct seal_key *k, const unsigned char iv[SEAL_IV_LEN],
    const unsigned char *in, size_t n, unsigned char *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int rc = -1, len = 0;
	if (c == NULL || !EVP_EncryptInit_ex(c, EVP_sm4_ctr(), NULL, k->enc, iv))
		goto out;
	/* EVP takes int lengths: feed at most 1 GiB at a time. */
	while (n > 0) {
		int step = n > (1u << 30) ? 1 << 30 : (int)n;
		if (!EVP_EncryptUpdate(c, out, &len, in, step) || len != step)
			goto out;
		in += step;
		out += step;
		n -= (size_t)step;
	}
	if (!EVP_EncryptFinal_ex(c, out, &len) || len != 0)
		goto out;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(c);
	return rc;
}

int
seal_encrypt(const struct seal_key *k, const void *data, size_t len,
    struct buf *out)
{
	size_t start = out->len;
	if (len > (size_t)-1 - SEAL_OVERHEAD ||
	    buf_room(out, SEAL_OVERHEAD + len) == NULL)
		return -1;
	unsigned char *p = (unsigned char *)out->data + start;
	memcpy(p, header, SEAL_HEADER_LEN);
	unsigned char *iv = p + SEAL_HEADER_LEN, *ct = iv + SEAL_IV_LEN;
	if (RAND_bytes(iv, SEAL_IV_LEN) != 1 || sm4_ctr(k, iv, data, len, ct) ||
	    seal_hmac_sm3(k->mac, sizeof k->mac, p, SEAL_HEADER_LEN + SEAL_IV_LEN +
	    len, ct + len)) {
		out->len = start;
		buf_end(out);
		return -1;
	}
	buf_end(out);
	return 0;
}

int
seal_decrypt(const struct seal_key *k, const void *data, size_t len,
    struct buf *out)
{
	const unsigned char *p = data;
	unsigned char tag[SEAL_TAG_LEN];
	if (!seal_is_sealed(data, len))
		return -1;
	size_t n = len - SEAL_OVERHEAD;
	if (seal_hmac_sm3(k->mac, sizeof k->mac, p, len - SEAL_TAG_LEN, tag) ||
	    CRYPTO_memcmp(tag, p + len - SEAL_TAG_LEN, SEAL_TAG_LEN) != 0)
		return -1;
	size_t start = out->len;
	unsigned char *dst = (unsigned char *)buf_room(out, n);
	if (dst == NULL && n > 0)
		return -1;
	if (n > 0 && sm4_ctr(k, p + SEAL_HEADER_LEN, p + SEAL_HEADER_LEN +
	    SEAL_IV_LEN, n, dst)) {
		out->len = start;
		buf_end(out);
		return -1;
	}
	if (out->data != NULL)
		buf_end(out);
	return 0;
}
