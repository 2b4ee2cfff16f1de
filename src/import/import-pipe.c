/*
 * The import's writer: a second thread that makes the writes of valid
 * lines (import_row_write) while the first reads, parses, validates and
 * canonicalises the next ones. On two cores the two halves overlap: the
 * parsing side and SQLite's b-tree work were each about half of a bulk
 * import's time on one thread.
 *
 * Rows travel in batches (a mutex and a wake-up per batch, not per row),
 * their strings copied into the batch's own buffer, which keeps its
 * storage from one use to the next. The writer takes the batches in the
 * order they were filled, so a row always finds the rows it refers to
 * written before it. While the writer runs, it alone uses the store; the
 * reading thread touches the store again only after import_pipe_end.
 */
#include "import/import-int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/worker.h"

#define BATCHES 32            /* filled, or being written, at a time */
#define BATCH_ROWS 512
#define BATCH_TEXT (1u << 20) /* a batch goes once its strings pass this */
/* A batch's strings at most: BATCH_TEXT and one more row's (a line is at
 * most 1 MiB, its canonical text IMPORT_DOC_MAX). */
#define BATCH_TEXT_MAX (BATCH_TEXT + 2 * IMPORT_DOC_MAX)
#define NO_TEXT SIZE_MAX

struct batch {
	struct import_row rows[BATCH_ROWS];
	size_t text[BATCH_ROWS][ROW_STRINGS]; /* offsets in buf, or NO_TEXT */
	size_t n;
	struct buf buf;
};

struct import_pipe {
	struct importer w;          /* the writer's view: store, actor, counts */
	struct import_stats stats;  /* what the writer wrote */
	struct batch b[BATCHES];    /* batch k lives in b[k % BATCHES] */
	struct import_row fresh[BATCH_ROWS]; /* the batch's fresh records */
	size_t nfresh;
	unsigned long filled;       /* batches handed to the writer */
	unsigned long written;      /* batches the writer is done with */
	int stop;
	int failed;                 /* a write failed: the rest is skipped */
	long failed_line;
	struct worker t;            /* its lock guards the counts above */
};

/* Stores the fresh records set aside so far (p->fresh). */
static void
add_fresh(struct import_pipe *p)
{
	if (p->nfresh > 0 && !p->w.failed &&
	    import_records_add(&p->w, p->fresh, p->nfresh))
		p->w.failed = 1;
	p->nfresh = 0;
}

/* Points row i's strings into its batch's buffer; returns the row. */
static struct import_row *
row_of(struct batch *b, size_t i)
{
	struct import_row *row = &b->rows[i];
	for (int k = 0; k < ROW_STRINGS; k++)
		row->s[k] = b->text[i][k] == NO_TEXT ? NULL :
		    b->buf.data + b->text[i][k];
	return row;
}

/*
 * Writes the rows from i on that go in one batch of the store (the
 * rows before the next region's, STORE_BATCH_MAX at most): their puts
 * sent at once, then counted and audited in order with their answers,
 * as import_row_write would one by one. A region's row, or any row on a
 * backend that writes at once (SQLite), is written alone. Returns the
 * next row's index; on failure p->w.failed is set, p->w.line the
 * failed row's line.
 */
static size_t
write_run(struct import_pipe *p, struct batch *b, size_t i)
{
	struct import_row *row = row_of(b, i);
	int batched = row->type == ROW_REGION ? 1 : store_batch_begin(p->w.s);
	if (batched != 0) {
		p->w.line = row->line;
		if (batched < 0 || import_row_write(&p->w, row) < 0)
			p->w.failed = 1;
		return i + 1;
	}
	int put[STORE_BATCH_MAX];
	size_t n = 0;
	int sent = 0;
	while (sent >= 0 && i + n < b->n && n < STORE_BATCH_MAX) {
		row = row_of(b, i + n);
		if (row->type == ROW_REGION || row->fresh)
			break;
		sent = import_row_put(&p->w, row);
		n++;
	}
	/* A failed send is the last row's failure; a batch that failed to
	 * end without a failed put (the pipeline's end) too. */
	int ended = store_batch_end(p->w.s, put, sent < 0 ? n - 1 : n);
	if (n > 0 && (sent < 0 || (ended < 0 && put[n - 1] >= 0)))
		put[n - 1] = -1;
	for (size_t k = 0; k < n; k++) {
		p->w.line = b->rows[i + k].line;
		if (import_row_done(&p->w, &b->rows[i + k], put[k])) {
			p->w.failed = 1;
			break;
		}
	}
	return i + n;
}

/*
 * Writes one batch's rows, unless an earlier write failed. Fresh records
 * (a first load's, on SQLite) are set aside and stored together at the
 * end: a first load's records come in runs of a few dozen between the
 * scores and tenures of their organs, and together most go 64 to a
 * statement. Nothing else they are written beside reads the record
 * table, and a record that may be an update waits until those before it
 * are stored.
 */
static void
write_batch(struct import_pipe *p, struct batch *b)
{
	size_t i = 0;
	while (i < b->n && !p->w.failed) {
		struct import_row *row = row_of(b, i);
		if (row->fresh) {
			p->fresh[p->nfresh++] = *row;
			i++;
			continue;
		}
		if (row->type == ROW_RECORD) {
			add_fresh(p);
			if (p->w.failed)
				break;
		}
		i = write_run(p, b, i);
	}
	add_fresh(p);
}

static void *
writer_main(void *arg)
{
	struct import_pipe *p = arg;
	pthread_mutex_lock(&p->t.lock);
	for (;;) {
		while (p->written == p->filled && !p->stop)
			pthread_cond_wait(&p->t.cond, &p->t.lock);
		if (p->written == p->filled)
			break;
		struct batch *b = &p->b[p->written % BATCHES];
		pthread_mutex_unlock(&p->t.lock);
		write_batch(p, b);
		pthread_mutex_lock(&p->t.lock);
		if (p->w.failed && !p->failed) {
			p->failed = 1;
			p->failed_line = p->w.line;
		}
		p->written++;
		pthread_cond_broadcast(&p->t.cond);
	}
	pthread_mutex_unlock(&p->t.lock);
	return NULL;
}

struct import_pipe *
import_pipe_start(struct store *s, const char *actor)
{
	struct import_pipe *p = calloc(1, sizeof *p);
	if (p == NULL)
		return NULL;
	p->w.s = s;
	p->w.actor = actor;
	p->w.stats = &p->stats;
	p->w.writing = 1;
	for (int i = 0; i < BATCHES; i++)
		buf_init(&p->b[i].buf, BATCH_TEXT_MAX);
	if (worker_start(&p->t, writer_main, p)) {
		free(p);
		return NULL;
	}
	return p;
}

/* Hands the batch being filled to the writer and waits until the next
 * one is free; returns -1 when a write has failed. */
static int
submit(struct import_pipe *p)
{
	pthread_mutex_lock(&p->t.lock);
	p->filled++;
	pthread_cond_broadcast(&p->t.cond);
	while (p->filled - p->written >= BATCHES)
		pthread_cond_wait(&p->t.cond, &p->t.lock);
	int failed = p->failed;
	pthread_mutex_unlock(&p->t.lock);
	struct batch *b = &p->b[p->filled % BATCHES];
	b->n = 0;
	buf_reset(&b->buf);
	return failed ? -1 : 0;
}

int
import_pipe_push(struct import_pipe *p, const struct import_row *row)
{
	struct batch *b = &p->b[p->filled % BATCHES];
	size_t len = b->buf.len;
	for (int k = 0; k < ROW_STRINGS; k++) {
		if (row->s[k] == NULL) {
			b->text[b->n][k] = NO_TEXT;
			continue;
		}
		b->text[b->n][k] = b->buf.len;
		if (buf_append(&b->buf, row->s[k], strlen(row->s[k]) + 1)) {
			b->buf.len = len;
			return -1;
		}
	}
	b->rows[b->n++] = *row;
	if (b->n == BATCH_ROWS || b->buf.len >= BATCH_TEXT)
		return submit(p);
	return 0;
}

int
import_pipe_end(struct import_pipe *p, struct import_stats *stats,
    long *line)
{
	pthread_mutex_lock(&p->t.lock);
	if (p->b[p->filled % BATCHES].n > 0)
		p->filled++;
	pthread_mutex_unlock(&p->t.lock);
	worker_stop(&p->t, &p->stop);
	int failed = p->failed;
	*line = p->failed_line;
	stats->inserted += p->stats.inserted;
	stats->updated += p->stats.updated;
	stats->unchanged += p->stats.unchanged;
	for (int i = 0; i < BATCHES; i++)
		buf_free(&p->b[i].buf);
	worker_free(&p->t);
	free(p);
	return failed ? -1 : 0;
}
