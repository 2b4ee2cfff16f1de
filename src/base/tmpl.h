/*
 * Templates of the documents the system issues (the catalog's `document`
 * blocks): a strict subset of mustache over a JSON context. No Debian
 * package offers mustache for C, and the subset is small:
 *
 *   {{name}} {{a.b}}      the value: a string, or a number; looked up
 *                         from the innermost section outwards
 *   {{.}}                 the innermost section's value itself
 *   {{#x}}…{{/x}}         x an array: once per element, the element
 *                         innermost; an object or another true value
 *                         (a non-empty string, a number, true): once,
 *                         with x innermost; false, null, "", []: never
 *   {{^x}}…{{/x}}         once when x is false, null, "" or [] — else
 *                         never
 *
 * Strict, because a document with a hole in it must not leave the
 * building: a name the context does not hold, a null or an object where
 * text goes, is an error naming the line; so is every other tag
 * ({{{x}}}, {{&x}}, {{>x}}, {{!x}}, {{=…=}}), a tag not closed on its
 * line, a '}}' that closes none, a section not closed or closed by
 * another name. Nothing is escaped: the output
 * is text for a 公文, not HTML. A line that holds only a section's tag
 * (and white space) leaves no line of its own, as mustache's standalone
 * tags do, so a list can be written one paragraph per line.
 */
#ifndef LVZHI_TMPL_H
#define LVZHI_TMPL_H

#include <jansson.h>
#include <stddef.h>

#include "base/buf.h"

/* Sections nest at most this deep. */
#define TMPL_DEPTH 16

/* Whether src (len bytes) is a well-formed template: 0, or -1 with the
 * reason in err ("line N: …", lines counted from 1). */
int tmpl_check(const char *src, size_t len, char *err, size_t errlen);
/* Appends src rendered over ctx to out: 0, or -1 with the reason in err
 * ("line N: …"); out may then hold part of the text. */
int tmpl_render(const char *src, size_t len, const json_t *ctx,
    struct buf *out, char *err, size_t errlen);

/* The same, src's first line numbered `first`; on failure *line is the
 * line of the fault and err the reason alone (for FILE:LINE reports). */
int tmpl_check_at(const char *src, size_t len, long first, long *line,
    char *err, size_t errlen);
int tmpl_render_at(const char *src, size_t len, const json_t *ctx,
    struct buf *out, long first, long *line, char *err, size_t errlen);

#endif
