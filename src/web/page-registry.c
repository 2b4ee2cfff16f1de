/*
 * 机构与人员: the regions of the user's scope as a tree, one region with
 * its subregions and organs, one organ with its tenures.
 *
 * Storage hands regions over in path order, which is a depth-first walk
 * (parents before children), so the tree is written in one pass with a
 * stack of open nodes; a county's townships are gathered aside and put in
 * a <details> when the county closes, because they are many.
 *
 * Scope is checked here, where the data is read: a region outside the
 * user's subtree and an organ they may not read are answered 404, as the
 * API does, so neither page tells which ids exist.
 */
#include <stdio.h>
#include <string.h>

#include "domain/record.h"
#include "engine/coverage.h"
#include "web/web.h"

#define TREE_DEPTH 8

/* Whether a tenure is a principal's (role is NULL for old rows). */
static int
is_principal(const struct store_tenure *t)
{
	return t->role == NULL || strcmp(t->role, "principal") == 0;
}

static int
serving_on(const struct store_tenure *t, date_t day)
{
	return t->start <= day && (t->end == DATE_NONE || t->end >= day);
}

/* ---- the tree ---- */

struct node {
	char code[16];
	int open; /* its children's <ul> has been opened */
};

struct tree {
	struct arena *a;
	struct buf *b;
	struct buf towns; /* the townships of the node on top, as <li>s */
	int ntowns;
	struct node stack[TREE_DEPTH];
	int depth;
	int only_root; /* clerks and leaders see their own region only */
	int shown;
};

static void
flush_towns(struct tree *t)
{
	if (t->ntowns == 0)
		return;
	html_fmt(t->b, "<details><summary>乡(镇、街道) %d 个</summary>"
	    "<ul>", t->ntowns);
	buf_puts(t->b, t->towns.data);
	buf_puts(t->b, "</ul></details>");
	buf_reset(&t->towns);
	t->ntowns = 0;
}

static void
pop(struct tree *t)
{
	flush_towns(t);
	if (t->stack[t->depth - 1].open)
		html_fmt(t->b, "</ul>");
	html_fmt(t->b, "</li>");
	t->depth--;
}

static int
tree_region(void *ctx, const struct store_region *g)
{
	struct tree *t = ctx;
	if (t->only_root && t->shown > 0)
		return 1;
	t->shown++;
	while (t->depth > 0 && (g->parent == NULL ||
	    strcmp(t->stack[t->depth - 1].code, g->parent) != 0))
		pop(t);
	if (t->depth > 0 && strcmp(g->level, "township") == 0) {
		html_fmt(&t->towns, "<li><a href=\"/registry/%s\">%s</a></li>",
		    html_q(t->a, g->code), g->name);
		t->ntowns++;
		return 0;
	}
	if (t->depth == TREE_DEPTH)
		return 0; /* deeper than any real division: not drawn */
	if (t->depth > 0) {
		flush_towns(t);
		struct node *top = &t->stack[t->depth - 1];
		if (!top->open) {
			html_fmt(t->b, "<ul>");
			top->open = 1;
		}
	}
	html_fmt(t->b, "<li><a href=\"/registry/%s\">%s</a> "
	    "<span class=\"muted\">%s · %s</span>", html_q(t->a, g->code),
	    g->name,
	    web_level_label(g->level), g->code);
	struct node *n = &t->stack[t->depth++];
	snprintf(n->code, sizeof n->code, "%s", g->code);
	n->open = 0;
	return 0;
}

void
page_registry(struct request *r)
{
	const struct principal *p = &r->user;
	const char *path = access_scope_path(p);
	struct buf b;
	buf_init(&b, 1u << 23);
	page_begin(r, &b, "机构与人员", "/registry");
	html_fmt(&b, "<h1>机构与人员</h1>");
	/* Who writes the registry (authority_registry): offices, admin. */
	if (r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE)
		html_fmt(&b, "<div class=\"actions\"><a class=\"button "
		    "secondary\" href=\"/registry/upload\">批量导入人员任职</a>"
		    "</div>");
	if (p->organ[0] != '\0' && (p->role == ACCT_CLERK ||
	    p->role == ACCT_LEADER)) {
		struct store_organ_info o;
		if (store_organ_info(r->store, p->organ, &o) == 1)
			html_fmt(&b, "<p>本机构:<a href=\"/organs/%s\">%s</a></p>",
			    html_q(r->arena, o.id), o.name);
	}
	if (path[0] == '\0' && p->role != ACCT_ADMIN) {
		html_fmt(&b, "<section class=\"card\"><p class=\"muted\">您的账号"
		    "没有地区范围。</p></section>");
		page_end(r, &b);
		return;
	}
	struct tree t = { .a = r->arena, .b = &b,
		.only_root = p->role == ACCT_CLERK || p->role == ACCT_LEADER };
	buf_init(&t.towns, 1u << 22);
	html_fmt(&b, "<section class=\"card\"><ul class=\"tree\">");
	/* "/" selects every path: the administrator's whole registry. */
	int rc = store_each_region_in(r->store, path[0] ? path : "/",
	    tree_region, &t);
	while (t.depth > 0)
		pop(&t);
	buf_free(&t.towns);
	if (rc < 0) {
		buf_free(&b);
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (t.shown == 0)
		html_fmt(&b, "<li class=\"muted\">尚未导入行政区划</li>");
	html_fmt(&b, "</ul></section>");
	page_end(r, &b);
}

/* ---- one region ---- */

struct region_view {
	struct request *r;
	const char *code;
	const char *path;
	struct store_region self; /* strings in the request arena */
	int found;
	struct buf *subs;         /* <li>s of readable children */
	int nsubs;
};

static int
region_row(void *ctx, const struct store_region *g)
{
	struct region_view *v = ctx;
	struct arena *a = v->r->arena;
	if (strcmp(g->code, v->code) == 0) {
		v->self.code = arena_strdup(a, g->code);
		v->self.name = arena_strdup(a, g->name);
		v->self.level = arena_strdup(a, g->level);
		v->self.parent = g->parent ? arena_strdup(a, g->parent) : NULL;
		v->found = 1;
		return 0;
	}
	if (g->parent == NULL || strcmp(g->parent, v->code) != 0)
		return 0;
	const char *child = arena_printf(a, "%s%s/", v->path, g->code);
	if (!access_can_read_path(&v->r->user, child))
		return 0;
	html_fmt(v->subs, "<li><a href=\"/registry/%s\">%s</a> "
	    "<span class=\"muted\">%s</span></li>", html_q(a, g->code), g->name,
	    web_level_label(g->level));
	v->nsubs++;
	return 0;
}

/* The regions on path as links, where the user may read them: its
 * ancestors, and the region itself when self is set. */
static void
breadcrumbs(struct request *r, struct buf *b, const char *path, int self)
{
	html_fmt(b, "<nav class=\"crumbs\"><a href=\"/registry\">机构与人员"
	    "</a>");
	size_t len = strlen(path);
	char prefix[512];
	for (size_t i = 1; i + !self < len && i + 1 < sizeof prefix; i++) {
		if (path[i] != '/')
			continue;
		memcpy(prefix, path, i + 1);
		prefix[i + 1] = '\0';
		if (!access_can_read_path(&r->user, prefix))
			continue;
		/* The last segment of the prefix is the ancestor's code. */
		size_t from = i;
		while (from > 0 && prefix[from - 1] != '/')
			from--;
		char code[16];
		snprintf(code, sizeof code, "%.*s", (int)(i - from), prefix + from);
		const char *name = page_region_name(r, prefix);
		if (name == NULL)
			continue;
		html_fmt(b, " › <a href=\"/registry/%s\">%s</a>",
		    html_q(r->arena, code), name);
	}
	html_fmt(b, "</nav>");
}

struct principal_of {
	date_t today;
	const char *name;  /* request arena */
	date_t start;
	struct arena *arena;
};

static int
current_principal(void *ctx, const struct store_tenure *t)
{
	struct principal_of *p = ctx;
	if (!is_principal(t) || !serving_on(t, p->today))
		return 0;
	p->name = arena_strdup(p->arena, t->person_name);
	p->start = t->start;
	return 1; /* newest first: the first serving one */
}

struct organs {
	struct request *r;
	struct buf *b;
	const char *path, *level;
	int n;
	int failed;
};

static int
organ_row(void *ctx, const struct store_organ *o)
{
	struct organs *v = ctx;
	struct request *r = v->r;
	/* The fields access_can_read_organ looks at. */
	struct store_organ_info info = { .key = o->key };
	snprintf(info.path, sizeof info.path, "%s", v->path);
	if (!access_can_read_organ(&r->user, &info))
		return 0;
	struct principal_of p = { .today = date_today(), .arena = r->arena };
	if (store_each_tenure_of(r->store, o->id, current_principal, &p) < 0) {
		v->failed = 1;
		return 1;
	}
	enum role role;
	enum coverage cv;
	int covered = coverage_of(o->kind, v->level, &role, &cv);
	html_fmt(v->b, "<tr><td>%s</td><td><a href=\"/organs/%s\">%s</a></td>",
	    web_organ_kind_label(o->kind), html_q(r->arena, o->id), o->name);
	if (p.name != NULL) {
		char start[32];
		date_format_cn(p.start, start);
		html_fmt(v->b, "<td>%s <span class=\"muted\">自 %s</span></td>",
		    p.name, start);
	} else
		html_fmt(v->b, "<td class=\"muted\">空缺</td>");
	html_fmt(v->b, "<td>%s</td><td><a href=\"/ledger?organ=%s\">台账</a>"
	    "</td></tr>", covered ? coverage_label(cv) : "不适用",
	    html_q(r->arena, o->id));
	v->n++;
	return 0;
}

void
page_region(struct request *r)
{
	const char *code = r->params[0];
	char path[512];
	int rc = store_region_path(r->store, code, path, sizeof path);
	if (rc < 0) {
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (rc == 0 || !access_can_read_path(&r->user, path)) {
		page_error(r, 404, "地区不存在或不在您的权限范围内");
		return;
	}
	struct buf b, subs;
	buf_init(&b, 1u << 22);
	buf_init(&subs, 1u << 21);
	struct region_view v = { .r = r, .code = code, .path = path,
		.subs = &subs };
	rc = store_each_region_in(r->store, path, region_row, &v);
	if (rc < 0 || !v.found) {
		buf_free(&b);
		buf_free(&subs);
		page_error(r, 500, rc < 0 ? store_error(r->store) :
		    "地区数据不完整");
		return;
	}
	page_begin(r, &b, v.self.name, "/registry");
	breadcrumbs(r, &b, path, 0);
	html_fmt(&b, "<h1>%s</h1><section class=\"card\"><dl class=\"facts\">"
	    "<dt>行政区划代码</dt><dd>%s</dd><dt>名称</dt><dd>%s</dd>"
	    "<dt>层级</dt><dd>%s</dd></dl><p class=\"actions\">"
	    "<a class=\"button secondary\" href=\"/evaluation?region=%s\">年度考评"
	    "</a></p></section>", v.self.name, v.self.code, v.self.name,
	    web_level_label(v.self.level), html_q(r->arena, v.self.code));

	html_fmt(&b, "<section class=\"card\"><h2>机构</h2>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>类别</th><th>机构</th>"
	    "<th>现任主要负责人</th><th>适用方式</th><th></th></tr></thead>"
	    "<tbody>");
	struct organs o = { r, &b, path, v.self.level, 0, 0 };
	if (store_each_organ_of(r->store, code, organ_row, &o) < 0 || o.failed) {
		buf_free(&b);
		buf_free(&subs);
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (o.n == 0)
		html_fmt(&b, "<tr><td colspan=\"5\" class=\"muted\">没有可查看的机构"
		    "</td></tr>");
	html_fmt(&b, "</tbody></table></div></section>");

	if (v.nsubs > 0) {
		html_fmt(&b, "<section class=\"card\"><h2>下级地区 "
		    "<span class=\"muted\">%d 个</span></h2><ul class=\"columns\">",
		    v.nsubs);
		buf_puts(&b, subs.data);
		buf_puts(&b, "</ul></section>");
	}
	buf_free(&subs);
	page_end(r, &b);
}

/* ---- one organ ---- */

struct tenures {
	struct buf *b;
	date_t today;
	int covered;
	enum coverage cv;
	int n;
	const char *current; /* the serving principal's name, or NULL */
	struct arena *arena;
};

static int
tenure_row(void *ctx, const struct store_tenure *t)
{
	struct tenures *v = ctx;
	int principal = is_principal(t);
	int serving = serving_on(t, v->today);
	char start[32], end[32];
	date_format_cn(t->start, start);
	if (t->end != DATE_NONE)
		date_format_cn(t->end, end);
	html_fmt(v->b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>",
	    t->person_name, principal ? "主要负责人" : "副职", start);
	if (t->end == DATE_NONE)
		html_fmt(v->b, "<span class=\"tag v-met\">在任</span>");
	else {
		html_fmt(v->b, "%s", end);
		if (serving)
			buf_puts(v->b, " <span class=\"tag v-met\">在任</span>");
	}
	html_fmt(v->b, "</td><td>%s</td></tr>", principal && v->covered ?
	    coverage_label(v->cv) : "不适用");
	if (principal && serving && v->current == NULL)
		v->current = arena_strdup(v->arena, t->person_name);
	v->n++;
	return 0;
}

void
page_organ(struct request *r)
{
	struct store_organ_info o;
	struct dom d;
	req_dom(r, &d);
	if (record_organ_access(&d, r->params[0], 0, NULL, &o)) {
		page_fault(r, &d.fault);
		return;
	}
	char region_path[512];
	int region_ok = store_region_path(r->store, o.region, region_path,
	    sizeof region_path) == 1 &&
	    access_can_read_path(&r->user, region_path);
	enum role role;
	struct tenures t = { .today = date_today(), .arena = r->arena };
	t.covered = coverage_of(o.kind, o.region_level, &role, &t.cv);

	struct buf b, rows;
	buf_init(&b, 1u << 22);
	buf_init(&rows, 1u << 21);
	t.b = &rows;
	if (store_each_tenure_of(r->store, o.id, tenure_row, &t) < 0) {
		buf_free(&b);
		buf_free(&rows);
		page_error(r, 500, store_error(r->store));
		return;
	}
	page_begin(r, &b, o.name, "/registry");
	if (region_ok)
		breadcrumbs(r, &b, region_path, 1);
	html_fmt(&b, "<h1>%s</h1><section class=\"card\"><dl class=\"facts\">"
	    "<dt>类别</dt><dd>%s</dd><dt>所在地区</dt><dd>", o.name,
	    web_organ_kind_label(o.kind));
	if (region_ok)
		html_fmt(&b, "<a href=\"/registry/%s\">%s</a>", html_q(r->arena,
		    o.region),
		    o.region_name);
	else
		html_fmt(&b, "%s", o.region_name);
	html_fmt(&b, " <span class=\"muted\">%s · %s</span></dd>"
	    "<dt>现任主要负责人</dt><dd>%s</dd><dt>适用《实施办法》</dt><dd>",
	    web_level_label(o.region_level), o.region,
	    t.current ? t.current : "空缺");
	if (t.covered)
		html_fmt(&b, "<span class=\"tag\">%s</span> 主要负责人按%s考核%s",
		    coverage_label(t.cv), catalog_role_label(role),
		    t.current ? "" : "(目前无在任主要负责人)");
	else
		html_fmt(&b, "不适用 <span class=\"muted\">(乡镇工作部门及副职不在"
		    "适用范围内)</span>");
	html_fmt(&b, "</dd></dl><p class=\"actions\">"
	    "<a class=\"button\" href=\"/ledger?organ=%s\">履职台账</a>"
	    "<a class=\"button secondary\" href=\"/evaluation?region=%s\">年度考评"
	    "</a></p></section>", html_q(r->arena, o.id), html_q(r->arena,
	    o.region));

	html_fmt(&b, "<section class=\"card\"><h2>任职 <span class=\"muted\">"
	    "%d 条</span></h2><div class=\"table-wrap\"><table><thead><tr>"
	    "<th>姓名</th><th>职务</th><th>任职起</th><th>任职止</th><th>适用方式"
	    "</th></tr></thead><tbody>", t.n);
	buf_puts(&b, rows.data ? rows.data : "");
	if (t.n == 0)
		html_fmt(&b, "<tr><td colspan=\"5\" class=\"muted\">没有任职记录"
		    "</td></tr>");
	html_fmt(&b, "</tbody></table></div></section>");
	buf_free(&rows);
	page_end(r, &b);
}
