/*
 * Inside report/gongwen: the render's state and the drawing helpers
 * gongwen.c (fonts, the grid, pages, the 正文, the render) shares with
 * gongwen-parts.c (the parts of a document around the 正文: 版头, 标题,
 * 附件说明, 署名 and 成文日期, 版记). Not for other files.
 */
#ifndef LVZHI_GONGWEN_INT_H
#define LVZHI_GONGWEN_INT_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "report/gongwen.h"

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

struct gw {
	PangoContext *ctx;
	cairo_t *cr;
	const struct gw_doc *doc;
	char family[GW_NFONTS][FAMILY_MAX]; /* as resolved for this render */
	int bold[GW_NFONTS];
	int page;     /* the current page, from 1 */
	int row;      /* the next free line of the grid, from 0 */
	int too_many;
	const char *leaf; /* the structure element open, or NULL */
	/* The grid of this page: 22 lines, or more on the page whose text
	 * the 署名 and 成文日期 would not fit under (squeeze_page, with
	 * squeeze_lines: GB/T 9704-2012 7.3.5.5, see signature). */
	int lines;
	double pitch;
	int squeeze_page, squeeze_lines;
	int retry; /* set by signature: render again with the squeeze */
};

/* s normalised for print (zhtext.h), valid UTF-8; g_free it. */
gchar *gw_normal(const char *s);
PangoFontDescription *gw_font(const struct gw *g, enum gw_font role,
    double size);
/* A layout of text in role's font at size, width points wide (-1: one
 * line), the first line indented by indent (negative: the others,
 * hanging); grid: the letter spacing of the grid. The caller unrefs. */
PangoLayout *gw_layout(struct gw *g, enum gw_font role, double size,
    const char *text, double width, double indent, int grid);
double gw_width_of(PangoLayout *l);
/* The baseline of a line of type size on row of this page's grid. */
double gw_baseline(const struct gw *g, int row, double size);
/* One line of text, x from the 版心's left, its baseline at y. */
void gw_show_at(struct gw *g, enum gw_font role, double size,
    const char *text, double x, double y, int grid);
/* l's lines on the grid from g->row on (new pages as needed). */
void gw_place(struct gw *g, PangoLayout *l, double x, double size);
void gw_rule(struct gw *g, double y, double thick);
/* A structure element (tagged PDF) begun and ended. */
void gw_tag(struct gw *g, const char *name);
void gw_untag(struct gw *g);
void gw_page_next(struct gw *g);

/* The parts (gongwen-parts.c), in the order flow draws them. */
void gw_head(struct gw *g);
void gw_title(struct gw *g);
void gw_attachments(struct gw *g);
void gw_signature(struct gw *g);
void gw_colophon(struct gw *g);

#endif
