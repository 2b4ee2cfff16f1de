/*
 * 公文 as PDF with cairo and pango (see gongwen.h).
 *
 * One pass: each block of text is laid out by pango as wide as its place
 * (the 版心, or the part of it a 署名 or an attachment's name takes), and
 * its lines are drawn one a grid line, from the top of the 版心 down;
 * a line past the 22nd starts a new page. The pango context is set to 72
 * dpi with hinting off, so a point in layout is a point on paper.
 *
 * Where a line sits on its grid line: the 3号 character's em box is
 * centred in the line's pitch, its baseline 0.88 em below the box's top
 * (the ideographic em box of CJK fonts: 0.88 above the baseline, 0.12
 * below). Fixed, not read from the font, so that another font keeps the
 * grid.
 */
#include "report/gongwen.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/zhtext.h"

/* Type sizes in points: 2号, 3号, 4号; the 发文机关标志's largest (15 mm
 * high at most, GB/T 9704 7.2.4 leaves the size to the office). */
#define SIZE_TITLE 22.0
#define SIZE_BODY 16.0
#define SIZE_SMALL 14.0
#define SIZE_MARK_MAX 42.0
/* The 发文机关标志's top below the 版心's top (7.2.4), the rule below the
 * 发文字号 (7.2.7), the page number's dash below the 版心 (7.5). */
#define MARK_TOP (35 * GW_MM)
#define RULE_GAP (4 * GW_MM)
#define FOLIO_GAP (7 * GW_MM)
#define ASCENT 0.88
#define FAMILY_MAX 128
#define TEXT_MAX (16u << 20)

const char *const gongwen_font_keys[GW_NFONTS] = { "font_xiaobiaosong",
	"font_fangsong", "font_heiti", "font_kaiti", "font_songti" };
const char *const gongwen_font_defaults[GW_NFONTS] = { "方正小标宋简体",
	"仿宋_GB2312", "黑体", "楷体_GB2312", "宋体" };
/* Each role's fallback from fonts-noto-cjk, and whether bold. */
static const char *const fallback[GW_NFONTS] = { "Noto Serif CJK SC",
	"Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif CJK SC",
	"Noto Serif CJK SC" };
static const int fallback_bold[GW_NFONTS] = { 1, 0, 0, 0, 0 };

static pthread_mutex_t font_lock = PTHREAD_MUTEX_INITIALIZER;
static char families[GW_NFONTS][FAMILY_MAX]; /* under font_lock */
static int families_set;                     /* under font_lock */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *fontmap; /* under lock */
static int registered;        /* gongwen_shutdown registered with atexit */

struct gw {
	PangoContext *ctx;
	cairo_t *cr;
	const struct gw_doc *doc;
	char family[GW_NFONTS][FAMILY_MAX]; /* as resolved for this render */
	int bold[GW_NFONTS];
	int page;     /* the current page, from 1 */
	int row;      /* the next free line of the grid, from 0 */
	int too_many;
};

static void
atexit_shutdown(void)
{
	gongwen_shutdown();
}

void
gongwen_shutdown(void)
{
	pthread_mutex_lock(&lock);
	if (fontmap != NULL) {
		/* The libraries' own caches stay (see the old pdf.c: cairo
		 * asserts if any of its objects is alive at reset); they stay
		 * reachable, so leak checkers do not count them. */
		g_object_unref(fontmap);
		fontmap = NULL;
	}
	pthread_mutex_unlock(&lock);
}

/* A family name into a FAMILY_MAX slot, cut at its end. */
static void
family_copy(char to[FAMILY_MAX], const char *from)
{
	size_t n = strnlen(from, FAMILY_MAX - 1);
	memcpy(to, from, n);
	to[n] = '\0';
}

int
gongwen_set_font(enum gw_font role, const char *family)
{
	if ((unsigned)role >= GW_NFONTS || (family != NULL &&
	    strlen(family) >= FAMILY_MAX))
		return -1;
	pthread_mutex_lock(&font_lock);
	if (!families_set) {
		for (int i = 0; i < GW_NFONTS; i++)
			family_copy(families[i], gongwen_font_defaults[i]);
		families_set = 1;
	}
	family_copy(families[role], family ? family : "");
	pthread_mutex_unlock(&font_lock);
	return 0;
}

void
gongwen_font_name(enum gw_font role, char *out, size_t size)
{
	char f[FAMILY_MAX];
	if (size == 0 || (unsigned)role >= GW_NFONTS)
		return;
	pthread_mutex_lock(&font_lock);
	family_copy(f, families_set ? families[role] :
	    gongwen_font_defaults[role]);
	pthread_mutex_unlock(&font_lock);
	const char *name = *f ? f : fallback[role];
	size_t n = strnlen(name, size - 1);
	memcpy(out, name, n);
	out[n] = '\0';
}

/* Whether fontconfig has a font of family (any of its names, any case). */
static int
installed(const char *family)
{
	if (*family == '\0')
		return 0;
	FcPattern *p = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
	int found = 0;
	if (p != NULL && os != NULL &&
	    FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family)) {
		FcFontSet *fs = FcFontList(NULL, p, os);
		found = fs != NULL && fs->nfont > 0;
		if (fs != NULL)
			FcFontSetDestroy(fs);
	}
	if (os != NULL)
		FcObjectSetDestroy(os);
	if (p != NULL)
		FcPatternDestroy(p);
	return found;
}

/* The family of each role: its setting when installed, else the
 * fallback. */
static void
resolve_fonts(struct gw *g)
{
	char want[GW_NFONTS][FAMILY_MAX];
	pthread_mutex_lock(&font_lock);
	for (int i = 0; i < GW_NFONTS; i++)
		family_copy(want[i], families_set ? families[i] :
		    gongwen_font_defaults[i]);
	pthread_mutex_unlock(&font_lock);
	for (int i = 0; i < GW_NFONTS; i++) {
		int ok = installed(want[i]);
		family_copy(g->family[i], ok ? want[i] : fallback[i]);
		g->bold[i] = ok ? 0 : fallback_bold[i];
	}
}

static PangoFontDescription *
font(const struct gw *g, enum gw_font role, double size)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, g->family[role]);
	pango_font_description_set_weight(fd, g->bold[role] ?
	    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	return fd;
}

/* s normalised for print (zhtext.h), valid UTF-8; g_free it. */
static gchar *
normal(const char *s)
{
	struct buf b;
	buf_init(&b, TEXT_MAX);
	if (zh_normalise(&b, s ? s : "") || buf_putc(&b, '\0')) {
		buf_free(&b);
		return g_strdup("");
	}
	gchar *t = g_utf8_make_valid(b.data, -1);
	buf_free(&b);
	return t;
}

/*
 * A layout of text (as given: the caller normalises) in role's font at
 * size, width points wide (-1: one line), the first line indented by
 * indent (negative: the others, hanging); spacing: letter spacing on the
 * grid (3号 text) or none. The caller unrefs.
 */
static PangoLayout *
layout(struct gw *g, enum gw_font role, double size, const char *text,
    double width, double indent, int grid)
{
	PangoLayout *l = pango_layout_new(g->ctx);
	PangoFontDescription *fd = font(g, role, size);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0)
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
	pango_layout_set_text(l, text, -1);
	if (grid) {
		PangoAttrList *al = pango_attr_list_new();
		pango_attr_list_insert(al, pango_attr_letter_spacing_new((int)
		    lround((GW_CHAR - size) * PANGO_SCALE)));
		pango_layout_set_attributes(l, al);
		pango_attr_list_unref(al);
	}
	return l;
}

/* The baseline of a line of type size on row of the grid. */
static double
baseline(int row, double size)
{
	return GW_TOP + row * GW_PITCH + (GW_PITCH - size) / 2 +
	    ASCENT * size;
}

static double
width_of(PangoLayout *l)
{
	PangoRectangle logical;
	pango_layout_get_extents(l, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* One line of text in role's font at size, x from the left of the 版心,
 * its baseline at y. */
static void
show_at(struct gw *g, enum gw_font role, double size, const char *text,
    double x, double y, int grid)
{
	PangoLayout *l = layout(g, role, size, text, -1, 0, grid);
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
	if (line != NULL && g->cr != NULL) {
		cairo_move_to(g->cr, GW_LEFT + x, y);
		pango_cairo_show_layout_line(g->cr, line);
	}
	g_object_unref(l);
}

static void
rule(struct gw *g, double y, double thick)
{
	cairo_set_line_width(g->cr, thick);
	cairo_move_to(g->cr, GW_LEFT, y);
	cairo_line_to(g->cr, GW_LEFT + GW_TEXT_W, y);
	cairo_stroke(g->cr);
}

/* Ends the page: its number, "— N —" in 4号宋体 under the 版心, odd
 * pages on the right, even pages on the left, one character in. */
static void
page_end(struct gw *g)
{
	char num[32];
	snprintf(num, sizeof num, "— %d —", g->page);
	PangoLayout *l = layout(g, GW_SONGTI, SIZE_SMALL, num, -1, 0, 0);
	double w = width_of(l);
	g_object_unref(l);
	double x = g->page % 2 ? GW_TEXT_W - SIZE_SMALL - w : SIZE_SMALL;
	/* The dash sits mid-height of the em box, 0.38 em over the
	 * baseline: the baseline is so far under FOLIO_GAP. */
	show_at(g, GW_SONGTI, SIZE_SMALL, num, x, GW_TOP + GW_TEXT_H +
	    FOLIO_GAP + 0.38 * SIZE_SMALL, 0);
	cairo_show_page(g->cr);
}

static void
page_next(struct gw *g)
{
	page_end(g);
	g->page++;
	g->row = 0;
	if (g->page > GW_PAGES_MAX)
		g->too_many = 1;
}

/* Draws l's lines on the grid from g->row on, x from the 版心's left;
 * size: the type's, for the baseline. */
static void
place(struct gw *g, PangoLayout *l, double x, double size)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		if (g->row >= GW_LINES)
			page_next(g);
		if (g->too_many)
			break;
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		cairo_move_to(g->cr, GW_LEFT + x + (double)logical.x /
		    PANGO_SCALE, baseline(g->row, size));
		pango_cairo_show_layout_line(g->cr,
		    pango_layout_iter_get_line_readonly(it));
		g->row++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

int
gongwen_level(const char *p)
{
	static const char numerals[] = "一二三四五六七八九十百零〇";
	size_t n = 0;
	const char *s = p;
	int paren = strncmp(s, "（", 3) == 0 ? 3 : *s == '(' ? 1 : 0;
	s += paren;
	if (*s >= '0' && *s <= '9') {
		while (*s >= '0' && *s <= '9')
			s++;
		if (paren)
			return strncmp(s, "）", 3) == 0 || *s == ')' ? 4 : 0;
		return (*s == '.' && !(s[1] >= '0' && s[1] <= '9')) ||
		    strncmp(s, "．", 3) == 0 ? 3 : 0;
	}
	while ((unsigned char)s[n] >= 0x80 && s[n + 1] && s[n + 2]) {
		char ch[4] = { s[n], s[n + 1], s[n + 2], '\0' };
		if (strstr(numerals, ch) == NULL)
			break;
		n += 3;
	}
	if (n == 0)
		return 0;
	s += n;
	if (paren)
		return strncmp(s, "）", 3) == 0 || *s == ')' ? 2 : 0;
	return strncmp(s, "、", 3) == 0 ? 1 : 0;
}

/* One paragraph of the 正文 (normalised, one line of text): indented two
 * characters, the heading it starts with (up to its first 。, or the
 * whole paragraph) in its level's font; heading: all of it a first-level
 * heading. */
static void
paragraph(struct gw *g, const char *p, int heading)
{
	while (*p == ' ' || strncmp(p, "\u3000", 3) == 0)
		p += *p == ' ' ? 1 : 3;
	if (*p == '\0')
		return;
	int level = heading ? 1 : gongwen_level(p);
	PangoLayout *l = layout(g, GW_FANGSONG, SIZE_BODY, p, GW_TEXT_W + 0.5,
	    2 * GW_CHAR, 1);
	if (level == 1 || level == 2) {
		const char *stop = heading ? NULL : strstr(p, "。");
		size_t end = stop ? (size_t)(stop - p) + 3 : strlen(p);
		PangoAttrList *al = pango_attr_list_copy(
		    pango_layout_get_attributes(l));
		PangoFontDescription *fd = font(g, level == 1 ? GW_HEITI :
		    GW_KAITI, SIZE_BODY);
		PangoAttribute *a = pango_attr_font_desc_new(fd);
		pango_font_description_free(fd);
		a->start_index = 0;
		a->end_index = (guint)end;
		pango_attr_list_insert(al, a);
		pango_layout_set_attributes(l, al);
		pango_attr_list_unref(al);
	}
	place(g, l, 0, SIZE_BODY);
	g_object_unref(l);
}

/* A block of paragraphs separated by '\n'. */
static void
paragraphs(struct gw *g, const char *text, int heading)
{
	gchar *t = normal(text);
	char *save = NULL;
	for (char *p = strtok_r(t, "\n", &save); p && !g->too_many;
	    p = strtok_r(NULL, "\n", &save))
		paragraph(g, p, heading);
	g_free(t);
}

/* Whether some line of l holds a single character. */
static int
lone_char(PangoLayout *l)
{
	const char *text = pango_layout_get_text(l);
	for (GSList *s = pango_layout_get_lines_readonly(l); s; s = s->next) {
		PangoLayoutLine *line = s->data;
		if (g_utf8_strlen(text + line->start_index, line->length) == 1)
			return 1;
	}
	return 0;
}

/*
 * The 标题 in 2号小标宋, centred, in as few lines as the 版心 allows and
 * balanced: each line about as long as the others (GB/T 9704 7.3.1:
 * 排列对称, 长短适宜), never a character alone on a line.
 */
static void
title(struct gw *g)
{
	gchar *t = normal(g->doc->title);
	PangoLayout *l = layout(g, GW_XIAOBIAOSONG, SIZE_TITLE, t, -1, 0, 0);
	double whole = width_of(l);
	int k = (int)ceil(whole / GW_TEXT_W);
	double w = GW_TEXT_W;
	if (k > 1) {
		/* Each line a k-th of the whole, plus a character: pango's
		 * breaks (not inside a number, no 。 at a line's start)
		 * cost less than one. */
		for (w = fmin(whole / k + SIZE_TITLE, GW_TEXT_W);;
		    w = fmin(w + SIZE_TITLE / 2, GW_TEXT_W)) {
			pango_layout_set_width(l, (int)(w * PANGO_SCALE));
			if ((pango_layout_get_line_count(l) <= k &&
			    !lone_char(l)) || w >= GW_TEXT_W)
				break;
		}
	}
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	place(g, l, (GW_TEXT_W - w) / 2, SIZE_TITLE);
	g_object_unref(l);
	g_free(t);
}

/* The 版头: the red 发文机关标志 centred 35 mm under the 版心's top, the
 * 发文字号 two lines under it, the red rule 4 mm under that; g->row
 * then the first line under the rule. */
static void
head(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	gchar *mark = normal(d->organ_mark);
	PangoLayout *l = layout(g, GW_XIAOBIAOSONG, 1, mark, -1, 0, 0);
	double size = fmin(SIZE_MARK_MAX, 0.98 * GW_TEXT_W /
	    fmax(width_of(l), 1e-3));
	g_object_unref(l);
	l = layout(g, GW_XIAOBIAOSONG, size, mark, -1, 0, 0);
	double w = width_of(l);
	g_object_unref(l);
	cairo_set_source_rgb(g->cr, 0.86, 0.0, 0.0);
	show_at(g, GW_XIAOBIAOSONG, size, mark, (GW_TEXT_W - w) / 2, GW_TOP +
	    MARK_TOP + ASCENT * size, 0);
	g_free(mark);
	int row = (int)ceil((MARK_TOP + size) / GW_PITCH) + 2;
	if (d->number != NULL && *d->number != '\0') {
		cairo_set_source_rgb(g->cr, 0, 0, 0);
		gchar *num = normal(d->number);
		l = layout(g, GW_FANGSONG, SIZE_BODY, num, -1, 0, 1);
		w = width_of(l);
		g_object_unref(l);
		show_at(g, GW_FANGSONG, SIZE_BODY, num, (GW_TEXT_W - w) / 2,
		    baseline(row, SIZE_BODY), 1);
		g_free(num);
		cairo_set_source_rgb(g->cr, 0.86, 0.0, 0.0);
	}
	double y = GW_TOP + row * GW_PITCH + (GW_PITCH + SIZE_BODY) / 2 +
	    RULE_GAP;
	rule(g, y, 1.0);
	cairo_set_source_rgb(g->cr, 0, 0, 0);
	g->row = (int)ceil((y - GW_TOP) / GW_PITCH);
}

/* 附件说明: a line under the 正文, two characters in, "附件：" and the
 * names (numbered when more than one), a long name's lines aligned with
 * its first character. */
static void
attachments(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	g->row++;
	for (size_t i = 0; i < d->nattachments && !g->too_many; i++) {
		char prefix[64];
		snprintf(prefix, sizeof prefix, "%s", i ? "" : "附件：");
		if (d->nattachments > 1)
			snprintf(prefix + strlen(prefix), sizeof prefix -
			    strlen(prefix), "%zu.", i + 1);
		PangoLayout *l = layout(g, GW_FANGSONG, SIZE_BODY, prefix, -1, 0,
		    1);
		double hang = prefix[0] ? width_of(l) : 0;
		g_object_unref(l);
		double x = 2 * GW_CHAR + (i ? 3 * GW_CHAR : 0);
		gchar *name = normal(d->attachments[i]);
		gchar *text = g_strconcat(prefix, name, NULL);
		l = layout(g, GW_FANGSONG, SIZE_BODY, text, GW_TEXT_W - x + 0.5,
		    -hang, 1);
		place(g, l, x, SIZE_BODY);
		g_object_unref(l);
		g_free(text);
		g_free(name);
	}
}

/*
 * 署名 and 成文日期 (GB/T 9704 7.3.5). With the 印章: the date four
 * characters from the right, the 署名 centred over it, both under the
 * seal's centre, the seal's top within a line of the text (two empty
 * lines, then 署名 and date). Without: a line under the text, the 署名
 * two characters from the right, the date under it two characters
 * further right (or two from the right when longer, the 署名 moved
 * left).
 */
static void
signature(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	char date[96] = "";
	if (d->year > 0) {
		if (d->numerals)
			zh_date_numerals(d->year, d->month, d->day, date,
			    sizeof date);
		else
			snprintf(date, sizeof date, "%d年%d月%d日", d->year,
			    d->month, d->day);
	}
	gchar *who = normal(d->signer);
	if (*who == '\0' && *date == '\0') {
		g_free(who);
		return;
	}
	int skip = d->seal ? 2 : 1;
	if (g->row + skip + (*who != '\0') + (*date != '\0') > GW_LINES)
		page_next(g);
	else
		g->row += skip;
	PangoLayout *l = layout(g, GW_FANGSONG, SIZE_BODY, who, -1, 0, 1);
	double ws = width_of(l);
	g_object_unref(l);
	l = layout(g, GW_FANGSONG, SIZE_BODY, date, -1, 0, 1);
	double wd = width_of(l);
	g_object_unref(l);
	double xs, xd;
	if (d->seal) {
		xd = GW_TEXT_W - 4 * GW_CHAR - wd;
		xs = xd + (wd - ws) / 2;
	} else {
		xs = GW_TEXT_W - 2 * GW_CHAR - ws;
		xd = xs + 2 * GW_CHAR;
		if (xd + wd > GW_TEXT_W - 2 * GW_CHAR) {
			xd = GW_TEXT_W - 2 * GW_CHAR - wd;
			xs = xd - 2 * GW_CHAR;
		}
	}
	if (*who != '\0')
		show_at(g, GW_FANGSONG, SIZE_BODY, who, fmax(xs, 0),
		    baseline(g->row++, SIZE_BODY), 1);
	if (*date != '\0')
		show_at(g, GW_FANGSONG, SIZE_BODY, date, fmax(xd, 0),
		    baseline(g->row++, SIZE_BODY), 1);
	g_free(who);
}

/*
 * 版记 (7.4) at the foot of the last page, in 4号仿宋: 抄送 a character
 * in from both sides, its names' lines aligned after the colon, ending
 * with 。; under it 印发机关 a character from the left and 印发日期 one
 * from the right; a thick rule over the first, a thin one between, a
 * thick one on the 版心's bottom edge. A new page when the text leaves
 * no room.
 */
static void
colophon(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	if (d->printer == NULL || *d->printer == '\0')
		return;
	PangoLayout *cc = NULL;
	int lines = 1;
	if (d->cc != NULL && *d->cc != '\0') {
		gchar *names = normal(d->cc);
		gchar *text = g_strconcat("抄送：", names, "。", NULL);
		PangoLayout *l = layout(g, GW_FANGSONG, SIZE_SMALL, "抄送：", -1,
		    0, 0);
		double hang = width_of(l);
		g_object_unref(l);
		cc = layout(g, GW_FANGSONG, SIZE_SMALL, text, GW_TEXT_W - 2 *
		    SIZE_SMALL, -hang, 0);
		lines += pango_layout_get_line_count(cc);
		g_free(text);
		g_free(names);
	}
	if (g->row > GW_LINES - lines)
		page_next(g);
	if (!g->too_many) {
		g->row = GW_LINES - lines;
		rule(g, GW_TOP + g->row * GW_PITCH, 0.35 * GW_MM);
		if (cc != NULL) {
			place(g, cc, SIZE_SMALL, SIZE_SMALL);
			rule(g, GW_TOP + g->row * GW_PITCH, 0.25 * GW_MM);
		}
		gchar *printer = normal(d->printer);
		show_at(g, GW_FANGSONG, SIZE_SMALL, printer, SIZE_SMALL,
		    baseline(g->row, SIZE_SMALL), 0);
		g_free(printer);
		char date[96] = "";
		if (d->print_year > 0)
			snprintf(date, sizeof date, "%d年%d月%d日印发",
			    d->print_year, d->print_month, d->print_day);
		PangoLayout *l = layout(g, GW_FANGSONG, SIZE_SMALL, date, -1, 0,
		    0);
		double w = width_of(l);
		g_object_unref(l);
		show_at(g, GW_FANGSONG, SIZE_SMALL, date, GW_TEXT_W -
		    SIZE_SMALL - w, baseline(g->row, SIZE_SMALL), 0);
		g->row++;
		rule(g, GW_TOP + GW_TEXT_H, 0.35 * GW_MM);
	}
	if (cc != NULL)
		g_object_unref(cc);
}

/* The whole document, page by page. */
static void
flow(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	g->page = 1;
	g->row = 0;
	if (d->organ_mark != NULL && *d->organ_mark != '\0') {
		head(g);
		g->row += 2;
	}
	title(g);
	g->row++;
	if (d->addressee != NULL && *d->addressee != '\0') {
		gchar *to = normal(d->addressee);
		gchar *text = g_strconcat(to, "：", NULL);
		PangoLayout *l = layout(g, GW_FANGSONG, SIZE_BODY, text,
		    GW_TEXT_W + 0.5, 0, 1);
		place(g, l, 0, SIZE_BODY);
		g_object_unref(l);
		g_free(text);
		g_free(to);
	}
	for (size_t i = 0; i < d->nbody && !g->too_many; i++)
		paragraphs(g, d->body[i].text, d->body[i].kind == GW_HEADING);
	if (d->nattachments > 0 && !g->too_many)
		attachments(g);
	if (!g->too_many)
		signature(g);
	if (!g->too_many)
		colophon(g);
	if (!g->too_many)
		page_end(g);
}

/* Sets one metadata field (skipped when NULL); cairo refuses invalid
 * UTF-8 by failing the whole surface, so the text is made valid. */
static void
metadata(cairo_surface_t *surface, cairo_pdf_metadata_t what,
    const char *text)
{
	if (text == NULL)
		return;
	gchar *valid = g_utf8_make_valid(text, -1);
	cairo_pdf_surface_set_metadata(surface, what, valid);
	g_free(valid);
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int length)
{
	return buf_append(closure, data, length) ? CAIRO_STATUS_WRITE_ERROR :
	    CAIRO_STATUS_SUCCESS;
}

int
gongwen_render(const struct gw_doc *doc, char **out, size_t *len, char *err,
    size_t errlen)
{
	struct buf b;
	cairo_font_options_t *fo = NULL;
	int rc = -1;

	*out = NULL;
	*len = 0;
	buf_init(&b, GW_PDF_MAX);
	pthread_mutex_lock(&lock);
	if (!registered) {
		atexit(atexit_shutdown);
		registered = 1;
	}
	if (fontmap == NULL)
		fontmap = pango_cairo_font_map_new();
	struct gw g = { .doc = doc };
	g.ctx = pango_font_map_create_context(fontmap);
	pango_cairo_context_set_resolution(g.ctx, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(g.ctx, fo);
	pango_context_set_language(g.ctx, pango_language_from_string("zh-cn"));
	resolve_fonts(&g);

	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
	    write_out, &b, GW_PAGE_W, GW_PAGE_H);
	metadata(surface, CAIRO_PDF_METADATA_TITLE, doc->title);
	metadata(surface, CAIRO_PDF_METADATA_CREATOR, "履职 lvzhi");
	metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
	metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc->created);
	g.cr = cairo_create(surface);
	flow(&g);
	cairo_destroy(g.cr);
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (g.too_many)
		snprintf(err, errlen, "more than %d pages", GW_PAGES_MAX);
	else if (st != CAIRO_STATUS_SUCCESS)
		snprintf(err, errlen, "%s", st == CAIRO_STATUS_WRITE_ERROR ?
		    "the PDF is too large" : cairo_status_to_string(st));
	else {
		*out = b.data;
		*len = b.len;
		b.data = NULL;
		rc = 0;
	}
	cairo_font_options_destroy(fo);
	g_object_unref(g.ctx);
	pthread_mutex_unlock(&lock);
	buf_free(&b);
	return rc;
}
