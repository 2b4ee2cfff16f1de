/*
 * Text for terminals and spreadsheets: display width of UTF-8 (CJK
 * characters take two columns), padding, and CSV fields.
 */
#ifndef LVZHI_TEXT_H
#define LVZHI_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Columns a UTF-8 string takes on a terminal. */
int text_width(const char *s);
/* Writes s padded with spaces to width columns (never truncates). */
void text_pad(FILE *out, const char *s, int width);
/*
 * Writes one CSV field (RFC 4180 quoting). A field a spreadsheet would
 * take for a formula (=, +, -, @ first) gets a leading apostrophe.
 */
void text_csv(FILE *out, const char *s);
/*
 * Whether s is well-formed UTF-8 (RFC 3629): no overlong forms, no
 * surrogates, nothing past U+10FFFF. PostgreSQL refuses any other text,
 * so request data is checked before it reaches a query.
 */
int text_utf8_valid(const char *s);
/*
 * Copies s into out (size bytes, NUL included) as safe text for a log
 * line or a diagnostic: control bytes, DEL, the C1 controls
 * and every byte that is not part of well-formed UTF-8 become \xHH, a
 * backslash becomes \\, and with space the space becomes \x20 too (one
 * field of a line); other UTF-8 text (Chinese) is kept. Stops before an
 * escape that would not fit. The result is well-formed UTF-8 and holds
 * no line break and no terminal escape;
 * 4 * strlen(s) + 1 bytes always suffice. Returns its length.
 */
size_t text_escape(char *out, size_t size, const char *s, int space);

/*
 * Walks text for the ids among ids (the longest at a place, standing
 * alone: no letter, digit, '-' or '_' touches it, so r-1 is not found
 * inside r-12) and its dates (YYYY-MM-DD, valid, standing alone), in
 * order: seg gets each stretch of other text, ref the index in ids of
 * each id, day each date as "2026年3月31日". The engine's explanations
 * name records by id and dates in ISO; pages and drafts for people
 * write them as people read them.
 */
struct text_refs {
	void *ctx;
	void (*seg)(void *ctx, const char *s, size_t n);
	void (*ref)(void *ctx, size_t which);
	void (*day)(void *ctx, const char *cn);
};
void text_scan_refs(const char *text, const char *const *ids, size_t nids,
    const struct text_refs *cb);

/*
 * A closed set (states, actions, kinds) as one table indexed by its
 * enum: each member's name (in forms, URLs and JSON) and label (Chinese,
 * for people). name_of/label_of: member i's, or otherwise when i is not
 * in 0..n-1. name_find: the index whose name is name, or -1 (name NULL
 * included).
 */
struct name_label {
	const char *name, *label;
};
const char *name_of(const struct name_label *t, size_t n, int i,
    const char *otherwise);
const char *label_of(const struct name_label *t, size_t n, int i,
    const char *otherwise);
int name_find(const struct name_label *t, size_t n, const char *name);
/* Defines PREFIX_name, PREFIX_label and PREFIX_parse (0, or -1 for an
 * unknown name) for the enum TYPE over the table T of N members; a value
 * out of range has the name and label OTHERWISE. */
#define NAME_LABEL_FUNCTIONS(prefix, type, t, n, otherwise)               \
	const char *prefix##_name(type v)                                 \
	{                                                                 \
		return name_of(t, n, (int)v, otherwise);                  \
	}                                                                 \
	const char *prefix##_label(type v)                                \
	{                                                                 \
		return label_of(t, n, (int)v, otherwise);                 \
	}                                                                 \
	int prefix##_parse(const char *name, type *v)                     \
	{                                                                 \
		int i = name_find(t, n, name);                            \
		if (i >= 0)                                               \
			*v = (type)i;                                     \
		return i >= 0 ? 0 : -1;                                   \
	}

#endif
