/*
 * Unit tests of base/fold: the folding the portal's search indexes and
 * queries by (punctuation, quotation marks and blanks left out,
 * full-width and capitals folded), its map back to the text as written,
 * the snippet's marks over hits with punctuation inside, and the SQL
 * the migration folds stored text with, which must fold as the C does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fold.h"
#include "store/schema-int.h"

/* s folded, as a string (static: one at a time). */
static const char *
fold(const char *s)
{
	static char out[4096];
	size_t n = strlen(s);
	assert_true(n < sizeof out);
	size_t len = text_fold(s, n, out, NULL);
	assert_int_equal(len, strlen(out));
	return out;
}

static void
test_fold(void **state)
{
	(void)state;
	assert_string_equal(fold("行政执法“三项制度”"), "行政执法三项制度");
	assert_string_equal(fold("行政执法「三项制度」、《条例》。"),
	    "行政执法三项制度条例");
	assert_string_equal(fold("ＧＢ／Ｔ　9704—2012"), "gbt97042012");
	assert_string_equal(fold("Rule of Law (2025)!"), "ruleoflaw2025");
	assert_string_equal(fold("\"'`\\\t\r\n…·・"), "");
	/* Characters the table does not name are kept; a byte that is not
	 * UTF-8 is dropped: kept, the bytes around a folded-out character
	 * could join into one, and folding again would differ (the input
	 * fuzz-fold found: regressions/fold/joined-by-folding). */
	assert_string_equal(fold("é中\xff" "x"), "é中x");
	assert_string_equal(fold("\xe8\xb4"), "");
	assert_string_equal(fold("\xe8“\xb4\x8b中"), "中");
	assert_string_equal(fold(""), "");
}

static void
test_map(void **state)
{
	(void)state;
	const char *s = "A“中”Ｂ";
	char out[32];
	uint32_t map[32];
	size_t n = text_fold(s, strlen(s), out, map);
	assert_string_equal(out, "a中b");
	assert_int_equal(n, 5);
	/* a from 0; 中's three bytes from 4 (after A and “); b from the
	 * full-width Ｂ after ”. */
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 4);
	assert_int_equal(map[2], 4);
	assert_int_equal(map[3], 4);
	assert_int_equal(map[4], 10);
}

#define CP(cp, s, sql, to) cp,
static const uint32_t cps[] = { TEXT_FOLD_TABLE(CP) };
#undef CP
#define UTF(cp, s, sql, to) s,
static const char *const utf[] = { TEXT_FOLD_TABLE(UTF) };
#undef UTF
#define TO(cp, s, sql, to) to,
static const char *const tos[] = { TEXT_FOLD_TABLE(TO) };
#undef TO

/* The table in code point order (bsearch), each entry's UTF-8 its code
 * point, what it folds to never folded again. */
static void
test_table(void **state)
{
	(void)state;
	size_t n = sizeof cps / sizeof cps[0];
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			assert_true(cps[i - 1] < cps[i]);
		const unsigned char *u = (const unsigned char *)utf[i];
		uint32_t c = u[0] < 0x80 ? u[0] : u[0] < 0xE0 ?
		    (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F) :
		    (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
		    (u[2] & 0x3F);
		assert_int_equal(c, cps[i]);
		assert_string_equal(fold(utf[i]), tos[i]);
		assert_string_equal(fold(tos[i]), tos[i]);
	}
}

/* The snippet with its marks as [ and ]. */
static char *
snip(const char *text, const char *const *terms, size_t n)
{
	char *s = text_fold_snippet(text, terms, n);
	assert_non_null(s);
	for (char *p = s; *p; p++)
		if (*p == '\x01')
			*p = '[';
		else if (*p == '\x02')
			*p = ']';
	return s;
}

static void
test_snippet(void **state)
{
	(void)state;
	const char *text = "全面落实行政执法“三项制度”,做到“三项制度”全覆盖。";
	const char *one[] = { "行政执法三项制度" };
	char *s = snip(text, one, 1);
	/* The mark runs over the quotation mark inside the hit, not the
	 * one after it. */
	assert_string_equal(s, "全面落实[行政执法“三项制度]”,做到“三项制度”全覆盖。");
	free(s);
	const char *two[] = { "三项制度" };
	s = snip(text, two, 1);
	assert_string_equal(s, "全面落实行政执法“[三项制度]”,做到“[三项制度]”全覆盖。");
	free(s);
	/* Overlapping hits of two terms are one mark. */
	const char *both[] = { "执法三项", "三项制度" };
	s = snip("行政执法三项制度", both, 2);
	assert_string_equal(s, "行政[执法三项制度]");
	free(s);
	/* Typed full-width or in capitals, found as written. */
	const char *gb[] = { "gbt9704" };
	s = snip("依照 ＧＢ／Ｔ 9704 排版", gb, 1);
	assert_string_equal(s, "依照 [ＧＢ／Ｔ 9704] 排版");
	free(s);
	/* Far into a long text: cut before and after, with "…". */
	struct buf b;
	buf_init(&b, 1u << 20);
	for (int i = 0; i < 100; i++)
		buf_puts(&b, "法治");
	buf_puts(&b, "“目标词”");
	for (int i = 0; i < 100; i++)
		buf_puts(&b, "政府");
	const char *far[] = { "目标词" };
	s = snip(b.data, far, 1);
	assert_true(strncmp(s, "…", strlen("…")) == 0);
	assert_non_null(strstr(s, "“[目标词]”"));
	assert_true(strlen(s) > strlen("…") * 2 &&
	    strcmp(s + strlen(s) - strlen("…"), "…") == 0);
	/* 24 characters before the hit: 23 of 法治 and the quotation mark. */
	assert_true(strncmp(s + strlen("…"), "治法治", strlen("治法治")) == 0);
	free(s);
	/* No hit (the title held it): the beginning. */
	const char *miss[] = { "不存在" };
	s = snip(b.data, miss, 1);
	assert_null(strchr(s, '['));
	assert_true(strncmp(s, "法治法治", strlen("法治法治")) == 0);
	free(s);
	buf_free(&b);
	/* A title: whole, every hit marked, nothing cut. */
	char *t = text_fold_marks("南明区人民政府关于 2023 年度法治政府建设情况"
	    "的报告(2023 年度)", (const char *[]){ "2023年度" }, 1);
	assert_non_null(t);
	assert_string_equal(t, "南明区人民政府关于 \x01" "2023 年度\x02"
	    "法治政府建设情况的报告(\x01" "2023 年度\x02)");
	free(t);
	s = snip("", miss, 1);
	assert_string_equal(s, "");
	free(s);
}

/* The migration's SQL (SCHEMA_REPORT_FOLD) folds as text_fold does:
 * every character of the table, with text around, on SQLite (the web
 * tests search what it folds on PostgreSQL too). */
static void
test_sql(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_puts(&b, "贵阳市 Nán明区");
	for (size_t i = 0; i < sizeof utf / sizeof utf[0]; i++) {
		buf_puts(&b, utf[i]);
		buf_puts(&b, "法");
	}
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE report_fts(rowid "
	    "INTEGER PRIMARY KEY, title TEXT, body TEXT)", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO report_fts "
	    "VALUES (7, ?1, ?1)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, b.data, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	char *err = NULL;
	sqlite3_exec(db, SCHEMA_REPORT_FOLD("CREATE TABLE report_fold(rowid "
	    "INTEGER PRIMARY KEY, title TEXT, body TEXT);"), NULL, NULL, &err);
	assert_null(err);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid, title, body "
	    "FROM report_fold", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 7);
	const char *want = fold(b.data);
	assert_string_equal((const char *)sqlite3_column_text(st, 1), want);
	assert_string_equal((const char *)sqlite3_column_text(st, 2), want);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_sql),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
