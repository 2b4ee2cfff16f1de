/*
 * The ledger's records as operations (record.c): read one, list them
 * under the caller's scope, create, edit, verify, reject; the workflow's
 * rules on them (a record a workflow wrote is its own, evidence quotas);
 * and, beside them, evidence files (evidence.c) and qualitative scores
 * (score.c), which the importer validates the same way.
 *
 * A record has fixed columns (the entity record_entity describes: id,
 * kind, organ, person, date, status, review, ...) and the fields of its
 * kind, which stay as the catalog describes them, in its doc (the import
 * object). The API and the pages both call these; each returns 0, or -1
 * with d->fault set, and answers nobody.
 */
#ifndef LVZHI_DOMAIN_RECORD_H
#define LVZHI_DOMAIN_RECORD_H

#include <stdint.h>

#include "domain/domain.h"

/* The id prefix reserved to the records a workflow files: nobody else
 * may create one, so a clerk cannot take the id a publication will use. */
#define RECORD_WORKFLOW_PREFIX "r-annual-"

/* A record as read: texts in d->arena (NULL: none); doc is owned by the
 * record (record_free). */
struct record {
	const char *id, *kind, *organ, *organ_name, *region, *region_name;
	const char *person, *person_name, *date, *status, *title;
	const char *reviewed_by, *reviewed_at, *review_note, *updated_at;
	const char *entered_by, *edited_by; /* over HTTP; NULL: an import */
	int evidence_files;
	int finding;       /* its kind is a finding (问责认定) */
	/* A finding's determination, from its doc: on what basis
	 * (inspection, case, report) and which, by whom, on which day. */
	const char *basis, *basis_ref, *determined_by, *determined_on;
	json_t *doc;       /* the import object, without "type" */
	/* Its readable number, "南明区台账 2025-0012" (NULL: none yet). */
	const char *number;
};

/* The fixed columns: labels, and the JSON the API adds to the doc. */
extern const struct entity record_entity;

/* A record's readable number from its region's name, year and sequence
 * (store_ledger_row's number_year, number_seq): "南明区台账 2025-0012",
 * in a; NULL when seq is 0 (none yet). */
const char *record_number_text(struct arena *a, const char *region_name,
    int year, int seq);

/* Releases rec's doc. */
void record_free(struct record *rec);
/* The label of a record's fixed field json (机构, 日期, ...), or NULL. */
const char *record_label(const char *json);

/*
 * Looks up organ id and checks d->user may read it (write: write it).
 * field is NULL for an organ named by a path (/organs/{id}): one out of
 * scope is 404 like one that does not exist. Otherwise it names the
 * input that gave id: unknown 404, out of scope 403, naming field.
 * Returns 0 with *o filled, or -1 with the fault (also 500).
 */
int record_organ_access(struct dom *d, const char *id, int write,
    const char *field, struct store_organ_info *o);

/* Page and per_page from their text (1.., per_page at most 200). */
void record_paging(const char *page, const char *per_page, int *p, int *n);

/* A listing's filter and page, as record_listing fills them. */
struct record_listing {
	struct store_ledger_filter f;
	char path[512]; /* what f.path may point into */
	int page, per_page;
};
/*
 * The ledger filter a listing's query asks for (kind, status, q, from,
 * to, year, organ, region, page, per_page, sort, dir; get(ctx, name) is
 * one's value or NULL, and "" does not filter), held to d->user's scope: clerks and
 * leaders their organ, others their region subtree. Returns 1 with *l
 * filled; 0 when the scope holds nothing (a clerk without an organ);
 * -1 with the fault.
 */
int record_listing(struct dom *d, const char *(*get)(void *ctx,
    const char *name), void *ctx, struct record_listing *l);

/* Record id when d->user may read it: 0 with *out filled, or -1 with
 * 404 (none, or out of scope) or 500. */
int record_load(struct dom *d, const char *id, struct record *out);
/* A stored row as a record (texts copied into a, no authors). */
void record_of_row(struct record *out, const struct store_ledger_row *row,
    const struct catalog *c, struct arena *a);
/* rec as the API shows it: its doc with the fixed columns added. */
json_t *record_json(const struct record *rec);

enum record_write {
	RECORD_EDIT,      /* PUT: the record as stored decides */
	RECORD_CREATE,    /* a new record; no row may have its id */
	RECORD_WORKFLOW,  /* a new record a workflow files (publishing an
	                   * annual report), under an id reserved to it */
};
/*
 * Creates or edits a record from obj (the import format; path_id: the
 * id the address names, or NULL). Validates (400 with the field errors
 * in d->fault.errors and the whole object's title), then asks
 * auth/authority.h inside the transaction (404 and 403 for the record
 * as stored, the organ and the person; 409 for a create's existing id,
 * or a closed year, with its errors). Inside an open transaction it
 * writes in it and leaves the commit, or the rollback after a failure,
 * to the caller. obj is changed (status, determination). 0 or -1.
 */
int record_write(struct dom *d, json_t *obj, const char *path_id,
    enum record_write how);
/*
 * Validates obj (a line of type "record" or "score") through the
 * importer with guard, in a transaction of its own unless the caller has
 * one open; after (may be NULL) runs in it once obj is written (put:
 * the store's verdict). A refusal is the guard's fault; invalid input
 * 400 (closed year 409) titled bad (closed) with the errors list.
 * Returns 0 or -1 (rolled back when its own).
 */
struct import_guard;
int record_import_one(struct dom *d, json_t *obj, const char *type,
    const struct import_guard *guard, int (*after)(void *, int), void *ctx,
    const char *closed, const char *bad);
/* Verifies or rejects record id (status "verified" / "rejected"), with
 * note (a rejection's reason). 0, or -1 with the fault. */
int record_review(struct dom *d, const char *id, const char *status,
    const char *note);
/* The same inside the caller's transaction (now: the review's time):
 * 1 when the status changed, 0 when it had it already, or -1 with the
 * fault (500: a storage failure; the caller rolls back). */
int record_review_in(struct dom *d, const char *id, const char *status,
    const char *note, const char *now);

/*
 * A record a workflow wrote (a published report's ledger record) is
 * read-only outside it: 0 when id is no such record, else -1 with 409
 * (or 500).
 */
int record_owned(struct dom *d, const char *id);
/* A new record's id: "r-YYYYMMDD-" and eight random hex digits (a). */
const char *record_new_id(struct arena *a);
/* The importer's reason why (English, for files and programs) in
 * Chinese, for a form or a sheet's row; NULL when none is known. */
const char *record_reason(const char *why);
/* Whether s is NULL or nothing but white space (ASCII, no-break and
 * ideographic spaces): a note that says nothing. */
int record_blank(const char *s);
/* The evidence quotas before a file of size bytes is stored: the files
 * record (NULL: not a record's) already holds, and the bytes d->user has
 * uploaded. 0, or -1 with 413 (500). */
int record_quota(struct dom *d, const char *record, int64_t size);

/* ---- evidence files (evidence.c) ---- */

/* A file to store, as uploaded. */
struct evidence_upload {
	const void *data;
	size_t len;
	const char *filename; /* as the client named it, or NULL */
};
/* A stored file. */
struct evidence_file {
	char sm3[65];         /* its name in the store */
	char mime[128];       /* the type its content has */
	const char *filename; /* without directories (d->arena) */
	int64_t size;
};
/*
 * Checks an upload by its content (libmagic: PDF, images and Office
 * documents only) and stores it under its SM3 digest, whole or not at
 * all (sealed with the server's key, if any). 0 with *out filled, or -1
 * with 400 (no file), 415 (type) or 500. The caller adds the row that
 * ties the file to what it proves, with its audit entry.
 */
int evidence_file_store(struct dom *d, const struct evidence_upload *u,
    struct evidence_file *out);
/* An upload within its uploader's quota (record_quota, for no record),
 * stored (evidence_file_store): what a workflow's own file (a
 * rectification's evidence, a case's waiver) goes through. 0 or -1. */
int evidence_take(struct dom *d, const struct evidence_upload *u,
    struct evidence_file *out);
/* The type data's content has (libmagic, as evidence_file_store checks
 * it) into out: 0, or -1 when it cannot be told. */
int evidence_mime(const void *data, size_t len, char *out, size_t n);
/* The content of stored file sm3 (unsealed, checked against its name)
 * into *out (buf_init'd by the caller, with its ceiling). 0, or -1 with
 * 410 (not in the store) or 500 (fails its check). */
struct buf;
int evidence_read(struct dom *d, const char *sm3, struct buf *out);
/* The path of stored file sm3 (d->arena). */
const char *evidence_path(struct dom *d, const char *sm3);
/* Attaches an upload to record (evidence_date: YYYY-MM-DD or NULL):
 * *key names the new file. A verified record goes back to review. */
int evidence_add(struct dom *d, const char *record,
    const struct evidence_upload *u, const char *evidence_date,
    int64_t *key);
/* A stored evidence row as the API shows it. */
json_t *record_evidence_json(const struct store_evidence *e);
/* Evidence file key when d->user may read its record: 0 with *out (texts
 * in d->arena), or -1 with 404. */
int evidence_find(struct dom *d, const char *key, struct store_evidence *out);

/* ---- qualitative scores (score.c) ---- */

/* Writes the score obj (the import format; its scorer is d->user).
 * 0, or -1 with the fault (400 and 409 with the errors list). */
int score_write(struct dom *d, json_t *obj);

#endif
