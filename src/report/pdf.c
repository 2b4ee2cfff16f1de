/*
 * PDF with cairo and pango (see pdf.h).
 *
 * The text is laid out once per block (the title, each line about the
 * report, each heading, each section's text) as a pango layout as wide
 * as the page's text column; its lines are then placed one by one, and a
 * line that would cross the bottom margin starts a new page. The first
 * pass places lines without drawing, to count the pages; the second
 * draws them on a cairo PDF surface whose bytes go into a buffer with a
 * ceiling. Both passes use one pango context set to 72 dpi with hinting
 * off, so a point in layout is a point on paper and the two passes break
 * lines and pages identically.
 */
#include "report/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* A4 in points, and the text column. */
#define PAGE_W 595.2756
#define PAGE_H 841.8898
#define MARGIN_TOP 72.0
#define MARGIN_BOTTOM 78.0
#define MARGIN_LEFT 72.0
#define MARGIN_RIGHT 68.0
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define TEXT_BOTTOM (PAGE_H - MARGIN_BOTTOM)
#define FOOTER_Y (PAGE_H - 44.0)

#define FONT_TITLE "Noto Serif CJK SC Bold 19"
#define FONT_LINE "Noto Sans CJK SC 10"
#define FONT_HEADING "Noto Sans CJK SC Bold 13"
#define FONT_BODY "Noto Serif CJK SC 11.5"
#define FONT_FOOTER "Noto Sans CJK SC 8.5"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *fontmap; /* under lock */
static int registered;        /* pdf_shutdown registered with atexit */

struct flow {
	PangoContext *ctx;
	cairo_t *cr;    /* NULL: counting pages only */
	const struct pdf_doc *doc;
	double y;       /* where the next line goes */
	int page;       /* the current page, from 1 */
	int pages;      /* the total (second pass), 0 in the first */
	int too_many;
};

enum align { LEFT, CENTRE, RIGHT };

static void
atexit_shutdown(void)
{
	pdf_shutdown();
}

void
pdf_shutdown(void)
{
	pthread_mutex_lock(&lock);
	if (fontmap != NULL) {
		g_object_unref(fontmap);
		fontmap = NULL;
		/* cairo_debug_reset_static_data() and FcFini() would free the
		 * libraries' caches too, but cairo asserts when any of its
		 * objects is still alive at that moment (seen at exit under
		 * valgrind): a process must not risk an abort on its way out.
		 * The caches stay reachable, so leak checkers do not count
		 * them. */
	}
	pthread_mutex_unlock(&lock);
}

/* A layout of text in font, as wide as the column; the caller unrefs. */
static PangoLayout *
layout_of(struct flow *f, const char *font, const char *text,
    enum align align, double indent)
{
	PangoLayout *l = pango_layout_new(f->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(TEXT_W * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align == CENTRE ? PANGO_ALIGN_CENTER :
	    align == RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
	pango_layout_set_line_spacing(l, 1.45f);
	gchar *valid = g_utf8_make_valid(text ? text : "", -1);
	pango_layout_set_text(l, valid, -1);
	g_free(valid);
	return l;
}

/* One line of small text at y (the baseline), aligned in the column. */
static void
footer_text(struct flow *f, const char *text, enum align align)
{
	PangoLayout *l = layout_of(f, FONT_FOOTER, text, align, 0);
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
	if (line != NULL) {
		PangoRectangle logical;
		pango_layout_line_get_extents(line, NULL, &logical);
		double x = MARGIN_LEFT, w = (double)logical.width / PANGO_SCALE;
		if (align == CENTRE)
			x += (TEXT_W - w) / 2;
		else if (align == RIGHT)
			x += TEXT_W - w;
		cairo_move_to(f->cr, x, FOOTER_Y);
		pango_cairo_show_layout_line(f->cr, line);
	}
	g_object_unref(l);
}

/* Ends the current page: its footer and number, then the page. */
static void
page_end(struct flow *f)
{
	if (f->cr == NULL)
		return;
	cairo_set_source_rgb(f->cr, 0.45, 0.45, 0.45);
	cairo_set_line_width(f->cr, 0.5);
	cairo_move_to(f->cr, MARGIN_LEFT, FOOTER_Y - 16);
	cairo_line_to(f->cr, PAGE_W - MARGIN_RIGHT, FOOTER_Y - 16);
	cairo_stroke(f->cr);
	if (f->doc->footer != NULL)
		footer_text(f, f->doc->footer, LEFT);
	char num[64];
	snprintf(num, sizeof num, "第 %d 页 共 %d 页", f->page, f->pages);
	footer_text(f, num, RIGHT);
	cairo_show_page(f->cr);
	cairo_set_source_rgb(f->cr, 0, 0, 0);
}

static void
page_next(struct flow *f)
{
	page_end(f);
	f->page++;
	if (f->page > PDF_PAGES_MAX)
		f->too_many = 1;
	f->y = MARGIN_TOP;
}

/*
 * Places the layout's lines from f->y on, breaking pages between lines;
 * keep: room that must stay below the first line (a heading keeps some
 * of its text with it).
 */
static void
place(struct flow *f, PangoLayout *l, double keep)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double shift = f->y; /* page y = layout y + shift */
	int first = 1;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double top = (double)logical.y / PANGO_SCALE;
		double h = (double)logical.height / PANGO_SCALE;
		double need = first ? h + keep : h;
		if (shift + top + need > TEXT_BOTTOM && shift + top > MARGIN_TOP) {
			page_next(f);
			shift = MARGIN_TOP - top;
		}
		first = 0;
		if (f->cr != NULL && !f->too_many) {
			double base = (double)pango_layout_iter_get_baseline(it) /
			    PANGO_SCALE;
			cairo_move_to(f->cr, MARGIN_LEFT + (double)logical.x /
			    PANGO_SCALE, shift + base);
			pango_cairo_show_layout_line(f->cr,
			    pango_layout_iter_get_line_readonly(it));
		}
		f->y = shift + top + h;
	} while (!f->too_many && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void
block(struct flow *f, const char *font, const char *text, enum align align,
    double indent, double before, double after, double keep)
{
	if (f->y > MARGIN_TOP)
		f->y += before;
	PangoLayout *l = layout_of(f, font, text, align, indent);
	place(f, l, keep);
	g_object_unref(l);
	f->y += after;
}

/* Lays the whole document out once (drawing when f->cr is set). */
static void
flow_doc(struct flow *f)
{
	const struct pdf_doc *d = f->doc;
	f->page = 1;
	f->y = MARGIN_TOP;
	block(f, FONT_TITLE, d->title, CENTRE, 0, 0, 10, 0);
	if (f->cr != NULL)
		cairo_set_source_rgb(f->cr, 0.25, 0.25, 0.25);
	for (size_t i = 0; i < d->nlines && !f->too_many; i++)
		block(f, FONT_LINE, d->lines[i], CENTRE, 0, 0, 0, 0);
	if (f->cr != NULL) {
		f->y += 10;
		cairo_set_source_rgb(f->cr, 0.7, 0.1, 0.1);
		cairo_set_line_width(f->cr, 1.2);
		cairo_move_to(f->cr, MARGIN_LEFT, f->y);
		cairo_line_to(f->cr, PAGE_W - MARGIN_RIGHT, f->y);
		cairo_stroke(f->cr);
		cairo_set_source_rgb(f->cr, 0, 0, 0);
		f->y += 8;
	} else {
		f->y += 18;
	}
	for (size_t i = 0; i < d->nsections && !f->too_many; i++) {
		const struct pdf_section *s = &d->sections[i];
		/* A heading keeps two lines of its text with it. */
		block(f, FONT_HEADING, s->title, LEFT, 0, 14, 4, 40);
		if (s->text != NULL && *s->text != '\0')
			block(f, FONT_BODY, s->text, LEFT, 23, 0, 0, 0);
	}
	page_end(f);
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
pdf_render(const struct pdf_doc *doc, char **out, size_t *len, char *err,
    size_t errlen)
{
	struct buf b;
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	PangoContext *ctx = NULL;
	cairo_font_options_t *fo = NULL;
	int rc = -1;

	*out = NULL;
	*len = 0;
	buf_init(&b, PDF_MAX);
	pthread_mutex_lock(&lock);
	if (!registered) {
		atexit(atexit_shutdown);
		registered = 1;
	}
	if (fontmap == NULL)
		fontmap = pango_cairo_font_map_new();
	ctx = pango_font_map_create_context(fontmap);
	pango_cairo_context_set_resolution(ctx, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));

	/* First pass: the number of pages. */
	struct flow f = { .ctx = ctx, .doc = doc };
	flow_doc(&f);
	if (f.too_many) {
		snprintf(err, errlen, "more than %d pages", PDF_PAGES_MAX);
		goto out;
	}
	surface = cairo_pdf_surface_create_for_stream(write_out, &b, PAGE_W,
	    PAGE_H);
	metadata(surface, CAIRO_PDF_METADATA_TITLE, doc->title);
	metadata(surface, CAIRO_PDF_METADATA_CREATOR, "履职 lvzhi");
	metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
	metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc->created);
	cr = cairo_create(surface);
	f = (struct flow){ .ctx = ctx, .cr = cr, .doc = doc, .pages = f.page };
	flow_doc(&f);
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "%s", st == CAIRO_STATUS_WRITE_ERROR ?
		    "the PDF is too large" : cairo_status_to_string(st));
		goto out;
	}
	*out = b.data;
	*len = b.len;
	b.data = NULL;
	rc = 0;
out:
	if (cr != NULL)
		cairo_destroy(cr);
	if (surface != NULL)
		cairo_surface_destroy(surface);
	if (fo != NULL)
		cairo_font_options_destroy(fo);
	if (ctx != NULL)
		g_object_unref(ctx);
	pthread_mutex_unlock(&lock);
	buf_free(&b);
	return rc;
}
