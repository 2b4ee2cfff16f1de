/*
 * Unit tests of the JSON Lines import (import/import.c, import-line.c)
 * against a real SQLite store in a temporary directory and the shipped
 * catalog: counts of a good file, idempotent re-import, audited updates,
 * atomic failure of a file with bad lines (each reported as FILE:LINE:
 * FIELD: reason, nothing written), forward references, the typical
 * rejections (unknown organ, score of a measured duty, overlong line), an
 * audit chain that still verifies afterwards, and a first load (into a
 * database without records: its own write path) ending as any other.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "import/import.h"
#include "store/schema-sqlite.h"

#define SHIPPED "rules/guizhou-2020.md"

static struct catalog *cat;

struct fixture {
	char dir[64];
	char path[128];
	struct store *s;
};

/* What an import reported. */
struct run {
	enum import_result rc;
	struct import_stats st;
	long count; /* diagnostics */
	char *text; /* diagnostics as printed */
};

static int
group_setup(void **state)
{
	(void)state;
	if (access(SHIPPED, R_OK) != 0) {
		fprintf(stderr, "%s not found: run from the repository root\n",
		    SHIPPED);
		return -1;
	}
	struct diag d;
	diag_init(&d, stderr);
	cat = catalog_load(SHIPPED, &d);
	return cat == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/lvzhi-test-import-XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	char err[512];
	f->s = store_open(f->path, 1, err, sizeof err);
	if (f->s == NULL) {
		fprintf(stderr, "store_open: %s\n", err);
		rmdir(f->dir);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm",
		"u.db", "u.db-wal", "u.db-shm" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s/%s", f->dir, files[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Imports len bytes of text as file `name`. */
static struct run
import_n(struct fixture *f, const char *name, const char *text, size_t len)
{
	struct run r = { 0 };
	size_t n = 0;
	FILE *out = open_memstream(&r.text, &n);
	FILE *in = fmemopen((void *)text, len, "r");
	assert_non_null(out);
	assert_non_null(in);
	struct diag d;
	diag_init(&d, out);
	r.rc = import_stream(f->s, cat, in, name, "tester", &d, &r.st);
	fclose(in);
	fclose(out);
	r.count = d.count;
	return r;
}

static struct run
import(struct fixture *f, const char *name, const char *text)
{
	return import_n(f, name, text, strlen(text));
}

/* Expects an import to succeed without diagnostics. */
static struct run
import_ok(struct fixture *f, const char *name, const char *text)
{
	struct run r = import(f, name, text);
	if (r.rc != IMPORT_OK || r.count != 0) {
		print_error("import of %s: result %d, %ld diagnostics:\n%s",
		    name, r.rc, r.count, r.text);
		free(r.text);
		fail();
	}
	free(r.text);
	r.text = NULL;
	return r;
}

/*
 * Expects IMPORT_BAD, nothing counted as written, and one diagnostic per
 * entry of want (NULL-terminated), in order, each starting with it (a
 * full line ending in a newline must match exactly).
 */
static void
import_bad(struct fixture *f, const char *name, const char *text,
    const char *const *want)
{
	struct run r = import(f, name, text);
	long n = 0;
	int ok = r.rc == IMPORT_BAD && r.st.inserted == 0 &&
	    r.st.updated == 0;
	const char *p = r.text;
	for (; want[n] != NULL; n++) {
		if (ok && strncmp(p, want[n], strlen(want[n])) != 0)
			ok = 0;
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : p + strlen(p);
	}
	ok = ok && *p == '\0' && r.count == n;
	if (!ok) {
		print_error("import of %s: result %d (want %d), %ld diagnostics "
		    "(want %ld), inserted %ld:\n%swant:\n", name, r.rc,
		    IMPORT_BAD, r.count, n, r.st.inserted, r.text);
		for (long i = 0; i < n; i++)
			print_error("%s%s", want[i],
			    want[i][strlen(want[i]) - 1] == '\n' ? "" : "...\n");
	}
	free(r.text);
	if (!ok)
		fail();
}

#define WANT(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* ---- counting what the store holds ---- */

static int
count_cb(void *ctx)
{
	(*(long *)ctx)++;
	return 0;
}
static int
region_cb(void *ctx, const struct store_region *x)
{
	(void)x;
	return count_cb(ctx);
}
static int
organ_cb(void *ctx, const struct store_organ *x)
{
	(void)x;
	return count_cb(ctx);
}
static int
person_cb(void *ctx, const struct store_person *x)
{
	(void)x;
	return count_cb(ctx);
}
static int
record_cb(void *ctx, const struct store_record *x)
{
	(void)x;
	return count_cb(ctx);
}

struct audits {
	long n, updates, imports;
	char last_action[64], last_entity[256], update_entity[256];
};

static int
audit_cb(void *ctx, const struct store_audit *a)
{
	struct audits *x = ctx;
	x->n++;
	if (strcmp(a->action, "import.update") == 0) {
		x->updates++;
		snprintf(x->update_entity, sizeof x->update_entity, "%s",
		    a->entity);
	}
	if (strcmp(a->action, "import") == 0)
		x->imports++;
	snprintf(x->last_action, sizeof x->last_action, "%s", a->action);
	snprintf(x->last_entity, sizeof x->last_entity, "%s", a->entity);
	return 0;
}

struct counts {
	long regions, organs, persons, records;
	struct audits audit;
};

static struct counts
counts(struct fixture *f)
{
	struct counts c = { 0 };
	assert_int_equal(store_each_region(f->s, region_cb, &c.regions), 0);
	assert_int_equal(store_each_organ(f->s, organ_cb, &c.organs), 0);
	assert_int_equal(store_each_person(f->s, person_cb, &c.persons), 0);
	assert_int_equal(store_each_record(f->s, date_from_ymd(1900, 1, 1),
	    date_from_ymd(2200, 12, 31), NULL, record_cb, &c.records), 0);
	assert_int_equal(store_each_audit(f->s, audit_cb, &c.audit), 0);
	return c;
}

static void
assert_same_counts(const struct counts *a, const struct counts *b)
{
	assert_int_equal(a->regions, b->regions);
	assert_int_equal(a->organs, b->organs);
	assert_int_equal(a->persons, b->persons);
	assert_int_equal(a->records, b->records);
	assert_int_equal(a->audit.n, b->audit.n);
}

static void
assert_chain_verifies(struct fixture *f, long entries)
{
	int64_t n = -1, bad = -1;
	char why[256] = "";
	int rc = audit_verify(f->s, &n, &bad, why, sizeof why);
	if (rc != 0)
		fail_msg("audit chain broken at %lld: %s", (long long)bad, why);
	assert_int_equal(n, entries);
}

/* ---- the data ---- */

#define L_PROVINCE "{\"type\":\"region\",\"code\":\"520000\",\"name\":" \
	"\"贵州省\",\"level\":\"province\",\"parent\":null}\n"
#define L_CITY "{\"type\":\"region\",\"code\":\"520100\",\"name\":" \
	"\"贵阳市\",\"level\":\"prefecture\",\"parent\":\"520000\"}\n"
#define L_PARTY "{\"type\":\"organ\",\"id\":\"520100-party\",\"region\":" \
	"\"520100\",\"kind\":\"party_committee\",\"name\":\"中共贵阳市委员会\"}\n"
#define L_GOV "{\"type\":\"organ\",\"id\":\"520100-gov\",\"region\":" \
	"\"520100\",\"kind\":\"government\",\"name\":\"贵阳市人民政府\"}\n"
#define L_PERSON "{\"type\":\"person\",\"id\":\"p-0001\",\"name\":" \
	"\"示例甲\"}\n"
#define L_TENURE "{\"type\":\"tenure\",\"id\":\"t-0001\",\"person\":" \
	"\"p-0001\",\"organ\":\"520100-party\",\"role\":\"principal\"," \
	"\"start\":\"2023-06-01\",\"end\":null}\n"
#define L_HEARING "{\"type\":\"record\",\"id\":\"r-0001\",\"kind\":" \
	"\"rol_report_hearing\",\"organ\":\"520100-party\",\"date\":" \
	"\"2025-03-10\",\"title\":\"市委常委会听取全市法治建设工作汇报\"}\n"
#define L_REPORT "{\"type\":\"record\",\"id\":\"r-0002\",\"kind\":" \
	"\"rol_gov_annual_report\",\"organ\":\"520100-gov\",\"date\":" \
	"\"2025-03-10\",\"about_year\":2024,\"recipients\":" \
	"[\"party_committee\",\"npc_standing_committee\"]," \
	"\"published_on\":\"2025-03-20\"}\n"
#define L_SCORE "{\"type\":\"score\",\"person\":\"p-0001\",\"year\":2025," \
	"\"duty\":\"5.1-leadership\",\"score\":80,\"by\":\"评议组\"}\n"

#define BASE L_PROVINCE L_CITY L_PARTY L_GOV L_PERSON L_TENURE L_HEARING \
	L_REPORT L_SCORE

/* ---- tests ---- */

static void
test_good_file(void **state)
{
	struct fixture *f = *state;
	struct run r = import_ok(f, "base.jsonl", BASE "\n");
	assert_int_equal(r.st.lines, 10); /* the blank line is counted */
	assert_int_equal(r.st.inserted, 9);
	assert_int_equal(r.st.updated, 0);
	assert_int_equal(r.st.unchanged, 0);
	assert_int_equal(r.st.bad, 0);
	struct counts c = counts(f);
	assert_int_equal(c.regions, 2);
	assert_int_equal(c.organs, 2);
	assert_int_equal(c.persons, 1);
	assert_int_equal(c.records, 2);
	/* Inserts are audited once for the file. */
	assert_int_equal(c.audit.n, 1);
	assert_string_equal(c.audit.last_action, "import");
	assert_string_equal(c.audit.last_entity, "file:base.jsonl");
	assert_chain_verifies(f, 1);
}

static void
test_reimport_unchanged(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
	struct counts before = counts(f);
	struct run r = import_ok(f, "again.jsonl", BASE);
	assert_int_equal(r.st.inserted, 0);
	assert_int_equal(r.st.updated, 0);
	assert_int_equal(r.st.unchanged, 9);
	struct counts after = counts(f);
	assert_same_counts(&before, &after);
	assert_int_equal(after.audit.n, 1);

	/* Absent and null, and an explicit default status, are the same
	 * content. */
	r = import_ok(f, "same.jsonl",
	    "{\"type\":\"tenure\",\"id\":\"t-0001\",\"person\":\"p-0001\","
	    "\"organ\":\"520100-party\",\"role\":\"principal\","
	    "\"start\":\"2023-06-01\"}\n"
	    "{\"title\":\"市委常委会听取全市法治建设工作汇报\",\"type\":\"record\","
	    "\"id\":\"r-0001\",\"kind\":\"rol_report_hearing\","
	    "\"organ\":\"520100-party\",\"date\":\"2025-03-10\","
	    "\"status\":\"submitted\",\"person\":null}\n");
	assert_int_equal(r.st.unchanged, 2);
	assert_int_equal(r.st.updated, 0);
	after = counts(f);
	assert_int_equal(after.audit.n, 1);
}

static void
test_update_audited(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
	struct counts before = counts(f);
	struct run r = import_ok(f, "change.jsonl",
	    L_PROVINCE L_CITY
	    "{\"type\":\"record\",\"id\":\"r-0001\",\"kind\":"
	    "\"rol_report_hearing\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-03-10\",\"title\":\"第一次汇报(更正)\"}\n");
	assert_int_equal(r.st.updated, 1);
	assert_int_equal(r.st.unchanged, 2);
	assert_int_equal(r.st.inserted, 0);
	struct counts after = counts(f);
	assert_int_equal(after.records, before.records);
	assert_int_equal(after.audit.updates, before.audit.updates + 1);
	assert_string_equal(after.audit.update_entity, "record:r-0001");
	/* and the file's own entry */
	assert_int_equal(after.audit.n, before.audit.n + 2);
	assert_chain_verifies(f, after.audit.n);

	/* Changing a rejected status back is an update too. */
	r = import_ok(f, "reject.jsonl",
	    "{\"type\":\"record\",\"id\":\"r-0001\",\"kind\":"
	    "\"rol_report_hearing\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-03-10\",\"title\":\"第一次汇报(更正)\","
	    "\"status\":\"rejected\"}\n");
	assert_int_equal(r.st.updated, 1);
	struct counts rejected = counts(f);
	/* Rejected records are not among those evaluations read. */
	assert_int_equal(rejected.records, after.records - 1);
	assert_int_equal(rejected.audit.updates, after.audit.updates + 1);
	assert_chain_verifies(f, rejected.audit.n);
}

static void
test_bad_lines_write_nothing(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
	struct counts before = counts(f);
	import_bad(f, "bad.jsonl",
	    /* 1: good, a new record */
	    "{\"type\":\"record\",\"id\":\"r-0010\",\"kind\":"
	    "\"rol_lecture\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-04-10\"}\n"
	    /* 2: an impossible date */
	    "{\"type\":\"record\",\"id\":\"r-0011\",\"kind\":"
	    "\"rol_lecture\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-02-30\"}\n"
	    /* 3: good, a new organ */
	    "{\"type\":\"organ\",\"id\":\"520100-justice\",\"region\":"
	    "\"520100\",\"kind\":\"department\",\"name\":\"贵阳市司法局\","
	    "\"parent_organ\":\"520100-gov\"}\n"
	    /* 4: a field the kind does not have */
	    "{\"type\":\"record\",\"id\":\"r-0012\",\"kind\":"
	    "\"rol_lecture\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-04-11\",\"speaker\":\"某教授\"}\n"
	    /* 5: not JSON */
	    "{\"type\":\"person\",\"id\":\n"
	    /* 6: an existing record changed: not written either */
	    "{\"type\":\"record\",\"id\":\"r-0001\",\"kind\":"
	    "\"rol_report_hearing\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-03-11\"}\n"
	    /* 7: a set value the kind does not allow */
	    "{\"type\":\"record\",\"id\":\"r-0013\",\"kind\":"
	    "\"rol_gov_annual_report\",\"organ\":\"520100-gov\",\"date\":"
	    "\"2025-03-10\",\"about_year\":2024,\"recipients\":[\"cppcc\"]}\n",
	    WANT("lvzhi: bad.jsonl:2: date: not a valid date (YYYY-MM-DD): "
	    "2025-02-30\n",
	    "lvzhi: bad.jsonl:4: speaker: not a field of a 'rol_lecture' "
	    "record\n",
	    "lvzhi: bad.jsonl:5: json: invalid JSON at column ",
	    "lvzhi: bad.jsonl:7: recipients: item 1 is not one of the allowed "
	    "values, or repeats one\n"));
	struct counts after = counts(f);
	assert_same_counts(&before, &after);
	/* The changed record kept its old date. */
	assert_int_equal(store_each_record(f->s, date_from_ymd(2025, 3, 11),
	    date_from_ymd(2025, 3, 11), NULL, record_cb, &after.records), 0);
	assert_int_equal(after.records, before.records);
	assert_chain_verifies(f, before.audit.n);
}

static void
test_bad_line_stats(void **state)
{
	struct fixture *f = *state;
	struct run r = import(f, "stats.jsonl", L_PROVINCE
	    "{\"type\":\"person\",\"id\":\"p-1\"}\n"
	    "{\"type\":\"planet\",\"id\":\"x\"}\n"
	    "[1,2]\n"
	    "{\"id\":\"x\"}\n");
	assert_int_equal(r.rc, IMPORT_BAD);
	assert_int_equal(r.st.lines, 5);
	assert_int_equal(r.st.bad, 4);
	assert_int_equal(r.st.inserted, 0);
	assert_string_equal(r.text,
	    "lvzhi: stats.jsonl:2: name: required\n"
	    "lvzhi: stats.jsonl:3: type: unknown type 'planet' (region, organ, "
	    "person, tenure, record, score)\n"
	    "lvzhi: stats.jsonl:4: line: must be a JSON object\n"
	    "lvzhi: stats.jsonl:5: type: required\n");
	free(r.text);
	struct counts c = counts(f);
	assert_int_equal(c.regions, 0);
	assert_int_equal(c.audit.n, 0);
}

static void
test_forward_references(void **state)
{
	struct fixture *f = *state;
	/* The whole base file backwards: every reference points ahead. */
	struct run r = import_ok(f, "backwards.jsonl",
	    L_SCORE L_REPORT L_HEARING L_TENURE L_PERSON L_GOV L_PARTY L_CITY
	    L_PROVINCE);
	assert_int_equal(r.st.inserted, 9);
	struct counts c = counts(f);
	assert_int_equal(c.regions, 2);
	assert_int_equal(c.organs, 2);
	assert_int_equal(c.persons, 1);
	assert_int_equal(c.records, 2);
	/* Importing it again in order changes nothing: the same rows. */
	r = import_ok(f, "base.jsonl", BASE);
	assert_int_equal(r.st.unchanged, 9);
}

static void
test_unknown_organ(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
	struct counts before = counts(f);
	/* Reported at its own line even though unknown references are only
	 * decided at the end of the file. */
	import_bad(f, "x.jsonl",
	    "{\"type\":\"record\",\"id\":\"r-0020\",\"kind\":"
	    "\"rol_lecture\",\"organ\":\"520100-nope\",\"date\":"
	    "\"2025-04-10\"}\n"
	    L_PERSON,
	    WANT("lvzhi: x.jsonl:1: organ: unknown organ '520100-nope'\n"));
	import_bad(f, "y.jsonl",
	    "{\"type\":\"tenure\",\"id\":\"t-9\",\"person\":\"p-9\","
	    "\"organ\":\"520100-gov\",\"role\":\"principal\","
	    "\"start\":\"2024-01-01\"}\n",
	    WANT("lvzhi: y.jsonl:1: person: unknown person 'p-9'\n"));
	struct counts after = counts(f);
	assert_same_counts(&before, &after);
}

static void
test_score_of_measured_duty(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
	import_bad(f, "s.jsonl",
	    "{\"type\":\"score\",\"person\":\"p-0001\",\"year\":2025,"
	    "\"duty\":\"5.1-hearings\",\"score\":90,\"by\":\"评议组\"}\n"
	    "{\"type\":\"score\",\"person\":\"p-0001\",\"year\":2025,"
	    "\"duty\":\"5.9-nothing\",\"score\":90,\"by\":\"评议组\"}\n"
	    "{\"type\":\"score\",\"person\":\"p-0001\",\"year\":2025,"
	    "\"duty\":\"5.1-leadership\",\"score\":101,\"by\":\"评议组\"}\n",
	    WANT("lvzhi: s.jsonl:1: duty: '5.1-hearings' is measured from "
	    "records, not scored\n",
	    "lvzhi: s.jsonl:2: duty: unknown duty '5.9-nothing'\n",
	    "lvzhi: s.jsonl:3: score: must be a number from 0 to 100\n"));
}

/* Returns a line "{...title...}" of more than `size` bytes, malloc'd. */
static char *
long_line(size_t size)
{
	const char *head = "{\"type\":\"person\",\"id\":\"p-big\",\"name\":\"";
	char *s = malloc(size + 64);
	assert_non_null(s);
	size_t n = strlen(head);
	memcpy(s, head, n);
	memset(s + n, 'a', size - n);
	strcpy(s + size, "\"}");
	return s;
}

static void
test_line_too_long(void **state)
{
	struct fixture *f = *state;
	char *big = long_line((1u << 20) + 10);
	size_t len = strlen(L_PROVINCE) + strlen(big) + 1 +
	    strlen(L_PERSON) + 1;
	char *text = malloc(len);
	assert_non_null(text);
	snprintf(text, len, "%s%s\n%s", L_PROVINCE, big, L_PERSON);
	free(big);
	struct run r = import_n(f, "big.jsonl", text, strlen(text));
	free(text);
	assert_int_equal(r.rc, IMPORT_BAD);
	assert_int_equal(r.count, 1);
	/* The line after it keeps its number (3), and was fine. */
	assert_int_equal(r.st.lines, 3);
	assert_string_equal(r.text,
	    "lvzhi: big.jsonl:2: line: longer than 1048576 bytes\n");
	free(r.text);
	struct counts c = counts(f);
	assert_int_equal(c.regions, 0);
	assert_int_equal(c.persons, 0);
}

static void
test_person_required_and_crlf(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
	/* A finding must name its person. */
	import_bad(f, "finding.jsonl",
	    "{\"type\":\"record\",\"id\":\"r-0030\",\"kind\":"
	    "\"judicial_interference\",\"organ\":\"520100-party\","
	    "\"date\":\"2025-05-01\"}\n",
	    WANT("lvzhi: finding.jsonl:1: person: required\n"));
	/* CRLF line ends are accepted. */
	struct run r = import_ok(f, "crlf.jsonl",
	    "{\"type\":\"record\",\"id\":\"r-0030\",\"kind\":"
	    "\"judicial_interference\",\"organ\":\"520100-party\","
	    "\"date\":\"2025-05-01\",\"person\":\"p-0001\"}\r\n\r\n");
	assert_int_equal(r.st.inserted, 1);
	assert_int_equal(r.st.lines, 2);
}

/* A finding carries its determination: a basis of the three, with what
 * it names; who and when, where the operator gives them. Only a finding
 * kind has these fields. */
static void
test_finding_determination(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
#define FINDING(extra) "{\"type\":\"record\",\"id\":\"r-0031\",\"kind\":" \
	"\"judicial_interference\",\"organ\":\"520100-party\"," \
	"\"date\":\"2025-05-01\",\"person\":\"p-0001\"" extra "}\n"
	import_bad(f, "basis.jsonl", FINDING(",\"basis\":\"rumour\","
	    "\"basis_ref\":\"x\""), WANT("lvzhi: basis.jsonl:1: basis: "
	    "'rumour' is not one of: inspection, case, report\n"));
	import_bad(f, "ref.jsonl", FINDING(",\"basis\":\"case\""),
	    WANT("lvzhi: ref.jsonl:1: basis_ref: required with a basis (the "
	    "inspection's or the case's id, or what the report says)\n"));
	import_bad(f, "on.jsonl", FINDING(",\"determined_on\":\"2025-13-01\""),
	    WANT("lvzhi: on.jsonl:1: determined_on: not a valid date "
	    "(YYYY-MM-DD): 2025-13-01\n"));
	import_bad(f, "kind.jsonl", "{\"type\":\"record\",\"id\":\"r-0032\","
	    "\"kind\":\"rol_report_hearing\",\"organ\":\"520100-party\","
	    "\"date\":\"2025-05-01\",\"basis\":\"report\"}\n",
	    WANT("lvzhi: kind.jsonl:1: basis: not a field of a "
	    "'rol_report_hearing' record\n"));
	struct run r = import_ok(f, "ok.jsonl", FINDING(",\"basis\":\"report\","
	    "\"basis_ref\":\"来信\",\"determined_by\":\"省纪委\","
	    "\"determined_on\":\"2025-06-01\""));
	assert_int_equal(r.st.inserted, 1);
#undef FINDING
}

/* A finding no duty counts (第九条's without its item, or another item)
 * is refused naming the field; one a duty counts is taken. */
static void
test_finding_counted(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
#define AF(extra) "{\"type\":\"record\",\"id\":\"r-0041\",\"kind\":" \
	"\"accountability_finding\",\"organ\":\"520100-party\"," \
	"\"date\":\"2025-05-01\",\"person\":\"p-0001\"" extra "}\n"
	import_bad(f, "none.jsonl", AF(""), WANT("lvzhi: none.jsonl:1: item: "
	    "no duty of the catalog counts this finding: must be one of 1, 2, "
	    "3, 4, 5\n"));
	import_bad(f, "seven.jsonl", AF(",\"item\":7"), WANT("lvzhi: "
	    "seven.jsonl:1: item: no duty of the catalog counts this finding: "
	    "must be one of 1, 2, 3, 4, 5\n"));
	struct run r = import_ok(f, "two.jsonl", AF(",\"item\":2"));
	assert_int_equal(r.st.inserted, 1);
#undef AF
}

static void
test_audit_chain_after_imports(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "a.jsonl", BASE);
	import_ok(f, "b.jsonl",
	    "{\"type\":\"person\",\"id\":\"p-0001\",\"name\":\"示例乙\"}\n"
	    "{\"type\":\"person\",\"id\":\"p-0002\",\"name\":\"示例丙\"}\n");
	import_ok(f, "c.jsonl", BASE);
	struct counts c = counts(f);
	/* a: 1; b: an update and the file; c: an update back and the file */
	assert_int_equal(c.audit.n, 5);
	assert_int_equal(c.audit.updates, 2);
	assert_int_equal(c.audit.imports, 3);
	assert_chain_verifies(f, 5);
}

/*
 * Regression: lines were once read with fgets and measured with strlen,
 * so a NUL byte hid the rest of the line and its newline, gluing it to the
 * next line and shifting every later line number.
 */
static void
test_nul_byte_keeps_line_numbers(void **state)
{
	struct fixture *f = *state;
	static const char text[] =
	    L_PROVINCE
	    "{\"type\":\"person\",\"id\":\"p-1\",\"name\":\"a\0b\"}\n"
	    L_PERSON
	    "{\"type\":\"person\",\"id\":\"p-2\"}\n";
	struct run r = import_n(f, "nul.jsonl", text, sizeof text - 1);
	int ok = r.rc == IMPORT_BAD && r.st.lines == 4 &&
	    strstr(r.text, "lvzhi: nul.jsonl:2: ") != NULL &&
	    strstr(r.text, "lvzhi: nul.jsonl:4: name: required\n") != NULL;
	if (!ok)
		print_error("%ld lines counted (want 4); "
		    "diagnostics:\n%s", r.st.lines, r.text);
	free(r.text);
	if (!ok)
		fail();
}

/* ---- what rows refer to, by id ---- */

#define REFS_MAX 16

struct refs {
	int64_t region_key[REFS_MAX], organ_key[REFS_MAX];
	char region[REFS_MAX][16], organ[REFS_MAX][64];
	size_t nregions, norgans;
	char text[2048]; /* "record@organ;" and "region<parent;" */
};

/* Appends "a" sep "b;" to the text. */
static void
refs_add(struct refs *x, const char *a, char sep, const char *b)
{
	size_t len = strlen(x->text);
	snprintf(x->text + len, sizeof x->text - len, "%s%c%s;", a, sep, b);
}

static int
refs_region(void *ctx, const struct store_region *r)
{
	struct refs *x = ctx;
	assert_true(x->nregions < REFS_MAX);
	x->region_key[x->nregions] = r->key;
	snprintf(x->region[x->nregions++], 16, "%s", r->code);
	refs_add(x, r->code, '<', r->parent ? r->parent : "-");
	return 0;
}

static int
refs_organ(void *ctx, const struct store_organ *o)
{
	struct refs *x = ctx;
	assert_true(x->norgans < REFS_MAX);
	const char *code = "?";
	for (size_t i = 0; i < x->nregions; i++)
		if (x->region_key[i] == o->region_key)
			code = x->region[i];
	x->organ_key[x->norgans] = o->key;
	snprintf(x->organ[x->norgans++], 64, "%s", o->id);
	refs_add(x, o->id, '@', code);
	return 0;
}

static int
refs_record(void *ctx, const struct store_record *r)
{
	struct refs *x = ctx;
	const char *id = "?";
	for (size_t i = 0; i < x->norgans; i++)
		if (x->organ_key[i] == r->organ_key)
			id = x->organ[i];
	refs_add(x, r->id, '@', id);
	return 0;
}

static void
refs_load(struct fixture *f, struct refs *x)
{
	memset(x, 0, sizeof *x);
	assert_int_equal(store_each_region(f->s, refs_region, x), 0);
	assert_int_equal(store_each_organ(f->s, refs_organ, x), 0);
	assert_int_equal(store_each_record(f->s, date_from_ymd(1900, 1, 1),
	    date_from_ymd(2200, 12, 31), NULL, refs_record, x), 0);
}

static void
assert_refers(const struct refs *x, const char *what)
{
	if (strstr(x->text, what) == NULL)
		fail_msg("'%s' not in '%s'", what, x->text);
}

/*
 * A file import numbers the rows it adds itself (so that it can parse
 * ahead of its writer thread): into a database that has rows already,
 * new rows must refer to the old and to each other by the right keys.
 */
static void
test_new_rows_refer_by_key(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
	import_ok(f, "more.jsonl",
	    "{\"type\":\"region\",\"code\":\"520102\",\"name\":\"南明区\","
	    "\"level\":\"county\",\"parent\":\"520100\"}\n"
	    "{\"type\":\"region\",\"code\":\"520102001\",\"name\":"
	    "\"新华路街道\",\"level\":\"township\",\"parent\":\"520102\"}\n"
	    "{\"type\":\"organ\",\"id\":\"520102-gov\",\"region\":\"520102\","
	    "\"kind\":\"government\",\"name\":\"南明区人民政府\"}\n"
	    "{\"type\":\"organ\",\"id\":\"520102001-gov\",\"region\":"
	    "\"520102001\",\"kind\":\"government\",\"name\":\"新华路街道办事处\","
	    "\"parent_organ\":\"520102-gov\"}\n"
	    "{\"type\":\"record\",\"id\":\"r-0101\",\"kind\":\"rol_lecture\","
	    "\"organ\":\"520102-gov\",\"date\":\"2025-04-10\"}\n"
	    "{\"type\":\"record\",\"id\":\"r-0102\",\"kind\":\"rol_lecture\","
	    "\"organ\":\"520100-gov\",\"date\":\"2025-04-11\"}\n"
	    "{\"type\":\"record\",\"id\":\"r-0103\",\"kind\":\"rol_lecture\","
	    "\"organ\":\"520102001-gov\",\"date\":\"2025-04-12\"}\n"
	    L_GOV);
	struct refs x;
	refs_load(f, &x);
	assert_refers(&x, "520102<520100;");
	assert_refers(&x, "520102001<520102;");
	assert_refers(&x, "520100-gov@520100;");
	assert_refers(&x, "520102-gov@520102;");
	assert_refers(&x, "520102001-gov@520102001;");
	assert_refers(&x, "r-0001@520100-party;");
	assert_refers(&x, "r-0101@520102-gov;");
	assert_refers(&x, "r-0102@520100-gov;");
	assert_refers(&x, "r-0103@520102001-gov;");
	/* The same again: nothing new, nothing renumbered. */
	struct run r = import_ok(f, "base.jsonl", BASE);
	assert_int_equal(r.st.unchanged, 9);
	struct refs y;
	refs_load(f, &y);
	assert_string_equal(x.text, y.text);
}


/* ---- a first load ---- */

/* The rows of query q on the SQLite file path, "a|b|c\n" each (the
 * caller frees). */
static char *
sql_text(const char *path, const char *q)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *text = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&text, &n);
	assert_non_null(out);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			fprintf(out, "%s%c", v ? (const char *)v : "NULL",
			    i + 1 < sqlite3_column_count(st) ? '|' : '\n');
		}
	sqlite3_finalize(st);
	sqlite3_close(db);
	fclose(out);
	return text;
}

static void
assert_sql(const char *path, const char *q, const char *want)
{
	char *got = sql_text(path, q);
	if (strcmp(got, want) != 0)
		fail_msg("%s on %s:\n%s\nwant:\n%s", q, path, got, want);
	free(got);
}

/* A file whose records span several of the first load's statements (64
 * records each) and a remainder, with one record changed later in the
 * file (an update) and one repeated as it was (unchanged). */
static char *
first_load_file(void)
{
	char *text = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&text, &n);
	assert_non_null(out);
	fputs(L_PROVINCE L_CITY L_PARTY L_GOV L_PERSON L_TENURE, out);
	for (int i = 0; i < 150; i++)
		fprintf(out, "{\"type\":\"record\",\"id\":\"r-%d\",\"kind\":"
		    "\"rol_lecture\",\"organ\":\"520100-%s\",\"date\":"
		    "\"2025-%02d-%02d\",\"title\":\"讲座 %d\"}\n", 1000 + i,
		    i % 2 ? "gov" : "party", 1 + i % 12, 1 + i % 28, i);
	fputs("{\"type\":\"record\",\"id\":\"r-1003\",\"kind\":\"rol_lecture\","
	    "\"organ\":\"520100-party\",\"date\":\"2025-04-04\",\"title\":"
	    "\"改过的讲座\"}\n", out);
	fputs("{\"type\":\"record\",\"id\":\"r-1004\",\"kind\":\"rol_lecture\","
	    "\"organ\":\"520100-party\",\"date\":\"2025-05-05\",\"title\":"
	    "\"讲座 4\"}\n", out);
	fputs(L_HEARING L_REPORT L_SCORE, out);
	fclose(out);
	return text;
}

#define RECORDS_SQL "SELECT r.id, r.kind, o.id, p.id, r.date, r.status, " \
	"r.title, r.doc FROM record r JOIN organ o ON o.key = r.organ " \
	"LEFT JOIN person p ON p.key = r.person ORDER BY r.id"

/*
 * Into an empty database the records go in many to a statement, with
 * their id index built at the end (or as soon as one may be an update):
 * the counts, the audit, the rows and the indexes must be those of the
 * same file imported where records exist already, and the database must
 * be back in WAL mode.
 */
static void
test_first_load(void **state)
{
	struct fixture *f = *state;
	char *file = first_load_file();
	struct run r = import_ok(f, "first.jsonl", file);
	assert_int_equal(r.st.inserted, 6 + 150 + 3);
	assert_int_equal(r.st.updated, 1);
	assert_int_equal(r.st.unchanged, 1);
	struct counts c = counts(f);
	assert_int_equal(c.records, 152);
	assert_int_equal(c.audit.updates, 1);
	assert_string_equal(c.audit.update_entity, "record:r-1003");
	assert_chain_verifies(f, 2);

	/* The same file where a record is already: the upsert path. */
	char other[160];
	snprintf(other, sizeof other, "%s/u.db", f->dir);
	char err[512];
	struct store *u = store_open(other, 1, err, sizeof err);
	assert_non_null(u);
	struct store *mine = f->s;
	f->s = u;
	import_ok(f, "base.jsonl", BASE);
	r = import_ok(f, "first.jsonl", file);
	assert_int_equal(r.st.inserted, 150);
	assert_int_equal(r.st.updated, 1);
	assert_int_equal(r.st.unchanged, 1 + 9);
	f->s = mine;
	store_close(u);
	/* Now the first database gets the base file: the same rows. */
	import_ok(f, "base.jsonl", BASE);
	char *want = sql_text(other, RECORDS_SQL);
	assert_sql(f->path, RECORDS_SQL, want);
	assert_non_null(strstr(want, "r-1003|rol_lecture|520100-party|NULL|"
	    "2025-04-04|submitted|改过的讲座|"));
	free(want);
	static const char indexes[] = "SELECT name FROM sqlite_schema WHERE "
	    "type = 'index' AND tbl_name = 'record' ORDER BY name";
	want = sql_text(other, indexes);
	assert_sql(f->path, indexes, want);
	assert_non_null(strstr(want, "record_id\n"));
	free(want);
	assert_sql(f->path, "PRAGMA journal_mode", "wal\n");
	assert_sql(f->path, "PRAGMA integrity_check", "ok\n");
	free(file);
}

/* A bad line in a first load: nothing written, the indexes as before, and
 * the next load (again a first) works. */
static void
test_first_load_rolled_back(void **state)
{
	struct fixture *f = *state;
	static const char indexes[] = "SELECT name FROM sqlite_schema WHERE "
	    "type = 'index' AND tbl_name = 'record' ORDER BY name";
	char *before = sql_text(f->path, indexes);
	char *file = first_load_file();
	size_t n = strlen(file);
	char *bad = malloc(n + 64);
	assert_non_null(bad);
	snprintf(bad, n + 64, "%s{\"type\":\"record\",\"id\":\"r-9\"}\n", file);
	struct run r = import(f, "bad.jsonl", bad);
	assert_int_equal(r.rc, IMPORT_BAD);
	free(r.text);
	assert_int_equal(counts(f).records, 0);
	assert_sql(f->path, indexes, before);
	assert_sql(f->path, "PRAGMA journal_mode", "wal\n");
	r = import_ok(f, "first.jsonl", file);
	assert_int_equal(r.st.inserted, 6 + 150 + 3);
	assert_sql(f->path, indexes, before);
	free(before);
	free(bad);
	free(file);
}

/* Another connection has the file open (a server): the first load keeps
 * the WAL, without waiting, and the other reads the result after. */
static void
test_first_load_beside_a_reader(void **state)
{
	struct fixture *f = *state;
	sqlite3 *other = NULL;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "SELECT count(*) FROM region",
	    NULL, NULL, NULL), SQLITE_OK);
	char *file = first_load_file();
	struct run r = import_ok(f, "first.jsonl", file);
	assert_int_equal(r.st.inserted, 6 + 150 + 3);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(other, "SELECT count(*) FROM record",
	    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 152);
	sqlite3_finalize(st);
	sqlite3_close(other);
	assert_sql(f->path, "PRAGMA journal_mode", "wal\n");
	free(file);
}

/*
 * Takes the database of the base import back to an older version with
 * sql (run with the store closed), and reopens the store, which runs the
 * migrations from there: every one applied afterwards.
 */
static void
take_back(struct fixture *f, const char *sql, char **before,
    const char *query)
{
	import_ok(f, "base.jsonl", BASE);
	store_close(f->s);
	f->s = NULL;
	sqlite3 *db = NULL;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	/* Every version taken back to is before the last migration,
	 * which moved report_fts's text to report_text: back too. */
	if (sqlite3_exec(db, "ALTER TABLE report_text RENAME TO report_fts",
	    NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("taking the database back: %s", msg);
	sqlite3_close(db);
	if (before != NULL)
		*before = sql_text(f->path, query);
	char err[512], version[32];
	f->s = store_open(f->path, 0, err, sizeof err);
	if (f->s == NULL)
		fail_msg("store_open: %s", err);
	snprintf(version, sizeof version, "%zu\n", schema_sqlite_count());
	assert_sql(f->path, "PRAGMA user_version", version);
}

/*
 * Migration 6 makes the record table anew: a database of version 5, with
 * a record that evidence refers to, keeps its rows and keys, gets the
 * named id index, and still refuses a duplicate id.
 */
static void
test_migration_6_keeps_records(void **state)
{
	struct fixture *f = *state;
	/* Version 5's record table, as migrations 1 and 2 made it (and
	 * what migrations after 6 change, as it was). */
	const char *v5 =
	    "PRAGMA foreign_keys = OFF; BEGIN;"
	    "CREATE TABLE old AS SELECT * FROM record;"
	    "DROP TABLE record;"
	    "CREATE TABLE record (key INTEGER PRIMARY KEY, id TEXT NOT NULL "
	    "UNIQUE, kind TEXT NOT NULL, organ INTEGER NOT NULL REFERENCES "
	    "organ(key), person INTEGER REFERENCES person(key), date TEXT NOT "
	    "NULL, status TEXT NOT NULL CHECK (status IN ('submitted',"
	    "'verified','rejected')), title TEXT, doc TEXT NOT NULL, "
	    "reviewed_by TEXT, reviewed_at TEXT, review_note TEXT, "
	    "updated_at TEXT);"
	    "INSERT INTO record SELECT * FROM old; DROP TABLE old;"
	    "CREATE INDEX record_organ_date ON record(organ, date);"
	    "CREATE INDEX record_kind_date ON record(kind, date);"
	    /* and the API tokens as version 2 made them, before later
	     * migrations added to them */
	    "DROP TABLE api_token;"
	    "CREATE TABLE api_token (token TEXT PRIMARY KEY, account INTEGER "
	    "NOT NULL REFERENCES account(key), label TEXT NOT NULL, created "
	    "INTEGER NOT NULL, last_used INTEGER NOT NULL DEFAULT 0, revoked "
	    "INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
	    "INSERT INTO evidence(record, sm3, size, mime, filename, "
	    "uploaded_by, uploaded_at) SELECT key, 'x', 1, 'application/pdf', "
	    "'a.pdf', 'tester', '2025-01-01' FROM record WHERE id = 'r-0001';"
	    /* the columns later migrations add to the accounts and to
	     * the evaluation sets' rows */
	    "ALTER TABLE account DROP COLUMN must_change;"
	    "ALTER TABLE eval_row DROP COLUMN role;"
	    "PRAGMA user_version = 5; COMMIT;";
	/* Every migration applied, whichever came after 6. */
	char *before = NULL;
	take_back(f, v5, &before, "SELECT key, id, doc FROM record ORDER BY "
	    "key");
	assert_sql(f->path, "SELECT key, id, doc FROM record ORDER BY key",
	    before);
	free(before);
	assert_sql(f->path, "SELECT name FROM sqlite_schema WHERE type = "
	    "'index' AND tbl_name = 'record' ORDER BY name",
	    "record_date_list\nrecord_id\nrecord_kind_date\nrecord_kind_list\n"
	    "record_organ_list\nrecord_organ_status\nrecord_status_list\n"
	    "record_submitted\nrecord_submitted_date\n");
	assert_sql(f->path, "SELECT r.id FROM evidence e JOIN record r ON "
	    "r.key = e.record", "r-0001\n");
	assert_sql(f->path, "PRAGMA foreign_key_check", "");
	/* Re-importing finds the rows by id: nothing new. */
	struct run r = import_ok(f, "base.jsonl", BASE);
	assert_int_equal(r.st.unchanged, 9);
}

/* ---- import_object's guard (the API's writes) ---- */

struct guard_seen {
	int calls, refuse;
	char type[16], id[64], organ[64], person[64];
	date_t date;
	int year;
};

static int
guard_check(void *ctx, const struct import_check *c)
{
	struct guard_seen *g = ctx;
	g->calls++;
	snprintf(g->type, sizeof g->type, "%s", c->type);
	snprintf(g->id, sizeof g->id, "%s", c->id ? c->id : "");
	snprintf(g->organ, sizeof g->organ, "%s", c->organ ? c->organ : "");
	snprintf(g->person, sizeof g->person, "%s", c->person ? c->person : "");
	g->date = c->date;
	g->year = c->year;
	return g->refuse ? -1 : 0;
}

/* One object through import_object in a transaction of its own. */
static enum import_result
put_object(struct fixture *f, const char *text, const char *type,
    struct import_guard *guard, long *diags)
{
	json_t *o = json_loads(text, 0, NULL);
	assert_non_null(o);
	json_object_del(o, "type");
	struct diag d;
	diag_init(&d, NULL);
	int put;
	assert_int_equal(store_begin(f->s), 0);
	enum import_result rc = import_object(f->s, cat, o, type, "api:test",
	    guard, &d, &put);
	if (rc == IMPORT_OK)
		assert_int_equal(store_commit(f->s), 0);
	else
		store_rollback(f->s);
	json_decref(o);
	if (diags != NULL)
		*diags = d.count;
	return rc;
}

/*
 * The guard sees each valid record and score with what it names, after
 * validation (an invalid object never reaches it); its refusal writes
 * nothing; a create whose write would change an existing record fails
 * even where the guard let it through.
 */
static void
test_object_guard(void **state)
{
	struct fixture *f = *state;
	import_ok(f, "base.jsonl", BASE);
	struct counts before = counts(f);
	struct guard_seen g = { 0 };
	struct import_guard guard = { guard_check, &g, 1 };
	long diags = 0;
	/* Invalid: reported, the guard not asked. */
	assert_int_equal(put_object(f, "{\"id\":\"r-9\",\"kind\":"
	    "\"rol_report_hearing\",\"organ\":\"520100-party\",\"date\":"
	    "\"soon\"}", "record", &guard, &diags), IMPORT_BAD);
	assert_int_equal(diags, 1);
	assert_int_equal(g.calls, 0);
	/* Valid and refused: nothing written, what it names seen. */
	g.refuse = 1;
	assert_int_equal(put_object(f, "{\"id\":\"r-9\",\"kind\":"
	    "\"year_end_report\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-01-15\",\"about_year\":2024,\"person\":\"p-0001\"}",
	    "record", &guard, NULL), IMPORT_REFUSED);
	assert_int_equal(g.calls, 1);
	assert_string_equal(g.type, "record");
	assert_string_equal(g.id, "r-9");
	assert_string_equal(g.organ, "520100-party");
	assert_string_equal(g.person, "p-0001");
	assert_int_equal(g.date, date_from_ymd(2025, 1, 15));
	assert_int_equal(g.year, 2024);
	assert_int_equal(put_object(f, L_SCORE, "score", &guard, NULL),
	    IMPORT_REFUSED);
	assert_string_equal(g.type, "score");
	assert_string_equal(g.person, "p-0001");
	assert_int_equal(g.year, 2025);
	struct counts after = counts(f);
	assert_same_counts(&before, &after);
	/* Let through: a create of an existing id still changes nothing. */
	g.refuse = 0;
	assert_int_equal(put_object(f, "{\"id\":\"r-0001\",\"kind\":"
	    "\"rol_report_hearing\",\"organ\":\"520100-gov\",\"date\":"
	    "\"2025-03-11\"}", "record", &guard, NULL), IMPORT_FAILED);
	after = counts(f);
	assert_same_counts(&before, &after);
	assert_sql(f->path, "SELECT o.id FROM record r JOIN organ o ON "
	    "o.key = r.organ WHERE r.id = 'r-0001'", "520100-party\n");
	/* A new id is written; an edit (no create) may change a row. */
	assert_int_equal(put_object(f, "{\"id\":\"r-9\",\"kind\":"
	    "\"rol_report_hearing\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-03-11\"}", "record", &guard, NULL), IMPORT_OK);
	guard.create = 0;
	assert_int_equal(put_object(f, "{\"id\":\"r-9\",\"kind\":"
	    "\"rol_report_hearing\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-03-12\"}", "record", &guard, NULL), IMPORT_OK);
	/* No guard (the operator): nothing asked. */
	int calls = g.calls;
	assert_int_equal(put_object(f, "{\"id\":\"r-9\",\"kind\":"
	    "\"rol_report_hearing\",\"organ\":\"520100-party\",\"date\":"
	    "\"2025-03-13\"}", "record", NULL, NULL), IMPORT_OK);
	assert_int_equal(g.calls, calls);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

/*
 * The notices migration (issue 13) on a database of the version before
 * it (9, when it was written: later ones must run again as well): the
 * notice rows and the interviews a prefecture's and the province's
 * notices both ordered for one leader stay; the kind interview is taken;
 * the first of the two orders is the leader's one for the year, and a
 * second is refused by the unique index.
 */
static void
test_migration_notices_keeps_rows(void **state)
{
	struct fixture *f = *state;
	const char *v9 =
	    "PRAGMA foreign_keys = OFF; BEGIN;"
	    "PRAGMA writable_schema = ON;"
	    "UPDATE sqlite_schema SET sql = replace(sql,"
	    "  '(''commendation'',''criticism'',''interview'')',"
	    "  '(''commendation'',''criticism'')')"
	    "  WHERE type = 'table' AND name = 'notice';"
	    "PRAGMA writable_schema = RESET;"
	    "DROP TABLE notice_issuer; DROP TABLE interview_once;"
	    "DROP TABLE rectification_once;"
	    "INSERT INTO notice(id, kind, year, region, title, body, status,"
	    "  drafted_by, drafted_at) SELECT 'ntc-old', 'criticism', 2025, key,"
	    "  't', 'b', 'issued', 'x', 'x' FROM region WHERE code = '520100';"
	    "INSERT INTO interview(id, source, notice, organ, person, year,"
	    "  reason, scheduled_on, status, created_by, created_at)"
	    "  SELECT v.id, 'evaluation', n.key, o.key, p.key, 2025, 'r',"
	    "  '2026-01-10', 'scheduled', 'x', 'x' FROM (SELECT 'itv-a' AS id"
	    "  UNION ALL SELECT 'itv-b') v, notice n, organ o, person p"
	    "  WHERE n.id = 'ntc-old' AND o.id = '520100-party'"
	    "  AND p.id = 'p-0001' ORDER BY v.id;"
	    /* the columns later migrations add to the accounts and to
	     * the evaluation sets' rows */
	    "ALTER TABLE account DROP COLUMN must_change;"
	    "ALTER TABLE eval_row DROP COLUMN role;"
	    "PRAGMA user_version = 9; COMMIT;";
	take_back(f, v9, NULL, NULL);
	sqlite3 *db = NULL;
	assert_sql(f->path, "SELECT id, kind FROM notice", "ntc-old|criticism\n");
	assert_sql(f->path, "SELECT id FROM interview ORDER BY id",
	    "itv-a\nitv-b\n");
	assert_sql(f->path, "SELECT v.id FROM interview_once x JOIN interview v"
	    " ON v.key = x.interview", "itv-a\n");
	assert_sql(f->path, "PRAGMA foreign_key_check", "");
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO interview_once SELECT "
	    "key, person, organ, year FROM interview WHERE id = 'itv-b'", NULL,
	    NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "UPDATE notice SET kind = 'interview'",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE notice SET kind = 'blame'",
	    NULL, NULL, NULL), SQLITE_CONSTRAINT);
	sqlite3_close(db);
}

/*
 * The portal's folded index (SCHEMA_REPORT_FOLD, taken back to the
 * version before it, FOLD_BACK migrations ago) is filled from the
 * reports published before: their text as written, folded as text_fold
 * folds it; then (the last migration) that text moves from report_fts
 * to report_text (take_back makes it report_fts again).
 */
#define FOLD_BACK 4
static void
test_migration_folds_reports(void **state)
{
	struct fixture *f = *state;
	char back[1024];
	snprintf(back, sizeof back, "BEGIN; DROP TABLE report_fold;"
	    "INSERT INTO report_fts(rowid, title, body) VALUES (41, "
	    "'南明区人民政府关于 2025 年度法治政府建设情况的报告', "
	    "'一、主要举措和成效\n全面落实行政执法“三项制度”,依照"
	    "ＧＢ／Ｔ 9704—2012。');"
	    "PRAGMA user_version = %zu; COMMIT;", schema_sqlite_count() -
	    FOLD_BACK);
	take_back(f, back, NULL, NULL);
	assert_sql(f->path, "SELECT rowid, title FROM report_text",
	    "41|南明区人民政府关于 2025 年度法治政府建设情况的报告\n");
	assert_sql(f->path, "SELECT count(*) FROM sqlite_master WHERE name "
	    "LIKE 'report_fts%'", "0\n");
	assert_sql(f->path, "SELECT rowid, title, body FROM report_fold",
	    "41|南明区人民政府关于2025年度法治政府建设情况的报告|"
	    "一主要举措和成效全面落实行政执法三项制度依照gbt97042012\n");
	assert_sql(f->path, "SELECT rowid FROM report_fold WHERE report_fold "
	    "MATCH '\"行政执法三项制度\"'", "41\n");
	/* Again from there: filled anew, nothing twice. */
	snprintf(back, sizeof back, "PRAGMA user_version = %zu;",
	    schema_sqlite_count() - FOLD_BACK);
	take_back(f, back, NULL, NULL);
	assert_sql(f->path, "SELECT count(*) FROM report_fold", "1\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_good_file),
		T(test_object_guard),
		T(test_reimport_unchanged),
		T(test_update_audited),
		T(test_bad_lines_write_nothing),
		T(test_bad_line_stats),
		T(test_forward_references),
		T(test_unknown_organ),
		T(test_score_of_measured_duty),
		T(test_line_too_long),
		T(test_person_required_and_crlf),
		T(test_finding_determination),
		T(test_finding_counted),
		T(test_audit_chain_after_imports),
		T(test_nul_byte_keeps_line_numbers),
		T(test_new_rows_refer_by_key),
		T(test_first_load),
		T(test_first_load_rolled_back),
		T(test_first_load_beside_a_reader),
		T(test_migration_6_keeps_records),
		T(test_migration_notices_keeps_rows),
		T(test_migration_folds_reports),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
