/*
 * Unit tests of the domain layer's base: entity tables (base/entity:
 * entity_json, entity_from_json, entity_from_form), faults as values
 * (base/fault), the year and Beijing-time helpers (base/date) and an
 * entity's row bound and read back by its table (store_bind_entity,
 * store_read_entity) on an in-memory SQLite database.
 *
 * The entity here is made up for the test ("thing"): one field of every
 * attr type and flag, so a change to how one type is checked, encoded or
 * stored shows here before it shows in every entity using it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/entity.h"
#include "base/fault.h"
#include "store/db.h"
#include "store/store-int.h"

struct thing {
	int64_t key;
	const char *id, *kind, *on, *title;
	int year, count;
	long size;
	int64_t big;
	int flag;
	const char *made;
};

static const char *const KINDS[] = { "hearing", "lecture", NULL };

#define M(m) offsetof(struct thing, m)
static const struct attr THING[] = {
	{ "key", "key", "键", ATTR_INT64, ATTR_HIDE, 0, 0, NULL, M(key) },
	{ "id", "id", "编号", ATTR_TEXT, ATTR_IN | ATTR_REQ | ATTR_ADD, 0, 8,
		NULL, M(id) },
	{ "kind", "kind", "类别", ATTR_ENUM, ATTR_IN | ATTR_ADD, 0, 0, KINDS,
		M(kind) },
	{ "on", "on_day", "日期", ATTR_DATE, ATTR_IN | ATTR_ADD, 0, 0, NULL,
		M(on) },
	{ "title", "title", "标题", ATTR_TEXT, ATTR_IN | ATTR_ADD, 0, 0, NULL,
		M(title) },
	{ "year", "year", "年度", ATTR_YEAR, ATTR_IN | ATTR_ADD, 0, 0, NULL,
		M(year) },
	{ "count", "count", "次数", ATTR_INT, ATTR_IN | ATTR_ADD | ATTR_ZERO,
		0, 10, NULL, M(count) },
	{ "size", "size", "大小", ATTR_LONG, ATTR_IN | ATTR_ADD, 0, 0, NULL,
		M(size) },
	{ "big", "big", "大数", ATTR_INT64, ATTR_IN | ATTR_ADD, 0, 0, NULL,
		M(big) },
	{ "flag", "flag", "标记", ATTR_BOOL, ATTR_IN | ATTR_ADD, 0, 0, NULL,
		M(flag) },
	{ "made", "made", "创建时间", ATTR_STAMP, ATTR_ADD, 0, 0, NULL,
		M(made) },
};
#undef M
static const struct entity THING_E = ENTITY("thing", THING);

/* Decodes the JSON text body into *t with a fresh fault; returns the
 * result of entity_from_json. */
static int
decode(const char *body, struct thing *t, struct arena *a, struct fault *f)
{
	json_error_t jerr;
	json_t *in = json_loads(body, 0, &jerr);
	if (in == NULL)
		fail_msg("bad test JSON %s: %s", body, jerr.text);
	*f = (struct fault){ 0 };
	int rc = entity_from_json(&THING_E, in, t, a, f);
	json_decref(in);
	return rc;
}

/* The field's title names its label and says why (the reason's
 * English part, which a program may read); the Chinese wording around
 * it is the entity code's to choose. */
static void
says(const char *title, const char *field, const char *why)
{
	const char *label = entity_attr(&THING_E, field)->label;
	if (strstr(title, label) == NULL || strstr(title, why) == NULL)
		fail_msg("'%s' does not name %s and say %s", title, label, why);
}

/* The body is refused naming field, saying why; nothing listed. */
static void
refused(const char *body, const char *field, const char *why)
{
	struct arena *a = arena_create();
	struct thing t = { 0 };
	struct fault f;
	if (decode(body, &t, a, &f) != -1)
		fail_msg("taken: %s", body);
	assert_int_equal(f.status, 400);
	assert_string_equal(f.field, field);
	says(f.title, field, why);
	assert_null(f.errors);
	arena_free(a);
}

static void
test_json(void **state)
{
	(void)state;
	struct thing t = { .key = 7, .id = "t-1", .kind = "hearing",
		.on = "2025-03-10", .title = NULL, .year = 2025, .count = 0,
		.size = 0, .big = 5000000000LL, .flag = 0,
		.made = "2025-03-10T08:00:00Z" };
	json_t *o = entity_json(&THING_E, &t);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	/* Table order; the hidden key left out; a NULL text and a 0 without
	 * ATTR_ZERO null; a 0 with it 0; a boolean false. */
	assert_string_equal(s, "{\"id\":\"t-1\",\"kind\":\"hearing\","
	    "\"on\":\"2025-03-10\",\"title\":null,\"year\":2025,\"count\":0,"
	    "\"size\":null,\"big\":5000000000,\"flag\":false,"
	    "\"made\":\"2025-03-10T08:00:00Z\"}");
	free(s);
	json_decref(o);

	t.flag = 1;
	t.size = -3;
	o = entity_json(&THING_E, &t);
	assert_true(json_is_true(json_object_get(o, "flag")));
	assert_int_equal(json_integer_value(json_object_get(o, "size")), -3);
	json_decref(o);

	assert_ptr_equal(entity_attr(&THING_E, "year"), &THING[5]);
	assert_null(entity_attr(&THING_E, "on_day")); /* a column, not a name */
}

static void
test_from_json_takes(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct thing t = { .title = "kept", .year = 2020, .size = 9,
		.made = "2025-01-01T00:00:00Z" };
	struct fault f;
	/* Numbers as JSON numbers or as their digits; booleans as JSON
	 * booleans. A member not given, given as null or as "" stays as it
	 * was; one that is not ATTR_IN (made) is not taken. */
	assert_int_equal(decode("{\"id\": \"t-12345\", \"kind\": \"lecture\","
	    " \"on\": \"2024-02-29\", \"title\": \"\", \"year\": null,"
	    " \"count\": \"10\", \"big\": 5000000000, \"flag\": true,"
	    " \"made\": \"2030-01-01T00:00:00Z\", \"other\": 1}", &t, a, &f), 0);
	assert_int_equal(f.status, 0);
	assert_string_equal(t.id, "t-12345");
	assert_string_equal(t.kind, "lecture");
	assert_string_equal(t.on, "2024-02-29");
	assert_string_equal(t.title, "kept");
	assert_int_equal(t.year, 2020);
	assert_int_equal(t.count, 10);
	assert_int_equal(t.size, 9);
	assert_true(t.big == 5000000000LL);
	assert_int_equal(t.flag, 1);
	assert_string_equal(t.made, "2025-01-01T00:00:00Z");

	/* The limits themselves are taken. */
	assert_int_equal(decode("{\"id\": \"12345678\", \"year\": 1900,"
	    " \"count\": 0, \"flag\": false}", &t, a, &f), 0);
	assert_int_equal(t.year, 1900);
	assert_int_equal(t.count, 0);
	assert_int_equal(t.flag, 0);
	assert_int_equal(decode("{\"id\": \"x\", \"year\": \"2200\","
	    " \"size\": -2147483649}", &t, a, &f), 0);
	assert_int_equal(t.year, 2200);
	assert_true(t.size == -2147483649L);
	arena_free(a);
}

static void
test_from_json_refuses(void **state)
{
	(void)state;
	/* Required: absent, null or "". */
	refused("{}", "id", "(required)");
	refused("{\"id\": null}", "id", "(required)");
	refused("{\"id\": \"\"}", "id", "(required)");
	/* Too long: 9 bytes of 8; a text without max has 4000. */
	refused("{\"id\": \"123456789\"}", "id", "(too long)");
	refused("{\"id\": \"编号三\"}", "id", "(too long)");
	char *body = malloc(ATTR_TEXT_MAX + 64);
	snprintf(body, ATTR_TEXT_MAX + 64, "{\"id\": \"x\", \"title\": \"%0*d\"}",
	    ATTR_TEXT_MAX + 1, 0);
	refused(body, "title", "(too long)");
	snprintf(body, ATTR_TEXT_MAX + 64, "{\"id\": \"x\", \"title\": \"%0*d\"}",
	    ATTR_TEXT_MAX, 0);
	struct arena *a = arena_create();
	struct thing t = { 0 };
	struct fault f;
	assert_int_equal(decode(body, &t, a, &f), 0);
	assert_int_equal(strlen(t.title), ATTR_TEXT_MAX);
	free(body);
	/* Wrong JSON types. */
	refused("{\"id\": 5}", "id", "(not a string)");
	refused("{\"id\": \"x\", \"title\": [\"a\"]}", "title",
	    "(not a string)");
	refused("{\"id\": \"x\", \"count\": true}", "count",
	    "(not an integer)");
	refused("{\"id\": \"x\", \"count\": 1.5}", "count",
	    "(not an integer)");
	refused("{\"id\": \"x\", \"count\": \"3a\"}", "count",
	    "(not an integer)");
	refused("{\"id\": \"x\", \"flag\": 1}", "flag",
	    "(not a boolean)");
	refused("{\"id\": \"x\", \"flag\": \"yes\"}", "flag",
	    "(not a boolean)");
	/* Dates: real calendar days, YYYY-MM-DD only. */
	refused("{\"id\": \"x\", \"on\": \"2025-02-29\"}", "on",
	    "(invalid date)");
	refused("{\"id\": \"x\", \"on\": \"2025/03/01\"}", "on",
	    "(invalid date)");
	/* Enumerations. */
	refused("{\"id\": \"x\", \"kind\": \"Hearing\"}", "kind",
	    "(not one of the allowed values)");
	/* Years: 1900 to 2200, digits only. */
	refused("{\"id\": \"x\", \"year\": 1899}", "year",
	    "(invalid year)");
	refused("{\"id\": \"x\", \"year\": 2201}", "year",
	    "(invalid year)");
	refused("{\"id\": \"x\", \"year\": \"20x5\"}", "year",
	    "(invalid year)");
	/* Integer ranges: the table's, and an int's own. */
	refused("{\"id\": \"x\", \"count\": 11}", "count",
	    "(out of range)");
	refused("{\"id\": \"x\", \"count\": -1}", "count",
	    "(out of range)");
	refused("{\"id\": \"x\", \"count\": 99999999999}", "count",
	    "(out of range)");
	refused("{\"id\": \"x\", \"big\": \"99999999999999999999\"}", "big",
	    "(not an integer)");

	/* The first fault in table order is the one told; its detail is the
	 * value at fault, the body's own text (valid while the body is). */
	t = (struct thing){ 0 };
	f = (struct fault){ 0 };
	json_t *in = json_pack("{s:s, s:i, s:s}", "id", "x", "year", 3000,
	    "kind", "other");
	assert_int_equal(entity_from_json(&THING_E, in, &t, a, &f), -1);
	assert_string_equal(f.field, "kind");
	assert_string_equal(f.detail, "other");
	json_decref(in);
	arena_free(a);
}

/* A form as name=value pairs, NULL-terminated. */
static const char *
form_get(void *ctx, const char *name)
{
	const char *const *kv = ctx;
	for (; kv[0] != NULL; kv += 2)
		if (strcmp(kv[0], name) == 0)
			return kv[1];
	return NULL;
}

static void
test_from_form(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct thing t = { .title = "kept" };
	struct fault f = { 0 };
	/* Every field is checked and each fault listed, in table order;
	 * the first one is the fault's own. */
	const char *bad[] = { "id", "", "kind", "x", "on", "2025-13-01",
		"title", "", "year", "1800", "count", "12", "size", "3",
		"flag", "maybe", NULL };
	assert_int_equal(entity_from_form(&THING_E, form_get, bad, &t, a, &f),
	    -1);
	assert_int_equal(f.status, 400);
	assert_string_equal(f.field, "id");
	says(f.title, "id", "(required)");
	static const char *const want[][2] = { { "id", "(required)" },
		{ "kind", "(not one of the allowed values)" },
		{ "on", "(invalid date)" }, { "year", "(invalid year)" },
		{ "count", "(out of range)" }, { "flag", "(not a boolean)" } };
	size_t n = sizeof want / sizeof *want;
	assert_int_equal(json_array_size(f.errors), n);
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(f.errors, i);
		assert_int_equal(json_object_size(e), 2);
		assert_string_equal(json_string_value(json_object_get(e,
		    "field")), want[i][0]);
		says(json_string_value(json_object_get(e, "reason")), want[i][0],
		    want[i][1]);
	}
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(f.errors, 0), "reason")), f.title);
	/* What was valid was taken; an empty field left the member. */
	assert_int_equal(t.size, 3);
	assert_string_equal(t.title, "kept");
	fault_clear(&f);

	/* A good form: no fault, every value taken ("on" is a checkbox's). */
	const char *good[] = { "id", "f-1", "kind", "hearing", "on",
		"2025-03-10", "year", "2025", "count", "0", "flag", "on",
		"made", "2030-01-01T00:00:00Z", NULL };
	t = (struct thing){ 0 };
	assert_int_equal(entity_from_form(&THING_E, form_get, good, &t, a, &f),
	    0);
	assert_int_equal(f.status, 0);
	assert_null(f.errors);
	assert_string_equal(t.id, "f-1");
	assert_string_equal(t.on, "2025-03-10");
	assert_int_equal(t.year, 2025);
	assert_int_equal(t.flag, 1);
	assert_null(t.made);
	arena_free(a);
}

static void
test_fault(void **state)
{
	(void)state;
	struct fault f = { 0 };
	assert_int_equal(fault_set(&f, 404, "没有该记录 (not found)", "r-1",
	    NULL), -1);
	assert_int_equal(f.status, 404);
	assert_string_equal(f.title, "没有该记录 (not found)");
	assert_string_equal(f.detail, "r-1");
	assert_null(f.field);
	assert_null(f.errors);
	fault_clear(&f);
	assert_int_equal(f.status, 0);
	assert_null(f.title);
	assert_null(f.detail);

	/* The first field error makes an empty fault a 400 about it; later
	 * ones only join the list. */
	fault_add(&f, "title", "请填写标题 (required)");
	fault_add(&f, "date", "日期无效");
	assert_int_equal(f.status, 400);
	assert_string_equal(f.field, "title");
	assert_string_equal(f.title, "请填写标题 (required)");
	assert_int_equal(json_array_size(f.errors), 2);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(f.errors, 1), "field")), "date");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(f.errors, 1), "reason")), "日期无效");
	fault_clear(&f);
	assert_null(f.errors);
	assert_int_equal(f.status, 0);

	/* A fault already set keeps its status and title. */
	fault_set(&f, 409, "状态不允许 (conflict)", NULL, "state");
	fault_add(&f, "note", "请填写说明");
	assert_int_equal(f.status, 409);
	assert_string_equal(f.title, "状态不允许 (conflict)");
	assert_string_equal(f.field, "state");
	assert_int_equal(json_array_size(f.errors), 1);
	fault_clear(&f);
	/* Clearing an empty fault is harmless. */
	fault_clear(&f);
	assert_null(f.errors);
}

static void
test_year(void **state)
{
	(void)state;
	int y = -1;
	assert_int_equal(date_parse_year("2025", &y), 0);
	assert_int_equal(y, 2025);
	assert_int_equal(date_parse_year("1900", &y), 0);
	assert_int_equal(y, 1900);
	assert_int_equal(date_parse_year("2200", &y), 0);
	assert_int_equal(y, 2200);
	static const char *const bad[] = { "", "1899", "2201", "20x5", "2025 ",
		"2025.0", "year", "99999999999999999999" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		y = 7;
		if (date_parse_year(bad[i], &y) != -1)
			fail_msg("date_parse_year took '%s'", bad[i]);
		assert_int_equal(y, 7); /* untouched */
	}
}

static void
test_beijing(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	/* UTC+8 without summer time, whatever the machine's zone. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	assert_string_equal(date_beijing(a, "2025-03-10T08:30:00Z"),
	    "2025年3月10日 16:30");
	assert_string_equal(date_beijing(a, "2025-07-01T16:00:59Z"),
	    "2025年7月2日 00:00");
	assert_string_equal(date_beijing(a, "2025-12-31T16:00:00Z"),
	    "2026年1月1日 00:00");
	assert_string_equal(date_beijing(a, "2024-02-28T20:00:00Z"),
	    "2024年2月29日 04:00");
	assert_null(date_beijing(a, NULL));
	/* Another form is given back as it is (the same text). */
	const char *other = "2025-03-10";
	assert_ptr_equal(date_beijing(a, other), other);
	other = "昨天";
	assert_ptr_equal(date_beijing(a, other), other);

	struct tm tm;
	assert_int_equal(date_stamp_beijing("2025-12-31T23:59:59Z", &tm), 0);
	assert_int_equal(tm.tm_year + 1900, 2026);
	assert_int_equal(tm.tm_mon + 1, 1);
	assert_int_equal(tm.tm_mday, 1);
	assert_int_equal(tm.tm_hour, 7);
	assert_int_equal(tm.tm_min, 59);
	assert_int_equal(tm.tm_sec, 59);
	assert_int_equal(date_stamp_beijing(NULL, &tm), -1);
	assert_int_equal(date_stamp_beijing("2025-12-31", &tm), -1);
	unsetenv("TZ");
	tzset();
	arena_free(a);
}

static const char CREATE[] =
    "CREATE TABLE thing (key INTEGER PRIMARY KEY, id TEXT NOT NULL, "
    "kind TEXT, on_day TEXT, title TEXT, year INTEGER, count INTEGER, "
    "size INTEGER, big INTEGER, flag INTEGER NOT NULL, made TEXT)";
static const char INSERT[] =
    "INSERT INTO thing (id, kind, on_day, title, year, count, size, big, "
    "flag, made) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char SELECT[] =
    "SELECT key, id, kind, on_day, title, year, count, size, big, flag, "
    "made, year IS NULL, count IS NULL, size IS NULL, title IS NULL "
    "FROM thing WHERE id = ?1";

/* Inserts t, reads it back into *out (texts copied into a); the last
 * four columns' NULL tests into nulls. */
static void
round_trip(struct db *db, const struct thing *t, struct thing *out,
    int nulls[4], struct arena *a)
{
	struct db_stmt *ins = db_prepare(db, INSERT);
	assert_non_null(ins);
	assert_int_equal(store_bind_entity(ins, 1, &THING_E, t), 11);
	assert_int_equal(db_step(ins), DB_DONE);
	db_finalize(ins);

	struct db_stmt *sel = db_prepare(db, SELECT);
	assert_non_null(sel);
	db_bind_text(sel, 1, t->id);
	assert_int_equal(db_step(sel), DB_ROW);
	*out = (struct thing){ 0 };
	assert_int_equal(store_read_entity(sel, 0, &THING_E, out), 11);
	const char **texts[] = { &out->id, &out->kind, &out->on, &out->title,
		&out->made };
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (*texts[i] != NULL)
			*texts[i] = arena_strdup(a, *texts[i]);
	for (int i = 0; i < 4; i++)
		nulls[i] = db_col_int(sel, 11 + i);
	assert_int_equal(db_step(sel), DB_DONE);
	db_finalize(sel);
}

static void
test_store_round_trip(void **state)
{
	(void)state;
	char err[256];
	struct db *db = db_open(":memory:", 1, err, sizeof err);
	if (db == NULL)
		fail_msg("db_open: %s", err);
	assert_int_equal(db_exec(db, CREATE), 0);
	struct arena *a = arena_create();
	int nulls[4];

	/* Every member set: what is read is what was bound; the key is the
	 * row's own (not ATTR_ADD, so not bound). */
	struct thing t = { .key = 99, .id = "t-1", .kind = "lecture",
		.on = "2025-03-10", .title = "标题", .year = 2025, .count = 3,
		.size = 1L << 40, .big = -5000000000LL, .flag = 1,
		.made = "2025-03-10T08:00:00Z" }, back;
	round_trip(db, &t, &back, nulls, a);
	assert_true(back.key == 1);
	assert_string_equal(back.id, t.id);
	assert_string_equal(back.kind, t.kind);
	assert_string_equal(back.on, t.on);
	assert_string_equal(back.title, t.title);
	assert_int_equal(back.year, t.year);
	assert_int_equal(back.count, t.count);
	assert_true(back.size == t.size);
	assert_true(back.big == t.big);
	assert_int_equal(back.flag, 1);
	assert_string_equal(back.made, t.made);
	assert_int_equal(nulls[0] + nulls[1] + nulls[2] + nulls[3], 0);

	/* NULL texts and 0 numbers are stored as NULL, except a number with
	 * ATTR_ZERO (count) and a boolean (flag), stored as 0; all read back
	 * as NULL and 0. */
	t = (struct thing){ .id = "t-2" };
	round_trip(db, &t, &back, nulls, a);
	assert_true(back.key == 2);
	assert_string_equal(back.id, "t-2");
	assert_null(back.kind);
	assert_null(back.on);
	assert_null(back.title);
	assert_null(back.made);
	assert_int_equal(back.year, 0);
	assert_int_equal(back.count, 0);
	assert_true(back.size == 0 && back.big == 0);
	assert_int_equal(back.flag, 0);
	assert_int_equal(nulls[0], 1); /* year */
	assert_int_equal(nulls[1], 0); /* count: ATTR_ZERO */
	assert_int_equal(nulls[2], 1); /* size */
	assert_int_equal(nulls[3], 1); /* title */

	/* And what is read encodes as what was given. */
	json_t *o = entity_json(&THING_E, &back);
	assert_true(json_is_null(json_object_get(o, "year")));
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 0);
	assert_null(json_object_get(o, "key"));
	json_decref(o);

	arena_free(a);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_from_json_takes),
		cmocka_unit_test(test_from_json_refuses),
		cmocka_unit_test(test_from_form),
		cmocka_unit_test(test_fault),
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_beijing),
		cmocka_unit_test(test_store_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
