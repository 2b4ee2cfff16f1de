/*
 * libFuzzer harness: the portal search's folding and marking (base/fold.h)
 * with hostile text: any bytes, broken UTF-8, punctuation inside hits.
 *
 * The input, cut at NUL bytes, is the text then up to four terms, which
 * are folded as the portal folds a query. The oracle: the folding never
 * grows, folds to itself again, and its map is in order and inside the
 * text; the marked text with its marks taken out is the text, the marks
 * alternate open and close, and each marked stretch, folded, begins and
 * ends with a term; the snippet without its marks (and the "…" where it
 * was cut) is a stretch of the text, marked as the whole is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TERMS 4
#define ELLIPSIS "…"

/* s[0..n) folded, allocated. */
static char *
folded(const char *s, size_t n)
{
	char *f = malloc(n + 1);
	uint32_t *map = malloc((n + 1) * sizeof *map);
	if (f == NULL || map == NULL)
		abort();
	size_t fn = text_fold(s, n, f, map);
	if (fn > n || strlen(f) != fn)
		abort();
	for (size_t i = 0; i < fn; i++)
		if (map[i] >= n || (i > 0 && map[i] < map[i - 1]))
			abort();
	free(map);
	return f;
}

static int
begins_with_term(const char *f, const char *const *t, size_t nt, int end)
{
	size_t fn = strlen(f);
	for (size_t i = 0; i < nt; i++) {
		size_t tl = strlen(t[i]);
		if (tl && tl <= fn && memcmp(end ? f + fn - tl : f, t[i], tl) == 0)
			return 1;
	}
	return 0;
}

/* Checks the marks of s, returns s without them (allocated). */
static char *
unmarked(const char *s, const char *const *t, size_t nt)
{
	size_t n = strlen(s), o = 0, open = 0;
	char *out = malloc(n + 1);
	if (out == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\x01') {
			if (open)
				abort();
			open = o + 1;
		} else if (s[i] == '\x02') {
			if (!open)
				abort();
			char *f = folded(out + open - 1, o - (open - 1));
			if (!begins_with_term(f, t, nt, 0) ||
			    !begins_with_term(f, t, nt, 1))
				abort();
			free(f);
			open = 0;
		} else {
			out[o++] = s[i];
		}
	}
	if (open)
		abort();
	out[o] = '\0';
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16 || memchr(data, '\x01', size) ||
	    memchr(data, '\x02', size))
		return 0;
	char *in = malloc(size + 1);
	if (in == NULL)
		abort();
	memcpy(in, data, size);
	in[size] = '\0';
	const char *text = in;
	const char *terms[TERMS];
	char *owned[TERMS];
	size_t nt = 0;
	for (const char *p = in + strlen(in); p < in + size && nt < TERMS;
	    p += strlen(p)) {
		p++;
		owned[nt] = folded(p, strlen(p));
		terms[nt] = owned[nt];
		nt++;
	}
	char *f = folded(text, strlen(text));
	char *again = folded(f, strlen(f));
	if (strcmp(f, again) != 0)
		abort();
	free(again);
	free(f);

	char *whole = text_fold_marks(text, terms, nt);
	if (whole == NULL)
		abort();
	char *plain = unmarked(whole, terms, nt);
	if (strcmp(plain, text) != 0)
		abort();
	free(plain);
	free(whole);

	char *snip = text_fold_snippet(text, terms, nt);
	if (snip == NULL)
		abort();
	char *s = unmarked(snip, terms, nt);
	size_t sn = strlen(s), el = strlen(ELLIPSIS);
	const char *from = s;
	/* The stretch, with or without the "…" around it. */
	int found = strstr(text, s) != NULL;
	if (!found && sn >= el && strncmp(s, ELLIPSIS, el) == 0)
		from += el, sn -= el;
	if (!found && sn >= el && strcmp(s + strlen(s) - el, ELLIPSIS) == 0)
		sn -= el;
	if (!found) {
		char *mid = strndup(from, sn);
		if (mid == NULL || strstr(text, mid) == NULL)
			abort();
		free(mid);
	}
	free(s);
	free(snip);
	for (size_t i = 0; i < nt; i++)
		free(owned[i]);
	free(in);
	return 0;
}
