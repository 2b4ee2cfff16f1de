/*
 * The parts of a 公文 around its 正文 (see gongwen.h): the 版头 with a
 * 上行文's 签发人, the 标题 and where it breaks, the 附件说明, the 署名
 * and 成文日期 kept with the 正文, the 版记. gongwen.c lays out the
 * 正文 and calls these in order.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/zhtext.h"
#include "report/gongwen-int.h"
#include "report/gongwen-title.h"

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
 * t with its lines broken where gongwen-title.c chooses (a '\n' before
 * each line after the first), measured on l (t on one line); NULL when
 * it finds no breaking (too long): the caller breaks by length. g_free
 * it.
 */
static gchar *
title_broken(PangoLayout *l, const char *t)
{
	size_t at[GW_TITLE_CHARS + 1], brk[GW_TITLE_LINES];
	double x[GW_TITLE_CHARS + 1];
	size_t n = 0;
	for (const char *p = t; *p; p = g_utf8_next_char(p)) {
		if (n == GW_TITLE_CHARS)
			return NULL;
		PangoRectangle pos;
		pango_layout_index_to_pos(l, (int)(p - t), &pos);
		at[n] = (size_t)(p - t);
		x[n++] = (double)pos.x / PANGO_SCALE;
	}
	at[n] = strlen(t);
	x[n] = gw_width_of(l);
	int k = gongwen_title_breaks(t, at, x, n, GW_TEXT_W, SIZE_TITLE, brk,
	    GW_TITLE_LINES);
	if (k < 0)
		return NULL;
	GString *s = g_string_new(NULL);
	size_t from = 0;
	for (int i = 0; i < k; i++) {
		g_string_append_len(s, t + at[from], (gssize)(at[brk[i]] -
		    at[from]));
		g_string_append_c(s, '\n');
		from = brk[i];
	}
	g_string_append(s, t + at[from]);
	return g_string_free(s, FALSE);
}

/*
 * The 标题 in 2号小标宋, centred, in as few lines as the 版心 allows,
 * broken where it means something (gongwen-title.h: GB/T 9704 7.3.1
 * 词意完整, 排列对称, 长短适宜), never one or two characters alone on a
 * line. A title too long for that is broken by length, balanced: each
 * line about as long as the others, no character alone.
 */
void
gw_title(struct gw *g)
{
	gchar *t = gw_normal(g->doc->title);
	PangoLayout *l = gw_layout(g, GW_XIAOBIAOSONG, SIZE_TITLE, t, -1, 0, 0);
	double whole = gw_width_of(l);
	int k = (int)ceil(whole / GW_TEXT_W);
	double w = GW_TEXT_W;
	gchar *broken = k > 1 ? title_broken(l, t) : NULL;
	if (broken != NULL)
		pango_layout_set_text(l, broken, -1);
	else if (k > 1) {
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
	gw_tag(g, "H1");
	gw_place(g, l, (GW_TEXT_W - w) / 2, SIZE_TITLE);
	gw_untag(g);
	g_object_unref(l);
	g_free(broken);
	g_free(t);
}

/* A 上行文's 签发人 (GB/T 9704-2012 7.2.6) on the 发文字号's line: "签发
 * 人：" in 3号仿宋 and the name in 3号楷体, ending a character from the
 * right (the 发文字号 then starts a character from the left, 7.2.5). */
static void
issuer_signer(struct gw *g, int row)
{
	gchar *name = gw_normal(g->doc->issuer_signer);
	gchar *text = g_strconcat("签发人：", name, NULL);
	PangoLayout *l = gw_layout(g, GW_FANGSONG, SIZE_BODY, text, -1, 0, 1);
	PangoAttrList *al = pango_attr_list_copy(pango_layout_get_attributes(l));
	PangoFontDescription *fd = gw_font(g, GW_KAITI, SIZE_BODY);
	PangoAttribute *a = pango_attr_font_desc_new(fd);
	pango_font_description_free(fd);
	a->start_index = (guint)strlen("签发人：");
	a->end_index = (guint)strlen(text);
	pango_attr_list_insert(al, a);
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
	/* The letter spacing follows the last character too: not ink. */
	double w = gw_width_of(l) - (GW_CHAR - SIZE_BODY);
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
	gw_tag(g, "P");
	cairo_move_to(g->cr, GW_LEFT + GW_TEXT_W - GW_CHAR - w,
	    gw_baseline(g, row, SIZE_BODY));
	pango_cairo_show_layout_line(g->cr, line);
	gw_untag(g);
	g_object_unref(l);
	g_free(text);
	g_free(name);
}

/* The 版头: the red 发文机关标志 centred 35 mm under the 版心's top, the
 * 发文字号 two lines under it, the red rule 4 mm under that; g->row
 * then the first line under the rule. */
void
gw_head(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	gchar *mark = gw_normal(d->organ_mark);
	PangoLayout *l = gw_layout(g, GW_XIAOBIAOSONG, 1, mark, -1, 0, 0);
	double size = fmin(SIZE_MARK_MAX, 0.98 * GW_TEXT_W /
	    fmax(gw_width_of(l), 1e-3));
	g_object_unref(l);
	l = gw_layout(g, GW_XIAOBIAOSONG, size, mark, -1, 0, 0);
	double w = gw_width_of(l);
	g_object_unref(l);
	cairo_set_source_rgb(g->cr, 0.86, 0.0, 0.0);
	gw_tag(g, "P");
	gw_show_at(g, GW_XIAOBIAOSONG, size, mark, (GW_TEXT_W - w) / 2, GW_TOP +
	    MARK_TOP + ASCENT * size, 0);
	gw_untag(g);
	g_free(mark);
	int row = (int)ceil((MARK_TOP + size) / g->pitch) + 2;
	int up = d->issuer_signer != NULL && *d->issuer_signer != '\0';
	cairo_set_source_rgb(g->cr, 0, 0, 0);
	if (d->number != NULL && *d->number != '\0') {
		gchar *num = gw_normal(d->number);
		l = gw_layout(g, GW_FANGSONG, SIZE_BODY, num, -1, 0, 1);
		w = gw_width_of(l);
		g_object_unref(l);
		gw_tag(g, "P");
		gw_show_at(g, GW_FANGSONG, SIZE_BODY, num, up ? GW_CHAR :
		    (GW_TEXT_W - w) / 2, gw_baseline(g, row, SIZE_BODY), 1);
		gw_untag(g);
		g_free(num);
	}
	if (up)
		issuer_signer(g, row);
	cairo_set_source_rgb(g->cr, 0.86, 0.0, 0.0);
	double y = GW_TOP + row * g->pitch + (g->pitch + SIZE_BODY) / 2 +
	    RULE_GAP;
	gw_rule(g, y, 1.0);
	cairo_set_source_rgb(g->cr, 0, 0, 0);
	g->row = (int)ceil((y - GW_TOP) / g->pitch);
}

/* 附件说明: a line under the 正文, two characters in, "附件：" and the
 * names (numbered when more than one), a long name's lines aligned with
 * its first character. */
void
gw_attachments(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	g->row++;
	for (size_t i = 0; i < d->nattachments && !g->too_many; i++) {
		char prefix[64];
		snprintf(prefix, sizeof prefix, "%s", i ? "" : "附件：");
		if (d->nattachments > 1)
			snprintf(prefix + strlen(prefix), sizeof prefix -
			    strlen(prefix), "%zu.", i + 1);
		PangoLayout *l = gw_layout(g, GW_FANGSONG, SIZE_BODY, prefix, -1, 0,
		    1);
		double hang = prefix[0] ? gw_width_of(l) : 0;
		g_object_unref(l);
		double x = 2 * GW_CHAR + (i ? 3 * GW_CHAR : 0);
		gchar *name = gw_normal(d->attachments[i]);
		gchar *text = g_strconcat(prefix, name, NULL);
		l = gw_layout(g, GW_FANGSONG, SIZE_BODY, text, GW_TEXT_W - x + 0.5,
		    -hang, 1);
		gw_tag(g, "P");
		gw_place(g, l, x, SIZE_BODY);
		gw_untag(g);
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
void
gw_signature(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	char date[96];
	gongwen_date_text(d, date, sizeof date);
	gchar *who = gw_normal(d->signer);
	if (*who == '\0' && *date == '\0') {
		g_free(who);
		return;
	}
	int skip = d->seal ? 2 : 1;
	int need = g->row + skip + (*who != '\0') + (*date != '\0');
	if (need > g->lines && g->squeeze_page == 0) {
		/* They may not go alone onto a page: its 正文 would not be
		 * on the page the seal is on, and "此页无正文" is not done.
		 * GB/T 9704-2012 7.3.5.5: 调整行距、字距 so they fit; here
		 * the lines of this page are closer (need lines in the 版心
		 * instead of 22, the letter spacing kept), and the document is
		 * laid out again with it. */
		g->squeeze_page = g->page;
		g->squeeze_lines = need;
		g->retry = 1;
		g_free(who);
		return;
	}
	if (need > g->lines)
		gw_page_next(g);
	else
		g->row += skip;
	PangoLayout *l = gw_layout(g, GW_FANGSONG, SIZE_BODY, who, -1, 0, 1);
	double ws = gw_width_of(l);
	g_object_unref(l);
	l = gw_layout(g, GW_FANGSONG, SIZE_BODY, date, -1, 0, 1);
	double wd = gw_width_of(l);
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
	gw_tag(g, "P");
	if (*who != '\0')
		gw_show_at(g, GW_FANGSONG, SIZE_BODY, who, fmax(xs, 0),
		    gw_baseline(g, g->row++, SIZE_BODY), 1);
	if (*date != '\0')
		gw_show_at(g, GW_FANGSONG, SIZE_BODY, date, fmax(xd, 0),
		    gw_baseline(g, g->row++, SIZE_BODY), 1);
	gw_untag(g);
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
void
gw_colophon(struct gw *g)
{
	const struct gw_doc *d = g->doc;
	if (d->printer == NULL || *d->printer == '\0')
		return;
	PangoLayout *cc = NULL;
	int lines = 1;
	if (d->cc != NULL && *d->cc != '\0') {
		gchar *names = gw_normal(d->cc);
		gchar *text = g_strconcat("抄送：", names, "。", NULL);
		PangoLayout *l = gw_layout(g, GW_FANGSONG, SIZE_SMALL, "抄送：", -1,
		    0, 0);
		double hang = gw_width_of(l);
		g_object_unref(l);
		cc = gw_layout(g, GW_FANGSONG, SIZE_SMALL, text, GW_TEXT_W - 2 *
		    SIZE_SMALL, -hang, 0);
		lines += pango_layout_get_line_count(cc);
		g_free(text);
		g_free(names);
	}
	if (g->row > g->lines - lines)
		gw_page_next(g);
	if (!g->too_many) {
		g->row = g->lines - lines;
		gw_rule(g, GW_TOP + g->row * g->pitch, 0.35 * GW_MM);
		if (cc != NULL) {
			gw_tag(g, "P");
			gw_place(g, cc, SIZE_SMALL, SIZE_SMALL);
			gw_untag(g);
			gw_rule(g, GW_TOP + g->row * g->pitch, 0.25 * GW_MM);
		}
		gchar *printer = gw_normal(d->printer);
		gw_tag(g, "P");
		gw_show_at(g, GW_FANGSONG, SIZE_SMALL, printer, SIZE_SMALL,
		    gw_baseline(g, g->row, SIZE_SMALL), 0);
		g_free(printer);
		char date[96] = "";
		if (d->print_year > 0)
			snprintf(date, sizeof date, "%d年%d月%d日印发",
			    d->print_year, d->print_month, d->print_day);
		PangoLayout *l = gw_layout(g, GW_FANGSONG, SIZE_SMALL, date, -1, 0,
		    0);
		double w = gw_width_of(l);
		g_object_unref(l);
		gw_show_at(g, GW_FANGSONG, SIZE_SMALL, date, GW_TEXT_W -
		    SIZE_SMALL - w, gw_baseline(g, g->row, SIZE_SMALL), 0);
		gw_untag(g);
		g->row++;
		gw_rule(g, GW_TOP + GW_TEXT_H, 0.35 * GW_MM);
	}
	if (cc != NULL)
		g_object_unref(cc);
}
