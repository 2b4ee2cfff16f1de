/*
 * The domain layer: the operations of lvzhi's workflows, below the API
 * and the pages.
 *
 * An operation (file a record, verify it, move a case, sign a report,
 * issue a notice, close a year) takes a struct dom — who acts, the store,
 * the catalog — and plain C input; it checks scope and state against the
 * rows as stored, writes through the store in one transaction beside its
 * audit entry, and returns 0 (a result in its out parameters) or -1 with
 * the fault in d->fault. It never sees a request: src/api turns the fault
 * into an RFC 9457 problem (api_fault), src/web into the form again with
 * its messages (page_fault); neither calls the other. The rules of who
 * may do what live in src/auth, the SQL in src/store.
 *
 * docs/architecture.md draws the layers.
 */
#ifndef LVZHI_DOMAIN_H
#define LVZHI_DOMAIN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/access.h"
#include "base/arena.h"
#include "base/fault.h"
#include "base/entity.h"
#include "rules/catalog.h"
#include "store/store.h"

struct seal_key;

/* What the server's settings decide for the domain (http fills it). */
struct dom_settings {
	const char *evidence_dir;        /* evidence files by SM3 */
	const struct seal_key *seal;     /* or NULL: files kept in clear */
	size_t max_upload;               /* one evidence file, bytes */
	unsigned evidence_record_files;  /* files one record may hold */
	uint64_t evidence_account_bytes; /* bytes one account may upload */
	unsigned session_lifetime, token_lifetime; /* seconds */
};

struct dom {
	struct store *store;
	const struct catalog *catalog;
	const struct principal *user;
	struct arena *arena;     /* what results point into */
	const char *actor;       /* the audit log's "web:NAME", "api:NAME" */
	const struct dom_settings *settings;
	struct fault fault;      /* the last operation's refusal */
};

/* The fault of a storage failure: 500 with the store's message (503
 * "busy" when begun is 0: the transaction never started). Rolls back
 * an open one. Returns -1. */
int dom_fail(struct dom *d, int begun);
/* Sets d->fault and returns -1. */
int dom_refuse(struct dom *d, unsigned status, const char *title,
    const char *detail, const char *field);
/*
 * The audit entry of a write, inside its transaction: action
 * ("interview.schedule") on kind:id, what (may be NULL) digested with
 * SM3 as the entry's content. Returns 0 or -1.
 */
int dom_audit(struct dom *d, const char *action, const char *kind,
    const char *id, const json_t *what);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC), on date_today()'s clock
 * (date_clock_now): what a row's stamps say. */
void dom_now(char out[32]);
/* Room for one more element of size bytes at the end of an array: v is
 * the address of its pointer (a struct x **), *n its length, *cap its
 * capacity; grown in d's arena. Returns the new element, zeroed, *n
 * counting it. For the lists an operation reads from the store. */
void *dom_push(struct dom *d, void *v, size_t *n, size_t *cap, size_t size);
/*
 * Rows read from the store kept past their statement, in d's arena:
 * items holds n structs of size bytes. dom_keep, called from a store
 * iterator's callback, copies one row of entity e (its texts into the
 * arena); a callback that makes its own struct of a row fills
 * dom_next's. Both return 0, the callback's answer.
 */
struct dom_rows {
	struct dom *d;
	const struct entity *e;
	size_t size, n, cap;
	void *items;
};
#define DOM_ROWS(d, e, type) { (d), &(e), sizeof (type), 0, 0, NULL }
#define DOM_LIST(d, type) { (d), NULL, sizeof (type), 0, 0, NULL }
int dom_keep(struct dom_rows *w, const void *row);
void *dom_next(struct dom_rows *w);
/* The typed callback of a store iterator that dom_keeps its row into
 * ctx, a struct dom_rows: one generic keeper for every entity, a macro
 * because C has no other way to write a callback per row type. */
#define DOM_KEEPER(fn, type)                                              \
	int fn(void *ctx, const type *row) { return dom_keep(ctx, row); }
/* A copy of row (an entity's struct whose texts belong to the store's
 * statement) with every text in d->arena; size is the struct's. */
void dom_copy(struct dom *d, const struct entity *e, const void *row,
    void *out, size_t size);
/* s copied into d's arena; NULL for NULL. */
const char *dom_strdup(struct dom *d, const char *s);
/* A new row's id: "PREFIX-YYYY-" and eight random hex digits (arena). */
const char *dom_new_id(struct dom *d, const char *prefix, int year);
/* A new row's id as dom_new_id's, with who makes it and when: *by the
 * acting user's name, *at now (UTC, in the arena). */
const char *dom_new_row(struct dom *d, const char *prefix, int year,
    const char **by, const char **at);
/* The end of a write begun with store_begin: commits when rc is 0 and
 * returns 0, else (or when the commit fails) the fault of dom_fail(d, 1)
 * and -1. */
int dom_commit(struct dom *d, int rc);
/* The same, with the audit entry of the write (dom_audit: action on
 * kind:id, what digested) when rc is 0; what is released. */
int dom_write(struct dom *d, int rc, const char *action, const char *kind,
    const char *id, json_t *what);
/*
 * A text as given (NULL: none) into *out (arena), trimmed, at most max
 * bytes, without control characters; blank is none, and none is refused
 * when required — the checks and words of every supervision form, label
 * naming the field in Chinese. Returns 0 or -1 (400 naming field).
 */
int dom_text(struct dom *d, const char *field, const char *label,
    const char *s, int required, size_t max, const char **out);
/* The organ a listing by a clerk (or a leader) covers: their own, into
 * *organ; another asked for in *organ (NULL: none) is refused. Returns
 * 1, 0 when they have no organ (they see nothing), or -1 (403 naming
 * "organ"). */
int dom_own_organ(struct dom *d, const char **organ);
/* The name of the region at path into *name (arena; NULL when there is
 * none). Returns 0, or -1 on a storage failure (no fault set). */
int dom_region_name(struct dom *d, const char *path, const char **name);

#endif
