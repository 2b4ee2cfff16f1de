/*
 * The import of one stream: reading lines with a ceiling, the transaction,
 * deferred lines, and the audit entry for the whole file.
 *
 * Speed, for files of millions of lines: the file's SM3 digest (for the
 * audit entry) is computed on a second thread from the chunks the reader
 * has read, so hashing overlaps parsing; lines are parsed by jv's parser
 * into an arena reset per line (jansson only for what it declines, and
 * for the wording of JSON errors); the valid lines' writes are made by a
 * writer thread (import-pipe.c) while the next lines are parsed; and the
 * store is told a bulk load is coming (store_bulk, store_bulk_indexes),
 * which checks nothing twice and builds the secondary indexes of empty
 * tables once, at the end, rather than row by row.
 */
#include "import/import-int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "base/buf.h"
#include "base/progress.h"
#include "base/sm3.h"
#include "base/vec.h"
#include "base/worker.h"
#include "store/store-closure.h"

#define LINE_MAX_BYTES (1u << 20)      /* one JSON object */
#define DEFERRED_MAX_BYTES (64u << 20) /* lines waiting for a definition */
#define CHUNK_BYTES (1u << 20)         /* one read */
#define CHUNKS 16                      /* read ahead of the digest */

struct deferred {
	long line;
	char *text;
};

struct queue {
	struct deferred *v;
	size_t n, cap;
	size_t bytes;
};

/*
 * The chunks read so far and the thread hashing them. Chunk k lives in
 * buf[k % CHUNKS]; the reader reuses a buffer only once the digest has
 * taken its previous chunk. The thread never does I/O, so joining it
 * always ends.
 */
struct digester {
	struct sm3 *sm3;
	char *buf[CHUNKS];
	size_t len[CHUNKS];
	unsigned long submitted, digested;
	int done, threaded;
	struct worker t; /* when threaded; its lock guards the counts */
};

/* Counts one more chunk read or digested (*count), and wakes the other
 * side. */
static void
advance(struct digester *g, unsigned long *count)
{
	pthread_mutex_lock(&g->t.lock);
	(*count)++;
	pthread_cond_broadcast(&g->t.cond);
	pthread_mutex_unlock(&g->t.lock);
}

static void *
digest_main(void *arg)
{
	struct digester *g = arg;
	for (;;) {
		pthread_mutex_lock(&g->t.lock);
		while (g->digested == g->submitted && !g->done)
			pthread_cond_wait(&g->t.cond, &g->t.lock);
		int more = g->digested != g->submitted;
		size_t slot = g->digested % CHUNKS;
		pthread_mutex_unlock(&g->t.lock);
		if (!more)
			return NULL;
		sm3_update(g->sm3, g->buf[slot], g->len[slot]);
		advance(g, &g->digested);
	}
}

/* Returns 0, or -1 when out of memory. */
static int
digester_start(struct digester *g, struct sm3 *sm3)
{
	memset(g, 0, sizeof *g);
	g->sm3 = sm3;
	for (int i = 0; i < CHUNKS; i++)
		if ((g->buf[i] = malloc(CHUNK_BYTES)) == NULL)
			return -1;
	/* Without a thread the reader hashes each chunk itself. */
	g->threaded = worker_start(&g->t, digest_main, g) == 0;
	return 0;
}

/* Waits until chunk k's buffer is free, then reads chunk k into it. */
static size_t
digester_read(struct digester *g, FILE *in, char **data)
{
	size_t slot = g->submitted % CHUNKS;
	if (g->threaded) {
		pthread_mutex_lock(&g->t.lock);
		while (g->submitted - g->digested >= CHUNKS)
			pthread_cond_wait(&g->t.cond, &g->t.lock);
		pthread_mutex_unlock(&g->t.lock);
	}
	size_t n = fread(g->buf[slot], 1, CHUNK_BYTES, in);
	*data = g->buf[slot];
	if (n == 0)
		return 0;
	g->len[slot] = n;
	if (!g->threaded) {
		sm3_update(g->sm3, g->buf[slot], n);
		g->submitted++;
		g->digested++;
		return n;
	}
	advance(g, &g->submitted);
	return n;
}

/* Lets the thread finish what was read, and frees the buffers. */
static void
digester_stop(struct digester *g)
{
	if (g->threaded) {
		worker_stop(&g->t, &g->done);
		worker_free(&g->t);
		g->threaded = 0;
	}
	for (int i = 0; i < CHUNKS; i++) {
		free(g->buf[i]);
		g->buf[i] = NULL;
	}
}

/* A buffered reader that counts bytes, so NUL bytes cannot hide a line. */
struct reader {
	FILE *in;
	struct digester *dg;
	char *buf;
	size_t pos, len;
};

static int
fill(struct reader *r)
{
	r->pos = 0;
	r->len = digester_read(r->dg, r->in, &r->buf);
	return r->len > 0;
}

/*
 * Reads one line into b without its newline, keeping at most
 * LINE_MAX_BYTES; *too_long is set when more was dropped. Returns 1, or 0
 * at the end of input.
 */
static int
read_line(struct reader *r, struct buf *b, int *too_long)
{
	buf_reset(b);
	*too_long = 0;
	int any = 0;
	for (;;) {
		if (r->pos == r->len && !fill(r))
			break;
		any = 1;
		char *start = r->buf + r->pos;
		size_t avail = r->len - r->pos;
		char *nl = memchr(start, '\n', avail);
		size_t n = nl ? (size_t)(nl - start) : avail;
		if (!*too_long && buf_append(b, start, n))
			*too_long = 1;
		r->pos += n + (nl != NULL);
		if (nl != NULL)
			break;
	}
	if (b->len > 0 && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	return any;
}

static int
blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/*
 * Parses and imports one line's text: jv's parser first, jansson for what
 * it declines (and for the wording of a JSON error).
 */
static enum line_result
one(struct importer *im, const char *text, size_t len)
{
	arena_reset(im->arena);
	struct jv *v = jv_parse(im->arena, text, len);
	if (v == NULL) {
		json_error_t err;
		json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
		if (o == NULL) {
			diag_field(im->d, im->name, im->line, "json",
			    "invalid JSON at column %d: %s", err.column, err.text);
			return LINE_BAD;
		}
		v = jv_from_json(im->arena, o);
		json_decref(o);
	}
	return import_line(im, v);
}

static void
after(struct importer *im, enum line_result r)
{
	if (r == LINE_BAD) {
		im->stats->bad++;
		/* A line refused for a closed year was written and is rolled
		 * back with the file: the lines after it are still written,
		 * so that each one that would change a closed year is told. */
		if (!im->line_closed)
			im->writing = 0;
	}
	im->line_closed = 0;
}

/* The database's rows, known by id, and the largest key of each table. */
static int
known(struct importer *im, int which, const char *id, int64_t key,
    int64_t value)
{
	if (key > im->last_key[which])
		im->last_key[which] = key;
	return idmap_put(im->ids[which], id, value);
}

static int
load_region(void *ctx, const struct store_region *r)
{
	static const char *const levels[] = { "province", "prefecture",
		"county", "township" };
	struct importer *im = ctx;
	int rank = 0;
	for (int i = 0; i < 4; i++)
		if (strcmp(r->level, levels[i]) == 0)
			rank = i;
	return known(im, KNOWN_REGION, r->code, r->key, r->key << 3 | rank);
}

static int
load_organ(void *ctx, const struct store_organ *o)
{
	struct importer *im = ctx;
	return known(im, KNOWN_ORGAN, o->id, o->key, o->key);
}

static int
load_person(void *ctx, const struct store_person *p)
{
	struct importer *im = ctx;
	return known(im, KNOWN_PERSON, p->id, p->key, p->key);
}

static int
defer(struct queue *q, long line, const char *text, size_t len)
{
	if (q->bytes + len > DEFERRED_MAX_BYTES)
		return -1;
	if (vec_reserve(&q->v, q->n, &q->cap, sizeof *q->v, 64))
		return -1;
	char *t = strdup(text);
	if (t == NULL)
		return -1;
	q->v[q->n].line = line;
	q->v[q->n].text = t;
	q->n++;
	q->bytes += len;
	return 0;
}

/*
 * Retries deferred lines until a pass resolves none, then reports what is
 * left as unknown references.
 */
static void
drain(struct importer *im, struct queue *q)
{
	size_t before;
	do {
		before = q->n;
		size_t keep = 0;
		for (size_t i = 0; i < q->n && !im->failed; i++) {
			im->line = q->v[i].line;
			enum line_result r = one(im, q->v[i].text, strlen(q->v[i].text));
			after(im, r);
			if (r == LINE_DEFERRED)
				q->v[keep++] = q->v[i];
			else
				free(q->v[i].text);
		}
		q->n = keep;
	} while (q->n > 0 && q->n < before && !im->failed);
	im->deferring = 0;
	for (size_t i = 0; i < q->n; i++) {
		im->line = q->v[i].line;
		if (!im->failed)
			after(im, one(im, q->v[i].text, strlen(q->v[i].text)));
		free(q->v[i].text);
	}
	free(q->v);
	q->v = NULL;
	q->n = 0;
}

/* The importer's own memory: its document buffer, arena and id maps.
 * Returns 0, or -1 out of memory; importer_close either way. */
static int
importer_open(struct importer *im)
{
	buf_init(&im->doc, IMPORT_DOC_MAX);
	im->arena = arena_create();
	for (int i = 0; i < KNOWN_TABLES; i++)
		if ((im->ids[i] = idmap_create()) == NULL)
			return -1;
	return 0;
}

static void
importer_close(struct importer *im)
{
	for (int i = 0; i < KNOWN_TABLES; i++)
		idmap_free(im->ids[i]);
	idmap_free(im->kinds);
	idset_free(im->seen);
	arena_free(im->arena);
	buf_free(&im->doc);
}

enum import_result
import_stream(struct store *s, const struct catalog *c, FILE *in,
    const char *name, const char *actor, struct diag *d,
    struct import_stats *stats)
{
	struct importer im = { .s = s, .c = c, .name = name, .actor = actor,
		.d = d, .stats = stats, .writing = 1, .deferring = 1,
		.today = DATE_NONE };
	struct queue q = { 0 };
	struct buf line;
	struct progress pr;
	struct sm3 *digest = sm3_create();
	struct digester dg;
	int digesting = 0;
	enum import_result result = IMPORT_FAILED;
	long errors_before = d->count;
	int64_t records_before = 0;

	memset(stats, 0, sizeof *stats);
	buf_init(&line, LINE_MAX_BYTES);
	if (importer_open(&im) || digest == NULL) {
		diag_field(d, name, 0, "import", "out of memory or no SM3");
		goto out;
	}
	/* Cache and sync settings cannot change inside a transaction. */
	store_bulk(s, 1);
	if (store_begin(s)) {
		diag_field(d, name, 0, "database", "%s", store_error(s));
		store_bulk(s, 0);
		goto out;
	}
	/* With a closed year every record and score is checked as it is
	 * written, on this thread: no writer thread, no first-load path. */
	im.closures = store_closure_any(s, 0);
	if (im.closures < 0 || store_record_key_max(s, &records_before) ||
	    store_each_region(s, load_region, &im) ||
	    store_each_organ(s, load_organ, &im) ||
	    store_each_person(s, load_person, &im) ||
	    store_bulk_indexes(s, 1) ||
	    (!im.closures && store_bulk_first(s) &&
	    (im.seen = idset_create()) == NULL)) {
		im.failed = 1;
		goto end;
	}
	digesting = 1;
	if (digester_start(&dg, digest)) {
		im.failed = 1;
		goto end;
	}

	/* From here until import_pipe_end only the writer uses the store. */
	im.pipe = im.closures ? NULL : import_pipe_start(s, actor);
	progress_start(&pr, "导入", -1);
	int too_long;
	struct reader rd = { .in = in, .dg = &dg };
	while (!im.failed && read_line(&rd, &line, &too_long)) {
		im.line = ++stats->lines;
		progress_add(&pr, 1);
		if (too_long) {
			diag_field(d, name, im.line, "line",
			    "longer than %u bytes", LINE_MAX_BYTES);
			after(&im, LINE_BAD);
			continue;
		}
		if (blank(line.data ? line.data : ""))
			continue;
		enum line_result r = one(&im, line.data, line.len);
		after(&im, r);
		if (r == LINE_DEFERRED && (memchr(line.data, '\0', line.len) ||
		    defer(&q, im.line, line.data, line.len))) {
			im.deferring = 0;
			after(&im, one(&im, line.data, line.len));
			im.deferring = 1;
		}
	}
	progress_end(&pr);
	if (ferror(in)) {
		diag_field(d, name, im.line, "file", "read error");
		im.failed = 1;
	}
	drain(&im, &q);

end:
	if (im.pipe != NULL) {
		long failed_at;
		if (import_pipe_end(im.pipe, stats, &failed_at)) {
			im.failed = 1;
			im.line = failed_at;
		}
		im.pipe = NULL;
	}
	if (digesting) {
		digester_stop(&dg);
		digesting = 0;
	}
	if (!im.failed && d->count == errors_before && im.writing &&
	    store_bulk_indexes(s, 0))
		im.failed = 1;
	/* The new records' readable numbers: one statement for the whole
	 * file, with the indexes back, not a query a row. */
	if (!im.failed && d->count == errors_before && im.writing &&
	    store_number_records(s, records_before))
		im.failed = 1;
	if (im.failed || d->count > errors_before || !im.writing) {
		if (im.failed && d->count == errors_before)
			diag_field(d, name, im.line, "database", "%s",
			    store_error(s));
		store_rollback(s);
		store_bulk(s, 0);
		result = im.failed ? IMPORT_FAILED : IMPORT_BAD;
		stats->inserted = stats->updated = stats->unchanged = 0;
		goto out;
	}
	char hex[SM3_HEX_LEN];
	int rc = sm3_final(digest, hex);
	digest = NULL;
	if (rc == 0 && stats->inserted + stats->updated > 0) {
		char entity[600];
		snprintf(entity, sizeof entity, "file:%s", name);
		rc = audit_append(s, actor, "import", entity, 1, hex);
	}
	if (rc || store_commit(s)) {
		diag_field(d, name, im.line, "database", "%s", store_error(s));
		store_rollback(s);
		store_bulk(s, 0);
		goto out;
	}
	store_bulk(s, 0);
	result = IMPORT_OK;
out:
	for (size_t i = 0; i < q.n; i++)
		free(q.v[i].text);
	free(q.v);
	sm3_free(digest);
	importer_close(&im);
	buf_free(&line);
	return result;
}

enum import_result
import_object(struct store *s, const struct catalog *c, json_t *obj,
    const char *type, const char *actor, const struct import_guard *guard,
    struct diag *d, int *put)
{
	struct import_stats stats = { 0 };
	struct importer im = { .s = s, .c = c, .name = "(request)",
		.actor = actor, .d = d, .stats = &stats, .writing = 1,
		.lookup = 1, .verb = type, .put = -1, .today = date_today(),
		.guard = guard };
	long before = d->count;
	enum import_result rc = IMPORT_FAILED;
	if (importer_open(&im) == 0) {
		json_object_set_new(obj, "type", json_string(type));
		struct jv *v = jv_from_json(im.arena, obj);
		json_object_del(obj, "type");
		im.closures = store_closure_any(s, 0);
		enum line_result lr = im.closures < 0 ? LINE_BAD :
		    import_line(&im, v);
		im.failed |= im.closures < 0;
		/* A new record takes its readable number in this
		 * transaction (a row of another table: none to take). */
		if (lr == LINE_DONE && !im.failed && im.put == STORE_INSERTED &&
		    jv_str(jv_get(v, "id")) != NULL &&
		    store_number_record(s, jv_str(jv_get(v, "id"))))
			im.failed = 1;
		/* What the import did to its copy, the caller's object gets:
		 * nulls dropped once canonicalised, the default status. */
		if (im.canonical) {
			const char *key;
			json_t *val;
			void *tmp;
			json_object_foreach_safe(obj, tmp, key, val)
				if (json_is_null(val))
					json_object_del(obj, key);
		}
		if (im.status_added)
			json_object_set_new(obj, "status", json_string(jv_str(
			    jv_get(v, "status"))));
		rc = im.failed ? IMPORT_FAILED : im.refused ? IMPORT_REFUSED :
		    im.closed ? IMPORT_CLOSED : lr == LINE_DONE && d->count == before ? IMPORT_OK :
		    IMPORT_BAD;
	}
	*put = im.put;
	importer_close(&im);
	return rc;
}
