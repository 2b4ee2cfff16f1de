/*
 * Unit tests of base/seal: SM4-CTR + HMAC-SM3 sealing of files at rest.
 * A round trip of several sizes; every single-byte change of a sealed
 * file (header, IV, ciphertext, tag), a truncation and another key are
 * refused; two seals of the same data differ (fresh IV) and neither holds
 * the plaintext; SM4 itself matches the GB/T 32907 example; the key file
 * is refused unless it is 64 hex digits only its owner may read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/seal.h"

static const unsigned char master[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
	11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
	29, 30, 31, 32 };

static void
key(struct seal_key *k, unsigned char first)
{
	unsigned char m[32];
	memcpy(m, master, sizeof m);
	m[0] = first;
	assert_int_equal(seal_key_derive(m, k), 0);
}

static void
test_round_trip(void **state)
{
	(void)state;
	struct seal_key k;
	key(&k, 1);
	assert_memory_not_equal(k.enc, k.mac, sizeof k.enc);
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 4096, 100003 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		size_t n = sizes[i];
		unsigned char *data = malloc(n + 1);
		for (size_t j = 0; j < n; j++)
			data[j] = (unsigned char)(j * 131 + 7);
		struct buf s, p;
		buf_init(&s, n + SEAL_OVERHEAD);
		buf_init(&p, n);
		assert_int_equal(seal_encrypt(&k, data, n, &s), 0);
		assert_int_equal(s.len, n + SEAL_OVERHEAD);
		assert_true(seal_is_sealed(s.data, s.len));
		assert_int_equal(seal_decrypt(&k, s.data, s.len, &p), 0);
		assert_int_equal(p.len, n);
		if (n > 0)
			assert_memory_equal(p.data, data, n);
		/* The ceiling holds: one byte less has no room. */
		struct buf tight;
		buf_init(&tight, n + SEAL_OVERHEAD - 1);
		assert_int_equal(seal_encrypt(&k, data, n, &tight), -1);
		assert_int_equal(tight.len, 0);
		buf_free(&tight);
		buf_free(&s);
		buf_free(&p);
		free(data);
	}
}

static void
test_tampering_refused(void **state)
{
	(void)state;
	struct seal_key k, other;
	key(&k, 1);
	key(&other, 2);
	const char text[] = "南明区委常委会听取法治建设工作汇报的会议纪要";
	size_t n = sizeof text - 1;
	struct buf s, p;
	buf_init(&s, 4096);
	buf_init(&p, 4096);
	assert_int_equal(seal_encrypt(&k, text, n, &s), 0);
	/* Every byte, flipped in turn: header, IV, ciphertext and tag. */
	for (size_t i = 0; i < s.len; i++) {
		s.data[i] ^= 0x01;
		assert_int_equal(seal_decrypt(&k, s.data, s.len, &p), -1);
		assert_int_equal(p.len, 0);
		s.data[i] ^= 0x01;
	}
	assert_int_equal(seal_decrypt(&k, s.data, s.len - 1, &p), -1);
	assert_int_equal(seal_decrypt(&k, s.data, SEAL_OVERHEAD - 1, &p), -1);
	assert_int_equal(seal_decrypt(&other, s.data, s.len, &p), -1);
	/* Plain data is not a sealed file. */
	assert_int_equal(seal_decrypt(&k, text, n, &p), -1);
	assert_false(seal_is_sealed(text, n));
	assert_int_equal(seal_decrypt(&k, s.data, s.len, &p), 0);
	assert_memory_equal(p.data, text, n);
	buf_free(&s);
	buf_free(&p);
}

static void
test_fresh_iv_no_plaintext(void **state)
{
	(void)state;
	struct seal_key k;
	key(&k, 1);
	const char text[] = "same content twice, same content twice";
	size_t n = sizeof text - 1;
	struct buf a, b;
	buf_init(&a, 1024);
	buf_init(&b, 1024);
	assert_int_equal(seal_encrypt(&k, text, n, &a), 0);
	assert_int_equal(seal_encrypt(&k, text, n, &b), 0);
	assert_memory_not_equal(a.data + SEAL_HEADER_LEN,
	    b.data + SEAL_HEADER_LEN, SEAL_IV_LEN);
	assert_memory_not_equal(a.data, b.data, a.len);
	assert_null(memmem(a.data, a.len, "same content", 12));
	buf_free(&a);
	buf_free(&b);
}

/* GB/T 32907-2016 Appendix A.1: the cipher OpenSSL gives us is SM4. */
static void
test_sm4_standard_vector(void **state)
{
	(void)state;
	static const unsigned char kp[16] = { 0x01, 0x23, 0x45, 0x67, 0x89,
		0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10 };
	static const unsigned char want[16] = { 0x68, 0x1e, 0xdf, 0x34, 0xd2,
		0x06, 0x96, 0x5e, 0x86, 0xb3, 0xe9, 0x4f, 0x53, 0x6e, 0x42, 0x46 };
	unsigned char out[32];
	int len = 0, fin = 0;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	assert_non_null(c);
	assert_int_equal(EVP_EncryptInit_ex(c, EVP_sm4_ecb(), NULL, kp, NULL), 1);
	EVP_CIPHER_CTX_set_padding(c, 0);
	assert_int_equal(EVP_EncryptUpdate(c, out, &len, kp, 16), 1);
	assert_int_equal(EVP_EncryptFinal_ex(c, out + len, &fin), 1);
	EVP_CIPHER_CTX_free(c);
	assert_int_equal(len + fin, 16);
	assert_memory_equal(out, want, 16);
}

static void
write_key(const char *path, const char *text, mode_t mode)
{
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void
test_key_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/lvzhi-seal-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/key", dir);
	char err[256];
	struct seal_key k, want;
	const char *hex =
	    "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
	char line[80];
	snprintf(line, sizeof line, "%s\n", hex);
	key(&want, 1);

	write_key(path, line, 0600);
	assert_int_equal(seal_key_load(path, &k, err, sizeof err), 0);
	assert_memory_equal(&k, &want, sizeof k);
	write_key(path, hex, 0400);
	assert_int_equal(seal_key_load(path, &k, err, sizeof err), 0);
	assert_memory_equal(&k, &want, sizeof k);

	/* Readable by the group or others: refused, and the error says so. */
	write_key(path, line, 0640);
	assert_int_equal(seal_key_load(path, &k, err, sizeof err), -1);
	assert_non_null(strstr(err, "chmod 600"));
	write_key(path, line, 0604);
	assert_int_equal(seal_key_load(path, &k, err, sizeof err), -1);
	/* Not 64 hex digits. */
	write_key(path, "0102", 0600);
	assert_int_equal(seal_key_load(path, &k, err, sizeof err), -1);
	snprintf(line, sizeof line, "%.63sg\n", hex);
	write_key(path, line, 0600);
	assert_int_equal(seal_key_load(path, &k, err, sizeof err), -1);
	snprintf(line, sizeof line, "%s\n\n", hex);
	write_key(path, line, 0600);
	assert_int_equal(seal_key_load(path, &k, err, sizeof err), -1);
	unlink(path);
	assert_int_equal(seal_key_load(path, &k, err, sizeof err), -1);
	rmdir(dir);
}

/* seal_master_create: a new random key, 0600, that loads; an existing
 * key file is kept as it is; two keys made apart differ. */
static void
test_key_create(void **state)
{
	(void)state;
	char dir[] = "/tmp/lvzhi-seal-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char a[64], b[64], err[256];
	snprintf(a, sizeof a, "%s/a.key", dir);
	snprintf(b, sizeof b, "%s/b.key", dir);
	unsigned char ma[SEAL_MASTER_LEN], again[SEAL_MASTER_LEN],
	    mb[SEAL_MASTER_LEN];
	assert_int_equal(seal_master_create(a, err, sizeof err), 0);
	struct stat st;
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(seal_master_load(a, ma, err, sizeof err), 0);
	assert_int_equal(seal_master_create(a, err, sizeof err), 0);
	assert_int_equal(seal_master_load(a, again, err, sizeof err), 0);
	assert_memory_equal(ma, again, sizeof ma);
	assert_int_equal(seal_master_create(b, err, sizeof err), 0);
	assert_int_equal(seal_master_load(b, mb, err, sizeof err), 0);
	assert_memory_not_equal(ma, mb, sizeof ma);
	unlink(a);
	unlink(b);
	assert_int_equal(rmdir(dir), 0); /* no temporary file left */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_tampering_refused),
		cmocka_unit_test(test_fresh_iv_no_plaintext),
		cmocka_unit_test(test_sm4_standard_vector),
		cmocka_unit_test(test_key_file),
		cmocka_unit_test(test_key_create),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
