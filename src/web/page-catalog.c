/*
 * 职责清单: the regulation as the office reads it, with its rules beside
 * the clauses they encode.
 *
 * The page is the catalog's own literate source (r->catalog->source)
 * passed through a renderer that knows just what the catalog uses:
 * `#`/`##` headings, paragraphs, `>` quotes, inline `code`, and fenced
 * blocks. Blocks of ours are not re-parsed: the parser recorded the line
 * of each rule's and kind's opening fence, so the block on that line is
 * drawn from the parsed struct (the consequences and the ruleset come in
 * source order), and what a reader sees is what the engine evaluates.
 *
 * Text and its blocks are grouped into clauses: the paragraphs up to the
 * next block form the left column, the blocks after them the right one;
 * a paragraph after a block starts the next clause. CSS lays a clause out
 * as two columns on an office screen and one on a phone.
 *
 * The paragraphs between the title and the ruleset block speak of the
 * file itself, to whoever edits it (in English and Chinese): the page has
 * its own introduction, so it opens with the regulation. They stay in the
 * file: its bytes are the version's SM3 digest, recorded by every year
 * closed under it.
 */
#include <string.h>

#include "web/page-catalog.h"
#include "web/web.h"

struct md {
	const struct catalog *c;
	struct buf *b;
	struct buf scratch;  /* one line or code span, NUL-terminated */
	int clause;          /* 0: none open, 1: text column, 2: rules column */
	int para;            /* 0: none, 1: <p>, 2: <blockquote><p> */
	int section;         /* an <section> of a `##` heading is open */
	int nsection;
	size_t nconsequence; /* consequence blocks seen, in source order */
};

static int
info_is(const char *info, size_t n, const char *type)
{
	return n == strlen(type) && strncmp(info, type, n) == 0;
}

/* Heading level of a line ("## x": 2), or 0. */
static int
heading(const char *s, size_t n)
{
	size_t h = 0;
	while (h < n && h < 6 && s[h] == '#')
		h++;
	return h > 0 && h < n && s[h] == ' ' ? (int)h : 0;
}

static int
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* s[0..n) NUL-terminated in the scratch buffer, for html_fmt's %s. */
static const char *
span(struct md *m, const char *s, size_t n)
{
	buf_reset(&m->scratch);
	buf_append(&m->scratch, s, n);
	return m->scratch.data ? m->scratch.data : "";
}

/* Inline text: escaped, with `code` spans. */
static void
inline_text(struct md *m, const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	while (n > 0) {
		const char *open = memchr(s, '`', n);
		const char *close = open ? memchr(open + 1, '`',
		    n - (size_t)(open + 1 - s)) : NULL;
		if (close == NULL) {
			html_fmt(m->b, "%s", span(m, s, n));
			return;
		}
		html_fmt(m->b, "%s", span(m, s, (size_t)(open - s)));
		html_fmt(m->b, "<code>%s</code>", span(m, open + 1,
		    (size_t)(close - open - 1)));
		n -= (size_t)(close + 1 - s);
		s = close + 1;
	}
}

/* What close_blocks closes: the paragraph; also the clause; also the
 * section. */
enum block { PARA, CLAUSE, SECTION };

/* Closes the open blocks from the innermost out to upto. */
static void
close_blocks(struct md *m, enum block upto)
{
	static const char *const para_end[] = { "", "</p>",
		"</p></blockquote>" };
	buf_puts(m->b, para_end[m->para]);
	m->para = 0;
	if (upto == PARA)
		return;
	if (m->clause)
		buf_puts(m->b, "</div></div>");
	m->clause = 0;
	if (upto == CLAUSE)
		return;
	if (m->section)
		buf_puts(m->b, "</section>");
	m->section = 0;
}

/* Makes the text column the current one: a paragraph after blocks
 * starts a new clause. */
static void
text_column(struct md *m)
{
	if (m->clause == 2)
		close_blocks(m, CLAUSE);
	if (m->clause == 0)
		html_fmt(m->b, "<div class=\"clause\"><div class=\"clause-text\">");
	m->clause = 1;
}

static void
rules_column(struct md *m)
{
	close_blocks(m, PARA);
	if (m->clause == 0)
		html_fmt(m->b, "<div class=\"clause\"><div class=\"clause-text\">");
	if (m->clause != 2)
		html_fmt(m->b, "</div><div class=\"clause-rules\">");
	m->clause = 2;
}

static const char *
field_type_label(enum field_type t)
{
	static const char *const n[] = { "年份", "日期", "是/否", "文本", "整数",
		"多选", "日期组" };
	return n[t];
}

/*
 * A value's mark: 〔原文〕 (the words it quotes in its title) for the
 * text's, 〔解释:BASIS〕 in full for lvzhi's, so that no interpretation
 * reads as the regulation. Nothing for an unmarked value.
 */
static void
mark(struct buf *b, const struct catalog_basis *v)
{
	if (v == NULL)
		return;
	if (v->source == BASIS_TEXT)
		html_fmt(b, " <span class=\"mark mark-text\" title=\"原文:%s\">"
		    "〔原文〕</span>", v->basis);
	else
		html_fmt(b, " <span class=\"mark mark-interp\">〔解释:%s〕"
		    "</span>", v->basis);
}

static const struct catalog_field *
kind_field(const struct catalog *c, const struct catalog_rule *r, int field)
{
	if (r->kind < 0 || field < 0 ||
	    (size_t)field >= c->kinds[r->kind].nfields)
		return NULL;
	return &c->kinds[r->kind].fields[field];
}

/* ",限所属情形为 1" for a rule with a `where` filter. */
static void
where_text(struct buf *b, const struct catalog *c,
    const struct catalog_rule *r)
{
	const struct catalog_field *f = kind_field(c, r, r->where_field);
	if (f == NULL || r->where_value == NULL)
		return;
	html_fmt(b, ",限%s为“%s”", f->label, catalog_value_label(f,
	    r->where_value));
}

/* 衡量方式 of a rule, in Chinese, from its parsed fields. */
static void
measure_text(struct buf *b, const struct catalog *c,
    const struct catalog_rule *r)
{
	const char *kind = r->kind >= 0 ? c->kinds[r->kind].label : "";
	const struct catalog_field *f;
	switch (r->measure) {
	case MEASURE_COUNT:
		html_fmt(b, "每年至少 %d 次", r->min);
		mark(b, catalog_rule_basis(r, "min"));
		html_fmt(b, "“%s”(按任职天数折算)", kind);
		if (r->about_set)
			html_fmt(b, ",只计所属年度为%s的",
			    r->about_offset < 0 ? "上一年度" : "本年度");
		where_text(b, c, r);
		break;
	case MEASURE_FILING:
		html_fmt(b, "每年提交一份“%s”,所属年度为%s", kind,
		    r->about_offset < 0 ? "上一年度" : "本年度");
		mark(b, catalog_rule_basis(r, "about"));
		if (r->due_set) {
			html_fmt(b, ",%s %d 月 %d 日前提交", r->due_next_year ?
			    "次年" : "当年", r->due_month, r->due_day);
			mark(b, catalog_rule_basis(r, "due"));
		}
		html_fmt(b, "(%s)", r->window_year ? "按机构自然年度计" :
		    "按任职期间计");
		mark(b, catalog_rule_basis(r, "window"));
		if ((f = kind_field(c, r, r->require_all)) != NULL) {
			html_fmt(b, ";%s须包括", f->label);
			for (size_t i = 0; i < r->nall_values; i++)
				html_fmt(b, "%s%s", i ? "、" : "",
				    catalog_value_label(f, r->all_values[i]));
			mark(b, catalog_rule_basis(r, "require-all"));
			for (size_t i = 0; i < r->ntownship_values; i++)
				html_fmt(b, "%s%s", i ? "、" : "(乡镇:",
				    catalog_value_label(f, r->township_values[i]));
			if (r->ntownship_values) {
				html_fmt(b, ")");
				mark(b, catalog_rule_basis(r,
				    "require-all-township"));
			}
		}
		if ((f = kind_field(c, r, r->require_true)) != NULL) {
			html_fmt(b, ";须“%s”", f->label);
			mark(b, catalog_rule_basis(r, "require-true"));
		}
		if ((f = kind_field(c, r, r->require_date)) != NULL) {
			html_fmt(b, ";须填写%s", f->label);
			mark(b, catalog_rule_basis(r, "require-date"));
		}
		break;
	case MEASURE_PROCEDURE:
		f = kind_field(c, r, r->steps_field);
		html_fmt(b, "每项“%s”均须履行", kind);
		for (size_t i = 0; i < r->nsteps; i++)
			html_fmt(b, "%s%s", i ? "、" : "",
			    f ? catalog_value_label(f, r->steps[i]) : r->steps[i]);
		html_fmt(b, "程序");
		mark(b, catalog_rule_basis(r, "steps"));
		for (size_t i = 0, n = 0; f != NULL && i < f->nvalues; i++)
			if (f->waivable >> i & 1u)
				html_fmt(b, "%s%s", n++ ? "、" : ";其中",
				    f->labels[i]);
		if (f != NULL && f->waivable)
			html_fmt(b, "依法不需要的可标记不适用并写明理由,"
			    "记录经核实后计为已履行");
		if (r->before_a >= 0 && r->before_b >= 0 && f != NULL) {
			html_fmt(b, ";%s须在%s之前", catalog_value_label(f,
			    r->steps[r->before_a]), catalog_value_label(f,
			    r->steps[r->before_b]));
			mark(b, catalog_rule_basis(r, "before"));
		}
		if (r->last >= 0 && f != NULL) {
			html_fmt(b, ";%s为最后一步", catalog_value_label(f,
			    r->steps[r->last]));
			mark(b, catalog_rule_basis(r, "last"));
		}
		break;
	case MEASURE_ABSENCE:
		html_fmt(b, "不得有%s“%s”记录", r->match_person ?
		    "针对本人的" : "", kind);
		where_text(b, c, r);
		if (r->veto) {
			html_fmt(b, ";<strong class=\"veto\">一票否决</strong>");
			mark(b, catalog_rule_basis(r, "veto"));
		}
		if (r->veto_item != NULL) {
			html_fmt(b, ",移送问责所属情形:%s", r->veto_item);
			mark(b, catalog_rule_basis(r, "veto-item"));
		}
		break;
	case MEASURE_QUALITATIVE:
		html_fmt(b, "由考评人员评分(0–100 分)");
		if (r->nevidence_kinds > 0) {
			html_fmt(b, ",参考台账:");
			for (size_t i = 0; i < r->nevidence_kinds; i++)
				html_fmt(b, "%s%s", i ? "、" : "",
				    web_kind_label(c, r->evidence_kinds[i]));
		}
		break;
	}
}

static void
rule_card(struct md *m, const struct catalog_rule *r)
{
	static const enum role roles[] = { ROLE_PARTY, ROLE_GOVERNMENT,
		ROLE_DEPARTMENT };
	struct buf *b = m->b;
	char from[32], until[32];
	date_format_cn(r->effective, from);
	html_fmt(b, "<div class=\"rule\" id=\"rule-%s\"><h4>%s</h4>"
	    "<dl class=\"facts\"><dt>职责编号</dt><dd><code>%s</code></dd>"
	    "<dt>条款</dt><dd>%s</dd><dt>适用对象</dt><dd>", r->id, r->title,
	    r->id, r->citation);
	int first = 1;
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		if (r->roles & roles[i]) {
			html_fmt(b, "%s%s", first ? "" : "、",
			    catalog_role_label(roles[i]));
			first = 0;
		}
	if (r->coverage == COVERAGE_REFERENCE)
		html_fmt(b, "(参照执行)");
	else if (r->coverage == COVERAGE_DIRECT)
		html_fmt(b, "(直接适用)");
	mark(b, catalog_rule_basis(r, "coverage"));
	html_fmt(b, "</dd><dt>衡量方式</dt><dd>");
	measure_text(b, m->c, r);
	html_fmt(b, "</dd><dt>权重</dt><dd>%d", r->weight);
	mark(b, catalog_rule_basis(r, "weight"));
	html_fmt(b, "</dd><dt>施行日期</dt><dd>%s", from);
	mark(b, catalog_rule_basis(r, "effective"));
	if (r->until != DATE_NONE) {
		date_format_cn(r->until, until);
		html_fmt(b, " 至 %s", until);
		mark(b, catalog_rule_basis(r, "until"));
	}
	html_fmt(b, "</dd></dl>");
	if (r->note != NULL)
		html_fmt(b, "<p class=\"note\">%s</p>", r->note);
	html_fmt(b, "</div>");
}

static void
kind_note(struct md *m, const struct catalog_kind *k)
{
	struct buf *b = m->b;
	html_fmt(b, "<div class=\"kind\" id=\"kind-%s\"><span class=\"kind-h\">"
	    "台账记录类型</span> <strong>%s</strong> <code>%s</code>",
	    k->id, k->label, k->id);
	if (k->person_required)
		buf_puts(b, " <span class=\"tag\">须关联负责人</span>");
	if (k->finding)
		buf_puts(b, " <span class=\"tag\">问责认定:仅由上级纪检监察机关或"
		    "依法治理办公室认定</span>");
	if (k->nfields > 0) {
		html_fmt(b, "<ul>");
		for (size_t i = 0; i < k->nfields; i++) {
			const struct catalog_field *f = &k->fields[i];
			html_fmt(b, "<li>%s <span class=\"muted\">%s", f->label,
			    field_type_label(f->type));
			for (size_t j = 0; j < f->nvalues; j++)
				html_fmt(b, "%s%s", j ? "、" : ":", f->labels[j]);
			html_fmt(b, "</span></li>");
		}
		html_fmt(b, "</ul>");
	}
	html_fmt(b, "</div>");
}

static void
consequence_line(struct md *m, const struct catalog_consequence *q)
{
	if (q->on_veto)
		html_fmt(m->b, "<p class=\"consequence\"><span class=\"kind-h\">"
		    "考评后果</span> 一票否决 → <strong>%s</strong>(%s)</p>",
		    q->label, q->citation);
	else
		html_fmt(m->b, "<p class=\"consequence\"><span class=\"kind-h\">"
		    "考评后果</span> 等次为<span class=\"tag g-%s\">%s</span> → "
		    "<strong>%s</strong>(%s)%s</p>", catalog_grade_name(q->grade),
		    catalog_grade_label(q->grade), q->label, q->citation,
		    q->final_only ? ";等次为暂定(尚有职责待评议)时不列" : "");
}

static void
ruleset_box(struct md *m)
{
	const struct catalog *c = m->c;
	struct buf *b = m->b;
	char eff[32];
	date_format_cn(c->effective, eff);
	html_fmt(b, "<section class=\"card ruleset\"><h2>%s</h2>"
	    "<dl class=\"facts\"><dt>规则集</dt><dd><code>%s</code></dd>"
	    "<dt>版本</dt><dd>%s</dd><dt>发布机关</dt><dd>%s</dd>"
	    "<dt>解释机关</dt><dd>%s</dd><dt>制定依据</dt><dd>%s</dd>"
	    "<dt>施行日期</dt><dd>%s", c->title, c->id, c->version, c->issuer,
	    c->interpreter ? c->interpreter : "", c->basis ? c->basis : "", eff);
	mark(b, catalog_ruleset_basis(c, "effective"));
	html_fmt(b, "</dd><dt>最短考评期间</dt><dd>任职 %d 天",
	    c->min_segment_days);
	mark(b, catalog_ruleset_basis(c, "min-segment-days"));
	html_fmt(b, "</dd><dt>SM3 摘要</dt><dd><code class=\"digest\">%s"
	    "</code></dd><dt>等次划分</dt><dd>满分 %d 分", c->digest, c->scale);
	mark(b, catalog_ruleset_basis(c, "scale"));
	static const char *const keys[] = { "grade-excellent", "grade-pass",
		"grade-basic-pass" };
	for (int g = 0; g < GRADE_COUNT; g++) {
		html_fmt(b, ";<span class=\"tag g-%s\">%s</span> ",
		    catalog_grade_name((enum grade)g),
		    catalog_grade_label((enum grade)g));
		if (g < GRADE_FAIL) {
			html_fmt(b, "≥ %d 分", c->grade_min[g]);
			mark(b, catalog_ruleset_basis(c, keys[g]));
		} else {
			html_fmt(b, "低于 %d 分,或有一票否决", c->grade_min[g - 1]);
		}
	}
	html_fmt(b, "</dd></dl><p class=\"note\">〔原文〕标注的取值取自本办法原文;"
	    "〔解释〕标注的取值是本办法未作规定、由本系统解释的,注明其依据,由%s"
	    "负责解释,修改以新的规则集版本发布。</p></section>",
	    c->interpreter ? c->interpreter : c->issuer);
}

static const struct catalog_rule *
rule_at(const struct catalog *c, long line)
{
	for (size_t i = 0; i < c->nrules; i++)
		if (c->rules[i].line == line)
			return &c->rules[i];
	return NULL;
}

static const struct catalog_kind *
kind_at(const struct catalog *c, long line)
{
	for (size_t i = 0; i < c->nkinds; i++)
		if (c->kinds[i].line == line)
			return &c->kinds[i];
	return NULL;
}

/* Draws one block of ours that opened on `line`; unknown ones (a stale
 * catalog cannot produce them) show as their text. */
static void
block(struct md *m, const char *type, long line, const char *text,
    size_t len)
{
	if (strcmp(type, "ruleset") == 0) {
		close_blocks(m, CLAUSE);
		ruleset_box(m);
		return;
	}
	rules_column(m);
	if (strcmp(type, "rule") == 0 && rule_at(m->c, line) != NULL)
		rule_card(m, rule_at(m->c, line));
	else if (strcmp(type, "kind") == 0 && kind_at(m->c, line) != NULL)
		kind_note(m, kind_at(m->c, line));
	else if (strcmp(type, "consequence") == 0 &&
	    m->nconsequence < m->c->nconsequences)
		consequence_line(m, &m->c->consequences[m->nconsequence++]);
	else
		html_fmt(m->b, "<pre>%s</pre>", span(m, text, len));
}

static void
heading_line(struct md *m, int level, const char *s, size_t n)
{
	if (level == 2) {
		close_blocks(m, SECTION);
		html_fmt(m->b, "<section class=\"article\" id=\"s%d\"><h3>",
		    ++m->nsection);
		inline_text(m, s, n);
		html_fmt(m->b, "</h3>");
		m->section = 1;
		return;
	}
	close_blocks(m, CLAUSE);
	buf_puts(m->b, level == 1 ? "<h2 class=\"reg-title\">" : "<h4>");
	inline_text(m, s, n);
	buf_puts(m->b, level == 1 ? "</h2>" : "</h4>");
}

/* The contents: every `##` heading outside fences, with its rule count. */
static void
toc(struct md *m)
{
	const char *s = m->c->source, *end = s + m->c->source_len;
	int in_fence = 0, n = 0, rules = -1;
	html_fmt(m->b, "<nav class=\"card toc\" aria-label=\"条款目录\">"
	    "<h2>目录</h2><ol>");
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		const char *info;
		size_t infolen;
		if (catalog_fence(s, len, &info, &infolen)) {
			if (!in_fence && info_is(info, infolen, "rule") && rules >= 0)
				rules++;
			in_fence = !in_fence;
		} else if (!in_fence && heading(s, len) == 2) {
			if (rules > 0)
				html_fmt(m->b, " <small>%d 项职责</small>", rules);
			if (n > 0)
				html_fmt(m->b, "</a></li>");
			html_fmt(m->b, "<li><a href=\"#s%d\">", ++n);
			inline_text(m, s + 3, len - 3);
			rules = 0;
		}
		s = nl ? nl + 1 : end;
	}
	if (rules > 0)
		html_fmt(m->b, " <small>%d 项职责</small>", rules);
	if (n > 0)
		buf_puts(m->b, "</a></li>");
	buf_puts(m->b, "</ol></nav>");
}

/* Renders the catalog's source into m->b. */
static void
render(struct md *m)
{
	const char *s = m->c->source, *end = s + m->c->source_len;
	const char *type = NULL, *body = NULL;
	long line = 0, open_line = 0;
	int in_fence = 0; /* 1: a block of ours, 2: another fenced block */
	int preamble = 1; /* no block of ours yet: text is about the file */
	html_fmt(m->b, "<article class=\"regulation\">");
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		const char *next = nl ? nl + 1 : end;
		const char *info;
		size_t infolen;
		int h;
		line++;
		if (catalog_fence(s, n, &info, &infolen)) {
			if (in_fence == 1) {
				block(m, type, open_line, body, (size_t)(s - body));
			} else if (in_fence == 2) {
				html_fmt(m->b, "%s</code></pre>", span(m, body,
				    (size_t)(s - body)));
			} else {
				static const char *const types[] = { "ruleset", "kind",
					"rule", "consequence" };
				type = NULL;
				for (size_t t = 0; t < 4; t++)
					if (info_is(info, infolen, types[t]))
						type = types[t];
				if (type == NULL) {
					text_column(m);
					close_blocks(m, PARA);
					html_fmt(m->b, "<pre><code>");
				}
				if (type != NULL)
					preamble = 0;
				open_line = line;
				body = next;
			}
			in_fence = in_fence ? 0 : type ? 1 : 2;
		} else if (in_fence) {
			/* the block's lines are drawn at its closing fence */
		} else if ((h = heading(s, n)) > 0) {
			heading_line(m, h, s + h + 1, n - (size_t)h - 1);
		} else if (blank(s, n)) {
			close_blocks(m, PARA);
		} else if (s[0] == '>') {
			size_t skip = n > 1 && s[1] == ' ' ? 2 : 1;
			if (m->para != 2) {
				text_column(m);
				close_blocks(m, PARA);
				html_fmt(m->b, "<blockquote><p>");
				m->para = 2;
			} else {
				html_fmt(m->b, "\n");
			}
			inline_text(m, s + skip, n - skip);
		} else if (preamble) {
			/* the file's own preamble: not drawn */
		} else {
			if (m->para != 1) {
				text_column(m);
				close_blocks(m, PARA);
				html_fmt(m->b, "<p>");
				m->para = 1;
			} else {
				html_fmt(m->b, "\n");
			}
			inline_text(m, s, n);
		}
		s = next;
	}
	if (in_fence == 2)
		html_fmt(m->b, "%s</code></pre>", span(m, body,
		    (size_t)(end - body)));
	close_blocks(m, SECTION);
	html_fmt(m->b, "</article>");
}

void
page_catalog(struct request *r)
{
	const struct catalog *c = r->catalog;
	const char *want = req_query(r, "version");
	size_t shown_i = catalog_version_count(c) - 1;
	if (want != NULL && *want != '\0') {
		size_t i = catalog_version_count(c);
		while (i > 0 && strcmp(catalog_version(c, i - 1)->version, want))
			i--;
		if (i == 0) {
			page_error(r, 404, "没有这一版本的职责清单");
			return;
		}
		shown_i = i - 1;
	}
	const struct catalog *v = catalog_version(c, shown_i);
	struct buf b;
	struct md m = { .c = v, .b = &b };
	buf_init(&b, 8u << 20);
	buf_init(&m.scratch, v->source_len + 1);
	page_begin(r, &b, "职责清单", "/catalog");
	html_fmt(&b, "<h1>职责清单</h1><p class=\"sub\">%s 逐条原文;"
	    "各条款之下是系统据以考评的职责规则(共 %zu 项职责、%zu 类台账记录)。"
	    "规则集 <code>%s</code> 版本 %s,由%s维护。</p>", v->title, v->nrules,
	    v->nkinds, v->id, v->version, v->interpreter ? v->interpreter :
	    v->issuer);
	if (v != c) {
		html_fmt(&b, "<p class=\"alert\">这是历史版本 %s(", v->version);
		page_catalog_period(&b, c, shown_i);
		html_fmt(&b, "),现行版本为 <a href=\"/catalog\">%s</a>。</p>",
		    c->version);
	}
	page_catalog_history(r, &b, v);
	toc(&m);
	render(&m);
	buf_free(&m.scratch);
	page_end(r, &b);
}
