/*
 * The import of one stream: reading lines with a ceiling, the transaction,
 * deferred lines, and the audit entry for the whole file.
 */
#include "import/import-int.h"

#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "base/buf.h"
#include "base/progress.h"
#include "base/sm3.h"

#define LINE_MAX_BYTES (1u << 20)      /* one JSON object */
#define DEFERRED_MAX_BYTES (64u << 20) /* lines waiting for a definition */

struct deferred {
	long line;
	char *text;
};

struct queue {
	struct deferred *v;
	size_t n, cap;
	size_t bytes;
};

/* A buffered reader that counts bytes, so NUL bytes cannot hide a line. */
struct reader {
	FILE *in;
	char buf[65536];
	size_t pos, len;
	struct sm3 *digest;
};

static int
fill(struct reader *r)
{
	r->pos = 0;
	r->len = fread(r->buf, 1, sizeof r->buf, r->in);
	if (r->len > 0 && r->digest != NULL)
		sm3_update(r->digest, r->buf, r->len);
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

/* Parses and imports one line's text. */
static enum line_result
one(struct importer *im, const char *text, size_t len)
{
	json_error_t err;
	json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (o == NULL) {
		diag_field(im->d, im->name, im->line, "json",
		    "invalid JSON at column %d: %s", err.column, err.text);
		return LINE_BAD;
	}
	enum line_result r = import_line(im, o);
	json_decref(o);
	return r;
}

static void
after(struct importer *im, enum line_result r)
{
	if (r == LINE_BAD) {
		im->stats->bad++;
		im->writing = 0;
	}
}

static int
load_region(void *ctx, const struct store_region *r)
{
	static const char *const levels[] = { "province", "prefecture",
		"county", "township" };
	int rank = 0;
	for (int i = 0; i < 4; i++)
		if (strcmp(r->level, levels[i]) == 0)
			rank = i;
	return idmap_put(ctx, r->code, r->key << 3 | rank);
}

static int
load_organ(void *ctx, const struct store_organ *o)
{
	return idmap_put(ctx, o->id, o->key);
}

static int
load_person(void *ctx, const struct store_person *p)
{
	return idmap_put(ctx, p->id, p->key);
}

static int
defer(struct queue *q, long line, const char *text, size_t len)
{
	if (q->bytes + len > DEFERRED_MAX_BYTES)
		return -1;
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 64;
		struct deferred *v = realloc(q->v, cap * sizeof *v);
		if (v == NULL)
			return -1;
		q->v = v;
		q->cap = cap;
	}
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

enum import_result
import_stream(struct store *s, const struct catalog *c, FILE *in,
    const char *name, const char *actor, struct diag *d,
    struct import_stats *stats)
{
	struct importer im = { .s = s, .c = c, .name = name, .actor = actor,
		.d = d, .stats = stats, .writing = 1, .deferring = 1 };
	struct queue q = { 0 };
	struct buf line;
	struct progress pr;
	struct sm3 *digest = sm3_create();
	enum import_result result = IMPORT_FAILED;
	long errors_before = d->count;

	memset(stats, 0, sizeof *stats);
	buf_init(&line, LINE_MAX_BYTES);
	im.regions = idmap_create();
	im.organs = idmap_create();
	im.persons = idmap_create();
	if (digest == NULL || !im.regions || !im.organs || !im.persons) {
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
	if (store_each_region(s, load_region, im.regions) ||
	    store_each_organ(s, load_organ, im.organs) ||
	    store_each_person(s, load_person, im.persons)) {
		im.failed = 1;
		goto end;
	}

	progress_start(&pr, "导入", -1);
	int too_long;
	struct reader *rd = calloc(1, sizeof *rd);
	if (rd == NULL) {
		im.failed = 1;
		goto end;
	}
	rd->in = in;
	rd->digest = digest;
	while (!im.failed && read_line(rd, &line, &too_long)) {
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
	free(rd);
	progress_end(&pr);
	if (ferror(in)) {
		diag_field(d, name, im.line, "file", "read error");
		im.failed = 1;
	}
	drain(&im, &q);

end:
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
	idmap_free(im.regions);
	idmap_free(im.organs);
	idmap_free(im.persons);
	buf_free(&line);
	return result;
}

enum import_result
import_object(struct store *s, const struct catalog *c, json_t *obj,
    const char *type, const char *actor, struct diag *d, int *put)
{
	struct import_stats stats = { 0 };
	struct importer im = { .s = s, .c = c, .name = "(request)",
		.actor = actor, .d = d, .stats = &stats, .writing = 1,
		.lookup = 1, .verb = type, .put = -1 };
	long before = d->count;
	im.regions = idmap_create();
	im.organs = idmap_create();
	im.persons = idmap_create();
	enum import_result rc = IMPORT_FAILED;
	if (im.regions && im.organs && im.persons) {
		json_object_set_new(obj, "type", json_string(type));
		enum line_result lr = import_line(&im, obj);
		json_object_del(obj, "type");
		rc = im.failed ? IMPORT_FAILED : lr == LINE_DONE &&
		    d->count == before ? IMPORT_OK : IMPORT_BAD;
	}
	*put = im.put;
	idmap_free(im.regions);
	idmap_free(im.organs);
	idmap_free(im.persons);
	return rc;
}
