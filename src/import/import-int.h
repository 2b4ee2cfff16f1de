/* Internal to the importer: the state one file's import shares. */
#ifndef LVZHI_IMPORT_INT_H
#define LVZHI_IMPORT_INT_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/idmap.h"
#include "base/jv.h"
#include "import/import.h"

/* The canonical text of one line, at most (a line is at most 1 MiB; its
 * canonical form can grow a little: reals, "status"). */
#define IMPORT_DOC_MAX (8u << 20)
/* An id of a region, organ, person, tenure or record, at most (bytes). */
#define ID_MAX 128

struct import_pipe;

/* The tables an importer knows rows of by id. */
enum { KNOWN_REGION, KNOWN_ORGAN, KNOWN_PERSON, KNOWN_TABLES };

struct importer {
	struct store *s;
	const struct catalog *c;
	const char *name;
	const char *actor;
	struct diag *d;
	struct import_stats *stats;
	/* What is known: the database's rows and this file's valid lines.
	 * Values: key << 3 | level rank for regions, key for the rest; key 0
	 * stands for a valid line not written (after the first error). */
	struct idmap *ids[KNOWN_TABLES]; /* by KNOWN_* */
	/* record kind id -> version << 16 | index, on first use */
	struct idmap *kinds;
	/* The largest region, organ and person keys so far: a file import
	 * numbers the rows it adds itself, as SQLite would (next after the
	 * largest), so that lines can refer to rows not written yet. */
	int64_t last_key[KNOWN_TABLES];
	struct import_pipe *pipe; /* the writer thread, or NULL: write now */
	/* A first load (store_bulk_first): the record ids written so far,
	 * for the records that are certainly new; else NULL. */
	struct idset *seen;
	int lookup;    /* unknown ids are looked up in the store (the API) */
	/* Dates of what a record says was done may not lie after today (an
	 * account's request); DATE_NONE: not checked (the operator's file,
	 * historical or synthetic, whose "today" is not the server's). */
	date_t today;
	const char *verb; /* audit inserts too, as TYPE.create / TYPE.update */
	int put;       /* the last write's enum store_put */
	int writing;   /* 0 after the first bad line */
	int deferring; /* unknown references defer the line, not fail it */
	int failed;    /* storage failure: stop */
	const struct import_guard *guard; /* who writes (import_object) */
	int refused;   /* the guard refused a row */
	int closures;  /* a closed year exists: every write is checked */
	int closed;    /* a row would change a closed year */
	int line_closed; /* this line did: the file goes on being checked */
	long line;
	long line_errors;
	/* Per line: the parsed value's arena (reset for each line) and the
	 * canonical text; whether the line was canonicalised (its nulls
	 * dropped) and given the default status, so the API can do the same
	 * to the object it passed. */
	struct arena *arena;
	struct buf doc;
	int canonical, status_added;
};

/* Outcome of one line. */
enum line_result {
	LINE_DONE,     /* valid (written when writing) */
	LINE_BAD,      /* reported */
	LINE_DEFERRED, /* refers to something not seen yet */
};

/* Validates and writes one parsed line; obj lives in im->arena and may be
 * changed (nulls dropped, a default status added). */
enum line_result import_line(struct importer *im, struct jv *obj);

/*
 * One valid line's write. s[0] is the id the audit names, s[3] the
 * canonical document; by type:
 *   region  s[1] name, s[2] level; ref[0] parent
 *   organ   s[1] kind, s[2] name; ref[0] region, ref[1] parent organ
 *   person  s[1] name
 *   tenure  s[1] role; ref[0] person, ref[1] organ; date[0..1] start, end
 *   record  s[1] kind, s[2] status, s[4] title; ref[0] organ,
 *           ref[1] person; date[0]
 *   score   s[0] "person/year/duty", s[1] duty, s[2] by, s[4] comment;
 *           ref[0] person; year, score
 */
enum row_type { ROW_REGION, ROW_ORGAN, ROW_PERSON, ROW_TENURE, ROW_RECORD,
	ROW_SCORE };
#define ROW_STRINGS 5
struct import_row {
	enum row_type type;
	long line;
	int64_t key; /* region, organ, person: the new row's, 0 the next */
	int64_t ref[2];
	date_t date[2];
	int year;
	double score;
	int fresh; /* a record whose id no row has (a first load's) */
	const char *s[ROW_STRINGS];
};

/* Reports a problem of the current line naming its field (counted in
 * im->line_errors; the line is then not written). */
void import_bad(struct importer *im, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes a valid line's row (the canonical document in s[3]; NULL past
 * its ceiling, a failure), or queues it for the writer thread. Returns 0,
 * or -1 with im->failed set. (import-write.c, as the rest of this block.) */
int import_row_queue(struct importer *im, struct import_row *row);
/* Stores and audits a row (store_put_*, counted in im->stats); returns
 * the enum store_put, with row->key set when a row was added, or -1 with
 * im->failed set. */
int import_row_write(struct importer *im, struct import_row *row);
/* Stores n fresh records (import_row.fresh), many to a statement, and
 * counts them; 0, or -1 with im->failed set. */
int import_records_add(struct importer *im, const struct import_row *rows,
    size_t n);
/* The two halves of import_row_write, for the writer's batches: the
 * store_put_* (an enum store_put, STORE_QUEUED in a batch, or -1; nothing
 * counted), then with its answer the count and the audit (0, or -1 with
 * im->failed set, when put is -1 or the audit failed). */
int import_row_put(struct importer *im, struct import_row *row);
int import_row_done(struct importer *im, const struct import_row *row,
    int put);

/*
 * The writer thread (import-pipe.c). import_pipe_start returns NULL when
 * no thread can be started (then rows are written as they come).
 * import_pipe_push queues a copy of a row: 0, or -1 when out of memory
 * or a write has failed. import_pipe_end waits for every queued row,
 * stops the thread, adds the writer's counts to stats and frees; 0, or
 * -1 when a write failed (*line: that row's line; the store's error says
 * why). Between start and end only the writer may use the store.
 */
struct import_pipe *import_pipe_start(struct store *s, const char *actor);
int import_pipe_push(struct import_pipe *p, const struct import_row *row);
int import_pipe_end(struct import_pipe *p, struct import_stats *stats,
    long *line);

#endif
