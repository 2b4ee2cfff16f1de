/*
 * Unit tests of base/jv and base/jw against jansson, which they must
 * agree with byte for byte: jv_parse accepts only what json_loadb
 * accepts, with the same value (its canonical text equals jansson's
 * JSON_SORT_KEYS dump); jw writes strings, integers and reals as
 * json_dumps does. Hand-picked edge cases first, then some thousands of
 * deterministic mutations of real import lines. Also gzip's round trip
 * and its Accept-Encoding reading.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/arena.h"
#include "base/gzip.h"
#include "base/jv.h"
#include "base/jw.h"

/* What jansson makes of text: its canonical dump, or NULL. */
static char *
jansson_canonical(const char *text, size_t len)
{
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if (j == NULL)
		return NULL;
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return s;
}

/* Checks one text; returns whether jv parsed it. */
static int
agree(const char *text, size_t len)
{
	struct arena *a = arena_create();
	struct jv *v = jv_parse(a, text, len);
	char *want = jansson_canonical(text, len);
	int parsed = v != NULL;
	if (v != NULL) {
		struct buf b;
		buf_init(&b, 1u << 24);
		if (want == NULL)
			fail_msg("jv accepted what jansson refuses: %.*s", (int)len,
			    text);
		assert_int_equal(jv_canonical(v, &b), 0);
		assert_string_equal(b.data ? b.data : "", want);
		buf_free(&b);
	}
	if (want != NULL) {
		/* The bridge from jansson gives the same text. */
		json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
		struct jv *w = jv_from_json(a, j);
		struct buf b;
		buf_init(&b, 1u << 24);
		assert_int_equal(jv_canonical(w, &b), 0);
		assert_string_equal(b.data ? b.data : "", want);
		buf_free(&b);
		json_decref(j);
	}
	free(want);
	arena_free(a);
	return parsed;
}

static void
test_edge_cases(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int fast; /* jv parses it itself (else it must decline) */
	} cases[] = {
		{ "{}", 1 },
		{ "[]", 1 },
		{ " \t{ } \r\n", 1 },
		{ "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}", 1 },
		{ "{\"b\":1,\"a\":2,\"B\":3,\"ab\":4,\"\":5}", 1 },
		{ "{\"t\":\"示例甲，全角\"}", 1 },
		{ "{\"x\":\"\xf0\x9f\x98\x80\"}", 1 },   /* U+1F600 */
		{ "{\"x\":-123,\"y\":0,\"z\":999999999999999999}", 1 },
		{ "{\"x\":\"a\x7f\"}", 1 },
		{ "[1,[2,[3,[4]]]]", 1 },
		/* declined, jansson decides */
		{ "{\"x\":\"a\\nb\"}", 0 },
		{ "{\"x\":\"\\u00e9\\/\"}", 0 },
		{ "{\"x\":\"\\ud83d\\ude00\"}", 0 },
		{ "{\"x\":1.5}", 0 },
		{ "{\"x\":1e3}", 0 },
		{ "{\"x\":-0}", 0 },
		{ "{\"x\":1234567890123456789}", 0 },
		{ "{\"x\":12345678901234567890123}", 0 },
		/* invalid: both refuse */
		{ "", 0 },
		{ "1", 0 },
		{ "\"s\"", 0 },
		{ "null", 0 },
		{ "{\"a\":1,\"a\":2}", 0 },
		{ "{\"a\":01}", 0 },
		{ "{\"a\":+1}", 0 },
		{ "{\"a\":1,}", 0 },
		{ "{\"a\" 1}", 0 },
		{ "{\"a\":tru}", 0 },
		{ "{\"a\":truex}", 0 },
		{ "{\"a\":true1}", 0 },
		{ "{\"a\":\"x\ty\"}", 0 },
		{ "{\"a\":\"\xc0\x80\"}", 0 },         /* overlong */
		{ "{\"a\":\"\xed\xa0\x80\"}", 0 },     /* surrogate */
		{ "{\"a\":\"\xf4\x90\x80\x80\"}", 0 }, /* past U+10FFFF */
		{ "{\"a\":\"\xe4\xb8\"}", 0 },         /* truncated */
		{ "{\"a\":\"\x80\"}", 0 },
		{ "{} {}", 0 },
		{ "{}x", 0 },
		{ "\xef\xbb\xbf{}", 0 },               /* BOM */
		{ "[1 2]", 0 },
		{ "{\"a\":[}", 0 },
		{ "{\"a\":-}", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int parsed = agree(cases[i].text, strlen(cases[i].text));
		if (parsed != cases[i].fast)
			fail_msg("case %zu (%s): jv %s", i, cases[i].text,
			    parsed ? "parsed it" : "declined it");
	}
	/* A NUL byte inside the text. */
	static const char nul[] = "{\"a\":\"x\0y\"}";
	assert_int_equal(agree(nul, sizeof nul - 1), 0);
	/* Deep nesting and many members are left to jansson. */
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	assert_int_equal(agree(deep, sizeof deep), 0);
	struct buf many;
	buf_init(&many, 1u << 20);
	buf_putc(&many, '{');
	for (int i = 0; i < 100; i++)
		buf_printf(&many, "%s\"k%d\":%d", i ? "," : "", 99 - i, i);
	buf_putc(&many, '}');
	assert_int_equal(agree(many.data, many.len), 0);
	buf_free(&many);
}

static uint64_t
next(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static void
test_mutations(void **state)
{
	(void)state;
	/* One seed a line of an import file; a seed that runs over several
	 * source lines is one literal in parentheses, so that neither a
	 * reader nor clang (-Wstring-concatenation) takes a missing comma
	 * for it. */
	static const char *const seeds[] = {
		("{\"type\":\"record\",\"id\":\"x1\",\"kind\":\"rol_lecture\","
		"\"organ\":\"520100-party\",\"date\":\"2025-03-10\","
		"\"status\":\"verified\",\"title\":\"市委理论学习中心组法治专题讲座\"}"),
		("{\"type\":\"record\",\"id\":\"x9\",\"kind\":\"major_decision\","
		"\"organ\":\"520100-gov\",\"date\":\"2025-05-01\",\"steps\":{"
		"\"public_participation\":\"2025-03-01\",\"legality_review\":"
		"\"2025-04-01\"},\"evidence\":[\"a.pdf\",\"b.pdf\"]}"),
		("{\"type\":\"tenure\",\"id\":\"t1\",\"person\":\"g1\",\"organ\":"
		"\"520100-gov\",\"role\":\"principal\",\"start\":\"2023-06-01\","
		"\"end\":null}"),
		("{\"type\":\"score\",\"person\":\"g1\",\"year\":2025,\"duty\":"
		"\"4.1-study\",\"score\":87,\"by\":\"依法治理办公室\"}"),
		"[1,-2,true,false,null,\"x\",{\"a\":[]}]",
	};
	static const char alphabet[] = "{}[]\",:\\ 0123456789-+.eEtrufalsn"
	    "\x01\x7f\xc3\xa9\xe4\xb8\xad\xff";
	uint64_t rng = 42;
	char text[512];
	int parsed = 0, total = 0;
	for (int round = 0; round < 6000; round++) {
		const char *seed = seeds[round % (sizeof seeds / sizeof *seeds)];
		size_t len = strlen(seed);
		memcpy(text, seed, len);
		int edits = 1 + (int)(next(&rng) % 3);
		for (int e = 0; e < edits && len > 0; e++) {
			size_t at = next(&rng) % len;
			char c = alphabet[next(&rng) % (sizeof alphabet - 1)];
			switch (next(&rng) % 3) {
			case 0: /* replace */
				text[at] = c;
				break;
			case 1: /* insert */
				if (len + 1 < sizeof text) {
					memmove(text + at + 1, text + at, len - at);
					text[at] = c;
					len++;
				}
				break;
			default: /* delete */
				memmove(text + at, text + at + 1, len - at - 1);
				len--;
				break;
			}
		}
		parsed += agree(text, len);
		total++;
	}
	/* The fast path must still carry a good share of near-valid lines. */
	assert_true(parsed > total / 20);
	for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++)
		assert_int_equal(agree(seeds[i], strlen(seeds[i])), 1);
}

/* jw's text for v equals jansson's. */
static void
same_real(double v)
{
	struct buf b;
	buf_init(&b, 256);
	json_t *j = json_real(v);
	char *want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_int_equal(jw_real(&b, v), 0);
	if (strcmp(b.data, want) != 0)
		fail_msg("real %.17g: jw '%s', jansson '%s'", v, b.data, want);
	free(want);
	json_decref(j);
	buf_free(&b);
}

static void
test_writer(void **state)
{
	(void)state;
	static const double reals[] = { 0.0, -0.0, 1.0, 0.1, 83.3, 87.5, 100.0,
		1e20, 1e21, 1e22, 1e-5, 1e-7, 123456789.125, -2.5e-300, 1e300,
		5e-324, 1.7976931348623157e308 };
	for (size_t i = 0; i < sizeof reals / sizeof *reals; i++)
		same_real(reals[i]);
	uint64_t rng = 7;
	for (int i = 0; i < 20000; i++) {
		uint64_t bits = next(&rng);
		double v;
		memcpy(&v, &bits, sizeof v);
		if (isnan(v) || isinf(v))
			continue;
		same_real(v);
	}
	for (int s = 0; s < 1000; s++) {
		double v = (double)(long)(next(&rng) % 10001) / 10;
		same_real(v);
	}
	struct buf b;
	buf_init(&b, 1u << 16);
	assert_int_equal(jw_real(&b, NAN), -1);
	assert_int_equal(jw_real(&b, INFINITY), -1);

	/* Integers at the edges. */
	static const long long ints[] = { 0, 1, -1, 42, -42, 1000000,
		INT64_MAX, INT64_MIN };
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
		buf_reset(&b);
		json_t *j = json_integer(ints[i]);
		char *want = json_dumps(j, JSON_ENCODE_ANY);
		assert_int_equal(jw_int(&b, ints[i]), 0);
		assert_string_equal(b.data, want);
		free(want);
		json_decref(j);
	}

	/* Every byte below 0x80 in a string, and UTF-8 around them. */
	char all[160];
	size_t n = 0;
	for (int c = 1; c < 0x80; c++)
		all[n++] = (char)c;
	static const char more[] = "中文\xf0\x9f\x98\x80/";
	memcpy(all + n, more, sizeof more - 1);
	n += sizeof more - 1;
	for (size_t cut = 0; cut <= n; cut += 7) {
		buf_reset(&b);
		json_t *j = json_stringn(all + cut, n - cut);
		assert_non_null(j);
		char *want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		assert_int_equal(jw_strn(&b, all + cut, n - cut), 0);
		assert_string_equal(b.data, want);
		free(want);
		json_decref(j);
	}
	/* Long plain strings take the word-at-a-time path. */
	char plain[300];
	memset(plain, 'a', sizeof plain);
	for (size_t at = 0; at < sizeof plain; at += 13) {
		plain[at] = '"';
		buf_reset(&b);
		json_t *j = json_stringn(plain, sizeof plain);
		char *want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		assert_int_equal(jw_strn(&b, plain, sizeof plain), 0);
		assert_string_equal(b.data, want);
		free(want);
		json_decref(j);
		plain[at] = 'a';
	}
	buf_reset(&b);
	assert_int_equal(jw_str(&b, NULL), 0);
	assert_string_equal(b.data, "null");
	/* The ceiling holds. */
	struct buf tiny;
	buf_init(&tiny, 8);
	assert_int_equal(jw_str(&tiny, "123456"), 0);
	assert_int_equal(jw_str(&tiny, "x"), -1);
	assert_string_equal(tiny.data, "\"123456\"");
	buf_free(&tiny);
	buf_free(&b);
}

static void
test_object_edits(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	const char *text = "{\"z\":null,\"a\":1,\"status\":null,\"m\":[null]}";
	struct jv *o = jv_parse(a, text, strlen(text));
	assert_non_null(o);
	struct jv st = { .type = JV_STRING, .n = 9, .u.s = "submitted" };
	jv_set(a, o, "status", &st);
	jv_set(a, o, "new", &st);
	jv_drop_nulls(o);
	struct buf b;
	buf_init(&b, 1024);
	assert_int_equal(jv_canonical(o, &b), 0);
	assert_string_equal(b.data, "{\"a\":1,\"m\":[null],\"new\":\"submitted\","
	    "\"status\":\"submitted\"}");
	/* Members keep document order. */
	assert_string_equal(o->u.members[0].key, "a");
	assert_string_equal(o->u.members[1].key, "status");
	assert_null(jv_get(o, "z"));
	assert_null(jv_get(NULL, "a"));
	assert_int_equal(jv_int(jv_get(o, "a")), 1);
	assert_true(jv_equal(jv_get(o, "status"), jv_get(o, "new")));
	assert_false(jv_equal(jv_get(o, "a"), jv_get(o, "new")));
	buf_free(&b);
	arena_free(a);
}

static void
test_gzip(void **state)
{
	(void)state;
	char in[5000];
	for (size_t i = 0; i < sizeof in; i++)
		in[i] = "考评结果 evaluation "[i % 20];
	char *z;
	size_t zlen;
	assert_int_equal(gzip_compress(in, sizeof in, &z, &zlen), 0);
	assert_true(zlen < sizeof in / 4);
	assert_int_equal((unsigned char)z[0], 0x1f);
	assert_int_equal((unsigned char)z[1], 0x8b);
	char out[6000];
	z_stream s;
	memset(&s, 0, sizeof s);
	assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
	s.next_in = (Bytef *)z;
	s.avail_in = (uInt)zlen;
	s.next_out = (Bytef *)out;
	s.avail_out = sizeof out;
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	assert_int_equal(s.total_out, sizeof in);
	assert_memory_equal(out, in, sizeof in);
	inflateEnd(&s);
	free(z);

	assert_true(gzip_accepted("gzip"));
	assert_true(gzip_accepted("gzip, deflate, br"));
	assert_true(gzip_accepted("br;q=1.0, GZIP;q=0.5"));
	assert_true(gzip_accepted("deflate, *"));
	assert_true(gzip_accepted("x-gzip"));
	assert_false(gzip_accepted(NULL));
	assert_false(gzip_accepted(""));
	assert_false(gzip_accepted("identity"));
	assert_false(gzip_accepted("gzip;q=0"));
	assert_false(gzip_accepted("gzip; q=0.000, deflate"));
	assert_false(gzip_accepted("*;q=0"));
	assert_false(gzip_accepted("gzipped"));
	assert_false(gzip_accepted("*, gzip;q=0"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edge_cases),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_object_edits),
		cmocka_unit_test(test_gzip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
