/*
 * libFuzzer harness: importing arbitrary bytes as a JSON Lines file.
 *
 * One in-memory store with the shipped catalog and a small world (a
 * province, a prefecture, a county, its party committee, government and a
 * department, people in post) is opened once. Every input is imported with
 * import_stream from fmemopen, and the first line, when it is a JSON object
 * with a "type", also goes through import_object, the API's path. Runs
 * stay independent: a commit hook turns every COMMIT after the set-up into
 * a ROLLBACK, so whatever an input wrote is gone before the next one.
 *
 * Beyond not crashing, the importer keeps its promise: IMPORT_BAD comes
 * with at least one diagnostic, IMPORT_OK with none.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "import/import.h"
#include "store/store-int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char world[] =
"{\"type\":\"region\",\"code\":\"520000\",\"name\":\"贵州省\",\"level\":\"province\",\"parent\":null}\n"
"{\"type\":\"region\",\"code\":\"520100\",\"name\":\"贵阳市\",\"level\":\"prefecture\",\"parent\":\"520000\"}\n"
"{\"type\":\"region\",\"code\":\"520102\",\"name\":\"南明区\",\"level\":\"county\",\"parent\":\"520100\"}\n"
"{\"type\":\"organ\",\"id\":\"520102-party\",\"region\":\"520102\",\"kind\":\"party_committee\",\"name\":\"中共南明区委员会\"}\n"
"{\"type\":\"organ\",\"id\":\"520102-gov\",\"region\":\"520102\",\"kind\":\"government\",\"name\":\"南明区人民政府\"}\n"
"{\"type\":\"organ\",\"id\":\"520102-justice\",\"region\":\"520102\",\"kind\":\"department\",\"name\":\"南明区司法局\"}\n"
"{\"type\":\"person\",\"id\":\"p-sec\",\"name\":\"南明甲\"}\n"
"{\"type\":\"person\",\"id\":\"p-mayor\",\"name\":\"南明乙\"}\n"
"{\"type\":\"tenure\",\"id\":\"t-sec\",\"person\":\"p-sec\",\"organ\":\"520102-party\",\"role\":\"principal\",\"start\":\"2021-06-01\",\"end\":null}\n"
"{\"type\":\"tenure\",\"id\":\"t-mayor\",\"person\":\"p-mayor\",\"organ\":\"520102-gov\",\"role\":\"principal\",\"start\":\"2021-06-01\",\"end\":\"2025-06-30\"}\n";

static struct store *store;
static struct catalog *catalog;
static int veto; /* 1 once the world is in: every COMMIT rolls back */
static int64_t world_audit; /* audit entries after the set-up */

/* Audit entries in the store: each run must leave their number alone. */
static int64_t
audit_count(void)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(store->db, "SELECT count(*) FROM audit", -1,
	    &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int
commit_hook(void *ctx)
{
	(void)ctx;
	return veto;
}

/* Diagnostics are formatted (as the API does) and dropped. */
static void
sink(void *ctx, const char *field, const char *reason)
{
	size_t *n = ctx;
	*n += strlen(field) + strlen(reason);
}

static void
die(const char *what)
{
	fprintf(stderr, "fuzz-import: %s\n", what);
	exit(1);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[512];
	struct diag d;
	struct import_stats st;
	diag_init(&d, stderr);
	catalog = catalog_load(NULL, &d);
	if (catalog == NULL)
		die("no catalog");
	store = store_open(":memory:", 1, err, sizeof err);
	if (store == NULL)
		die(err);
	FILE *in = fmemopen((void *)world, sizeof world - 1, "r");
	if (in == NULL || import_stream(store, catalog, in, "world", "fuzz", &d,
	    &st) != IMPORT_OK)
		die("the world does not import");
	fclose(in);
	sqlite3_commit_hook(store->db, commit_hook, NULL);
	veto = 1;
	world_audit = audit_count();
	return 0;
}

/* The first line as an API object, in a transaction rolled back. */
static void
api_object(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;
	json_t *o = json_loadb((const char *)data, n, JSON_REJECT_DUPLICATES,
	    NULL);
	const char *type = json_string_value(json_object_get(o, "type"));
	if (json_is_object(o) && type != NULL && store_begin(store) == 0) {
		char *t = strdup(type);
		size_t len = 0;
		int put;
		struct diag d;
		diag_init(&d, NULL);
		d.sink = sink;
		d.sink_ctx = &len;
		json_object_del(o, "type");
		enum import_result r = import_object(store, catalog, o, t,
		    "api:fuzz", NULL, &d, &put);
		if (r == IMPORT_BAD && d.count == 0)
			abort();
		store_rollback(store);
		free(t);
	}
	json_decref(o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	FILE *in = fmemopen((void *)data, size, "r");
	if (in == NULL)
		return 0;
	size_t len = 0;
	struct diag d;
	struct import_stats st;
	diag_init(&d, NULL);
	d.sink = sink;
	d.sink_ctx = &len;
	enum import_result r = import_stream(store, catalog, in, "fuzz.jsonl",
	    "cli:fuzz", &d, &st);
	fclose(in);
	if ((r == IMPORT_BAD && d.count == 0) || (r == IMPORT_OK && d.count))
		abort();
	if (store_in_transaction(store))
		abort(); /* import_stream must end its transaction */
	api_object(data, size);
	if (audit_count() != world_audit)
		abort(); /* something of this run was kept */
	return 0;
}
