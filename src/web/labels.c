/*
 * Readable names for the things pages name by id ([workbench] item 1):
 * nobody reads r-0006136 or p-000865; they read 南明区台账 2025-0012 and
 * 张三 南明区人民政府区长, and the id stays in the link's URL.
 *
 * A page draws first and names later: html_ref writes a placeholder
 * (\x01 index \x02: escaping turns every control character of data into
 * a space, so only html_ref writes one) and notes the id; web_labels_fill,
 * once, when page_end or page_close ends the page, looks every noted id
 * up in batches (store_labels, a few queries a page whatever its rows)
 * and puts each label in its place. Exports,
 * which write plain cells, note (web_labels_want), load and read
 * (web_label) instead.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "auth/access.h"
#include "domain/lookup.h"
#include "domain/record.h"
#include "store/store.h"
#include "web/web.h"

/* Ids a page names at most; past it a thing reads as its kind alone. */
#define LABELS_MAX 4096

struct label_slot {
	const char *kind, *id;
	const char *text; /* NULL until loaded, or when not found */
	const char *href; /* the page the label links to, or NULL */
};

struct web_labels {
	struct request *r;
	struct label_slot *v;
	size_t n, cap;
};

static const char *const kinds[][3] = {
	/* kind, link prefix, what it reads when not found */
	{ "record", "/ledger/", "台账记录" },
	{ "case", "/accountability/", "问责案件" },
	{ "person", NULL, "人员" },
	{ "organ", "/organs/", "机构" },
	{ "region", "/registry/", "地区" },
	{ "report", "/reports/", "报告" },
	{ "inspection", "/supervision/inspections/", "督查" },
	{ "finding", NULL, "督查发现" },
	{ "rectification", "/supervision/rectifications/", "整改" },
	{ "interview", NULL, "约谈" },
	{ "notice", "/supervision/notices/", "通报" },
	/* Who did a thing: the person and post behind an account, never
	 * its login name (nm-office). */
	{ "account", NULL, "账号" },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static int
kind_index(const char *kind)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i][0], kind) == 0)
			return (int)i;
	return -1;
}

struct web_labels *
web_labels_new(struct request *r)
{
	if (r->labels != NULL)
		return r->labels;
	struct web_labels *l = arena_alloc(r->arena, sizeof *l);
	memset(l, 0, sizeof *l);
	l->r = r;
	r->labels = l;
	return l;
}

void
html_who(struct request *r, struct buf *b, const char *account)
{
	if (account == NULL || *account == '\0')
		buf_puts(b, "—");
	else
		html_ref(b, web_labels_new(r), "account", account);
}

void
html_who_fact(struct request *r, struct buf *b, const char *label,
    const char *account, const char *at)
{
	html_fmt(b, "<dt>%s</dt><dd>", label);
	html_who(r, b, account);
	if (at != NULL)
		html_fmt(b, " · %s", date_beijing(r->arena, at));
	buf_puts(b, "</dd>");
}

/* The slot of (kind, id), added when new; -1 when full or unknown. */
static long
slot_of(struct web_labels *l, const char *kind, const char *id)
{
	if (id == NULL || *id == '\0' || kind_index(kind) < 0)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0 && strcmp(l->v[i].kind, kind) == 0)
			return (long)i;
	if (l->n == LABELS_MAX)
		return -1;
	arena_reserve(l->r->arena, &l->v, l->n, &l->cap, sizeof *l->v, 64);
	l->v[l->n] = (struct label_slot){ kinds[kind_index(kind)][0],
		arena_strdup(l->r->arena, id), NULL, NULL };
	return (long)l->n++;
}

void
web_labels_want(struct web_labels *l, const char *kind, const char *id)
{
	(void)slot_of(l, kind, id);
}

void
html_ref(struct buf *b, struct web_labels *l, const char *kind,
    const char *id)
{
	long i = slot_of(l, kind, id);
	if (i < 0) {
		int k = kind_index(kind);
		html_fmt(b, "%s", k >= 0 ? kinds[k][2] : "");
		return;
	}
	buf_printf(b, "\x01%ld\x02", i);
}

/*
 * The ids among ids and the dates of a text (text_scan_refs): seg gets
 * each stretch of plain text, a date as people read it included, and ref
 * each id, in order.
 */
struct scan {
	struct web_labels *l;
	const char *kind;
	const char *const *ids;
	void (*seg)(struct scan *, const char *, size_t);
	void (*ref)(struct scan *, const char *);
	struct buf *b;  /* html_ref_text's */
	struct buf t;   /* web_ref_plain's */
};

static void
scan_seg(void *ctx, const char *s, size_t n)
{
	struct scan *sc = ctx;
	sc->seg(sc, s, n);
}

static void
scan_ref(void *ctx, size_t which)
{
	struct scan *sc = ctx;
	sc->ref(sc, sc->ids[which]);
}

static void
scan_day(void *ctx, const char *cn)
{
	struct scan *sc = ctx;
	sc->seg(sc, cn, strlen(cn));
}

static void
scan(struct scan *sc, const char *text, const char *const *ids,
    size_t nids)
{
	struct text_refs cb = { sc, scan_seg, scan_ref, scan_day };
	sc->ids = ids;
	text_scan_refs(text, ids, nids, &cb);
}

static void
html_seg(struct scan *sc, const char *s, size_t n)
{
	html_text(sc->b, arena_printf(sc->l->r->arena, "%.*s", (int)n, s));
}

static void
html_id(struct scan *sc, const char *id)
{
	html_ref(sc->b, sc->l, sc->kind, id);
}

void
html_ref_text(struct buf *b, struct web_labels *l, const char *text,
    const char *kind, const char *const *ids, size_t nids)
{
	struct scan sc = { l, kind, NULL, html_seg, html_id, b, { 0 } };
	/* Running text: its links are underlined (app.css, .prose). */
	buf_puts(b, "<span class=\"prose\">");
	scan(&sc, text, ids, nids);
	buf_puts(b, "</span>");
}

static void
no_seg(struct scan *sc, const char *s, size_t n)
{
	(void)sc, (void)s, (void)n;
}

static void
want_id(struct scan *sc, const char *id)
{
	web_labels_want(sc->l, sc->kind, id);
}

void
web_labels_want_text(struct web_labels *l, const char *text,
    const char *kind, const char *const *ids, size_t nids)
{
	struct scan sc = { l, kind, NULL, no_seg, want_id, NULL, { 0 } };
	scan(&sc, text, ids, nids);
}

static void
plain_seg(struct scan *sc, const char *s, size_t n)
{
	buf_append(&sc->t, s, n);
}

static void
plain_id(struct scan *sc, const char *id)
{
	const char *text = web_label(sc->l, sc->kind, id);
	buf_puts(&sc->t, text ? text : kinds[kind_index(sc->kind)][2]);
}

const char *
web_ref_plain(struct web_labels *l, struct arena *a, const char *text,
    const char *kind, const char *const *ids, size_t nids)
{
	struct scan sc = { l, kind, NULL, plain_seg, plain_id, NULL, { 0 } };
	buf_init(&sc.t, 1u << 20);
	scan(&sc, text, ids, nids);
	const char *out = arena_strdup(a, sc.t.data ? sc.t.data : "");
	buf_free(&sc.t);
	return out;
}

void
web_labels_reset(struct web_labels *l)
{
	l->n = 0;
}

/* ---- looking them up ---- */

struct fill {
	struct web_labels *l;
	struct dom *d;
	const char *kind;
};

static void
found(struct fill *f, const char *id, const char *text, const char *href)
{
	for (size_t i = 0; i < f->l->n; i++)
		if (strcmp(f->l->v[i].kind, f->kind) == 0 &&
		    strcmp(f->l->v[i].id, id) == 0) {
			f->l->v[i].text = text;
			f->l->v[i].href = href;
			return;
		}
}

static int
person_found(void *ctx, const struct store_person_hit *h)
{
	struct fill *f = ctx;
	const char *post = lookup_post(f->d, h);
	found(f, h->id, arena_printf(f->l->r->arena, "%s%s%s", h->name,
	    *post ? " " : "", post), h->organ ? arena_printf(f->l->r->arena,
	    "/organs/%s", html_q(f->l->r->arena, h->organ)) : NULL);
	return 0;
}

static int
label_found(void *ctx, const struct store_label *s)
{
	struct fill *f = ctx;
	struct arena *a = f->l->r->arena;
	const char *text = NULL;
	if (strcmp(f->kind, "record") == 0)
		text = record_number_text(a, s->place, s->year, s->seq);
	else if (strcmp(f->kind, "case") == 0 && s->seq > 0)
		text = arena_printf(a, "%s〔%d〕%d号", s->place ? s->place : "",
		    s->year, s->seq);
	else if (strcmp(f->kind, "inspection") == 0 ||
	    strcmp(f->kind, "notice") == 0)
		text = arena_printf(a, "%d 年度「%s」", s->year, s->name);
	else if (strcmp(f->kind, "finding") == 0)
		text = arena_printf(a, "「%s」对%s的发现", s->name, s->detail);
	else if (strcmp(f->kind, "rectification") == 0)
		text = arena_printf(a, "%s%s整改", s->detail, s->year > 0 ?
		    arena_printf(a, " %d 年度", s->year) : "");
	else if (strcmp(f->kind, "interview") == 0)
		text = arena_printf(a, "%s%s%s", s->detail, s->name ? " " : "",
		    s->name ? s->name : "");
	else if (strcmp(f->kind, "account") == 0) {
		enum role_kind role = ACCT_COUNT;
		const char *post = access_role_parse(s->detail, &role) == 0 ?
		    access_role_label(role) : "";
		const char *where = s->place && role != ACCT_ADMIN ?
		    s->place : "";
		text = s->name ? arena_printf(a, "%s · %s%s", s->name, where,
		    post) : arena_printf(a, "%s%s", where, post);
	} else
		text = s->name; /* an organ, a region, a report */
	if (text == NULL)
		text = strcmp(f->kind, "record") == 0 && s->name ?
		    arena_printf(a, "台账记录(%s)", s->name) :
		    kinds[kind_index(f->kind)][2];
	const char *prefix = kinds[kind_index(f->kind)][1];
	found(f, s->id, arena_strdup(a, text), prefix ? arena_printf(a,
	    "%s%s", prefix, html_q(a, s->id)) : NULL);
	return 0;
}

int
web_labels_load(struct web_labels *l)
{
	struct dom d;
	req_dom(l->r, &d);
	int rc = 0;
	const char **ids = arena_alloc(l->r->arena, (l->n + 1) * sizeof *ids);
	for (size_t k = 0; k < NKINDS; k++) {
		size_t n = 0;
		for (size_t i = 0; i < l->n; i++)
			if (l->v[i].text == NULL && strcmp(l->v[i].kind,
			    kinds[k][0]) == 0)
				ids[n++] = l->v[i].id;
		if (n == 0)
			continue;
		struct fill f = { l, &d, kinds[k][0] };
		if (strcmp(kinds[k][0], "person") == 0 ? store_people_of(
		    l->r->store, ids, n, person_found, &f) : store_labels(
		    l->r->store, kinds[k][0], ids, n, label_found, &f))
			rc = -1;
	}
	return rc;
}

const char *
web_label(const struct web_labels *l, const char *kind, const char *id)
{
	for (size_t i = 0; id != NULL && i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0 && strcmp(l->v[i].kind, kind) == 0)
			return l->v[i].text;
	return NULL;
}

int
web_labels_fill(struct request *r, struct buf *b)
{
	/* The set is spent: a second fill (none is made) finds nothing,
	 * and a reference drawn after this one would start a set of its
	 * own rather than reuse these placeholders' numbers. */
	struct web_labels *l = r->labels;
	r->labels = NULL;
	/* Nothing to put in (an error page after the page's own were
	 * dropped): no lookups. */
	if (l == NULL || l->n == 0 || b->data == NULL ||
	    memchr(b->data, '\x01', b->len) == NULL)
		return 0;
	int rc = web_labels_load(l);
	struct buf out;
	buf_init(&out, b->max);
	const char *p = b->data, *end = b->data + b->len;
	while (p < end) {
		const char *mark = memchr(p, '\x01', (size_t)(end - p));
		if (mark == NULL) {
			buf_append(&out, p, (size_t)(end - p));
			break;
		}
		buf_append(&out, p, (size_t)(mark - p));
		char *stop;
		unsigned long i = strtoul(mark + 1, &stop, 10);
		if (stop >= end || *stop != '\x02' || i >= l->n) {
			p = mark + 1; /* not ours: control bytes are never data */
			continue;
		}
		const struct label_slot *s = &l->v[i];
		const char *text = s->text ? s->text :
		    kinds[kind_index(s->kind)][2];
		if (s->href != NULL)
			html_fmt(&out, "<a href=\"%s\">%s</a>", s->href, text);
		else
			html_fmt(&out, "%s", text);
		p = stop + 1;
	}
	buf_free(b);
	*b = out;
	return rc;
}

const char *
web_day(struct arena *a, const char *iso)
{
	date_t d;
	char s[32];
	if (iso == NULL || date_parse(iso, &d) != 0)
		return iso;
	date_format_cn(d, s);
	return arena_strdup(a, s);
}

/* ---- the other way: a label typed, its id ---- */

/* A lookup that wants one hit: its id while n is 1. */
struct object_hit {
	struct arena *a;
	const char *id;
	int n;
};

/* One person's or organ's id by their whole name, as the log names it. */
static int
person_one(void *ctx, const struct store_person_hit *h)
{
	struct object_hit *o = ctx;
	o->id = o->n++ == 0 ? arena_strdup(o->a, h->id) : NULL;
	return 0;
}

static int
organ_one(void *ctx, const struct store_organ_hit *h)
{
	struct object_hit *o = ctx;
	o->id = o->n++ == 0 ? arena_strdup(o->a, h->id) : NULL;
	return 0;
}

const char *
web_label_id(struct request *r, const char *text, const char **why)
{
	char id[128];
	struct object_hit o = { r->arena, NULL, 0 };
	struct store_lookup f = { .name = text, .limit = 2 };
	/* A readable number: a record's, else a case's. */
	static const char *const what[][2] = {
		{ "台账记录", "南明区台账 2026-0012" },
		{ "问责案件", "南明区〔2026〕3号" },
	};
	int k = 0, rc = store_record_by_number(r->store, text, NULL, id,
	    sizeof id);
	if (rc == 0) {
		rc = store_case_by_number(r->store, text, id, sizeof id);
		k = 1;
	}
	*why = NULL;
	if (rc == 1)
		return arena_strdup(r->arena, id);
	/* A number of nothing or of several things: say so, rather than
	 * look for its text, which no entry holds. */
	if (rc == 2)
		*why = arena_printf(r->arena, "对象:编号「%s」在多个地区都有%s,"
		    "请在编号前写上地区名(如 %s)", text, what[k][0], what[k][1]);
	else if (rc == 3)
		*why = arena_printf(r->arena, "对象:没有编号为「%s」的%s", text,
		    what[k][0]);
	if (rc != 0)
		return text;
	if (store_lookup_people(r->store, &f, person_one, &o) == 0 &&
	    o.n == 1)
		return o.id;
	o.n = 0;
	if (store_lookup_organs(r->store, &f, organ_one, &o) == 0 && o.n == 1)
		return o.id;
	return text;
}
