/*
 * gzip through zlib's deflate with a gzip wrapper (window bits 15 + 16),
 * at the default level: a response body is compressed once per cache
 * entry, so the level matters less than the size.
 */
#include "base/gzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

int
gzip_compress(const void *in, size_t n, char **out, size_t *outlen)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	*out = NULL;
	*outlen = 0;
	if (n > (size_t)UINT32_MAX / 2 || deflateInit2(&z,
	    Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	size_t cap = deflateBound(&z, (uLong)n) + 32;
	char *buf = malloc(cap);
	if (buf == NULL) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	size_t len = cap - z.avail_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(buf);
		return -1;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

/* Whether the parameters after a coding (";q=0.5") leave it acceptable. */
static int
q_nonzero(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == ';'))
		p++;
	if (end - p < 2 || strncasecmp(p, "q=", 2) != 0)
		return 1;
	p += 2;
	/* q=0, q=0.0, q=0.000 refuse; anything else accepts. */
	if (p >= end || *p != '0')
		return 1;
	for (p++; p < end && (*p == '.' || *p == '0'); p++)
		;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p < end;
}

int
gzip_accepted(const char *ae)
{
	if (ae == NULL)
		return 0;
	int star = 0;
	const char *p = ae;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		const char *tok = p;
		while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		size_t n = (size_t)(p - tok);
		const char *params = p;
		while (*p && *p != ',')
			p++;
		int ok = q_nonzero(params, p);
		if ((n == 4 && strncasecmp(tok, "gzip", 4) == 0) ||
		    (n == 6 && strncasecmp(tok, "x-gzip", 6) == 0))
			return ok;
		if (n == 1 && *tok == '*')
			star = ok;
	}
	return star;
}
