/*
 * Sealed files: SM4 encryption with SM3 integrity for data at rest (the
 * 商用密码 expectation for sensitive files; docs/security.md).
 *
 * Debian 12's OpenSSL 3.0 offers SM4 in ECB, CBC, CFB, OFB and CTR mode
 * but no AEAD mode, so a sealed file is encrypt-then-MAC:
 *
 *   "LVZSM4" 0x01 0x00 | IV (16) | SM4-CTR ciphertext | HMAC-SM3 (32)
 *
 * The MAC covers header, IV and ciphertext and is checked (in constant
 * time) before anything is decrypted. The two keys are derived from one
 * 256-bit master key by HMAC-SM3 with distinct labels; the master key is
 * read from a file that only its owner may read (mode 0600 or 0400).
 */
#ifndef LVZHI_SEAL_H
#define LVZHI_SEAL_H

#include <stddef.h>

#include "base/buf.h"

#define SEAL_HEADER_LEN 8
#define SEAL_IV_LEN 16
#define SEAL_TAG_LEN 32
#define SEAL_OVERHEAD (SEAL_HEADER_LEN + SEAL_IV_LEN + SEAL_TAG_LEN)

struct seal_key {
	unsigned char enc[16]; /* SM4 */
	unsigned char mac[32]; /* HMAC-SM3 */
};

#define SEAL_MASTER_LEN 32

/*
 * Reads a 256-bit master key from path (the format below) into master;
 * returns 0, or -1 with the reason in err. The caller wipes master.
 */
int seal_master_load(const char *path, unsigned char master[SEAL_MASTER_LEN],
    char *err, size_t errlen);
/*
 * Creates a new random master key file at path (mode 0600), unless one
 * is there already (then it is left as it is). Returns 0, or -1 with the
 * reason in err.
 */
int seal_master_create(const char *path, char *err, size_t errlen);
/* HMAC-SM3 of n bytes at p under key into out (32 bytes); 0 or -1. */
int seal_hmac_sm3(const unsigned char *key, size_t keylen, const void *p,
    size_t n, unsigned char out[SEAL_TAG_LEN]);

/*
 * Reads the master key from path: 64 hexadecimal digits and an optional
 * newline, in a regular file that group and others cannot read or write.
 * Returns 0, or -1 with the reason in err.
 */
int seal_key_load(const char *path, struct seal_key *k, char *err,
    size_t errlen);
/* Derives both keys from a 32-byte master key (tests, seal_key_load). */
int seal_key_derive(const unsigned char master[32], struct seal_key *k);
/* Wipes k. */
void seal_key_clear(struct seal_key *k);

/* Whether data starts like a sealed file (header only; not verified). */
int seal_is_sealed(const void *data, size_t len);
/* Seals len bytes into out (appended; out keeps its ceiling); 0 or -1. */
int seal_encrypt(const struct seal_key *k, const void *data, size_t len,
    struct buf *out);
/* Opens a sealed file into out (appended): -1 when it is not sealed,
 * truncated, sealed with another key or altered in any byte. */
int seal_decrypt(const struct seal_key *k, const void *data, size_t len,
    struct buf *out);

#endif
