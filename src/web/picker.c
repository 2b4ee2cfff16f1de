/*
 * The picker: a field that chooses a region, an organ or a person by
 * name, never by its code. It is a search box and a hidden input; app.js
 * makes the box a combobox (role=combobox, a listbox of the matches of
 * GET /api/v1/people, /organs or /regions?q=, keyboard up, down, enter
 * and escape) that puts the chosen one's id into the hidden input.
 *
 * Without script the box is still a field: what was typed is sent as
 * NAME_q, and page_picker_value takes it for the one person, organ or
 * region in the caller's scope with exactly that name, found in the
 * store by the name's index at any size (a name shared by several is
 * refused with their posts, so that one adds the post: "张三 南明区人民
 * 政府"); the hidden input, empty then, sends nothing.
 */
#include <stdio.h>
#include <string.h>

#include "domain/lookup.h"
#include "web/web.h"

void
html_picker(struct buf *b, struct arena *a, const char *kind,
    const char *name, const char *label, const char *region,
    const char *organ, const char *value, const char *value_label,
    int required)
{
	const char *hint = strcmp(kind, "person") == 0 ? "输入姓名查找" :
	    strcmp(kind, "organ") == 0 ? "输入机构名称查找" : "输入地区名称查找";
	/* Unique in the page: two forms may each pick a "person". */
	const char *id = arena_printf(a, "pick-%s-%zu", name, b->len);
	html_fmt(b, "<div class=\"picker\" data-picker=\"%s\" data-region=\"%s\" "
	    "data-organ=\"%s\"><label for=\"%s\">%s</label>"
	    "<input type=\"hidden\" name=\"%s\" value=\"%s\">"
	    "<input type=\"search\" id=\"%s\" name=\"%s_q\" value=\"%s\" "
	    "maxlength=\"200\" autocomplete=\"off\" placeholder=\"%s\" "
	    "aria-describedby=\"%s-hint\"%s>"
	    "<ul class=\"picker-list\" id=\"%s-list\" role=\"listbox\" "
	    "aria-label=\"%s\" hidden></ul>"
	    "<small class=\"hint\" id=\"%s-hint\">%s;未启用脚本时输入全名"
	    "(同名者加所在机构)。</small></div>", kind, region ? region : "",
	    organ ? organ : "", id, label, name, value ? value : "", id, name,
	    value_label ? value_label : "", hint, id,
	    required ? " required" : "", id, label, id, hint);
}

void
html_picker_bare(struct buf *b, struct arena *a, const char *kind,
    const char *name, const char *value, const char *value_label,
    int required)
{
	/* Inside the caller's <label>: phrasing content only, so spans;
	 * app.js fills the listbox with spans too. */
	const char *id = arena_printf(a, "pick-%s-%zu", name, b->len);
	html_fmt(b, "<span class=\"picker\" data-picker=\"%s\" data-region=\"\" "
	    "data-organ=\"\"><input type=\"hidden\" name=\"%s\" value=\"%s\">"
	    "<input type=\"search\" id=\"%s\" name=\"%s_q\" value=\"%s\" "
	    "maxlength=\"200\" autocomplete=\"off\" placeholder=\"%s\"%s>"
	    "<span class=\"picker-list\" id=\"%s-list\" role=\"listbox\" "
	    "hidden></span></span>", kind, name, value ? value : "", id, name,
	    value_label ? value_label : "", strcmp(kind, "organ") == 0 ?
	    "输入机构名称查找" : "输入名称查找", required ? " required" : "", id);
}

/* ---- without script: the typed name ---- */

struct typed {
	struct request *r;
	struct dom *d;
	const char *name, *place; /* the name typed, the post or region */
	const char *id;
	int n;
	struct buf others; /* the posts of those found, for the refusal */
};

/* Whether hit (its place: organ or region name) is what was typed. */
static int
typed_match(struct typed *t, const char *id, const char *name,
    const char *place, const char *post)
{
	if (strcmp(name, t->name) != 0 || (t->place != NULL && (place == NULL ||
	    strstr(place, t->place) == NULL)))
		return 0;
	if (t->n++ == 0)
		t->id = arena_strdup(t->r->arena, id);
	if (t->n <= 5)
		buf_printf(&t->others, "%s%s %s", t->n > 1 ? "、" : "", name,
		    post ? post : "");
	return 0;
}

static int
typed_person(void *ctx, const struct store_person_hit *h)
{
	struct typed *t = ctx;
	return typed_match(t, h->id, h->name, h->organ_name,
	    lookup_post(t->d, h));
}

static int
typed_organ(void *ctx, const struct store_organ_hit *h)
{
	struct typed *t = ctx;
	return typed_match(t, h->id, h->name, h->region_name, h->region_name);
}

static int
typed_region(void *ctx, const struct store_region *g)
{
	struct typed *t = ctx;
	return typed_match(t, g->code, g->name, NULL, g->code);
}

/* Names that hold part (the name typed), at most five. */
struct holding {
	struct arena *a;
	struct buf names;
	int n;
};

static void
holding_add(struct holding *h, const char *name, const char *where)
{
	if (h->n++ < 5)
		buf_printf(&h->names, "%s%s%s%s", h->n > 1 ? "、" : "", name,
		    where ? " " : "", where ? where : "");
}

static int
holding_person(void *ctx, const struct store_person_hit *p)
{
	holding_add(ctx, p->name, p->organ_name);
	return 0;
}

static int
holding_organ(void *ctx, const struct store_organ_hit *o)
{
	holding_add(ctx, o->name, o->region_name);
	return 0;
}

static int
holding_region(void *ctx, const struct store_region *g)
{
	holding_add(ctx, g->name, NULL);
	return 0;
}

/* No one of the whole name typed: the refusal names those whose name
 * holds it, so that a part typed leads to the whole. */
static const char *
not_found(struct request *r, struct dom *d, const char *kind,
    const char *typed, const char *part)
{
	struct holding h = { r->arena, { 0 }, 0 };
	buf_init(&h.names, 2048);
	struct lookup_in in = { .q = part, .limit = 6 };
	int rc = strcmp(kind, "person") == 0 ? lookup_people(d, &in,
	    holding_person, &h) : strcmp(kind, "organ") == 0 ?
	    lookup_organs(d, &in, holding_organ, &h) : lookup_regions(d, &in,
	    holding_region, &h);
	const char *why = rc != 0 || h.n == 0 ? arena_printf(r->arena,
	    "未找到“%s”(须为您权限范围内的全名)", typed) :
	    arena_printf(r->arena, "未找到全名为“%s”的%s;名称中含有它的有:"
	    "%s%s。请输入全名", typed, strcmp(kind, "person") == 0 ? "人员" :
	    strcmp(kind, "organ") == 0 ? "机构" : "地区", h.names.data,
	    h.n > 5 ? "等" : "");
	buf_free(&h.names);
	return why;
}

const char *
page_picker_value(struct request *r, const char *kind, const char *name,
    const char **why)
{
	const char *v = req_writes(r) ? req_form(r, name) : req_query(r, name);
	*why = NULL;
	if (v != NULL && *v != '\0')
		return v;
	const char *q = req_writes(r) ? req_form(r, arena_printf(r->arena,
	    "%s_q", name)) : req_query(r, arena_printf(r->arena, "%s_q", name));
	while (q != NULL && *q == ' ')
		q++;
	if (q == NULL || *q == '\0')
		return NULL;
	/* "姓名 所在机构": the name, then where to tell it apart. */
	char *text = arena_strdup(r->arena, q), *sp = strchr(text, ' ');
	struct dom d;
	req_dom(r, &d);
	struct typed t = { r, &d, text, NULL, NULL, 0, { 0 } };
	if (sp != NULL) {
		*sp = '\0';
		while (*++sp == ' ')
			;
		t.place = *sp ? sp : NULL;
	}
	buf_init(&t.others, 2048);
	/* The whole name from its index, whatever the scope's size: a part
	 * of it would stop at the first STORE_LOOKUP_MAX in name order. */
	struct lookup_in in = { .name = text, .place = t.place,
		.limit = STORE_LOOKUP_MAX };
	int rc = strcmp(kind, "person") == 0 ? lookup_people(&d, &in,
	    typed_person, &t) : strcmp(kind, "organ") == 0 ? lookup_organs(&d,
	    &in, typed_organ, &t) : lookup_regions(&d, &in, typed_region, &t);
	const char *found = NULL;
	if (rc)
		*why = "暂时无法查找,请稍后再试";
	else if (t.n == 0)
		*why = not_found(r, &d, kind, q, text);
	else if (t.n > 1)
		*why = arena_printf(r->arena, "“%s”有 %d%s 个同名,请在名称后"
		    "空一格加%s:%s", q, t.n, t.n >= STORE_LOOKUP_MAX ? "+" : "",
		    strcmp(kind, "person") == 0 ? "所在机构" :
		    strcmp(kind, "organ") == 0 ? "所在地区" : "上级地区",
		    t.others.data ? t.others.data : "");
	else
		found = t.id;
	buf_free(&t.others);
	return found;
}

/* ---- the labels a picker shows for its current choice ---- */

struct label {
	struct request *r;
	struct dom *d;
	const char *text;
};

static int
person_label(void *ctx, const struct store_person_hit *h)
{
	struct label *l = ctx;
	l->text = arena_printf(l->r->arena, "%s %s", h->name,
	    lookup_post(l->d, h));
	return 1;
}

static int
organ_label(void *ctx, const struct store_organ_hit *h)
{
	struct label *l = ctx;
	l->text = arena_printf(l->r->arena, "%s %s", h->name, h->region_name);
	return 1;
}

const char *
page_picker_label(struct request *r, const char *kind, const char *id)
{
	struct dom d;
	req_dom(r, &d);
	struct label l = { r, &d, NULL };
	struct lookup_in in = { .id = id, .limit = 1 };
	if (id == NULL || *id == '\0')
		return NULL;
	if (strcmp(kind, "person") == 0)
		lookup_people(&d, &in, person_label, &l);
	else if (strcmp(kind, "organ") == 0)
		lookup_organs(&d, &in, organ_label, &l);
	return l.text;
}
