/*
 * 机构与人员: the regions of the user's scope, one region with its
 * organs and its subregions by level, one organ with its tenures, and
 * the people of the scope with their posts. Every list is a page read
 * from the store (store-registry.c), ordered and searched by name there:
 * the national data's 39,071 regions and 211,024 people are never read
 * whole for one page.
 *
 * Scope is checked here, where the data is read: a region outside the
 * user's subtree and an organ they may not read are answered 404, as the
 * API does, so neither page tells which ids exist. Clerks and leaders
 * read their own region and organ only.
 */
#include <stdio.h>
#include <string.h>

#include "domain/record.h"
#include "engine/coverage.h"
#include "web/web.h"

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

/* A list's search box and filters, and the row above its table. */
static void
search_form(struct buf *b, const char *action, const char *label,
    const char *q, const char *hidden_name, const char *hidden)
{
	html_fmt(b, "<form class=\"filters card\" method=\"get\" action=\"%s\" "
	    "role=\"search\" aria-label=\"%s\"><label>名称<input type=\"search\" "
	    "name=\"q\" maxlength=\"100\" value=\"%s\" placeholder=\"名称中的"
	    "文字\"></label>", action, label, q);
	if (hidden != NULL)
		html_fmt(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">",
		    hidden_name, hidden);
}

static void
search_end(struct buf *b, const char *clear)
{
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">查询"
	    "</button><a class=\"button secondary\" href=\"%s\">清除</a></div>"
	    "</form>", clear);
}

/* A query value; empty counts as absent. */
static const char *
given(struct request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

/* A level of the query's, when it is one. */
static const char *
level_given(struct request *r)
{
	static const char *const known[] = { "province", "prefecture", "county",
		"township", NULL };
	const char *v = given(r, "level");
	for (size_t i = 0; v != NULL && known[i] != NULL; i++)
		if (strcmp(v, known[i]) == 0)
			return known[i];
	return NULL;
}

/* ---- the regions ---- */

static int
region_item(void *ctx, const struct store_region_item *g)
{
	struct page_rows *l = ctx;
	html_fmt(l->b, "<tr><td data-label=\"名称\"><a href=\"/registry/%s\">%s"
	    "</a></td><td data-label=\"层级\">%s</td><td data-label=\"上级地区\">"
	    "%s</td></tr>", html_q(l->r->arena, g->code), g->name,
	    web_level_label(g->level), g->parent_name ? g->parent_name : "—");
	return 0;
}

static const char *const region_keep[] = { "q", "level", "region", NULL };
static const char *const region_sorts[] = { "path", "name", NULL };

/* Where the user's regions are listed: under their scope, or under a
 * region of it (?region=, which is left out of its own list). */
void
page_registry(struct request *r)
{
	const struct principal *p = &r->user;
	const char *path = access_scope_path(p);
	int own_only = p->role == ACCT_CLERK || p->role == ACCT_LEADER;
	struct buf b;
	buf_init(&b, 1u << 21);
	struct store_registry_filter f = { .path = path, .q = given(r, "q"),
		.level = level_given(r) };
	char under[512];
	const char *under_name = NULL;
	if (!own_only && (f.region = given(r, "region")) != NULL) {
		int rc = store_region_path(r->store, f.region, under,
		    sizeof under);
		if (rc < 0) {
			buf_free(&b);
			page_error(r, 500, store_error(r->store));
			return;
		}
		if (rc == 0 || !access_can_read_path(p, under)) {
			buf_free(&b);
			page_error(r, 404, "地区不存在或不在您的权限范围内");
			return;
		}
		f.path = under;
		under_name = page_region_name(r, under);
	}
	page_begin(r, &b, "机构与人员", "/registry");
	if (under_name != NULL)
		breadcrumbs(r, &b, under, 1);
	html_fmt(&b, "<h1>%s%s</h1>", under_name ? under_name : "机构与人员",
	    under_name ? " · 下级地区" : "");
	html_fmt(&b, "<div class=\"actions\">");
	if (!own_only)
		html_fmt(&b, "<a class=\"button secondary\" href=\"/registry/"
		    "people\">人员及职务</a>");
	/* Who writes the registry (authority_registry): offices, admin. */
	if (p->role == ACCT_ADMIN || p->role == ACCT_OFFICE)
		html_fmt(&b, "<a class=\"button secondary\" href=\"/registry/"
		    "upload\">批量导入人员任职</a>");
	html_fmt(&b, "</div>");
	if (path[0] == '\0' && p->role != ACCT_ADMIN) {
		html_fmt(&b, "<section class=\"card\"><p class=\"muted\">您的账号"
		    "没有地区范围。</p></section>");
		page_end(r, &b);
		return;
	}
	if (own_only) {
		/* Their region and their organ, as everywhere. */
		struct store_organ_info o;
		html_fmt(&b, "<section class=\"card\"><ul>");
		if (p->organ[0] != '\0' &&
		    store_organ_info(r->store, p->organ, &o) == 1)
			html_fmt(&b, "<li>本地区:<a href=\"/registry/%s\">%s</a>"
			    "</li><li>本机构:<a href=\"/organs/%s\">%s</a></li>",
			    html_q(r->arena, o.region), o.region_name,
			    html_q(r->arena, o.id), o.name);
		html_fmt(&b, "</ul></section>");
		page_end(r, &b);
		return;
	}
	struct web_list l;
	web_list_read(r, &l, "/registry", region_keep, region_sorts, 0);
	f.page = web_list_page(&l);
	l.total = store_count_regions(r->store, &f, STORE_COUNT_CAP);
	search_form(&b, "/registry", "查找地区", f.q, "region", f.region);
	html_fmt(&b, "<label>层级<select name=\"level\"><option value=\"\">"
	    "全部</option>");
	page_option(&b, "province", "省", f.level);
	page_option(&b, "prefecture", "市(州)", f.level);
	page_option(&b, "county", "县(市、区)", f.level);
	page_option(&b, "township", "乡(镇、街道)", f.level);
	html_fmt(&b, "</select></label>");
	search_end(&b, under_name ? arena_printf(r->arena, "/registry?region=%s",
	    html_q(r->arena, f.region)) : "/registry");
	html_fmt(&b, "<div class=\"actions\">");
	html_list_total(&b, &l, "地区");
	html_fmt(&b, "</div><div class=\"table-wrap\"><table class=\"cards\">"
	    "<thead><tr>");
	html_sort_head(&b, r, &l, "name", "名称", NULL, 0);
	html_fmt(&b, "<th scope=\"col\">层级</th>");
	html_sort_head(&b, r, &l, "path", "上级地区", NULL, 0);
	html_fmt(&b, "</tr></thead><tbody>");
	struct page_rows rows = { r, &b };
	if (l.total < 0 || store_list_regions(r->store, &f, region_item,
	    &rows) < 0) {
		buf_free(&b);
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (l.total == 0)
		html_fmt(&b, "<tr><td colspan=\"3\" class=\"muted\">%s</td></tr>",
		    f.q || f.level ? "没有符合条件的地区" : "尚未导入行政区划");
	html_fmt(&b, "</tbody></table></div>");
	html_pager(&b, r, &l);
	page_end(r, &b);
}

/* ---- people and their posts ---- */

static int
person_item(void *ctx, const struct store_person_hit *h)
{
	struct page_rows *l = ctx;
	struct arena *a = l->r->arena;
	html_fmt(l->b, "<tr><td data-label=\"姓名\">%s</td><td data-label=\""
	    "职务\"><a href=\"/organs/%s\">%s</a> %s</td><td data-label=\""
	    "地区\"><a href=\"/registry/%s\">%s</a></td></tr>", h->name,
	    html_q(a, h->organ), h->organ_name, h->role != NULL &&
	    strcmp(h->role, "deputy") == 0 ? "副职" : "主要负责人",
	    html_q(a, h->region), h->region_name);
	return 0;
}

static const char *const people_keep[] = { "q", NULL };
static const char *const people_sorts[] = { "name", NULL };

void
page_registry_people(struct request *r)
{
	const struct principal *p = &r->user;
	const char *path = access_scope_path(p);
	if (p->role == ACCT_CLERK || p->role == ACCT_LEADER ||
	    (path[0] == '\0' && p->role != ACCT_ADMIN)) {
		page_error(r, 403, "人员名录只对有地区范围的机关开放;本机构的"
		    "任职请在本机构页面查看");
		return;
	}
	struct web_list l;
	web_list_read(r, &l, "/registry/people", people_keep, people_sorts, 0);
	struct store_registry_filter f = { .path = path, .q = given(r, "q"),
		.page = web_list_page(&l) };
	l.total = store_count_people(r->store, &f, STORE_COUNT_CAP);
	struct buf b;
	buf_init(&b, 1u << 21);
	page_begin(r, &b, "人员及职务", "/registry");
	html_fmt(&b, "<nav class=\"crumbs\"><a href=\"/registry\">机构与人员"
	    "</a></nav><h1>人员及职务</h1><p class=\"muted\">每人列出现任职务"
	    "(已离任的列最近一次任职)。</p>");
	search_form(&b, "/registry/people", "查找人员", f.q, NULL, NULL);
	search_end(&b, "/registry/people");
	html_fmt(&b, "<div class=\"actions\">");
	html_list_total(&b, &l, "人");
	html_fmt(&b, "</div><div class=\"table-wrap\"><table class=\"cards\">"
	    "<thead><tr>");
	html_sort_head(&b, r, &l, "name", "姓名", NULL, 0);
	html_fmt(&b, "<th scope=\"col\">职务</th><th scope=\"col\">地区</th>"
	    "</tr></thead><tbody>");
	struct page_rows rows = { r, &b };
	if (l.total < 0 || store_list_people(r->store, &f, person_item,
	    &rows) < 0) {
		buf_free(&b);
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (l.total == 0)
		html_fmt(&b, "<tr><td colspan=\"3\" class=\"muted\">没有符合条件的"
		    "人员</td></tr>");
	html_fmt(&b, "</tbody></table></div>");
	html_pager(&b, r, &l);
	page_end(r, &b);
}

/* ---- one region ---- */

struct organs {
	struct request *r;
	struct buf *b;
	const char *level;
};

static int
organ_item(void *ctx, const struct store_organ_item *o)
{
	struct organs *v = ctx;
	struct request *r = v->r;
	enum role role;
	enum coverage cv;
	int covered = coverage_of(o->kind, v->level, &role, &cv);
	html_fmt(v->b, "<tr><td data-label=\"类别\">%s</td><td data-label=\""
	    "机构\"><a href=\"/organs/%s\">%s</a></td>",
	    web_organ_kind_label(o->kind), html_q(r->arena, o->id), o->name);
	date_t start;
	if (o->principal != NULL && o->principal_start != NULL &&
	    date_parse(o->principal_start, &start) == 0) {
		char cn[32];
		date_format_cn(start, cn);
		html_fmt(v->b, "<td data-label=\"现任主要负责人\">%s <span class=\""
		    "muted\">自 %s</span></td>", o->principal, cn);
	} else
		html_fmt(v->b, "<td data-label=\"现任主要负责人\" class=\"muted\">"
		    "空缺</td>");
	html_fmt(v->b, "<td data-label=\"适用方式\">%s</td><td><a href=\""
	    "/ledger?organ=%s\">台账</a></td></tr>", covered ?
	    coverage_label(cv) : "不适用", html_q(r->arena, o->id));
	return 0;
}

/* The region's subregions, counted by level, each a link to its list. */
static int
subregions(struct request *r, struct buf *b, const char *code,
    const char *path)
{
	static const char *const below[] = { "prefecture", "county",
		"township", NULL };
	int any = 0;
	for (size_t i = 0; below[i] != NULL; i++) {
		struct store_registry_filter f = { .path = path, .region = code,
			.level = below[i] };
		long n = store_count_regions(r->store, &f, STORE_COUNT_CAP);
		if (n < 0)
			return -1;
		if (n == 0)
			continue;
		if (!any)
			html_fmt(b, "<section class=\"card\"><h2>下级地区</h2>"
			    "<ul class=\"columns\">");
		any = 1;
		html_fmt(b, "<li><a href=\"/registry?region=%s&amp;level=%s\">%s"
		    "</a> <span class=\"muted\">%ld%s 个</span></li>",
		    html_q(r->arena, code), below[i], web_level_label(below[i]),
		    n > STORE_COUNT_CAP ? STORE_COUNT_CAP : n,
		    n > STORE_COUNT_CAP ? "+" : "");
	}
	if (any)
		html_fmt(b, "</ul></section>");
	return 0;
}

/* The first region of a subtree (its root), kept in the arena. */
struct region_self {
	struct arena *a;
	struct store_region_item g;
};

static int
region_first(void *ctx, const struct store_region_item *g)
{
	struct region_self *v = ctx;
	v->g.code = arena_strdup(v->a, g->code);
	v->g.name = arena_strdup(v->a, g->name);
	v->g.level = arena_strdup(v->a, g->level);
	return 1;
}

static const char *const organ_keep[] = { "q", NULL };
static const char *const organ_sorts[] = { "kind", "name", NULL };

void
page_region(struct request *r)
{
	const char *code = r->params[0];
	const struct principal *p = &r->user;
	char path[512];
	int rc = store_region_path(r->store, code, path, sizeof path);
	if (rc < 0) {
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (rc == 0 || !access_can_read_path(p, path)) {
		page_error(r, 404, "地区不存在或不在您的权限范围内");
		return;
	}
	struct region_self self = { r->arena, { 0 } };
	struct store_registry_filter one = { .path = path, .page = { .limit =
		1 } };
	struct web_list l;
	web_list_read(r, &l, arena_printf(r->arena, "/registry/%s",
	    html_q(r->arena, code)), organ_keep, organ_sorts, 0);
	char day[11];
	date_format(date_today(), day);
	/* Clerks and leaders see their own organ only, as everywhere. */
	struct store_registry_filter f = { .region = code, .q = given(r, "q"),
		.day = day, .page = web_list_page(&l),
		.organ = p->role == ACCT_CLERK || p->role == ACCT_LEADER ?
		    (p->organ[0] ? p->organ : "-") : NULL };
	if (store_list_regions(r->store, &one, region_first, &self) < 0 ||
	    self.g.code == NULL || (l.total = store_count_organs(r->store, &f,
	    STORE_COUNT_CAP)) < 0) {
		page_error(r, 500, store_error(r->store));
		return;
	}
	struct buf b;
	buf_init(&b, 1u << 21);
	page_begin(r, &b, self.g.name, "/registry");
	breadcrumbs(r, &b, path, 0);
	html_fmt(&b, "<h1>%s</h1><section class=\"card\"><dl class=\"facts\">"
	    "<dt>行政区划代码</dt><dd>%s</dd><dt>名称</dt><dd>%s</dd>"
	    "<dt>层级</dt><dd>%s</dd></dl><p class=\"actions\">"
	    "<a class=\"button secondary\" href=\"/evaluation?region=%s\">年度考评"
	    "</a></p></section>", self.g.name, self.g.code, self.g.name,
	    web_level_label(self.g.level), html_q(r->arena, self.g.code));
	if (p->role != ACCT_CLERK && p->role != ACCT_LEADER &&
	    subregions(r, &b, code, path) < 0) {
		buf_free(&b);
		page_error(r, 500, store_error(r->store));
		return;
	}
	html_fmt(&b, "<section class=\"card\"><h2>机构</h2>");
	search_form(&b, l.path, "查找机构", f.q, NULL, NULL);
	search_end(&b, l.path);
	html_fmt(&b, "<div class=\"actions\">");
	html_list_total(&b, &l, "机构");
	html_fmt(&b, "</div><div class=\"table-wrap\"><table class=\"cards\">"
	    "<thead><tr>");
	html_sort_head(&b, r, &l, "kind", "类别", NULL, 0);
	html_sort_head(&b, r, &l, "name", "机构", NULL, 0);
	html_fmt(&b, "<th scope=\"col\">现任主要负责人</th><th scope=\"col\">"
	    "适用方式</th><th scope=\"col\">台账</th></tr></thead><tbody>");
	struct organs o = { r, &b, self.g.level };
	if (store_list_organs(r->store, &f, organ_item, &o) < 0) {
		buf_free(&b);
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (l.total == 0)
		html_fmt(&b, "<tr><td colspan=\"5\" class=\"muted\">没有可查看的机构"
		    "</td></tr>");
	html_fmt(&b, "</tbody></table></div>");
	html_pager(&b, r, &l);
	html_fmt(&b, "</section>");
	page_end(r, &b);
}
/* ---- one organ ---- */

struct tenures {
	struct buf *b;
	date_t today;
	int covered;
	enum coverage cv;
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
	html_fmt(v->b, "<tr><td data-label=\"姓名\">%s</td><td data-label=\""
	    "职务\">%s</td><td data-label=\"任职起\">%s</td><td data-label=\""
	    "任职止\">", t->person_name, principal ? "主要负责人" : "副职",
	    start);
	if (t->end == DATE_NONE)
		html_fmt(v->b, "<span class=\"tag v-met\">在任</span>");
	else {
		html_fmt(v->b, "%s", end);
		if (serving)
			buf_puts(v->b, " <span class=\"tag v-met\">在任</span>");
	}
	html_fmt(v->b, "</td><td data-label=\"适用方式\">%s</td></tr>",
	    principal && v->covered ? coverage_label(v->cv) : "不适用");
	return 0;
}

/* The principal serving the organ today, from the organs' listing. */
struct current {
	struct arena *a;
	const char *name;
};

static int
current_principal(void *ctx, const struct store_organ_item *o)
{
	struct current *c = ctx;
	if (o->principal != NULL)
		c->name = arena_strdup(c->a, o->principal);
	return 1;
}

static const char *const tenure_keep[] = { "q", NULL };
static const char *const tenure_sorts[] = { "start", "name", NULL };

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
	struct tenures t = { .today = date_today() };
	t.covered = coverage_of(o.kind, o.region_level, &role, &t.cv);
	struct web_list l;
	web_list_read(r, &l, arena_printf(r->arena, "/organs/%s",
	    html_q(r->arena, o.id)), tenure_keep, tenure_sorts, 1);
	char day[11];
	date_format(t.today, day);
	struct store_registry_filter f = { .organ = o.id, .q = given(r, "q"),
		.page = web_list_page(&l) };
	struct store_registry_filter now = { .region = o.region, .organ = o.id,
		.day = day, .page = { .limit = 1 } };
	struct current cur = { r->arena, NULL };
	if ((l.total = store_count_tenures(r->store, &f, STORE_COUNT_CAP)) < 0 ||
	    store_list_organs(r->store, &now, current_principal, &cur) < 0) {
		page_error(r, 500, store_error(r->store));
		return;
	}
	struct buf b;
	buf_init(&b, 1u << 21);
	page_begin(r, &b, o.name, "/registry");
	if (region_ok)
		breadcrumbs(r, &b, region_path, 1);
	html_fmt(&b, "<h1>%s</h1><section class=\"card\"><dl class=\"facts\">"
	    "<dt>类别</dt><dd>%s</dd><dt>所在地区</dt><dd>", o.name,
	    web_organ_kind_label(o.kind));
	if (region_ok)
		html_fmt(&b, "<a href=\"/registry/%s\">%s</a>", html_q(r->arena,
		    o.region), o.region_name);
	else
		html_fmt(&b, "%s", o.region_name);
	html_fmt(&b, " <span class=\"muted\">%s</span></dd>"
	    "<dt>现任主要负责人</dt><dd>%s</dd><dt>适用《实施办法》</dt><dd>",
	    web_level_label(o.region_level), cur.name ? cur.name : "空缺");
	if (t.covered)
		html_fmt(&b, "<span class=\"tag\">%s</span> 主要负责人按%s考核%s",
		    coverage_label(t.cv), catalog_role_label(role),
		    cur.name ? "" : "(目前无在任主要负责人)");
	else
		html_fmt(&b, "不适用 <span class=\"muted\">(乡镇工作部门及副职不在"
		    "适用范围内)</span>");
	html_fmt(&b, "</dd></dl><p class=\"actions\">"
	    "<a class=\"button\" href=\"/ledger?organ=%s\">履职台账</a>"
	    "<a class=\"button secondary\" href=\"/evaluation?region=%s\">年度考评"
	    "</a></p></section>", html_q(r->arena, o.id), html_q(r->arena,
	    o.region));

	html_fmt(&b, "<section class=\"card\"><h2>任职</h2>");
	search_form(&b, l.path, "查找任职人员", f.q, NULL, NULL);
	search_end(&b, l.path);
	html_fmt(&b, "<div class=\"actions\">");
	html_list_total(&b, &l, "任职");
	html_fmt(&b, "</div><div class=\"table-wrap\"><table class=\"cards\">"
	    "<thead><tr>");
	html_sort_head(&b, r, &l, "name", "姓名", NULL, 0);
	html_fmt(&b, "<th scope=\"col\">职务</th>");
	html_sort_head(&b, r, &l, "start", "任职起", NULL, 1);
	html_fmt(&b, "<th scope=\"col\">任职止</th><th scope=\"col\">适用方式"
	    "</th></tr></thead><tbody>");
	t.b = &b;
	if (store_list_tenures(r->store, &f, tenure_row, &t) < 0) {
		buf_free(&b);
		page_error(r, 500, store_error(r->store));
		return;
	}
	if (l.total == 0)
		html_fmt(&b, "<tr><td colspan=\"5\" class=\"muted\">没有任职记录"
		    "</td></tr>");
	html_fmt(&b, "</tbody></table></div>");
	html_pager(&b, r, &l);
	html_fmt(&b, "</section>");
	page_end(r, &b);
}
