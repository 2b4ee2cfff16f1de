/*
 * 信息公开: the public portal at /public/, without login, in its own
 * simple layout (no staff navigation, no session, no forms that write).
 *
 * Only what was published is ever shown: listings and the search read
 * published reports only (store_each_report with status "published",
 * store_report_search), and a report's page goes through
 * report_load(..., public = 1), which refuses (404) anything not
 * published, however its id was learnt. Pages may be cached by anyone
 * for five minutes (r->max_age); a report and its PDF carry an ETag from
 * the SM3 of the report as served, and a matching If-None-Match gets 304.
 *
 * The search folds what the visitor typed as the index folds the
 * reports (base/fold.h: punctuation, quotation marks and blanks left out,
 * full-width and capitals folded), term by term; the store quotes the
 * terms, so no query syntax reaches the index. The snippet's
 * hit markers (0x01, 0x02) are turned into <mark> after escaping the
 * text between them, so the report's text is never markup.
 */
#include <stdlib.h>
#include <string.h>

#include "base/fold.h"
#include "base/sm3.h"
#include "base/text.h"
#include "domain/report.h"
#include "store/store-reports.h"
#include "web/web.h"

#define PUBLIC_PAGE_MAX (4u << 20)
#define PUBLIC_MAX_AGE 300
#define PER_PAGE 50
#define QUERY_MAX 100     /* characters of a search */
#define TERMS_MAX 8
#define HITS_MAX 50
#define REGIONS_MAX 4096
#define YEARS_MAX 64

/* ---- the frame ---- */

static void
public_begin(struct buf *b, const char *title)
{
	html_fmt(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">"
	    "<title>%s - 法治政府建设信息公开</title>"
	    "<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body>"
	    "<header class=\"top\"><a class=\"brand\" href=\"/public/\">"
	    "法治政府建设信息公开<small>各级政府法治政府建设年度报告</small></a>"
	    "<nav><a href=\"/public/\">报告目录</a>"
	    "<a href=\"/public/search\">全文检索</a></nav></header><main>",
	    title);
}

static void
public_end(struct request *r, struct buf *b, unsigned status)
{
	html_fmt(b, "</main><footer>依据《法治政府建设与责任落实督察工作规定》"
	    "和《贵州省贯彻落实〈党政主要负责人履行推进法治建设第一责任人职责规定〉"
	    "实施办法》第六条,县级以上地方政府每年向社会公开上一年度法治政府建设"
	    "情况。本页只列出已公开的报告。</footer></body></html>\n");
	resp_html(r, status, b);
	buf_free(b);
}

static void
public_error(struct request *r, unsigned status, const char *message)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	r->max_age = 0;
	public_begin(&b, "未找到");
	html_fmt(&b, "<section class=\"card error\"><h1>%s</h1><p>%s</p>"
	    "<p><a href=\"/public/\">返回报告目录</a></p></section>",
	    status == 404 ? "未找到" : "请求未完成", message);
	public_end(r, &b, status);
}

static void
search_box(struct buf *b, const char *q)
{
	html_fmt(b, "<form class=\"filters card\" method=\"get\" "
	    "action=\"/public/search\"><label>全文检索<input type=\"search\" "
	    "name=\"q\" maxlength=\"%d\" value=\"%s\" placeholder=\"输入报告中的"
	    "文字,如“重大行政决策”\" required></label><div class=\"actions\">"
	    "<button type=\"submit\">检索</button></div></form>", QUERY_MAX, q);
}

/* ---- the filters: region (a code prefix) and year ---- */

/* "520100" as the prefix its subtree shares ("5201"); "520000" → "52". */
static const char *
prefix_of(struct request *r, const char *code)
{
	char *p = arena_strdup(r->arena, code);
	size_t n = strlen(p);
	while (n > 2 && p[n - 1] == '0' && p[n - 2] == '0')
		p[n -= 2] = '\0';
	return p;
}

/* A region prefix from the query: 2 to 12 digits, else NULL. */
static const char *
region_param(struct request *r)
{
	const char *v = req_query(r, "region");
	size_t n = v ? strlen(v) : 0;
	if (n < 2 || n > 12 || strspn(v, "0123456789") != n)
		return NULL;
	return v;
}

static int
year_param(struct request *r)
{
	const char *v = req_query(r, "year");
	int y = v ? atoi(v) : 0;
	return y >= 2000 && y <= 2100 ? y : 0;
}

struct options {
	struct request *r;
	struct buf *b;
	const char *selected;
	int year, n;
};

static int
region_option(void *ctx, const char *code, const char *name,
    const char *level)
{
	struct options *o = ctx;
	const char *p = prefix_of(o->r, code);
	if (o->n++ >= REGIONS_MAX)
		return 1;
	html_fmt(o->b, "<option value=\"%s\"%s>%s%s</option>", p,
	    o->selected && strcmp(o->selected, p) == 0 ? " selected" : "",
	    strcmp(level, "province") == 0 ? "" : strcmp(level, "prefecture") ==
	    0 ? "　" : "　　", name);
	return 0;
}

static int
year_option(void *ctx, int year)
{
	struct options *o = ctx;
	if (o->n++ >= YEARS_MAX)
		return 1;
	html_fmt(o->b, "<option value=\"%d\"%s>%d 年度</option>", year,
	    o->year == year ? " selected" : "", year);
	return 0;
}

static void
filters(struct request *r, struct buf *b, const char *action,
    const char *region, int year, const char *q)
{
	struct options o = { r, b, region, year, 0 };
	html_fmt(b, "<form class=\"filters card\" method=\"get\" "
	    "action=\"%s\">", action);
	if (q != NULL)
		html_fmt(b, "<input type=\"hidden\" name=\"q\" value=\"%s\">", q);
	html_fmt(b, "<label>地区<select name=\"region\"><option value=\"\">"
	    "全部地区</option>");
	store_each_report_region(r->store, region_option, &o);
	html_fmt(b, "</select></label><label>年度<select name=\"year\">"
	    "<option value=\"\">全部年度</option>");
	o.n = 0;
	store_each_report_year(r->store, year_option, &o);
	html_fmt(b, "</select></label><div class=\"actions\"><button "
	    "type=\"submit\">筛选</button></div></form>");
}

/* ---- the index ---- */

static int
index_row(void *ctx, const struct store_report *row)
{
	struct page_rows *l = ctx;
	html_fmt(l->b, "<tr><td>%d</td><td>%s</td><td><a "
	    "href=\"/public/reports/%s\">%s</a></td><td>%s</td></tr>",
	    row->year, row->region_name, html_q(l->r->arena, row->id),
	    row->title, web_day(l->r->arena, row->published_on));
	return 0;
}

void
public_index(struct request *r)
{
	struct store_report_filter f = { .status = "published",
		.kind = "annual", .limit = PER_PAGE };
	const char *p = req_query(r, "page");
	long page = p ? atol(p) : 1;
	if (page < 1 || page > 100000)
		page = 1;
	f.prefix = region_param(r);
	f.year = year_param(r);
	f.offset = (int)((page - 1) * PER_PAGE);
	r->max_age = PUBLIC_MAX_AGE;
	long total = store_count_reports(r->store, &f);
	if (total < 0) {
		public_error(r, 500, "暂时无法读取报告目录,请稍后再试。");
		return;
	}
	struct buf b;
	buf_init(&b, PUBLIC_PAGE_MAX);
	public_begin(&b, "报告目录");
	html_fmt(&b, "<h1>法治政府建设年度报告</h1><p class=\"sub\">县级以上"
	    "地方政府每年向本级党委、人大常委会和上一级政府报告上一年度法治政府"
	    "建设情况,并向社会公开。</p>");
	search_box(&b, "");
	filters(r, &b, "/public/", f.prefix, f.year, NULL);
	html_fmt(&b, "<p class=\"muted\">共 %ld 份已公开的报告</p>", total);
	if (total > 0) {
		html_fmt(&b, "<div class=\"table-wrap\"><table><thead><tr>"
		    "<th>年度</th><th>地区</th><th>报告</th><th>公开日期</th></tr>"
		    "</thead><tbody>");
		struct page_rows l = { r, &b };
		if (store_each_report(r->store, &f, index_row, &l) < 0) {
			buf_free(&b);
			public_error(r, 500, "暂时无法读取报告目录,请稍后再试。");
			return;
		}
		html_fmt(&b, "</tbody></table></div>");
	}
	long pages = (total + PER_PAGE - 1) / PER_PAGE;
	if (pages > 1) {
		const char *keep = arena_printf(r->arena, "%s%s%s%s",
		    f.prefix ? "region=" : "", f.prefix ? f.prefix : "",
		    f.prefix ? "&" : "", f.year ? arena_printf(r->arena,
		    "year=%d&", f.year) : "");
		html_fmt(&b, "<nav class=\"pager\" aria-label=\"分页\">");
		if (page > 1)
			html_fmt(&b, "<a href=\"/public/?%spage=%ld\">上一页</a>",
			    keep, page - 1);
		html_fmt(&b, "<span>第 %ld / %ld 页</span>", page, pages);
		if (page < pages)
			html_fmt(&b, "<a href=\"/public/?%spage=%ld\">下一页</a>",
			    keep, page + 1);
		html_fmt(&b, "</nav>");
	}
	public_end(r, &b, 200);
}

/* ---- the search ---- */

/*
 * The query's terms, folded (base/fold.h) into t (TERMS_MAX of them; any
 * further term is dropped): what blanks (ASCII or the ideographic space)
 * separate, each without its punctuation and quotation marks, so that
 * 行政执法“三项制度” is the term 行政执法三项制度. A term of punctuation
 * only is no term. Returns how many.
 */
static size_t
query_terms(struct request *r, const char *q, const char **t)
{
	size_t n = 0;
	while (*q && n < TERMS_MAX) {
		while (*q == ' ' || *q == '\t' || strncmp(q, "\u3000", 3) == 0)
			q += *q == ' ' || *q == '\t' ? 1 : 3;
		size_t len = 0;
		while (q[len] && q[len] != ' ' && q[len] != '\t' &&
		    strncmp(q + len, "\u3000", 3) != 0)
			len++;
		if (len == 0)
			break;
		char *f = arena_alloc(r->arena, len + 1);
		if (text_fold(q, len, f, NULL) > 0)
			t[n++] = f;
		q += len;
	}
	return n;
}

/* The snippet with hits between 0x01 and 0x02 as <mark>, the rest
 * escaped (a marker left open is closed). */
static void
snippet(struct buf *b, const char *s)
{
	int open = 0;
	while (s != NULL && *s) {
		size_t n = strcspn(s, "\x01\x02");
		if (n > 0) {
			char *part = strndup(s, n);
			html_fmt(b, "%s", part);
			free(part);
		}
		s += n;
		if (*s == '\x01' && !open) {
			html_fmt(b, "<mark>");
			open = 1;
		} else if (*s == '\x02' && open) {
			html_fmt(b, "</mark>");
			open = 0;
		}
		if (*s)
			s++;
	}
	if (open)
		html_fmt(b, "</mark>");
}

struct hits {
	struct request *r;
	struct buf *b;
	const char *const *terms;
	size_t nterms;
	int n;
};

/* A hit: its title with the terms marked too, its region, year and
 * day, its snippet. */
static int
hit_row(void *ctx, const struct store_report *row, const char *snip)
{
	struct hits *h = ctx;
	char *title = text_fold_marks(row->title, h->terms, h->nterms);
	h->n++;
	html_fmt(h->b, "<li><a href=\"/public/reports/%s\">",
	    html_q(h->r->arena, row->id));
	snippet(h->b, title ? title : row->title);
	free(title);
	html_fmt(h->b, "</a> <span class=\"muted\">%s · %d 年度 · 公开于 %s"
	    "</span><br><span class=\"hint\">", row->region_name, row->year,
	    web_day(h->r->arena, row->published_on));
	snippet(h->b, snip);
	html_fmt(h->b, "</span></li>");
	return 0;
}

/* q trimmed, at most QUERY_MAX characters, control characters as
 * spaces; NULL when nothing is left or it is not UTF-8. */
static const char *
clean_query(struct request *r, const char *q)
{
	if (q == NULL)
		return NULL;
	q += strspn(q, " \t\r\n\f\v");
	size_t n = strlen(q);
	while (n > 0 && strchr(" \t\r\n\f\v", q[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	char *out = arena_alloc(r->arena, n + 1);
	size_t c = 0, i;
	for (i = 0; i < n && c < QUERY_MAX; i++) {
		unsigned char ch = (unsigned char)q[i];
		out[i] = ch < 0x20 || ch == 0x7f ? ' ' : (char)ch;
		if ((ch & 0xC0) != 0x80)
			c++;
	}
	/* Cut at a character boundary. */
	while (i < n && ((unsigned char)q[i] & 0xC0) == 0x80) {
		out[i] = q[i];
		i++;
	}
	out[i] = '\0';
	return text_utf8_valid(out) ? out : NULL;
}

void
public_search(struct request *r)
{
	const char *q = clean_query(r, req_query(r, "q"));
	const char *region = region_param(r);
	int year = year_param(r);
	r->max_age = PUBLIC_MAX_AGE;
	struct buf b;
	buf_init(&b, PUBLIC_PAGE_MAX);
	public_begin(&b, "全文检索");
	html_fmt(&b, "<h1>全文检索</h1>");
	search_box(&b, q ? q : "");
	if (q == NULL) {
		html_fmt(&b, "<p class=\"muted\">输入报告标题或正文中的文字检索已"
		    "公开的报告。</p>");
		public_end(r, &b, 200);
		return;
	}
	filters(r, &b, "/public/search", region, year, q);
	const char *terms[TERMS_MAX];
	size_t nterms = query_terms(r, q, terms);
	struct hits h = { r, &b, terms, nterms, 0 };
	html_fmt(&b, "<ol class=\"hits\">");
	if (store_report_search(r->store, terms, nterms, region, year,
	    HITS_MAX, hit_row, &h) < 0) {
		buf_free(&b);
		public_error(r, 500, "暂时无法检索,请稍后再试。");
		return;
	}
	html_fmt(&b, "</ol>");
	if (h.n == 0)
		html_fmt(&b, "<p class=\"muted\">没有找到包含“%s”的已公开报告。"
		    "</p>", q);
	else
		html_fmt(&b, "<p class=\"muted\">找到 %d 份报告%s。</p>", h.n,
		    h.n == HITS_MAX ? "(只显示前 50 份,请缩小范围)" : "");
	public_end(r, &b, 200);
}

/* ---- one report ---- */

/* The report's ETag: a quoted SM3 prefix of the report as served, with
 * suffix for the PDF; NULL when it cannot be made. */
static const char *
etag_of(struct request *r, const struct report_doc *rep, const char *suffix)
{
	char hex[SM3_HEX_LEN];
	return report_digest(rep, hex) ? NULL : arena_printf(r->arena,
	    "\"%.32s%s\"", hex, suffix);
}

/* Whether If-None-Match holds etag; then 304 has been answered. */
static int
fresh(struct request *r, const char *etag)
{
	const char *inm = req_header(r, "If-None-Match");
	if (etag == NULL || inm == NULL || (strstr(inm, etag) == NULL &&
	    strcmp(inm, "*") != 0))
		return 0;
	resp_bytes(r, 304, NULL, "", 0, NULL, 0);
	resp_header(r, "ETag", etag);
	return 1;
}

/* A published report as served: its version's ETag (etag_of), NULL when
 * it has none. */
struct published {
	struct dom d;
	struct report_doc rep;
	const char *etag;
};

/*
 * Loads the published report r->params[0] into *p, to be cached
 * PUBLIC_MAX_AGE and by its ETag with suffix. Nonzero when it has been
 * answered already: 404 or 500 when it cannot be loaded, 304 when the
 * client holds this version.
 */
static int
load_published(struct request *r, struct published *p, const char *suffix)
{
	req_dom(r, &p->d);
	int rc = report_load(&p->d, r->params[0], 1, &p->rep);
	if (rc) {
		public_error(r, p->d.fault.status == 404 ? 404 : 500,
		    p->d.fault.status == 404 ? "没有这份已公开的报告。" :
		    "暂时无法读取报告,请稍后再试。");
		return rc;
	}
	r->max_age = PUBLIC_MAX_AGE;
	p->etag = etag_of(r, &p->rep, suffix);
	return fresh(r, p->etag);
}

void
public_report(struct request *r)
{
	struct published p;
	if (load_published(r, &p, ""))
		return;
	const struct report_doc *rep = &p.rep;
	struct buf b;
	buf_init(&b, PUBLIC_PAGE_MAX);
	public_begin(&b, rep->title);
	html_fmt(&b, "<p class=\"muted\"><a href=\"/public/\">报告目录</a> › "
	    "%s</p><h1>%s</h1><section class=\"card\"><dl class=\"facts\">"
	    "<dt>发布机关</dt><dd>%s</dd><dt>地区</dt><dd>%s</dd>"
	    "<dt>所属年度</dt><dd>%d 年度</dd><dt>公开日期</dt><dd>%s</dd>"
	    "<dt>报送对象</dt><dd>", rep->region_name, rep->title,
	    rep->organ_name, rep->region_name, rep->year, web_day(r->arena,
	    rep->published_on));
	for (size_t i = 0; i < rep->nrecipients; i++)
		html_fmt(&b, "%s%s", i ? "、" : "", rep->recipients[i].label);
	html_fmt(&b, "</dd></dl><div class=\"actions\"><a class=\"button "
	    "secondary\" href=\"/public/reports/%s/pdf\">下载 PDF</a></div>"
	    "</section><section class=\"card report\">",
	    html_q(r->arena, rep->id));
	for (size_t i = 0; i < rep->nsections; i++) {
		html_fmt(&b, "<h2>%s</h2>", rep->sections[i].title);
		html_paragraphs(&b, rep->sections[i].text);
	}
	html_fmt(&b, "</section>");
	public_end(r, &b, 200);
	if (p.etag != NULL)
		resp_header(r, "ETag", p.etag);
}

void
public_report_pdf(struct request *r)
{
	struct published p;
	if (load_published(r, &p, "-pdf"))
		return;
	/* The same for this version whatever the query string: it names
	 * nothing here; the file name is the document's, as on the staff
	 * pages. */
	if (page_report_pdf_send(r, &p.d, &p.rep, report_file_name(&p.d,
	    &p.rep, "pdf"))) {
		public_error(r, 500, "暂时无法生成 PDF,请稍后再试。");
		return;
	}
	if (p.etag != NULL)
		resp_header(r, "ETag", p.etag);
}
