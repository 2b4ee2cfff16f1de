/*
 * Reports as PDF: A4 pages set with pango (Noto CJK fonts from
 * fonts-noto-cjk) and written by cairo.
 *
 * A document is a title, a few lines about it (organ, year, status), and
 * sections, each a heading and paragraphs of plain text separated by
 * newlines. Text wraps at the margins and breaks across pages line by
 * line; every page carries its number as "第 N 页 共 M 页", which takes
 * two passes over the text (the first only counts pages).
 *
 * The font machinery (fontconfig, pango's font map) is process-wide and
 * not safe to share between threads, so rendering is serialised by one
 * lock and the font map is made once; pdf_shutdown releases it and the
 * libraries' caches (registered with atexit on first use, so a leak
 * checker running at exit sees them freed).
 */
#ifndef LVZHI_PDF_H
#define LVZHI_PDF_H

#include <stddef.h>

/* The largest PDF rendered, and the most pages. */
#define PDF_MAX (32u << 20)
#define PDF_PAGES_MAX 500

struct pdf_section {
	const char *title;
	const char *text; /* paragraphs separated by '\n' */
};

struct pdf_doc {
	const char *title;
	const char *const *lines; /* under the title: organ, year, status */
	size_t nlines;
	const struct pdf_section *sections;
	size_t nsections;
	const char *footer;  /* left of the page number, or NULL */
	const char *author;  /* PDF metadata, or NULL */
	const char *created; /* "YYYY-MM-DDTHH:MM:SS" metadata, or NULL */
};

/*
 * Renders doc into a new buffer: *out (malloc'd, the caller frees it)
 * holding *len bytes. Strings must be valid UTF-8 (invalid bytes are
 * shown as replacement characters). Returns 0, or -1 with the reason in
 * err (too many pages, past PDF_MAX, a cairo error).
 */
int pdf_render(const struct pdf_doc *doc, char **out, size_t *len,
    char *err, size_t errlen);

/* Frees the font map and the font libraries' caches. Call only when no
 * rendering is running; rendering afterwards starts afresh. */
void pdf_shutdown(void);

#endif
