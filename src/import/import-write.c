/*
 * The write half of an import line: a valid line's row into the store,
 * counted and audited. A row goes through import_row_write() one by one,
 * or, in a file import with a writer thread, through its two halves
 * (import_row_put, then import_row_done) so that import-pipe.c can group
 * many rows into a statement; fresh records go many at a time
 * (import_records_add). A row that would change a closed year is refused
 * here, against the store as it stands when the row is written.
 */
#include "import/import-int.h"

#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "base/sm3.h"
#include "store/store-closure.h"

/*
 * Counts a write and audits it: updates always (a change of what was
 * there), inserts only under a verb (the API); a file import audits its
 * inserts once, for the file.
 */
static int
audit_put(struct importer *im, int r, const char *type, const char *id,
    const char *doc)
{
	if (r < 0) {
		im->failed = 1;
		return -1;
	}
	im->put = r;
	if (r == STORE_INSERTED)
		im->stats->inserted++;
	else if (r == STORE_UNCHANGED)
		im->stats->unchanged++;
	else
		im->stats->updated++;
	if (r == STORE_UNCHANGED || (r == STORE_INSERTED && im->verb == NULL))
		return 0;
	char entity[ID_MAX * 2 + 64], action[64], digest[SM3_HEX_LEN];
	snprintf(entity, sizeof entity, "%s:%s", type, id);
	if (im->verb != NULL)
		snprintf(action, sizeof action, "%s.%s", type,
		    r == STORE_INSERTED ? "create" : "update");
	else
		snprintf(action, sizeof action, "import.update");
	if (sm3_hex(doc, strlen(doc), digest) ||
	    audit_append(im->s, im->actor, action, entity, 1, digest)) {
		im->failed = 1;
		return -1;
	}
	return 0;
}

/* Fresh records handed to the store at a time (it groups them into its
 * own statements). */
#define ADD_AT_ONCE 64

/* Stores n (at most ADD_AT_ONCE) fresh records; returns how many were
 * stored. */
static size_t
add_records(struct importer *im, const struct import_row *rows, size_t n)
{
	struct store_new_record v[ADD_AT_ONCE];
	for (size_t i = 0; i < n; i++) {
		const struct import_row *r = &rows[i];
		v[i] = (struct store_new_record){ .id = r->s[0], .kind = r->s[1],
			.status = r->s[2], .title = r->s[4], .doc = r->s[3],
			.organ_key = r->ref[0], .person_key = r->ref[1],
			.date = r->date[0] };
	}
	return store_add_records(im->s, v, n);
}

int
import_records_add(struct importer *im, const struct import_row *rows,
    size_t n)
{
	while (n > 0) {
		size_t k = n < ADD_AT_ONCE ? n : ADD_AT_ONCE;
		size_t done = add_records(im, rows, k);
		im->stats->inserted += done;
		if (done < k) {
			/* Which line: the failed statement stored none of its
			 * rows, so they go again one by one up to the one
			 * refused (a trigger, a full disk), whose line is
			 * reported. */
			for (size_t i = done; i < k; i++) {
				im->line = rows[i].line;
				if (add_records(im, &rows[i], 1) == 0)
					break;
			}
			im->failed = 1;
			return -1;
		}
		rows += k;
		n -= k;
	}
	im->put = STORE_INSERTED;
	return 0;
}

int
import_row_put(struct importer *im, struct import_row *row)
{
	const char *const *s = row->s;
	switch (row->type) {
	case ROW_REGION:
		return store_put_region(im->s, s[0], s[1], s[2], row->ref[0], s[3],
		    &row->key);
	case ROW_ORGAN:
		return store_put_organ(im->s, s[0], row->ref[0], s[1], s[2],
		    row->ref[1], s[3], &row->key);
	case ROW_PERSON:
		return store_put_person(im->s, s[0], s[1], s[3], &row->key);
	case ROW_TENURE:
		return store_put_tenure(im->s, s[0], row->ref[0], row->ref[1], s[1],
		    row->date[0], row->date[1], s[3]);
	case ROW_RECORD:
		return store_put_record(im->s, s[0], s[1], row->ref[0], row->ref[1],
		    row->date[0], s[2], s[4], s[3]);
	case ROW_SCORE:
		return store_put_score(im->s, row->ref[0], row->year, s[1],
		    row->score, s[2], s[4], s[3]);
	}
	return -1;
}

int
import_row_done(struct importer *im, const struct import_row *row, int put)
{
	static const char *const types[] = { "region", "organ", "person",
		"tenure", "record", "score" };
	return audit_put(im, put, types[row->type], row->s[0], row->s[3]);
}

/*
 * Whether a record or score row touches a closed year (contract,
 * "Closing a year"), by the store's one rule (store-closure.h): 1 when a
 * record as it would be written lies in a closed year of a closed
 * subtree (a score: of a closed year, for a post in one), 2 when only the
 * record as stored (by id) does, 0 when neither, -1 on error.
 */
static int
closed_row(struct importer *im, const struct import_row *row)
{
	if (row->type == ROW_SCORE)
		return store_score_closed(im->s, row->ref[0], row->year);
	if (row->type != ROW_RECORD)
		return 0;
	int rc = store_record_closed(im->s, NULL, row->ref[0], row->date[0]);
	if (rc == 0 && (rc = store_record_closed(im->s, row->s[0], 0,
	    DATE_NONE)) > 0)
		rc = 2;
	return rc;
}

/*
 * The regions a record or a score written over the API changes, named
 * for its audit entry (store_touch_*): a record's as stored before
 * (before, set) and as written (after), a score's person's posts. A file
 * import names none: its entries count as a change of everything.
 */
static int
touch(struct importer *im, const struct import_row *row, int before)
{
	if (im->verb == NULL)
		return 0;
	if (row->type == ROW_RECORD)
		return before ? store_touch_record(im->s, row->s[0]) :
		    store_touch_keys(im->s, row->ref[0], row->ref[1]);
	if (row->type == ROW_SCORE && !before)
		return store_touch_keys(im->s, 0, row->ref[0]);
	return 0;
}

int
import_row_write(struct importer *im, struct import_row *row)
{
	if (touch(im, row, 1) || touch(im, row, 0)) {
		im->failed = 1;
		return -1;
	}
	if (row->fresh)
		return import_records_add(im, row, 1) ? -1 : STORE_INSERTED;
	int closed = im->closures ? closed_row(im, row) : 0;
	if (closed < 0) {
		im->failed = 1;
		return -1;
	}
	int put = import_row_put(im, row);
	/* An identical line changes nothing and passes; any other write is
	 * refused, and the file (or request) rolled back whole. */
	if (closed && put >= 0 && put != STORE_UNCHANGED) {
		int y, m, d;
		date_to_ymd(row->date[0], &y, &m, &d);
		if (row->type == ROW_SCORE)
			import_bad(im, "year", "%d is a closed year: its "
			    "frozen results do not change (reopen it first)",
			    row->year);
		else if (closed == 1)
			import_bad(im, "date", "%d is a closed year for this "
			    "organ's region: its frozen results do not change "
			    "(reopen it first)", y);
		else
			import_bad(im, "date", "the stored record lies in a "
			    "closed year: it does not change (reopen the year "
			    "first)");
		im->closed = im->line_closed = 1;
		return -1;
	}
	return import_row_done(im, row, put) ? -1 : put;
}

int
import_row_queue(struct importer *im, struct import_row *row)
{
	row->line = im->line;
	if (row->s[3] == NULL) {
		im->failed = 1;
		return -1;
	}
	if (im->pipe == NULL)
		return import_row_write(im, row) < 0 ? -1 : 0;
	if (import_pipe_push(im->pipe, row) == 0)
		return 0;
	im->failed = 1;
	return -1;
}

