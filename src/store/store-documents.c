/*
 * The 发文字号 of documents (store-documents.h), in doc_number beside
 * the reports' (store-reports.c): one sequence per organ and year.
 */
#include <stdio.h>

#include "store/store-documents.h"
#include "store/store-int.h"

enum {
	D_ORGAN = SLOT_DOCUMENTS,
	D_NUMBER_ADD,
	D_NUMBER_GET,
	D_END
};

_Static_assert((int)D_END <= (int)STORE_SLOTS, "statement slots");

static const char *const sql[D_END - SLOT_DOCUMENTS] = {
	[D_ORGAN - SLOT_DOCUMENTS] = "SELECT o.key, o.name FROM organ o "
	    "JOIN region g ON g.key = o.region WHERE g.code = ?1 AND "
	    "o.kind = ?2 ORDER BY o.key LIMIT 1",
	/* The organ's year's largest, reports' numbers included, plus
	 * one; UNIQUE (organ, year, seq) refuses a second writer that
	 * read the same largest. */
	[D_NUMBER_ADD - SLOT_DOCUMENTS] = "INSERT INTO doc_number(document, "
	    "subject, organ, year, seq, issued_on) SELECT ?1, ?2, ?3, ?4, "
	    "coalesce(max(n.seq), 0) + 1, ?5 FROM doc_number n WHERE "
	    "n.organ = ?3 AND n.year = ?4",
	[D_NUMBER_GET - SLOT_DOCUMENTS] = "SELECT n.year, n.seq FROM "
	    "doc_number n WHERE n.document = ?1 AND "
	    "n.subject = ?2",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, sql[id - SLOT_DOCUMENTS]);
}

struct organ_out {
	int64_t *key;
	char *name;
	size_t n;
};

static int
organ_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct organ_out *o = ctx;
	const char *name = db_col_text(st, 1);
	(void)cb;
	*o->key = db_col_int64(st, 0);
	snprintf(o->name, o->n, "%s", name ? name : "");
	return 0;
}

int
store_doc_organ(struct store *s, const char *code, const char *kind,
    int64_t *key, char *name, size_t n)
{
	struct organ_out o = { key, name, n };
	return store_one(s, stmt(s, D_ORGAN), "organ", organ_row, NULL, &o,
	    DB_ARGS(DB_TEXT(code), DB_TEXT(kind)));
}

int
store_doc_number_add(struct store *s, const char *document,
    const char *subject, int64_t organ, int year, const char *on)
{
	return store_add(s, stmt(s, D_NUMBER_ADD), "doc_number",
	    DB_ARGS(DB_TEXT(document), DB_TEXT(subject), DB_INT64(organ),
	    DB_INT(year), DB_TEXT(on)));
}

struct number_out {
	int *year, *seq;
};

static int
number_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct number_out *o = ctx;
	(void)cb;
	*o->year = db_col_int(st, 0);
	*o->seq = db_col_int(st, 1);
	return 0;
}

int
store_doc_number_get(struct store *s, const char *document,
    const char *subject, int *year, int *seq)
{
	struct number_out o = { year, seq };
	return store_one(s, stmt(s, D_NUMBER_GET), "doc_number", number_row,
	    NULL, &o, DB_ARGS(DB_TEXT(document), DB_TEXT(subject)));
}
